"""Organisation tables: units (a tree), positions, employees, acting officials, import jobs."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import VersionedModel
from kinerja.core.tenancy import TenantManager, TenantModel
from kinerja.org.nip import format_nip
from kinerja.org.ranks import RANK_CHOICES, RANK_NAMES


class UnitKind(models.TextChoices):
    SECRETARIAT = "sekretariat", _("Sekretariat Daerah")
    DINAS = "dinas", _("Dinas")
    BADAN = "badan", _("Badan")
    INSPECTORATE = "inspektorat", _("Inspektorat")
    BIDANG = "bidang", _("Bidang")
    BAGIAN = "bagian", _("Bagian / Sekretariat")
    SEKSI = "seksi", _("Seksi / Subbagian")
    KECAMATAN = "kecamatan", _("Kecamatan")
    KELURAHAN = "kelurahan", _("Kelurahan / Desa")
    PUSKESMAS = "puskesmas", _("Puskesmas")
    UPT = "upt", _("UPT")
    SCHOOL = "sekolah", _("Sekolah")


class UnitQuerySet(models.QuerySet["Unit"]):
    def active(self) -> UnitQuerySet:
        return self.filter(is_active=True)

    def subtree_of(self, paths: tuple[str, ...] | list[str]) -> UnitQuerySet:
        query = Q()
        for path in paths:
            query |= Q(path__startswith=path)
        return self.filter(query) if paths else self.none()


class Unit(TenantModel, VersionedModel):
    """A unit kerja. `path` (`/1/7/12/`) is the chain of ids from the root, for subtree queries."""

    name = models.CharField(_("nama unit"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=20, choices=UnitKind.choices)
    code = models.CharField(_("kode"), max_length=40, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("unit induk"),
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    address = models.CharField(_("alamat"), max_length=255, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    objects: ClassVar[Any] = TenantManager(UnitQuerySet)

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "code"],
                condition=~Q(code=""),
                name="unit_code_unique",
                violation_error_message=_("Kode unit ini sudah dipakai unit lain."),
            ),
            models.UniqueConstraint(
                fields=["agency", "parent", "name"],
                name="unit_name_unique_in_parent",
                violation_error_message=_(
                    "Sudah ada unit dengan nama ini di unit induk yang sama."
                ),
            ),
        ]
        indexes = [models.Index(fields=["agency", "path"], name="unit_agency_path")]

    def __str__(self) -> str:
        return self.name

    @property
    def tree_prefix(self) -> str:
        """Dashes that indent the unit by its depth in a flat list."""
        return "— " * self.depth


class PositionKind(models.TextChoices):
    JPT = "jpt", _("Jabatan Pimpinan Tinggi")
    ADMINISTRATOR = "administrator", _("Administrator")
    PENGAWAS = "pengawas", _("Pengawas")
    PELAKSANA = "pelaksana", _("Pelaksana")
    FUNGSIONAL = "fungsional", _("Fungsional")


class PositionLevel(models.TextChoices):
    """Jenjang: JPT levels and functional levels (keahlian, keterampilan)."""

    JPT_UTAMA = "jpt_utama", _("JPT Utama")
    JPT_MADYA = "jpt_madya", _("JPT Madya")
    JPT_PRATAMA = "jpt_pratama", _("JPT Pratama")
    AHLI_PERTAMA = "ahli_pertama", _("Ahli Pertama")
    AHLI_MUDA = "ahli_muda", _("Ahli Muda")
    AHLI_MADYA = "ahli_madya", _("Ahli Madya")
    AHLI_UTAMA = "ahli_utama", _("Ahli Utama")
    PEMULA = "pemula", _("Pemula")
    TERAMPIL = "terampil", _("Terampil")
    MAHIR = "mahir", _("Mahir")
    PENYELIA = "penyelia", _("Penyelia")


LEVELS_BY_KIND: dict[str, set[str]] = {
    PositionKind.JPT: {PositionLevel.JPT_UTAMA, PositionLevel.JPT_MADYA, PositionLevel.JPT_PRATAMA},
    PositionKind.FUNGSIONAL: {
        PositionLevel.AHLI_PERTAMA,
        PositionLevel.AHLI_MUDA,
        PositionLevel.AHLI_MADYA,
        PositionLevel.AHLI_UTAMA,
        PositionLevel.PEMULA,
        PositionLevel.TERAMPIL,
        PositionLevel.MAHIR,
        PositionLevel.PENYELIA,
    },
    PositionKind.ADMINISTRATOR: set(),
    PositionKind.PENGAWAS: set(),
    PositionKind.PELAKSANA: set(),
}


class Position(TenantModel, VersionedModel):
    """A jabatan in a unit; `superior` is the position it reports to."""

    name = models.CharField(_("nama jabatan"), max_length=200)
    kind = models.CharField(_("jenis jabatan"), max_length=20, choices=PositionKind.choices)
    level = models.CharField(_("jenjang"), max_length=20, choices=PositionLevel.choices, blank=True)
    grade = models.PositiveSmallIntegerField(_("kelas jabatan"), null=True, blank=True)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="positions", verbose_name=_("unit")
    )
    superior = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("jabatan atasan"),
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("jabatan")
        verbose_name_plural = _("jabatan")
        ordering = ["unit__path", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "name"],
                name="position_name_unique_in_unit",
                violation_error_message=_("Sudah ada jabatan dengan nama ini di unit tersebut."),
            ),
            models.CheckConstraint(
                condition=Q(grade__isnull=True) | Q(grade__gte=1, grade__lte=17),
                name="position_grade_1_17",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class EmployeeType(models.TextChoices):
    PNS = "pns", _("PNS")
    PPPK = "pppk", _("PPPK")


class Sex(models.TextChoices):
    MALE = "L", _("Laki-laki")
    FEMALE = "P", _("Perempuan")


class EmployeeQuerySet(models.QuerySet["Employee"]):
    def active(self) -> EmployeeQuerySet:
        return self.filter(is_active=True)

    def with_org(self) -> EmployeeQuerySet:
        return self.select_related("unit", "position", "supervisor")


class Employee(TenantModel, VersionedModel):
    """A pegawai ASN: PNS (NIP) or PPPK (NI PPPK), in a position of a unit, with a supervisor."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="employee",
        verbose_name=_("akun"),
    )
    employee_type = models.CharField(
        _("jenis pegawai"), max_length=4, choices=EmployeeType.choices, default=EmployeeType.PNS
    )
    nip = models.CharField(_("NIP / NI PPPK"), max_length=18, unique=True)
    name = models.CharField(_("nama"), max_length=150)
    front_title = models.CharField(_("gelar depan"), max_length=40, blank=True)
    back_title = models.CharField(_("gelar belakang"), max_length=60, blank=True)
    birth_place = models.CharField(_("tempat lahir"), max_length=80, blank=True)
    birth_date = models.DateField(_("tanggal lahir"))
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices)
    rank = models.CharField(_("golongan/ruang"), max_length=10, choices=RANK_CHOICES, blank=True)
    rank_since = models.DateField(_("TMT golongan"), null=True, blank=True)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="employees", verbose_name=_("unit kerja")
    )
    position = models.ForeignKey(
        Position,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="holders",
        verbose_name=_("jabatan"),
    )
    position_since = models.DateField(_("TMT jabatan"), null=True, blank=True)
    supervisor = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="subordinates",
        verbose_name=_("atasan langsung"),
    )
    education = models.CharField(_("pendidikan terakhir"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("telepon"), max_length=20, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    inactive_reason = models.CharField(_("alasan nonaktif"), max_length=200, blank=True)
    inactive_since = models.DateField(_("nonaktif sejak"), null=True, blank=True)

    objects: ClassVar[Any] = TenantManager(EmployeeQuerySet)

    class Meta:
        verbose_name = _("pegawai")
        verbose_name_plural = _("pegawai")
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["agency", "is_active", "name"], name="employee_agency_name"),
            # Lists that order by employee name (SKP, evaluations) walk this index and stop
            # after a page; no agency column first, as those lists filter the agency on their
            # own table, not on the employee's.
            models.Index(fields=["name", "id"], name="employee_name_id"),
            models.Index(fields=["agency", "unit"], name="employee_agency_unit"),
            models.Index(fields=["agency", "rank"], name="employee_agency_rank"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(supervisor=models.F("id")), name="no_self_supervisor"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        """Name with academic titles: `dr. Siti Aminah, M.Kes.`."""
        name = f"{self.front_title} {self.name}".strip()
        return f"{name}, {self.back_title}" if self.back_title else name

    @property
    def nip_display(self) -> str:
        return format_nip(self.nip)

    @property
    def rank_name(self) -> str:
        return RANK_NAMES.get(self.rank, "")


class ActingKind(models.TextChoices):
    PLT = "plt", _("Plt. (Pelaksana Tugas)")
    PLH = "plh", _("Plh. (Pelaksana Harian)")


class ActingAssignment(TenantModel, VersionedModel):
    """An acting official (Plt./Plh.) who holds a position's authority between two dates."""

    acting_employee = models.ForeignKey(
        Employee,
        on_delete=models.CASCADE,
        related_name="acting_assignments",
        verbose_name=_("pejabat pelaksana"),
    )
    position = models.ForeignKey(
        Position,
        on_delete=models.CASCADE,
        related_name="acting_assignments",
        verbose_name=_("jabatan yang dilaksanakan"),
    )
    kind = models.CharField(_("jenis"), max_length=3, choices=ActingKind.choices)
    start_date = models.DateField(_("mulai"))
    end_date = models.DateField(_("selesai"))
    decree_number = models.CharField(_("nomor surat perintah"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("pelaksana tugas/harian")
        verbose_name_plural = _("pelaksana tugas/harian")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="acting_dates_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.position}"


class PositionHistory(TenantModel):
    """Where an employee served, from when to when (written by transfers)."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="history")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    position = models.ForeignKey(
        Position, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    start_date = models.DateField(_("mulai"))
    end_date = models.DateField(_("selesai"), null=True, blank=True)
    note = models.CharField(_("keterangan"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("riwayat jabatan")
        verbose_name_plural = _("riwayat jabatan")
        ordering = ["-start_date", "-id"]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.unit_id} {self.start_date}"


class ImportKind(models.TextChoices):
    UNITS = "units", _("Unit kerja")
    POSITIONS = "positions", _("Jabatan")
    EMPLOYEES = "employees", _("Pegawai")


class ImportStatus(models.TextChoices):
    INVALID = "invalid", _("Ada kesalahan")
    READY = "ready", _("Siap diimpor")
    RUNNING = "running", _("Sedang diimpor")
    DONE = "done", _("Selesai")
    FAILED = "failed", _("Gagal")


class ImportJob(TenantModel):
    """An uploaded sheet: checked row by row (preview), then committed all-or-nothing."""

    kind = models.CharField(_("jenis data"), max_length=20, choices=ImportKind.choices)
    status = models.CharField(_("status"), max_length=10, choices=ImportStatus.choices)
    file_name = models.CharField(_("nama berkas"), max_length=255)
    rows = models.JSONField(default=list, blank=True)
    errors = models.JSONField(default=list, blank=True)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    created_rows = models.PositiveIntegerField(default=0)
    updated_rows = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("impor data")
        verbose_name_plural = _("impor data")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.file_name}"

    @property
    def progress_percent(self) -> int:
        return int(100 * self.processed_rows / self.total_rows) if self.total_rows else 0
