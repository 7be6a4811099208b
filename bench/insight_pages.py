"""Time the leaders' pages on province-scale data: the dashboard, the compliance monitor and the
lists behind it, and the agencies side by side.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/kinerja_bench
    .venv/bin/python manage.py generate_scale_data --with-appraisal     # or --appraisal-only
    .venv/bin/python bench/insight_pages.py

Each page as the role that uses it (accounts of bench/appraisal_pages.py): the agency admin of
`uji-skala` (60,000 employees, 3.6 million realisations) and the head of its biggest unit;
the national viewer for the comparison of every agency. Measured as bench/org_pages.py does
(warm-up, `--requests` timed requests through the test client, one more to count queries).
Target: p95 under 200 ms (issue 7).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from bench import appraisal_pages, org_pages  # noqa: E402
from kinerja.core.models import Agency, Role, User  # noqa: E402
from kinerja.core.tenancy import all_agencies_scope  # noqa: E402
from kinerja.org.demo import DEMO_PASSWORD  # noqa: E402
from kinerja.planning.models import Period  # noqa: E402

BACKEND = appraisal_pages.BACKEND
CHECKS = (
    "plan_late",
    "realisation_no_evidence",
    "rating_without_basis",
    "distribution_breach",
    "evaluation_late",
    "complaint_overdue",
)


def national_viewer() -> User:
    user = User.objects.filter(username="bench.pemantau").first()
    if user is None:
        user = User.objects.create_user(username="bench.pemantau", password=DEMO_PASSWORD)
        user.role_grants.create(role=Role.NATIONAL_VIEWER)
    return user


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--code", default="uji-skala")
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=2)
    args = parser.parse_args(argv)
    with all_agencies_scope():
        agency = Agency.objects.get(code=args.code)
        period = Period.objects.filter(agency=agency).order_by("-year").first()
    if period is None:
        print("No period: run generate_scale_data --appraisal-only first.")
        return 1
    users = appraisal_pages.accounts(agency)
    users["pemantau"] = national_viewer()
    query = f"?period={period.pk}"
    pages = [
        ("admin", "dasbor, admin instansi", f"/dasbor/{query}"),
        ("kepala", "dasbor, kepala unit terbesar", f"/dasbor/{query}"),
        ("admin", "kepatuhan, admin instansi", f"/kepatuhan/{query}"),
        ("kepala", "kepatuhan, kepala unit terbesar", f"/kepatuhan/{query}"),
        *(("admin", f"kepatuhan: {code}", f"/kepatuhan/{code}/{query}") for code in CHECKS),
        ("pemantau", "perbandingan instansi", "/perbandingan/"),
    ]
    print(
        f"{agency.name} · {period.name} · database {connection.vendor} · "
        f"{args.requests} permintaan per halaman setelah {args.warmup} pemanasan"
    )
    print(f"{'halaman':<40} {'p50 ms':>8} {'p95 ms':>8} {'kueri':>6} {'KB':>7}")
    slow = 0
    with override_settings(STORAGES=org_pages.PLAIN_STATIC):
        for role, label, url in pages:
            client = Client()
            client.force_login(users[role], backend=BACKEND)
            response = client.get(url)
            if response.status_code != 200:
                print(f"{label:<40} HTTP {response.status_code}")
                slow += 1
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
    print(
        f"Target p95 < {org_pages.TARGET_P95_MS:.0f} ms: "
        + ("semua tercapai." if not slow else f"{slow} halaman di atas target.")
    )
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
