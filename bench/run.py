"""`make bench`: prepare province-scale data, then run every benchmark and print its figures.

    make bench                 # PostgreSQL (DATABASE_URL, default a local kinerja_bench db), 60,000
    make bench SCALE=small     # SQLite in var/bench-small.sqlite3, 5,000 employees: a quick check

The data is generated once per database (the agency `uji-skala`, then its 2026 planning and
appraisal volume); later runs reuse it.
Each benchmark is its own script in this folder and can be run alone (see their docstrings).
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


MISSED: list[str] = []  # benchmarks that reported a figure above its target


def _run(args: list[str], env: dict[str, str], *, measures: bool = False) -> None:
    """Run one step; a preparation step must succeed, a benchmark that misses its target
    (exit status 1) is noted and the others still run."""
    print(f"\n$ {' '.join(args)}", flush=True)
    started = time.perf_counter()
    done = subprocess.run(args, cwd=ROOT, env=env, check=not measures)
    print(f"  ({time.perf_counter() - started:.1f} s)", flush=True)
    if done.returncode:
        MISSED.append(Path(args[1]).name)


def _ensure_postgres_database(url: str) -> None:
    """Create the benchmark database on a local PostgreSQL if it does not exist yet."""
    name = url.rsplit("/", 1)[-1]
    host_part = url.split("@", 1)[-1].split("/", 1)[0]
    host, _sep, port = host_part.partition(":")
    exists = subprocess.run(
        [
            "psql",
            "-h",
            host,
            "-p",
            port or "5432",
            "-U",
            "postgres",
            "-Atc",
            f"select 1 from pg_database where datname = '{name}'",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if exists.stdout.strip() != "1":
        subprocess.run(
            ["createdb", "-h", host, "-p", port or "5432", "-U", "postgres", name], check=True
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", choices=sorted(SIZES), default="province")
    options = parser.parse_args()
    env = dict(os.environ, DEBUG="true")
    if options.scale == "small":
        env["DATABASE_URL"] = f"sqlite:///{ROOT / 'var' / 'bench-small.sqlite3'}"
    else:
        env.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kinerja_bench")
        _ensure_postgres_database(env["DATABASE_URL"])
    employees = SIZES[options.scale]
    print(
        f"Kinerja benchmarks · scale {options.scale} ({employees:,} employees) · "
        f"{env['DATABASE_URL'].split('://')[0]}"
    )
    _run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], env)
    _run([PYTHON, "manage.py", "createcachetable"], env)
    generate = [PYTHON, "manage.py", "generate_scale_data", "--employees", str(employees)]
    probe = subprocess.run(
        [
            PYTHON,
            "manage.py",
            "shell",
            "-v",
            "0",
            "-c",
            "from kinerja.core.models import Agency;"
            "print(Agency.objects.filter(code='uji-skala').exists())",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    if probe.stdout.strip() != "True":
        _run(generate, env)
    appraisal = subprocess.run(
        [
            PYTHON,
            "manage.py",
            "shell",
            "-v",
            "0",
            "-c",
            "from kinerja.core.tenancy import all_agencies_scope\n"
            "from kinerja.planning.models import Period\n"
            "with all_agencies_scope():\n"
            "    print(Period.objects.filter(agency__code='uji-skala').exists())",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    if appraisal.stdout.strip() != "True":
        _run([PYTHON, "manage.py", "generate_scale_data", "--appraisal-only"], env)
    _run(
        [PYTHON, "bench/org_pages.py", "--requests", "20" if options.scale == "small" else "30"],
        env,
        measures=True,
    )
    _run(
        [
            PYTHON,
            "bench/appraisal_pages.py",
            "--requests",
            "20" if options.scale == "small" else "30",
        ],
        env,
        measures=True,
    )
    _run(
        [
            PYTHON,
            "bench/behaviour_round.py",
            "--requests",
            "20" if options.scale == "small" else "30",
        ],
        env,
        measures=True,
    )
    _run(
        [
            PYTHON,
            "bench/insight_pages.py",
            "--requests",
            "20" if options.scale == "small" else "30",
        ],
        env,
        measures=True,
    )
    _run([PYTHON, "bench/agency_report.py"], env, measures=True)
    _run([PYTHON, "bench/import_employees.py", "--employees", str(employees)], env, measures=True)
    if options.scale != "small":  # PostgreSQL only: a million survey responses, gunicorn + wrk
        _run([PYTHON, "bench/citizen_survey.py"], env, measures=True)
    if MISSED:
        print(f"\nAbove target: {', '.join(MISSED)}")
        sys.exit(1)


if __name__ == "__main__":
    main()
