"""Unit trees with their positions: the vocabulary the demo regions and the scale data share.

A `Branch` is a unit with its head position, its staff positions (with how many people hold
each) and its sub-units. The builder (`kinerja.org.demo.loading`; in bulk, `kinerja.org.scale`) turns the trees into units,
positions and employees; the head of a unit reports to the head of the nearest unit above it,
staff report to the head of their own unit. Names follow the nomenclature regional governments
use after the 2021–2024 simplification of the bureaucracy (pelaksana names of KepmenPANRB
11/2024, jabatan fungsional with their jenjang).
"""

from __future__ import annotations

from dataclasses import dataclass

from kinerja.org.models import PositionKind, PositionLevel, UnitKind

ADMINISTRATOR = PositionKind.ADMINISTRATOR
PENGAWAS = PositionKind.PENGAWAS
FUNGSIONAL = PositionKind.FUNGSIONAL
PELAKSANA = PositionKind.PELAKSANA

AHLI_PERTAMA = PositionLevel.AHLI_PERTAMA
AHLI_MUDA = PositionLevel.AHLI_MUDA
AHLI_MADYA = PositionLevel.AHLI_MADYA
TERAMPIL = PositionLevel.TERAMPIL
MAHIR = PositionLevel.MAHIR


@dataclass(frozen=True)
class Job:
    """A position and the people who hold it."""

    name: str
    kind: str
    level: str = ""
    holders: int = 1
    profession: str = "pelaksana"
    pppk_share: float = 0.0
    female_share: float = 0.45
    accounts: tuple[str, ...] = ()  # demo accounts given to the first holders, in order
    vacant: bool = False  # nobody holds it: a Plt. acts (see Branch.acting_by)


@dataclass(frozen=True)
class Branch:
    """A unit kerja, its head, its staff and its sub-units."""

    name: str
    kind: str
    head: Job | None = None
    staff: tuple[Job, ...] = ()
    children: tuple[Branch, ...] = ()
    acting_by: str = ""  # a sibling unit whose head is Plt. of this unit's vacant head position


@dataclass(frozen=True)
class Region:
    """One demo agency: identity, where its people come from, and its units."""

    name: str
    short_name: str
    kind: str
    code: str
    region: str
    birth_places: tuple[str, ...]
    name_mix: dict[str, float]
    units: tuple[Branch, ...]


# --- Building blocks -------------------------------------------------------------------------


def staff(name: str, holders: int = 1, **options: object) -> Job:
    """Pelaksana holders."""
    return Job(name, PELAKSANA, holders=holders, **options)  # type: ignore[arg-type]


def jf(name: str, level: str, holders: int = 1, profession: str = "umum", **options: object) -> Job:
    """Jabatan fungsional holders, the jenjang appended to the name."""
    label = PositionLevel(level).label
    return Job(f"{name} {label}", FUNGSIONAL, level, holders, profession, **options)  # type: ignore[arg-type]


def seksi(
    name: str,
    *jobs: Job,
    head_profession: str = "umum",
    head_accounts: tuple[str, ...] = (),
    vacant: bool = False,
    acting_by: str = "",
) -> Branch:
    """A seksi or subbagian headed by a pengawas."""
    head = Job(
        f"Kepala {name}",
        PENGAWAS,
        profession=head_profession,
        female_share=0.4,
        accounts=head_accounts,
        vacant=vacant,
    )
    return Branch(name, UnitKind.SEKSI, head, jobs, acting_by=acting_by)


def sekretariat(of: str, *subbagian: Branch, jobs: tuple[Job, ...] = ()) -> Branch:
    """The secretariat of a dinas, badan, inspektorat or kecamatan."""
    head = Job(f"Sekretaris {of}", ADMINISTRATOR, profession="umum", female_share=0.35)
    return Branch(f"Sekretariat {of}", UnitKind.BAGIAN, head, jobs, subbagian)


def bidang(
    name: str,
    *jobs: Job,
    children: tuple[Branch, ...] = (),
    profession: str = "umum",
    head_accounts: tuple[str, ...] = (),
    vacant: bool = False,
    acting_by: str = "",
    kind: str = UnitKind.BIDANG,
) -> Branch:
    """A bidang headed by an administrator."""
    head = Job(
        f"Kepala {name}",
        ADMINISTRATOR,
        profession=profession,
        female_share=0.35,
        accounts=head_accounts,
        vacant=vacant,
    )
    return Branch(name, kind, head, jobs, children, acting_by)


def opd(
    name: str,
    kind: str,
    head_title: str,
    *children: Branch,
    jobs: tuple[Job, ...] = (),
    profession: str = "umum",
    head_accounts: tuple[str, ...] = (),
) -> Branch:
    """A perangkat daerah (dinas, badan, inspektorat) headed by a JPT Pratama."""
    head = Job(
        head_title,
        PositionKind.JPT,
        PositionLevel.JPT_PRATAMA,
        profession=profession,
        female_share=0.25,
        accounts=head_accounts,
    )
    return Branch(name, kind, head, jobs, children)


def common_subbagian() -> tuple[Branch, Branch]:
    return (
        seksi(
            "Subbagian Umum dan Kepegawaian",
            staff("Pengadministrasi Perkantoran", 2),
            staff("Pengelola Layanan Operasional"),
        ),
        seksi(
            "Subbagian Perencanaan dan Keuangan",
            staff("Penata Layanan Operasional"),
            staff("Pengolah Data dan Informasi"),
        ),
    )


def kecamatan(
    name: str,
    *children: Branch,
    head_accounts: tuple[str, ...] = (),
    service_accounts: tuple[str, ...] = (),
    desk_head_accounts: tuple[str, ...] = (),
    desk_holders: int = 2,
) -> Branch:
    """A kecamatan: camat, secretariat, five seksi, then its kelurahan or desa."""
    head = Job(
        f"Camat {name}",
        ADMINISTRATOR,
        profession="pamong",
        female_share=0.2,
        accounts=head_accounts,
    )
    seksi_units = (
        seksi(
            "Seksi Pemerintahan",
            staff("Penelaah Teknis Kebijakan"),
            staff("Pengadministrasi Perkantoran"),
            head_profession="pamong",
        ),
        seksi(
            "Seksi Pelayanan Umum",
            staff("Operator Layanan Operasional", desk_holders, accounts=service_accounts),
            staff("Pengolah Data dan Informasi"),
            head_accounts=desk_head_accounts,
        ),
        seksi(
            "Seksi Ketenteraman dan Ketertiban Umum",
            staff("Pengelola Layanan Operasional", 2, female_share=0.15),
        ),
        seksi(
            "Seksi Pemberdayaan Masyarakat dan Kesejahteraan Sosial",
            staff("Penata Layanan Operasional"),
        ),
        seksi("Seksi Ekonomi dan Pembangunan", staff("Penelaah Teknis Kebijakan")),
    )
    return Branch(
        f"Kecamatan {name}",
        UnitKind.KECAMATAN,
        head,
        (jf("Analis Kebijakan", AHLI_MUDA),),
        (sekretariat(f"Kecamatan {name}", *common_subbagian()), *seksi_units, *children),
    )


def kelurahan(
    name: str,
    holders: int = 4,
    *,
    head_accounts: tuple[str, ...] = (),
    staff_accounts: tuple[str, ...] = (),
    vacant: bool = False,
    acting_by: str = "",
) -> Branch:
    """A kelurahan: a lurah (pengawas) and pelaksana serving residents."""
    head = Job(
        f"Lurah {name}",
        PENGAWAS,
        profession="pamong",
        female_share=0.35,
        accounts=head_accounts,
        vacant=vacant,
    )
    jobs = (
        staff("Pengadministrasi Perkantoran", max(1, holders - 2), accounts=staff_accounts),
        staff("Operator Layanan Operasional", pppk_share=0.5),
        staff("Pengolah Data dan Informasi"),
    )
    return Branch(f"Kelurahan {name}", UnitKind.KELURAHAN, head, jobs, acting_by=acting_by)


def desa(name: str) -> Branch:
    """A desa: its apparatus are not ASN, so the unit has no positions in Kinerja."""
    return Branch(f"Desa {name}", UnitKind.KELURAHAN)


def kepegawaian(
    name: str, short: str, *, admin_accounts: tuple[str, ...] = (), size: int = 2
) -> Branch:
    """BKPSDM / BKD: the agency's personnel office, home of the agency admins."""
    analis = "Analis Sumber Daya Manusia Aparatur"
    return opd(
        name,
        UnitKind.BADAN,
        f"Kepala {short}",
        sekretariat(short, *common_subbagian()),
        bidang(
            "Bidang Pengadaan, Pemberhentian dan Informasi Kepegawaian",
            jf(analis, AHLI_PERTAMA, size, "sdm"),
            jf("Pranata Komputer", TERAMPIL, 1, "it"),
            staff("Pengolah Data dan Informasi", size),
        ),
        bidang(
            "Bidang Mutasi dan Promosi",
            jf(analis, AHLI_MUDA, 1, "sdm"),
            jf(analis, AHLI_PERTAMA, size, "sdm"),
            staff("Pengadministrasi Perkantoran"),
        ),
        bidang(
            "Bidang Pengembangan Kompetensi Aparatur",
            jf(analis, AHLI_MUDA, 1, "sdm"),
            jf(analis, AHLI_PERTAMA, size - 1, "sdm"),
            staff("Penata Layanan Operasional"),
        ),
        bidang(
            "Bidang Penilaian Kinerja Aparatur dan Penghargaan",
            jf(analis, AHLI_PERTAMA, size + 1, "sdm", accounts=admin_accounts),
            jf(analis, AHLI_MUDA, 1, "sdm"),
            staff("Pengolah Data dan Informasi"),
        ),
        jobs=(jf(analis, AHLI_MADYA, 1, "sdm"),),
        profession="sdm",
    )


def inspektorat(*, head_accounts: tuple[str, ...] = (), wilayah: int = 4) -> Branch:
    """The inspectorate: an inspektur, a secretariat and the inspektur pembantu per area."""
    roman = ("I", "II", "III", "IV", "V")
    irban = tuple(
        Branch(
            f"Inspektur Pembantu Wilayah {roman[i]}",
            UnitKind.BIDANG,
            Job(
                f"Inspektur Pembantu Wilayah {roman[i]}",
                ADMINISTRATOR,
                profession="auditor",
                female_share=0.35,
            ),
            (
                jf("Auditor", AHLI_MUDA, 1, "auditor"),
                jf("Auditor", AHLI_PERTAMA, 2, "auditor"),
                jf(
                    "Pengawas Penyelenggaraan Urusan Pemerintahan Daerah",
                    AHLI_PERTAMA,
                    1,
                    "auditor",
                ),
                jf("Auditor", TERAMPIL, 1, "auditor"),
            ),
        )
        for i in range(wilayah)
    )
    return Branch(
        "Inspektorat",
        UnitKind.INSPECTORATE,
        Job(
            "Inspektur",
            PositionKind.JPT,
            PositionLevel.JPT_PRATAMA,
            profession="auditor",
            female_share=0.3,
            accounts=head_accounts,
        ),
        (jf("Auditor", AHLI_MADYA, 1, "auditor"),),
        (
            sekretariat(
                "Inspektorat",
                seksi(
                    "Subbagian Umum, Keuangan dan Pelaporan",
                    staff("Pengadministrasi Perkantoran", 2),
                    staff("Pengolah Data dan Informasi"),
                ),
                jobs=(jf("Perencana", AHLI_PERTAMA),),
            ),
            *irban,
        ),
    )


def puskesmas(
    name: str,
    *,
    doctors: int = 2,
    nurses: int = 4,
    midwives: int = 3,
    head_accounts: tuple[str, ...] = (),
    nurse_accounts: tuple[str, ...] = (),
    vacant: bool = False,
    acting_by: str = "",
) -> Branch:
    """A puskesmas (UPTD of the Dinas Kesehatan) with its health workers."""
    head = Job(
        f"Kepala {name}",
        PENGAWAS,
        profession="kesmas",
        female_share=0.5,
        accounts=head_accounts,
        vacant=vacant,
    )
    jobs = (
        jf("Dokter", AHLI_PERTAMA, doctors, "dokter", pppk_share=0.25, female_share=0.6),
        jf("Dokter", AHLI_MUDA, 1, "dokter", female_share=0.5),
        jf("Dokter Gigi", AHLI_PERTAMA, 1, "dokter_gigi", female_share=0.7),
        jf(
            "Perawat",
            TERAMPIL,
            nurses,
            "perawat",
            pppk_share=0.4,
            female_share=0.7,
            accounts=nurse_accounts,
        ),
        jf("Perawat", AHLI_PERTAMA, max(1, nurses // 2), "perawat", female_share=0.65),
        jf("Bidan", TERAMPIL, midwives, "bidan", pppk_share=0.4, female_share=1.0),
        jf("Bidan", AHLI_PERTAMA, 1, "bidan", female_share=1.0),
        jf("Apoteker", AHLI_PERTAMA, 1, "apoteker", female_share=0.7),
        jf("Pranata Laboratorium Kesehatan", TERAMPIL, 1, "kesmas"),
        jf("Nutrisionis", TERAMPIL, 1, "kesmas", female_share=0.8),
        jf("Tenaga Sanitasi Lingkungan", TERAMPIL, 1, "kesmas"),
        staff("Pengadministrasi Perkantoran", 2),
    )
    return Branch(name, UnitKind.PUSKESMAS, head, jobs, acting_by=acting_by)


def dinas_kesehatan(
    name: str, *puskesmas_units: Branch, head_accounts: tuple[str, ...] = ()
) -> Branch:
    """A Dinas Kesehatan: three bidang with their seksi, and the puskesmas below it."""
    return opd(
        name,
        UnitKind.DINAS,
        "Kepala Dinas Kesehatan",
        sekretariat("Dinas Kesehatan", *common_subbagian()),
        bidang(
            "Bidang Kesehatan Masyarakat",
            jf("Penyuluh Kesehatan Masyarakat", AHLI_MUDA, 1, "kesmas"),
            children=(
                seksi(
                    "Seksi Kesehatan Keluarga dan Gizi",
                    jf("Nutrisionis", AHLI_PERTAMA, 1, "kesmas"),
                    head_profession="kesmas",
                ),
                seksi(
                    "Seksi Promosi Kesehatan",
                    staff("Penata Layanan Operasional"),
                    head_profession="kesmas",
                ),
            ),
            profession="kesmas",
        ),
        bidang(
            "Bidang Pencegahan dan Pengendalian Penyakit",
            jf("Epidemiolog Kesehatan", AHLI_PERTAMA, 1, "kesmas"),
            children=(
                seksi(
                    "Seksi Surveilans dan Imunisasi",
                    jf("Tenaga Sanitasi Lingkungan", TERAMPIL, 1, "kesmas"),
                    head_profession="kesmas",
                ),
                seksi(
                    "Seksi Pengendalian Penyakit Menular",
                    staff("Pengolah Data dan Informasi"),
                    head_profession="kesmas",
                ),
            ),
            profession="kesmas",
        ),
        bidang(
            "Bidang Pelayanan dan Sumber Daya Kesehatan",
            jf("Apoteker", AHLI_MUDA, 1, "apoteker"),
            children=(
                seksi(
                    "Seksi Pelayanan Kesehatan",
                    staff("Penelaah Teknis Kebijakan"),
                    head_profession="dokter",
                ),
                seksi(
                    "Seksi Kefarmasian dan Alat Kesehatan",
                    jf("Apoteker", AHLI_PERTAMA, 1, "apoteker"),
                    head_profession="apoteker",
                ),
            ),
            profession="kesmas",
        ),
        *puskesmas_units,
        profession="dokter",
        head_accounts=head_accounts,
    )


def school(name: str, *, teachers: int = 12, head_accounts: tuple[str, ...] = ()) -> Branch:
    """A state senior high school; its head is a teacher with the additional duty of head."""
    head = Job(
        "Kepala Sekolah (Guru Ahli Madya)",
        FUNGSIONAL,
        AHLI_MADYA,
        profession="guru",
        female_share=0.45,
        accounts=head_accounts,
    )
    third = max(1, teachers // 3)
    jobs = (
        jf("Guru", AHLI_MADYA, max(1, third - 1), "guru", female_share=0.6),
        jf("Guru", AHLI_MUDA, third, "guru", female_share=0.6),
        jf(
            "Guru", AHLI_PERTAMA, teachers - 2 * third + 1, "guru", pppk_share=0.5, female_share=0.6
        ),
        jf("Pustakawan", TERAMPIL, 1, "umum", female_share=0.7),
        staff("Pengadministrasi Perkantoran", 2),
    )
    return Branch(name, UnitKind.SCHOOL, head, jobs)
