"""Plain data of the citizen demo: the 2026 holiday calendar, the services of each demo
region (shaped by the seed documents), what citizens write in surveys and complaints.

Seeds (../shared/seeds): KTP-el and akta turnaround at Dukcapil in Bengkulu and Subulussalam
(Subulussalam's fell after going digital); waiting time cut at Kecamatan Plaju and faster
administrative services at Kecamatan Siulak; patients served, satisfaction and waiting time at
the puskesmas of Subulussalam; the satisfaction survey of Dinas Perhubungan Bengkulu; complaints
resolved within the set time at Kecamatan Kertapati. No ORM.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# --- 2026 holidays ------------------------------------------------------------------------------
#
# National holidays and collective leave (cuti bersama) of 2026 as set by the joint decree of
# the Ministers of Religious Affairs, Manpower and PANRB (SKB 3 Menteri) for 2026, to the best
# of our knowledge when this was written; the Islamic dates follow the government's hisab and
# may move by a day after the isbat. An agency checks and edits its own calendar.
HOLIDAYS_2026: tuple[tuple[dt.date, str], ...] = (
    (dt.date(2026, 1, 1), "Tahun Baru 2026 Masehi"),
    (dt.date(2026, 1, 16), "Isra Mikraj Nabi Muhammad SAW"),
    (dt.date(2026, 2, 16), "Cuti bersama Tahun Baru Imlek"),
    (dt.date(2026, 2, 17), "Tahun Baru Imlek 2577 Kongzili"),
    (dt.date(2026, 3, 18), "Cuti bersama Hari Suci Nyepi"),
    (dt.date(2026, 3, 19), "Hari Suci Nyepi (Tahun Baru Saka 1948)"),
    (dt.date(2026, 3, 20), "Cuti bersama Idulfitri 1447 H"),
    (dt.date(2026, 3, 21), "Hari Raya Idulfitri 1447 H"),
    (dt.date(2026, 3, 22), "Hari Raya Idulfitri 1447 H"),
    (dt.date(2026, 3, 23), "Cuti bersama Idulfitri 1447 H"),
    (dt.date(2026, 3, 24), "Cuti bersama Idulfitri 1447 H"),
    (dt.date(2026, 4, 3), "Wafat Yesus Kristus"),
    (dt.date(2026, 4, 5), "Kebangkitan Yesus Kristus (Paskah)"),
    (dt.date(2026, 5, 1), "Hari Buruh Internasional"),
    (dt.date(2026, 5, 14), "Kenaikan Yesus Kristus"),
    (dt.date(2026, 5, 15), "Cuti bersama Kenaikan Yesus Kristus"),
    (dt.date(2026, 5, 27), "Iduladha 1447 H"),
    (dt.date(2026, 5, 28), "Cuti bersama Iduladha 1447 H"),
    (dt.date(2026, 5, 31), "Hari Raya Waisak 2570 BE"),
    (dt.date(2026, 6, 1), "Hari Lahir Pancasila"),
    (dt.date(2026, 6, 16), "Tahun Baru Islam 1448 H"),
    (dt.date(2026, 8, 17), "Hari Kemerdekaan Republik Indonesia"),
    (dt.date(2026, 8, 25), "Maulid Nabi Muhammad SAW"),
    (dt.date(2026, 12, 24), "Cuti bersama Hari Raya Natal"),
    (dt.date(2026, 12, 25), "Hari Raya Natal"),
)

# --- Services -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ServiceSpec:
    """A service at the unit reached by `unit_path` (names from the top unit down) and how its
    requests behave over the demo year: daily volume on opening days, the median turnaround
    as a share of the standard at the start and at the end of the year (a falling share is a
    service that got faster), the spread (lognormal σ), and the handlers' unit (default the
    service's unit, its staff below it included)."""

    unit_path: tuple[str, ...]
    code: str
    name: str
    standard_minutes: int
    per_day: float
    median_share: tuple[float, float] = (0.8, 0.8)
    spread: float = 0.5
    saturday: bool = False
    description: str = ""
    source_import: bool = False
    ticket_prefix: str = "LYN"


DUKCAPIL = "Dinas Kependudukan dan Pencatatan Sipil"
DAY = 24 * 60

_KELURAHAN_SERVICES: tuple[tuple[str, str, int, float, str], ...] = (
    ("surat-pengantar", "Surat Pengantar", 30, 3.0, "SP"),
    ("domisili", "Surat Keterangan Domisili", 60, 1.2, "DOM"),
)


def kelurahan_services(
    kecamatan: str, kelurahan: tuple[str, ...], share: tuple[float, float]
) -> tuple[ServiceSpec, ...]:
    """The two letters every kelurahan issues, for each kelurahan of a kecamatan."""
    specs = []
    for name in kelurahan:
        slug = name.lower().replace(" ", "-")
        for code, title, minutes, per_day, prefix in _KELURAHAN_SERVICES:
            specs.append(
                ServiceSpec(
                    (f"Kecamatan {kecamatan}", f"Kelurahan {name}"),
                    f"{code}-{slug}",
                    f"{title} Kelurahan {name}",
                    minutes,
                    per_day,
                    median_share=share,
                    ticket_prefix=prefix,
                )
            )
    return tuple(specs)


def kecamatan_services(kecamatan: str, share: tuple[float, float]) -> tuple[ServiceSpec, ...]:
    desk = (f"Kecamatan {kecamatan}", "Seksi Pelayanan Umum")
    slug = kecamatan.lower()
    return (
        ServiceSpec(
            desk,
            f"legalisir-{slug}",
            "Legalisir Dokumen Kependudukan",
            30,
            2.2,
            median_share=share,
            ticket_prefix="LEG",
        ),
        ServiceSpec(
            desk,
            f"pengantar-ktp-kk-{slug}",
            "Surat Pengantar KTP-el dan Kartu Keluarga",
            30,
            2.6,
            median_share=share,
            ticket_prefix="PKK",
        ),
        ServiceSpec(
            desk,
            f"sktm-{slug}",
            "Surat Keterangan Tidak Mampu",
            60,
            0.9,
            median_share=share,
            ticket_prefix="SKTM",
        ),
    )


def puskesmas_service(dinas: str, puskesmas: str, per_day: float) -> ServiceSpec:
    slug = puskesmas.removeprefix("Puskesmas ").lower().replace(" ", "-")
    return ServiceSpec(
        (dinas, puskesmas),
        f"rawat-jalan-{slug}",
        f"Rawat Jalan Umum {puskesmas}",
        45,
        per_day,
        median_share=(0.8, 0.62),
        spread=0.4,
        saturday=True,
        description="Sejak pendaftaran sampai pasien selesai diperiksa dan menerima resep.",
        source_import=True,
        ticket_prefix="RJ",
    )


def dukcapil_services(
    pendaftaran: str, pencatatan: str, ktp: float, kk: float, akta: float, share: tuple
) -> tuple[ServiceSpec, ...]:
    return (
        ServiceSpec(
            (DUKCAPIL, pendaftaran),
            "ktp-el",
            "Penerbitan KTP-el",
            DAY,
            ktp,
            median_share=share,
            spread=0.7,
            description="Perekaman ulang, penggantian rusak/hilang dan perubahan data KTP-el.",
            source_import=True,
            ticket_prefix="KTP",
        ),
        ServiceSpec(
            (DUKCAPIL, pendaftaran),
            "kartu-keluarga",
            "Penerbitan Kartu Keluarga",
            DAY,
            kk,
            median_share=share,
            spread=0.7,
            source_import=True,
            ticket_prefix="KK",
        ),
        ServiceSpec(
            (DUKCAPIL, pencatatan),
            "akta-kelahiran",
            "Penerbitan Akta Kelahiran",
            3 * DAY,
            akta,
            median_share=(share[0] * 0.6, share[1] * 0.6),
            spread=0.6,
            description="Paling lama 3 hari kerja sejak berkas lengkap.",
            source_import=True,
            ticket_prefix="AKL",
        ),
    )


SERVICES: dict[str, tuple[ServiceSpec, ...]] = {
    "palembang": (
        # Plaju: the queue went online early in the year and waiting fell sharply (seed 000).
        *kecamatan_services("Plaju", (1.3, 0.45)),
        *kelurahan_services(
            "Plaju",
            (
                "Plaju Ulu",
                "Plaju Ilir",
                "Plaju Darat",
                "Bagus Kuning",
                "Talang Putri",
                "Talang Bubuk",
                "Komperta",
            ),
            (1.3, 0.45),
        ),
        *kecamatan_services("Kertapati", (0.95, 0.85)),
        *kelurahan_services(
            "Kertapati",
            (
                "Kertapati",
                "Kemang Agung",
                "Karya Jaya",
                "Keramasan",
                "Kemas Rindo",
                "Ogan Baru",
            ),
            (0.95, 0.85),
        ),
    ),
    "subulussalam": (
        puskesmas_service("Dinas Kesehatan", "Puskesmas Simpang Kiri", 15),
        puskesmas_service("Dinas Kesehatan", "Puskesmas Penanggalan", 10),
        puskesmas_service("Dinas Kesehatan", "Puskesmas Rundeng", 8),
        # Document turnaround fell after the digital services (seed 002).
        *dukcapil_services(
            "Bidang Pelayanan Pendaftaran Penduduk",
            "Bidang Pelayanan Pencatatan Sipil",
            ktp=20,
            kk=10,
            akta=6,
            share=(1.25, 0.45),
        ),
    ),
    "bengkulu": (
        *dukcapil_services(
            "Bidang Pelayanan Pendaftaran Penduduk dan Pencatatan Sipil",
            "Bidang Pelayanan Pendaftaran Penduduk dan Pencatatan Sipil",
            ktp=26,
            kk=10,
            akta=8,
            share=(0.8, 0.7),
        ),
        ServiceSpec(
            ("Dinas Perhubungan", "Bidang Lalu Lintas dan Angkutan Jalan"),
            "uji-kir",
            "Uji Berkala Kendaraan Bermotor (KIR)",
            90,
            14,
            median_share=(0.7, 0.6),
            spread=0.35,
            description="Pemeriksaan dan pengujian berkala kendaraan angkutan umum dan barang.",
            ticket_prefix="KIR",
        ),
        ServiceSpec(
            ("Dinas Perhubungan", "Bidang Lalu Lintas dan Angkutan Jalan"),
            "izin-trayek",
            "Izin Penyelenggaraan Angkutan (Trayek)",
            5 * DAY,
            1.2,
            median_share=(0.5, 0.5),
            spread=0.5,
            ticket_prefix="TRY",
        ),
    ),
    "kerinci": (
        # Siulak: administrative services at the kecamatan office got faster (seed 004).
        *kecamatan_services("Siulak", (1.6, 0.6)),
        puskesmas_service("Dinas Kesehatan", "Puskesmas Siulak Deras", 12),
        puskesmas_service("Dinas Kesehatan", "Puskesmas Siulak Mukai", 7),
    ),
}

# --- Surveys ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SurveySpec:
    """Responses to the survey of the unit at `unit_path` (pooled over its services, and a few
    about the unit as a whole) and the unit's mean answer per element (1–4)."""

    unit_path: tuple[str, ...]
    responses: int
    means: dict[str, float] = field(default_factory=dict)


# Typical of published SKM results: the fee scores high (free services), time and facilities
# lowest; each unit shifts the whole profile up or down.
BASE_MEANS = {
    "persyaratan": 3.2,
    "prosedur": 3.15,
    "waktu": 2.95,
    "biaya": 3.75,
    "produk": 3.2,
    "kompetensi": 3.25,
    "perilaku": 3.35,
    "pengaduan": 3.0,
    "sarana": 2.9,
}


def _means(shift: float, **override: float) -> dict[str, float]:
    return {key: override.get(key, value + shift) for key, value in BASE_MEANS.items()}


SURVEYS: dict[str, tuple[SurveySpec, ...]] = {
    "palembang": (
        SurveySpec(("Kecamatan Plaju",), 460, _means(0.15, waktu=3.25)),
        SurveySpec(("Kecamatan Kertapati",), 420, _means(-0.05, pengaduan=2.85)),
    ),
    "subulussalam": (
        SurveySpec(("Dinas Kesehatan", "Puskesmas Simpang Kiri"), 320, _means(0.05)),
        SurveySpec(("Dinas Kesehatan", "Puskesmas Penanggalan"), 210, _means(-0.05)),
        SurveySpec(("Dinas Kesehatan", "Puskesmas Rundeng"), 160, _means(-0.1, sarana=2.6)),
        SurveySpec((DUKCAPIL,), 260, _means(0.1, waktu=3.15)),
    ),
    "bengkulu": (
        # The seed's survey at Dinas Perhubungan: a fee (retribusi) and an older test site.
        SurveySpec(("Dinas Perhubungan",), 640, _means(-0.1, biaya=3.05, sarana=2.7)),
        SurveySpec((DUKCAPIL,), 300, _means(0.0)),
    ),
    "kerinci": (
        SurveySpec(("Kecamatan Siulak",), 300, _means(0.2, waktu=3.2)),
        SurveySpec(("Dinas Kesehatan", "Puskesmas Siulak Deras"), 170, _means(0.0)),
    ),
}

PRAISE = (
    "Pelayanan cepat dan petugasnya ramah.",
    "Terima kasih, prosesnya jelas dan tidak berbelit.",
    "Antrean sekarang lebih tertib sejak ada nomor antrean daring.",
    "Petugas membantu mengisi formulir, sangat membantu orang tua seperti saya.",
    "Tidak dipungut biaya apa pun, mantap.",
    "Ruang tunggu bersih dan ada informasi syarat yang jelas.",
    "Selesai hari itu juga, tidak perlu bolak-balik.",
)
CRITICISM = (
    "Ruang tunggu panas, mohon ditambah kipas angin atau AC.",
    "Antrean masih panjang pada hari Senin.",
    "Informasi persyaratan di papan pengumuman kurang lengkap.",
    "Petugas kadang belum datang pada jam buka layanan.",
    "Tempat parkir sempit dan tidak ada peneduh.",
    "Mohon disediakan kotak saran yang benar-benar ditindaklanjuti.",
    "Jaringan sering gangguan sehingga harus menunggu lama.",
    "Toilet untuk pengunjung kurang bersih.",
)
SUGGESTIONS = (
    "Sebaiknya ada layanan antar dokumen bagi lansia.",
    "Mohon jam layanan diperpanjang sampai sore.",
    "Perlu ada pemberitahuan lewat WhatsApp kalau dokumen sudah jadi.",
    "Sediakan formulir contoh yang sudah diisi agar warga tidak salah.",
)

# --- Complaints -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ComplaintText:
    """A complaint as citizens write it; `themes`: the kinds of unit that receive it."""

    themes: str
    category: str
    complaint_class: str
    subject: str
    description: str
    resolution: str


COMPLAINT_TEXTS: tuple[ComplaintText, ...] = (
    ComplaintText(
        "kecamatan dukcapil",
        "Pelayanan administrasi",
        "informasi",
        "Syarat pembuatan surat keterangan tidak mampu",
        "Saya ingin mengurus SKTM untuk beasiswa anak. Apa saja syaratnya dan berapa lama?",
        "Syarat dan lama layanan sudah dijelaskan melalui WhatsApp; pelapor datang esok harinya.",
    ),
    ComplaintText(
        "kecamatan dukcapil",
        "Pelayanan administrasi",
        "ringan",
        "Surat pengantar belum selesai",
        "Sudah dua hari surat pengantar saya belum selesai padahal katanya bisa ditunggu.",
        "Surat pengantar diselesaikan hari itu; petugas pengganti ditetapkan saat operator cuti.",
    ),
    ComplaintText(
        "kecamatan dukcapil kesehatan perhubungan",
        "Perilaku petugas",
        "tanpa_pemeriksaan",
        "Petugas loket kurang ramah",
        "Petugas loket menjawab dengan nada tinggi ketika saya bertanya tentang syarat berkas.",
        "Petugas yang bersangkutan telah dibina oleh atasan langsung dan meminta maaf.",
    ),
    ComplaintText(
        "kecamatan dukcapil perhubungan",
        "Pungutan",
        "tanpa_pemeriksaan",
        "Diminta uang untuk mempercepat surat",
        "Ada oknum yang meminta uang Rp50.000 agar surat keterangan cepat selesai.",
        "Hasil klarifikasi diteruskan ke Inspektorat; pelapor diberi tahu layanan ini gratis.",
    ),
    ComplaintText(
        "kecamatan",
        "Infrastruktur lingkungan",
        "pemeriksaan_lapangan",
        "Drainase tersumbat menyebabkan banjir",
        "Saluran air di depan rumah warga RT 12 tersumbat sampah sehingga banjir saat hujan.",
        "Saluran dibersihkan bersama warga dan dinas terkait; dipantau saat musim hujan.",
    ),
    ComplaintText(
        "kecamatan",
        "Infrastruktur lingkungan",
        "pemeriksaan_lapangan",
        "Jalan lingkungan rusak berlubang",
        "Jalan lingkungan menuju sekolah berlubang dan membahayakan pengendara motor.",
        "Lokasi ditinjau; perbaikan diusulkan dalam musrenbang dan ditambal sementara.",
    ),
    ComplaintText(
        "kecamatan kesehatan",
        "Kebersihan",
        "tanpa_pemeriksaan",
        "Sampah menumpuk di tepi jalan",
        "Tumpukan sampah di tepi jalan dekat pasar tidak diangkut sudah seminggu.",
        "Jadwal angkut dikoordinasikan ulang dengan DLH; sampah diangkut dua hari kemudian.",
    ),
    ComplaintText(
        "kecamatan",
        "Penerangan jalan",
        "tanpa_pemeriksaan",
        "Lampu jalan padam",
        "Lampu penerangan jalan di gang masjid padam sejak dua minggu, rawan kejahatan.",
        "Dilaporkan ke dinas terkait; lampu diganti oleh petugas.",
    ),
    ComplaintText(
        "kecamatan",
        "Ketenteraman",
        "pemeriksaan_lapangan",
        "Kebisingan usaha pada malam hari",
        "Usaha bengkel di samping rumah beroperasi sampai tengah malam dan sangat bising.",
        "Pemilik usaha dipanggil dan bersedia membatasi jam operasional sampai pukul 21.00.",
    ),
    ComplaintText(
        "kecamatan",
        "Bantuan sosial",
        "informasi",
        "Data penerima bantuan sosial",
        "Nama orang tua saya tidak lagi terdaftar sebagai penerima bantuan, mohon penjelasan.",
        "Dijelaskan mekanisme pemutakhiran DTKS; usulan ulang dibantu operator kelurahan.",
    ),
    ComplaintText(
        "kecamatan dukcapil",
        "Kependudukan",
        "informasi",
        "Status KTP-el belum dicetak",
        "KTP-el saya sudah direkam tiga bulan lalu tetapi belum juga dicetak.",
        "Data ganda diselesaikan; KTP-el dicetak dan pelapor diberi tahu untuk mengambil.",
    ),
    ComplaintText(
        "kesehatan",
        "Kesehatan",
        "tanpa_pemeriksaan",
        "Antrean rawat jalan terlalu lama",
        "Saya menunggu lebih dari dua jam di puskesmas sebelum diperiksa dokter.",
        "Jadwal dokter jaga ditambah pada hari Senin dan antrean daring diperkenalkan.",
    ),
    ComplaintText(
        "perhubungan",
        "Angkutan umum",
        "tanpa_pemeriksaan",
        "Angkutan umum berhenti sembarangan",
        "Angkot sering berhenti menunggu penumpang di persimpangan sehingga macet setiap pagi.",
        "Patroli dan penertiban bersama kepolisian; rambu larangan berhenti dipasang.",
    ),
    ComplaintText(
        "perhubungan",
        "Pelayanan uji kendaraan",
        "informasi",
        "Jadwal dan tarif uji KIR",
        "Berapa tarif retribusi uji berkala mobil barang dan apakah bisa mendaftar daring?",
        "Tarif sesuai perda dan tautan pendaftaran daring dikirim kepada pelapor.",
    ),
    ComplaintText(
        "perhubungan",
        "Fasilitas terminal",
        "pemeriksaan_lapangan",
        "Atap ruang tunggu terminal bocor",
        "Atap ruang tunggu terminal bocor, penumpang kehujanan saat menunggu bus.",
        "Atap diperbaiki oleh UPTD Pengelolaan Terminal setelah ditinjau.",
    ),
)

RESPONSE_TEXT = "Pengaduan telah diterima, diverifikasi dan diteruskan kepada petugas terkait."
RATING_COMMENTS = {
    5: ("Cepat ditangani, terima kasih.", "Sangat puas, langsung ada tindakan."),
    4: ("Sudah ditangani dengan baik.", "Terima kasih atas tanggapannya."),
    3: ("Ditangani, tetapi agak lama.", "Cukup, semoga tidak terulang."),
    2: ("Lambat sekali penanganannya.", "Belum tuntas sepenuhnya."),
    1: ("Tidak ada perubahan di lapangan.",),
}


@dataclass(frozen=True)
class ComplaintSpec:
    """Complaints to the unit at `unit_path` (spread over it and the units below) in the demo
    year: how many, the share resolved on time, and how many are still open past their limit."""

    unit_path: tuple[str, ...]
    theme: str
    per_year: int
    on_time: float
    open_overdue: int


COMPLAINTS: dict[str, tuple[ComplaintSpec, ...]] = {
    # Kertapati: complaints resolved within the set time is the measure (seed 001).
    "palembang": (
        ComplaintSpec(("Kecamatan Kertapati",), "kecamatan", 430, 0.84, 9),
        ComplaintSpec(("Kecamatan Plaju",), "kecamatan", 70, 0.9, 1),
    ),
    "subulussalam": (
        ComplaintSpec(("Dinas Kesehatan",), "kesehatan", 35, 0.8, 2),
        ComplaintSpec((DUKCAPIL,), "dukcapil", 30, 0.75, 2),
    ),
    "bengkulu": (
        ComplaintSpec((DUKCAPIL,), "dukcapil", 55, 0.78, 3),
        ComplaintSpec(("Dinas Perhubungan",), "perhubungan", 45, 0.8, 2),
    ),
    "kerinci": (ComplaintSpec(("Kecamatan Siulak",), "kecamatan", 40, 0.88, 1),),
}

OVERRIDE_REASON = (
    "Sebagian permohonan dilayani manual saat aplikasi antrean gangguan dan belum diimpor; "
    "rekap manual dilampirkan sebagai bukti dukung."
)
