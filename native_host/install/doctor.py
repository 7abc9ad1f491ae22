"""`redline doctor`: one OK / PROBLEM line per check, each problem with its fix.

Checks: the model loads and a sample check round-trips; the native host answers
hello + check through the installed launcher, as a browser would start it; each
installed manifest is valid, points at an executable launcher and names the
extension; the keyring backend in use; the websocket port is free or ours.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from . import launcher as launchers
from . import manifests, registry
from .browsers import BROWSERS, Browser, Machine, app_dir, detect, location
from .installer import RECORD_FILE, InstallError, Record
from .launcher import redline_command

SAMPLE_EMAIL = Path(__file__).resolve().parents[1] / "samples" / "email.txt"
DEFAULT_WS_PORT = 8734


@dataclass
class Finding:
    status: str          # "OK", "PROBLEM" or "NOTE" (worth knowing, not a failure)
    topic: str
    detail: str
    fix: str = ""


def _cmd() -> str:
    """`redline` as it can be typed here, for the fixes."""
    return redline_command()


def ok(topic, detail):
    return Finding("OK", topic, detail)


def problem(topic, detail, fix):
    return Finding("PROBLEM", topic, detail, fix)


def note(topic, detail, fix=""):
    return Finding("NOTE", topic, detail, fix)


# --- the model ---------------------------------------------------------------

def check_model() -> list[Finding]:
    from ..model_files import ENV_VAR, candidate_dirs, default_model_dir, missing_files

    try:
        model_dir = default_model_dir()
    except FileNotFoundError:
        looked = "; ".join(f"{d} lacks {', '.join(missing_files(d))}" for d in candidate_dirs())
        return [problem("model", f"no complete model found: {looked}",
                        f"reinstall Redline (`pip install --force-reinstall redline`), or set {ENV_VAR}")]
    found = [ok("model", f"files present in {model_dir}")]
    try:
        from ..checker import Checker
    except ImportError as e:
        return found + [problem("model", f"cannot import the checker ({e})", "reinstall Redline")]
    try:
        started = time.perf_counter()
        checker = Checker(model_dir=model_dir)
        checker.load()
        loaded = time.perf_counter() - started
        text = SAMPLE_EMAIL.read_text(encoding="utf-8")
        started = time.perf_counter()
        suggestions = checker.check(text)
        took = (time.perf_counter() - started) * 1000
        from ..protocol import utf16_len

        for s in suggestions:  # every suggestion must point inside the text (offsets in UTF-16 units)
            if not (0 <= s.start <= s.end <= utf16_len(text)):
                raise ValueError(f"suggestion span {s.start}..{s.end} lies outside the text")
    except Exception as e:  # any failure here is the finding
        return found + [problem("model", f"{type(e).__name__}: {e}",
                                "reinstall Redline; if it persists, report this line")]
    return found + [ok("sample check", f"{checker.model_name} loaded in {loaded:.1f} s; the sample e-mail "
                                       f"gave {len(suggestions)} suggestions in {took:.0f} ms")]


# --- the native host, started as a browser starts it --------------------------

def _frame(msg: dict) -> bytes:
    data = json.dumps(msg).encode("utf-8")
    return struct.pack("=I", len(data)) + data


def _read_frame(stream) -> dict | None:
    header = stream.read(4)
    if len(header) < 4:
        return None
    (size,) = struct.unpack("=I", header)
    return json.loads(stream.read(size))


def native_round_trip(command: list[str], text: str, timeout: float = 120) -> tuple[dict, dict]:
    """Send hello + check to a native host started with `command`, as a browser
    does (stdin stays open until the answer, since closing it is how a browser
    hangs up); return the hello reply and the check's reply. Raises
    RuntimeError with what went wrong."""
    try:
        proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except OSError as e:
        raise RuntimeError(f"cannot start {command[0]}: {e}") from None
    replies: dict = {}

    def read() -> None:
        try:
            while 2 not in replies and (reply := _read_frame(proc.stdout)) is not None:
                replies[reply.get("id")] = reply
        except ValueError:  # not JSON: reported below as missing replies
            pass

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        proc.stdin.write(_frame({"id": 1, "type": "hello", "protocol": 1, "client": f"redline-doctor/{__version__}"}))
        proc.stdin.write(_frame({"id": 2, "type": "check", "text": text, "language": "en-US"}))
        proc.stdin.flush()
    except OSError:  # the host died at once: its stderr says why
        pass
    reader.join(timeout)
    try:
        proc.stdin.close()  # hang up, as the browser does
        proc.wait(timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        proc.kill()
        proc.wait()
    if 1 not in replies or 2 not in replies:
        err = proc.stderr.read().decode("utf-8", "replace").strip().splitlines()
        late = " (timed out)" if reader.is_alive() else ""
        raise RuntimeError(f"exit code {proc.returncode}{late}, replies to ids {sorted(replies, key=str)} of [1, 2]; "
                           f"stderr: {err[-1] if err else '(empty)'}")
    return replies[1], replies[2]


def check_native(command: list[str], how: str) -> Finding:
    text = SAMPLE_EMAIL.read_text(encoding="utf-8")
    try:
        hello, result = native_round_trip(command, text)
    except RuntimeError as e:
        return problem("native host", f"{how}: {e}", f"run `{_cmd()} install` again; then `{_cmd()} native` by hand "
                                                    "to see its error")
    if hello.get("type") != "hello" or result.get("type") != "result":
        detail = f"{how}: unexpected replies {hello.get('type')!r}, {result.get('type')!r}: {result.get('message', '')}"
        return problem("native host", detail, f"fix the problems above, then run `{_cmd()} doctor` again")
    return ok("native host", f"{how}: hello (model {hello.get('model')}) and a check with "
                             f"{len(result.get('suggestions', []))} suggestions round-tripped")


# --- browser registrations ---------------------------------------------------

def _records(machine: Machine) -> tuple[list[Record], list[Finding]]:
    """The install records (per user, all users), and a problem for each damaged one."""
    found, damaged = [], []
    for system in (False, True):
        try:
            record = Record.load(Path(app_dir(machine, system=system)) / RECORD_FILE)
        except InstallError as e:
            damaged.append(problem("install record", str(e).split(";")[0],
                                   f"delete it, then run `{_cmd()} install`" + (" --system" if system else "")))
            continue
        if record:
            found.append(record)
    return found, damaged


def _registered(machine: Machine, records: list[Record]) -> list[tuple[Browser, str, Path]]:
    """(browser, where, manifest path) of every Redline manifest a browser would read."""
    seen: dict[tuple[str, str], str] = {}
    for browser in BROWSERS.values():
        for system in (False, True):
            loc = location(browser, machine, system=system)
            if loc.registry:
                path = registry.get_default(loc.registry)
                if path:
                    seen[(browser.key, path)] = "all users" if system else "this user"
            elif Path(loc.manifest).exists():
                seen[(browser.key, str(loc.manifest))] = "all users" if system else "this user"
    for record in records:  # custom profile folders (--user-data-dir)
        for entry in record.entries:
            if Path(entry.manifest).exists():
                seen.setdefault((entry.browser, entry.manifest), "profile folder")
    return [(BROWSERS[key], where, Path(path)) for (key, path), where in seen.items()]


def check_manifest(browser: Browser, where: str, path: Path, machine: Machine,
                   chrome_ids: list[str], firefox_ids: list[str]) -> tuple[Finding, list[str] | None]:
    """One manifest's finding, and the command that starts its launcher (None if broken)."""
    topic, fix = browser.title, f"{_cmd()} install --browser {browser.key}"
    if where == "all users":
        fix += " --system"
    elif where == "profile folder":
        fix += f" --user-data-dir {path.parent.parent}"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        return problem(topic, f"{path} ({where}) cannot be read: {e}", fix), None
    data, found = manifests.problems(text, browser, chrome_ids=chrome_ids, firefox_ids=firefox_ids,
                                     windows=machine.os == "windows")
    launcher = None
    if data is not None and isinstance(data.get("path"), str):
        launcher = Path(data["path"])
        if not launcher.is_absolute():
            launcher = path.parent / launcher
        if not launcher.is_file():
            found.append(f"launcher {launcher} does not exist")
        elif machine.os != "windows" and not os.access(launcher, os.X_OK):
            found.append(f"launcher {launcher} is not executable")
        else:
            python = launchers.python_of(launcher.read_text(encoding="utf-8", errors="replace"))
            if not python or not Path(python).is_file():
                found.append(f"launcher runs {python or 'an unknown program'}, which does not exist")
    if found:
        return problem(topic, f"{path} ({where}): " + "; ".join(found), fix), None
    # Started as the browser starts it, with the caller as argument (Windows runs a .bat through cmd.exe itself).
    caller = data["allowed_extensions" if browser.is_firefox else "allowed_origins"][0]
    return ok(topic, f"{path} ({where}) -> {launcher}"), [str(launcher), caller]


def check_browsers(machine: Machine) -> tuple[list[Finding], list[str] | None]:
    """Findings for every registration, and a launcher command to round-trip through."""
    records, findings = _records(machine)
    chrome_ids = sorted({i for r in records for i in r.chrome_ids} | {manifests.CHROME_EXTENSION_ID})
    firefox_ids = sorted({i for r in records for i in r.firefox_ids} | {manifests.FIREFOX_EXTENSION_ID})
    command = None
    registered = _registered(machine, records)
    for browser, where, path in registered:
        finding, cmd = check_manifest(browser, where, path, machine, chrome_ids, firefox_ids)
        findings.append(finding)
        command = command or cmd
    if not registered:
        findings.append(problem("browsers", "the native host is not registered with any browser",
                                f"{_cmd()} install   (or: {_cmd()} install --browser chromium)"))
    registered_keys = {b.key for b, _, _ in registered}
    for browser in detect(machine):
        if browser.key not in registered_keys:
            findings.append(note(browser.title, "installed here, but the host is not registered for it",
                                 f"{_cmd()} install --browser {browser.key}"))
    return findings, command


# --- keyring and port --------------------------------------------------------

def _session_bus() -> bool:
    """Whether a desktop session bus is reachable, which a Secret Service keyring needs
    (libdbus looks at DBUS_SESSION_BUS_ADDRESS, then $XDG_RUNTIME_DIR/bus)."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    return bool(os.environ.get("DBUS_SESSION_BUS_ADDRESS")) or bool(runtime and Path(runtime, "bus").exists())


def check_keyring() -> Finding:
    try:
        from ..token_store import backend_description
        description = backend_description()
    except Exception as e:
        return problem("keyring", f"{type(e).__name__}: {e}",
                       "unset REDLINE_TOKEN_STORE, or start a Secret Service keyring (e.g. gnome-keyring)")
    if description.startswith("OS keyring"):
        return ok("keyring", f"the websocket token is kept in the {description}")
    if os.environ.get("REDLINE_TOKEN_STORE") == "file":
        return note("keyring", f"the websocket token is kept in a {description}")
    if sys.platform.startswith("linux") and not _session_bus():
        # Headless: a keyring daemon would have no session bus to answer on, so it would not help.
        return note("keyring", f"no desktop session bus here (headless?), so no keyring: Redline keeps the "
                               f"websocket token in a {description}. That is expected; nothing to fix")
    return note("keyring", f"the websocket token is kept in a {description}",
                "for the OS keyring, install and unlock a Secret Service keyring (e.g. gnome-keyring)")


def check_command() -> Finding:
    """Whether `redline` typed by name runs this installation."""
    typed = redline_command()
    if typed == "redline":
        return ok("command", f"`redline` on PATH runs this installation ({shutil.which('redline')})")
    found = shutil.which("redline")
    where = f"`redline` on PATH is another installation ({found})" if found else "`redline` is not on PATH"
    return note("command", f"{where}; this one runs as {typed}",
                f"ln -s {typed} ~/.local/bin/redline, with ~/.local/bin on PATH (scripts/quickstart.sh does this)")


def _websocket_port() -> int:
    try:
        from ..transports import websocket_server
        return int(getattr(websocket_server, "DEFAULT_PORT", DEFAULT_WS_PORT))
    except Exception:
        return DEFAULT_WS_PORT


def _is_redline(port: int) -> bool:
    """Whether the program listening on `port` is `redline serve` (its /health
    answers {"service": "redline", ...})."""
    import http.client

    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        conn.request("GET", "/health")
        body = json.loads(conn.getresponse().read(4096))
        conn.close()
    except (OSError, ValueError, http.client.HTTPException):
        return False
    return isinstance(body, dict) and body.get("service") == "redline"


def check_port(port: int | None = None) -> Finding:
    port = port or _websocket_port()
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(1)
        in_use = s.connect_ex(("127.0.0.1", port)) == 0
    if not in_use:
        return ok("websocket port", f"127.0.0.1:{port} is free for `redline serve`")
    if _is_redline(port):
        return ok("websocket port", f"127.0.0.1:{port} is served by a running `redline serve`")
    return problem("websocket port", f"127.0.0.1:{port} is taken by another program",
                   f"stop that program, or run `{_cmd()} serve --port N` and set port N in the extension's options")


# --- all together ------------------------------------------------------------

def run_checks(load_model: bool = True, port: int | None = None, out=None) -> int:
    """Print every finding; exit code 1 when any is a problem."""
    out = out or sys.stdout
    machine = Machine.current()
    print(f"Redline doctor: redline {__version__}, Python {sys.version.split()[0]} at {sys.executable}", file=out)
    problems = 0

    def show(finding: Finding) -> None:
        nonlocal problems
        problems += finding.status == "PROBLEM"
        print(f"  {finding.status:<8} {finding.topic:<15} {finding.detail}", file=out)
        if finding.fix:
            print(f"  {'':<8} {'':<15} fix: {finding.fix}", file=out)
        out.flush()

    model_ok = True
    if load_model:
        for finding in check_model():
            show(finding)
            model_ok = model_ok and finding.status == "OK"
    browser_findings, command = check_browsers(machine)
    for finding in browser_findings:
        show(finding)
    if load_model and model_ok:
        if command:
            show(check_native(command, f"via launcher {command[-2]}"))
        else:
            show(check_native([sys.executable, "-m", "native_host.cli", "native"], "via `redline native`"))
    show(check_keyring())
    show(check_port(port))
    show(check_command())
    print("Everything looks fine." if not problems else
          f"{problems} problem{'s' if problems > 1 else ''} found; each is followed by its fix.", file=out)
    return 1 if problems else 0
