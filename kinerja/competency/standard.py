"""The default dictionary: the managerial and socio-cultural competencies of PermenPANRB
38/2017 (Standar Kompetensi Jabatan ASN, Lampiran), with their definitions and a short
description of each of the five levels. An agency with an empty dictionary loads it in one
click and adds its own technical competencies; every entry stays editable.
"""

from __future__ import annotations

from dataclasses import dataclass

REGULATION = "PermenPANRB 38/2017"


@dataclass(frozen=True)
class StandardCompetency:
    code: str
    kind: str
    name: str
    description: str
    levels: tuple[str, str, str, str, str]


STANDARD_DICTIONARY: tuple[StandardCompetency, ...] = (
    StandardCompetency(
        "M-01",
        "manajerial",
        "Integritas",
        "Konsisten berperilaku selaras dengan nilai, norma dan/atau etika organisasi, jujur "
        "dalam hubungan dengan manajemen, rekan kerja, bawahan dan pemangku kepentingan, serta "
        "bertanggung jawab atas tindakan atau keputusan beserta risikonya.",
        (
            "Bertindak sesuai nilai, norma dan etika organisasi dalam kapasitas pribadi.",
            "Mengingatkan dan mengajak rekan kerja bertindak sesuai nilai, norma dan etika "
            "organisasi.",
            "Memastikan dan menanamkan keyakinan agar anggota yang dipimpin bertindak sesuai "
            "nilai, norma dan etika organisasi.",
            "Menciptakan situasi kerja yang membuat rekan kerja berperilaku sesuai nilai, norma "
            "dan etika organisasi.",
            "Menjadi teladan (role model) penerapan standar keadilan dan etika di tingkat "
            "nasional.",
        ),
    ),
    StandardCompetency(
        "M-02",
        "manajerial",
        "Kerja sama",
        "Menjalin, membina dan mempertahankan hubungan kerja yang efektif, berkomitmen saling "
        "membantu menyelesaikan tugas, dan mengoptimalkan sumber daya untuk tujuan organisasi.",
        (
            "Berpartisipasi sebagai anggota tim yang baik, mengerjakan bagiannya dan mendukung "
            "keputusan tim.",
            "Menumbuhkan tim kerja yang partisipatif dan efektif.",
            "Membangun tim kerja yang efektif untuk meningkatkan kinerja organisasi.",
            "Membangun komitmen dan sinergi tim lintas unit.",
            "Menciptakan kerja sama yang konsisten di dalam maupun di luar instansi.",
        ),
    ),
    StandardCompetency(
        "M-03",
        "manajerial",
        "Komunikasi",
        "Menerangkan pandangan dan gagasan secara jelas, sistematis dan logis, lisan maupun "
        "tertulis; mendengarkan secara aktif; meyakinkan orang lain untuk mencapai tujuan "
        "organisasi.",
        (
            "Menyampaikan informasi dengan jelas, lengkap dan mudah dipahami.",
            "Aktif berkomunikasi formal dan informal, mendengarkan, dan menyusun bahan "
            "presentasi atau laporan.",
            "Berkomunikasi secara asertif; menyampaikan informasi yang sensitif atau kompleks.",
            "Mengemukakan pemikiran multidimensi untuk mendorong kesepakatan demi kinerja "
            "organisasi.",
            "Menggagas sistem komunikasi yang terbuka dan strategis untuk mencari solusi.",
        ),
    ),
    StandardCompetency(
        "M-04",
        "manajerial",
        "Orientasi pada hasil",
        "Mempertahankan komitmen pribadi yang tinggi untuk menyelesaikan tugas, dapat "
        "diandalkan, bertanggung jawab, dan mengidentifikasi risiko serta peluang demi "
        "keberhasilan organisasi.",
        (
            "Bertanggung jawab memenuhi standar kerja.",
            "Meningkatkan hasil kerja pribadi di atas standar dan mencoba metode alternatif.",
            "Menetapkan target kerja yang menantang bagi unit kerja serta memberi apresiasi dan "
            "teguran.",
            "Mendorong unit kerja mencapai atau melampaui target yang ditetapkan.",
            "Menyusun kebijakan dengan target kinerja tinggi di tingkat instansi atau nasional.",
        ),
    ),
    StandardCompetency(
        "M-05",
        "manajerial",
        "Pelayanan publik",
        "Melaksanakan tugas pemerintahan, pembangunan dan pelayanan publik secara profesional, "
        "transparan, objektif, netral dan tidak diskriminatif.",
        (
            "Menjalankan pelayanan sesuai standar pelayanan (SOP).",
            "Mengawasi dan menjelaskan proses pelayanan publik secara transparan.",
            "Memanfaatkan kekuatan kelompok dan memperbaiki standar pelayanan di unit kerja.",
            "Memantau dan mengantisipasi isu jangka panjang dalam pelayanan kepada pemangku "
            "kepentingan.",
            "Memastikan kebijakan pelayanan publik yang objektif, netral dan tidak memihak.",
        ),
    ),
    StandardCompetency(
        "M-06",
        "manajerial",
        "Pengembangan diri dan orang lain",
        "Meningkatkan pengetahuan dan keterampilan diri, serta menginspirasi, membimbing dan "
        "memberi umpan balik agar orang lain mengembangkan potensinya.",
        (
            "Mengembangkan diri sendiri.",
            "Meningkatkan kemampuan bawahan dengan memberi contoh dan penjelasan.",
            "Memberikan umpan balik dan bimbingan.",
            "Menyusun program pengembangan jangka panjang.",
            "Menciptakan budaya belajar berkelanjutan di organisasi.",
        ),
    ),
    StandardCompetency(
        "M-07",
        "manajerial",
        "Mengelola perubahan",
        "Menyesuaikan diri dengan situasi baru, tidak bergantung berlebihan pada cara lama, "
        "serta mendukung dan memimpin inisiatif perubahan hingga berhasil.",
        (
            "Menyadari pentingnya perubahan dan mampu menyesuaikan diri.",
            "Proaktif beradaptasi mengikuti perubahan.",
            "Membantu orang lain mengikuti perubahan dan mengantisipasinya.",
            "Memimpin perubahan pada unit kerja.",
            "Mengarahkan perubahan organisasi secara berkelanjutan.",
        ),
    ),
    StandardCompetency(
        "M-08",
        "manajerial",
        "Pengambilan keputusan",
        "Membuat keputusan yang baik, tepat waktu dan dengan keyakinan diri berdasarkan "
        "informasi, alternatif dan konsekuensinya, serta bertanggung jawab atas keputusan itu.",
        (
            "Mengumpulkan informasi untuk bertindak sesuai kewenangan.",
            "Menganalisis masalah secara mendalam.",
            "Membandingkan alternatif dan menyeimbangkan risiko keberhasilan implementasi.",
            "Menyelesaikan masalah berisiko tinggi dan menyiapkan mitigasi risikonya.",
            "Mengambil keputusan strategis untuk permasalahan jangka panjang.",
        ),
    ),
    StandardCompetency(
        "SK-01",
        "sosial_kultural",
        "Perekat bangsa",
        "Mempromosikan toleransi, keterbukaan dan kepekaan terhadap perbedaan, serta menjaga "
        "dan mewujudkan persatuan dan kesatuan di tengah kemajemukan masyarakat Indonesia.",
        (
            "Peka memahami dan menerima kemajemukan.",
            "Aktif mengembangkan sikap saling menghargai dan menekankan persatuan.",
            "Mempromosikan dan mengembangkan sikap toleransi dan persatuan.",
            "Mendayagunakan perbedaan secara konstruktif untuk efektivitas organisasi.",
            "Menjadi wakil pemerintah dalam membangun hubungan sosial psikologis dengan "
            "masyarakat.",
        ),
    ),
)
