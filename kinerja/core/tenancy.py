"""Tenancy: the agency (instansi) owns its data; queries outside a tenant scope fail loudly.

Every tenant table inherits `TenantModel`. Its default manager is a django-scopes manager:
a query made while no `scope(agency=…)` is active raises `ScopeError` instead of leaking rows
of every agency. Requests get their scope from `TenantScopeMiddleware`; background tasks,
commands and cross-agency views open one explicitly (`tenant_scope`, `all_agencies_scope`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager, scope, scopes_disabled


class AgencyKind(models.TextChoices):
    PROVINCE = "provinsi", _("Pemerintah Provinsi")
    REGENCY = "kabupaten", _("Pemerintah Kabupaten")
    CITY = "kota", _("Pemerintah Kota")


class Agency(models.Model):
    """An instansi: a regional government that manages its own ASN. The tenant."""

    name = models.CharField(_("nama"), max_length=200, unique=True)
    short_name = models.CharField(_("nama singkat"), max_length=60)
    kind = models.CharField(_("jenis"), max_length=20, choices=AgencyKind.choices)
    code = models.SlugField(_("kode"), max_length=40, unique=True)
    region = models.CharField(_("wilayah"), max_length=120, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


def TenantManager(queryset_class: type[models.QuerySet[Any]] | None = None) -> Any:  # noqa: N802
    """A manager that refuses to query unless an agency scope is active."""
    manager_class = (
        models.Manager.from_queryset(queryset_class) if queryset_class else models.Manager
    )
    return ScopedManager(_manager_class=manager_class, agency="agency")


class TenantModel(models.Model):
    """Abstract base of every table owned by one agency."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("instansi")
    )

    objects: ClassVar[Any] = TenantManager()

    class Meta:
        abstract = True


@contextmanager
def tenant_scope(agency: Agency | int) -> Iterator[None]:
    """Activate the scope of one agency (for tasks, commands and tests)."""
    agency_id = agency if isinstance(agency, int) else agency.pk
    with scope(agency=agency_id):
        yield


@contextmanager
def all_agencies_scope() -> Iterator[None]:
    """Read across every agency: only for national viewers, superusers and system jobs."""
    with scopes_disabled():
        yield
