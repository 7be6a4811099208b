"""Indonesian names by naming tradition, for synthetic people (demo and scale data).

The pools mix the traditions of the seed regions: Malay and Palembang (with its old titles
Kemas, Kiagus, Masagus; Nyimas, Nyayu, Masayu), Javanese, Acehnese (Teuku, Cut), Minang, and
Batak and Pakpak marga. Draws come from the `random.Random` passed in, so they repeat by seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from kinerja.org.models import Sex


@dataclass(frozen=True)
class NamePool:
    """Given names and family names of one naming tradition."""

    male: tuple[str, ...]
    female: tuple[str, ...]
    male_last: tuple[str, ...]
    female_last: tuple[str, ...]
    prefixes: tuple[tuple[str, str], ...] = ()  # (male, female) honorifics used as part of a name


def _names(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(","))


_MALAY_MALE = _names(
    "Ahmad, Muhammad, Hendra, Yusuf, Rizal, Firdaus, Zulkifli, Rahmat, Syahrial, Junaidi, "
    "Herman, Rusdi, Fauzi, Amri, Iskandar, Mahmud, Arif, Hasan, Ridwan, Azhari, Syamsul, "
    "Irwansyah, Edi, Fikri"
)
_MALAY_FEMALE = _names(
    "Nurhayati, Rosmala, Yuliana, Rohani, Masitoh, Nurlela, Fitriani, Herlina, Desi, Yulia, "
    "Dian, Mardiana, Rahmawati, Sri, Zuraidah, Aisyah, Maya, Nurjanah, Eka, Indah, Juwita, "
    "Lidya, Nova"
)
_MALAY_LAST = _names(
    "Saputra, Hidayat, Syahputra, Effendi, Gunawan, Harun, Ibrahim, Ismail, Rachman, Arsyad, "
    "Hamzah, Yahya, Anwar, Zainal, Kurniawan, Pratama, Ramadhan, Alamsyah, Firmansyah, Wijaya"
)
_MALAY_FEMALE_LAST = _names(
    "Sari, Wati, Yanti, Fitri, Puspita, Anggraini, Oktaviani, Apriani, Novita, Marlina, "
    "Susanti, Ratnasari, Agustina"
)
_JAVA_MALE = _names(
    "Agus, Bambang, Budi, Joko, Slamet, Sugeng, Heru, Eko, Dwi, Teguh, Wahyu, Hadi, Setyo, "
    "Bayu, Dimas, Rudi, Yudi, Bagus, Gatot, Sutrisno, Tri, Agung, Adi, Nanang"
)
_JAVA_FEMALE = _names(
    "Sri, Dewi, Endang, Rini, Tri, Wulan, Ayu, Retno, Lestari, Kartika, Ratna, Puji, Siti, "
    "Sulastri, Yuni, Suryani, Nining, Ani, Erna, Dyah, Rina, Wiwik"
)
_JAVA_LAST = _names(
    "Santoso, Susanto, Prasetyo, Wibowo, Nugroho, Purwanto, Hartono, Saputro, Widodo, "
    "Setiawan, Kurniawan, Suharto, Wicaksono, Hermawan, Raharjo, Sutanto, Haryanto, "
    "Pamungkas, Prabowo, Cahyono"
)
_JAVA_FEMALE_LAST = _names(
    "Rahayu, Lestari, Wulandari, Handayani, Susanti, Purwaningsih, Astuti, Wahyuningsih, "
    "Utami, Permatasari, Kusumawati, Setyowati, Rahmawati, Hastuti, Indriyani, Pertiwi"
)
_ACEH_MALE = _names(
    "Muhammad, Zulfikar, Mukhlis, Fadhil, Safrizal, Husaini, Marzuki, Munawar, Iqbal, Rizki, "
    "Khairul, Maulana, Syahrul, Taufik, Azwar, Nasruddin, Fadli, Akmal, Rahmadi, Zulkarnaini"
)
_ACEH_FEMALE = _names(
    "Nurul, Meutia, Rahmawati, Nurhaliza, Safrida, Yusnidar, Intan, Raudhatul, Ainul, Cut "
    "Nyak, Fitri, Rosmiati, Nurmala, Zahara, Syarifah, Husna, Liza, Mutia, Farah"
)
_ACEH_LAST = _names(
    "Abdullah, Husein, Ismail, Yusuf, Hasballah, Daud, Mahmud, Saifullah, Ibrahim, Zakaria, "
    "Hanafiah, Amin, Rahman, Usman, Basyah"
)
_ACEH_FEMALE_LAST = _names(
    "Husna, Mardhiah, Fajriah, Maulida, Rahmi, Safitri, Ulfa, Zuhra, Amalia, Khairunnisa, "
    "Mawaddah, Munira"
)
_MINANG_MALE = _names(
    "Syafrizal, Hendri, Yuhendri, Zulhendri, Novrizal, Asrul, Masrizal, Yondri, Edwar, Irwan, "
    "Rafki, Afrizal, Dasril, Erizal, Joni, Zulfahmi, Ilham, Rahmad, Defri, Yosrizal"
)
_MINANG_FEMALE = _names(
    "Yusnimar, Yenni, Rosnida, Nofriyanti, Mardiati, Desmawati, Erni, Yuliarni, Afrida, Elfi, "
    "Fitria, Rahmi, Yossi, Sumarni, Nelly, Syafrida, Delvi, Gusnita"
)
_MINANG_LAST = _names(
    "Putra, Syahputra, Chaniago, Tanjung, Koto, Piliang, Sikumbang, Jambak, Caniago, Malik, "
    "Datuak, Hakim, Sutan, Rasyid"
)
_MINANG_FEMALE_LAST = _names(
    "Putri, Yanti, Wati, Sari, Novia, Hasanah, Elvira, Fitri, Mayasari, Roza, Gustina"
)
_BATAK_MALE = _names(
    "Hotman, Parlindungan, Tumpal, Binsar, Martua, Jonni, Maruli, Sahat, Poltak, Ronald, "
    "Darwin, Togar, Hasudungan, Saut, Mangapul, Halomoan, Rizky, Ahmad, Fahmi, Bonar"
)
_BATAK_FEMALE = _names(
    "Rosmawati, Tiurma, Lamria, Hotnida, Rumondang, Sondang, Erlina, Lasmaria, Dormian, "
    "Nurmaida, Juliana, Mariani, Rotua, Sri Rezeki, Intan, Debora, Nurhasanah"
)
_BATAK_MARGA = _names(
    "Siregar, Simanjuntak, Nainggolan, Hutapea, Sitompul, Lubis, Nasution, Harahap, Pane, "
    "Situmorang, Sinaga, Tambunan, Panjaitan, Hasibuan, Pohan, Berutu, Boangmanalu, Bancin, "
    "Solin, Tumangger, Padang, Kombih, Manik"
)

NAME_POOLS: dict[str, NamePool] = {
    "malay": NamePool(_MALAY_MALE, _MALAY_FEMALE, _MALAY_LAST, _MALAY_FEMALE_LAST),
    # Palembang's old titles (Kemas, Kiagus, Masagus; Nyimas, Nyayu) are part of the name.
    "palembang": NamePool(
        _MALAY_MALE,
        _MALAY_FEMALE,
        _MALAY_LAST,
        _MALAY_FEMALE_LAST,
        prefixes=(("Kms.", "Nyimas"), ("Kgs.", "Nyayu"), ("Mgs.", "Masayu")),
    ),
    "javanese": NamePool(_JAVA_MALE, _JAVA_FEMALE, _JAVA_LAST, _JAVA_FEMALE_LAST),
    "acehnese": NamePool(
        _ACEH_MALE,
        _ACEH_FEMALE,
        _ACEH_LAST,
        _ACEH_FEMALE_LAST,
        prefixes=(("Teuku", "Cut"), ("Said", "Syarifah")),
    ),
    "minang": NamePool(_MINANG_MALE, _MINANG_FEMALE, _MINANG_LAST, _MINANG_FEMALE_LAST),
    "batak": NamePool(_BATAK_MALE, _BATAK_FEMALE, _BATAK_MARGA, _BATAK_MARGA),
}


def person_name(rng: random.Random, origin: str, sex: str) -> str:
    """A full name (without academic titles) of the given origin and sex."""
    pool = NAME_POOLS[origin]
    male = sex == Sex.MALE
    given = rng.choice(pool.male if male else pool.female)
    last = rng.choice(pool.male_last if male else pool.female_last)
    parts = [given]
    if pool.prefixes and rng.random() < 0.15:
        prefix = rng.choice(pool.prefixes)[0 if male else 1]
        if not given.startswith(prefix):
            parts.insert(0, prefix)
    if rng.random() < 0.3 and origin != "batak":  # a middle name: "Muhammad Rizal Effendi"
        middle = rng.choice(pool.male if male else pool.female)
        if middle not in parts and not middle.startswith(parts[0]):
            parts.append(middle)
    if origin == "batak" and not male and rng.random() < 0.6:
        parts.append("br.")  # boru: a Batak woman's marga follows "br."
    if last not in parts:
        parts.append(last)
    return " ".join(parts)


def pick_origin(rng: random.Random, mix: dict[str, float]) -> str:
    """A naming tradition drawn from a region's mix (weights need not sum to 1)."""
    return rng.choices(list(mix), weights=list(mix.values()))[0]
