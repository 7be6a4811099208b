"""Ratings and the employee's performance predicate (PermenPANRB 6/2022, Lampiran).

The enum values are the official labels of the evaluation form, so `Rating("Di Atas Ekspektasi")`
turns a label back into its member. Pure functions over plain values; no ORM.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType


class Rating(StrEnum):
    """Rating Hasil Kerja or Rating Perilaku Kerja (PermenPANRB 6/2022, Lampiran)."""

    DI_ATAS = "Di Atas Ekspektasi"
    SESUAI = "Sesuai Ekspektasi"
    DI_BAWAH = "Di Bawah Ekspektasi"


class Predicate(StrEnum):
    """Predikat Kinerja Pegawai (PermenPANRB 6/2022, Lampiran)."""

    SANGAT_BAIK = "Sangat Baik"
    BAIK = "Baik"
    BUTUH_PERBAIKAN = "Butuh Perbaikan"
    KURANG = "Kurang/Misconduct"
    SANGAT_KURANG = "Sangat Kurang"


class OrganisationPredicate(StrEnum):
    """Predikat Kinerja Organisasi set by the head of the organisation (SE MenPANRB 3/2023)."""

    ISTIMEWA = "Istimewa"
    BAIK = "Baik"
    BUTUH_PERBAIKAN = "Butuh Perbaikan"
    KURANG = "Kurang"
    SANGAT_KURANG = "Sangat Kurang"


# Keyed by (results rating, behaviour rating); the table is reproduced in `predicate`.
PREDICATE_MATRIX: Mapping[tuple[Rating, Rating], Predicate] = MappingProxyType(
    {
        (Rating.DI_ATAS, Rating.DI_BAWAH): Predicate.KURANG,
        (Rating.DI_ATAS, Rating.SESUAI): Predicate.BAIK,
        (Rating.DI_ATAS, Rating.DI_ATAS): Predicate.SANGAT_BAIK,
        (Rating.SESUAI, Rating.DI_BAWAH): Predicate.KURANG,
        (Rating.SESUAI, Rating.SESUAI): Predicate.BAIK,
        (Rating.SESUAI, Rating.DI_ATAS): Predicate.BAIK,
        (Rating.DI_BAWAH, Rating.DI_BAWAH): Predicate.SANGAT_KURANG,
        (Rating.DI_BAWAH, Rating.SESUAI): Predicate.BUTUH_PERBAIKAN,
        (Rating.DI_BAWAH, Rating.DI_ATAS): Predicate.BUTUH_PERBAIKAN,
    }
)


def predicate(results: Rating, behaviour: Rating) -> Predicate:
    """The employee's predicate from the two ratings (PermenPANRB 6/2022, Lampiran).

    The "kuadran kinerja" of the evaluation form, results rating down, behaviour rating across:

    | Hasil ↓ / Perilaku →    | Di Bawah Ekspektasi | Sesuai Ekspektasi | Di Atas Ekspektasi |
    |-------------------------|---------------------|-------------------|--------------------|
    | Di Atas Ekspektasi      | Kurang/Misconduct   | Baik              | Sangat Baik        |
    | Sesuai Ekspektasi       | Kurang/Misconduct   | Baik              | Baik               |
    | Di Bawah Ekspektasi     | Sangat Kurang       | Butuh Perbaikan   | Butuh Perbaikan    |
    """
    return PREDICATE_MATRIX[(Rating(results), Rating(behaviour))]
