"""The evidence trail of a placement in Indonesian sentences."""

from __future__ import annotations

from kinerja.talent.basis import basis_lines


def test_annual_and_periodic_years_and_the_assessment():
    basis = {
        "years": [
            {"year": 2026, "source": "periodik", "points": "4.33", "evaluations": 3},
            {"year": 2025, "source": "tahunan", "points": "5.00", "predicate": "Sangat Baik"},
        ],
        "assessment": {"id": 7, "score": "95.4", "assessed_on": "2026-03-22", "assessor": "BKN"},
    }
    assert basis_lines(basis) == [
        "2026: rata-rata 4,33 dari 3 evaluasi periodik",
        "2025: Sangat Baik (evaluasi tahunan)",
        "Asesmen 22 Maret 2026: skor 95,40 · BKN",
    ]


def test_an_assessment_without_assessor_and_no_years():
    basis = {"assessment": {"score": "60", "assessed_on": "2026-01-05", "assessor": ""}}
    assert basis_lines(basis) == ["Asesmen 5 Januari 2026: skor 60,00"]
    assert basis_lines({}) == []
