"""CL251-CL265: images and documents (api-rules §6, §7)."""
import base64
import struct
import zlib

import pytest

from claude_lint.checking import media_bytes as mb
from tests.helpers import assistant, codes, error_codes, lint, only, request, user


# --- tiny real files --------------------------------------------------------------------------

def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(width=8, height=8, *, cut=0, trailer=b"") -> bytes:
    rows = b"".join(b"\x00" + b"\x00" * width for _ in range(height))  # greyscale, filter 0
    data = (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + _chunk(b"IDAT", zlib.compress(rows)) + _chunk(b"IEND", b"") + trailer)
    return data[:-cut] if cut else data


def jpeg(width=16, height=8, *, eoi=True, trailer=b"", scan=b"\x12\x34\xff\x00\x56" * 20) -> bytes:
    def seg(marker, body):
        return b"\xff" + bytes([marker]) + struct.pack(">H", len(body) + 2) + body
    return (b"\xff\xd8" + seg(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
            + seg(0xDB, b"\x00" + bytes(64))
            + seg(0xC0, struct.pack(">BHHB", 8, height, width, 1) + b"\x01\x11\x00")
            + seg(0xC4, b"\x00" + bytes(16) + b"\x00")
            + seg(0xDA, b"\x01\x01\x00\x00\x3f\x00") + scan + (b"\xff\xd9" if eoi else b"") + trailer)


def gif(width=12, height=12) -> bytes:
    return b"GIF89a" + struct.pack("<HHBBB", width, height, 0x80, 0, 0) + bytes(6) + b",\x00\x00\x00\x00" + b";"


def webp(width=10, height=7, *, cut=0) -> bytes:
    bits = (width - 1) | ((height - 1) << 14)
    payload = b"\x2f" + struct.pack("<I", bits) + bytes(11)
    body = b"WEBP" + b"VP8L" + struct.pack("<I", len(payload)) + payload
    data = b"RIFF" + struct.pack("<I", len(body)) + body
    return data[:-cut] if cut else data


PDF = (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\n"
       b"endobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def image(raw, media_type="image/png", **source):
    data = raw if isinstance(raw, str) else b64(raw)
    return {"type": "image", "source": {"type": "base64", "media_type": media_type, "data": data, **source}}


def pdf(raw=PDF, **extra):
    data = raw if isinstance(raw, str) else b64(raw)
    return {"type": "document", "source": {"type": "base64", "media_type": "application/pdf", "data": data}, **extra}


def text_doc(text="Dana is on leave.", **extra):
    return {"type": "document", "source": {"type": "text", "media_type": "text/plain", "data": text}, **extra}


def ask(*blocks):
    return request(messages=[user([*blocks, {"type": "text", "text": "What is this?"}])])


def tool_round(result_content):
    return request(
        tools=[{"name": "screenshot", "description": "Take a screenshot.", "input_schema": {"type": "object", "properties": {}}}],
        messages=[user("Take a screenshot."),
                  assistant([{"type": "tool_use", "id": "toolu_01", "name": "screenshot", "input": {}}]),
                  user([{"type": "tool_result", "tool_use_id": "toolu_01", "content": result_content}])])


def _rejected(d):
    assert d.severity == "error"
    assert (d.status, d.error_type) == (400, "invalid_request_error")


class TestValidMediaIsQuiet:
    @pytest.mark.parametrize("block", [
        image(png()), image(jpeg(), "image/jpeg"), image(gif(), "image/gif"), image(webp(), "image/webp"),
        pdf(), text_doc(),
        {"type": "image", "source": {"type": "url", "url": "https://example.com/a.png"}},
    ])
    def test_no_findings(self, block):
        assert [c for c in codes(ask(block)) if c.startswith(("CL25", "CL26"))] == []

    def test_unsupported_media_type_is_only_the_schema_error(self):
        # the bytes are a valid PNG; the schema (CL104) answers first and the bytes are not judged
        body = ask(image(png(), "image/svg+xml"))
        assert error_codes(body) == ["CL104"]


class TestInvalidBase64:
    def test_data_url_in_tool_result(self):
        body = tool_round([image("data:image/png;base64,iVBORw0KGgo=")])
        d = only(body, "CL251")
        _rejected(d)
        assert d.name == "invalid-base64"
        assert d.path == "messages.2.content.0.content.0.source.data"
        assert d.api_message == "messages.2.content.0.tool_result.content.0.image.source.base64: invalid base64 data"
        assert "data URL" in d.message and "base64," in d.fix
        assert error_codes(body) == ["CL251"]  # no byte check piles on

    def test_top_level_image(self):
        d = only(ask(image(b64(png()).replace("A", "-", 1))), "CL251")
        assert d.path == "messages.0.content.0.source.data"
        assert d.api_message == "messages.0.content.0.image.source.base64: invalid base64 data"
        assert "base64url" in d.message

    def test_padding_in_the_middle(self):
        d = only(ask(image("iVBO" + "Rw==" + "0KGg")), "CL251")
        assert d.api_message.endswith("invalid base64 data")

    def test_unpadded_data_has_no_known_text(self):
        d = only(ask(image(b64(png()).rstrip("=")[:-1])), "CL251")
        _rejected(d)
        assert d.api_message is None

    def test_line_breaks_are_a_warning(self):
        data = b64(png())
        wrapped = "\n".join(data[i:i + 76] for i in range(0, len(data), 76))
        d = only(ask(image(wrapped)), "CL251")
        assert d.severity == "warning"
        assert error_codes(ask(image(wrapped))) == []  # the other checks read through the line breaks

    def test_pdf_with_bad_base64(self):
        d = only(ask(pdf("JVBERi0x$$$$")), "CL251")
        _rejected(d)
        assert d.api_message is None and "PDF" in d.message

    def test_strict_verdicts(self):
        assert mb.base64_problem("") is None
        assert mb.base64_problem("QUJD") is None
        assert mb.base64_problem("QUI=") is None
        assert mb.base64_problem("QQ==") is None
        assert mb.base64_problem("QQ=") == mb.BAD_LENGTH
        assert mb.base64_problem("QUJ") == mb.BAD_LENGTH
        assert mb.base64_problem("Q===") == mb.BAD_LENGTH
        assert mb.base64_problem("QQ==QQ==") == mb.BAD_CHARACTERS
        assert mb.base64_problem("QUJD\r\nQUJD") == mb.WHITESPACE
        assert mb.base64_problem("QUJDé") == mb.BAD_CHARACTERS


class TestImageTooLarge:
    LIMIT = 5 * 1024 * 1024

    def test_over_5mb_decoded(self):
        data = "A" * (self.LIMIT // 3 * 4 + 8)  # decodes to just over 5 MB
        d = only(ask(image(data)), "CL252")
        _rejected(d)
        assert d.path == "messages.0.content.0.source.data"
        assert d.api_message == f"messages.0.content.0.image.source.base64: image exceeds 5 MB maximum: {len(data)} bytes > 5242880 bytes"

    def test_over_5mb_only_as_base64_is_a_warning(self):
        data = "A" * (self.LIMIT + 4)  # 5 MB of base64 text, 3.75 MB of bytes
        assert only(ask(image(data)), "CL252").severity == "warning"

    def test_exactly_5mb_of_base64_is_fine(self):
        assert "CL252" not in codes(ask(image("A" * self.LIMIT)))


class TestImageTypeMismatch:
    def test_gif_declared_png(self):
        d = only(ask(image(gif())), "CL253")
        _rejected(d)
        assert d.path == "messages.0.content.0.source.data"
        assert d.api_message == ("messages.0.content.0.image.source.base64: The image was specified using the image/png "
                                 "media type, but the image appears to be a image/gif image")
        assert d.fix == "set `media_type` to 'image/gif'"

    def test_png_declared_jpeg_inside_a_tool_result(self):
        d = only(tool_round([image(png(), "image/jpeg")]), "CL253")
        assert d.api_message == ("messages.2.content.0.tool_result.content.0.image.source.base64: The image was specified "
                                 "using the image/jpeg media type, but the image appears to be a image/png image")

    def test_heic_is_named_without_an_api_text(self):
        heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"
        d = only(ask(image(heic, "image/jpeg")), "CL253")
        _rejected(d)
        assert d.api_message is None and "image/heic" in d.message

    def test_unknown_bytes(self):
        d = only(ask(image(b"hello, not an image", "image/webp")), "CL253")
        assert d.api_message is None and "not a JPEG, PNG, GIF or WebP" in d.message

    def test_only_one_error_for_the_image(self):
        assert error_codes(ask(image(gif()))) == ["CL253"]


class TestImageUnreadable:
    def test_truncated_jpeg_header(self):
        body = request(model="claude-haiku-4-5", messages=[user([
            image("/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAYEBQYF", "image/jpeg"), {"type": "text", "text": "What is this?"}])])
        d = only(body, "CL254")
        _rejected(d)
        assert d.name == "image-unreadable"
        assert d.path == "messages.0.content.0.source.data"
        assert d.api_message == "Could not process image"
        assert error_codes(body) == ["CL254"]

    def test_jpeg_cut_in_the_scan(self):
        assert only(ask(image(jpeg(eoi=False), "image/jpeg")), "CL254").api_message == "Could not process image"

    def test_jpeg_with_data_after_its_end_marker_is_fine(self):
        motion_photo = jpeg(trailer=b"\x00\x00\x00\x18ftypmp42" + bytes(200))
        assert "CL254" not in codes(ask(image(motion_photo, "image/jpeg")))

    def test_png_without_iend(self):
        d = only(ask(image(png(cut=20))), "CL254")
        assert "IDAT" in d.message or "IEND" in d.message

    def test_png_with_trailer_after_iend_is_fine(self):
        assert "CL254" not in codes(ask(image(png(trailer=b"garbage after the end"))))

    def test_truncated_webp(self):
        assert "CL254" in error_codes(ask(image(webp(cut=6), "image/webp")))

    def test_empty_data(self):
        d = only(ask(image("")), "CL254")
        _rejected(d)
        assert d.api_message is None and "empty" in d.message


class TestImageDimensions:
    def test_8200_px_wide(self):
        body = request(model="claude-opus-4-8", messages=[user([{"type": "text", "text": "Check this screenshot."}, image(png(8200, 12))])])
        d = only(body, "CL255")
        _rejected(d)
        assert d.path == "messages.0.content.1.source.data"
        assert d.api_message == ("messages.0.content.1.image.source.base64.data: At least one of the image dimensions "
                                 "exceed max allowed size: 8000 pixels")
        assert "8200 x 12" in d.message
        assert error_codes(body) == ["CL255"]

    def test_8000_is_fine(self):
        assert "CL255" not in codes(ask(image(png(8000, 4))))

    @pytest.mark.parametrize("raw,media_type,size", [
        (jpeg(8001, 20), "image/jpeg", (8001, 20)),
        (gif(30, 9000), "image/gif", (30, 9000)),
        (webp(8500, 3), "image/webp", (8500, 3)),
    ])
    def test_every_format(self, raw, media_type, size):
        view = mb.Base64View.of(b64(raw))
        assert mb.inspect_image(view, media_type) == mb.ImageInfo(*size)
        assert "CL255" in error_codes(ask(image(raw, media_type)))


class TestManyImageDimensions:
    def _images(self, n, first):
        return [image(first)] + [image(png(8, 8)) for _ in range(n - 1)]

    def test_22_images_one_7800_wide(self):
        body = request(model="claude-sonnet-5", messages=[user([{"type": "text", "text": "Frames."}, *self._images(22, png(7800, 20))])])
        d = only(body, "CL256")
        _rejected(d)
        assert d.name == "many-image-dimensions"
        assert d.path == "messages.0.content.1.source.data"
        assert d.api_message == ("messages.0.content.1.image.source.base64.data: At least one of the image dimensions exceed "
                                 "max allowed size for many-image requests: 2000 pixels")
        assert error_codes(body) == ["CL256"]

    def test_20_images_may_be_large(self):
        assert "CL256" not in codes(ask(*self._images(20, png(2400, 10))))

    def test_21_images_at_2000_are_fine(self):
        assert "CL256" not in codes(ask(*self._images(21, png(2000, 10))))

    def test_images_in_earlier_turns_and_tool_results_count(self):
        body = tool_round([image(png(2500, 10))])
        body["messages"][0] = user([*[image(png()) for _ in range(20)], {"type": "text", "text": "Take a screenshot."}])
        assert only(body, "CL256").path == "messages.2.content.0.content.0.source.data"

    def test_over_8000_is_the_8000_error_only(self):
        codes_ = error_codes(ask(*self._images(21, png(8200, 10))))
        assert codes_ == ["CL255"]


class TestTooManyMedia:
    def test_101_images(self):
        body = ask(*[image(png()) for _ in range(101)])
        d = only(body, "CL257")
        _rejected(d)
        assert d.path is None
        assert d.api_message == "too many images and documents: 101 + 0 > 100"

    def test_images_and_pdfs(self):
        d = only(ask(*[image(png()) for _ in range(99)], pdf(), pdf()), "CL257")
        assert d.api_message == "too many images and documents: 99 + 2 > 100"

    def test_100_is_fine_and_text_documents_do_not_count(self):
        assert "CL257" not in codes(ask(*[image(png()) for _ in range(100)], text_doc()))


class TestPdf:
    def test_zip_declared_as_pdf(self):
        body = request(model="claude-opus-4-6", max_tokens=512, messages=[user([
            {"type": "text", "text": "Read the attached spec."}, pdf(b"PK\x03\x04" + bytes(range(40)))])])
        d = only(body, "CL261")
        _rejected(d)
        assert d.name == "invalid-pdf"
        assert d.path == "messages.0.content.1.source.data"
        assert d.api_message == "messages.0.content.1.pdf.source.base64.data: The PDF specified was not valid."
        assert "application/zip" in d.message
        assert error_codes(body) == ["CL261"]

    def test_header_after_leading_junk_is_accepted(self):
        assert "CL261" not in codes(ask(pdf(b"\r\n" + PDF)))

    def test_encrypted_pdf_is_a_warning(self):
        encrypted = PDF.replace(b"<< /Root 1 0 R >>", b"<< /Root 1 0 R /Encrypt 9 0 R >>")
        d = only(ask(pdf(encrypted)), "CL262")
        assert d.severity == "warning"
        assert d.api_message == "The PDF specified is password protected."

    def test_truncated_pdf_is_a_warning(self):
        d = only(ask(pdf(PDF[:-7])), "CL263")
        assert d.severity == "warning" and d.path == "messages.0.content.0.source.data"


class TestCitationsAllOrNone:
    def test_enabled_then_disabled(self):
        body = ask(pdf(citations={"enabled": True}), text_doc(citations={"enabled": False}))
        d = only(body, "CL265")
        _rejected(d)
        assert d.path == "messages.0.content.1.citations"
        assert d.api_message is None
        assert "messages.0.content.0" in d.message

    def test_missing_counts_as_disabled(self):
        d = only(ask(text_doc(), text_doc(citations={"enabled": True})), "CL265")
        assert d.path == "messages.0.content.1.citations"
        assert only(ask(text_doc(citations={"enabled": True}), text_doc()), "CL265").path == "messages.0.content.1"

    def test_across_messages_reported_once(self):
        body = request(messages=[user([text_doc(citations={"enabled": True}), {"type": "text", "text": "a"}]),
                                 assistant("ok"), user([text_doc(), text_doc(), {"type": "text", "text": "b"}])])
        assert only(body, "CL265").path == "messages.2.content.0"

    def test_all_enabled_or_none_is_fine(self):
        assert "CL265" not in codes(ask(pdf(citations={"enabled": True}), text_doc(citations={"enabled": True})))
        assert "CL265" not in codes(ask(pdf(), text_doc(citations={"enabled": False})))


class TestNestedPlaces:
    def test_image_inside_a_content_document(self):
        doc = {"type": "document", "source": {"type": "content", "content": [image(gif())]}}
        d = only(ask(doc), "CL253")
        assert d.path == "messages.0.content.0.source.content.0.source.data"
        assert d.api_message.startswith("messages.0.content.0.document.source.content.content.0.image.source.base64: ")

    def test_batch_params_paths_are_prefixed_and_messages_relative(self):
        body = {"requests": [{"custom_id": "a", "params": ask(image(gif()))}]}
        d = only(body, "CL253", endpoint="batch")
        assert d.path == "requests.0.params.messages.0.content.0.source.data"
        assert d.api_message.startswith("messages.0.content.0.image.source.base64: ")


class TestReadsOnlyWhatItNeeds:
    def test_view_reads_any_range(self):
        raw = bytes(range(256)) * 3
        view = mb.Base64View.of(b64(raw))
        assert view.size == len(raw)
        for offset, length in [(0, 1), (1, 5), (2, 7), (100, 50), (760, 100), (767, 1)]:
            assert view.read(offset, length) == raw[offset:offset + length]
        assert view.tail(10) == raw[-10:]

    def test_undecodable_slice_raises(self):
        view = mb.Base64View("QUJD$$$$QUJD")
        assert view.read(0, 3) == b"ABC"
        with pytest.raises(mb.Undecodable):
            view.read(3, 3)

    def test_large_images_are_not_decoded_whole(self, monkeypatch):
        big = png(4000, 3000)
        calls = []
        real = mb.Base64View.read

        def spy(self, offset, length):
            calls.append(length)
            return real(self, offset, length)

        monkeypatch.setattr(mb.Base64View, "read", spy)
        lint(ask(image(big)))
        assert max(calls) < 1100  # headers, tails, chunk headers: never the whole image
