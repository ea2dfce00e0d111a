"""Driving wrk and reading what it measured.

wrk's `done()` hook prints one machine-readable line (requests, duration, latency
percentiles, errors by kind), so no human-oriented output has to be scraped.
"""

import hashlib
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

RESULT_MARKER = "BENCH-RESULT"
DONE_SCRIPT = f"""\
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "{RESULT_MARKER} requests=%d duration_us=%d bytes=%d p50_us=%.0f p90_us=%.0f p99_us=%.0f "
    .. "connect=%d read=%d write=%d status=%d timeout=%d\\n",
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    e.connect, e.read, e.write, e.status, e.timeout))
end
"""
# Each wrk thread walks the list from its own start, so the paths are read evenly.
PATHS_SCRIPT = """\
local paths = {{
{paths}
}}
local next_path = 0
setup = function(thread)
  thread:set("start", #paths > 0 and math.random(#paths) or 0)
end
init = function(args)
  next_path = start or 0
end
request = function()
  next_path = next_path % #paths + 1
  return wrk.format(nil, paths[next_path])
end
"""
INSTALL_HINT = "wrk is not installed. Install it with: sudo apt-get install wrk  (Debian/Ubuntu)"


class WrkMissing(Exception):
    pass


class WrkFailed(Exception):
    pass


@dataclass(frozen=True)
class WrkResult:
    requests: int
    duration_us: int
    bytes: int
    p50_us: float
    p90_us: float
    p99_us: float
    connect_errors: int
    read_errors: int
    write_errors: int
    status_errors: int
    timeouts: int

    @property
    def requests_per_second(self):
        return self.requests / (self.duration_us / 1_000_000) if self.duration_us else 0.0

    @property
    def failed_requests(self):
        """Answers with status 400 or more, and requests that never got an answer in time."""
        return self.status_errors + self.timeouts

    @property
    def socket_errors(self):
        return self.connect_errors + self.read_errors + self.write_errors


def parse_result(output):
    """The WrkResult of wrk's output, from the line the done() hook printed."""
    line = next((line for line in output.splitlines() if line.startswith(RESULT_MARKER)), None)
    if line is None:
        raise WrkFailed(f"wrk printed no result line:\n{output[-2000:]}")
    fields = dict(re.findall(r"(\w+)=(\d+)", line))
    try:
        return WrkResult(
            requests=int(fields["requests"]),
            duration_us=int(fields["duration_us"]),
            bytes=int(fields["bytes"]),
            p50_us=float(fields["p50_us"]),
            p90_us=float(fields["p90_us"]),
            p99_us=float(fields["p99_us"]),
            connect_errors=int(fields["connect"]),
            read_errors=int(fields["read"]),
            write_errors=int(fields["write"]),
            status_errors=int(fields["status"]),
            timeouts=int(fields["timeout"]),
        )
    except KeyError as missing:
        raise WrkFailed(f"wrk's result line lacks {missing}: {line}") from None


def find_wrk():
    wrk = shutil.which("wrk")
    if wrk is None:
        raise WrkMissing(INSTALL_HINT)
    return wrk


def paths_script(paths):
    """wrk's Lua script that requests `paths` in turn (JSON strings are valid Lua strings)."""
    listed = ",\n".join(f"  {json.dumps(path)}" for path in paths)
    return PATHS_SCRIPT.format(paths=listed) + DONE_SCRIPT


def header_arguments(headers):
    return [argument for name, value in headers.items() for argument in ("-H", f"{name}: {value}")]


class Wrk:
    """Runs wrk with the done() script, written once into the benchmark's folder."""

    def __init__(self, folder, *, threads=2, connections=16, timeout_s=5):
        self.executable = find_wrk()
        self.script = Path(folder) / "done.lua"
        self.script.write_text(DONE_SCRIPT)
        self.threads = threads
        self.connections = connections
        self.timeout_s = timeout_s

    def run(self, url, *, seconds, headers=None, paths=None):
        """Load `url`, or with `paths` the server at `url`, each of them in turn."""
        script = self.script
        if paths:
            text = paths_script(paths)
            digest = hashlib.blake2b(text.encode(), digest_size=8).hexdigest()
            script = self.script.with_name(f"paths-{digest}.lua")
            script.write_text(text)
        command = [
            self.executable,
            f"--threads={self.threads}",
            f"--connections={self.connections}",
            f"--duration={seconds}s",
            f"--timeout={self.timeout_s}s",
            f"--script={script}",
            *header_arguments(headers or {}),
            url,
        ]
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=seconds + 60, check=False
        )
        if result.returncode != 0:
            raise WrkFailed(f"wrk exited {result.returncode}:\n{result.stderr[-2000:]}")
        return parse_result(result.stdout)
