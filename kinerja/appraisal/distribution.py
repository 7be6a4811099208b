"""The distribution pattern of employees' predicates (SE MenPANRB 3/2023).

The organisation's predicate fixes how the predicates of the unit's employees should be spread
(step 2 of the evaluation). The pattern is data: one `DistributionRules` per organisation
predicate, each a tuple of rules (`AtMost`, `AtLeast`, `AtLeastOne`, `NoneOf`).

`DEFAULT_PATTERN` holds the values of a secondary summary of SE 3/2023 (confidence M), so an
agency may replace any of it with `pattern_from_dict`.

Rounding for small units is not specified by the circular. Shares are therefore compared as
exact fractions (`fractions.Fraction`), never rounded: "at most 70%" of 3 employees allows
2 (66.7%) and refuses 3 (100%); "at least 10%" of any unit of 1–10 employees needs one. Every
message states the counts so that the head can judge a breach that a small unit cannot avoid
(e.g. one employee under Kurang can never hold both 60% Kurang and 10% Butuh Perbaikan).
Pure functions over plain values; no ORM.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from types import MappingProxyType

from kinerja.appraisal.predicate import OrganisationPredicate, Predicate


class PatternError(ValueError):
    """A distribution pattern that cannot be built; the message is Indonesian, for the admin."""


def format_percent(share: Fraction, *, decimals: int = 1) -> str:
    """`Fraction(4, 5)` → `"80,0%"`: a share as an Indonesian percentage, rounded half up."""
    quantum = Decimal(1).scaleb(-decimals)
    percent = (Decimal(share.numerator * 100) / Decimal(share.denominator)).quantize(
        quantum, rounding=ROUND_HALF_UP
    )
    return f"{percent}%".replace(".", ",")


def format_limit(share: Fraction) -> str:
    """`Fraction(7, 10)` → `"70%"`, `Fraction(1, 8)` → `"12,5%"`: a limit without padding zeros."""
    return _trimmed(format_percent(share, decimals=4))


def _trimmed(percent: str) -> str:
    """`"70,0%"` → `"70%"`, `"12,50%"` → `"12,5%"`."""
    number = percent.removesuffix("%")
    if "," in number:
        number = number.rstrip("0").removesuffix(",")
    return f"{number}%"


def _share_against_limit(share: Fraction, limit: Fraction) -> str:
    """The share with one decimal, or more while one decimal would print it as the limit itself."""
    for decimals in range(1, 7):
        text = format_percent(share, decimals=decimals)
        if share == limit or _trimmed(text) != format_limit(limit):
            return text
    return text


def _label(predicates: frozenset[Predicate]) -> str:
    """The predicates in official order, joined as the circular does: "A dan/atau B"."""
    return " dan/atau ".join(p.value for p in Predicate if p in predicates)


def _check_predicates(predicates: frozenset[Predicate]) -> None:
    if not predicates:
        raise PatternError("aturan pola distribusi harus menyebut paling sedikit satu predikat")


def _check_share(share: Fraction) -> None:
    if not 0 <= share <= 1:
        raise PatternError(f"batas persentase harus antara 0% dan 100% (tertulis {share * 100}%)")


@dataclass(frozen=True)
class AtMost:
    """At most `share` of the employees hold one of `predicates` (e.g. ≤ 70% Sangat Baik)."""

    predicates: frozenset[Predicate]
    share: Fraction

    def __post_init__(self) -> None:
        _check_predicates(self.predicates)
        _check_share(self.share)

    @property
    def description(self) -> str:
        return f"paling banyak {format_limit(self.share)} {_label(self.predicates)}"

    def breach(self, count: int, total: int) -> str | None:
        """The Indonesian message when `count` of `total` is above the limit, else None."""
        share = Fraction(count, total)
        if share <= self.share:
            return None
        return (
            f"{_label(self.predicates)} {count} dari {total} pegawai "
            f"({_share_against_limit(share, self.share)}) melebihi batas {format_limit(self.share)}"
        )


@dataclass(frozen=True)
class AtLeast:
    """At least `share` of the employees hold one of `predicates` (e.g. ≥ 60% Butuh Perbaikan)."""

    predicates: frozenset[Predicate]
    share: Fraction

    def __post_init__(self) -> None:
        _check_predicates(self.predicates)
        _check_share(self.share)

    @property
    def description(self) -> str:
        return f"paling sedikit {format_limit(self.share)} {_label(self.predicates)}"

    def breach(self, count: int, total: int) -> str | None:
        """The Indonesian message when `count` of `total` is below the minimum, else None."""
        share = Fraction(count, total)
        if share >= self.share:
            return None
        return (
            f"{_label(self.predicates)} {count} dari {total} pegawai "
            f"({_share_against_limit(share, self.share)}) kurang dari batas minimal "
            f"{format_limit(self.share)}"
        )


@dataclass(frozen=True)
class AtLeastOne:
    """At least one employee holds one of `predicates` (Baik: "harus ada Butuh Perbaikan …")."""

    predicates: frozenset[Predicate]

    def __post_init__(self) -> None:
        _check_predicates(self.predicates)

    @property
    def description(self) -> str:
        return f"harus ada {_label(self.predicates)}"

    def breach(self, count: int, total: int) -> str | None:
        """The Indonesian message when nobody of `total` holds one of the predicates, else None."""
        if count > 0:
            return None
        return (
            f"{_label(self.predicates)} 0 dari {total} pegawai (0,0%), "
            "padahal harus ada paling sedikit satu"
        )


@dataclass(frozen=True)
class NoneOf:
    """No employee holds one of `predicates` (Sangat Kurang: no Sangat Baik)."""

    predicates: frozenset[Predicate]

    def __post_init__(self) -> None:
        _check_predicates(self.predicates)

    @property
    def description(self) -> str:
        return f"tidak boleh ada {_label(self.predicates)}"

    def breach(self, count: int, total: int) -> str | None:
        """The Indonesian message when anybody of `total` holds one of the predicates, else None."""
        if count == 0:
            return None
        return (
            f"{_label(self.predicates)} {count} dari {total} pegawai "
            f"({format_percent(Fraction(count, total))}), padahal tidak boleh ada"
        )


Rule = AtMost | AtLeast | AtLeastOne | NoneOf


@dataclass(frozen=True)
class DistributionRules:
    """The rules for employees' predicates under one organisation predicate (SE 3/2023)."""

    organisation_predicate: OrganisationPredicate
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class DistributionPattern:
    """A complete pattern: the rules for every organisation predicate (SE MenPANRB 3/2023)."""

    entries: tuple[DistributionRules, ...]

    def __post_init__(self) -> None:
        named = [entry.organisation_predicate for entry in self.entries]
        if sorted(named) != sorted(OrganisationPredicate):
            raise PatternError(
                "pola distribusi harus memuat setiap predikat organisasi tepat satu kali: "
                + ", ".join(p.value for p in OrganisationPredicate)
            )

    def rules_for(self, organisation_predicate: OrganisationPredicate) -> tuple[Rule, ...]:
        """The rules that the organisation predicate sets."""
        for entry in self.entries:
            if entry.organisation_predicate == organisation_predicate:
                return entry.rules
        raise KeyError(organisation_predicate)  # unreachable: __post_init__ checks completeness


def _set(*predicates: Predicate) -> frozenset[Predicate]:
    return frozenset(predicates)


_P = Predicate
_O = OrganisationPredicate

# SE MenPANRB 3/2023 as summarised in shared/domain/performance.md (confidence M).
DEFAULT_PATTERN = DistributionPattern(
    entries=(
        DistributionRules(_O.ISTIMEWA, (AtMost(_set(_P.SANGAT_BAIK), Fraction(70, 100)),)),
        DistributionRules(
            _O.BAIK,
            (
                AtMost(_set(_P.BAIK), Fraction(70, 100)),
                AtLeastOne(_set(_P.BUTUH_PERBAIKAN, _P.KURANG)),
            ),
        ),
        DistributionRules(
            _O.BUTUH_PERBAIKAN,
            (
                AtLeast(_set(_P.BUTUH_PERBAIKAN), Fraction(60, 100)),
                AtMost(_set(_P.SANGAT_BAIK), Fraction(10, 100)),
            ),
        ),
        DistributionRules(
            _O.KURANG,
            (
                AtLeast(_set(_P.KURANG), Fraction(60, 100)),
                AtLeast(_set(_P.BUTUH_PERBAIKAN), Fraction(10, 100)),
                AtMost(_set(_P.SANGAT_BAIK), Fraction(10, 100)),
            ),
        ),
        DistributionRules(
            _O.SANGAT_KURANG,
            (
                AtLeast(_set(_P.SANGAT_KURANG), Fraction(60, 100)),
                AtLeast(_set(_P.KURANG, _P.BUTUH_PERBAIKAN), Fraction(10, 100)),
                NoneOf(_set(_P.SANGAT_BAIK)),
            ),
        ),
    )
)

_KINDS_WITH_SHARE: dict[str, type[AtMost] | type[AtLeast]] = {
    "at_most": AtMost,
    "at_least": AtLeast,
}
_KINDS_WITHOUT_SHARE: dict[str, type[AtLeastOne] | type[NoneOf]] = {
    "at_least_one": AtLeastOne,
    "none_of": NoneOf,
}


def _percent_from(value: object) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise PatternError("'percent' harus berupa angka 0–100")
    try:
        # Through str so that a float read from JSON (12.5) keeps its decimal meaning.
        percent = Fraction(Decimal(str(value)))
    except (InvalidOperation, ValueError) as error:
        raise PatternError(f"'percent' {value!r} bukan angka") from error
    return percent / 100


def _rule_from(raw: Mapping[str, object], *, where: str) -> Rule:
    kind = str(raw.get("kind"))
    labels = raw.get("predicates")
    if isinstance(labels, str) or not isinstance(labels, Iterable):
        raise PatternError(f"{where}: 'predicates' harus berupa daftar predikat")
    try:
        predicates = frozenset(Predicate(str(label)) for label in labels)
    except ValueError as error:
        official = ", ".join(p.value for p in Predicate)
        raise PatternError(f"{where}: predikat tidak dikenal (gunakan {official})") from error
    try:
        if kind in _KINDS_WITH_SHARE:
            return _KINDS_WITH_SHARE[kind](predicates, _percent_from(raw.get("percent")))
        if kind in _KINDS_WITHOUT_SHARE:
            return _KINDS_WITHOUT_SHARE[kind](predicates)
    except PatternError as error:
        raise PatternError(f"{where}: {error}") from error
    kinds = ", ".join([*_KINDS_WITH_SHARE, *_KINDS_WITHOUT_SHARE])
    raise PatternError(f"{where}: jenis aturan '{kind}' tidak dikenal (gunakan {kinds})")


def pattern_from_dict(
    raw: Mapping[str, Sequence[Mapping[str, object]]],
    *,
    base: DistributionPattern = DEFAULT_PATTERN,
) -> DistributionPattern:
    """An agency's pattern from plain data, replacing `base` for the organisation predicates named.

    `raw` maps an organisation predicate's label to its rules, e.g.
    `{"Istimewa": [{"kind": "at_most", "predicates": ["Sangat Baik"], "percent": 60}]}`;
    kinds are `at_most` and `at_least` (with `percent`, 0–100), `at_least_one` and `none_of`.
    An empty list removes every rule for that organisation predicate.
    """
    replaced: dict[OrganisationPredicate, tuple[Rule, ...]] = {}
    for label, raw_rules in raw.items():
        try:
            organisation_predicate = OrganisationPredicate(label)
        except ValueError as error:
            official = ", ".join(p.value for p in OrganisationPredicate)
            raise PatternError(
                f"predikat organisasi '{label}' tidak dikenal (gunakan {official})"
            ) from error
        replaced[organisation_predicate] = tuple(
            _rule_from(raw_rule, where=f"{label}, aturan ke-{number}")
            for number, raw_rule in enumerate(raw_rules, start=1)
        )
    return DistributionPattern(
        entries=tuple(
            DistributionRules(entry.organisation_predicate, replaced[entry.organisation_predicate])
            if entry.organisation_predicate in replaced
            else entry
            for entry in base.entries
        )
    )


def _percent_to_plain(share: Fraction) -> int | str:
    percent = share * 100
    if percent.denominator == 1:
        return percent.numerator
    return format_limit(share).removesuffix("%").replace(",", ".")


def pattern_to_dict(pattern: DistributionPattern) -> dict[str, list[dict[str, object]]]:
    """The plain-data form of a pattern, as `pattern_from_dict` reads it (e.g. for admin forms)."""
    plain: dict[str, list[dict[str, object]]] = {}
    for entry in pattern.entries:
        rules: list[dict[str, object]] = []
        for rule in entry.rules:
            labels = [p.value for p in Predicate if p in rule.predicates]
            match rule:
                case AtMost(share=share):
                    rules.append(
                        {
                            "kind": "at_most",
                            "predicates": labels,
                            "percent": _percent_to_plain(share),
                        }
                    )
                case AtLeast(share=share):
                    rules.append(
                        {
                            "kind": "at_least",
                            "predicates": labels,
                            "percent": _percent_to_plain(share),
                        }
                    )
                case AtLeastOne():
                    rules.append({"kind": "at_least_one", "predicates": labels})
                case NoneOf():
                    rules.append({"kind": "none_of", "predicates": labels})
        plain[entry.organisation_predicate.value] = rules
    return plain


@dataclass(frozen=True)
class Breach:
    """One rule of the pattern that the unit's predicates do not follow."""

    rule: Rule
    count: int
    total: int
    message: str

    @property
    def share(self) -> Fraction:
        return Fraction(self.count, self.total)


@dataclass(frozen=True)
class DistributionCheck:
    """The unit's predicates measured against the pattern of its organisation predicate."""

    organisation_predicate: OrganisationPredicate
    total: int
    counts: Mapping[Predicate, int]
    shares: Mapping[Predicate, Fraction]  # all zero for an empty unit
    breaches: tuple[Breach, ...]
    notes: tuple[str, ...] = field(default=())

    @property
    def passes(self) -> bool:
        return not self.breaches

    @property
    def messages(self) -> tuple[str, ...]:
        return tuple(breach.message for breach in self.breaches)


EMPTY_UNIT_NOTE = (
    "Unit tidak memiliki pegawai yang dinilai (0 pegawai); pola distribusi tidak dapat "
    "diterapkan sehingga dianggap terpenuhi."
)


def check_distribution(
    organisation_predicate: OrganisationPredicate,
    counts: Mapping[Predicate, int],
    pattern: DistributionPattern = DEFAULT_PATTERN,
) -> DistributionCheck:
    """Every rule of the pattern (SE MenPANRB 3/2023) that the unit's predicates breach.

    `counts` gives the number of employees per predicate; missing predicates count 0. Shares are
    exact fractions, so a limit is met or breached without rounding (see the module docstring).
    A breach is a warning: the head may confirm the predicates with a written reason.
    """
    organisation_predicate = OrganisationPredicate(organisation_predicate)
    full_counts: dict[Predicate, int] = {}
    for member in Predicate:
        count = counts.get(member, 0)
        if count < 0:
            raise ValueError(f"jumlah pegawai {member.value} tidak boleh negatif ({count})")
        full_counts[member] = count
    total = sum(full_counts.values())
    if total == 0:
        return DistributionCheck(
            organisation_predicate=organisation_predicate,
            total=0,
            counts=MappingProxyType(full_counts),
            shares=MappingProxyType(dict.fromkeys(Predicate, Fraction(0))),
            breaches=(),
            notes=(EMPTY_UNIT_NOTE,),
        )
    breaches = []
    for rule in pattern.rules_for(organisation_predicate):
        count = sum(full_counts[member] for member in rule.predicates)
        message = rule.breach(count, total)
        if message is not None:
            breaches.append(Breach(rule=rule, count=count, total=total, message=message))
    return DistributionCheck(
        organisation_predicate=organisation_predicate,
        total=total,
        counts=MappingProxyType(full_counts),
        shares=MappingProxyType({p: Fraction(c, total) for p, c in full_counts.items()}),
        breaches=tuple(breaches),
    )
