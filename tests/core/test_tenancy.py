"""Tenant isolation: unscoped queries fail loudly; each request sees only its agency."""

import pytest
from django.urls import reverse
from django_scopes import scope
from django_scopes.exceptions import ScopeError

from kinerja.core.tenancy import tenant_scope
from kinerja.org.models import Employee, Unit


def test_a_query_on_a_tenant_table_outside_a_scope_fails_loudly(world):
    with pytest.raises(ScopeError):
        list(Employee.objects.all())
    with pytest.raises(ScopeError):
        Unit.objects.filter(name="Kecamatan Plaju").count()


def test_a_scope_shows_only_its_agency(world):
    with tenant_scope(world.agency):
        names = set(Employee.objects.values_list("name", flat=True))
    assert "Teuku Rahmat" not in names
    assert "Budi Santoso" in names
    with scope(agency=world.other_agency.pk):
        assert list(Employee.objects.values_list("name", flat=True).order_by("name")) == [
            "Cut Nyak Dien",
            "Teuku Rahmat",
        ]


def test_an_admin_never_sees_another_agencys_employee_in_lists(login, world):
    response = login("admin_agensi_lain").get(reverse("org:employee-list"))
    names = {e.name for e in response.context["page"].object_list}
    assert names == {"Cut Nyak Dien", "Teuku Rahmat"}


def test_the_national_viewer_reads_every_agency_but_cannot_write(login, world, unscoped):
    client = login("pemantau")
    response = client.get(reverse("org:employee-list"), {"status": "all"})
    assert response.context["page"].paginator.count == 9
    denied = client.post(reverse("org:unit-create"), {"name": "X", "kind": "dinas"})
    assert denied.status_code == 403
    assert not Unit.objects.filter(name="X").exists()
