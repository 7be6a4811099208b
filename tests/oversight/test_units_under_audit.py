"""What other apps may ask: the units an inspector is auditing now, and `inspects_unit`."""

from __future__ import annotations

from kinerja.core.permissions import forget_actor, inspects_unit
from kinerja.oversight import services
from kinerja.oversight.permissions import units_under_audit
from tests.oversight.builders import make_audit


def _fresh(user):
    forget_actor(user)
    return user


def test_units_of_audits_in_fieldwork_or_reporting_where_on_the_team(world, unscoped):
    inspector = world.users["inspektur"]
    make_audit(world, status="direncanakan")
    assert units_under_audit(_fresh(inspector)) == ()
    audit = make_audit(world)
    assert units_under_audit(_fresh(inspector)) == (world.kecamatan.path,)
    assert inspects_unit(_fresh(inspector), world.kelurahan) is True  # in the subtree
    assert inspects_unit(_fresh(inspector), world.other_unit) is False
    services.change_audit_status(audit, actor=inspector, target="pelaporan", expected_version=None)
    assert inspects_unit(_fresh(inspector), world.kecamatan) is True


def test_nobody_else_inspects(world, unscoped):
    make_audit(world)
    for persona in ("admin_bkpsdm", "kepala", "pegawai", "admin_agensi_lain"):
        user = _fresh(world.users[persona])
        assert units_under_audit(user) == ()
        assert inspects_unit(user, world.kelurahan) is False


def test_a_closed_audit_no_longer_counts(world, unscoped):
    from tests.oversight.builders import make_setup

    setup = make_setup(world)
    inspector = world.users["inspektur"]
    audit = services.change_audit_status(
        setup.audit, actor=inspector, target="pelaporan", expected_version=None
    )
    services.change_audit_status(audit, actor=inspector, target="selesai", expected_version=None)
    assert units_under_audit(_fresh(inspector)) == ()
