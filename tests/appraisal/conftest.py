"""Appraisal fixtures: the planning fixtures (period, approved plans), evidence files built in
the test, and uploads stored in a temporary MEDIA_ROOT.

`executed_plan` is pegawai's approved SKP of 2026 (quarterly, kuantitatif), rated by atasan:
main RHK "Surat pengantar terlayani" with a quantity indicator (target 12 dokumen) and a time
indicator (target 3 hari); additional RHK "Arsip tertata" with a quality indicator (target 90).
"""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.planning import services as planning
from kinerja.planning.models import PerformancePlan
from tests.planning.conftest import approved_plan, period, submitted_plan, user_of

__all__ = ["approved_plan", "period", "submitted_plan"]


@pytest.fixture(autouse=True)
def _evidence_storage(settings, tmp_path):
    """Uploaded evidence lands in a temporary folder, never in var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


def build_plan(world, employee, period, *, indicators=None) -> PerformancePlan:
    """An approved SKP of `employee` with the RHK and indicators described in the module doc."""
    owner = user_of(world, employee)
    plan = planning.start_plan(employee, actor=None, period=period)
    main = planning.add_result(
        plan, actor=owner, expected_version=None, kind="utama", text="Surat pengantar terlayani"
    )
    specs = indicators or [
        (main, "kuantitas", "Jumlah surat pengantar", Decimal(12), "dokumen"),
        (main, "waktu", "Lama penyelesaian surat", Decimal(3), "hari"),
        ("tambahan", "kualitas", "Nilai kerapian arsip", Decimal(90), "skor"),
    ]
    additional = None
    for result, aspect, text, target, unit in specs:
        if result == "tambahan":
            additional = additional or planning.add_result(
                plan, actor=owner, expected_version=None, kind="tambahan", text="Arsip tertata"
            )
            result = additional
        planning.add_indicator(
            result,
            actor=owner,
            expected_version=None,
            aspect=aspect,
            text=text,
            target_value=target,
            unit_of_measure=unit,
        )
    plan = planning.submit_plan(plan, actor=owner, expected_version=None)
    return planning.approve_plan(plan, actor=user_of(world, plan.rater), expected_version=None)


@pytest.fixture
def executed_plan(world, period) -> PerformancePlan:
    return build_plan(world, world.pegawai, period)


def indicator(plan: PerformancePlan, text: str):
    return plan.results.get(indicators__text=text).indicators.get(text=text)


# --- Evidence files, built here ----------------------------------------------------------------


def pdf_bytes(text: str = "Laporan realisasi triwulan") -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, invariant=1)  # the same bytes every time
    page.drawString(72, 720, text)
    page.save()
    return buffer.getvalue()


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (20, 130, 30)).save(buffer, format="JPEG")
    return buffer.getvalue()


def zip_bytes(entries: dict[str, bytes], *, stored_first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if stored_first:
            archive.writestr(
                zipfile.ZipInfo(stored_first), entries[stored_first], zipfile.ZIP_STORED
            )
        for name, content in entries.items():
            if name != stored_first:
                archive.writestr(name, content)
    return buffer.getvalue()


CONTENT_TYPES_XML = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'


def docx_bytes() -> bytes:
    return zip_bytes(
        {
            "[Content_Types].xml": CONTENT_TYPES_XML,
            "_rels/.rels": b"<Relationships/>",
            "word/document.xml": b"<w:document/>",
        }
    )


def xlsx_bytes() -> bytes:
    return zip_bytes({"[Content_Types].xml": CONTENT_TYPES_XML, "xl/workbook.xml": b"<workbook/>"})


def pptx_bytes() -> bytes:
    return zip_bytes(
        {"[Content_Types].xml": CONTENT_TYPES_XML, "ppt/presentation.xml": b"<presentation/>"}
    )


def odf_bytes(mimetype: str) -> bytes:
    return zip_bytes(
        {"mimetype": mimetype.encode(), "content.xml": b"<office:document-content/>"},
        stored_first="mimetype",
    )


def ole2_bytes(stream: str) -> bytes:
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    directory = stream.encode("utf-16-le") + b"\x00" * (128 - len(stream) * 2)
    return header + directory + b"\x00" * 512


def upload(name: str, content: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    """An upload whose name and browser-sent type may lie about its content."""
    return SimpleUploadedFile(name, content, content_type=content_type)
