"""The four demo agencies of the seed documents (DESIGN §5), as unit trees.

Kota Palembang (Kecamatan Plaju and Kertapati with their kelurahan), Kota Subulussalam (Dinas
Kesehatan with its puskesmas, Dinas Dukcapil), Provinsi Bengkulu (Dukcapil, Perhubungan,
Pendidikan dan Kebudayaan with senior high schools) and Kabupaten Kerinci (Kecamatan Siulak
and its desa), each with its personnel office and inspectorate. `accounts` marks who gets
which demo account; `vacant` with `acting_by` leaves one head position to a Plt.
"""

from __future__ import annotations

from kinerja.core.tenancy import AgencyKind
from kinerja.org.demo.structure import (
    ADMINISTRATOR,
    AHLI_MADYA,
    AHLI_MUDA,
    AHLI_PERTAMA,
    PENGAWAS,
    TERAMPIL,
    Branch,
    Job,
    Region,
    bidang,
    common_subbagian,
    desa,
    dinas_kesehatan,
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
from kinerja.org.models import UnitKind

# --- The four agencies of the seed documents ----------------------------------------------------

BKPSDM = "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"
DUKCAPIL = "Dinas Kependudukan dan Pencatatan Sipil"

PALEMBANG = Region(
    "Pemerintah Kota Palembang",
    "Kota Palembang",
    AgencyKind.CITY,
    "palembang",
    "Sumatera Selatan",
    birth_places=(
        "Palembang",
        "Palembang",
        "Palembang",
        "Prabumulih",
        "Lahat",
        "Baturaja",
        "Muara Enim",
        "Lubuklinggau",
        "Kayu Agung",
        "Sekayu",
        "Yogyakarta",
        "Padang",
    ),
    name_mix={"palembang": 0.55, "javanese": 0.25, "minang": 0.1, "batak": 0.1},
    units=(
        kecamatan(
            "Plaju",
            kelurahan("Plaju Ulu", 5, head_accounts=("atasan",), staff_accounts=("pegawai",)),
            kelurahan("Plaju Ilir", 4),
            kelurahan("Plaju Darat", 4),
            kelurahan("Bagus Kuning", 4),
            kelurahan("Talang Putri", 4),
            kelurahan("Talang Bubuk", 3, vacant=True, acting_by="Sekretariat Kecamatan Plaju"),
            kelurahan("Komperta", 3),
            head_accounts=("kepala",),
            service_accounts=("layanan",),
        ),
        kecamatan(
            "Kertapati",
            kelurahan("Kertapati", 5),
            kelurahan("Kemang Agung", 4),
            kelurahan("Karya Jaya", 4),
            kelurahan("Keramasan", 4),
            kelurahan("Kemas Rindo", 4),
            kelurahan("Ogan Baru", 4),
        ),
        kepegawaian(BKPSDM, "BKPSDM", admin_accounts=("admin",), size=3),
        inspektorat(head_accounts=("inspektur",)),
    ),
)

SUBULUSSALAM = Region(
    "Pemerintah Kota Subulussalam",
    "Kota Subulussalam",
    AgencyKind.CITY,
    "subulussalam",
    "Aceh",
    birth_places=(
        "Subulussalam",
        "Subulussalam",
        "Singkil",
        "Banda Aceh",
        "Sidikalang",
        "Tapaktuan",
        "Meulaboh",
        "Medan",
        "Kutacane",
        "Blangpidie",
    ),
    name_mix={"acehnese": 0.4, "batak": 0.3, "javanese": 0.15, "malay": 0.1, "minang": 0.05},
    units=(
        dinas_kesehatan(
            "Dinas Kesehatan",
            puskesmas(
                "Puskesmas Simpang Kiri",
                doctors=2,
                nurses=5,
                midwives=4,
                head_accounts=("atasan",),
                nurse_accounts=("pegawai",),
            ),
            puskesmas("Puskesmas Penanggalan", nurses=4, midwives=3),
            puskesmas("Puskesmas Rundeng", doctors=1, nurses=3, midwives=3),
            head_accounts=("kepala",),
        ),
        opd(
            DUKCAPIL,
            UnitKind.DINAS,
            f"Kepala {DUKCAPIL}",
            sekretariat(DUKCAPIL, *common_subbagian()),
            bidang(
                "Bidang Pelayanan Pendaftaran Penduduk",
                jf("Administrator Database Kependudukan", AHLI_PERTAMA, 1, "it"),
                staff("Operator Layanan Operasional", 3, accounts=("layanan",)),
                children=(
                    seksi("Seksi Identitas Penduduk", staff("Operator Layanan Operasional", 2)),
                    seksi(
                        "Seksi Pindah Datang dan Pendataan Penduduk",
                        staff("Pengolah Data dan Informasi"),
                    ),
                ),
            ),
            bidang(
                "Bidang Pelayanan Pencatatan Sipil",
                staff("Operator Layanan Operasional", 2),
                children=(
                    seksi("Seksi Kelahiran dan Kematian", staff("Operator Layanan Operasional", 2)),
                    seksi("Seksi Perkawinan dan Perceraian", staff("Pengadministrasi Perkantoran")),
                ),
                vacant=True,
                acting_by=f"Sekretariat {DUKCAPIL}",
            ),
            bidang(
                "Bidang Pengelolaan Informasi Administrasi Kependudukan",
                jf("Pranata Komputer", AHLI_PERTAMA, 1, "it"),
                jf("Pranata Komputer", TERAMPIL, 1, "it"),
                jf("Administrator Database Kependudukan", AHLI_PERTAMA, 1, "it"),
                profession="it",
            ),
        ),
        kepegawaian(BKPSDM, "BKPSDM", admin_accounts=("admin",)),
        inspektorat(head_accounts=("inspektur",), wilayah=3),
    ),
)

_BENGKULU_SCHOOLS = (
    school("SMA Negeri 1 Kota Bengkulu", teachers=14),
    school("SMA Negeri 2 Kota Bengkulu"),
    school("SMA Negeri 5 Kota Bengkulu"),
    school("SMK Negeri 1 Kota Bengkulu"),
    school("SMK Negeri 3 Kota Bengkulu", teachers=10),
)

BENGKULU = Region(
    "Pemerintah Provinsi Bengkulu",
    "Provinsi Bengkulu",
    AgencyKind.PROVINCE,
    "bengkulu",
    "Bengkulu",
    birth_places=(
        "Bengkulu",
        "Bengkulu",
        "Curup",
        "Manna",
        "Arga Makmur",
        "Kepahiang",
        "Mukomuko",
        "Tais",
        "Bintuhan",
        "Lubuklinggau",
        "Padang",
        "Palembang",
    ),
    name_mix={"malay": 0.45, "javanese": 0.3, "minang": 0.15, "batak": 0.1},
    units=(
        opd(
            DUKCAPIL,
            UnitKind.DINAS,
            f"Kepala {DUKCAPIL}",
            sekretariat(
                DUKCAPIL,
                seksi("Subbagian Umum dan Kepegawaian", staff("Pengadministrasi Perkantoran", 2)),
            ),
            bidang(
                "Bidang Pelayanan Pendaftaran Penduduk dan Pencatatan Sipil",
                jf("Administrator Database Kependudukan", AHLI_MUDA, 1, "it"),
                staff("Penelaah Teknis Kebijakan", 2, accounts=("pegawai",)),
                staff("Operator Layanan Operasional", 2, accounts=("layanan",)),
                head_accounts=("atasan",),
            ),
            bidang(
                "Bidang Pengelolaan Informasi Administrasi Kependudukan dan Pemanfaatan Data",
                jf("Pranata Komputer", AHLI_PERTAMA, 2, "it"),
                staff("Pengolah Data dan Informasi", 2),
                profession="it",
            ),
            jobs=(jf("Perencana", AHLI_MUDA),),
            head_accounts=("kepala",),
        ),
        opd(
            "Dinas Perhubungan",
            UnitKind.DINAS,
            "Kepala Dinas Perhubungan",
            sekretariat("Dinas Perhubungan", *common_subbagian()),
            bidang(
                "Bidang Lalu Lintas dan Angkutan Jalan",
                jf("Penguji Kendaraan Bermotor", TERAMPIL, 2, "perhubungan"),
                staff("Penata Layanan Operasional", 2),
                staff("Pengelola Layanan Operasional", 2, female_share=0.2),
                profession="perhubungan",
            ),
            bidang(
                "Bidang Pelayaran",
                staff("Penata Layanan Operasional", 2),
                staff("Operator Layanan Operasional", 2),
                profession="perhubungan",
            ),
            bidang(
                "Bidang Sarana dan Prasarana",
                staff("Penelaah Teknis Kebijakan", 3),
                profession="perhubungan",
            ),
            Branch(
                "UPTD Pengelolaan Terminal",
                UnitKind.UPT,
                Job("Kepala UPTD Pengelolaan Terminal", PENGAWAS, profession="perhubungan"),
                (
                    staff("Pengelola Layanan Operasional", 4, female_share=0.15),
                    staff("Operator Layanan Operasional", 2),
                ),
            ),
            profession="perhubungan",
        ),
        opd(
            "Dinas Pendidikan dan Kebudayaan",
            UnitKind.DINAS,
            "Kepala Dinas Pendidikan dan Kebudayaan",
            sekretariat("Dinas Pendidikan dan Kebudayaan", *common_subbagian()),
            bidang(
                "Bidang Pembinaan SMA",
                jf("Pengawas Sekolah", AHLI_MADYA, 2, "guru"),
                children=(
                    seksi(
                        "Seksi Kurikulum dan Penilaian SMA",
                        staff("Penelaah Teknis Kebijakan"),
                        head_profession="guru",
                    ),
                    seksi(
                        "Seksi Peserta Didik dan Pembangunan Karakter SMA",
                        staff("Penata Layanan Operasional"),
                        head_profession="guru",
                    ),
                ),
                profession="guru",
            ),
            bidang(
                "Bidang Pembinaan SMK",
                jf("Pengawas Sekolah", AHLI_MUDA, 2, "guru"),
                children=(
                    seksi(
                        "Seksi Kurikulum dan Penilaian SMK",
                        staff("Penelaah Teknis Kebijakan"),
                        head_profession="guru",
                    ),
                    seksi(
                        "Seksi Kelembagaan dan Sarana Prasarana SMK",
                        staff("Pengolah Data dan Informasi"),
                    ),
                ),
                profession="guru",
            ),
            bidang(
                "Bidang Guru dan Tenaga Kependidikan",
                staff("Penelaah Teknis Kebijakan", 2),
                staff("Pengolah Data dan Informasi"),
            ),
            bidang(
                "Bidang Kebudayaan",
                jf("Pamong Budaya", AHLI_PERTAMA, 2, "budaya"),
                jf("Pamong Budaya", AHLI_MUDA, 1, "budaya"),
                profession="budaya",
                vacant=True,
                acting_by="Sekretariat Dinas Pendidikan dan Kebudayaan",
            ),
            Branch(
                "Cabang Dinas Pendidikan Wilayah I",
                UnitKind.UPT,
                Job("Kepala Cabang Dinas Pendidikan Wilayah I", ADMINISTRATOR, profession="guru"),
                (staff("Pengadministrasi Perkantoran", 2),),
                _BENGKULU_SCHOOLS,
            ),
            profession="guru",
        ),
        kepegawaian("Badan Kepegawaian Daerah", "BKD", admin_accounts=("admin",), size=3),
        inspektorat(head_accounts=("inspektur",)),
    ),
)

KERINCI = Region(
    "Pemerintah Kabupaten Kerinci",
    "Kabupaten Kerinci",
    AgencyKind.REGENCY,
    "kerinci",
    "Jambi",
    birth_places=(
        "Sungai Penuh",
        "Sungai Penuh",
        "Siulak",
        "Kerinci",
        "Semurup",
        "Jambi",
        "Padang",
        "Bangko",
        "Muara Bungo",
    ),
    name_mix={"minang": 0.55, "malay": 0.2, "javanese": 0.2, "batak": 0.05},
    units=(
        kecamatan(
            "Siulak",
            desa("Siulak Deras"),
            desa("Siulak Deras Mudik"),
            desa("Siulak Gedang"),
            desa("Siulak Panjang"),
            desa("Siulak Kecil"),
            desa("Sungai Pegeh"),
            head_accounts=("kepala",),
            desk_head_accounts=("atasan",),
            service_accounts=("pegawai", "layanan"),
            desk_holders=3,
        ),
        dinas_kesehatan(
            "Dinas Kesehatan",
            puskesmas("Puskesmas Siulak Deras", doctors=2, nurses=5, midwives=4),
            puskesmas(
                "Puskesmas Siulak Mukai",
                doctors=1,
                nurses=3,
                midwives=3,
                vacant=True,
                acting_by="Puskesmas Siulak Deras",
            ),
        ),
        kepegawaian(BKPSDM, "BKPSDM", admin_accounts=("admin",)),
        inspektorat(head_accounts=("inspektur",), wilayah=3),
    ),
)

REGIONS: tuple[Region, ...] = (PALEMBANG, SUBULUSSALAM, BENGKULU, KERINCI)
