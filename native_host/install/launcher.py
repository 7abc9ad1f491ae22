"""The small program a browser starts: it runs this installation's Python with
`redline native`. Filled in from the templates in packaging/launchers/, which the
wheel ships as native_host/install/launchers/ (see setup.py)."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path, PurePath

_HERE = Path(__file__).resolve().parent
TEMPLATE_DIRS = (_HERE / "launchers",                          # installed wheel
                 _HERE.parents[1] / "packaging" / "launchers")  # checkout / editable install


def launcher_name(os_name: str) -> str:
    return "redline-host.bat" if os_name == "windows" else "redline-host"


def _template(os_name: str) -> str:
    name = "redline-host.bat" if os_name == "windows" else "redline-host.sh"
    for folder in TEMPLATE_DIRS:
        if (folder / name).is_file():
            return (folder / name).read_text(encoding="utf-8")
    raise FileNotFoundError(f"launcher template {name} not found in {' or '.join(map(str, TEMPLATE_DIRS))}")


def render(os_name: str, python: str | PurePath) -> str:
    """The launcher's text for `os_name`, running `python`."""
    python = str(python)
    if os_name == "windows":
        if '"' in python:
            raise ValueError(f"a Python path with a quote cannot be started from a .bat file: {python}")
        quoted = '"' + python.replace("%", "%%") + '"'
        lines = _template(os_name).replace("@PYTHON@", quoted).splitlines()
        return "\r\n".join(lines) + "\r\n"  # cmd.exe wants CRLF
    lines = _template(os_name).replace("@PYTHON@", shlex.quote(python)).splitlines()
    return "\n".join(lines) + "\n"


def python_of(launcher_text: str) -> str | None:
    """The Python a launcher runs, read back from its text (for `doctor`)."""
    for line in launcher_text.splitlines():
        line = line.strip()
        if line.startswith("exec "):
            words = shlex.split(line)
            return words[1] if len(words) > 1 else None
        if line.startswith('"') and " -m native_host.cli native" in line:
            return line[1:line.index('"', 1)].replace("%%", "%")
    return None


def redline_command() -> str:
    """How to type this installation's `redline` here: the bare name when PATH finds
    this very script, else its full path (else `python -m`)."""
    script = Path(sys.executable).parent / ("redline.exe" if os.name == "nt" else "redline")
    found = shutil.which("redline")
    if found and script.exists() and Path(found).resolve() == script.resolve():
        return "redline"
    return shlex.quote(str(script)) if script.exists() else f"{shlex.quote(sys.executable)} -m native_host.cli"
