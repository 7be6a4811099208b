"""`make bench`: prepare province-scale data, then run every benchmark and print its figures.

    make bench                 # PostgreSQL (DATABASE_URL, default a local kinerja_bench db), 60,000
    make bench SCALE=small     # SQLite in var/bench-small.sqlite3, 5,000 employees: a quick check
    make bench GROWTH=1        # also the page set at 1,000, 5,000 and 20,000 employees + the plot

The data is generated once per database (the agency `uji-skala`, its 2026 planning and
appraisal volume, then the complaints, learning records and survey responses of
bench/volume.py); later runs reuse it. Each benchmark is its own script in this folder and can
be run alone (see their docstrings); every step is bounded in time. At the end, the steps that
reported a figure above its target are listed (exit status 1).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SIZES = {"province": 60_000, "small": 5_000}
MINUTE = 60

MISSED: list[str] = []  # benchmarks that reported a figure above its target (or ran out of time)


def _run(args: list[str], env: dict[str, str], *, measures: bool = False, limit: int = 0) -> None:
    """Run one step; a preparation step must succeed, a benchmark that misses its target
    (exit status 1) or its time limit is noted and the others still run."""
    print(f"\n$ {' '.join(args)}", flush=True)
    started = time.perf_counter()
    try:
        done = subprocess.run(
            args, cwd=ROOT, env=env, check=not measures, timeout=limit or None
        ).returncode
    except subprocess.TimeoutExpired:
        print(f"  stopped after {limit / MINUTE:.0f} min", flush=True)
        done = 1
    print(f"  ({time.perf_counter() - started:.1f} s)", flush=True)
    if done:
        MISSED.append(Path(args[1]).name)


def _ensure_postgres_database(url: str) -> None:
    """Create the benchmark database on a local PostgreSQL if it does not exist yet."""
    name = url.rsplit("/", 1)[-1]
    host_part = url.split("@", 1)[-1].split("/", 1)[0]
    host, _sep, port = host_part.partition(":")
    server = ["-h", host, "-p", port or "5432", "-U", "postgres"]
    exists = subprocess.run(
        ["psql", *server, "-Atc", f"select 1 from pg_database where datname = '{name}'"],
        capture_output=True,
        text=True,
        check=False,
    )
    if exists.stdout.strip() != "1":
        subprocess.run(["createdb", *server, name], check=True)


def _probe(env: dict[str, str], code: str) -> bool:
    found = subprocess.run(
        [PYTHON, "manage.py", "shell", "-v", "0", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return found.stdout.strip() == "True"


def prepare(env: dict[str, str], employees: int, *, small: bool) -> None:
    """Migrate, then generate what is missing."""
    _run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], env)
    _run([PYTHON, "manage.py", "createcachetable"], env)
    has_agency = _probe(
        env,
        "from kinerja.core.models import Agency;"
        "print(Agency.objects.filter(code='uji-skala').exists())",
    )
    has_period = _probe(
        env,
        "from kinerja.core.tenancy import all_agencies_scope\n"
        "from kinerja.planning.models import Period\n"
        "with all_agencies_scope():\n"
        "    print(Period.objects.filter(agency__code='uji-skala').exists())",
    )
    generate = [PYTHON, "manage.py", "generate_scale_data", "--employees", str(employees)]
    if small:  # 3 months of realisations: a quick check, not the DESIGN §6 volume
        generate += ["--realisation-subperiods", "3"]
    if not has_agency:
        _run([*generate, "--with-appraisal"], env)
    elif not has_period:
        _run([*generate, "--appraisal-only"], env)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", choices=sorted(SIZES), default="province")
    parser.add_argument("--growth", action="store_true", help="also bench/growth.py")
    options = parser.parse_args()
    small = options.scale == "small"
    env = dict(os.environ, DEBUG="true")
    if small:
        env["DATABASE_URL"] = f"sqlite:///{ROOT / 'var' / 'bench-small.sqlite3'}"
    else:
        env.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kinerja_bench")
        _ensure_postgres_database(env["DATABASE_URL"])
    employees = SIZES[options.scale]
    started = time.perf_counter()
    one, five, _fifteen = os.getloadavg()
    print(
        f"Kinerja benchmarks · scale {options.scale} ({employees:,} employees) · "
        f"{env['DATABASE_URL'].split('://')[0]} · {os.cpu_count()} cores · "
        f"load {one:.1f}/{five:.1f}"
    )
    prepare(env, employees, small=small)
    scale = ["--scale", options.scale]
    if small:
        # Every page as each role (3 requests, at most 1 s of them a row), the aggregates,
        # then what runs without a server; load under gunicorn needs PostgreSQL.
        _run([PYTHON, "bench/pages.py", "--requests", "3", "--budget", "1", *scale], env,
             measures=True, limit=4 * MINUTE)  # fmt: skip
        _run([PYTHON, "bench/aggregates.py", "--repeat", "3", *scale], env, measures=True,
             limit=MINUTE)  # fmt: skip
        _run([PYTHON, "bench/load.py", *scale], env, measures=True, limit=MINUTE)
        _run([PYTHON, "bench/import_employees.py", "--employees", str(employees)], env,
             measures=True, limit=2 * MINUTE)  # fmt: skip
        quick = [
            ["bench/appraisal_pages.py", "--requests", "3", "--warmup", "1", "--predicate-runs",
             "1"],  # the yearly predicate run
            ["bench/behaviour_round.py", "--requests", "3"],  # the 360° round
            ["bench/agency_report.py"],
        ]  # fmt: skip
        for args in quick:
            _run([PYTHON, *args], env, measures=True, limit=MINUTE)
    else:
        steps: list[tuple[list[str], int]] = [
            (["bench/pages.py", "--requests", "10", *scale], 25),
            (["bench/aggregates.py", "--repeat", "5", *scale], 5),
            (["bench/load.py", *scale], 10),
            (["bench/appraisal_pages.py", "--requests", "20"], 8),  # + the predicate run
            (["bench/behaviour_round.py", "--requests", "20"], 8),  # the 360° round
            (["bench/org_pages.py", "--requests", "20"], 5),  # searches and HTMX partials
            (["bench/insight_pages.py", "--requests", "20"], 5),  # each compliance list
            (["bench/import_employees.py", "--employees", str(employees)], 5),
            (["bench/agency_report.py"], 5),
            (["bench/citizen_survey.py"], 8),  # IKM over 1 M responses, submissions
        ]
        for args, minutes in steps:
            _run([PYTHON, *args], env, measures=True, limit=minutes * MINUTE)
        if options.growth:
            _run([PYTHON, "bench/growth.py", "--sizes", "1k,5k,20k"], env, measures=True,
                 limit=60 * MINUTE)  # fmt: skip
    one, five, _fifteen = os.getloadavg()
    print(
        f"\nDone in {(time.perf_counter() - started) / MINUTE:.1f} min · load {one:.1f}/{five:.1f}"
        " · figures in var/bench/*.json"
    )
    if MISSED:
        print(f"Above target: {', '.join(MISSED)}")
        sys.exit(1)


if __name__ == "__main__":
    main()
