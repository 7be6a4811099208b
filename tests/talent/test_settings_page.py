"""The agency admin's cut-off settings: ordered cut-offs only, audited, used at the next
recompute; other roles refused."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from kinerja.core.models import AuditEntry
from kinerja.core.tenancy import tenant_scope
from kinerja.talent.models import TalentPlacement, TalentSettings

pytestmark = pytest.mark.django_db

VALID = {
    "years": "2",
    "performance_as_from": "3,50",
    "performance_above_from": "4,75",
    "potential_middle_from": "55",
    "potential_high_from": "75",
    "use_periodic_fallback": "on",
}


def _settings(world):
    with tenant_scope(world.agency):
        return TalentSettings.objects.filter(agency=world.agency).first()


def test_admin_changes_the_cutoffs_and_the_next_recompute_uses_them(placed_world, login):
    client = login("admin_bkpsdm")
    form = client.get(reverse("talent:settings"))
    assert form.context["form"].initial["performance_as_from"] == Decimal("4.00")

    response = client.post(reverse("talent:settings"), VALID, follow=True)

    assert "Batas 9-box disimpan" in response.content.decode()
    saved = _settings(placed_world)
    assert (saved.performance_as_from, saved.potential_high_from) == (
        Decimal("3.50"),
        Decimal("75.00"),
    )
    with tenant_scope(placed_world.agency):
        entry = AuditEntry.objects.get(action="talent.settings.updated")
        assert entry.changes["performance_as_from"] == ["4.00", "3.50"]
        # atasan: Butuh Perbaikan (3,00) stays below; rekan's 70 is still middle.
        assert TalentPlacement.objects.get(employee=placed_world.rekan).box == 5
    client.post(reverse("talent:recompute"))
    with tenant_scope(placed_world.agency):
        assert TalentPlacement.objects.get(employee=placed_world.rekan).box == 5
        assert TalentPlacement.objects.get(employee=placed_world.atasan).box == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"performance_above_from": "3,50"}, "performance_above_from"),
        ({"performance_above_from": "3,00"}, "performance_above_from"),
        ({"potential_high_from": "55"}, "potential_high_from"),
        ({"potential_high_from": "40"}, "potential_high_from"),
        ({"years": "0"}, "years"),
        ({"potential_high_from": "101"}, "potential_high_from"),
    ],
)
def test_unordered_cutoffs_are_refused_with_the_field_error(world, login, changes, field):
    response = login("admin_bkpsdm").post(reverse("talent:settings"), {**VALID, **changes})

    assert response.status_code == 400
    assert response.context["form"].errors[field]
    saved = _settings(world)
    assert saved is None or saved.version == 1
    with tenant_scope(world.agency):
        assert not AuditEntry.objects.filter(action="talent.settings.updated").exists()


def test_a_stale_form_is_refused(world, login):
    client = login("admin_bkpsdm")
    client.post(reverse("talent:settings"), {**VALID, "version": "1"})
    stale = client.post(
        reverse("talent:settings"), {**VALID, "performance_as_from": "3,00", "version": "1"}
    )
    assert stale.status_code == 400
    assert "telah diubah oleh pengguna lain" in stale.content.decode()
    assert _settings(world).performance_as_from == Decimal("3.50")


@pytest.mark.parametrize("persona", ["inspektur", "kepala", "pegawai"])
def test_only_the_agency_admin_edits_the_settings(world, login, persona):
    client = login(persona)
    assert client.get(reverse("talent:settings")).status_code == 403
    assert client.post(reverse("talent:settings"), VALID).status_code == 403
    assert _settings(world) is None
