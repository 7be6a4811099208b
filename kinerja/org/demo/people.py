"""Synthetic but plausible civil servants: schooling and titles, ranks, valid NIPs.

Shared by the demo data (`load_demo`) and the province-scale generator. Everything draws from a
`random.Random` passed in, so the same seed gives the same people. Every NIP and NI PPPK issued
here follows `kinerja.org.nip` (birth date, appointment after the 18th birthday and not in the
future, sex digit, serial unique per prefix) and is checked with its parser before it is used.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from kinerja.org.demo.names import person_name, pick_origin
from kinerja.org.demo.structure import Job
from kinerja.org.models import EmployeeType, PositionKind, PositionLevel, Sex
from kinerja.org.nip import check_agrees, parse_ni_pppk, parse_nip
from kinerja.org.ranks import PNS_RANKS

# --- Education and titles --------------------------------------------------------------------


@dataclass(frozen=True)
class Schooling:
    """Last education with the titles it gives and the rank a new PNS with it starts at."""

    education: str
    front: str
    back: str
    entry_rank: str


def _s(education: str, back: str = "", front: str = "") -> Schooling:
    entry = {
        "SLTA": "II/a",
        "D-III": "II/c",
        "S-1": "III/a",
        "D-IV": "III/a",
        "S-2": "III/b",
        "Profesi": "III/a",
        "S-3": "III/c",
    }[education]
    return Schooling(education, front, back, entry)


# Per profession, the schooling a holder may have (the same entry may repeat to weigh it).
SCHOOLING: dict[str, tuple[Schooling, ...]] = {
    "umum": (
        _s("S-1", "S.Sos."),
        _s("S-1", "S.E."),
        _s("S-1", "S.H."),
        _s("S-1", "S.I.P."),
        _s("S-1", "S.AP."),
        _s("S-1", "S.Kom."),
        _s("S-2", "S.Sos., M.Si."),
        _s("S-2", "S.E., M.M."),
        _s("S-2", "S.H., M.H."),
        _s("D-III", "A.Md."),
        _s("SLTA"),
    ),
    "pamong": (
        _s("D-IV", "S.STP."),
        _s("S-2", "S.STP., M.Si."),
        _s("S-2", "S.IP., M.Si."),
        _s("S-1", "S.Sos."),
        _s("S-2", "S.Sos., M.Si."),
    ),
    "pelaksana": (
        _s("SLTA"),
        _s("SLTA"),
        _s("SLTA"),
        _s("D-III", "A.Md."),
        _s("D-III", "A.Md.Kom."),
        _s("S-1", "S.E."),
        _s("S-1", "S.Sos."),
        _s("S-1", "S.Kom."),
        _s("S-1", "S.AP."),
    ),
    "sdm": (
        _s("S-1", "S.Psi."),
        _s("S-1", "S.Sos."),
        _s("S-1", "S.AP."),
        _s("S-1", "S.H."),
        _s("S-2", "S.Psi., M.Psi."),
        _s("S-2", "S.AP., M.Si."),
    ),
    "it": (
        _s("S-1", "S.Kom."),
        _s("S-1", "S.T."),
        _s("D-III", "A.Md.Kom."),
        _s("S-2", "S.Kom., M.Kom."),
    ),
    "auditor": (
        _s("S-1", "S.E."),
        _s("S-1", "S.E., Ak."),
        _s("S-2", "S.E., M.Ak."),
        _s("S-1", "S.H."),
        _s("S-1", "S.T."),
        _s("D-III", "A.Md.Ak."),
    ),
    "dokter": (_s("Profesi", "", "dr."), _s("Profesi", "", "dr."), _s("S-2", "M.Kes.", "dr.")),
    "dokter_gigi": (_s("Profesi", "", "drg."),),
    "perawat": (_s("D-III", "A.Md.Kep."), _s("D-III", "A.Md.Kep."), _s("Profesi", "S.Kep.", "Ns.")),
    "bidan": (_s("D-III", "A.Md.Keb."), _s("D-III", "A.Md.Keb."), _s("D-IV", "S.Tr.Keb.")),
    "apoteker": (_s("Profesi", "S.Farm.", "apt."),),
    "kesmas": (_s("S-1", "S.K.M."), _s("S-2", "S.K.M., M.Kes."), _s("D-III", "A.Md.Kes.")),
    "guru": (
        _s("S-1", "S.Pd."),
        _s("S-1", "S.Pd."),
        _s("S-2", "S.Pd., M.Pd."),
        _s("S-1", "S.Si."),
        _s("S-1", "S.Pd.I."),
        _s("S-1", "S.T."),
        _s("S-2", "S.Pd., M.Si."),
    ),
    "perhubungan": (
        _s("D-III", "A.Md.LLAJ"),
        _s("D-IV", "S.SiT."),
        _s("S-1", "S.T."),
        _s("S-2", "S.T., M.T."),
        _s("SLTA"),
    ),
    "budaya": (_s("S-1", "S.S."), _s("S-1", "S.Hum."), _s("S-2", "S.S., M.Hum.")),
}

# --- Ranks by position --------------------------------------------------------------------

_PNS_CODES = [code for code, _name in PNS_RANKS]
_PNS_INDEX = {code: index for index, code in enumerate(_PNS_CODES)}

# Golongan/ruang usual for a position kind and jenjang (lowest, highest).
PNS_RANK_RANGE: dict[tuple[str, str], tuple[str, str]] = {
    (PositionKind.JPT, PositionLevel.JPT_PRATAMA): ("IV/c", "IV/d"),
    (PositionKind.ADMINISTRATOR, ""): ("IV/a", "IV/b"),
    (PositionKind.PENGAWAS, ""): ("III/c", "III/d"),
    (PositionKind.PELAKSANA, ""): ("II/a", "III/b"),
    (PositionKind.FUNGSIONAL, PositionLevel.PEMULA): ("II/a", "II/a"),
    (PositionKind.FUNGSIONAL, PositionLevel.TERAMPIL): ("II/c", "II/d"),
    (PositionKind.FUNGSIONAL, PositionLevel.MAHIR): ("III/a", "III/b"),
    (PositionKind.FUNGSIONAL, PositionLevel.PENYELIA): ("III/c", "III/d"),
    (PositionKind.FUNGSIONAL, PositionLevel.AHLI_PERTAMA): ("III/a", "III/b"),
    (PositionKind.FUNGSIONAL, PositionLevel.AHLI_MUDA): ("III/c", "III/d"),
    (PositionKind.FUNGSIONAL, PositionLevel.AHLI_MADYA): ("IV/a", "IV/c"),
    (PositionKind.FUNGSIONAL, PositionLevel.AHLI_UTAMA): ("IV/d", "IV/e"),
}
# PPPK golongan (Perpres 98/2020) for the jenjang; pelaksana by education.
PPPK_GRADE: dict[str, str] = {
    PositionLevel.PEMULA: "PPPK-V",
    PositionLevel.TERAMPIL: "PPPK-VII",
    PositionLevel.MAHIR: "PPPK-VIII",
    PositionLevel.PENYELIA: "PPPK-IX",
    PositionLevel.AHLI_PERTAMA: "PPPK-IX",
    PositionLevel.AHLI_MUDA: "PPPK-XI",
    PositionLevel.AHLI_MADYA: "PPPK-XIII",
}
_PPPK_PELAKSANA = {"SLTA": "PPPK-V", "D-III": "PPPK-VII"}

# Kelas jabatan commonly given to each kind/jenjang.
POSITION_GRADE: dict[tuple[str, str], int] = {
    (PositionKind.JPT, PositionLevel.JPT_PRATAMA): 14,
    (PositionKind.ADMINISTRATOR, ""): 12,
    (PositionKind.PENGAWAS, ""): 9,
    (PositionKind.PELAKSANA, ""): 6,
    (PositionKind.FUNGSIONAL, PositionLevel.PEMULA): 5,
    (PositionKind.FUNGSIONAL, PositionLevel.TERAMPIL): 6,
    (PositionKind.FUNGSIONAL, PositionLevel.MAHIR): 7,
    (PositionKind.FUNGSIONAL, PositionLevel.PENYELIA): 8,
    (PositionKind.FUNGSIONAL, PositionLevel.AHLI_PERTAMA): 8,
    (PositionKind.FUNGSIONAL, PositionLevel.AHLI_MUDA): 9,
    (PositionKind.FUNGSIONAL, PositionLevel.AHLI_MADYA): 11,
    (PositionKind.FUNGSIONAL, PositionLevel.AHLI_UTAMA): 13,
}


def position_grade(kind: str, level: str) -> int | None:
    """The usual kelas jabatan of a position kind and jenjang."""
    return POSITION_GRADE.get((kind, level))


# --- Identities ---------------------------------------------------------------------------


class NipRegistry:
    """Hands out serial numbers so that no two employees share a NIP (or NI PPPK).

    The serial (digits 16–18) counts up per 15-digit prefix, skipping numbers already taken
    (e.g. by data loaded earlier into the same database).
    """

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self._taken = set(taken)
        self._next: dict[str, int] = {}

    def issue(self, prefix: str, *, first: int = 1) -> str | None:
        """The next free 18-digit number for a prefix, from serial `first` on; None if full."""
        serial = max(self._next.get(prefix, 1), first)
        while serial <= 999 and f"{prefix}{serial:03d}" in self._taken:
            serial += 1
        if serial > 999:
            return None
        self._next[prefix] = serial + 1
        number = f"{prefix}{serial:03d}"
        self._taken.add(number)
        return number


@dataclass(frozen=True)
class Identity:
    """Who a generated employee is: the NIP and everything it must agree with."""

    employee_type: str
    nip: str
    sex: str
    birth_date: dt.date
    appointed: dt.date
    rank: str
    rank_since: dt.date
    schooling: Schooling


def _random_day(rng: random.Random, year: int, month: int) -> dt.date:
    return dt.date(year, month, rng.randint(1, calendar.monthrange(year, month)[1]))


def _choose_schooling(
    rng: random.Random, profession: str, rank: str | None, *, minimum: str = "I/a"
) -> Schooling:
    """A schooling of the profession that starts at least at `minimum` and at most at `rank`."""
    options = SCHOOLING[profession]
    ceiling = _PNS_INDEX[rank] if rank is not None else len(_PNS_INDEX)
    fitting = [s for s in options if _PNS_INDEX[minimum] <= _PNS_INDEX[s.entry_rank] <= ceiling]
    return rng.choice(fitting or [max(options, key=lambda s: _PNS_INDEX[s.entry_rank])])


# The schooling a position asks for, as the rank it starts at: leaders and the keahlian jenjang
# are graduates (a JPT holds a master's degree), the keterampilan jenjang hold a D-III.
_MINIMUM_BY_KIND: dict[str, str] = {
    PositionKind.JPT: "III/b",
    PositionKind.ADMINISTRATOR: "III/a",
    PositionKind.PENGAWAS: "III/a",
}
_MINIMUM_BY_LEVEL: dict[str, str] = {
    PositionLevel.AHLI_PERTAMA: "III/a",
    PositionLevel.AHLI_MUDA: "III/a",
    PositionLevel.AHLI_MADYA: "III/a",
    PositionLevel.AHLI_UTAMA: "III/a",
    PositionLevel.TERAMPIL: "II/c",
    PositionLevel.MAHIR: "II/c",
    PositionLevel.PENYELIA: "II/c",
}


def _minimum_entry(kind: str, level: str) -> str:
    return max(
        _MINIMUM_BY_KIND.get(kind, "I/a"),
        _MINIMUM_BY_LEVEL.get(level, "I/a"),
        key=_PNS_INDEX.__getitem__,
    )


_ENTRY_AGE = {
    "II/a": (19, 27),
    "II/c": (21, 29),
    "III/a": (23, 33),
    "III/b": (26, 36),
    "III/c": (29, 38),
}


def make_identity(
    rng: random.Random,
    registry: NipRegistry,
    *,
    kind: str,
    level: str,
    profession: str,
    sex: str,
    today: dt.date,
    pppk: bool = False,
) -> Identity:
    """A PNS (or PPPK) whose age, years of service and rank fit the position."""
    if pppk:
        return _pppk_identity(
            rng, registry, level=level, profession=profession, sex=sex, today=today
        )
    low, high = PNS_RANK_RANGE[(kind, level)]
    rank = _PNS_CODES[rng.randint(_PNS_INDEX[low], _PNS_INDEX[high])]
    schooling = _choose_schooling(rng, profession, rank, minimum=_minimum_entry(kind, level))
    steps = _PNS_INDEX[rank] - _PNS_INDEX[schooling.entry_rank]
    leader = kind in (PositionKind.JPT, PositionKind.ADMINISTRATOR, PositionKind.PENGAWAS)
    years_per_step = rng.uniform(2.4, 3.2) if leader else rng.uniform(3.6, 4.6)
    service = max(1, round(steps * years_per_step + rng.uniform(0, 3)))
    entry_age = rng.randint(*_ENTRY_AGE[schooling.entry_rank])
    retirement = 60 if kind == PositionKind.JPT else 58
    service = min(service, retirement - 1 - entry_age)
    appointed = dt.date(today.year - service, rng.choice((1, 2, 3, 4, 12)), 1)
    if appointed > today:
        appointed = appointed.replace(year=appointed.year - 1)
    birth = _random_day(rng, appointed.year - entry_age, rng.randint(1, 12))
    promoted = dt.date(today.year - rng.randint(0, 3), rng.choice((4, 10)), 1)
    rank_since = min(max(promoted, appointed), today)
    prefix = f"{birth:%Y%m%d}{appointed:%Y%m}{'1' if sex == Sex.MALE else '2'}"
    nip = _issue_checked(rng, registry, prefix, birth=birth, sex=sex, today=today, pppk=False)
    return Identity(EmployeeType.PNS, nip, sex, birth, appointed, rank, rank_since, schooling)


def _pppk_identity(
    rng: random.Random,
    registry: NipRegistry,
    *,
    level: str,
    profession: str,
    sex: str,
    today: dt.date,
) -> Identity:
    schooling = _choose_schooling(rng, profession, None, minimum=_minimum_entry("", level))
    rank = PPPK_GRADE.get(level) or _PPPK_PELAKSANA.get(schooling.education, "PPPK-IX")
    year = rng.choice([y for y in (2021, 2022, 2023, 2024, 2025) if y <= today.year])
    birth = _random_day(rng, rng.randint(year - 45, year - 22), rng.randint(1, 12))
    intake = rng.choice("112")  # most were appointed in the first stage of a year's intake
    prefix = f"{birth:%Y%m%d}{year:04d}2{intake}{'1' if sex == Sex.MALE else '2'}"
    nip = _issue_checked(rng, registry, prefix, birth=birth, sex=sex, today=today, pppk=True)
    appointed = dt.date(year, rng.choice((1, 3, 4)), 1)
    return Identity(
        EmployeeType.PPPK, nip, sex, birth, appointed, rank, min(appointed, today), schooling
    )


def _issue_checked(
    rng: random.Random,
    registry: NipRegistry,
    prefix: str,
    *,
    birth: dt.date,
    sex: str,
    today: dt.date,
    pppk: bool,
) -> str:
    # Serials count everyone nationwide with the same prefix, so they are small but not all 001.
    number = registry.issue(prefix, first=rng.choice((1, 1, 1, 1, 2, 2, 3, 4, 6, 9)))
    if number is None:
        raise RuntimeError(f"serial numbers exhausted for NIP prefix {prefix}")
    parsed = (parse_ni_pppk if pppk else parse_nip)(number, today=today)
    check_agrees(parsed, birth_date=birth, sex=sex)
    return number


def position_since(rng: random.Random, identity: Identity, today: dt.date) -> dt.date:
    """TMT jabatan: some time in the last eight years, never before the appointment."""
    earliest = max(identity.appointed, dt.date(today.year - 8, 1, 1))
    span = (today - earliest).days
    return earliest + dt.timedelta(days=rng.randint(0, max(span, 0)))


def email_for(name: str, domain: str, rng: random.Random) -> str:
    """A work address on a reserved `.test` domain, so demo data never mails a real person."""
    letters = [part.lower().strip(".") for part in name.split() if part[-1:] != "."]
    local = ".".join("".join(ch for ch in part if ch.isalpha()) for part in letters[:2])
    return f"{local}{rng.randint(1, 99)}@{domain}"


def person_fields(
    rng: random.Random,
    registry: NipRegistry,
    job: Job,
    *,
    today: dt.date,
    name_mix: dict[str, float],
    birth_places: tuple[str, ...],
    email_domain: str = "",
) -> dict[str, Any]:
    """The personal fields of a new holder of `job`: who they are, their NIP, rank and titles.

    The caller adds agency, unit, position and supervisor, and hands the fields to
    `services.create_employee` (demo) or to `Employee(...)` for a bulk insert (scale data).
    """
    sex = Sex.FEMALE if rng.random() < job.female_share else Sex.MALE
    pppk = job.kind in (PositionKind.FUNGSIONAL, PositionKind.PELAKSANA) and (
        rng.random() < job.pppk_share
    )
    identity = make_identity(
        rng,
        registry,
        kind=job.kind,
        level=job.level,
        profession=job.profession,
        sex=sex,
        today=today,
        pppk=pppk,
    )
    name = person_name(rng, pick_origin(rng, name_mix), sex)
    return {
        "employee_type": identity.employee_type,
        "nip": identity.nip,
        "name": name,
        "front_title": identity.schooling.front,
        "back_title": identity.schooling.back,
        "birth_place": rng.choice(birth_places),
        "birth_date": identity.birth_date,
        "sex": sex,
        "rank": identity.rank,
        "rank_since": identity.rank_since,
        "position_since": position_since(rng, identity, today),
        "education": identity.schooling.education,
        "email": email_for(name, email_domain, rng) if email_domain else "",
    }
