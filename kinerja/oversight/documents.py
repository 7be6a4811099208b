"""The Laporan Hasil Pemeriksaan (LHP) of an audit as a PDF (reportlab, on the shared
machinery of `kinerja.core.pdf` and the appraisal documents' layout): the basis and plan, the
team, the field visits, every finding in its four parts (kondisi, kriteria, sebab, akibat)
with its recommendations, and the lead's signature. Until the audit is closed the report is a
draft (watermark and note)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Spacer

from kinerja.appraisal.documents.layout import (
    build_pdf,
    label_table,
    signature_block,
    signatures,
    styles,
)
from kinerja.core.formatting import indonesian_date
from kinerja.core.models import Agency, User
from kinerja.core.pdf import CONTENT_WIDTH, grid, place_of
from kinerja.org.models import Unit
from kinerja.oversight.models import Audit, AuditStatus, FieldVisit, Finding


def _person(user: User) -> dict[str, str]:
    employee = getattr(user, "employee", None)
    if employee is not None:
        return {"name": employee.full_name, "nip": employee.nip_display}
    return {"name": user.get_full_name() or user.username, "nip": "-"}


def audit_report_story(
    audit: Audit,
    *,
    units: list[Unit],
    team: list[User],
    visits: list[FieldVisit],
    findings: list[Finding],
) -> list[Any]:
    s = styles()
    agency = Agency.objects.get(pk=audit.agency_id)
    period = f"{indonesian_date(audit.planned_start)} s.d. {indonesian_date(audit.planned_end)}"
    story: list[Any] = [
        s.text(agency.name.upper(), 11, bold=True, center=True),
        s.text("INSPEKTORAT", 11, bold=True, center=True),
        Spacer(1, 5 * mm),
        s.text("LAPORAN HASIL PEMERIKSAAN", 13, bold=True, center=True),
        s.text(audit.title, 10, bold=True, center=True),
        Spacer(1, 5 * mm),
        s.text("I. Dasar dan rencana pemeriksaan", 10, bold=True),
        Spacer(1, 2 * mm),
        label_table(
            s,
            [
                ("Surat tugas", audit.letter_number),
                ("Unit yang diperiksa", "\n".join(unit.name for unit in units)),
                ("Waktu pemeriksaan", period),
                ("Tujuan", audit.objectives),
                ("Ruang lingkup", audit.scope or "-"),
                ("Status", audit.get_status_display()),
            ],
            label_width=42 * mm,
        ),
        Spacer(1, 4 * mm),
        s.text("Tim pemeriksa", 9.5, bold=True),
        Spacer(1, 1 * mm),
        grid(
            [[s.text(h, 8, bold=True) for h in ("No.", "Nama", "NIP", "Peran")]]
            + [
                [
                    s.text(str(index), 8),
                    s.text(_person(member)["name"], 8),
                    s.text(_person(member)["nip"], 8),
                    s.text("Ketua tim" if member.pk == audit.lead_id else "Anggota", 8),
                ]
                for index, member in enumerate(team, start=1)
            ],
            [10 * mm, 80 * mm, 50 * mm, CONTENT_WIDTH - 140 * mm],
        ),
        Spacer(1, 5 * mm),
        s.text("II. Kunjungan lapangan", 10, bold=True),
        Spacer(1, 2 * mm),
    ]
    if visits:
        story.append(
            grid(
                [[s.text(h, 8, bold=True) for h in ("Tanggal", "Unit", "Pemeriksa", "Catatan")]]
                + [
                    [
                        s.text(indonesian_date(visit.visited_on), 8),
                        s.text(visit.unit.name, 8),
                        s.text(_person(visit.inspector)["name"], 8),
                        s.text(visit.notes, 8),
                    ]
                    for visit in sorted(visits, key=lambda v: (v.visited_on, v.pk))
                ],
                [26 * mm, 38 * mm, 38 * mm, CONTENT_WIDTH - 102 * mm],
            )
        )
    else:
        story.append(s.text("Belum ada kunjungan lapangan yang dicatat.", 8.5))
    story += [Spacer(1, 5 * mm), s.text("III. Temuan dan rekomendasi", 10, bold=True)]
    if not findings:
        story += [Spacer(1, 2 * mm), s.text("Tidak ada temuan.", 8.5)]
    for finding in findings:
        head = [
            Spacer(1, 3 * mm),
            s.text(f"Temuan {finding.number}: {finding.title}", 9.5, bold=True),
            s.text(f"{finding.unit.name} · {finding.get_category_display()}", 8),
            Spacer(1, 1.5 * mm),
            label_table(
                s,
                [
                    ("Kondisi", finding.condition),
                    ("Kriteria", finding.criteria),
                    ("Sebab", finding.cause),
                    ("Akibat", finding.effect),
                ],
                label_width=28 * mm,
            ),
        ]
        story += [CondPageBreak(60 * mm), KeepTogether(head[:4]), head[4], Spacer(1, 1.5 * mm)]
        recommendations = list(finding.recommendations.all())
        if recommendations:
            story.append(
                grid(
                    [
                        [
                            s.text(h, 8, bold=True)
                            for h in ("No.", "Rekomendasi", "Penanggung jawab", "Batas", "Status")
                        ]
                    ]
                    + [
                        [
                            s.text(f"{finding.number}.{index}", 8),
                            s.text(rec.text, 8),
                            s.text(rec.owner.full_name, 8),
                            s.text(indonesian_date(rec.due_date), 8),
                            s.text(rec.get_status_display(), 8),
                        ]
                        for index, rec in enumerate(recommendations, start=1)
                    ],
                    [12 * mm, CONTENT_WIDTH - 124 * mm, 48 * mm, 30 * mm, 34 * mm],
                )
            )
    moment = audit.status_changed_at if audit.status == AuditStatus.CLOSED else None
    day = indonesian_date(timezone.localtime(moment).date()) if moment else "..................."
    lead_block = signature_block(s, "Ketua Tim Pemeriksa,", _person(audit.lead))
    date_line = f"{place_of(agency.region, agency.name)}, {day}"
    story.append(KeepTogether(signatures(s, date_line, "", lead_block)))
    return story


def audit_report_pdf(
    audit: Audit,
    *,
    units: list[Unit],
    team: list[User],
    visits: list[FieldVisit],
    findings: list[Finding],
) -> bytes:
    """The LHP as A4 pages; a draft (watermark) until the audit is closed."""
    story = audit_report_story(audit, units=units, team=team, visits=visits, findings=findings)
    return build_pdf(
        story,
        title=f"Laporan Hasil Pemeriksaan {audit.title}",
        is_draft=audit.status != AuditStatus.CLOSED,
        verification_url=None,
    )
