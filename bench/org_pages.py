"""Time the organisation pages on province-scale data, as the agency admin.

Prepare a PostgreSQL database once (about a minute):

    createdb -h 127.0.0.1 -U postgres kinerja_scale
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/kinerja_scale
    .venv/bin/python manage.py migrate
    .venv/bin/python manage.py generate_scale_data            # 60,000 employees

then run `.venv/bin/python bench/org_pages.py` (same DATABASE_URL). Each page gets a few
warm-up requests, then `--requests` timed ones through Django's test client (whole middleware
stack, no network); one more request counts the SQL queries. The target (DESIGN §6) is a p95
under 200 ms.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import Resolver404, resolve  # noqa: E402

from kinerja.core.models import Agency, User  # noqa: E402
from kinerja.core.tenancy import all_agencies_scope  # noqa: E402
from kinerja.org.models import Employee, Unit  # noqa: E402

TARGET_P95_MS = 200.0
SEARCH = "rahma"  # part of many names (Rahmawati, Rahman, Rahmat): a realistic typed search
# Serve {% static %} without a collected manifest; the pages are measured, not the assets.
PLAIN_STATIC = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


@dataclass(frozen=True)
class Case:
    label: str
    url: str
    headers: dict[str, str] | None = None
    page_size: int | None = None  # rows a full page should list, when the URL asks for a size


@dataclass(frozen=True)
class Result:
    case: Case
    p50: float
    p95: float
    queries: int
    rows: int | None
    size_kb: float


def percentile(samples: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def rows_in(body: bytes, content_type: str) -> int | None:
    """How many employees a response lists (API: `results`; HTML: NIP cells)."""
    if content_type.startswith("application/json"):
        payload = json.loads(body)
        return (
            len(payload["results"]) if isinstance(payload, dict) and "results" in payload else None
        )
    return body.count(b'class="nip"') or None


def measure(client: Client, case: Case, *, requests: int, warmup: int) -> Result:
    headers = case.headers or {}
    for _attempt in range(warmup):
        response = client.get(case.url, headers=headers)
        if response.status_code != 200:
            raise SystemExit(f"{case.label}: {case.url} answered {response.status_code}")
    samples = []
    for _attempt in range(requests):
        started = time.perf_counter()
        client.get(case.url, headers=headers)
        samples.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(case.url, headers=headers)
    return Result(
        case,
        statistics.median(samples),
        percentile(samples, 0.95),
        len(captured.captured_queries),
        rows_in(response.content, response.get("Content-Type", "")),
        len(response.content) / 1024,
    )


def resolves(url: str) -> bool:
    try:
        resolve(url.split("?")[0])
    except Resolver404:
        return False
    return True


def build_cases(agency: Agency) -> list[Case]:
    with all_agencies_scope():
        units = Unit.objects.filter(agency=agency)
        roots = units.filter(parent__isnull=True)
        biggest_tree = max(
            roots,
            key=lambda u: Employee.objects.filter(
                agency=agency, unit__path__startswith=u.path
            ).count(),
        )
        biggest_own = (
            units.annotate(n=Count("employees", filter=Q(employees__is_active=True)))
            .order_by("-n")
            .first()
        )
    htmx = {"HX-Request": "true"}
    tree = f"?unit={biggest_tree.pk}&rank=III/a"
    cases = [
        Case("pegawai: halaman 1 (25)", "/organisasi/pegawai/"),
        Case("pegawai: halaman 1, HTMX", "/organisasi/pegawai/?page=1", htmx),
        Case(f"pegawai: cari '{SEARCH}'", f"/organisasi/pegawai/?q={SEARCH}"),
        Case(f"pegawai: cari '{SEARCH}', HTMX", f"/organisasi/pegawai/?q={SEARCH}", htmx),
        Case("pegawai: cari NIP '1985'", "/organisasi/pegawai/?q=1985"),
        Case(f"pegawai: unit {biggest_tree.name[:20]}… + III/a", f"/organisasi/pegawai/{tree}"),
        Case("pegawai: halaman 50", "/organisasi/pegawai/?page=50"),
        Case("pegawai: halaman 50, HTMX", "/organisasi/pegawai/?page=50", htmx),
        Case(
            "pegawai: halaman 50, 100/hal",
            "/organisasi/pegawai/?page=50&per_page=100",
            page_size=100,
        ),
        Case(f"unit: {biggest_tree.name[:34]}", f"/organisasi/unit/{biggest_tree.pk}/"),
    ]
    if biggest_own is not None:
        cases.append(Case(f"unit: {biggest_own.name[:34]}", f"/organisasi/unit/{biggest_own.pk}/"))
    cases += [
        Case("API pegawai: halaman 1 (50)", "/api/v1/employees/"),
        Case("API pegawai: 25/hal", "/api/v1/employees/?page_size=25", page_size=25),
        Case("API pegawai: 100/hal", "/api/v1/employees/?page_size=100", page_size=100),
        Case(
            "API pegawai: halaman 50, 100/hal",
            "/api/v1/employees/?page=50&page_size=100",
            page_size=100,
        ),
        Case(f"API pegawai: cari '{SEARCH}'", f"/api/v1/employees/?q={SEARCH}"),
    ]
    return cases


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--code", default="uji-skala", help="agency code (generate_scale_data)")
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    args = parser.parse_args(argv)

    with all_agencies_scope():
        agency = Agency.objects.get(code=args.code)
        admin = User.objects.get(username=f"{args.code}.admin")
        people = Employee.objects.filter(agency=agency).count()
    vendor = connection.vendor
    print(
        f"{agency.name}: {people:,} pegawai · database {vendor} · {args.requests} permintaan "
        f"per halaman setelah {args.warmup} pemanasan"
    )
    client = Client()
    client.force_login(admin, backend="kinerja.core.auth.NipOrUsernameBackend")
    print(f"{'halaman':<46} {'p50 ms':>8} {'p95 ms':>8} {'kueri':>6} {'baris':>6} {'KB':>7}")
    slow = []
    with override_settings(STORAGES=PLAIN_STATIC):
        for case in build_cases(agency):
            if not resolves(case.url):
                print(f"{case.label:<46} (dilewati: URL {case.url} belum ada)")
                continue
            result = measure(client, case, requests=args.requests, warmup=args.warmup)
            flag = "  ← di atas target" if result.p95 > TARGET_P95_MS else ""
            if case.page_size and result.rows != case.page_size:
                flag += f"  (ukuran halaman {case.page_size} tidak didukung)"
            rows = "–" if result.rows is None else str(result.rows)
            print(
                f"{case.label:<46} {result.p50:8.1f} {result.p95:8.1f} {result.queries:6d} "
                f"{rows:>6} {result.size_kb:7.1f}{flag}"
            )
            if result.p95 > TARGET_P95_MS:
                slow.append(result)
    print(
        f"Target p95 < {TARGET_P95_MS:.0f} ms: "
        + ("semua tercapai." if not slow else f"{len(slow)} halaman di atas target.")
    )
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
