"""Time the planning and appraisal pages on province-scale data, and the predicate run.

Prepare the data once (PostgreSQL; about a minute for the organisation, a few more for the
3.6 million realisations):

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/kinerja_bench
    .venv/bin/python manage.py migrate
    .venv/bin/python manage.py generate_scale_data --with-appraisal    # or --appraisal-only

then run `.venv/bin/python bench/appraisal_pages.py` (same DATABASE_URL). Pages are measured as
bench/org_pages.py does (warm-up, `--requests` timed requests through the test client, one more
to count queries), each as the role that uses it:
  * a supervisor of a typical team of 6–12 (`<code>.atasan-kecil`) and the supervisor with the
    most subordinates (`<code>.atasan`): team page, evaluation list;
  * an employee of that team (`<code>.pegawai`): their own performance page;
  * the agency admin (`<code>.admin`): evaluation list and plan list over the whole agency;
  * the head of the biggest top unit (`<code>.kepala`): evaluation list of the subtree.
The accounts are created on the first run. A page whose URL does not resolve yet is
reported as "not available". Last, the yearly predicate run for the whole agency through
`kinerja.appraisal.services.predicate_run` (recompute every predicate from the ratings, then
the distribution check of every unit), with every predicate right, 10 % stale and all stale.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.db.models import Case, Count, F, Value, When  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from bench import org_pages  # noqa: E402
from kinerja.appraisal.models import Evaluation, EvaluationKind  # noqa: E402
from kinerja.appraisal.predicate import Predicate  # noqa: E402
from kinerja.appraisal.services.predicate_run import (  # noqa: E402
    distribution_report,
    recompute_predicates,
)
from kinerja.core.models import Agency, Role, User  # noqa: E402
from kinerja.core.tenancy import all_agencies_scope, tenant_scope  # noqa: E402
from kinerja.org import services  # noqa: E402
from kinerja.org.demo import DEMO_PASSWORD  # noqa: E402
from kinerja.org.models import Employee, Unit  # noqa: E402

BACKEND = "kinerja.core.auth.NipOrUsernameBackend"


def _account(employee: Employee, username: str, roles: tuple[Role, ...] = ()) -> User:
    """The benchmark account of `employee` (created once, with the demo password)."""
    existing = User.objects.filter(username=username).first()
    if existing is not None:
        return existing
    if employee.user_id:
        return employee.user
    issued = services.create_account(
        employee,
        actor=None,
        roles=roles,
        password=DEMO_PASSWORD,
        head_unit=employee.unit if Role.HEAD in roles else None,
    )
    issued.user.username = username
    issued.user.save(update_fields=["username"])
    return issued.user


def accounts(agency: Agency) -> dict[str, User]:
    """admin, atasan (most subordinates), atasan_kecil (6–12 subordinates), pegawai (one of the
    atasan's team), kepala (head of the biggest top unit)."""
    code = agency.code
    with all_agencies_scope(), transaction.atomic():
        admin = User.objects.get(username=f"{code}.admin")
        boss = (
            Employee.objects.filter(agency=agency, is_active=True)
            .annotate(n=Count("subordinates"))
            .order_by("-n", "pk")
            .select_related("unit")
            .first()
        )
        assert boss is not None
        member = Employee.objects.filter(supervisor=boss, is_active=True).order_by("pk").first()
        assert member is not None
        roots = Unit.objects.filter(agency=agency, parent__isnull=True)
        biggest = max(
            roots,
            key=lambda u: Employee.objects.filter(
                agency=agency, unit__path__startswith=u.path
            ).count(),
        )
        head = (
            Employee.objects.filter(agency=agency, unit=biggest, supervisor__isnull=True)
            .order_by("pk")
            .first()
        )
        assert head is not None
        typical = (
            Employee.objects.filter(agency=agency, is_active=True)
            .annotate(n=Count("subordinates"))
            .filter(n__gte=6, n__lte=12)
            .order_by("pk")
            .first()
        )
        assert typical is not None
        return {
            "admin": admin,
            "atasan_kecil": _account(typical, f"{code}.atasan-kecil"),
            "atasan": _account(boss, f"{code}.atasan"),
            "pegawai": _account(member, f"{code}.pegawai"),
            "kepala": _account(head, f"{code}.kepala", (Role.HEAD,)),
        }


def subordinates(user: User) -> int:
    with all_agencies_scope():
        return Employee.objects.filter(supervisor__user=user, is_active=True).count()


PAGES = (
    ("atasan_kecil", "tim (atasan, tim biasa)", "/penilaian/tim/"),
    ("atasan_kecil", "evaluasi (atasan, tim biasa)", "/penilaian/evaluasi/"),
    ("atasan", "tim (atasan)", "/penilaian/tim/"),
    ("atasan", "evaluasi (atasan)", "/penilaian/evaluasi/"),
    ("pegawai", "kinerja saya (pegawai)", "/penilaian/saya/"),
    ("admin", "evaluasi (admin, seluruh instansi)", "/penilaian/evaluasi/"),
    ("kepala", "evaluasi (kepala, subtree)", "/penilaian/evaluasi/"),
    ("admin", "SKP semua (admin)", "/kinerja/skp/semua/"),
    ("atasan", "SKP tim (atasan)", "/kinerja/tim/"),
)


def _vacuum() -> None:
    """Reclaim the row versions an UPDATE left behind, so each run starts from the same table."""
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {Evaluation._meta.db_table}")


def _stale(scope, every: int) -> int:  # type: ignore[no-untyped-def]
    """Give every `every`-th evaluation a wrong (still valid) predicate; the count changed."""
    wrong = Case(
        When(predicate=Predicate.BAIK.value, then=Value(Predicate.SANGAT_BAIK.value)),
        default=Value(Predicate.BAIK.value),
    )
    return int(scope.annotate(r=F("id") % every).filter(r=0).update(predicate=wrong))


def predicate_run(agency: Agency, *, repeats: int) -> None:
    """The yearly run for the whole agency through the service: `recompute_predicates` (one
    UPDATE of the rows whose predicate differs from the matrix) then `distribution_report`
    (one GROUP BY + the units' organisation predicates, `check_distribution` per unit).

    Three cases, each in a transaction rolled back afterwards so the data stays as generated:
    every predicate already right (what a rerun finds), 10 % stale, every row stale (the worst
    case, 60,000 rows rewritten).
    """
    with all_agencies_scope():
        period = Evaluation.objects.filter(agency=agency, subperiod=1).first().period  # type: ignore[union-attr]
    with tenant_scope(agency):
        scope = Evaluation.objects.filter(
            period=period, kind=EvaluationKind.PERIODIC, subperiod=1
        ).exclude(results_rating="")
        before = dict(scope.order_by().values_list("predicate").annotate(n=Count("id")))
        _vacuum()
        figures: dict[str, list[tuple[float, float, int]]] = {}
        for label, every in (("semua sudah benar", 0), ("10% salah", 10), ("semua salah", 1)):
            for _attempt in range(repeats if every == 0 else 1):
                with transaction.atomic():
                    stale = _stale(scope, every) if every else 0
                    started = time.perf_counter()
                    result = recompute_predicates(period, actor=None, subperiod=1)
                    run = time.perf_counter() - started
                    final = distribution_report(period, 1)
                    report = time.perf_counter() - started - run
                    assert result.changed == stale, (result, stale)
                    figures.setdefault(label, []).append((run, report, stale))
                    transaction.set_rollback(True)
                _vacuum()
        after = dict(scope.order_by().values_list("predicate").annotate(n=Count("id")))
    assert before == after, (before, after)
    print(
        f"\nRun predikat (recompute_predicates + distribution_report, {sum(after.values()):,} evaluasi):"
    )
    for label, runs in figures.items():
        run = statistics.median(r[0] for r in runs) * 1000
        report = statistics.median(r[1] for r in runs) * 1000
        print(
            f"  {label:<18} diperbarui {runs[0][2]:>6,} · hitung ulang {run:7.0f} ms · "
            f"distribusi {report:5.0f} ms · total {run + report:7.0f} ms"
        )
    print(
        f"  {len(final.units):,} unit · {len(final.checked):,} diperiksa · "
        f"{len(final.breaching):,} menyimpang dari pola"
    )
    print("  sebaran: " + ", ".join(f"{k} {v:,}" for k, v in sorted(after.items())))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--code", default="uji-skala", help="agency code (generate_scale_data)")
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--predicate-runs", type=int, default=3)
    args = parser.parse_args(argv)

    with all_agencies_scope():
        agency = Agency.objects.get(code=args.code)
        evaluations = Evaluation.objects.filter(agency=agency).count()
    users = accounts(agency)
    print(
        f"{agency.name}: {evaluations:,} evaluasi · database {connection.vendor} · "
        f"{args.requests} permintaan per halaman setelah {args.warmup} pemanasan · atasan "
        f"dengan {subordinates(users['atasan'])} bawahan, atasan tim biasa dengan "
        f"{subordinates(users['atasan_kecil'])}"
    )
    print(f"{'halaman':<40} {'p50 ms':>8} {'p95 ms':>8} {'kueri':>6} {'KB':>7}")
    slow = 0
    with override_settings(STORAGES=org_pages.PLAIN_STATIC):
        for role, label, url in PAGES:
            if not org_pages.resolves(url):
                print(f"{label:<40} not available (URL {url} belum ada)")
                continue
            client = Client()
            client.force_login(users[role], backend=BACKEND)
            response = client.get(url)
            if response.status_code != 200:
                print(f"{label:<40} not available (HTTP {response.status_code})")
                continue
            result = org_pages.measure(
                client, org_pages.Case(label, url), requests=args.requests, warmup=args.warmup
            )
            flag = "  ← di atas target" if result.p95 > org_pages.TARGET_P95_MS else ""
            slow += bool(flag)
            print(
                f"{label:<40} {result.p50:8.1f} {result.p95:8.1f} {result.queries:6d} "
                f"{result.size_kb:7.1f}{flag}"
            )
    predicate_run(agency, repeats=args.predicate_runs)
    print(
        f"Target p95 < {org_pages.TARGET_P95_MS:.0f} ms: "
        + ("semua tercapai." if not slow else f"{slow} halaman di atas target.")
    )
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
