"""The shape of a synthetic province: which units, how deep, how many people in each.

About 3,000 units for 60,000 people: ~38 dinas and badan (secretariat, four bidang with their
seksi, a UPTD), the education office with its branch offices and ~800 senior high schools, the
health office with regional hospitals and ~250 puskesmas, and ~50 kecamatan with twelve
kelurahan each. Counts scale with the number of employees; holders are weights, turned into
head-counts by the writer.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from kinerja.org.demo.structure import (
    AHLI_MADYA,
    AHLI_MUDA,
    AHLI_PERTAMA,
    TERAMPIL,
    Branch,
    Job,
    bidang,
    common_subbagian,
    inspektorat,
    jf,
    kecamatan,
    kelurahan,
    kepegawaian,
    opd,
    puskesmas,
    school,
    sekretariat,
    seksi,
    staff,
)
from kinerja.org.models import PositionKind, UnitKind

NAME_MIX = {
    "malay": 0.35,
    "javanese": 0.3,
    "minang": 0.15,
    "batak": 0.1,
    "palembang": 0.05,
    "acehnese": 0.05,
}
BIRTH_PLACES = (
    "Palembang",
    "Bengkulu",
    "Jambi",
    "Padang",
    "Medan",
    "Pekanbaru",
    "Lampung",
    "Curup",
    "Lahat",
    "Sungai Penuh",
    "Yogyakarta",
    "Semarang",
    "Bukittinggi",
)
GENERIC_OPD = (
    "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Dinas Perumahan dan Kawasan Permukiman",
    "Dinas Sosial",
    "Dinas Tenaga Kerja dan Transmigrasi",
    "Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
    "Dinas Pangan",
    "Dinas Lingkungan Hidup dan Kehutanan",
    "Dinas Kependudukan dan Pencatatan Sipil",
    "Dinas Pemberdayaan Masyarakat dan Desa",
    "Dinas Perhubungan",
    "Dinas Komunikasi, Informatika dan Statistik",
    "Dinas Koperasi dan Usaha Kecil Menengah",
    "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
    "Dinas Kepemudaan dan Olahraga",
    "Dinas Perpustakaan dan Kearsipan",
    "Dinas Kelautan dan Perikanan",
    "Dinas Pariwisata",
    "Dinas Tanaman Pangan dan Hortikultura",
    "Dinas Perkebunan",
    "Dinas Peternakan dan Kesehatan Hewan",
    "Dinas Energi dan Sumber Daya Mineral",
    "Dinas Perindustrian dan Perdagangan",
    "Satuan Polisi Pamong Praja",
    "Badan Perencanaan Pembangunan Daerah",
    "Badan Pengelola Keuangan dan Aset Daerah",
    "Badan Pendapatan Daerah",
    "Badan Pengembangan Sumber Daya Manusia",
    "Badan Kesatuan Bangsa dan Politik",
    "Badan Penanggulangan Bencana Daerah",
    "Badan Riset dan Inovasi Daerah",
    "Sekretariat DPRD",
    "Biro Pemerintahan dan Otonomi Daerah",
    "Biro Perekonomian",
    "Biro Hukum",
)
BIDANG_TOPICS = (
    "Perencanaan dan Evaluasi",
    "Pembinaan dan Pengembangan",
    "Pengendalian",
    "Pelayanan",
    "Data dan Informasi",
    "Sarana dan Prasarana",
)
SEKSI_TOPICS = (
    "Perencanaan",
    "Pelaksanaan",
    "Evaluasi dan Pelaporan",
    "Pembinaan",
    "Pengawasan",
    "Kerja Sama",
)
_PLACE_HEAD = (
    "Sungai",
    "Talang",
    "Tanjung",
    "Muara",
    "Air",
    "Bukit",
    "Padang",
    "Lubuk",
    "Koto",
    "Pulau",
    "Teluk",
    "Batu",
    "Suka",
    "Tebing",
    "Simpang",
    "Rantau",
    "Pasar",
    "Karang",
)
_PLACE_TAIL = (
    "Jaya",
    "Makmur",
    "Baru",
    "Raya",
    "Indah",
    "Harapan",
    "Sari",
    "Mulya",
    "Tinggi",
    "Panjang",
    "Rejo",
    "Agung",
    "Lestari",
    "Permai",
    "Mekar",
    "Tengah",
    "Hilir",
    "Ulu",
    "Laut",
    "Gedang",
    "Kecil",
    "Besar",
    "Merah",
    "Putih",
)


def _places(rng: random.Random, count: int) -> Iterator[str]:
    """Distinct made-up place names ("Talang Jaya", "Muara Baru II")."""
    seen: set[str] = set()
    while len(seen) < count:
        name = f"{rng.choice(_PLACE_HEAD)} {rng.choice(_PLACE_TAIL)}"
        if name in seen:
            name = f"{name} {('II', 'III', 'IV', 'V')[len(seen) % 4]}"
        if name not in seen:
            seen.add(name)
            yield name


def _generic_opd(name: str, rng: random.Random) -> Branch:
    kind = UnitKind.BADAN if name.startswith("Badan") else UnitKind.DINAS
    topics = rng.sample(BIDANG_TOPICS, 4)

    def bidang_unit(topic: str) -> Branch:
        return bidang(
            f"Bidang {topic}",
            jf("Perencana", AHLI_MUDA, 2),
            staff("Pengolah Data dan Informasi", 3),
            children=tuple(
                seksi(
                    f"Seksi {s}",
                    staff("Pengadministrasi Perkantoran", 3),
                    staff("Penata Layanan Operasional", 2),
                    jf("Analis Kebijakan", AHLI_PERTAMA, 2),
                )
                for s in rng.sample(SEKSI_TOPICS, 3)
            ),
        )

    upt = Branch(
        f"UPTD {topics[0]}",
        UnitKind.UPT,
        Job(f"Kepala UPTD {topics[0]}", PositionKind.PENGAWAS, profession="umum"),
        (staff("Pengelola Layanan Operasional", 6), staff("Operator Layanan Operasional", 4)),
        (
            seksi("Seksi Tata Usaha", staff("Pengadministrasi Perkantoran", 3)),
            seksi("Seksi Teknis", staff("Penata Layanan Operasional", 4)),
        ),
    )
    return opd(
        name,
        kind,
        f"Kepala {name}",
        sekretariat(
            name,
            *common_subbagian(),
            seksi("Subbagian Program", staff("Penata Layanan Operasional", 2)),
        ),
        *(bidang_unit(topic) for topic in topics),
        upt,
        jobs=(jf("Analis Kebijakan", AHLI_MADYA, 1),),
    )


def _education(rng: random.Random, f: float) -> Branch:
    branches = max(1, round(15 * f))
    schools = max(2, round(800 * f))
    regions = list(_places(rng, branches))
    cabang = []
    for index, place in enumerate(regions):
        count = schools // branches + (1 if index < schools % branches else 0)
        numbers = {"SMA": 0, "SMK": 0, "SLB": 0}
        names = []
        for n in range(count):
            kind = ("SMA", "SMA", "SMK", "SMA", "SMK", "SLB")[n % 6]
            numbers[kind] += 1
            names.append(f"{kind} Negeri {numbers[kind]} {place}")
        units = tuple(school(school_name, teachers=rng.randint(18, 36)) for school_name in names)
        cabang.append(
            Branch(
                f"Cabang Dinas Pendidikan Wilayah {place}",
                UnitKind.UPT,
                Job(
                    f"Kepala Cabang Dinas Pendidikan Wilayah {place}",
                    PositionKind.ADMINISTRATOR,
                    profession="guru",
                ),
                (staff("Pengadministrasi Perkantoran", 3),),
                units,
            )
        )
    generic = _generic_opd("Dinas Pendidikan dan Kebudayaan", rng)
    return Branch(
        generic.name, generic.kind, generic.head, generic.staff, (*generic.children, *cabang)
    )


def _health(rng: random.Random, f: float) -> Branch:
    hospitals = []
    for place in _places(rng, max(1, round(5 * f))):
        wards = tuple(
            seksi(
                ward,
                jf("Dokter", AHLI_MUDA, 6, "dokter"),
                jf("Perawat", TERAMPIL, 30, "perawat"),
                jf("Perawat", AHLI_PERTAMA, 12, "perawat"),
                jf("Bidan", TERAMPIL, 6, "bidan"),
                staff("Pengadministrasi Perkantoran", 6),
                head_profession="perawat",
            )
            for ward in (
                "Instalasi Rawat Inap",
                "Instalasi Rawat Jalan",
                "Instalasi Gawat Darurat",
                "Instalasi Bedah Sentral",
                "Instalasi Laboratorium",
                "Instalasi Farmasi",
            )
        )
        hospitals.append(
            Branch(
                f"RSUD {place}",
                UnitKind.UPT,
                Job(f"Direktur RSUD {place}", PositionKind.ADMINISTRATOR, profession="dokter"),
                (staff("Pengadministrasi Perkantoran", 10),),
                wards,
            )
        )
    centres = tuple(
        puskesmas(f"Puskesmas {place}", doctors=3, nurses=8, midwives=6)
        for place in _places(rng, max(2, round(250 * f)))
    )
    generic = _generic_opd("Dinas Kesehatan", rng)
    return Branch(
        generic.name,
        generic.kind,
        generic.head,
        generic.staff,
        (*generic.children, *hospitals, *centres),
    )


def province_shape(employees: int, rng: random.Random) -> list[Branch]:
    """The root units of a province sized for `employees` people (60,000 → ~3,000 units)."""
    f = employees / 60_000
    roots = [
        _education(rng, f),
        _health(rng, f),
        kepegawaian("Badan Kepegawaian Daerah", "BKD", admin_accounts=("admin",), size=3),
        inspektorat(wilayah=4),
    ]
    generic = max(0, round(len(GENERIC_OPD) * f))
    roots += [
        _generic_opd(
            GENERIC_OPD[i % len(GENERIC_OPD)]
            + (f" {i // len(GENERIC_OPD) + 1}" if i >= len(GENERIC_OPD) else ""),
            rng,
        )
        for i in range(generic)
    ]
    for place in _places(rng, max(1, round(50 * f))):
        roots.append(kecamatan(place, *(kelurahan(k, 7) for k in _places(rng, 12))))
    return roots
