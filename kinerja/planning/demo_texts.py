"""RHK and indicator texts of the demo SKP, shaped by the seed documents (../shared/seeds).

Each theme is what one kind of unit works on: KTP-el and akta turnaround at Dukcapil
(Bengkulu, Subulussalam), complaints resolved on time at Kecamatan Kertapati, waiting time at
Kecamatan Plaju and Siulak, patients served / satisfaction / waiting time at the puskesmas
(Subulussalam), the satisfaction survey at Dinas Perhubungan and teacher training at Dinas
Pendidikan (Bengkulu), accurate and current personnel data at BKPSDM, and follow-up of
recommendations at the inspectorate. A *family* is one strand of the cascade: the leader's
RHK, the RHK of a middle manager that intervenes it, and the RHK of the staff below.
Plain data; no ORM.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class IndicatorText:
    """An indicator with the leader's annual target; quantity targets shrink down the cascade."""

    aspect: str  # kuantitas | kualitas | waktu
    text: str
    target: Decimal
    unit: str


@dataclass(frozen=True)
class Family:
    leader: str
    middle: str
    staff: str
    indicators: tuple[IndicatorText, ...]


def _i(aspect: str, text: str, target: int | str, unit: str) -> IndicatorText:
    return IndicatorText(aspect, text, Decimal(target), unit)


KUANTITAS, KUALITAS, WAKTU = "kuantitas", "kualitas", "waktu"

_IKM = Family(
    "Meningkatnya kepuasan masyarakat terhadap pelayanan {unit}",
    "Terlaksananya survei kepuasan masyarakat dan tindak lanjut hasilnya di {unit}",
    "Terlayaninya permohonan surat keterangan warga di {unit} sesuai standar pelayanan",
    (
        _i(KUALITAS, "Indeks Kepuasan Masyarakat (IKM) unit layanan", 82, "nilai IKM"),
        _i(KUANTITAS, "Jumlah surat keterangan yang diterbitkan", 1800, "surat"),
        _i(WAKTU, "Rata-rata waktu penerbitan surat keterangan", 1, "hari"),
    ),
)

THEMES: dict[str, tuple[Family, ...]] = {
    "dukcapil": (
        Family(
            "Meningkatnya kecepatan dan ketepatan pelayanan dokumen kependudukan di {unit}",
            "Terselenggaranya penerbitan KTP-el yang cepat dan akurat di {unit}",
            "Terlayaninya permohonan KTP-el dan Kartu Identitas Anak sesuai standar pelayanan",
            (
                _i(WAKTU, "Rata-rata waktu penyelesaian KTP-el sejak berkas lengkap", 1, "hari"),
                _i(KUANTITAS, "Jumlah KTP-el yang diterbitkan", 24000, "keping"),
                _i(KUALITAS, "Persentase KTP-el terbit tanpa kesalahan data", 98, "%"),
            ),
        ),
        Family(
            "Meningkatnya cakupan kepemilikan akta kelahiran anak",
            "Terselenggaranya pelayanan akta kelahiran paling lama 3 hari kerja di {unit}",
            "Terbitnya akta kelahiran dari berkas permohonan yang lengkap dan benar",
            (
                _i(WAKTU, "Rata-rata waktu penerbitan akta kelahiran", 3, "hari kerja"),
                _i(KUALITAS, "Persentase akta kelahiran terbit paling lama 3 hari kerja", 95, "%"),
                _i(KUANTITAS, "Jumlah akta kelahiran yang diterbitkan", 6000, "akta"),
            ),
        ),
        Family(
            "Tersedianya data kependudukan yang akurat dan terkini",
            "Termutakhirkannya database kependudukan di {unit}",
            "Terverifikasinya data penduduk pindah datang dalam database SIAK",
            (
                _i(KUANTITAS, "Jumlah data penduduk yang dimutakhirkan", 12000, "data"),
                _i(KUALITAS, "Persentase data ganda yang diselesaikan", 100, "%"),
            ),
        ),
    ),
    "pengaduan": (
        Family(
            "Meningkatnya penyelesaian pengaduan masyarakat di {unit} tepat waktu",
            "Tertanganinya pengaduan masyarakat di {unit} sesuai batas waktu layanan",
            "Terverifikasi dan tertindaklanjutinya pengaduan masyarakat yang masuk",
            (
                _i(KUALITAS, "Persentase pengaduan diselesaikan dalam batas waktu", 90, "%"),
                _i(KUANTITAS, "Jumlah pengaduan yang ditindaklanjuti", 240, "pengaduan"),
                _i(WAKTU, "Rata-rata waktu penyelesaian pengaduan", 5, "hari"),
            ),
        ),
        _IKM,
        Family(
            "Meningkatnya kompetensi aparatur {unit} dalam manajemen pengaduan",
            "Terselenggaranya forum diskusi dan pelatihan internal manajemen pengaduan",
            "Terlaksananya tindak lanjut hasil pelatihan manajemen pengaduan dalam tugas",
            (
                _i(KUANTITAS, "Jumlah pegawai yang mengikuti pelatihan pengaduan", 12, "orang"),
                _i(KUALITAS, "Persentase peserta lulus evaluasi pelatihan", 90, "%"),
            ),
        ),
    ),
    "waktu_tunggu": (
        Family(
            "Menurunnya waktu tunggu layanan administrasi di {unit}",
            "Terselenggaranya layanan administrasi berbasis aplikasi di {unit}",
            "Terlayaninya permohonan administrasi warga melalui antrean daring",
            (
                _i(WAKTU, "Rata-rata waktu tunggu layanan administrasi", 15, "menit"),
                _i(KUANTITAS, "Jumlah permohonan layanan yang diselesaikan", 3600, "permohonan"),
                _i(KUALITAS, "Persentase permohonan yang diajukan secara daring", 40, "%"),
            ),
        ),
        _IKM,
        Family(
            "Meningkatnya tertib administrasi pemerintahan di wilayah {unit}",
            "Terlaksananya pembinaan administrasi kelurahan/desa di {unit}",
            "Tersusunnya laporan administrasi pemerintahan tepat waktu",
            (
                _i(
                    KUANTITAS,
                    "Jumlah laporan administrasi pemerintahan yang disusun",
                    48,
                    "laporan",
                ),
                _i(KUALITAS, "Persentase laporan kelurahan/desa diterima tepat waktu", 90, "%"),
            ),
        ),
    ),
    "kesehatan": (
        Family(
            "Meningkatnya mutu pelayanan kesehatan dasar di {unit}",
            "Terselenggaranya pelayanan rawat jalan {unit} sesuai standar",
            "Terlayaninya pasien rawat jalan sesuai standar pelayanan",
            (
                _i(KUANTITAS, "Jumlah pasien yang dilayani", 14400, "pasien"),
                _i(KUALITAS, "Persentase pasien yang puas terhadap pelayanan", 85, "%"),
                _i(WAKTU, "Rata-rata waktu tunggu pasien rawat jalan", 30, "menit"),
            ),
        ),
        Family(
            "Meningkatnya cakupan pelayanan kesehatan ibu dan anak",
            "Terlaksananya pelayanan antenatal dan imunisasi dasar lengkap di {unit}",
            "Terlayaninya ibu hamil dan bayi sesuai jadwal pemeriksaan",
            (
                _i(KUANTITAS, "Jumlah kunjungan ibu hamil (K4)", 1200, "kunjungan"),
                _i(KUALITAS, "Persentase bayi yang mendapat imunisasi dasar lengkap", 95, "%"),
            ),
        ),
        Family(
            "Menurunnya angka kesakitan penyakit menular",
            "Terlaksananya penemuan dan pengobatan kasus penyakit menular di {unit}",
            "Terlaksananya penyuluhan kesehatan dan kunjungan rumah pasien",
            (
                _i(KUANTITAS, "Jumlah kegiatan penyuluhan kesehatan", 48, "kegiatan"),
                _i(KUALITAS, "Persentase pasien TB yang diobati sampai sembuh", 90, "%"),
            ),
        ),
    ),
    "perhubungan": (
        Family(
            "Meningkatnya kepuasan masyarakat terhadap layanan {unit}",
            "Terlaksananya survei kepuasan masyarakat layanan perhubungan",
            "Terhimpunnya tanggapan survei kepuasan pengguna layanan",
            (
                _i(
                    KUALITAS,
                    "Indeks Kepuasan Masyarakat (IKM) layanan perhubungan",
                    80,
                    "nilai IKM",
                ),
                _i(KUANTITAS, "Jumlah responden survei kepuasan masyarakat", 1200, "responden"),
                _i(WAKTU, "Rata-rata waktu layanan uji kendaraan bermotor", 60, "menit"),
            ),
        ),
        Family(
            "Meningkatnya keselamatan lalu lintas dan angkutan jalan",
            "Terlaksananya pengujian berkala kendaraan angkutan umum",
            "Teruji dan tercatatnya kendaraan angkutan umum yang laik jalan",
            (
                _i(KUANTITAS, "Jumlah kendaraan yang lulus uji berkala", 9000, "kendaraan"),
                _i(KUALITAS, "Persentase kendaraan angkutan umum laik jalan", 90, "%"),
            ),
        ),
    ),
    "pendidikan": (
        Family(
            "Meningkatnya mutu pendidikan menengah",
            "Terlaksananya pembelajaran yang bermutu di {unit}",
            "Terlaksananya pembelajaran sesuai kurikulum dan kalender pendidikan",
            (
                _i(KUALITAS, "Persentase peserta didik mencapai ketuntasan belajar", 85, "%"),
                _i(KUANTITAS, "Jumlah jam pelajaran yang terlaksana", 864, "jam pelajaran"),
            ),
        ),
        Family(
            "Meningkatnya kompetensi guru dan tenaga kependidikan",
            "Terselenggaranya pelatihan guru dan tenaga kependidikan",
            "Terlaksananya pengembangan keprofesian berkelanjutan",
            (
                _i(KUANTITAS, "Jumlah guru yang mengikuti pelatihan kompetensi", 300, "orang"),
                _i(KUALITAS, "Persentase peserta pelatihan yang menerapkan hasilnya", 80, "%"),
            ),
        ),
    ),
    "kepegawaian": (
        Family(
            "Tersedianya data kepegawaian yang akurat dan terkini",
            "Termutakhirkannya data kepegawaian di {unit}",
            "Terverifikasinya perubahan data pegawai pada SIASN",
            (
                _i(KUALITAS, "Persentase data pegawai yang mutakhir di SIASN", 98, "%"),
                _i(KUANTITAS, "Jumlah usulan layanan kepegawaian yang diproses", 1200, "usulan"),
                _i(WAKTU, "Rata-rata waktu penyelesaian layanan kepegawaian", 5, "hari kerja"),
            ),
        ),
        Family(
            "Terlaksananya manajemen kinerja ASN berbasis merit",
            "Terlaksananya penilaian kinerja dan pemberian penghargaan yang tepat waktu",
            "Terverifikasinya SKP dan evaluasi kinerja pegawai",
            (
                _i(KUALITAS, "Persentase SKP pegawai disetujui tepat waktu", 95, "%"),
                _i(KUANTITAS, "Jumlah pegawai yang menerima penghargaan kinerja", 20, "orang"),
            ),
        ),
        Family(
            "Meningkatnya kompetensi aparatur sipil negara",
            "Terselenggaranya pengembangan kompetensi ASN paling sedikit 20 JP",
            "Terfasilitasinya peserta pengembangan kompetensi",
            (
                _i(KUANTITAS, "Jumlah ASN yang mengikuti pengembangan kompetensi", 600, "orang"),
                _i(KUALITAS, "Persentase ASN yang memenuhi 20 JP per tahun", 80, "%"),
            ),
        ),
    ),
    "pengawasan": (
        Family(
            "Meningkatnya tindak lanjut rekomendasi hasil pengawasan",
            "Terselenggaranya pemeriksaan reguler perangkat daerah di {unit}",
            "Tersusunnya kertas kerja dan laporan hasil pemeriksaan",
            (
                _i(KUALITAS, "Persentase rekomendasi hasil pengawasan ditindaklanjuti", 85, "%"),
                _i(KUANTITAS, "Jumlah laporan hasil pemeriksaan (LHP) yang terbit", 40, "LHP"),
                _i(WAKTU, "Rata-rata waktu penerbitan LHP sejak pemeriksaan", 14, "hari"),
            ),
        ),
        Family(
            "Meningkatnya kualitas sistem pengendalian intern pemerintah",
            "Terlaksananya reviu SAKIP dan evaluasi SPIP perangkat daerah",
            "Terlaksananya reviu dokumen perencanaan dan pelaporan kinerja",
            (
                _i(KUANTITAS, "Jumlah perangkat daerah yang direviu", 30, "perangkat daerah"),
                _i(KUALITAS, "Persentase reviu yang selesai sesuai jadwal", 90, "%"),
            ),
        ),
    ),
}

ADDITIONAL_TASKS = (
    "Menjadi anggota tim penyusun laporan kinerja instansi",
    "Menjadi narasumber pelatihan internal pegawai",
    "Menjadi petugas piket layanan pengaduan",
    "Menjadi anggota tim pengelola website dan media sosial unit",
    "Menjadi fasilitator forum diskusi kinerja",
)

EXPECTATIONS = {
    "berorientasi_pelayanan": "Melayani warga dengan ramah dan menuntaskan permohonan hari itu juga",
    "akuntabel": "Mencatat realisasi dan bukti dukung tepat waktu dan apa adanya",
    "kompeten": "Mengikuti paling sedikit satu pelatihan dan membagikan hasilnya",
    "harmonis": "Menjaga suasana kerja yang saling menghargai",
    "loyal": "Menjaga kerahasiaan data pribadi warga",
    "adaptif": "Menggunakan aplikasi layanan daring yang baru",
    "kolaboratif": "Membantu rekan saat antrean layanan panjang",
}

RETURN_NOTES = (
    "Target kuantitas terlalu rendah dibanding realisasi tahun lalu; mohon disesuaikan.",
    "RHK kedua belum menyebut RHK pimpinan yang diintervensi dengan tepat.",
    "Indikator waktu belum memiliki satuan yang jelas; gunakan hari kerja.",
)

APPENDIX = (
    "Komputer, printer, pemindai, aplikasi layanan dan jaringan internet kantor",
    "Laporan realisasi setiap periode kepada atasan langsung",
    "Bila target tercapai, apresiasi dari atasan langsung; bila tidak, pembinaan dan pelatihan",
)


def theme_for(agency_code: str, root_unit_name: str) -> str:
    """The theme of a unit tree, from the name of its top unit (and the region)."""
    name = root_unit_name.lower()
    for keyword, theme in (
        ("kependudukan", "dukcapil"),
        ("kesehatan", "kesehatan"),
        ("puskesmas", "kesehatan"),
        ("perhubungan", "perhubungan"),
        ("pendidikan", "pendidikan"),
        ("kepegawaian", "kepegawaian"),
        ("inspektorat", "pengawasan"),
        ("kertapati", "pengaduan"),
    ):
        if keyword in name:
            return theme
    return "waktu_tunggu"
