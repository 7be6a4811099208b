"""The satisfaction survey at province scale: IKM over a million responses, and public
submissions under gunicorn.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/kinerja_bench   # migrated, with
    .venv/bin/python bench/citizen_survey.py                              # agency uji-skala

1. IKM. The Dinas Kependudukan dan Pencatatan Sipil of `uji-skala` gets four services and
   `--responses` survey responses (1,000,000 by default, spread over 2025–2026, ~2 % blanks)
   plus 200,000 service requests, generated once with INSERT … SELECT generate_series. Then,
   warm, the median of `--repeat` runs of: the product's pooled unit IKM
   (`metrics.ikm_of`, one aggregate query) beside the same aggregate in hand-written SQL; the
   IKM per service (`metrics.ikm_by`); and the whole SKM report of a year
   (`selectors.survey_report`: IKM, services, population, profile, trend). Target: the unit
   IKM over a million responses under 1 s on PostgreSQL.
2. Submissions. gunicorn (`--workers`, `--worker-class`, `--threads`, `--preload`) serves
   the project on 127.0.0.1 against the same database with the Redis cache (`CACHE_URL`,
   default redis://127.0.0.1:6379/7, for the rate-limit counters). After a 3-second warm-up,
   wrk posts the public survey form of one service (a CSRF cookie and token fetched once)
   for `--seconds`, each request with another X-Real-IP (RATELIMIT_CLIENT_HEADER=
   HTTP_X_REAL_IP), so the rate limit is counted for every request but never trips, as
   behind a proxy with many citizens; then the kiosk JSON API the same way; then, as a
   baseline, a bare 404 through the same middleware. Each run prints the CPU spent per
   request by gunicorn, PostgreSQL and wrk (from /proc), hence the most an idle 2-core
   machine could serve. Target: ≥ 300 requests/s with p99 < 100 ms on 2 cores. Only
   loopback is used; every run is bounded in time. Needs `wrk` (Debian) and a running Redis.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")

import django

django.setup()

from django.db import connection  # noqa: E402

from kinerja.citizen import metrics  # noqa: E402
from kinerja.citizen.ikm import ELEMENTS  # noqa: E402
from kinerja.citizen.models import Service, SurveyResponse  # noqa: E402
from kinerja.citizen.selectors.survey import survey_report  # noqa: E402
from kinerja.citizen.survey_periods import quarter, whole_year  # noqa: E402
from kinerja.core.models import Agency  # noqa: E402
from kinerja.core.tenancy import tenant_scope  # noqa: E402
from kinerja.org.models import Unit  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
AGENCY = "uji-skala"
UNIT_NAME = "Dinas Kependudukan dan Pencatatan Sipil"
SERVICES = (
    ("bench-ktp-el", "Perekaman KTP-el"),
    ("bench-kk", "Kartu Keluarga"),
    ("bench-akta", "Akta Kelahiran"),
    ("bench-pindah", "Surat Pindah"),
)
REQUESTS = 200_000
TARGET_IKM_S = 1.0
TARGET_RPS, TARGET_P99_MS = 300, 100.0


# --- 1. IKM over a million responses -----------------------------------------------------------


def prepare(agency: Agency, responses: int) -> tuple[Unit, list[Service]]:
    """The bench unit and its services, with `responses` responses (generated once)."""
    unit = Unit.objects.get(name=UNIT_NAME, depth=0)
    services = [
        Service.objects.get_or_create(
            unit=unit, code=code, defaults={"agency": agency, "name": name, "standard_minutes": 60}
        )[0]
        for code, name in SERVICES
    ]
    have = SurveyResponse.objects.filter(unit=unit).count()
    if have >= responses:
        print(f"  {have:,} responses already there")
        return unit, services
    started = time.perf_counter()
    answers = ", ".join(
        "CASE WHEN random() < 0.02 THEN NULL "
        "ELSE least(4, 1 + floor(random() * 3.2 + random() * 1.1))::smallint END"
        for _ in ELEMENTS
    )
    columns = ", ".join(f"answer_{e.value}" for e in ELEMENTS)
    ids = ",".join(str(s.pk) for s in services)
    with connection.cursor() as cursor:
        cursor.execute("SELECT setseed(0.42)")
        cursor.execute(
            f"""
            INSERT INTO citizen_surveyresponse
                (agency_id, unit_id, service_id, submitted_at, {columns},
                 age, sex, education, occupation, comment, ticket_code, source)
            SELECT %s, %s, (ARRAY[{ids}])[1 + g %% 4],
                   timestamptz '2025-01-01 08:00+07' + (g %% 730) * interval '1 day'
                       + (g %% 480) * interval '1 minute',
                   {answers},
                   CASE WHEN g %% 5 = 0 THEN NULL ELSE 17 + g %% 60 END,
                   (ARRAY['', 'L', 'P', 'P'])[1 + g %% 4],
                   (ARRAY['', 'sd', 'smp', 'sma', 'diploma', 's1', 's2'])[1 + g %% 7],
                   (ARRAY['', 'asn', 'swasta', 'wirausaha', 'pelajar', 'lainnya'])[1 + g %% 6],
                   CASE WHEN g %% 9 = 0 THEN 'Antrean perlu dipercepat.' ELSE '' END,
                   '', 'web'
            FROM generate_series(1, %s) AS g
            """,
            [agency.pk, unit.pk, responses - have],
        )
        cursor.execute(
            """
            INSERT INTO citizen_servicerequest
                (agency_id, unit_id, service_id, received_at, ticket_code, source, note,
                 created_at, updated_at, version)
            SELECT %s, %s, (ARRAY["""
            + ids
            + """])[1 + g %% 4],
                   timestamptz '2025-01-01 08:00+07' + (g %% 730) * interval '1 day',
                   '', 'loket', '', now(), now(), 1
            FROM generate_series(1, %s) AS g
            """,
            [agency.pk, unit.pk, REQUESTS],
        )
        cursor.execute("ANALYZE citizen_surveyresponse")
        cursor.execute("ANALYZE citizen_servicerequest")
    print(f"  generated {responses - have:,} responses in {time.perf_counter() - started:.1f} s")
    return unit, services


def timed(calls: dict[str, object], repeat: int) -> dict[str, tuple[float, object]]:
    """The median wall time of each call, run in turn `repeat` times after a warm-up (turns
    share the machine's ups and downs, so the product and the baseline compare fairly)."""
    samples: dict[str, list[float]] = {name: [] for name in calls}
    results: dict[str, object] = {}
    for name, call in calls.items():
        results[name] = call()  # type: ignore[operator]
    for _ in range(repeat):
        for name, call in calls.items():
            started = time.perf_counter()
            results[name] = call()  # type: ignore[operator]
            samples[name].append(time.perf_counter() - started)
    return {name: (statistics.median(samples[name]), results[name]) for name in calls}


def raw_ikm(unit_id: int) -> tuple:
    """The baseline: the same 19 aggregates written by hand."""
    parts = ", ".join(f"count(answer_{e.value}), sum(answer_{e.value})" for e in ELEMENTS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*), {parts} FROM citizen_surveyresponse WHERE unit_id = %s", [unit_id]
        )
        return cursor.fetchone()


def bench_ikm(agency: Agency, responses: int, repeat: int) -> dict[str, float]:
    print("\n1. IKM of a unit over its responses (PostgreSQL, warm, median)")
    with tenant_scope(agency):
        unit, _services = prepare(agency, responses)
        total = SurveyResponse.objects.filter(unit=unit).count()
        runs = timed(
            {
                "product": lambda: metrics.ikm_of(SurveyResponse.objects.filter(unit=unit)),
                "baseline": lambda: raw_ikm(unit.pk),
                "by_service": lambda: metrics.ikm_by(
                    SurveyResponse.objects.filter(unit=unit), "service_id"
                ),
            },
            repeat,
        )
        reports = timed(
            {
                "year": lambda: survey_report(unit, service=None, period=whole_year(2026)),
                "quarter": lambda: survey_report(unit, service=None, period=quarter(2026, 4)),
            },
            max(1, repeat // 2),
        )
        report_s, report = reports["year"]
        quarter_s, quarter_report = reports["quarter"]
    product, result = runs["product"]
    baseline, row = runs["baseline"]
    per_service, by_service = runs["by_service"]
    assert row[0] == result.respondents, (row[0], result.respondents)  # type: ignore[index,attr-defined]
    print(f"  {total:,} responses of {unit.name}")
    print(f"  unit IKM (metrics.ikm_of)       {product * 1000:8.0f} ms   IKM {result.value}")  # type: ignore[attr-defined]
    print(f"  same aggregate in raw SQL       {baseline * 1000:8.0f} ms")
    print(
        f"  IKM per service (ikm_by)        {per_service * 1000:8.0f} ms   {len(by_service)} services"
    )  # type: ignore[arg-type]
    print(
        f"  SKM report of 2026-T4           {quarter_s * 1000:8.0f} ms   "
        f"{quarter_report.figures.result.respondents:,} respondents"  # type: ignore[attr-defined]
    )
    print(
        f"  SKM report of 2026 (5 queries)  {report_s * 1000:8.0f} ms   "
        f"{report.figures.result.respondents:,} respondents, IKM {report.figures.result.value}"  # type: ignore[attr-defined]
    )
    verdict = "met" if product < TARGET_IKM_S else "MISSED"
    print(f"  target: unit IKM < {TARGET_IKM_S:.0f} s — {verdict}")
    return {"ikm_ms": product * 1000, "raw_ms": baseline * 1000, "report_ms": report_s * 1000}


# --- 2. Submissions under gunicorn --------------------------------------------------------------

LUA_FORM = """
local n = 0
local body = %(body)q
function setup(thread) thread:set("id", math.random(1, 250)) end
function init(args) math.randomseed(os.time() + id) end
request = function()
  n = n + 1
  local ip = string.format("127.%%d.%%d.%%d", id, math.random(0, 255), math.random(1, 254))
  return wrk.format("POST", nil, {
    ["Content-Type"] = %(type)q,
    ["Cookie"] = %(cookie)q,
    ["Referer"] = %(referer)q,
    ["X-CSRFToken"] = %(token)q,
    ["X-Real-IP"] = ip,
  }, body)
end
"""


def _cpu_seconds(pids: list[int]) -> float:
    """User + system CPU of the processes (those that ended since count as nothing)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def _children_cpu() -> float:
    """CPU of this script's finished children (wrk)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _serving_pids(master: int, since: float) -> tuple[list[int], list[int]]:
    """gunicorn's workers and the PostgreSQL backends they opened (after `since`)."""
    workers = [int(p) for p in subprocess.check_output(["pgrep", "-P", str(master)]).split()]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND backend_start > to_timestamp(%s)",
            [since],
        )
        backends = [row[0] for row in cursor.fetchall()]
    return workers, backends


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 (loopback)
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer on {url}")


def _lua_quote(text: str) -> str:
    return json.dumps(text)


def _wrk_script(
    path: Path, *, body: str, content_type: str, cookie: str, token: str, referer: str
) -> None:
    script = LUA_FORM.replace("%(body)q", _lua_quote(body))
    script = script.replace("%(type)q", _lua_quote(content_type))
    script = script.replace("%(cookie)q", _lua_quote(cookie))
    script = script.replace("%(token)q", _lua_quote(token))
    script = script.replace("%(referer)q", _lua_quote(referer))
    script = script.replace("%%", "%")
    path.write_text(script)


def _parse_wrk(output: str) -> dict[str, float]:
    def ms(label: str) -> float:
        match = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
        if not match:
            return float("nan")
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    total = int(re.search(r"(\d+) requests in", output).group(1))  # type: ignore[union-attr]
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors = int(bad.group(1)) if bad else 0
    errors += sum(int(x) for x in sockets.groups()) if sockets else 0
    return {
        "rps": rps,
        "p50": ms("50"),
        "p90": ms("90"),
        "p99": ms("99"),
        "errors": errors,
        "total": total,
    }


def bench_submissions(
    agency: Agency,
    *,
    workers: int,
    threads: int,
    seconds: int,
    connections: int,
    worker_class: str = "gthread",
) -> list[dict[str, float]]:
    shape = f"{workers} {worker_class} workers" + (
        f" × {threads} threads" if worker_class == "gthread" else ""
    )
    print(f"\n2. Public survey submissions under gunicorn ({shape}, wrk -c{connections}, loopback)")
    wrk = shutil.which("wrk")
    if wrk is None:
        print("  wrk is not installed (apt-get install -y wrk): skipped")
        return []
    with tenant_scope(agency):
        unit = Unit.objects.get(name=UNIT_NAME, depth=0)
        service = Service.objects.get(unit=unit, code=SERVICES[0][0])
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(
        os.environ,
        DEBUG="false",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        CACHE_URL=os.environ.get("CACHE_URL", "redis://127.0.0.1:6379/7"),
        RATELIMIT_CLIENT_HEADER="HTTP_X_REAL_IP",
        LOG_LEVEL="ERROR",
        SECRET_KEY=secrets.token_urlsafe(50),
    )
    started = time.time()
    gunicorn = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "kinerja.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            worker_class,
            "--threads",
            str(threads),
            "--keep-alive",
            "5",
            "--preload",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stderr=subprocess.DEVNULL,  # "Not Found" lines of the baseline; failures show in wrk
    )
    results = []
    try:
        path = f"/publik/survei/{agency.code}/{unit.pk}/{service.code}/"
        _wait(base + path)
        jar = CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        page = opener.open(base + path, timeout=10).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
        cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
        form = "&".join(
            [f"answer_{e.value}={1 + (i % 4)}" for i, e in enumerate(ELEMENTS)]
            + [
                f"csrfmiddlewaretoken={token}",
                "website=",
                "age=35",
                "sex=P",
                "comment=",
                "ticket_code=",
            ]
        )
        api = json.dumps(
            {
                "agency": agency.code,
                "unit": unit.pk,
                "service": service.code,
                "answers": {e.value: 1 + (i % 4) for i, e in enumerate(ELEMENTS)},
            }
        )
        with tenant_scope(agency):
            stored_before = SurveyResponse.objects.filter(service=service).count()
        for label, url, body, content_type in (
            ("survey form (HTML, 302)", base + path, form, "application/x-www-form-urlencoded"),
            (
                "kiosk API (JSON, 201)",
                base + "/api/v1/citizen/survey/responses/",
                api,
                "application/json",
            ),
        ):
            with tempfile.TemporaryDirectory() as folder:
                script = Path(folder) / "post.lua"
                _wrk_script(
                    script,
                    body=body,
                    content_type=content_type,
                    cookie=cookie if "publik" in url else "",
                    token=token if "publik" in url else "",
                    referer=base + path,
                )
                warm = [wrk, "-t2", f"-c{connections}", "-d3s", "-s", str(script), url]
                subprocess.run(warm, capture_output=True, timeout=60, check=True)
                workers, backends = _serving_pids(gunicorn.pid, started)
                before = (_cpu_seconds(workers), _cpu_seconds(backends), _children_cpu())
                run = subprocess.run(
                    [
                        wrk,
                        "-t2",
                        f"-c{connections}",
                        f"-d{seconds}s",
                        "--latency",
                        "-s",
                        str(script),
                        url,
                    ],
                    capture_output=True,
                    text=True,
                    timeout=seconds + 60,
                    check=True,
                )
            figures = _parse_wrk(run.stdout)
            after = (_cpu_seconds(workers), _cpu_seconds(backends), _children_cpu())
            split = [
                (b - a) / max(1, figures["total"]) * 1000
                for a, b in zip(before, after, strict=True)
            ]
            figures["cpu_ms"] = sum(split)
            figures["cpu_split"] = split  # type: ignore[assignment]
            figures["label"] = label  # type: ignore[assignment]
            results.append(figures)
            verdict = (
                "met"
                if figures["rps"] >= TARGET_RPS
                and figures["p99"] < TARGET_P99_MS
                and not figures["errors"]
                else "MISSED"
            )
            print(
                f"  {label:26} {figures['rps']:7.0f} req/s   p50 {figures['p50']:6.1f} ms   "
                f"p90 {figures['p90']:6.1f} ms   p99 {figures['p99']:6.1f} ms   "
                f"errors {figures['errors']:.0f} of {figures['total']:.0f}   — {verdict}"
            )
            django_ms, postgres_ms, wrk_ms = figures["cpu_split"]  # type: ignore[misc]
            print(
                f"  {'':26} CPU a request {figures['cpu_ms']:.1f} ms (gunicorn {django_ms:.1f}, "
                f"PostgreSQL {postgres_ms:.1f}, wrk {wrk_ms:.1f}; Redis not counted): at most "
                f"{2000 / figures['cpu_ms']:.0f} req/s on 2 idle cores"
            )
        with tenant_scope(agency):
            stored = SurveyResponse.objects.filter(service=service).count() - stored_before
        sent = sum(r["total"] for r in results)
        print(f"  stored {stored:,} responses for {sent:,.0f} timed requests (plus the warm-ups)")
        # Baseline: an unknown address, through the same middleware, resolver and 404 page.
        floor = subprocess.run(
            [wrk, "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", base + "/tidak-ada/"],
            capture_output=True,
            text=True,
            timeout=seconds + 60,
            check=True,
        )
        baseline = _parse_wrk(floor.stdout)
        print(
            f"  {'baseline: bare Django 404':26} {baseline['rps']:7.0f} req/s   "
            f"p50 {baseline['p50']:6.1f} ms   p90 {baseline['p90']:6.1f} ms   "
            f"p99 {baseline['p99']:6.1f} ms"
        )
    finally:
        os.killpg(gunicorn.pid, signal.SIGTERM)
        gunicorn.wait(timeout=30)
    print(f"  target: ≥ {TARGET_RPS} requests/s with p99 < {TARGET_P99_MS:.0f} ms, no errors")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--skip-load", action="store_true", help="only the IKM part")
    parser.add_argument("--skip-ikm", action="store_true", help="only the submissions part")
    parser.add_argument("--worker-class", default="gthread", choices=["gthread", "sync"])
    options = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("Run this on PostgreSQL (DATABASE_URL=postgres://…/kinerja_bench).")
    agency = Agency.objects.get(code=AGENCY)
    print(f"Survey bench · agency {agency.name} · {connection.settings_dict['NAME']}")
    missed = False
    if not options.skip_ikm:
        figures = bench_ikm(agency, options.responses, options.repeat)
        missed = figures["ikm_ms"] >= TARGET_IKM_S * 1000
    if not options.skip_load:
        for figures in bench_submissions(
            agency,
            workers=options.workers,
            threads=options.threads,
            seconds=options.seconds,
            connections=options.connections,
            worker_class=options.worker_class,
        ):
            missed |= figures["rps"] < TARGET_RPS or not figures["p99"] < TARGET_P99_MS
            missed |= bool(figures["errors"])
    sys.exit(1 if missed else 0)  # make bench notes a missed target


if __name__ == "__main__":
    main()
