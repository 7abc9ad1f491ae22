"""The `redline` console script of the environment running the tests (`pip install -e .`
puts it beside the interpreter), run as a user runs it."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

REDLINE = Path(sys.executable).parent / "redline"
ROOT = Path(__file__).resolve().parents[2]


def installed_from() -> Path | None:
    """The tree the venv's editable install of redline points at, if it is one."""
    import json
    from importlib.metadata import distributions
    # (a tree's own redline.egg-info, first on PYTHONPATH, has no direct_url.json)
    found = [json.loads(d.read_text("direct_url.json")) for d in distributions(name="redline") if d.read_text("direct_url.json")]
    urls = [f.get("url", "") for f in found if f.get("dir_info", {}).get("editable")]
    return next((Path(u.removeprefix("file://")).resolve() for u in urls if u.startswith("file://")), None)


def skip_unless_installed_from_here() -> None:
    """quickstart.sh and test.sh run `pip install -e .` into the venv: from a git worktree
    sharing another tree's venv that would repoint everyone's `redline` at this tree (it
    did in sessions 13 and 14). Run from the tree the venv was installed from (a fresh
    clone, CI) the test runs."""
    import pytest
    if (origin := installed_from()) is not None and origin != ROOT.resolve():
        pytest.skip(f"the venv's redline is installed from {origin}, not this tree: `pip install -e .` would repoint it")


def redline(*args: str, input: bytes = b"", env: dict | None = None, timeout: float = 600,
            cwd: str | Path | None = None) -> subprocess.CompletedProcess:
    assert REDLINE.exists(), f"{REDLINE} is missing: run `pip install -e .` in this environment"
    return subprocess.run([str(REDLINE), *args], check=False, input=input, capture_output=True, timeout=timeout,
                          env=env or dict(os.environ), cwd=cwd)


def open_terminal(columns: int = 100) -> tuple[int, int]:
    """A pseudo-terminal (leader, follower) of a real terminal's size (a new one has 0 columns)."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    return leader, follower


def read_pty(fd: int, until, timeout: float) -> bytes:
    """What a terminal shows, until `until(seen)` is true, the other end closes or time runs out."""
    seen, deadline = b"", time.monotonic() + timeout
    while not until(seen) and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the other end closed
                break
            if not chunk:
                break
            seen += chunk
    return seen
