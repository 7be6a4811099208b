"""Every GET page and API list of the product, as each role that uses it.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/kinerja_bench
    .venv/bin/python bench/pages.py [--requests 10] [--only dasbor] [--scale province]

The pages are found, not listed: every named URL pattern of the resolver that needs no
argument, except logout, set_language, the Django admin, the public pages of citizens (survey
form, kiosk, complaint status: bench/citizen_survey.py and bench/load.py measure those), the
API's login (token) and its schema/docs. Each is asked once by each role of bench/personas.py
(agency admin, head of the biggest unit, supervisor of the biggest team, an employee, an
inspector in fieldwork, a service-desk officer, the national viewer) with Django's test client
in-process, as the other scripts do; where the answer is 200 it is timed `--requests` more
times (fewer when they take more than `--budget` seconds), counting the SQL queries.
Other answers (403, 404, 302, 405 of a POST-only address) are counted, not timed; an error
(500) is listed, and on PostgreSQL a query running past `--statement-timeout` (10 s) is
cancelled (and the page answers 500), so a runaway page cannot stall the run.

Query counts against the size of a page: an API list is asked at `page_size=25` and 100; an
HTML list with page links, at page 1 and at its last page. A count that differs is flagged
(`grows`): the page runs queries per row (not checked on a page over a second: it is flagged
`slow` already). Rows over 200 ms at p95 are flagged (`slow`). The complaints, learning
records and survey responses of bench/volume.py are made first when missing.

The rows go to `var/bench/pages-<scale>.json` (for docs/performance.md and bench/growth.py).
Exits 1 when a row misses a target.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import statistics
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.signals import got_request_exception  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.db.backends.signals import connection_created  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import URLPattern, URLResolver, get_resolver  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench import org_pages  # noqa: E402
from bench.personas import ROLE_NAMES, ROLES, personas  # noqa: E402
from bench.volume import ensure_volume  # noqa: E402
from kinerja.core.models import Agency  # noqa: E402
from kinerja.core.tenancy import all_agencies_scope  # noqa: E402
from kinerja.org.models import Employee  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BACKEND = "kinerja.core.auth.NipOrUsernameBackend"
TARGET_P95_MS = 200.0
SIZES_UP_TO_MS = 1000.0
SKIPPED_NAMESPACES = ("admin", "public")
SKIPPED_NAMES = {
    "core:logout": "ends the session",
    "core:login": "anonymous page",
    "set_language": "POST only",
    "api-token": "API login, POST only",
    "api-schema": "API documentation",
    "api-docs": "API documentation",
    "api-survey-response-create": "public kiosk API (bench/load.py)",
    "api-public-complaint-create": "public API",
}
PAGE_LINK = re.compile(rb"[?&]page=(\d+)")


@dataclass(frozen=True)
class Address:
    name: str
    path: str

    @property
    def is_api(self) -> bool:
        return self.path.startswith("/api/")


@dataclass
class Row:
    """One page as one role."""

    name: str
    path: str
    role: str
    first_ms: float
    p50: float
    p95: float
    queries: int
    kb: float
    requests: int
    # Query counts at two sizes of page: (rows, queries) each; None when not a list.
    small: tuple[int, int] | None = None
    large: tuple[int, int] | None = None
    flags: list[str] = field(default_factory=list)


def addresses() -> Iterator[Address]:
    """The named URL patterns without arguments, less the ones measured elsewhere."""

    def walk(patterns: list, prefix: str, namespace: str | None) -> Iterator[Address]:  # type: ignore[type-arg]
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                inner = namespace
                if entry.namespace:
                    inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                if (inner or "").split(":")[0] in SKIPPED_NAMESPACES:
                    continue
                yield from walk(entry.url_patterns, route, inner)
            elif isinstance(entry, URLPattern) and entry.name:
                name = f"{namespace}:{entry.name}" if namespace else entry.name
                if "<" in route or "(?P" in route or name in SKIPPED_NAMES:
                    continue
                yield Address(name, "/" + route.lstrip("^").rstrip("$"))

    yield from walk(get_resolver().url_patterns, "", None)


class Watchdog(threading.Thread):
    """Cancels a query of this process running past `seconds` (PostgreSQL), so that one
    runaway page cannot stall the run. `statement_timeout` alone does not do it: a model
    choice field reads through a server-side cursor (DECLARE … WITH HOLD), which it spares."""

    def __init__(self, seconds: float) -> None:
        super().__init__(daemon=True)
        self.seconds = seconds
        self.pids: set[int] = set()

    def watch(self, sender, connection, **kwargs):  # type: ignore[no-untyped-def]
        """connection_created: remember the backend of each connection the pages open."""
        if connection.vendor == "postgresql" and threading.current_thread() is not self:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                self.pids.add(cursor.fetchone()[0])

    def run(self) -> None:
        if connection.vendor != "postgresql":
            return
        while True:
            time.sleep(1)
            with connection.cursor() as cursor:  # this thread's own connection
                cursor.execute(
                    "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE pid = ANY(%s) "
                    "AND state = 'active' AND now() - query_start > make_interval(secs => %s)",
                    [list(self.pids), self.seconds],
                )


def _percentile(samples: list[float], fraction: float) -> float:
    return org_pages.percentile(samples, fraction)


def _captured() -> CaptureQueriesContext:
    """A query counter; the log it counts in is emptied first (it keeps at most 9,000 entries,
    and requests made while counting do not empty it)."""
    reset_queries()
    return CaptureQueriesContext(connection)


def _queries(client: Client, path: str) -> tuple[int, int, bytes, int]:
    """Status, query count, body and rows of one GET."""
    with _captured() as captured:
        response = client.get(path)
    body = response.content if response.status_code == 200 else b""
    return response.status_code, len(captured.captured_queries), body, _rows(response, body)


def _rows(response, body: bytes) -> int:  # type: ignore[no-untyped-def]
    """Rows listed: `results` of an API list, table rows of an HTML page."""
    if response.get("Content-Type", "").startswith("application/json"):
        try:
            payload = json.loads(body)
        except ValueError:
            return 0
        if isinstance(payload, dict) and isinstance(payload.get("results"), list):
            return len(payload["results"])
        return len(payload) if isinstance(payload, list) else 0
    return body.count(b"<tr")


def _join(path: str, query: str) -> str:
    return f"{path}{'&' if '?' in path else '?'}{query}"


def page_sizes(client: Client, address: Address, first_body: bytes) -> tuple | None:  # type: ignore[type-arg]
    """(rows, queries) at a small and a large page, when the address is a list."""
    if address.is_api:
        try:
            payload = json.loads(first_body)
        except ValueError:
            return None
        if not (isinstance(payload, dict) and "results" in payload):
            return None
        small = _queries(client, _join(address.path, "page_size=25"))
        large = _queries(client, _join(address.path, "page_size=100"))
    else:
        pages = [int(n) for n in PAGE_LINK.findall(first_body)]
        if not pages or max(pages) < 2:
            return None
        small = _queries(client, _join(address.path, "page=1"))
        # Paginator.get_page answers the last page for a number past it; page links may only
        # show the neighbours of the current page.
        large = _queries(client, _join(address.path, "page=999999"))
        if large[0] != 200 or large[3] == small[3]:
            large = _queries(client, _join(address.path, f"page={max(pages)}"))
    if small[0] != 200 or large[0] != 200:
        return None
    return (small[3], small[1]), (large[3], large[1])


def measure(
    client: Client, address: Address, role: str, *, requests: int, budget: float
) -> Row | tuple[int, float]:
    """The row of `address` as `role`, or the status code and time when it is not 200.

    After the first answer, up to `requests` timed ones, fewer when they use up `budget`
    seconds (at least one; none when the first answer alone took longer: it is the sample);
    the queries are those of the last request."""
    with _captured() as captured:
        started = time.perf_counter()
        response = client.get(address.path)
        first = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        return response.status_code, first
    samples: list[float] = [first] if first > budget * 1000 else []
    deadline = time.perf_counter() + budget
    while len(samples) < requests and (not samples or time.perf_counter() < deadline):
        with _captured() as captured:
            started = time.perf_counter()
            response = client.get(address.path)
            samples.append((time.perf_counter() - started) * 1000)
    row = Row(
        address.name,
        address.path,
        role,
        first,
        statistics.median(samples),
        _percentile(samples, 0.95),
        len(captured.captured_queries),
        len(response.content) / 1024,
        len(samples),
    )
    # A page over a second is flagged already; its page sizes would cost as much again.
    sizes = page_sizes(client, address, response.content) if row.p50 < SIZES_UP_TO_MS else None
    if sizes is not None:
        row.small, row.large = sizes
        (small_rows, small_queries), (large_rows, large_queries) = sizes
        if small_rows != large_rows and small_queries != large_queries:
            row.flags.append("grows")
    if row.p95 > TARGET_P95_MS:
        row.flags.append("slow")
    return row


def _load() -> str:
    one, five, _fifteen = os.getloadavg()
    return f"{one:.1f}/{five:.1f}"


def machine() -> dict[str, object]:
    """What the figures came from."""
    memory = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            memory = int(line.split()[1]) // 1024 // 1024
    version = ""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            version = f"PostgreSQL {cursor.fetchone()[0].split()[0]}"
    else:
        import sqlite3

        version = f"SQLite {sqlite3.sqlite_version}"
    return {"cores": os.cpu_count(), "ram_gib": memory, "database": version}


def _sizes(row: Row) -> str:
    if row.small is None or row.large is None:
        return ""
    return f"{row.small[1]}q/{row.small[0]}r→{row.large[1]}q/{row.large[0]}r"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--code", default="uji-skala", help="agency code (generate_scale_data)")
    parser.add_argument("--requests", type=int, default=10)
    parser.add_argument(
        "--budget", type=float, default=3.0, help="seconds of timed requests per row at most"
    )
    parser.add_argument("--only", default="", help="only URL names or paths with this text")
    parser.add_argument("--names", default="", help="only these URL names (comma-separated)")
    parser.add_argument("--roles", default=",".join(ROLES), help="comma-separated roles")
    parser.add_argument("--scale", default="", help="name of the JSON file (default: size)")
    parser.add_argument(
        "--statement-timeout", type=float, default=10, help="seconds a query may run (PostgreSQL)"
    )
    args = parser.parse_args(argv)

    with all_agencies_scope():
        agency = Agency.objects.get(code=args.code)
        employees = Employee.objects.filter(agency=agency).count()
    ensure_volume(agency)
    users = personas(agency)
    roles = [role for role in args.roles.split(",") if role]
    scale = args.scale or f"{round(employees / 1000)}k"
    names = {name for name in args.names.split(",") if name}
    found = [
        a
        for a in addresses()
        if (args.only in a.name or args.only in a.path) and (not names or a.name in names)
    ]
    load_before = _load()
    print(
        f"{agency.name}: {employees:,} employees · {connection.vendor} · {len(found)} addresses × "
        f"{len(roles)} roles · {args.requests} requests each · load {load_before}"
    )
    header = (
        f"{'URL name':<40} {'role':<26} {'1st':>6} {'p50 ms':>7} {'p95 ms':>7} "
        f"{'queries':>7} {'KB':>6}  page sizes"
    )
    print(header)
    rows: list[Row] = []
    errors: list[dict[str, object]] = []
    others: Counter[int] = Counter()

    watchdog = Watchdog(args.statement_timeout)
    connection_created.connect(watchdog.watch, weak=False)
    connection.close()  # the next query opens a watched connection
    watchdog.start()
    failures: list[BaseException] = []
    got_request_exception.connect(
        lambda sender, request, **kwargs: failures.append(sys.exc_info()[1]),  # type: ignore[arg-type]
        weak=False,
    )
    started = time.perf_counter()
    # 403/404 are expected here, and errors are listed below with their cause.
    logging.getLogger("django.request").setLevel(logging.CRITICAL)
    clients = {}
    for role in roles:
        clients[role] = Client(raise_request_exception=False)
        clients[role].force_login(users[role], backend=BACKEND)
    # As in production (DEBUG off: no debug page re-running a failed query), static files
    # served plainly (the pages are measured, not the assets).
    production = override_settings(
        DEBUG=False,
        STORAGES=org_pages.PLAIN_STATIC,
        ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"],
    )
    with production:
        for address in found:
            for role in roles:
                result = measure(
                    clients[role], address, role, requests=args.requests, budget=args.budget
                )
                if isinstance(result, tuple):
                    status, elapsed = result
                    others[status] += 1
                    if status >= 500:
                        failure = failures[-1] if failures else None
                        cause = (
                            f"a query over {args.statement_timeout:.0f} s, cancelled"
                            if "canceling statement" in str(failure)
                            else f"{type(failure).__name__}: {str(failure)[:80]}"
                        )
                        errors.append({"name": address.name, "role": role, "status": status,
                                       "ms": round(elapsed), "cause": cause})  # fmt: skip
                        print(
                            f"{address.name:<40} {ROLE_NAMES[role]:<26} {elapsed:6.0f}  HTTP "
                            f"{status}  ← {cause}"
                        )
                    continue
                rows.append(result)
                flags = "  ← " + ", ".join(result.flags) if result.flags else ""
                print(
                    f"{result.name:<40} {ROLE_NAMES[role]:<26} {result.first_ms:6.0f} "
                    f"{result.p50:7.1f} {result.p95:7.1f} {result.queries:7d} "
                    f"{result.kb:6.1f}  {_sizes(result)}{flags}",
                    flush=True,
                )
    seconds = time.perf_counter() - started
    load_after = _load()
    slow = [row for row in rows if "slow" in row.flags]
    growing = [row for row in rows if "grows" in row.flags]
    print(
        f"{len(rows)} rows timed; not 200: "
        + ", ".join(f"{status} × {n}" for status, n in sorted(others.items()))
        + f" · {seconds:.0f} s · load {load_before} → {load_after}"
    )
    print(
        f"Targets: p95 < {TARGET_P95_MS:.0f} ms — {len(slow)} rows above; query count constant "
        f"in the page size — {len(growing)} rows grow."
    )
    output = ROOT / "var" / "bench" / f"pages-{scale}.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(
        json.dumps(
            {
                "scale": scale,
                "employees": employees,
                "vendor": connection.vendor,
                "machine": machine(),
                "load": [load_before, load_after],
                "date": timezone.localtime().isoformat(timespec="minutes"),
                "requests": args.requests,
                "not_200": {str(k): v for k, v in sorted(others.items())},
                "errors": errors,
                "rows": [asdict(row) for row in rows],
            },
            indent=1,
        )
    )
    print(f"Rows written to {output.relative_to(ROOT)}")
    return 1 if slow or growing or errors else 0


if __name__ == "__main__":
    sys.exit(main())
