"""The latest figures of var/bench/*.json as Markdown tables, for docs/performance.md.

    .venv/bin/python bench/report.py [--scale province]

Prints: the machine and the load; the pages above 200 ms at p95 and those whose query count
grows with the page (bench/pages.py); errors; the aggregates beside raw SQL
(bench/aggregates.py); throughput and load under gunicorn, and the two-node check
(bench/load.py). Nothing is measured here.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "var" / "bench"
ROLE_NAMES = {
    "admin": "agency admin",
    "kepala": "head",
    "atasan": "supervisor",
    "pegawai": "employee",
    "inspektur": "inspector",
    "layanan": "service desk",
    "pemantau": "national viewer",
}


def _load(name: str) -> dict | None:  # type: ignore[type-arg]
    path = FOLDER / name
    return json.loads(path.read_text()) if path.exists() else None


def pages(scale: str) -> None:
    found = _load(f"pages-{scale}.json")
    if found is None:
        print(f"(no var/bench/pages-{scale}.json)")
        return
    rows = found["rows"]
    machine = found["machine"]
    print(
        f"{found['employees']:,} employees · {machine['database']} · {machine['cores']} cores, "
        f"{machine['ram_gib']} GiB · load {found['load'][0]} → {found['load'][1]} · "
        f"{found['date']} · {len(rows)} rows timed ({found['requests']} requests each), "
        f"not 200: {found['not_200']}\n"
    )
    slow = sorted((r for r in rows if "slow" in r["flags"]), key=lambda r: -r["p95"])
    print(f"Above 200 ms at p95 ({len(slow)} rows):\n")
    print("| URL name | role | p50 ms | p95 ms | queries | KB |")
    print("|---|---|---|---|---|---|")
    for row in slow:
        print(
            f"| `{row['name']}` | {ROLE_NAMES.get(row['role'], row['role'])} | "
            f"{row['p50']:,.0f} | {row['p95']:,.0f} | {row['queries']} | {row['kb']:.0f} |"
        )
    growing = [r for r in rows if "grows" in r["flags"]]
    print(f"\nQuery count growing with the page ({len(growing)} rows):\n")
    print("| URL name | role | small page: rows → queries | large page: rows → queries |")
    print("|---|---|---|---|")
    for row in growing:
        print(
            f"| `{row['name']}` | {ROLE_NAMES.get(row['role'], row['role'])} | "
            f"{row['small'][0]} → {row['small'][1]} | {row['large'][0]} → {row['large'][1]} |"
        )
    errors = found.get("errors", [])
    print(f"\nErrors ({len(errors)}):\n")
    for error in errors:
        print(
            f"- `{error['name']}` as {ROLE_NAMES.get(error['role'], error['role'])}: HTTP "
            f"{error['status']} after {error['ms']:,} ms ({error['cause']})"
        )
    fast = [r for r in rows if "slow" not in r["flags"]]
    if fast:
        p95s = sorted(r["p95"] for r in fast)
        print(
            f"\nThe other {len(fast)} rows: p95 median {p95s[len(p95s) // 2]:.0f} ms, "
            f"highest {p95s[-1]:.0f} ms; queries {min(r['queries'] for r in fast)}–"
            f"{max(r['queries'] for r in fast)}."
        )


def aggregates(scale: str) -> None:
    found = _load(f"aggregates-{scale}.json")
    if found is None:
        return
    print("\n| aggregate | product ms | raw SQL ms | ratio | queries | same answer |")
    print("|---|---|---|---|---|---|")
    for row in found["rows"]:
        print(
            f"| {row['what']} | {row['product_ms']:,.1f} | {row['raw_ms']:,.1f} | "
            f"{row['ratio']:.2f} | {row['queries']} | {'yes' if row['agrees'] else 'NO'} |"
        )


def load(scale: str) -> None:
    found = _load(f"load-{scale}.json")
    if found is None:
        return
    print("\n| page | req/s | p50 ms | p99 ms | errors | × bare |")
    print("|---|---|---|---|---|---|")
    throughput = found["throughput"]
    bare = throughput.get("bare view", {}).get("rps", 0)
    for label, f in throughput.items():
        cost = bare / f["rps"] if f["rps"] else 0
        print(
            f"| {label} | {f['rps']:,.0f} | {f['p50']:.1f} | {f['p99']:.1f} | {f['errors']:.0f} | "
            f"{cost:.1f} |"
        )
    print("\n| page | connections | req/s | p50 ms | p99 ms | errors | RSS MiB |")
    print("|---|---|---|---|---|---|---|")
    for label, steps in found["rising"].items():
        for f in steps:
            print(
                f"| {label} | {f['connections']} | {f['rps']:,.0f} | {f['p50']:.1f} | "
                f"{f['p99']:.1f} | {f['errors']:.0f} | {f['rss_mib']:.0f} |"
            )
    nodes = found.get("nodes")
    if nodes:
        print("\n| two nodes | req/s | p50 ms | p99 ms | errors | RSS MiB |")
        print("|---|---|---|---|---|---|")
        for label, f in nodes["wrk"].items():
            print(
                f"| survey submission, {label} | {f['rps']:,.0f} | {f['p50']:.1f} | "
                f"{f['p99']:.1f} | {f['errors']:.0f} | {f['rss_mib']:.0f} |"
            )
        print(f"\nVisible across nodes: {nodes['visible']}; reports: {nodes['reports']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", default="province")
    args = parser.parse_args(argv)
    pages(args.scale)
    aggregates(args.scale)
    load(args.scale)
    return 0


if __name__ == "__main__":
    sys.exit(main())
