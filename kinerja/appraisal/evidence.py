"""What an evidence file (bukti dukung) really is, judged by its content alone.

PermenPANRB 6/2022 asks that realisation rest on evidence; the system must keep that evidence
safe to open. A file's name and the content type its browser sends are the uploader's claims,
so they are never used: the bytes are checked against the signatures and structure of the
formats we accept (PDF, PNG, JPEG, WebP, GIF, OOXML and ODF office documents, legacy Word and
Excel), and anything else is refused with a reason, including programs, scripts, HTML, SVG,
XML and JavaScript renamed as a document. Pure functions: bytes in, verdict out; no ORM.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath
from urllib.parse import urlsplit

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
WEBP = "image/webp"
GIF = "image/gif"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
ODP = "application/vnd.oasis.opendocument.presentation"
DOC = "application/msword"
XLS = "application/vnd.ms-excel"

EXTENSIONS = {
    PDF: "pdf",
    PNG: "png",
    JPEG: "jpg",
    WEBP: "webp",
    GIF: "gif",
    DOCX: "docx",
    XLSX: "xlsx",
    PPTX: "pptx",
    ODT: "odt",
    ODS: "ods",
    ODP: "odp",
    DOC: "doc",
    XLS: "xls",
}
ACCEPTED_LABEL = "PDF, PNG, JPEG, WebP, GIF, DOCX, XLSX, PPTX, ODT, ODS, ODP, DOC, XLS"

# The main part that makes an OOXML package a document of each kind.
_OOXML_MAIN_PARTS = (
    ("word/document.xml", DOCX),
    ("xl/workbook.xml", XLSX),
    ("ppt/presentation.xml", PPTX),
)
_ODF_TYPES = {ODT, ODS, ODP}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# OLE2 stream names are stored in UTF-16LE in the directory.
_OLE_STREAMS = (
    ("WordDocument".encode("utf-16-le"), DOC),
    ("Workbook".encode("utf-16-le"), XLS),
    ("Book".encode("utf-16-le"), XLS),
)
_MACHO = (
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
)
_HTML_MARKERS = (
    b"<!doctype html",
    b"<html",
    b"<head",
    b"<body",
    b"<script",
    b"<iframe",
    b"<meta",
    b"<a ",
    b"<div",
    b"<img",
)
_SCRIPT_STARTS = (
    b"//",
    b"/*",
    b"function",
    b"(function",
    b"var ",
    b"let ",
    b"const ",
    b"import ",
    b"export ",
    b"'use strict'",
    b'"use strict"',
    b"window.",
    b"document.",
    b"alert(",
    b"eval(",
)
_SNIFF_WINDOW = 1024


@dataclass(frozen=True)
class Verdict:
    """The outcome of a check: the sniffed content type when accepted, else the reason."""

    content_type: str = ""
    reason: str = ""

    @property
    def accepted(self) -> bool:
        return bool(self.content_type) and not self.reason

    @property
    def extension(self) -> str:
        return EXTENSIONS.get(self.content_type, "bin")


def _refused(reason: str) -> Verdict:
    return Verdict(reason=reason)


def sha256_of(content: bytes) -> str:
    """The SHA-256 fingerprint (hex) of the content."""
    return hashlib.sha256(content).hexdigest()


def _program(content: bytes) -> str:
    """Why the bytes are a program (by its magic number); '' if not."""
    if content.startswith(b"MZ"):
        return "berkas program Windows (EXE/DLL) tidak boleh diunggah"
    if content.startswith(b"\x7fELF"):
        return "berkas program Linux (ELF) tidak boleh diunggah"
    if content.startswith(_MACHO):
        return "berkas program macOS/Java tidak boleh diunggah"
    return ""


def _text_reason(content: bytes) -> str:
    """Why text content is refused: a script, HTML, SVG, XML or JavaScript; '' if none."""
    text = content[:_SNIFF_WINDOW]
    utf16 = text.startswith((b"\xff\xfe", b"\xfe\xff"))
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if text.startswith(bom):
            text = text[len(bom) :]
    if utf16:
        text = text.replace(b"\x00", b"")
    stripped = text.lstrip().lower()
    if stripped.startswith(b"#!"):
        return "skrip (diawali #!) tidak boleh diunggah"
    if b"<svg" in stripped:
        return "gambar SVG dapat berisi skrip dan tidak diterima; unggah PNG atau PDF"
    if any(marker in stripped for marker in (b"<!doctype html", b"<html", b"<script")):
        return "halaman web (HTML) tidak boleh diunggah"
    if stripped.startswith((b"<?xml", b"<!doctype")):
        return "berkas XML tidak diterima sebagai bukti dukung"
    if stripped.startswith(b"<") and any(m in stripped for m in _HTML_MARKERS):
        return "halaman web (HTML) tidak boleh diunggah"
    if stripped.startswith(_SCRIPT_STARTS):
        return "skrip JavaScript tidak boleh diunggah"
    return ""


def _pdf(content: bytes) -> Verdict:
    if b"%%EOF" not in content[-2048:]:
        return _refused("berkas PDF tidak utuh (penanda akhir %%EOF tidak ada)")
    return Verdict(content_type=PDF)


def _png(content: bytes) -> Verdict:
    if content[12:16] != b"IHDR":
        return _refused("berkas PNG rusak (bagian IHDR tidak ada)")
    return Verdict(content_type=PNG)


def _zip(content: bytes) -> Verdict:
    """OOXML (a [Content_Types].xml and the kind's main part) or ODF (a `mimetype` entry)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        names = archive.namelist()
        first = archive.infolist()[0] if names else None
        mimetype = (
            archive.read(first).strip()
            if first is not None and first.filename == "mimetype" and first.file_size < 100
            else b""
        )
    except (zipfile.BadZipFile, OSError, EOFError, KeyError, RuntimeError, ValueError):
        return _refused("arsip ZIP rusak")
    name_set = set(names)
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        return _refused("dokumen berisi makro (VBA) tidak diterima; simpan tanpa makro")
    if "[Content_Types].xml" in name_set:
        for part, content_type in _OOXML_MAIN_PARTS:
            if part in name_set:
                return Verdict(content_type=content_type)
        return _refused("paket Office tanpa bagian dokumen utama (Word, Excel atau PowerPoint)")
    decoded = mimetype.decode("ascii", errors="replace")
    if decoded in _ODF_TYPES:
        return Verdict(content_type=decoded)
    return _refused("arsip ZIP yang bukan dokumen Office/OpenDocument tidak diterima")


def _ole2(content: bytes) -> Verdict:
    for stream, content_type in _OLE_STREAMS:
        if stream in content:
            return Verdict(content_type=content_type)
    return _refused("berkas OLE yang bukan dokumen Word atau Excel (misalnya penginstal MSI)")


def inspect_file(content: bytes, *, max_bytes: int) -> Verdict:
    """Accept or refuse an evidence file by its bytes only (never its name or claimed type)."""
    if not content:
        return _refused("berkas kosong")
    if len(content) > max_bytes:
        limit = max_bytes / (1024 * 1024)
        return _refused(f"ukuran berkas melebihi batas {limit:g} MB")
    program = _program(content)
    if program:
        return _refused(program)
    if content.startswith(b"%PDF-"):
        return _pdf(content)
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return _png(content)
    if content.startswith(b"\xff\xd8\xff"):
        return Verdict(content_type=JPEG)
    if content.startswith((b"GIF87a", b"GIF89a")):
        return Verdict(content_type=GIF)
    if content.startswith(b"RIFF") and content[8:12] == b"WEBP":
        return Verdict(content_type=WEBP)
    if content.startswith(b"PK\x03\x04"):
        return _zip(content)
    if content.startswith(_OLE2):
        return _ole2(content)
    text_reason = _text_reason(content)
    if text_reason:
        return _refused(text_reason)
    return _refused(f"jenis berkas tidak dikenali; yang diterima: {ACCEPTED_LABEL}")


def download_name(original_name: str, content_type: str) -> str:
    """The name a download is saved as: the original stem with the sniffed type's extension.

    The stem keeps letters, digits, spaces, dots, dashes and underscores only (no path parts),
    so a file uploaded as `laporan.exe` that is really a PDF downloads as `laporan.pdf`.
    """
    base = PureWindowsPath(PurePosixPath(original_name or "").name).name
    stem = base.rsplit(".", 1)[0] if "." in base else base
    safe = "".join(ch for ch in stem if ch.isalnum() or ch in " ._-").strip(" .") or "bukti"
    return f"{safe[:100]}.{EXTENSIONS.get(content_type, 'bin')}"


def check_link(url: str) -> str:
    """Why a link cannot be evidence ('' when it can): http(s) with a host only."""
    value = url.strip()
    if not value:
        return "isikan tautan"
    if any(ch.isspace() or ord(ch) < 32 for ch in value):
        return "tautan tidak boleh berisi spasi atau karakter kendali"
    parts = urlsplit(value)
    if parts.scheme.lower() not in {"http", "https"}:
        return "tautan harus diawali http:// atau https://"
    if not parts.hostname:
        return "tautan tidak memiliki nama situs"
    if parts.username or parts.password:
        return "tautan tidak boleh memuat nama pengguna atau kata sandi"
    return ""
