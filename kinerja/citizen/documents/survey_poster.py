"""The printable SKM poster of a unit or a service: A4, a big QR code to the public survey page,
the unit and service names and short instructions in Indonesian, to hang at the counter.

The address in the QR code is absolute, built on `settings.SITE_URL` (a printed poster
outlives the request that made it), exactly as the verification links of issued documents.
"""

from __future__ import annotations

from io import BytesIO

from django.conf import settings
from django.urls import reverse
from reportlab.graphics import renderPDF
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from kinerja.citizen.models import Service
from kinerja.core.pdf import PAGE_HEIGHT, PAGE_WIDTH, Styles, fonts, qr_code
from kinerja.org.models import Unit

BRAND = colors.HexColor("#0F5C8C")
MUTED = colors.HexColor("#5B6877")
INSTRUCTION = "Pindai kode QR untuk mengisi Survei Kepuasan Masyarakat"
STEPS = (
    "1. Buka kamera ponsel Anda dan arahkan ke kode QR.",
    "2. Ketuk tautan yang muncul di layar.",
    "3. Jawab 9 pertanyaan singkat, lalu tekan “Kirim jawaban”.",
)
QR_SIZE = 115 * mm


def survey_url(unit: Unit, service: Service | None = None) -> str:
    """The absolute address of the public survey of the unit, or of one of its services."""
    kwargs: dict[str, object] = {"agency_code": unit.agency.code, "unit_pk": unit.pk}
    if service is None:
        path = reverse("public:survey-unit", kwargs=kwargs)
    else:
        path = reverse("public:survey-service", kwargs={**kwargs, "service_code": service.code})
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def poster_filename(unit: Unit, service: Service | None = None) -> str:
    name = service.code if service is not None else f"unit-{unit.pk}"
    return f"poster-skm-{name}.pdf"


def _centred(canvas: Canvas, paragraph: Paragraph, top: float, width: float) -> float:
    """Draw `paragraph` centred below `top`; return the y under it."""
    _w, height = paragraph.wrap(width, PAGE_HEIGHT)
    paragraph.drawOn(canvas, (PAGE_WIDTH - width) / 2, top - height)
    return top - height


def build_poster(unit: Unit, service: Service | None = None) -> bytes:
    """One A4 page: agency band, title, unit/service, the QR code, instructions, address."""
    regular, bold = fonts()
    s = Styles(regular, bold)
    url = survey_url(unit, service)
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=True)
    canvas.setTitle(f"Poster Survei Kepuasan Masyarakat — {service or unit}")
    canvas.setAuthor("Kinerja")
    width = PAGE_WIDTH - 40 * mm

    canvas.setFillColor(BRAND)
    canvas.rect(0, PAGE_HEIGHT - 28 * mm, PAGE_WIDTH, 28 * mm, stroke=0, fill=1)
    band = s.style(15, bold=True, center=True)
    band.textColor = colors.white
    _centred(canvas, Paragraph(unit.agency.name.upper(), band), PAGE_HEIGHT - 10 * mm, width)

    y = PAGE_HEIGHT - 40 * mm
    y = _centred(canvas, s.text("SURVEI KEPUASAN MASYARAKAT", 24, bold=True, center=True), y, width)
    y = _centred(canvas, s.text(unit.name, 16, center=True), y - 5 * mm, width)
    if service is not None:
        y = _centred(canvas, s.text(service.name, 20, bold=True, center=True), y - 3 * mm, width)

    qr_top = y - 8 * mm
    renderPDF.draw(qr_code(url, QR_SIZE), canvas, (PAGE_WIDTH - QR_SIZE) / 2, qr_top - QR_SIZE)
    y = qr_top - QR_SIZE - 4 * mm
    y = _centred(canvas, s.text(INSTRUCTION, 17, bold=True, center=True), y, width)
    steps = s.style(12.5)
    y -= 4 * mm
    for step in STEPS:
        y = _centred(canvas, Paragraph(step, steps), y - 1.5 * mm, 140 * mm)
    note = s.style(11, center=True)
    note.textColor = MUTED
    y = _centred(
        canvas,
        Paragraph("Tanpa akun · sekitar 3 menit · identitas Anda tidak dicatat", note),
        y - 6 * mm,
        width,
    )

    canvas.setFont(regular, 9)
    canvas.setFillColor(MUTED)
    canvas.drawCentredString(PAGE_WIDTH / 2, 16 * mm, url)
    canvas.drawCentredString(
        PAGE_WIDTH / 2,
        11 * mm,
        "Survei Kepuasan Masyarakat menurut Peraturan Menteri PANRB Nomor 14 Tahun 2017",
    )
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
