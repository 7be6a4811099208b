"""The satisfaction survey (SKM) and its index (IKM): PermenPANRB 14/2017 as pure functions.

Nine elements (unsur) answered on 1–4; per element the NRR is the mean over the respondents who
answered it (blanks are left out); IKM = Σ NRR × 1/9 with the exact weight; the unit value is
IKM × 25; the grade is read off the converted value rounded to 2 decimals. A unit's IKM pools
the answers of all its services (it is not the mean of the services' IKMs). The minimum sample
follows Krejcie & Morgan (χ² = 3,841, P = 0,5, d = 0,05), reading the next higher row of the
published table for a population between rows.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.db import models
from django.utils.translation import gettext_lazy as _


class Element(models.TextChoices):
    """The nine elements in the regulation's order; keyed by code, never by position (many
    agencies swap 8 and 9 on their forms)."""

    REQUIREMENTS = "persyaratan", _("Persyaratan")
    PROCEDURE = "prosedur", _("Sistem, Mekanisme, dan Prosedur")
    TIME = "waktu", _("Waktu Penyelesaian")
    FEE = "biaya", _("Biaya/Tarif")
    PRODUCT = "produk", _("Produk Spesifikasi Jenis Pelayanan")
    COMPETENCE = "kompetensi", _("Kompetensi Pelaksana")
    BEHAVIOUR = "perilaku", _("Perilaku Pelaksana")
    COMPLAINTS = "pengaduan", _("Penanganan Pengaduan, Saran dan Masukan")
    FACILITIES = "sarana", _("Sarana dan Prasarana")


ELEMENTS: tuple[Element, ...] = tuple(Element)

# The question and the four answers of each element, 1 (worst) to 4 (best), in the wording
# the forms use (PermenPANRB 14/2017, Lampiran, contoh kuesioner).
QUESTIONS: dict[Element, tuple[str, tuple[str, str, str, str]]] = {
    Element.REQUIREMENTS: (
        "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis "
        "pelayanannya?",
        ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    ),
    Element.PROCEDURE: (
        "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
        ("Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"),
    ),
    Element.TIME: (
        "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
        ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"),
    ),
    Element.FEE: (
        "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
        ("Sangat mahal", "Cukup mahal", "Murah", "Gratis"),
    ),
    Element.PRODUCT: (
        "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum "
        "dalam standar pelayanan dengan hasil yang diberikan?",
        ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    ),
    Element.COMPETENCE: (
        "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
        ("Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"),
    ),
    Element.BEHAVIOUR: (
        "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan "
        "dan keramahan?",
        (
            "Tidak sopan dan ramah",
            "Kurang sopan dan ramah",
            "Sopan dan ramah",
            "Sangat sopan dan ramah",
        ),
    ),
    Element.COMPLAINTS: (
        "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
        (
            "Tidak ada",
            "Ada tetapi tidak berfungsi",
            "Berfungsi kurang maksimal",
            "Dikelola dengan baik",
        ),
    ),
    Element.FACILITIES: (
        "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
        ("Buruk", "Cukup", "Baik", "Sangat baik"),
    ),
}

WEIGHT = Fraction(1, len(ELEMENTS))  # exactly 1/9; the regulation prints 0,11


class Grade(models.TextChoices):
    A = "A", _("Sangat Baik")
    B = "B", _("Baik")
    C = "C", _("Kurang Baik")
    D = "D", _("Tidak Baik")


# Lower bounds of the converted value (25–100), 2 decimals, best grade first.
GRADE_FLOORS: tuple[tuple[Decimal, Grade], ...] = (
    (Decimal("88.31"), Grade.A),
    (Decimal("76.61"), Grade.B),
    (Decimal("65.00"), Grade.C),
    (Decimal("25.00"), Grade.D),
)

TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class ElementScore:
    element: Element
    answered: int  # respondents who answered this element
    total: int  # sum of their answers

    @property
    def nrr(self) -> Fraction | None:
        """Nilai rata-rata: the mean over those who answered; None when nobody did."""
        return Fraction(self.total, self.answered) if self.answered else None


@dataclass(frozen=True)
class IkmResult:
    """The index of one set of responses: per element, the index (1–4) and the converted value
    (25–100) rounded to 2 decimals, and the grade read off it."""

    elements: tuple[ElementScore, ...]
    respondents: int

    @property
    def index(self) -> Fraction | None:
        """Σ NRR × 1/9 over the elements, None when an element has no answer at all (the index
        is then not defined: a survey needs answers to every element)."""
        nrrs = [score.nrr for score in self.elements]
        if not nrrs or any(nrr is None for nrr in nrrs):
            return None
        return sum((nrr * WEIGHT for nrr in nrrs if nrr is not None), Fraction(0))

    @property
    def value(self) -> Decimal | None:
        """IKM unit pelayanan: index × 25, rounded half up to 2 decimals."""
        index = self.index
        if index is None:
            return None
        exact = Decimal(index.numerator * 25) / Decimal(index.denominator)
        return exact.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)

    @property
    def grade(self) -> Grade | None:
        return grade_of(self.value) if self.value is not None else None

    def lowest(self, count: int = 3) -> list[ElementScore]:
        """The weakest elements, the improvement priorities of the report (ties by order)."""
        scored = [s for s in self.elements if s.nrr is not None]
        return sorted(scored, key=lambda s: (s.nrr, ELEMENTS.index(s.element)))[:count]


def grade_of(value: Decimal) -> Grade:
    """The grade of a converted value (25–100), PermenPANRB 14/2017 table: 88,31 A; 76,61 B;
    65,00 C; below D. The value is first rounded to 2 decimals."""
    rounded = value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
    for floor, grade in GRADE_FLOORS:
        if rounded >= floor:
            return grade
    return Grade.D


def ikm_from_totals(totals: Mapping[Element, tuple[int, int]], respondents: int) -> IkmResult:
    """The IKM from per element (answered, sum of answers), as SQL aggregates give them."""
    return IkmResult(
        elements=tuple(ElementScore(element, *totals.get(element, (0, 0))) for element in ELEMENTS),
        respondents=respondents,
    )


def ikm(responses: Iterable[Mapping[Element, int | None]]) -> IkmResult:
    """The IKM of responses given as {element: answer 1–4 or None for a blank}."""
    answered = dict.fromkeys(ELEMENTS, 0)
    total = dict.fromkeys(ELEMENTS, 0)
    count = 0
    for response in responses:
        count += 1
        for element in ELEMENTS:
            answer = response.get(element)
            if answer is None:
                continue
            if not 1 <= answer <= 4:
                raise ValueError(f"Jawaban {element.label} harus 1–4, bukan {answer}.")
            answered[element] += 1
            total[element] += answer
    return ikm_from_totals({e: (answered[e], total[e]) for e in ELEMENTS}, count)


# Krejcie & Morgan (1970), population → minimum sample, as in the domain table.
SAMPLE_TABLE: tuple[tuple[int, int], ...] = (
    (10, 10),
    (15, 14),
    (20, 19),
    (25, 24),
    (30, 28),
    (35, 32),
    (40, 36),
    (45, 40),
    (50, 44),
    (55, 48),
    (60, 52),
    (65, 56),
    (70, 59),
    (75, 63),
    (80, 66),
    (85, 70),
    (90, 73),
    (95, 76),
    (100, 80),
    (110, 86),
    (120, 92),
    (130, 97),
    (140, 103),
    (150, 108),
    (160, 113),
    (170, 118),
    (180, 123),
    (190, 127),
    (200, 132),
    (210, 136),
    (220, 140),
    (230, 144),
    (240, 148),
    (250, 152),
    (260, 155),
    (270, 159),
    (280, 162),
    (290, 165),
    (300, 169),
    (320, 175),
    (340, 181),
    (360, 186),
    (380, 191),
    (400, 196),
    (420, 201),
    (440, 205),
    (460, 210),
    (480, 214),
    (500, 217),
    (550, 226),
    (600, 234),
    (650, 242),
    (700, 248),
    (750, 254),
    (800, 260),
    (850, 265),
    (900, 269),
    (950, 274),
    (1000, 278),
    (1100, 285),
    (1200, 291),
    (1300, 297),
    (1400, 302),
    (1500, 306),
    (1600, 310),
    (1700, 313),
    (1800, 317),
    (1900, 320),
    (2000, 322),
    (2200, 327),
    (2400, 331),
    (2600, 335),
    (2800, 338),
    (3000, 341),
    (3500, 346),
    (4000, 351),
    (4500, 354),
    (5000, 357),
    (6000, 361),
    (7000, 364),
    (8000, 367),
    (9000, 368),
    (10000, 370),
    (15000, 375),
    (20000, 377),
    (30000, 379),
    (40000, 380),
    (50000, 381),
    (75000, 382),
    (1000000, 384),
)
_POPULATIONS: Sequence[int] = [population for population, _sample in SAMPLE_TABLE]


def minimum_sample(population: int) -> int:
    """The minimum number of respondents for a population served of `population`: the row of
    the Krejcie–Morgan table at or next above it; everyone below 10; 384 beyond the table."""
    if population <= 0:
        return 0
    if population < SAMPLE_TABLE[0][0]:
        return population
    index = bisect.bisect_left(_POPULATIONS, population)
    if index >= len(SAMPLE_TABLE):
        return SAMPLE_TABLE[-1][1]
    return SAMPLE_TABLE[index][1]


def krejcie_morgan(population: int) -> int:
    """The formula behind the table, rounded up: s = χ²NP(1−P) / (d²(N−1) + χ²P(1−P))."""
    chi2, p, d = Decimal("3.841"), Decimal("0.5"), Decimal("0.05")
    top = chi2 * population * p * (1 - p)
    bottom = d * d * (population - 1) + chi2 * p * (1 - p)
    return int((top / bottom).to_integral_value(rounding="ROUND_CEILING"))
