"""The predicate matrix of PermenPANRB 6/2022, Lampiran (shared/domain/performance.md)."""

import pytest

from kinerja.appraisal.predicate import (
    PREDICATE_MATRIX,
    OrganisationPredicate,
    Predicate,
    Rating,
    predicate,
)


@pytest.mark.parametrize(
    ("results", "behaviour", "expected"),
    [
        ("Di Atas Ekspektasi", "Di Bawah Ekspektasi", "Kurang/Misconduct"),
        ("Di Atas Ekspektasi", "Sesuai Ekspektasi", "Baik"),
        ("Di Atas Ekspektasi", "Di Atas Ekspektasi", "Sangat Baik"),
        ("Sesuai Ekspektasi", "Di Bawah Ekspektasi", "Kurang/Misconduct"),
        ("Sesuai Ekspektasi", "Sesuai Ekspektasi", "Baik"),
        ("Sesuai Ekspektasi", "Di Atas Ekspektasi", "Baik"),
        ("Di Bawah Ekspektasi", "Di Bawah Ekspektasi", "Sangat Kurang"),
        ("Di Bawah Ekspektasi", "Sesuai Ekspektasi", "Butuh Perbaikan"),
        ("Di Bawah Ekspektasi", "Di Atas Ekspektasi", "Butuh Perbaikan"),
    ],
)
def test_each_cell_of_the_matrix_gives_the_official_predicate(results, behaviour, expected):
    assert predicate(Rating(results), Rating(behaviour)) is Predicate(expected)


def test_the_matrix_has_exactly_the_nine_cells():
    assert len(PREDICATE_MATRIX) == 9
    assert set(PREDICATE_MATRIX) == {(r, b) for r in Rating for b in Rating}


def test_plain_labels_are_accepted_as_ratings():
    assert predicate("Di Atas Ekspektasi", "Di Atas Ekspektasi") is Predicate.SANGAT_BAIK


def test_an_unknown_label_is_refused():
    with pytest.raises(ValueError, match="Diatas Ekspektasi"):
        predicate(Rating("Diatas Ekspektasi"), Rating.SESUAI)


@pytest.mark.parametrize(
    ("enum", "labels"),
    [
        (Rating, ["Di Atas Ekspektasi", "Sesuai Ekspektasi", "Di Bawah Ekspektasi"]),
        (
            Predicate,
            ["Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang/Misconduct", "Sangat Kurang"],
        ),
        (
            OrganisationPredicate,
            ["Istimewa", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang"],
        ),
    ],
)
def test_enum_values_are_the_official_spellings_in_official_order(enum, labels):
    assert [member.value for member in enum] == labels
