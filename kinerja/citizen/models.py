"""Citizens' data: the agency's public services and their requests (turnaround), the
satisfaction survey (SKM), complaints with time limits, and indicators whose realisation is
computed from this data.

Facts: `shared/domain/citizen.md` (PermenPANRB 14/2017 for the survey, SP4N-LAPOR! for
complaints). Answers are stored one column per element so that every IKM is a SQL aggregate:
`AVG` leaves blanks (NULL) out, exactly as the regulation's NRR does.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.citizen.deadlines import ComplaintClass, DayCounting
from kinerja.citizen.ikm import ELEMENTS
from kinerja.core.models import VersionedModel
from kinerja.core.tenancy import TenantModel
from kinerja.org.models import ImportStatus

ANSWER_FIELDS: tuple[str, ...] = tuple(f"answer_{element.value}" for element in ELEMENTS)


class CitizenSettings(TenantModel):
    """The agency's settings of this area (one row per agency; defaults when absent)."""

    day_counting = models.CharField(
        _("penghitungan batas waktu pengaduan"),
        max_length=20,
        choices=DayCounting.choices,
        default=DayCounting.WORKING,
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("pengaturan layanan publik")
        verbose_name_plural = _("pengaturan layanan publik")
        constraints = [models.UniqueConstraint(fields=["agency"], name="one_citizen_settings")]

    def __str__(self) -> str:
        return str(self.get_day_counting_display())


class Holiday(TenantModel):
    """A public holiday or collective leave day (cuti bersama) of the agency's calendar."""

    date = models.DateField(_("tanggal"))
    name = models.CharField(_("keterangan"), max_length=120)

    class Meta:
        verbose_name = _("hari libur")
        verbose_name_plural = _("hari libur")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "date"],
                name="one_holiday_per_date",
                violation_error_message=_("Tanggal ini sudah tercatat sebagai hari libur."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.name}"


class Service(TenantModel, VersionedModel):
    """A public service of a unit (KTP-el, Akta Kelahiran, rawat jalan…) with its standard
    time from the unit's service standard (standar pelayanan)."""

    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="services", verbose_name=_("unit")
    )
    code = models.SlugField(_("kode"), max_length=40)
    name = models.CharField(_("nama layanan"), max_length=200)
    description = models.TextField(_("keterangan"), blank=True)
    standard_minutes = models.PositiveIntegerField(
        _("waktu standar (menit)"),
        help_text=_("Waktu penyelesaian menurut standar pelayanan, dalam menit (1 hari = 1440)."),
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("layanan publik")
        verbose_name_plural = _("layanan publik")
        ordering = ["unit", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "code"],
                name="service_code_unique",
                violation_error_message=_("Kode layanan ini sudah dipakai di instansi Anda."),
            ),
            models.CheckConstraint(
                condition=Q(standard_minutes__gte=1), name="service_standard_positive"
            ),
        ]
        indexes = [models.Index(fields=["agency", "unit"], name="service_agency_unit")]

    def __str__(self) -> str:
        return self.name


class RequestSource(models.TextChoices):
    DESK = "loket", _("Dicatat petugas")
    IMPORT = "impor", _("Impor sistem antrean")


class ServiceRequest(TenantModel, VersionedModel):
    """One citizen's request for a service: received and completed times and who handled it.
    `turnaround_minutes` is stored on completion so that medians and shares are SQL."""

    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="requests", verbose_name=_("layanan")
    )
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    handled_by = models.ForeignKey(
        "org.Employee",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="service_requests",
        verbose_name=_("petugas yang menangani"),
    )
    ticket_code = models.CharField(_("nomor antrean/tiket"), max_length=40, blank=True)
    received_at = models.DateTimeField(_("diterima"))
    completed_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    turnaround_minutes = models.PositiveIntegerField(_("lama penyelesaian (menit)"), null=True)
    within_standard = models.BooleanField(_("sesuai standar"), null=True)
    source = models.CharField(
        _("sumber"), max_length=10, choices=RequestSource.choices, default=RequestSource.DESK
    )
    note = models.TextField(_("catatan"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dicatat oleh"),
    )

    class Meta:
        verbose_name = _("permohonan layanan")
        verbose_name_plural = _("permohonan layanan")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(completed_at__isnull=True)
                | Q(completed_at__gte=models.F("received_at")),
                name="request_completed_after_received",
                violation_error_message=_("Waktu selesai tidak boleh sebelum waktu diterima."),
            ),
            models.UniqueConstraint(
                fields=["service", "ticket_code"],
                condition=~Q(ticket_code=""),
                name="request_ticket_unique_per_service",
                violation_error_message=_("Nomor tiket ini sudah tercatat untuk layanan ini."),
            ),
        ]
        indexes = [
            models.Index(fields=["service", "completed_at"], name="request_service_completed"),
            models.Index(fields=["unit", "completed_at"], name="request_unit_completed"),
            models.Index(fields=["handled_by", "completed_at"], name="request_handler_completed"),
            models.Index(fields=["agency", "received_at"], name="request_agency_received"),
            # the agency-wide turnaround of a period (requests count when completed)
            models.Index(fields=["agency", "completed_at"], name="request_agency_completed"),
        ]

    def __str__(self) -> str:
        return f"{self.service} · {self.received_at:%d-%m-%Y %H:%M}"


class Sex(models.TextChoices):
    MALE = "L", _("Laki-laki")
    FEMALE = "P", _("Perempuan")


class Education(models.TextChoices):
    PRIMARY = "sd", _("SD ke bawah")
    JUNIOR = "smp", _("SMP")
    SENIOR = "sma", _("SMA/sederajat")
    DIPLOMA = "diploma", _("D1–D4")
    BACHELOR = "s1", _("S1")
    POSTGRADUATE = "s2", _("S2 ke atas")


class Occupation(models.TextChoices):
    CIVIL_SERVANT = "asn", _("PNS/TNI/Polri")
    PRIVATE = "swasta", _("Pegawai swasta")
    SELF_EMPLOYED = "wirausaha", _("Wirausaha")
    STUDENT = "pelajar", _("Pelajar/Mahasiswa")
    OTHER = "lainnya", _("Lainnya")


class ResponseSource(models.TextChoices):
    WEB = "web", _("Survei daring")
    PAPER = "kertas", _("Kuesioner kertas (impor)")


def _answer_field(element_label: Any) -> Any:
    return models.PositiveSmallIntegerField(element_label, null=True, blank=True)


class SurveyResponse(TenantModel):
    """One respondent's answers to the nine elements (1–4, blank allowed) and profile."""

    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    service = models.ForeignKey(
        Service,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="survey_responses",
        verbose_name=_("layanan"),
    )
    submitted_at = models.DateTimeField(_("waktu pengisian"))
    answer_persyaratan = _answer_field(_("Persyaratan"))
    answer_prosedur = _answer_field(_("Sistem, Mekanisme, dan Prosedur"))
    answer_waktu = _answer_field(_("Waktu Penyelesaian"))
    answer_biaya = _answer_field(_("Biaya/Tarif"))
    answer_produk = _answer_field(_("Produk Spesifikasi Jenis Pelayanan"))
    answer_kompetensi = _answer_field(_("Kompetensi Pelaksana"))
    answer_perilaku = _answer_field(_("Perilaku Pelaksana"))
    answer_pengaduan = _answer_field(_("Penanganan Pengaduan, Saran dan Masukan"))
    answer_sarana = _answer_field(_("Sarana dan Prasarana"))
    age = models.PositiveSmallIntegerField(_("umur"), null=True, blank=True)
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices, blank=True)
    education = models.CharField(
        _("pendidikan"), max_length=10, choices=Education.choices, blank=True
    )
    occupation = models.CharField(
        _("pekerjaan"), max_length=10, choices=Occupation.choices, blank=True
    )
    comment = models.TextField(_("saran/masukan"), blank=True)
    ticket_code = models.CharField(_("nomor tiket layanan"), max_length=40, blank=True)
    source = models.CharField(
        _("sumber"), max_length=10, choices=ResponseSource.choices, default=ResponseSource.WEB
    )

    class Meta:
        verbose_name = _("jawaban survei kepuasan")
        verbose_name_plural = _("jawaban survei kepuasan")
        ordering = ["-submitted_at", "-id"]
        constraints = [
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{name}__isnull": True}) | Q(**{f"{name}__range": (1, 4)}),
                    name=f"survey_{name}_1_4",
                )
                for name in ANSWER_FIELDS
            ),
            models.UniqueConstraint(
                fields=["service", "ticket_code"],
                condition=~Q(ticket_code=""),
                name="one_survey_response_per_ticket",
                violation_error_message=_("Survei untuk nomor tiket ini sudah diisi."),
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "submitted_at"], name="survey_unit_submitted"),
            models.Index(fields=["service", "submitted_at"], name="survey_service_submitted"),
            models.Index(fields=["agency", "submitted_at"], name="survey_agency_submitted"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.submitted_at:%d-%m-%Y}"


class Channel(models.TextChoices):
    WEB = "web", _("Formulir daring")
    DESK = "langsung", _("Datang langsung")
    PHONE = "telepon", _("Telepon/WhatsApp")
    LETTER = "surat", _("Surat")
    LAPOR = "lapor", _("SP4N-LAPOR!")


class ComplaintStatus(models.TextChoices):
    RECEIVED = "diterima", _("Diterima")
    IN_PROGRESS = "diproses", _("Diproses")
    RESOLVED = "selesai", _("Selesai")
    REJECTED = "ditolak", _("Tidak dapat ditindaklanjuti")


class Complaint(TenantModel, VersionedModel):
    """A citizen's complaint (pengaduan) with its time limits, assignee and resolution. The
    ticket code lets the complainant follow it without an account."""

    ticket_code = models.CharField(_("kode tiket"), max_length=20, unique=True)
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    service = models.ForeignKey(
        Service,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("layanan"),
    )
    channel = models.CharField(_("saluran"), max_length=10, choices=Channel.choices)
    external_id = models.CharField(_("nomor SP4N-LAPOR!"), max_length=40, blank=True)
    complainant_name = models.CharField(_("nama pelapor"), max_length=120, blank=True)
    complainant_contact = models.CharField(_("kontak pelapor"), max_length=120, blank=True)
    subject = models.CharField(_("judul"), max_length=200)
    description = models.TextField(_("isi pengaduan"))
    category = models.CharField(_("kategori"), max_length=120, blank=True)
    complaint_class = models.CharField(
        _("klasifikasi"),
        max_length=25,
        choices=ComplaintClass.choices,
        default=ComplaintClass.INFORMATION,
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ComplaintStatus.choices,
        default=ComplaintStatus.RECEIVED,
    )
    received_at = models.DateTimeField(_("diterima"))
    first_response_due = models.DateField(_("batas tanggapan pertama"))
    first_responded_at = models.DateTimeField(_("ditanggapi"), null=True, blank=True)
    resolution_due = models.DateField(_("batas penyelesaian"))
    assigned_to = models.ForeignKey(
        "org.Employee",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_complaints",
        verbose_name=_("ditugaskan kepada"),
    )
    escalated_to = models.ForeignKey(
        "org.Employee",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="escalated_complaints",
        verbose_name=_("dieskalasi kepada"),
    )
    escalated_at = models.DateTimeField(_("dieskalasi"), null=True, blank=True)
    response = models.TextField(_("tanggapan"), blank=True)
    resolution = models.TextField(_("penyelesaian"), blank=True)
    resolved_at = models.DateTimeField(_("diselesaikan"), null=True, blank=True)
    resolved_on_time = models.BooleanField(_("selesai tepat waktu"), null=True)
    rating = models.PositiveSmallIntegerField(_("penilaian pelapor (1–5)"), null=True, blank=True)
    rating_comment = models.TextField(_("komentar pelapor"), blank=True)
    rated_at = models.DateTimeField(_("dinilai"), null=True, blank=True)

    class Meta:
        verbose_name = _("pengaduan")
        verbose_name_plural = _("pengaduan")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__range=(1, 5)),
                name="complaint_rating_1_5",
            ),
            models.UniqueConstraint(
                fields=["agency", "external_id"],
                condition=~Q(external_id=""),
                name="complaint_external_unique",
                violation_error_message=_("Pengaduan SP4N-LAPOR! dengan nomor ini sudah ada."),
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "status", "resolution_due"], name="complaint_open_due"),
            models.Index(fields=["unit", "received_at"], name="complaint_unit_received"),
            models.Index(fields=["assigned_to", "status"], name="complaint_assignee_status"),
            models.Index(fields=["agency", "-received_at"], name="complaint_agency_received"),
        ]

    def __str__(self) -> str:
        return f"{self.ticket_code} · {self.subject}"


class Metric(models.TextChoices):
    """What an indicator's realisation can be computed from, per sub-period."""

    SERVICE_MEDIAN_MINUTES = "layanan_median", _("Median lama penyelesaian layanan (menit)")
    SERVICE_P90_MINUTES = "layanan_p90", _("Persentil ke-90 lama penyelesaian layanan (menit)")
    SERVICE_WITHIN_STANDARD = (
        "layanan_sesuai_standar",
        _("Persentase permohonan selesai sesuai waktu standar"),
    )
    SERVICE_COMPLETED = "layanan_selesai", _("Jumlah permohonan layanan yang diselesaikan")
    EMPLOYEE_COMPLETED = "pegawai_selesai", _("Jumlah permohonan yang diselesaikan pegawai")
    UNIT_IKM = "ikm_unit", _("Indeks Kepuasan Masyarakat unit (25–100)")
    SERVICE_IKM = "ikm_layanan", _("Indeks Kepuasan Masyarakat layanan (25–100)")
    COMPLAINTS_ON_TIME = "pengaduan_tepat_waktu", _("Persentase pengaduan diselesaikan tepat waktu")


class IndicatorSource(TenantModel, VersionedModel):
    """Binds an SKP indicator to a metric: its realisation of each sub-period is computed from
    the recorded data (a manual value on the realisation then needs a reason, and is audited)."""

    indicator = models.OneToOneField(
        "planning.Indicator",
        on_delete=models.CASCADE,
        related_name="data_source",
        verbose_name=_("indikator"),
    )
    metric = models.CharField(_("sumber data"), max_length=30, choices=Metric.choices)
    service = models.ForeignKey(
        Service,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("layanan"),
    )
    unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
    )
    employee = models.ForeignKey(
        "org.Employee",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pegawai"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("sumber data indikator")
        verbose_name_plural = _("sumber data indikator")
        indexes = [
            models.Index(fields=["service"], name="source_service"),
            models.Index(fields=["unit"], name="source_unit"),
            models.Index(fields=["employee"], name="source_employee"),
        ]

    def __str__(self) -> str:
        return str(self.get_metric_display())


# --- Services area: bulk import of requests from queue systems ---------------------------------


class RequestImport(TenantModel):
    """An uploaded export of a queue system: every row checked (preview), then all requests
    written in one transaction, or none. Statuses as the organisation import's."""

    status = models.CharField(_("status"), max_length=10, choices=ImportStatus.choices)
    file_name = models.CharField(_("nama berkas"), max_length=255)
    rows = models.JSONField(default=dict, blank=True)
    errors = models.JSONField(default=list, blank=True)
    total_rows = models.PositiveIntegerField(_("jumlah baris"), default=0)
    created_rows = models.PositiveIntegerField(_("permohonan dibuat"), default=0)
    message = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("diunggah"), auto_now_add=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)

    class Meta:
        verbose_name = _("impor permohonan layanan")
        verbose_name_plural = _("impor permohonan layanan")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.file_name


# --- Complaints area: import of SP4N-LAPOR! exports ----------------------------------------------


class ComplaintImport(TenantModel):
    """An uploaded SP4N-LAPOR! export: every row checked (preview, errors per row), then all
    complaints registered in one transaction, or none. Rows hold the checked values until the
    import is committed (then they are dropped: the complaints hold them)."""

    status = models.CharField(_("status"), max_length=10, choices=ImportStatus.choices)
    file_name = models.CharField(_("nama berkas"), max_length=255)
    unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit tujuan"),
    )
    rows = models.JSONField(default=list, blank=True)
    errors = models.JSONField(default=list, blank=True)
    total_rows = models.PositiveIntegerField(_("jumlah baris"), default=0)
    created_rows = models.PositiveIntegerField(_("pengaduan dibuat"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("diunggah"), auto_now_add=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)

    class Meta:
        verbose_name = _("impor pengaduan SP4N-LAPOR!")
        verbose_name_plural = _("impor pengaduan SP4N-LAPOR!")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.file_name
