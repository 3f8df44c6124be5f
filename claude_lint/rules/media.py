"""CL25x-CL26x: images and documents — base64, media type, size, dimensions, PDFs, citations (api-rules §6, §7).

Byte checks read only what they need (``checking/media_bytes.py``): a request may carry 100
images. They apply to base64 sources whose declared `media_type` the schema accepts; an unknown
`media_type` is the schema's error (CL104) and the bytes are not judged on top of it.
"""
from __future__ import annotations

from ..diagnostic import value_text

import re
from dataclasses import dataclass
from typing import Iterator, Optional

from ..checking import media_bytes as mb
from ..checking.context import blocks, messages
from .base import Finding, rule, warn

IMAGE_BYTES_LIMIT = 5 * 1024 * 1024  # printed by the API as 5242880 bytes (IMG4)
MAX_DIMENSION = 8000  # IMG5
MANY_IMAGES = 20  # more than this many images in a request is a "many-image request" (IMG6)
MANY_IMAGES_MAX_DIMENSION = 2000
MAX_MEDIA = 100  # images + documents (IMG7)


@dataclass(frozen=True)
class Media:
    """An `image` or `document` block wherever the API accepts one."""

    loc: tuple
    api: str  # the API's path to the block, without its type tag
    block: dict

    @property
    def type(self):
        return self.block.get("type")

    @property
    def source(self) -> dict:
        source = self.block.get("source")
        return source if isinstance(source, dict) else {}

    @property
    def data_loc(self) -> tuple:
        return self.loc + ("source", "data")


def media_blocks(body) -> Iterator[Media]:
    """Images and documents in messages, in `tool_result` content, and images inside a document's
    `content` source, in request order."""
    for n, message in messages(body):
        for m, block in blocks(message.get("content")):
            loc, api = ("messages", n, "content", m), f"messages.{n}.content.{m}"
            kind = block.get("type")
            if kind in ("image", "document"):
                yield from _with_nested(Media(loc, api, block))
            elif kind == "tool_result":
                for k, inner in blocks(block.get("content")):
                    if inner.get("type") in ("image", "document"):
                        yield from _with_nested(Media(loc + ("content", k), f"{api}.tool_result.content.{k}", inner))


_MEDIA_TYPES = frozenset(("image", "document"))


def has_media(ctx) -> bool:
    """Whether the request carries any image or document (the media rules' shared test)."""
    census = ctx.census
    if _MEDIA_TYPES.isdisjoint(census.types) and _MEDIA_TYPES.isdisjoint(census.inner_types):
        return False
    return bool(ctx.view(media_blocks))


def _with_nested(media: Media) -> Iterator[Media]:
    yield media
    source = media.source
    if media.type == "document" and source.get("type") == "content":
        for k, inner in blocks(source.get("content")):
            if inner.get("type") == "image":
                yield Media(media.loc + ("source", "content", k), f"{media.api}.document.source.content.content.{k}", inner)


def _base64_images(ctx) -> Iterator[tuple[Media, str, str]]:
    """``(media, declared media type, data)`` for base64 images with a media type the schema accepts."""
    for media in ctx.view(media_blocks):
        source = media.source
        if (media.type == "image" and source.get("type") == "base64" and isinstance(source.get("data"), str)
                and source.get("media_type") in mb.SUPPORTED_IMAGE_TYPES):
            yield media, source["media_type"], source["data"]


def _base64_pdfs(ctx) -> Iterator[tuple[Media, str]]:
    for media in ctx.view(media_blocks):
        source = media.source
        if (media.type == "document" and source.get("type") == "base64" and isinstance(source.get("data"), str)
                and source.get("media_type") == "application/pdf"):
            yield media, source["data"]


def _open(data: str) -> Optional[tuple[mb.Base64View, Optional[str]]]:
    """The bytes of ``data`` and the type they announce; ``None`` when they cannot be read (CL251's)."""
    view = mb.Base64View.of(data)
    if view is None:
        return None
    try:
        return view, mb.sniff(view.read(0, mb.HEAD_BYTES))
    except mb.Undecodable:
        return None


def _opened_images(ctx) -> Iterator[tuple]:
    """``(media, declared type, data, _open(data))``: each image's header decoded once per request."""
    for media, declared, data in ctx.derived(_base64_images):
        yield media, declared, data, _open(data)


def _opened_pdfs(ctx) -> Iterator[tuple]:
    for media, data in ctx.derived(_base64_pdfs):
        yield media, data, _open(data)


def _readable_images(ctx) -> Iterator[tuple[Media, mb.ImageInfo]]:
    """Images whose bytes are what they claim to be, with what their header says."""
    for media, declared, data, opened in ctx.derived(_opened_images):
        if opened is None or opened[1] != declared:
            continue  # unreadable base64 (CL251) or another format (CL253)
        try:
            yield media, mb.inspect_image(opened[0], declared)
        except mb.Undecodable:
            continue


_NOT_BASE64 = re.compile(r"[^A-Za-z0-9+/=\s]")


@rule("CL251", "invalid-base64", when=has_media, source="api-rules.md §20 IMG10 (observed: anthropic-sdk-typescript#603)")
def invalid_base64(ctx):
    """The `data` of a base64 image or PDF is not valid base64.

    The API decodes `source.data` strictly and answers
    `messages.<N>.content.<M>.image.source.base64: invalid base64 data` (observed; inside a tool
    result `messages.<N>.content.<M>.tool_result.content.<K>.image.source.base64: invalid base64
    data`). The usual cause is a data URL (`data:image/png;base64,...`) pasted whole, or base64url
    (`-`, `_`). A length that is not a multiple of 4 or padding in the middle cannot be decoded
    either (text not captured). Line breaks inside the data (MIME-style base64) are a warning: a
    strict decoder refuses them, but no capture shows the API's answer.

    Fix: send only the base64 payload, standard alphabet, padded, on one line.

    Bad:  {"type": "base64", "media_type": "image/png", "data": "data:image/png;base64,iVBORw0KGgo..."}
    Good: {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo..."}
    """
    for media, data, is_image in _base64_sources(ctx):
        problem = mb.base64_problem(data)
        if problem is None:
            continue
        what = "image" if is_image else "PDF"
        if problem == mb.WHITESPACE:
            yield warn(media.data_loc, f"the {what} data contains line breaks or spaces, which a strict base64 decoder rejects",
                       fix="remove the whitespace from the base64 data")
        elif problem == mb.BAD_CHARACTERS:
            yield Finding(media.data_loc, f"the {what} data is not valid base64: {_describe_bad(data)}",
                          api_message=f"{media.api}.image.source.base64: invalid base64 data" if is_image else None,
                          fix=_fix_bad(data))
        else:
            yield Finding(media.data_loc, f"the {what} data is not valid base64: its length ({len(data)}) is not a "
                          "multiple of 4 or its `=` padding is wrong (truncated or unpadded data)",
                          fix="send the complete base64 string with its `=` padding")


def _base64_sources(ctx):
    for media, _declared, data in ctx.derived(_base64_images):
        yield media, data, True
    for media, data in ctx.derived(_base64_pdfs):
        yield media, data, False


def _describe_bad(data: str) -> str:
    if data.startswith("data:"):
        return "it is a data URL; only the part after `base64,` is base64"
    found = _NOT_BASE64.search(data)
    if found is None:
        return "it has `=` padding in the middle of the data"
    char = found.group()
    hint = " (base64url; the API takes the standard alphabet with `+` and `/`)" if char in "-_" else ""
    return f"character {value_text(char)} at position {found.start()}{hint}"


def _fix_bad(data: str) -> str:
    if data.startswith("data:") and "," in data[:100]:
        return "drop the `data:...;base64,` prefix and send only the base64 payload"
    return "encode the file with standard base64 (`base64.b64encode`) and send that string unchanged"


@rule("CL252", "image-too-large", when=has_media, source="api-rules.md §6 IMG4 (observed second-hand: several fixtures); §17 item 7")
def image_too_large(ctx):
    """A base64 image is larger than 5 MB.

    The API answers `messages.<N>.content.<M>.image.source.base64: image exceeds 5 MB maximum:
    <bytes> bytes > 5242880 bytes` (quoted by several sources). Whether it measures the decoded
    bytes or the base64 string is not settled (the captured sizes fit both; Claude Code limits the
    base64 string, and the number in this prediction is the base64 length): an image over the
    limit either way is an error, one whose base64 text is over 5 MB but whose bytes are not is a
    warning.

    Fix: resize or recompress the image (long side 1568 px or less is all the model uses on most
    models), or upload it once through the Files API and send a `file` source.

    Bad:  {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "<6 MB of base64>"}}
    Good: {"type": "image", "source": {"type": "base64", "media_type": "image/jpeg", "data": "<the same image, 1568 px, 400 KB>"}}
    """
    for media, _declared, data in ctx.derived(_base64_images):
        if len(data) <= IMAGE_BYTES_LIMIT:
            continue
        view = mb.Base64View.of(data)
        decoded = view.size if view is not None else len(data) * 3 // 4
        fix = "resize or recompress the image to under 5 MB (3.75 MB of bytes keeps the base64 text under 5 MB)"
        if decoded > IMAGE_BYTES_LIMIT:
            yield Finding(media.data_loc, f"the image is {decoded} bytes ({len(data)} as base64); the limit is 5 MB (5242880 bytes)",
                          api_message=f"{media.api}.image.source.base64: image exceeds 5 MB maximum: {len(data)} bytes > 5242880 bytes",
                          fix=fix)
        else:
            yield warn(media.data_loc, f"the image's base64 text is {len(data)} characters, over 5 MB (5242880); its bytes ({decoded}) "
                       "are under it — rejected if the API measures the base64 length, as Claude Code assumes", fix=fix)


@rule("CL253", "image-type-mismatch", when=has_media, source="api-rules.md §6 IMG2 (observed: llxprt#2130, sdkts#682); §20 IMG2 wordings")
def image_type_mismatch(ctx):
    """The image bytes are not the format `media_type` declares.

    The API sniffs the bytes and answers `messages.<N>.content.<M>.image.source.base64: The image
    was specified using the image/jpeg media type, but the image appears to be a image/png image`
    (observed 2026, with its "a image" grammar; 2025 responses said `…base64.data: Image does not
    match the provided media type image/jpeg`). Bytes that are no JPEG, PNG, GIF or WebP at all
    (HEIC, BMP, SVG, a PDF) are rejected too; that text is not captured.

    Fix: declare the type the bytes really are, or convert the image to one of the four formats.
    Don't derive `media_type` from the file extension.

    Bad:  {"media_type": "image/png", "data": "R0lGODdh...<GIF bytes>"}
    Good: {"media_type": "image/gif", "data": "R0lGODdh...<GIF bytes>"}
    """
    for media, declared, data, opened in ctx.derived(_opened_images):
        if opened is None or opened[0].size == 0:
            continue
        actual = opened[1]
        if actual == declared:
            continue
        if actual in mb.SUPPORTED_IMAGE_TYPES:
            yield Finding(media.data_loc, f"the image is declared {declared} but its bytes are {actual}",
                          api_message=(f"{media.api}.image.source.base64: The image was specified using the {declared} media type, "
                                       f"but the image appears to be a {actual} image"),
                          fix=f"set `media_type` to {value_text(actual)}")
        elif actual is not None:
            yield Finding(media.data_loc, f"the image is declared {declared} but its bytes are {actual}, which the API does not accept",
                          fix="convert the image to JPEG, PNG, GIF or WebP")
        else:
            yield Finding(media.data_loc, f"the image is declared {declared} but its bytes are not a JPEG, PNG, GIF or WebP image",
                          fix="send the bytes of a JPEG, PNG, GIF or WebP file")


@rule("CL254", "image-unreadable", when=has_media, source="api-rules.md §6 IMG3 (observed: cc#6675, cc#8647, cc#37180, cc#60920)")
def image_unreadable(ctx):
    """The image cannot be decoded: the file is cut off or its header is broken.

    The API answers `Could not process image` (observed, no path). Typical causes: a file read
    while it was still being written, a truncated upload, a string cut at a length limit. The
    check reads the header and the end of the file: a PNG must reach its IEND chunk, a JPEG its
    end-of-image marker, a WebP the length its RIFF header declares.

    Fix: re-read or re-encode the file and send all of it.

    Bad:  {"media_type": "image/jpeg", "data": "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAYEBQYF"}
    Good: {"media_type": "image/jpeg", "data": "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAYEBQYF...<the whole file>...//2Q=="}
    """
    for media, declared, data, opened in ctx.derived(_opened_images):
        if opened is None:
            continue
        view, actual = opened
        if view.size == 0:
            yield Finding(media.data_loc, "the image data is empty", fix="send the image's bytes")
            continue
        if actual != declared:
            continue
        try:
            info = mb.inspect_image(view, declared, whole=True)
        except mb.Undecodable:
            continue
        if info.problem:
            yield Finding(media.data_loc, f"the image cannot be decoded: {info.detail}",
                          api_message="Could not process image", fix="send the complete, uncorrupted image file")


@rule("CL255", "image-dimensions-too-large", when=has_media, source="api-rules.md §6 IMG5 (observed second-hand: fixtures with req ids)")
def image_dimensions_too_large(ctx):
    """An image is wider or taller than 8000 pixels.

    The API answers `messages.<N>.content.<M>.image.source.base64.data: At least one of the image
    dimensions exceed max allowed size: 8000 pixels` (quoted with request ids). Full-page
    screenshots and stitched panoramas hit it.

    Fix: resize the image so both sides are at most 8000 px (the model sees at most about 1568 px
    on the long side, 2576 px on Claude 4.7 and later), or split it into tiles.

    Bad:  {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "<an 8200 x 12 px PNG>"}}
    Good: {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "<the same image at 8000 x 12 px>"}}
    """
    for media, info in ctx.derived(_readable_images):
        if info.problem or info.longest_side <= MAX_DIMENSION:
            continue
        yield Finding(media.data_loc, f"the image is {info.width} x {info.height} px; neither side may exceed {MAX_DIMENSION} px",
                      api_message=f"{media.api}.image.source.base64.data: At least one of the image dimensions exceed max allowed size: 8000 pixels",
                      fix=f"resize the image to at most {MAX_DIMENSION} px per side")


@rule("CL256", "many-image-dimensions", when=has_media, source="api-rules.md §6 IMG6 (observed: cc#24630, cc#8492, cc#49836; threshold: vision docs as quoted in shellicar/claude-cli#323)")
def many_image_dimensions(ctx):
    """A request with more than 20 images has an image wider or taller than 2000 pixels.

    With more than 20 images in one request the per-image limit drops from 8000 to 2000 px; the
    API answers `messages.<N>.content.<M>.image.source.base64.data: At least one of the image
    dimensions exceed max allowed size for many-image requests: 2000 pixels` (observed). The
    threshold is the vision guide's ("more than 20 images"); every image in the request counts,
    earlier turns and tool results included. Agents that keep every screenshot in the history
    cross it without noticing.

    Fix: resize images to at most 2000 px per side, or drop old images from the history.

    Bad:  {"messages": [{"role": "user", "content": [<21 image blocks, one of them 2400 x 1200 px>]}]}
    Good: {"messages": [{"role": "user", "content": [<21 image blocks, all at most 2000 px per side>]}]}
    """
    count = sum(1 for media in ctx.view(media_blocks) if media.type == "image")
    if count <= MANY_IMAGES:
        return
    for media, info in ctx.derived(_readable_images):
        if info.problem or not MANY_IMAGES_MAX_DIMENSION < info.longest_side <= MAX_DIMENSION:
            continue
        yield Finding(media.data_loc,
                      f"the image is {info.width} x {info.height} px; with {count} images in the request (more than {MANY_IMAGES}) "
                      f"each side must be at most {MANY_IMAGES_MAX_DIMENSION} px",
                      api_message=(f"{media.api}.image.source.base64.data: At least one of the image dimensions exceed max "
                                   "allowed size for many-image requests: 2000 pixels"),
                      fix=f"resize the image to at most {MANY_IMAGES_MAX_DIMENSION} px per side, or send fewer images")


@rule("CL257", "too-many-media", when=has_media, source="api-rules.md §6 IMG7 (observed: cc#3397, cc#23392, cc#24541, openclaw#13202)")
def too_many_media(ctx):
    """More than 100 images and documents in one request.

    The API answers `too many images and documents: <images> + <documents> > 100` (observed
    2026-02 to 2026-07; an older counter says `Too much media: <pages> document pages + <images>
    images > 100`, where each PDF page counts). Plain-text and custom-content documents are not
    counted here. Long agent sessions that keep every screenshot reach it and then fail on every
    turn.

    Fix: drop old images from the history (keep the latest few), or summarise them as text.

    Bad:  {"messages": [<turns carrying 101 image blocks in all>]}
    Good: {"messages": [<the same turns, the oldest screenshots replaced by text notes>]}
    """
    images = documents = 0
    for media in ctx.view(media_blocks):
        if media.type == "image":
            images += 1
        elif media.type == "document" and media.source.get("type") not in ("text", "content"):
            documents += 1
    if images + documents > MAX_MEDIA:
        yield Finding((), f"the request carries {images} images and {documents} documents; at most {MAX_MEDIA} are allowed",
                      api_message=f"too many images and documents: {images} + {documents} > {MAX_MEDIA}",
                      fix="remove older images and documents from the conversation")


@rule("CL261", "invalid-pdf", when=has_media, source="api-rules.md §7 DOC2 (observed second-hand: fixtures, Claude Code errors.ts); conformance invalid-zip-declared-as-pdf (cc#5174)")
def invalid_pdf(ctx):
    """A base64 `application/pdf` document whose bytes are not a PDF.

    The API answers `messages.<N>.content.<M>.pdf.source.base64.data: The PDF specified was not
    valid.` (note the `pdf` tag; quoted second-hand, shorter variants seen). Typical causes: a
    Word or ZIP file, an HTML error page saved as `.pdf`, a file base64-encoded twice.

    Fix: send the bytes of a real PDF (they start with `%PDF-`), or convert the file first.

    Bad:  {"type": "base64", "media_type": "application/pdf", "data": "UEsDBAoAAAAA...<a ZIP file>"}
    Good: {"type": "base64", "media_type": "application/pdf", "data": "JVBERi0xLjQK..."}
    """
    for media, data, opened in ctx.derived(_opened_pdfs):
        if opened is None:
            continue
        view, actual = opened
        try:
            if mb.pdf_has_header(view):
                continue
        except mb.Undecodable:
            continue
        what = "empty" if view.size == 0 else f"{actual} bytes" if actual else "not a PDF (no %PDF- header)"
        yield Finding(media.data_loc, f"the document is declared application/pdf but the data is {what}",
                      api_message=f"{media.api}.pdf.source.base64.data: The PDF specified was not valid.",
                      fix="send the bytes of a real PDF file")


@rule("CL262", "encrypted-pdf", when=has_media, severity="warning", source="api-rules.md §7 DOC3 (observed second-hand: Claude Code errors.ts)")
def encrypted_pdf(ctx):
    """A PDF is encrypted.

    The API refuses password-protected PDFs: `The PDF specified is password protected.` (quoted
    second-hand). A PDF encrypted only to restrict printing or copying (no password to open it) may
    be accepted, and the check cannot tell the two apart without decrypting, so it is a warning.

    Fix: remove the password or the encryption (for example `qpdf --decrypt in.pdf out.pdf`).

    Bad:  {"type": "document", "source": {"type": "base64", "media_type": "application/pdf", "data": "<a PDF with /Encrypt>"}}
    Good: {"type": "document", "source": {"type": "base64", "media_type": "application/pdf", "data": "<the decrypted PDF>"}}
    """
    for media, data, opened in ctx.derived(_opened_pdfs):
        try:
            if opened is None or not mb.pdf_has_header(opened[0]) or not mb.pdf_encrypted(opened[0]):
                continue
        except mb.Undecodable:
            continue
        yield warn(media.data_loc, "the PDF is encrypted; the API rejects password-protected PDFs",
                   api_message="The PDF specified is password protected.", fix="send a decrypted copy of the PDF")


@rule("CL263", "truncated-pdf", when=has_media, severity="warning", source="api-rules.md §7 DOC2 (inferred: a PDF without its end marker is usually cut off)")
def truncated_pdf(ctx):
    """A PDF does not end with `%%EOF`: the file is probably cut off.

    A complete PDF ends with its cross-reference section and `%%EOF`. A truncated file is
    answered as invalid (`The PDF specified was not valid.`) unless the parser can repair it,
    which is why this is a warning.

    Fix: re-read the file and send all of it.

    Bad:  {"type": "document", "source": {"type": "base64", "media_type": "application/pdf", "data": "<the first 2 MB of a 3 MB PDF>"}}
    Good: {"type": "document", "source": {"type": "base64", "media_type": "application/pdf", "data": "<the whole PDF>"}}
    """
    for media, data, opened in ctx.derived(_opened_pdfs):
        try:
            if opened is None or not mb.pdf_has_header(opened[0]) or mb.pdf_has_eof(opened[0]):
                continue
        except mb.Undecodable:
            continue
        yield warn(media.data_loc, "the PDF does not end with %%EOF; it looks truncated", fix="send the complete PDF file")


@rule("CL265", "citations-all-or-none", when=has_media, source="api-rules.md §7 DOC6 (documented: citations guide, as quoted in inspect#4527)")
def citations_all_or_none(ctx):
    """Citations are enabled on some documents of the request but not on others.

    The citations guide requires `citations.enabled` to be the same on every document of a
    request; a mix is rejected with 400 (text not captured). A document without `citations`
    counts as disabled.

    Fix: enable citations on every document, or on none.

    Bad:  [{"type": "document", ..., "citations": {"enabled": true}}, {"type": "document", ...}]
    Good: [{"type": "document", ..., "citations": {"enabled": true}}, {"type": "document", ..., "citations": {"enabled": true}}]
    """
    first = None
    for media in ctx.view(media_blocks):
        if media.type != "document":
            continue
        citations = media.block.get("citations")
        enabled = isinstance(citations, dict) and citations.get("enabled") is True
        if first is None:
            first = (media, enabled)
            continue
        if enabled != first[1]:
            where = ".".join(map(str, first[0].loc))
            state = "enabled" if enabled else "not enabled"
            loc = media.loc + ("citations",) if "citations" in media.block else media.loc
            yield Finding(loc, f"citations are {state} on this document but {'not ' if enabled else ''}enabled on the "
                          f"document at {where}; they must be enabled on all documents or none",
                          fix="set `citations: {\"enabled\": true}` on every document, or remove it from all")
            return  # the API reports the request once
