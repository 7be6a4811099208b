"""Demo socialisation and forum data, after the organisation demo.

Subulussalam and Siulak socialise the system before using it (seeds): Kota Subulussalam has a
socialisation announcement of the new e-Kinerja to the whole agency, Kabupaten Kerinci one to
Kecamatan Siulak, both published through the service four days ago with about three in five of
their audience having confirmed (`kerinci.pegawai` among them, `subulussalam.pegawai` not, so
their menu shows the unread badge). Kecamatan Kertapati in Kota Palembang discusses new policy
in a forum: an announcement of the new daily-report policy to the kecamatan, and a thread in
which two of its staff (given accounts here, username = NIP, the demo password) ask and
BKPSDM (`palembang.admin`) answers — a leader's answer — and the asker marks it answered.

Read confirmations are written directly (demo data: `bulk_create`), in the shape
`services.announcements.confirm_read` leaves them. Deterministic for a seed; does nothing once
the agency has an announcement or a thread.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from kinerja.core.models import Agency, User
from kinerja.forum.models import Announcement, ReadConfirmation, Thread
from kinerja.forum.selectors.announcements import audience_of
from kinerja.forum.services import announcements as announcing
from kinerja.forum.services import threads as discussing
from kinerja.org.models import Employee, Unit

SOCIALISATION_TITLE = "Sosialisasi e-Kinerja: penilaian kinerja pegawai kini melalui aplikasi"
SOCIALISATION_BODY = "\n\n".join(
    [
        "Kepada seluruh pegawai,",
        "Mulai periode penilaian ini, Sasaran Kinerja Pegawai (SKP), realisasi bulanan, umpan "
        "balik dan evaluasi kinerja dikelola melalui aplikasi e-Kinerja, sesuai PermenPANRB "
        "Nomor 6 Tahun 2022.",
        "Yang perlu Anda lakukan:\n"
        "1. Masuk dengan NIP dan kata sandi yang dibagikan BKPSDM, lalu ganti kata sandi.\n"
        "2. Periksa data jabatan, unit kerja dan atasan langsung Anda; laporkan bila keliru.\n"
        "3. Susun SKP bersama atasan langsung paling lambat akhir bulan pertama periode.\n"
        "4. Catat realisasi dan unggah bukti dukung setiap bulan.",
        "Sosialisasi tatap muka diadakan di setiap unit kerja. Pertanyaan dapat diajukan di "
        "Forum diskusi. Mohon konfirmasi bahwa Anda sudah membaca pengumuman ini.",
    ]
)

POLICY_TITLE = "Kebijakan baru: laporan kinerja harian melalui e-Kinerja"
POLICY_BODY = "\n\n".join(
    [
        "Sesuai surat edaran Wali Kota, mulai bulan depan seluruh pegawai Kecamatan Kertapati "
        "mencatat kegiatan harian di e-Kinerja sebagai dasar realisasi bulanan.",
        "Kegiatan lapangan (pendataan warga, pelayanan keliling) dicatat pada hari yang sama, "
        "boleh dari ponsel. Atasan langsung memeriksa catatan setiap pekan.",
        "Diskusikan pertanyaan Anda di Forum diskusi.",
    ]
)

THREAD_TITLE = "Laporan harian untuk kegiatan lapangan di kelurahan"
THREAD_BODY = (
    "Kami di kelurahan sering bertugas di lapangan seharian (pendataan warga, posyandu). "
    "Apakah kegiatan lapangan dicatat satu per satu, atau cukup satu catatan per hari?\n"
    "Bagaimana bila sinyal di lokasi tidak ada?"
)
REPLIES = (
    (
        "peer",
        "Kami juga mengalami hal yang sama di Keramasan. Apakah foto kegiatan wajib diunggah?",
    ),
    (
        "admin",
        "Cukup satu catatan per kegiatan utama, tidak perlu per jam. Bila tidak ada sinyal, "
        "catat paling lambat keesokan harinya; tanggal kegiatan tetap tanggal di lapangan.\n"
        "Foto tidak wajib: bukti dukung cukup diunggah sekali sebulan pada realisasi.",
    ),
    ("asker", "Terima kasih, sudah jelas. Akan kami sampaikan di rapat staf kelurahan."),
)


@dataclass(frozen=True)
class DemoSocialisation:
    unit: str | None  # None: the whole agency
    title: str
    body: str
    read_share: float


DEMO_ANNOUNCEMENTS = {
    "subulussalam": DemoSocialisation(None, SOCIALISATION_TITLE, SOCIALISATION_BODY, 0.6),
    "kerinci": DemoSocialisation("Kecamatan Siulak", SOCIALISATION_TITLE, SOCIALISATION_BODY, 0.6),
    "palembang": DemoSocialisation("Kecamatan Kertapati", POLICY_TITLE, POLICY_BODY, 0.45),
}


@dataclass(frozen=True)
class ForumDemoSummary:
    announcements: int
    confirmations: int
    threads: int
    posts: int


def _demo_user(agency: Agency, suffix: str) -> User | None:
    return User.objects.filter(username=f"{agency.code}.{suffix}").first()


def _confirm_some(
    announcement: Announcement, *, share: float, rng: random.Random, keep: set[int], skip: set[int]
) -> int:
    """Confirmations of about `share` of the audience (always `keep`, never `skip`)."""
    audience = list(audience_of(announcement).order_by("pk").values_list("pk", flat=True))
    readers = [pk for pk in audience if pk not in skip and (pk in keep or rng.random() < share)]
    ReadConfirmation.objects.bulk_create(
        [
            ReadConfirmation(
                agency_id=announcement.agency_id, announcement=announcement, employee_id=pk
            )
            for pk in readers
        ],
        batch_size=1000,
    )
    return len(readers)


def _kertapati_staff(agency: Agency, unit: Unit, admin: User) -> tuple[User, User] | None:
    """Two staff of the kecamatan's kelurahan, given accounts (username = NIP) so that they can
    discuss; their password is the demo password (the admin's hash is reused: no slow hashing)."""
    staff = list(
        Employee.objects.filter(
            agency=agency,
            is_active=True,
            unit__path__startswith=unit.path,
            unit__depth__gt=unit.depth,
        )
        .exclude(position__kind__in=("administrator", "jpt"))
        .select_related("user")
        .order_by("unit__path", "name")[:2]
    )
    if len(staff) < 2:
        return None
    users = []
    for person in staff:
        if person.user is None:
            first, _sep, last = person.name.partition(" ")
            person.user = User.objects.create(
                username=person.nip,
                first_name=first[:150],
                last_name=last[:150],
                email=person.email,
                agency=agency,
                password=admin.password,
            )
            person.save(update_fields=["user"])
        users.append(person.user)
    return users[0], users[1]


@transaction.atomic
def load_demo_forum(agency: Agency, *, seed: int) -> ForumDemoSummary | None:
    """The demo announcement (and Palembang's thread) of one agency; None when there is none to
    make or the agency already has forum data."""
    plan = DEMO_ANNOUNCEMENTS.get(agency.code)
    if plan is None:
        return None
    if (
        Announcement.objects.filter(agency=agency).exists()
        or Thread.objects.filter(agency=agency).exists()
    ):
        return None
    admin = _demo_user(agency, "admin")
    unit = (
        Unit.objects.filter(agency=agency, name=plan.unit, parent=None).first()
        if plan.unit
        else None
    )
    if admin is None or (plan.unit and unit is None):
        return None
    rng = random.Random(f"{seed}:{agency.code}:forum")  # noqa: S311  (demo data)
    announcement = announcing.create_announcement(
        agency,
        actor=admin,
        title=plan.title,
        body=plan.body,
        whole_agency=unit is None,
        units=[unit] if unit else [],
    )
    announcement = announcing.publish_announcement(announcement, actor=admin, expected_version=None)
    published_at = timezone.now() - dt.timedelta(days=4)
    Announcement.objects.filter(pk=announcement.pk).update(published_at=published_at)
    announcement.published_at = published_at
    keep: set[int] = set()
    skip: set[int] = set()
    pegawai = Employee.objects.filter(user__username=f"{agency.code}.pegawai").first()
    if pegawai is not None:
        # kerinci.pegawai has read it; the others see the unread badge in their menu
        (keep if agency.code == "kerinci" else skip).add(pegawai.pk)
    threads = posts = 0
    kertapati = (
        _kertapati_staff(agency, unit, admin) if agency.code == "palembang" and unit else None
    )
    if kertapati is not None:
        keep.add(kertapati[0].employee.pk)
    confirmations = _confirm_some(
        announcement, share=plan.read_share, rng=rng, keep=keep, skip=skip
    )
    if kertapati is not None:
        asker, peer = kertapati
        thread = discussing.start_thread(
            agency, actor=asker, title=THREAD_TITLE, body=THREAD_BODY, announcement=announcement
        )
        authors = {"asker": asker, "peer": peer, "admin": admin}
        for who, text in REPLIES:
            discussing.reply(thread, actor=authors[who], body=text)
            posts += 1
        discussing.mark_answered(thread, actor=asker, expected_version=None)
        threads = 1
    return ForumDemoSummary(
        announcements=1, confirmations=confirmations, threads=threads, posts=posts
    )
