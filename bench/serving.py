"""gunicorn and wrk on loopback, for the scripts that measure the project under a real server.

    with gunicorn(env=server_env(), workers=3, threads=2) as server:
        figures = wrk(server.base + "/dasbor/", connections=8, seconds=10, headers=...)

`gunicorn` starts the project (or `settings`, e.g. the bench-only `bench.bare_settings`) on a
free loopback port and stops it, with everything it started, on leaving; `wrk` runs Debian's
wrk against it, bounded in time, and returns throughput, p50/p90/p99 and errors, with the
server's resident memory (sum over the gunicorn processes, from /proc) at its highest during
the run. Nothing listens beyond 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent

# One request per call; every request from another client address (X-Real-IP), so the rate
# limit of the public pages is counted for each one but never trips.
LUA_REQUEST = """
local body = %(body)s
local headers = %(headers)s
function setup(thread) thread:set("id", math.random(1, 250)) end
function init(args) math.randomseed(os.time() + id) end
request = function()
  headers["X-Real-IP"] = string.format("127.%%d.%%d.%%d", id, math.random(0, 255),
    math.random(1, 254))
  return wrk.format(%(method)s, nil, headers, body)
end
"""


@dataclass(frozen=True)
class Server:
    pid: int
    base: str

    def rss_mib(self) -> float:
        """Resident memory of the master and its workers, MiB."""
        return rss_mib([self.pid, *children(self.pid)])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False)
    return [int(p) for p in found.stdout.split()]


def rss_mib(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5)  # noqa: S310 (loopback)
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer on {url}")


def server_env(**extra: str) -> dict[str, str]:
    """The environment of a production-like server on loopback (no DEBUG, Redis cache)."""
    return dict(
        os.environ,
        DEBUG="false",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        CACHE_URL=os.environ.get("CACHE_URL", "redis://127.0.0.1:6379/7"),
        RATELIMIT_CLIENT_HEADER="HTTP_X_REAL_IP",
        LOG_LEVEL="ERROR",
        # The bench's own key: the sessions it signs in (session auth hash) stay valid.
        SECRET_KEY=settings.SECRET_KEY,
        DJANGO_SETTINGS_MODULE="bench.bare_settings",
        **extra,
    )


@contextmanager
def gunicorn(
    *, env: dict[str, str], workers: int = 3, threads: int = 2, port: int | None = None
) -> Iterator[Server]:
    """The project under gunicorn (gthread, --preload) on 127.0.0.1, stopped on leaving."""
    port = port or free_port()
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "kinerja.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "gthread",
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
        stderr=subprocess.DEVNULL,
    )
    server = Server(process.pid, f"http://127.0.0.1:{port}")
    try:
        wait_for(server.base + "/bench/bare/")
        yield server
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)


def has_wrk() -> bool:
    return shutil.which("wrk") is not None


def _lua(method: str, body: str, headers: dict[str, str]) -> str:
    table = (
        "{" + ", ".join(f"[{json.dumps(k)}] = {json.dumps(v)}" for k, v in headers.items()) + "}"
    )
    script = LUA_REQUEST.replace("%(body)s", json.dumps(body) if body else "nil")
    script = script.replace("%(headers)s", table).replace("%(method)s", json.dumps(method))
    return script.replace("%%", "%")


def parse_wrk(output: str) -> dict[str, float]:
    def ms(label: str) -> float:
        match = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
        if not match:
            return float("nan")
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    total = re.search(r"(\d+) requests in", output)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors = int(bad.group(1)) if bad else 0
    errors += sum(int(x) for x in sockets.groups()) if sockets else 0
    return {
        "rps": float(rate.group(1)) if rate else 0.0,
        "p50": ms("50"),
        "p90": ms("90"),
        "p99": ms("99"),
        "errors": errors,
        "total": int(total.group(1)) if total else 0,
    }


def wrk(
    url: str,
    *,
    connections: int,
    seconds: int,
    method: str = "GET",
    body: str = "",
    headers: dict[str, str] | None = None,
    server: Server | None = None,
) -> dict[str, float]:
    """wrk against `url` for `seconds`; with `server`, its highest RSS during the run."""
    peak = [server.rss_mib() if server else 0.0]
    running = threading.Event()
    running.set()

    def sample() -> None:
        while running.is_set() and server is not None:
            peak[0] = max(peak[0], server.rss_mib())
            time.sleep(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "request.lua"
        script.write_text(_lua(method, body, headers or {}))
        done = subprocess.run(
            [
                "wrk",
                f"-t{min(2, connections)}",
                f"-c{connections}",
                f"-d{seconds}s",
                "--timeout",
                "5s",
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
    running.clear()
    sampler.join(timeout=2)
    figures = parse_wrk(done.stdout)
    figures["rss_mib"] = peak[0]
    return figures
