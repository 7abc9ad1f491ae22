"""`redline doctor`, run as a user would, against real installs in a temporary
home that are then broken in the ways a user's can be."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from native_host.install.launcher import python_of
from native_host.model_files import default_model_dir
from tests.host.redline_cli import REDLINE

M = "com.redline.host.json"
CHROMIUM = ".config/chromium/NativeMessagingHosts/" + M
FIREFOX = ".mozilla/native-messaging-hosts/" + M
LAUNCHER = ".local/share/redline/redline-host"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


CMD = str(REDLINE)  # how the fixes name `redline` when it is not on PATH


def redline(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """`redline ARGS` (the console script) for a user whose home is `home`; nothing on PATH
    unless `env` says so (so no browser, and `redline` not by name)."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("XDG_") and not k.startswith("REDLINE_")}
    return subprocess.run([CMD, *args], check=False, capture_output=True, text=True,
                          timeout=300, env={**base, "HOME": str(home), "PATH": "", **env})


def doctor(home: Path, *args: str, **env: str) -> tuple[int, dict[str, list[str]]]:
    """Exit code, and the doctor's lines by status (each PROBLEM line followed by its fix)."""
    done = redline(home, "doctor", "--port", str(free_port()), *args, **env)
    lines: dict[str, list[str]] = {"OK": [], "PROBLEM": [], "NOTE": [], "fix": []}
    for line in done.stdout.splitlines():
        word = line.split()[0] if line.strip() else ""
        if word in lines:
            lines[word].append(line)
        elif word == "fix:":
            lines["fix"].append(line.strip())
    return done.returncode, lines


@pytest.fixture
def home(tmp_path: Path) -> Path:
    done = redline(tmp_path, "install", "--browser", "chromium", "--browser", "firefox")
    assert done.returncode == 0, done.stderr
    return tmp_path


def test_a_good_install_is_all_ok(home):
    rc, lines = doctor(home, "--skip-model")
    assert rc == 0, lines
    assert any("Chromium" in line and str(home / CHROMIUM) in line for line in lines["OK"])
    assert any("Firefox" in line and str(home / FIREFOX) in line for line in lines["OK"])
    assert any("websocket port" in line for line in lines["OK"])
    assert lines["PROBLEM"] == []


@pytest.mark.parametrize("damage,expected", [
    (lambda h: (h / CHROMIUM).write_text("{not json"), "is not valid JSON"),
    (lambda h: (h / LAUNCHER).unlink(), "does not exist"),
    (lambda h: (h / LAUNCHER).chmod(0o644), "is not executable"),
    (lambda h: (h / CHROMIUM).write_text(json.dumps(
        {**json.loads((h / CHROMIUM).read_text()), "allowed_origins": ["chrome-extension://" + "a" * 32 + "/"]})),
     "allowed_origins does not name the Redline extension"),
    (lambda h: (h / LAUNCHER).write_text((h / LAUNCHER).read_text().replace(python_of((h / LAUNCHER).read_text()),
                                                                             "/nowhere/python")),
     "/nowhere/python, which does not exist"),
], ids=["bad-json", "no-launcher", "not-executable", "wrong-extension", "python-gone"])
def test_each_broken_install_is_a_problem_with_its_fix(home, damage, expected):
    damage(home)
    rc, lines = doctor(home, "--skip-model")
    assert rc == 1
    problem = [line for line in lines["PROBLEM"] if expected in line]
    assert problem and "Chromium" in problem[0], lines
    assert f"fix: {CMD} install --browser chromium" in lines["fix"]


def test_nothing_registered_says_to_install(tmp_path):
    (tmp_path / ".config" / "google-chrome").mkdir(parents=True)  # Chrome is here, without our host
    rc, lines = doctor(tmp_path, "--skip-model")
    assert rc == 1
    assert any("not registered with any browser" in line for line in lines["PROBLEM"])
    assert any(line.startswith(f"fix: {CMD} install") for line in lines["fix"])
    assert any("Google Chrome" in line for line in lines["NOTE"])


def test_a_port_taken_by_another_program_is_a_problem(home):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        done = redline(home, "doctor", "--skip-model", "--port", str(port))
    assert done.returncode == 1
    assert f"127.0.0.1:{port} is taken by another program" in done.stdout and "redline serve --port" in done.stdout


def test_a_port_held_by_redline_serve_is_fine(home):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    server = subprocess.Popen([sys.executable, "-m", "native_host.cli", "serve", "--port", str(port)],
                              env={**env, "HOME": str(home), "REDLINE_TOKEN_STORE": "file"},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1).read()
                break
            except OSError:
                time.sleep(0.2)
        done = redline(home, "doctor", "--skip-model", "--port", str(port))
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert f"127.0.0.1:{port} is served by a running `redline serve`" in done.stdout, done.stdout


def test_keyring_backend_is_reported(home):
    _, lines = doctor(home, "--skip-model", REDLINE_TOKEN_STORE="file")
    assert any("keyring" in line and "file" in line for line in lines["NOTE"])
    rc, lines = doctor(home, "--skip-model", REDLINE_TOKEN_STORE="keyring",
                       PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    assert rc == 1 and any("keyring" in line for line in lines["PROBLEM"])


def test_keyring_ok_where_a_real_keyring_works(home):
    from native_host import token_store

    if token_store._keyring()[0] is None:
        pytest.skip("no working OS keyring here (scripts/test.sh provides one)")
    _, lines = doctor(home, "--skip-model")
    assert any("keyring" in line and "OS keyring" in line for line in lines["OK"])


def test_a_missing_model_is_a_problem(home, tmp_path_factory):
    empty = tmp_path_factory.mktemp("no-model")
    rc, lines = doctor(home, REDLINE_MODEL_DIR=str(empty))
    assert rc == 1
    assert any("model" in line and "encoder.onnx" in line for line in lines["PROBLEM"])
    assert any("REDLINE_MODEL_DIR" in line for line in lines["fix"])


def test_full_doctor_round_trips_the_sample_through_the_launcher(home):
    default_model_dir()  # the shipped model is part of the repository: its absence is a failure
    rc, lines = doctor(home, REDLINE_TOKEN_STORE="file")
    assert rc == 0, lines
    assert any("sample check" in line and "suggestions" in line for line in lines["OK"])
    assert any("native host" in line and str(home / LAUNCHER) in line and "round-tripped" in line
               for line in lines["OK"])


def test_a_broken_profile_install_names_its_profile_in_the_fix(tmp_path):
    profile = tmp_path / "profile"
    assert redline(tmp_path, "install", "--browser", "chromium", "--user-data-dir", str(profile)).returncode == 0
    (profile / "NativeMessagingHosts" / M).write_text("[]")
    rc, lines = doctor(tmp_path, "--skip-model")
    assert rc == 1 and any("is not a JSON object" in line for line in lines["PROBLEM"])
    assert f"fix: {CMD} install --browser chromium --user-data-dir {profile}" in lines["fix"]


def test_a_damaged_install_record_is_a_problem(home):
    (home / ".local/share/redline/installed.json").write_text("{oops")
    rc, lines = doctor(home, "--skip-model")
    assert rc == 1 and any("install record" in line and "damaged" in line for line in lines["PROBLEM"])


def test_fixes_name_the_command_that_works(home, tmp_path_factory):
    (home / CHROMIUM).write_text("{not json")
    # `redline` not on PATH: the fixes give its full path, and a note says how to get it by name.
    _, lines = doctor(home, "--skip-model")
    assert f"fix: {CMD} install --browser chromium" in lines["fix"]
    assert any("command" in line and "`redline` is not on PATH" in line for line in lines["NOTE"])
    # On PATH (as scripts/quickstart.sh leaves it): the bare name.
    bin_dir = tmp_path_factory.mktemp("bin")
    (bin_dir / "redline").symlink_to(REDLINE)
    _, lines = doctor(home, "--skip-model", PATH=str(bin_dir))
    assert "fix: redline install --browser chromium" in lines["fix"]
    assert any("command" in line and "runs this installation" in line for line in lines["OK"])
    # Another installation's `redline` first on PATH: still the full path of this one.
    other = tmp_path_factory.mktemp("other")
    (other / "redline").write_text("#!/bin/sh\nexit 3\n")
    (other / "redline").chmod(0o755)
    _, lines = doctor(home, "--skip-model", PATH=f"{other}:{bin_dir}")
    assert f"fix: {CMD} install --browser chromium" in lines["fix"]
    assert any("another installation" in line for line in lines["NOTE"])


def test_headless_keyring_says_the_token_is_in_a_file_and_where(home):
    no_keyring = {"REDLINE_TOKEN_STORE": "auto", "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
                  "REDLINE_CONFIG_DIR": str(home / "cfg")}
    done = redline(home, "doctor", "--skip-model", "--port", str(free_port()), DBUS_SESSION_BUS_ADDRESS="",
                   **no_keyring)
    assert done.returncode == 0, done.stdout
    line = next(x for x in done.stdout.splitlines() if x.split()[1:2] == ["keyring"])
    assert "NOTE" in line and "no desktop session bus" in line and str(home / "cfg" / "token") in line
    assert "gnome-keyring" not in done.stdout  # installing one would not help without a session bus
    # With a session bus, a keyring would work: then the fix says how.
    with_bus = redline(home, "doctor", "--skip-model", "--port", str(free_port()),
                       DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent/bus", **no_keyring)
    assert "gnome-keyring" in with_bus.stdout and str(home / "cfg" / "token") in with_bus.stdout
