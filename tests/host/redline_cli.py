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
