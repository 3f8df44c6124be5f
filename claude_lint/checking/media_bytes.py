"""Just enough of a base64 image or PDF to judge it: is it base64, what is it, how big, is it whole.

A request may carry 100 images of up to 5 MB each, so nothing here decodes a whole file when a
few bytes answer the question. :class:`Base64View` decodes any byte range of a base64 string by
slicing whole 4-character quanta (byte ``o`` lives in characters ``4*(o//3)`` onwards), so reading
an image header or walking a file's chunk/segment headers costs a few microseconds per step
whatever the file size. The only whole-string passes are the strict alphabet check
(:func:`ascii_residue`, about 0.4 ns a character) and, for a JPEG whose last bytes are not its
end-of-image marker, a decode up to that marker (about 2 ms per MB, in 48 KiB pieces) to tell a
cut-off file from one with trailing data.
"""
from __future__ import annotations

import binascii
import struct
from dataclasses import dataclass
from typing import Optional

SUPPORTED_IMAGE_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp")

_ALPHABET = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_WHITESPACE = b" \t\r\n"

# base64_problem() verdicts
BAD_CHARACTERS = "bad-characters"  # a character outside the base64 alphabet (a data: URL prefix, base64url)
BAD_LENGTH = "bad-length"  # length not a multiple of 4, or padding in the wrong place
WHITESPACE = "whitespace"  # valid once line breaks/spaces are removed


_PIECE = 1 << 16  # long strings are scanned in cache-sized pieces: three times faster than one copy


def ascii_residue(text: str, drop: bytes) -> bytes:
    """The characters of the ASCII string ``text`` that are not in ``drop``, as bytes.

    One ``bytes.translate`` per 64 KiB piece; the result is small when ``drop`` holds the
    expected characters, so the scan costs about 0.4 ns a character.
    """
    if len(text) <= _PIECE:
        return text.encode("ascii").translate(None, drop)
    return b"".join(text[i:i + _PIECE].encode("ascii").translate(None, drop) for i in range(0, len(text), _PIECE))


def base64_problem(data: str) -> Optional[str]:
    """``None`` when ``data`` is strict standard base64, else what is wrong with it."""
    if not data.isascii():
        return BAD_CHARACTERS
    rest = ascii_residue(data, _ALPHABET)  # everything that is not a base64 digit
    if rest:
        other = rest.translate(None, b"=")
        if other.translate(None, _WHITESPACE):
            return BAD_CHARACTERS
        if other:  # only whitespace besides the digits and padding
            compact = "".join(data.split())
            return _padding_verdict(compact, len(rest) - len(other)) or WHITESPACE
    return _padding_verdict(data, len(rest))


def _padding_verdict(data: str, pads: int) -> Optional[str]:
    if pads and not data.endswith("=" * pads):
        return BAD_CHARACTERS  # "=" inside the data: two strings glued together, or not base64
    if len(data) % 4 or pads > 2:
        return BAD_LENGTH
    return None


def decoded_size(data: str) -> int:
    """The byte length ``data`` decodes to (``data`` assumed valid; whitespace not counted)."""
    n = len(data)
    return n // 4 * 3 - (2 if data.endswith("==") else 1 if data.endswith("=") else 0)


class Undecodable(Exception):
    """A slice of the data is not base64 (the whole-string check reports it, not the byte checks)."""


class Base64View:
    """Random access to the bytes a base64 string decodes to, decoding only what is read."""

    __slots__ = ("data", "size")

    def __init__(self, data: str):
        self.data = data
        self.size = decoded_size(data)

    @classmethod
    def of(cls, data) -> Optional["Base64View"]:
        """A view of ``data``, or ``None`` when it cannot be read as base64 at all."""
        if not isinstance(data, str) or not data.isascii():
            return None
        if "\n" in data or "\r" in data or " " in data or "\t" in data:
            data = "".join(data.split())  # rare: only then is the string copied
        if len(data) % 4:
            return None
        return cls(data)

    def read(self, offset: int, length: int) -> bytes:
        """Up to ``length`` bytes from ``offset`` (fewer at the end of the data)."""
        offset = max(offset, 0)
        end = min(offset + length, self.size)
        if end <= offset:
            return b""
        first, last = offset // 3, -(-end // 3)
        try:
            raw = binascii.a2b_base64(self.data[4 * first:4 * last], strict_mode=True)
        except binascii.Error as exc:
            raise Undecodable(str(exc)) from None
        skip = offset - 3 * first
        return raw[skip:skip + end - offset]

    def tail(self, length: int) -> bytes:
        return self.read(self.size - length, length)

    def find(self, needle: bytes, start: int = 0) -> int:
        """The first offset of ``needle`` at or after ``start``, or -1; decodes 48 KiB at a time
        and stops at the first match."""
        piece, overlap = 3 << 14, len(needle) - 1
        pos = max(start, 0)
        while pos < self.size:
            found = self.read(pos, piece + overlap).find(needle)
            if found >= 0:
                return pos + found
            pos += piece
        return -1


def sniff(head: bytes) -> Optional[str]:
    """The media type the first bytes of a file announce (the four image types, PDF, and a few
    others worth naming in a message), or ``None``."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"BM"):
        return "image/bmp"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "image/tiff"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        return "image/avif" if brand in (b"avif", b"avis") else "image/heic" if brand[:3] in (b"hei", b"hev", b"mif") else None
    if head.startswith(b"PK\x03\x04"):
        return "application/zip"
    stripped = head.lstrip()
    if stripped.startswith((b"<svg", b"<?xml")):
        return "image/svg+xml"
    return None


HEAD_BYTES = 32  # enough for sniff() and the GIF / WebP / PNG headers


# inspect_image() problems
TRUNCATED = "truncated"
CORRUPT = "corrupt"


@dataclass(frozen=True)
class ImageInfo:
    width: Optional[int] = None
    height: Optional[int] = None
    problem: Optional[str] = None  # TRUNCATED, CORRUPT or None
    detail: str = ""  # what exactly is wrong, for the human message

    @property
    def longest_side(self) -> int:
        return max(self.width or 0, self.height or 0)


# Bounds on header walks: real files need a handful of steps; a file that needs more is
# pathological, and is then left unjudged rather than walked at length.
_MAX_STEPS = 4096
_IEND = b"\x00\x00\x00\x00IEND\xaeB`\x82"
_JPEG_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})  # TEM, RST0-7: no length field
_JPEG_SOF = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})


def inspect_image(view: Base64View, media_type: str, *, whole: bool = False) -> ImageInfo:
    """Dimensions from the header and, with ``whole``, whether the file is complete.

    ``media_type`` is what the bytes are (see :func:`sniff`). Raises :class:`Undecodable` when a
    slice that had to be read is not base64.
    """
    reader = _READERS.get(media_type)
    return reader(view, whole) if reader else ImageInfo()


def _png(view: Base64View, whole: bool) -> ImageInfo:
    head = view.read(0, 24)
    if len(head) < 24:
        return ImageInfo(problem=TRUNCATED, detail="the PNG ends inside its header")
    if head[12:16] != b"IHDR":
        return ImageInfo(problem=CORRUPT, detail="the PNG does not start with an IHDR chunk")
    width, height = struct.unpack(">II", head[16:24])
    if not whole or view.tail(12) == _IEND:
        return ImageInfo(width, height)
    # No IEND at the very end: walk the chunk headers (a trailer after IEND is harmless).
    pos = 8
    for _ in range(_MAX_STEPS):
        header = view.read(pos, 8)
        if len(header) < 8:
            return ImageInfo(width, height, TRUNCATED, "the PNG ends before its IEND chunk")
        length, kind = struct.unpack(">I4s", header)
        if not kind.isalpha():
            return ImageInfo(width, height, CORRUPT, f"the PNG has a malformed chunk at byte {pos}")
        if kind == b"IEND":
            return ImageInfo(width, height)
        pos += 12 + length
        if pos > view.size:
            return ImageInfo(width, height, TRUNCATED, f"the PNG's {kind.decode()} chunk runs past the end of the data")
    return ImageInfo(width, height)


def _gif(view: Base64View, whole: bool) -> ImageInfo:
    head = view.read(0, 13)  # signature + logical screen descriptor
    if len(head) < 13:
        return ImageInfo(problem=TRUNCATED, detail="the GIF ends inside its header")
    width, height = struct.unpack("<HH", head[6:10])
    return ImageInfo(width, height)


def _webp(view: Base64View, whole: bool) -> ImageInfo:
    head = view.read(0, 30)
    if len(head) < 20:
        return ImageInfo(problem=TRUNCATED, detail="the WebP ends inside its header")
    riff_size = struct.unpack("<I", head[4:8])[0]
    if riff_size + 8 > view.size:
        return ImageInfo(problem=TRUNCATED, detail=f"the WebP declares {riff_size + 8} bytes but the data holds {view.size}")
    kind = head[12:16]
    if kind == b"VP8X" and len(head) >= 30:
        return ImageInfo(1 + int.from_bytes(head[24:27], "little"), 1 + int.from_bytes(head[27:30], "little"))
    if kind == b"VP8L" and len(head) >= 25 and head[20] == 0x2F:
        b = head[21:25]
        width = 1 + (((b[1] & 0x3F) << 8) | b[0])
        height = 1 + (((b[3] & 0x0F) << 10) | (b[2] << 2) | ((b[1] & 0xC0) >> 6))
        return ImageInfo(width, height)
    if kind == b"VP8 " and len(head) >= 30 and head[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", head[26:30])
        return ImageInfo(width & 0x3FFF, height & 0x3FFF)
    if kind in (b"VP8X", b"VP8L", b"VP8 "):
        return ImageInfo(problem=CORRUPT, detail="the WebP bitstream header is malformed")
    return ImageInfo()  # a chunk layout this reader does not know: leave it unjudged


def _jpeg(view: Base64View, whole: bool) -> ImageInfo:
    width = height = None
    pos, scan = 2, None
    for _ in range(_MAX_STEPS):
        seg = view.read(pos, 4)
        if len(seg) < 2:
            return ImageInfo(width, height, TRUNCATED, "the JPEG ends inside its header segments")
        if seg[0] != 0xFF:
            return ImageInfo(width, height, CORRUPT, f"the JPEG has no segment marker at byte {pos}")
        marker = seg[1]
        if marker == 0xFF:  # fill byte before a marker
            pos += 1
            continue
        if marker in _JPEG_STANDALONE:
            pos += 2
            continue
        if marker in (0xD8, 0xD9):
            return ImageInfo(width, height, CORRUPT, "the JPEG has no image data")
        if len(seg) < 4:
            return ImageInfo(width, height, TRUNCATED, "the JPEG ends inside its header segments")
        end = pos + 2 + ((seg[2] << 8) | seg[3])
        if end > view.size:
            return ImageInfo(width, height, TRUNCATED, f"the JPEG's segment at byte {pos} runs past the end of the data")
        if marker in _JPEG_SOF:
            frame = view.read(pos + 5, 4)
            if len(frame) == 4:
                height, width = struct.unpack(">HH", frame)
        if marker == 0xDA:  # start of scan: entropy-coded data follows
            scan = end
            break
        pos = end
    if scan is None:
        return ImageInfo(width, height)  # walk bound hit: unjudged
    if width is None:
        return ImageInfo(problem=CORRUPT, detail="the JPEG has no frame header")
    if not whole or b"\xff\xd9" in view.tail(64):
        return ImageInfo(width, height)
    # Inside entropy-coded data every 0xFF is followed by 0x00 or a restart marker, so an EOI
    # anywhere after the scan starts is the real one (followed by a trailer such as a motion
    # photo's video). Telling that from a cut-off file means decoding up to the EOI (all of a
    # cut-off file), taken only for JPEGs whose last bytes are not FF D9.
    if view.find(b"\xff\xd9", scan) < 0:
        return ImageInfo(width, height, TRUNCATED, "the JPEG has no end-of-image marker (the file is cut off)")
    return ImageInfo(width, height)


_READERS = {"image/png": _png, "image/gif": _gif, "image/webp": _webp, "image/jpeg": _jpeg}


# --- PDF ----------------------------------------------------------------------------------------

def pdf_has_header(view: Base64View) -> bool:
    """PDF readers accept the ``%PDF-`` header anywhere in the first 1024 bytes."""
    return b"%PDF-" in view.read(0, 1024)


def pdf_encrypted(view: Base64View) -> bool:
    """An ``/Encrypt`` entry in the trailer (at the end, or at the start of a linearized file)."""
    return b"/Encrypt" in view.tail(4096) or b"/Encrypt" in view.read(0, 4096)


def pdf_has_eof(view: Base64View) -> bool:
    return b"%%EOF" in view.tail(1024)
