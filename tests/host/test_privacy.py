"""No telemetry: the real host, under strace, opens no connection and writes nothing under $HOME
but Redline's own config.

onnxruntime 1.32 wrote a device id and an event database under ~/.cache/Microsoft/ on import
and looked up mobile.events.data.microsoft.com from about 9 s after start (issue 24). Both
`redline native` and `redline serve` run here for 12 s with a check in between (so the model
is loaded), with HOME pointing at an empty folder.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

REDLINE = [sys.executable, "-m", "native_host.cli"]
RUN_S = 12.0  # past the first look-up onnxruntime made (about 9 s after start)
# Syscalls that reach out or create files. %network: socket, connect, bind, sendto, sendmsg …
TRACED = "trace=%network,openat,open,creat,mkdir,mkdirat,rename,renameat,renameat2,link,linkat,symlink,symlinkat"
INET = re.compile(r"sa_family=AF_INET6?\b")
LOOPBACK = re.compile(r'inet_addr\("127\.0\.0\.1"\)|inet_pton\(AF_INET6, "::1"')
WRITE_FLAGS = re.compile(r"O_WRONLY|O_RDWR|O_CREAT")


def traced(args: list[str], home: Path, trace: Path, **kw) -> subprocess.Popen:
    assert shutil.which("strace"), "strace is needed (scripts/apt-packages.txt installs it)"
    env = {**os.environ, "HOME": str(home), "XDG_CACHE_HOME": "", "XDG_DATA_HOME": "", "XDG_CONFIG_HOME": "",
           "REDLINE_CONFIG_DIR": str(home / ".config" / "redline")}
    env.pop("ORT_DISABLE_TELEMETRY", None)  # the host must turn it off itself
    return subprocess.Popen(["strace", "-f", "-qq", "-s", "256", "-e", TRACED, "-o", str(trace), *REDLINE, *args],
                            env=env, **kw)


def traced_child(strace: subprocess.Popen) -> int:
    return int(Path(f"/proc/{strace.pid}/task/{strace.pid}/children").read_text().split()[0])


def problems(trace: Path, home: Path) -> list[str]:
    """Lines of the trace that reach outside the machine or write under `home` outside Redline's config."""
    own = str(home / ".config" / "redline")
    bad = []
    for line in trace.read_text(errors="replace").splitlines():
        call = re.sub(r"^\d+\s+", "", line)
        if call.startswith(("connect(", "sendto(", "sendmsg(")) and INET.search(call):
            bad.append(call)  # any address: a DNS look-up goes to a resolver, often on loopback
        elif call.startswith("bind(") and INET.search(call) and not LOOPBACK.search(call):
            bad.append(call)
        elif call.startswith(("open", "creat", "mkdir", "rename", "link", "symlink")) and str(home) in call:
            paths = re.findall(r'"([^"]*)"', call)
            writes = not call.startswith("open") or WRITE_FLAGS.search(call)
            mine = [p for p in paths if p.startswith(own) or own.startswith(p + "/")]  # the config dir and its parents
            if writes and any(p.startswith(str(home)) and p not in mine for p in paths):
                bad.append(call)
    return bad


def files_under(home: Path) -> list[str]:
    return sorted(str(p.relative_to(home)) for p in home.rglob("*") if p.is_file())


def native_check(proc: subprocess.Popen) -> None:
    for msg in ({"id": 1, "type": "hello"}, {"id": 2, "type": "check", "text": "She go to school."}):
        data = json.dumps(msg).encode()
        proc.stdin.write(struct.pack("=I", len(data)) + data)
        proc.stdin.flush()
    for _ in range(2):
        (size,) = struct.unpack("=I", proc.stdout.read(4))
        reply = json.loads(proc.stdout.read(size))
    assert reply["type"] == "result", reply


def test_the_host_makes_no_connection_and_writes_nothing_under_home(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    native = traced(["native"], home, tmp_path / "native.trace", stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL)
    serve = traced(["serve", "--port", "0", "--lt-port", "0"], home, tmp_path / "serve.trace",
                   stderr=subprocess.PIPE, text=True)
    started = time.monotonic()
    try:
        native_check(native)
        lines = []
        while not any("LanguageTool API" in line for line in lines):
            lines.append(serve.stderr.readline())
            assert lines[-1], "".join(lines)
        threading.Thread(target=serve.stderr.read, daemon=True).start()
        port = re.search(r"LanguageTool API on http://127\.0\.0\.1:(\d+)", "".join(lines)).group(1)
        body = urllib.parse.urlencode({"text": "He go home.", "language": "en-US"}).encode()
        with urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{port}/v2/check", body), timeout=60) as r:
            assert json.loads(r.read())["software"]["name"] == "Redline"
        time.sleep(max(0.0, RUN_S - (time.monotonic() - started)))
    finally:
        native.stdin.close()
        os.kill(traced_child(serve), signal.SIGTERM)  # strace itself would only detach
        assert native.wait(30) == 0 and serve.wait(30) == 0
    for name in ("native", "serve"):
        trace = tmp_path / f"{name}.trace"
        assert trace.stat().st_size > 0
        assert problems(trace, home) == [], name
    assert [f for f in files_under(home) if not f.startswith(".config/redline/")] == []


@pytest.mark.parametrize("line, bad", [
    ('123 connect(5, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("127.0.0.53")}, 16) = 0', True),
    ('connect(7, {sa_family=AF_INET6, sin6_port=htons(443), sin6_addr=inet_pton(AF_INET6, "::1")}, 28) = 0', True),
    ('connect(3, {sa_family=AF_UNIX, sun_path="/run/dbus/system_bus_socket"}, 110) = 0', False),
    ('bind(6, {sa_family=AF_INET, sin_port=htons(0), sin_addr=inet_addr("127.0.0.1")}, 16) = 0', False),
    ('bind(6, {sa_family=AF_INET, sin_port=htons(0), sin_addr=inet_addr("0.0.0.0")}, 16) = 0', True),
    ('openat(AT_FDCWD, "HOME/.cache/Microsoft/x.db", O_RDWR|O_CREAT, 0644) = 4', True),
    ('openat(AT_FDCWD, "HOME/.config/redline/token", O_WRONLY|O_CREAT, 0600) = 4', False),
    ('openat(AT_FDCWD, "HOME/.config/python_keyring/keyringrc.cfg", O_RDONLY) = -1 ENOENT', False),
    ('mkdir("HOME/.cache/Microsoft", 0777) = 0', True),
    ('mkdir("HOME/.config", 0777) = 0', False),
])
def test_the_trace_reader_tells_reaching_out_from_redlines_own(tmp_path, line, bad):
    """The check above would pass vacuously if `problems` missed what it looks for."""
    home = tmp_path / "home"
    trace = tmp_path / "t.trace"
    trace.write_text(line.replace("HOME", str(home)) + "\n")
    assert (problems(trace, home) != []) == bad
