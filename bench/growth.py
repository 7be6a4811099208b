"""How the cost of the pages grows with the agency: the page set at 1,000, 5,000, 20,000 and
60,000 employees, and a plot of p95 against employees for the main pages.

    .venv/bin/python bench/growth.py                   # every size (make bench GROWTH=1)
    .venv/bin/python bench/growth.py --plot-only       # redraw from var/bench/pages-*.json

Each size has its own PostgreSQL database (`kinerja_bench_1k`, `_5k`, `_20k`; 60,000 is
`kinerja_bench` itself, whose `var/bench/pages-province.json` of `make bench` serves when
`--sizes` leaves 60k out), created, migrated and generated once (`generate_scale_data
--with-appraisal`, bench/volume.py) and reused. bench/pages.py runs on each and writes
`var/bench/pages-<size>.json`; the plot (an SVG written here, no plotting library needed) goes
to docs/performance-growth.svg, the table of the main pages to the standard output.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
SIZES = {"1k": 1_000, "5k": 5_000, "20k": 20_000, "60k": 60_000}
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
PLOT = ROOT / "docs" / "performance-growth.svg"
# The pages a province opens most, each as the role that uses it.
MAIN_PAGES = (
    ("insight:dashboard", "admin", "dashboard (admin)"),
    ("insight:compliance", "admin", "compliance (admin)"),
    ("org:employee-list", "admin", "employees (admin)"),
    ("api-employee-list", "admin", "API employees (admin)"),
    ("planning:plan-list", "admin", "all SKP (admin)"),
    ("appraisal:evaluation-list", "kepala", "evaluations (head)"),
    ("appraisal:team-performance", "atasan", "team (supervisor)"),
    ("appraisal:my-performance", "pegawai", "my performance (employee)"),
    ("appraisal:realisation-list", "admin", "realisations (admin)"),
    ("citizen:complaint-list", "layanan", "complaints (service desk)"),
    ("citizen:survey-report", "admin", "SKM report (admin)"),
    ("development:jp-list", "admin", "20 JP list (admin)"),
)
COLOURS = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
    "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939",
)  # fmt: skip


def database(size: str) -> str:
    return f"{SERVER}/kinerja_bench" + ("" if size == "60k" else f"_{size}")


def _run(args: list[str], env: dict[str, str], *, check: bool = True) -> None:
    print(f"$ {' '.join(args)}", flush=True)
    subprocess.run(args, cwd=ROOT, env=env, check=check)


def prepare(size: str, employees: int) -> dict[str, str]:
    """The size's database, migrated and generated (once)."""
    url = database(size)
    name = url.rsplit("/", 1)[-1]
    exists = subprocess.run(
        ["psql", f"{SERVER}/postgres", "-Atc", f"SELECT 1 FROM pg_database WHERE datname = '{name}'"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    if exists != "1":
        subprocess.run(["psql", f"{SERVER}/postgres", "-c", f"CREATE DATABASE {name}"], check=True)
    env = dict(os.environ, DATABASE_URL=url, DEBUG="true")
    python = sys.executable
    _run([python, "manage.py", "migrate", "--noinput", "-v", "0"], env)
    _run([python, "manage.py", "createcachetable"], env)
    probe = subprocess.run(
        [python, "manage.py", "shell", "-v", "0", "-c",
         "from kinerja.core.tenancy import all_agencies_scope\n"
         "from kinerja.planning.models import Period\n"
         "with all_agencies_scope():\n"
         "    print(Period.objects.filter(agency__code='uji-skala').exists())"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    if probe != "True":
        _run(
            [python, "manage.py", "generate_scale_data", "--employees", str(employees),
             "--with-appraisal"],
            env,
        )  # fmt: skip
    return env


FAILED = float("inf")  # a page that failed (a query cancelled after 10 s)


def rows_of(size: str) -> dict[tuple[str, str], dict]:  # type: ignore[type-arg]
    """The rows of a size's pages JSON by (URL name, role); a failed page as {"failed": True}."""
    path = ROOT / "var" / "bench" / f"pages-{size}.json"
    if not path.exists() and size == "60k":  # `make bench` measured it as "province"
        path = ROOT / "var" / "bench" / "pages-province.json"
    if not path.exists():
        return {}
    found = json.loads(path.read_text())
    rows = {(row["name"], row["role"]): row for row in found["rows"]}
    for error in found.get("errors", []):
        rows[(error["name"], error["role"])] = {"failed": True}
    return rows


def table(metric: str = "p95") -> list[tuple[str, list[float | None]]]:
    """`metric` of the main pages at each size (None: not measured, FAILED: failed)."""
    measured = {size: rows_of(size) for size in SIZES}

    def value(row: dict | None) -> float | None:  # type: ignore[type-arg]
        if row is None:
            return None
        return FAILED if row.get("failed") else float(row[metric])

    lines = [
        (label, [value(measured[size].get((name, role))) for size in SIZES])
        for name, role, label in MAIN_PAGES
    ]
    worst = [
        max((value(row) or 0.0 for row in measured[size].values()), default=None) for size in SIZES
    ]
    lines.append(("slowest page of all", worst))
    return lines


def _cell(value: float | None) -> str:
    if value is None:
        return f"{'–':>10}"
    return f"{'> 10 s ✗':>10}" if value == FAILED else f"{value:10.0f}"


def draw(lines: list[tuple[str, list[float | None]]], path: Path) -> None:
    """A log-log line chart of p95 (ms) against employees, as plain SVG."""
    import math

    width, height, left, right, top, bottom = 760, 440, 60, 230, 20, 50
    xs = [math.log10(n) for n in SIZES.values()]
    values = [v for _label, vs in lines for v in vs if v and v != FAILED]
    if any(v == FAILED for _label, vs in lines for v in vs):
        values.append(10_000.0)  # where failed pages are drawn
    low = math.floor(math.log10(max(1.0, min(values, default=1.0))))
    high = math.ceil(math.log10(max(values, default=1000.0)))
    high = max(high, low + 1)

    def x_of(value: float) -> float:
        return left + (value - xs[0]) / (xs[-1] - xs[0]) * (width - left - right)

    def y_of(ms: float) -> float:
        return top + (high - math.log10(ms)) / (high - low) * (height - top - bottom)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'font-family="sans-serif" font-size="11">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
    ]
    for power in range(low, high + 1):
        for step in (1, 2, 5):
            ms = step * 10**power
            if ms > 10**high:
                break
            y = y_of(ms)
            parts.append(
                f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" '
                f'stroke="#ddd"/><text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{ms:g}</text>'
            )
    target = y_of(200)
    parts.append(
        f'<line x1="{left}" x2="{width - right}" y1="{target:.1f}" y2="{target:.1f}" '
        f'stroke="#c00" stroke-dasharray="4 3"/><text x="{width - right - 4}" y="{target - 4:.1f}" '
        f'text-anchor="end" fill="#c00">200 ms target</text>'
    )
    for (size, employees), x in zip(SIZES.items(), xs, strict=True):
        del size
        parts.append(
            f'<line x1="{x_of(x):.1f}" x2="{x_of(x):.1f}" y1="{top}" y2="{height - bottom}" '
            f'stroke="#eee"/><text x="{x_of(x):.1f}" y="{height - bottom + 16}" '
            f'text-anchor="middle">{employees:,}</text>'
        )
    parts.append(
        f'<text x="{(left + width - right) / 2}" y="{height - 12}" text-anchor="middle">'
        "employees (log scale) · × failed: a query cancelled after 10 s</text>"
        f'<text x="14" y="{(top + height - bottom) / 2}" text-anchor="middle" '
        f'transform="rotate(-90 14 {(top + height - bottom) / 2})">p95 ms (log scale)</text>'
    )
    for index, (label, vs) in enumerate(lines):
        colour = COLOURS[index % len(COLOURS)] if index < len(lines) - 1 else "#000"
        shown = [(x, min(v, 10_000.0)) for x, v in zip(xs, vs, strict=True) if v]
        points = [(x_of(x), y_of(v)) for x, v in shown]
        for x, v in zip(xs, vs, strict=True):
            if v == FAILED:  # a cross at 10 s: cancelled there
                cx, cy = x_of(x), y_of(10_000.0)
                parts.append(
                    f'<path d="M{cx - 5:.1f},{cy - 5:.1f}L{cx + 5:.1f},{cy + 5:.1f}'
                    f'M{cx - 5:.1f},{cy + 5:.1f}L{cx + 5:.1f},{cy - 5:.1f}" stroke="{colour}" '
                    'stroke-width="2"/>'
                )
        dash = ' stroke-dasharray="6 3"' if index == len(lines) - 1 else ""
        if len(points) > 1:
            path_points = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
            parts.append(
                f'<polyline points="{path_points}" fill="none" stroke="{colour}" '
                f'stroke-width="1.6"{dash}/>'
            )
        for px, py in points:
            parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="2.5" fill="{colour}"/>')
        ly = top + 14 + index * 16
        parts.append(
            f'<line x1="{width - right + 12}" x2="{width - right + 30}" y1="{ly - 4}" '
            f'y2="{ly - 4}" stroke="{colour}" stroke-width="2"{dash}/>'
            f'<text x="{width - right + 36}" y="{ly}">{escape(label)}</text>'
        )
    parts.append("</svg>")
    path.write_text("\n".join(parts) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--plot-only", action="store_true")
    parser.add_argument("--sizes", default=",".join(SIZES), help="comma-separated sizes to run")
    parser.add_argument("--requests", type=int, default=10)
    args = parser.parse_args(argv)
    if not args.plot_only:
        for size in [s for s in args.sizes.split(",") if s]:
            started = time.perf_counter()
            env = prepare(size, SIZES[size])
            _run(
                [sys.executable, "bench/pages.py", "--requests", str(args.requests),
                 "--scale", size],
                env,
                check=False,  # a page above its target is a figure, not a failure
            )  # fmt: skip
            print(f"  {size}: {time.perf_counter() - started:.0f} s", flush=True)
    for metric in ("p50", "p95"):
        print(f"\n{metric} ms of the main pages by employees\n{'page':<30}" + "".join(
            f"{n:>10,}" for n in SIZES.values()
        ))  # fmt: skip
        for label, values in table(metric):
            print(f"{label:<30}" + "".join(_cell(v) for v in values))
    draw(table("p95"), PLOT)
    print(f"Plot written to {PLOT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
