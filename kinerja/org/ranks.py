"""Ranks (golongan/ruang) of PNS and the PPPK grades — Perka BKN / PP 11/2017, PP 49/2018."""

from __future__ import annotations

PNS_RANKS: list[tuple[str, str]] = [
    ("I/a", "Juru Muda"),
    ("I/b", "Juru Muda Tingkat I"),
    ("I/c", "Juru"),
    ("I/d", "Juru Tingkat I"),
    ("II/a", "Pengatur Muda"),
    ("II/b", "Pengatur Muda Tingkat I"),
    ("II/c", "Pengatur"),
    ("II/d", "Pengatur Tingkat I"),
    ("III/a", "Penata Muda"),
    ("III/b", "Penata Muda Tingkat I"),
    ("III/c", "Penata"),
    ("III/d", "Penata Tingkat I"),
    ("IV/a", "Pembina"),
    ("IV/b", "Pembina Tingkat I"),
    ("IV/c", "Pembina Utama Muda"),
    ("IV/d", "Pembina Utama Madya"),
    ("IV/e", "Pembina Utama"),
]

_ROMAN = [
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
]
PPPK_GRADES: list[tuple[str, str]] = [(numeral, f"Golongan {numeral} (PPPK)") for numeral in _ROMAN]

RANK_CHOICES: list[tuple[str, str]] = [(code, f"{code} – {name}") for code, name in PNS_RANKS] + [
    (f"PPPK-{numeral}", label) for numeral, label in PPPK_GRADES
]

RANK_NAMES: dict[str, str] = dict(PNS_RANKS) | {f"PPPK-{n}": label for n, label in PPPK_GRADES}
RANK_ORDER: dict[str, int] = {code: index for index, (code, _label) in enumerate(RANK_CHOICES)}


def normalise_rank(raw: str, *, is_pppk: bool) -> str | None:
    """`iii/a`, `III a`, `3a`, `Penata Muda` → `III/a`; PPPK `IX` or `9` → `PPPK-IX`."""
    text = " ".join(raw.strip().split())
    if not text:
        return None
    if is_pppk:
        token = text.upper().removeprefix("PPPK-").removeprefix("GOLONGAN ").strip()
        if token.isdigit() and 1 <= int(token) <= len(_ROMAN):
            token = _ROMAN[int(token) - 1]
        return f"PPPK-{token}" if token in _ROMAN else None
    for code, name in PNS_RANKS:
        if text.lower() == name.lower():
            return code
    cleaned = text.replace(" ", "/").replace("-", "/").replace("//", "/")
    if "/" not in cleaned and len(cleaned) >= 2:
        cleaned = f"{cleaned[:-1]}/{cleaned[-1]}"
    head, _sep, tail = cleaned.partition("/")
    arabic = {"1": "I", "2": "II", "3": "III", "4": "IV"}
    head = arabic.get(head, head.upper())
    code = f"{head}/{tail.lower()}"
    return code if code in RANK_NAMES else None
