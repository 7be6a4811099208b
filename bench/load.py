"""Throughput and load under gunicorn on loopback, beside a bare Django view; then two web
nodes and two Celery workers against one PostgreSQL and one Redis.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/kinerja_bench
    .venv/bin/python bench/load.py [--seconds 10] [--skip-nodes]

1. Throughput (gunicorn, 3 gthread workers × 2 threads, --preload; wrk, 8 connections,
   `--seconds` each after a 3-second warm-up): a bare view (`/bench/bare/` of the bench-only
   URLconf bench/bare_urls.py: the same server, middleware and resolver, no work) beside the
   head's dashboard (signed in), the public survey form (GET) and its submission (POST, each
   from another client address: the rate limit is counted, never trips). Prints requests/s
   and how many times a bare request each costs.
2. Load at rising concurrency (1, 4, 16, 64 connections, `--seconds` each): the survey
   submission and the head's dashboard — throughput, p50, p99, errors (non-2xx/3xx, socket
   errors, timeouts over 5 s) and the server's resident memory (sum over the gunicorn
   processes, highest during the step).
3. Beyond one machine (`--skip-nodes` leaves it out): two gunicorn processes on two ports
   (2 workers × 2 threads each) and two Celery workers (one process each) sharing
   PostgreSQL and Redis (cache, rate limits, broker). wrk drives both nodes at once; a survey
   answer sent to node A is then counted on node B (the SKM report API of a service kept for
   the check); two agency reports asked on node A are made by the workers (which one: their
   logs) and shown on node B.
PostgreSQL, Redis and `wrk` (Debian) needed; on SQLite it says so and stops.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import Cookie, CookieJar
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench import serving  # noqa: E402
from bench.personas import personas  # noqa: E402
from bench.volume import desk_unit, ensure_volume  # noqa: E402
from kinerja.citizen.ikm import ELEMENTS  # noqa: E402
from kinerja.citizen.models import Service  # noqa: E402
from kinerja.core.models import Agency, User  # noqa: E402
from kinerja.core.tenancy import all_agencies_scope, tenant_scope  # noqa: E402
from kinerja.insight.models import ACTIVE_STATUSES, AgencyReport, ReportStatus  # noqa: E402
from kinerja.org.models import Unit  # noqa: E402
from kinerja.planning.models import Period  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BACKEND = "kinerja.core.auth.NipOrUsernameBackend"
CONCURRENCY = (1, 4, 16, 64)
NODE_SERVICE = ("bench-node", "Layanan uji dua node")
BROKER = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/9")


class Browser:
    """A cookie-keeping HTTP client for one server (no redirects followed)."""

    class _Stay(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            return None

    def __init__(self, base: str, session: str = "") -> None:
        self.base = base
        self.jar = CookieJar()
        if session:
            self.set_cookie(settings.SESSION_COOKIE_NAME, session)
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), self._Stay
        )

    def set_cookie(self, name: str, value: str) -> None:
        cookie = Cookie(
            version=0,
            name=name,
            value=value,
            port=None,
            port_specified=False,
            domain="127.0.0.1",
            domain_specified=False,
            domain_initial_dot=False,
            path="/",
            path_specified=True,
            secure=False,
            expires=None,
            discard=False,
            comment=None,
            comment_url=None,
            rest={},
        )
        self.jar.set_cookie(cookie)

    def cookie_header(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)

    def get(self, path: str) -> tuple[int, str, str]:
        return self.open(urllib.request.Request(self.base + path))  # noqa: S310 (loopback)

    def post(self, path: str, fields: dict[str, str], *, form_page: str) -> tuple[int, str, str]:
        """POST `fields` with the CSRF token of the form on `form_page`."""
        token = self.csrf_token(form_page)
        data = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(  # noqa: S310 (loopback)
            self.base + path, data=data, headers={"Referer": self.base + path}
        )
        return self.open(request)

    def csrf_token(self, path: str) -> str:
        _status, body, _location = self.get(path)
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        return found.group(1) if found else ""

    def open(self, request: urllib.request.Request) -> tuple[int, str, str]:
        try:
            response = self.opener.open(request, timeout=60)
        except urllib.error.HTTPError as answer:
            return (
                answer.code,
                answer.read().decode(errors="replace"),
                answer.headers.get("Location", ""),
            )
        except TimeoutError:
            return 0, "", ""
        return response.status, response.read().decode(errors="replace"), ""


def session_of(user: User) -> str:
    """A signed-in session (stored in the database, so every node accepts it)."""
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def survey_post(base: str, path: str, comment: str = "") -> tuple[str, dict[str, str]]:
    """The body and headers of a survey form submission (a CSRF cookie and token, fetched
    once from the form, as a browser would)."""
    browser = Browser(base)
    token = browser.csrf_token(path)
    answers = {f"answer_{e.value}": str(1 + (i % 4)) for i, e in enumerate(ELEMENTS)}
    body = urllib.parse.urlencode(
        {
            **answers,
            "csrfmiddlewaretoken": token,
            "website": "",
            "age": "35",
            "sex": "P",
            "comment": comment,
            "ticket_code": "",
        }
    )
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": browser.cookie_header(),
        "Referer": base + path,
    }
    return body, headers


def _row(label: str, figures: dict[str, float], extra: str = "") -> str:
    return (
        f"  {label:<34} {figures['rps']:8.0f} {figures['p50']:8.1f} {figures['p99']:8.1f} "
        f"{figures['errors']:7.0f} {figures['total']:8.0f} {figures['rss_mib']:8.0f}{extra}"
    )


HEADER = (
    f"  {'':<34} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'requests':>8} "
    f"{'RSS MiB':>8}"
)


def throughput(server: serving.Server, targets: dict[str, dict], seconds: int) -> dict:  # type: ignore[type-arg]
    print(f"\n1. Throughput beside a bare view (wrk -c8, {seconds} s each after 3 s warm-up)")
    print(HEADER + "  × bare")
    found = {}
    for label, target in targets.items():
        status = probe(server, target)
        if status != target["expect"]:
            print(f"  {label:<34} answers HTTP {status}, not {target['expect']}: skipped")
            continue
        serving.wrk(server.base + target["path"], connections=8, seconds=3, **target["wrk"])
        figures = serving.wrk(
            server.base + target["path"], connections=8, seconds=seconds, server=server,
            **target["wrk"],
        )  # fmt: skip
        found[label] = figures
        bare = found["bare view"]["rps"]
        cost = f"  {bare / figures['rps']:6.1f}" if figures["rps"] else "  –"
        print(_row(label, figures, cost), flush=True)
    return found


def probe(server: serving.Server, target: dict) -> int:  # type: ignore[type-arg]
    """The status of one request as wrk will send it (wrk counts 3xx as success)."""
    options = target["wrk"]
    request = urllib.request.Request(  # noqa: S310 (loopback)
        server.base + target["path"],
        data=options["body"].encode() if options.get("body") else None,
        headers={**options.get("headers", {}), "X-Real-IP": "127.8.8.8"},
        method=options.get("method", "GET"),
    )
    return Browser(server.base).open(request)[0]


def rising(server: serving.Server, targets: dict[str, dict], seconds: int) -> dict:  # type: ignore[type-arg]
    print(f"\n2. Load at rising concurrency ({seconds} s a step)")
    print(HEADER)
    found: dict[str, list] = {}  # type: ignore[type-arg]
    for label, target in targets.items():
        status = probe(server, target)
        if status != target["expect"]:
            print(f"  {label:<34} answers HTTP {status}, not {target['expect']}: skipped")
            continue
        for connections in CONCURRENCY:
            figures = serving.wrk(
                server.base + target["path"], connections=connections, seconds=seconds,
                server=server, **target["wrk"],
            )  # fmt: skip
            figures["connections"] = connections
            found.setdefault(label, []).append(figures)
            print(_row(f"{label}, {connections} conn.", figures), flush=True)
    return found


def _celery_worker(name: str, env: dict[str, str], log: Path) -> subprocess.Popen:  # type: ignore[type-arg]
    return subprocess.Popen(
        [
            str(Path(sys.executable).parent / "celery"),
            "-A",
            "kinerja",
            "worker",
            "-n",
            f"{name}@%h",
            "-c",
            "1",
            "--prefetch-multiplier",
            "1",  # a worker takes one task at a time: the second goes to the other worker
            "--without-gossip",
            "--without-mingle",
            "-l",
            "info",
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _stop(process: subprocess.Popen) -> None:  # type: ignore[type-arg]
    import signal

    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)


def nodes(agency: Agency, users: dict[str, User], survey_path: str, seconds: int) -> dict:  # type: ignore[type-arg]
    print(
        "\n3. Two web nodes (2 workers × 2 threads each) and two Celery workers, one PostgreSQL "
        "and one Redis"
    )
    env = serving.server_env(CELERY_BROKER_URL=BROKER)
    worker_env = {**env, "DJANGO_SETTINGS_MODULE": "kinerja.settings"}
    found: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as folder:
        logs = [Path(folder) / "worker-a.log", Path(folder) / "worker-b.log"]
        workers = [_celery_worker(n, worker_env, log) for n, log in zip("ab", logs, strict=True)]
        try:
            with (
                serving.gunicorn(env=env, workers=2, threads=2) as node_a,
                serving.gunicorn(env=env, workers=2, threads=2) as node_b,
            ):
                body, headers = survey_post(node_a.base, survey_path)
                results: dict[str, dict[str, float]] = {}

                def drive(label: str, server: serving.Server) -> None:
                    results[label] = serving.wrk(
                        server.base + survey_path, connections=8, seconds=seconds,
                        method="POST", body=body, headers=headers, server=server,
                    )  # fmt: skip

                threads = [
                    threading.Thread(target=drive, args=(label, server))
                    for label, server in (("node A", node_a), ("node B", node_b))
                ]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
                print(HEADER)
                for label in ("node A", "node B"):
                    print(_row(f"survey submission, {label}", results[label]))
                total = sum(r["rps"] for r in results.values())
                print(f"  both nodes together: {total:.0f} req/s")
                found["wrk"] = results
                found["visible"] = _visible_across(agency, users, node_a, node_b)
                found["reports"] = _reports_across(agency, users, node_a, node_b, logs)
        finally:
            for process in workers:
                _stop(process)
    return found


def _respondents(browser: Browser, unit: Unit, service: Service) -> int | None:
    """The respondents of `service` this year, from the SKM report API (None: no answer)."""
    status, page, _location = browser.get(
        f"/api/v1/citizen/survey/report/?unit={unit.pk}&service={service.pk}"
        f"&period={timezone.localdate().year}"
    )
    return int(json.loads(page)["respondents"]) if status == 200 else None


def _visible_across(
    agency: Agency, users: dict[str, User], node_a: serving.Server, node_b: serving.Server
) -> bool:
    """A survey answer sent to node A is counted by node B (the SKM report API of a service
    kept for this check, as the agency admin)."""
    with tenant_scope(agency):
        unit = desk_unit(agency)
        assert unit is not None
        service, _created = Service.objects.get_or_create(
            unit=unit,
            code=NODE_SERVICE[0],
            defaults={"agency": agency, "name": NODE_SERVICE[1], "standard_minutes": 30},
        )
    reader = Browser(node_b.base, session_of(users["admin"]))
    before = _respondents(reader, unit, service)
    path = f"/publik/survei/{agency.code}/{unit.pk}/{service.code}/"
    body, headers = survey_post(node_a.base, path)
    sent = urllib.request.Request(  # noqa: S310 (loopback)
        node_a.base + path,
        data=body.encode(),
        headers={**headers, "X-Real-IP": "127.9.9.9"},
    )
    status, _page, _location = Browser(node_a.base).open(sent)
    after = _respondents(reader, unit, service)
    visible = before is not None and after == before + 1
    print(
        f"  survey answer sent to node A (HTTP {status}); respondents of the service on node B "
        f"(SKM report API, agency admin): {before} before, {after} after — "
        f"{'visible' if visible else 'NOT visible'}"
    )
    return visible


def _reports_across(
    agency: Agency,
    users: dict[str, User],
    node_a: serving.Server,
    node_b: serving.Server,
    logs: list[Path],
) -> dict[str, object]:
    """Two agency reports (two small units) asked on node A, made by the Celery workers,
    shown done on node B."""
    with tenant_scope(agency):
        period = Period.objects.filter(agency=agency).order_by("-year").first()
        units = list(
            Unit.objects.filter(agency=agency, depth=0, name__startswith="Kecamatan").order_by(
                "pk"
            )[:2]
        )
        AgencyReport.objects.filter(status__in=ACTIVE_STATUSES).update(status=ReportStatus.FAILED)
    admin_a = Browser(node_a.base, session_of(users["admin"]))
    admin_b = Browser(node_b.base, session_of(users["admin"]))
    started = time.perf_counter()
    asked = []
    for unit in units:
        status, _body, location = admin_a.post(
            "/laporan-instansi/minta/",
            {"period": str(period.pk), "unit": str(unit.pk)},
            form_page="/laporan-instansi/",
        )
        found = re.search(r"/(\d+)/?$", location)
        if status == 302 and found:
            asked.append(int(found.group(1)))
    deadline = time.monotonic() + 240
    with all_agencies_scope():
        while time.monotonic() < deadline:
            states = list(
                AgencyReport.objects.filter(pk__in=asked).values_list("status", flat=True)
            )
            if states and all(s not in ACTIVE_STATUSES for s in states):
                break
            time.sleep(1)
        done = AgencyReport.objects.filter(pk__in=asked, status=ReportStatus.DONE).count()
    seconds = time.perf_counter() - started
    shown = [admin_b.get(f"/laporan-instansi/{pk}/")[0] for pk in asked]
    ran = {
        log.stem: len(re.findall(r"build_agency_report\[[^\]]+\] succeeded", log.read_text()))
        for log in logs
    }
    print(
        f"  {len(asked)} agency reports asked on node A: {done} made in {seconds:.1f} s by the "
        f"workers ({', '.join(f'{k} {v}' for k, v in ran.items())}), pages on node B answer "
        f"{', '.join(map(str, shown))}"
    )
    return {"asked": len(asked), "done": done, "seconds": round(seconds, 1), "workers": ran}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--code", default="uji-skala")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--skip-nodes", action="store_true")
    parser.add_argument("--scale", default="province", help="name of the JSON file")
    args = parser.parse_args(argv)
    if connection.vendor != "postgresql":
        print(
            "Load under gunicorn skipped on SQLite: one writer at a time and no shared cache "
            "or broker, so its figures would say nothing about a deployment. Run `make bench` "
            "(PostgreSQL + Redis)."
        )
        return 0
    if not serving.has_wrk():
        print("wrk is not installed (apt-get install -y wrk): load skipped.")
        return 0
    agency = Agency.objects.get(code=args.code)
    ensure_volume(agency)
    users = personas(agency)
    with tenant_scope(agency):
        unit = desk_unit(agency)
        assert unit is not None
        service = Service.objects.filter(unit=unit, is_active=True).order_by("pk").first()
        assert service is not None
    survey_path = f"/publik/survei/{agency.code}/{unit.pk}/{service.code}/"
    head_session = session_of(users["kepala"])
    head = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={head_session}"}
    one, five, _ = os.getloadavg()
    print(f"Load · {agency.name} · PostgreSQL · loopback · load {one:.1f}/{five:.1f}")
    report: dict[str, object] = {}
    with serving.gunicorn(env=serving.server_env()) as server:
        body, headers = survey_post(server.base, survey_path)
        submit = {"method": "POST", "body": body, "headers": headers}
        # The dashboard's figures are kept 10 minutes: the first request computes them.
        Browser(server.base, head_session).get("/dasbor/")
        targets = {
            "bare view": {"path": "/bench/bare/", "wrk": {}, "expect": 200},
            "head's dashboard": {"path": "/dasbor/", "wrk": {"headers": head}, "expect": 200},
            "survey form (GET)": {"path": survey_path, "wrk": {}, "expect": 200},
            "survey submission (POST)": {"path": survey_path, "wrk": submit, "expect": 302},
        }
        report["throughput"] = throughput(server, targets, args.seconds)
        report["rising"] = rising(
            server,
            {
                "survey submission": targets["survey submission (POST)"],
                "head's dashboard": targets["head's dashboard"],
            },
            args.seconds,
        )
    if not args.skip_nodes:
        report["nodes"] = nodes(agency, users, survey_path, args.seconds)
    one, five, _ = os.getloadavg()
    print(f"load after: {one:.1f}/{five:.1f}")
    output = ROOT / "var" / "bench" / f"load-{args.scale}.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=1, default=str))
    checked = report.get("nodes", {})
    working = checked.get("visible", True) and checked.get("reports", {}).get("done", 0) == 2  # type: ignore[union-attr,attr-defined]
    return 0 if working or args.skip_nodes else 1


if __name__ == "__main__":
    sys.exit(main())
