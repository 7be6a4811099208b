"""What an evidence file really is, from its bytes only (kinerja/appraisal/evidence.py)."""

from __future__ import annotations

import pytest

from kinerja.appraisal import evidence
from tests.appraisal.conftest import (
    CONTENT_TYPES_XML,
    docx_bytes,
    jpeg_bytes,
    odf_bytes,
    ole2_bytes,
    pdf_bytes,
    png_bytes,
    pptx_bytes,
    xlsx_bytes,
    zip_bytes,
)

MB = 1024 * 1024


@pytest.mark.parametrize(
    ("build", "content_type"),
    [
        (pdf_bytes, evidence.PDF),
        (png_bytes, evidence.PNG),
        (jpeg_bytes, evidence.JPEG),
        (lambda: b"GIF89a" + b"\x01\x00\x01\x00" + b"\x00" * 20, evidence.GIF),
        (lambda: b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 24, evidence.WEBP),
        (docx_bytes, evidence.DOCX),
        (xlsx_bytes, evidence.XLSX),
        (pptx_bytes, evidence.PPTX),
        (lambda: odf_bytes(evidence.ODT), evidence.ODT),
        (lambda: odf_bytes(evidence.ODS), evidence.ODS),
        (lambda: odf_bytes(evidence.ODP), evidence.ODP),
        (lambda: ole2_bytes("WordDocument"), evidence.DOC),
        (lambda: ole2_bytes("Workbook"), evidence.XLS),
        (lambda: ole2_bytes("Book"), evidence.XLS),
    ],
)
def test_accepted_formats_are_recognised_by_content(build, content_type):
    verdict = evidence.inspect_file(build(), max_bytes=10 * MB)

    assert verdict.accepted
    assert (verdict.content_type, verdict.reason) == (content_type, "")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"MZ\x90\x00\x03" + b"\x00" * 60 + b"PE\x00\x00", "program Windows"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 40, "program Linux"),
        (b"\xcf\xfa\xed\xfe" + b"\x00" * 40, "program macOS"),
        (b"\xfe\xed\xfa\xce" + b"\x00" * 40, "program macOS"),
        (b"\xca\xfe\xba\xbe" + b"\x00" * 40, "program macOS"),
        (b"#!/bin/sh\nrm -rf /\n", "skrip"),
        (b"  \n#!/usr/bin/env python\n", "skrip"),
        (b"<!DOCTYPE html><html><body>x</body></html>", "HTML"),
        (b"<html><script>alert(1)</script></html>", "HTML"),
        (b"\xef\xbb\xbf<HTML>", "HTML"),
        (b"<div onclick='x()'>klik</div>", "HTML"),
        ("<html>".encode("utf-16"), "HTML"),
        (b"<script>fetch('/api')</script>", "HTML"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>', "SVG"),
        (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>', "SVG"),
        (b'<?xml version="1.0"?><laporan/>', "XML"),
        (b"<!DOCTYPE note SYSTEM 'x.dtd'><note/>", "XML"),
        (b"function steal() { return document.cookie }", "JavaScript"),
        (b"(function(){ window.location = 'x' })()", "JavaScript"),
        (b"const x = 1;", "JavaScript"),
        (b"// komentar\nalert(1)", "JavaScript"),
        (b"Teks biasa saja", "tidak dikenali"),
        (b"", "kosong"),
        (b"%PDF-1.7\n1 0 obj\n", "tidak utuh"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "PNG rusak"),
        (zip_bytes({"laporan.txt": b"isi"}), "bukan dokumen Office"),
        (zip_bytes({"[Content_Types].xml": CONTENT_TYPES_XML}), "tanpa bagian dokumen utama"),
        (
            zip_bytes(
                {
                    "[Content_Types].xml": CONTENT_TYPES_XML,
                    "word/document.xml": b"<w:document/>",
                    "word/vbaProject.bin": b"\x00",
                }
            ),
            "makro",
        ),
        (odf_bytes("application/x-evil"), "bukan dokumen Office"),
        (b"PK\x03\x04 bukan zip sungguhan", "rusak"),
        (ole2_bytes("SummaryInformation"), "bukan dokumen Word atau Excel"),
    ],
)
def test_refused_content_says_why(content, reason):
    verdict = evidence.inspect_file(content, max_bytes=10 * MB)

    assert not verdict.accepted
    assert verdict.content_type == ""
    assert reason in verdict.reason


def test_an_html_page_is_refused_whatever_it_claims_to_be():
    # The name and browser type are not even inputs: only bytes are judged.
    verdict = evidence.inspect_file(b"<html><body>laporan.pdf</body></html>", max_bytes=MB)
    assert verdict.reason == "halaman web (HTML) tidak boleh diunggah"


def test_size_limit_is_checked_before_anything_else():
    content = pdf_bytes()
    assert evidence.inspect_file(content, max_bytes=len(content)).accepted
    verdict = evidence.inspect_file(content, max_bytes=len(content) - 1)
    assert not verdict.accepted
    assert "melebihi batas" in verdict.reason


def test_a_pdf_with_svg_text_inside_is_still_a_pdf():
    content = b"%PDF-1.4\n% <svg> mentioned in a comment\n%%EOF\n"
    assert evidence.inspect_file(content, max_bytes=MB).content_type == evidence.PDF


def test_sha256_is_hex_of_the_content():
    assert evidence.sha256_of(b"abc") == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )


@pytest.mark.parametrize(
    ("original", "content_type", "expected"),
    [
        ("laporan.pdf", evidence.PDF, "laporan.pdf"),
        ("laporan.exe", evidence.PDF, "laporan.pdf"),
        ("../../etc/passwd", evidence.PNG, "passwd.png"),
        ("C:\\Users\\budi\\foto kegiatan.JPG", evidence.JPEG, "foto kegiatan.jpg"),
        ('rapat"; filename="x.html', evidence.DOCX, "rapat filenamex.docx"),
        ("", evidence.XLSX, "bukti.xlsx"),
        ("...", evidence.PDF, "bukti.pdf"),
    ],
)
def test_download_name_keeps_the_stem_and_takes_the_sniffed_extension(
    original, content_type, expected
):
    assert evidence.download_name(original, content_type) == expected


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://palembang.go.id/laporan/2026", ""),
        ("http://10.0.0.5/berkas", ""),
        ("javascript:alert(1)", "http:// atau https://"),
        ("data:text/html,<script>", "http:// atau https://"),
        ("ftp://server/berkas", "http:// atau https://"),
        ("file:///etc/passwd", "http:// atau https://"),
        ("https://", "nama situs"),
        ("https://user:rahasia@host/x", "kata sandi"),
        ("https://host/a b", "spasi"),
        ("   ", "isikan tautan"),
    ],
)
def test_only_http_links_are_evidence(url, reason):
    found = evidence.check_link(url)
    if reason:
        assert reason in found
    else:
        assert found == ""
