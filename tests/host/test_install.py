"""`redline install` / `uninstall`: the location table for every browser x OS,
and real installs into a temporary home directory."""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

from native_host.install import launcher, manifests
from native_host.install.browsers import (
    BROWSERS,
    HOST_NAME,
    Machine,
    app_dir,
    detect,
    location,
    resolve,
)
from native_host.install.installer import RECORD_FILE, install, uninstall
from native_host.model_files import default_model_dir

REPO = Path(__file__).resolve().parents[2]
LINUX = Machine("linux", PurePosixPath("/home/ann"), {})
MAC = Machine("darwin", PurePosixPath("/Users/ann"), {})
WIN = Machine("windows", PureWindowsPath(r"C:\Users\ann"),
              {"LOCALAPPDATA": r"C:\Users\ann\AppData\Local", "PROGRAMDATA": r"C:\ProgramData"})
M = "com.redline.host.json"

# --- where each browser reads the manifest: the table is the spec ------------------

LINUX_USER = {
    "chrome": "/home/ann/.config/google-chrome/NativeMessagingHosts",
    "chromium": "/home/ann/.config/chromium/NativeMessagingHosts",
    "edge": "/home/ann/.config/microsoft-edge/NativeMessagingHosts",
    "brave": "/home/ann/.config/BraveSoftware/Brave-Browser/NativeMessagingHosts",
    "firefox": "/home/ann/.mozilla/native-messaging-hosts",
}
LINUX_SYSTEM = {
    "chrome": "/etc/opt/chrome/native-messaging-hosts",
    "chromium": "/etc/chromium/native-messaging-hosts",
    "edge": "/etc/opt/edge/native-messaging-hosts",
    "brave": "/etc/opt/chrome/native-messaging-hosts",  # Brave on Linux reads Chrome's system folder
    "firefox": "/usr/lib/mozilla/native-messaging-hosts",
}
MAC_USER = {
    "chrome": "/Users/ann/Library/Application Support/Google/Chrome/NativeMessagingHosts",
    "chromium": "/Users/ann/Library/Application Support/Chromium/NativeMessagingHosts",
    "edge": "/Users/ann/Library/Application Support/Microsoft Edge/NativeMessagingHosts",
    "brave": "/Users/ann/Library/Application Support/BraveSoftware/Brave-Browser/NativeMessagingHosts",
    "firefox": "/Users/ann/Library/Application Support/Mozilla/NativeMessagingHosts",
}
MAC_SYSTEM = {
    "chrome": "/Library/Google/Chrome/NativeMessagingHosts",
    "chromium": "/Library/Application Support/Chromium/NativeMessagingHosts",
    "edge": "/Library/Microsoft/Edge/NativeMessagingHosts",
    "brave": "/Library/Application Support/BraveSoftware/Brave-Browser/NativeMessagingHosts",
    "firefox": "/Library/Application Support/Mozilla/NativeMessagingHosts",
}
WIN_KEYS = {
    "chrome": r"Software\Google\Chrome\NativeMessagingHosts\com.redline.host",
    "chromium": r"Software\Chromium\NativeMessagingHosts\com.redline.host",
    "edge": r"Software\Microsoft\Edge\NativeMessagingHosts\com.redline.host",
    "brave": r"Software\BraveSoftware\Brave-Browser\NativeMessagingHosts\com.redline.host",
    "firefox": r"Software\Mozilla\NativeMessagingHosts\com.redline.host",
}


def test_the_table_covers_every_browser():
    assert set(BROWSERS) == set(LINUX_USER) == set(MAC_USER) == set(WIN_KEYS)
    assert {"chrome", "chromium", "edge", "brave", "firefox"} == set(BROWSERS)


@pytest.mark.parametrize("key", sorted(BROWSERS))
def test_linux_locations(key):
    user = location(BROWSERS[key], LINUX)
    system = location(BROWSERS[key], LINUX, system=True)
    assert user.manifest == PurePosixPath(LINUX_USER[key], M) and user.registry is None
    assert system.manifest == PurePosixPath(LINUX_SYSTEM[key], M) and system.registry is None


@pytest.mark.parametrize("key", sorted(BROWSERS))
def test_linux_honours_xdg_config_home_for_chromium_browsers_only(key):
    machine = Machine("linux", PurePosixPath("/home/ann"), {"XDG_CONFIG_HOME": "/cfg"})
    want = LINUX_USER[key].replace("/home/ann/.config", "/cfg")  # Firefox keeps ~/.mozilla
    assert location(BROWSERS[key], machine).manifest == PurePosixPath(want, M)


@pytest.mark.parametrize("key", sorted(BROWSERS))
def test_macos_locations(key):
    assert location(BROWSERS[key], MAC).manifest == PurePosixPath(MAC_USER[key], M)
    assert location(BROWSERS[key], MAC, system=True).manifest == PurePosixPath(MAC_SYSTEM[key], M)


@pytest.mark.parametrize("key", sorted(BROWSERS))
def test_windows_registry_keys_and_manifest_files(key):
    user = location(BROWSERS[key], WIN)
    assert (user.registry.root, user.registry.key) == ("HKEY_CURRENT_USER", WIN_KEYS[key])
    assert user.manifest == PureWindowsPath(rf"C:\Users\ann\AppData\Local\Redline\NativeMessagingHosts\{key}\{M}")
    system = location(BROWSERS[key], WIN, system=True)
    assert (system.registry.root, system.registry.key) == ("HKEY_LOCAL_MACHINE", WIN_KEYS[key])
    assert system.manifest == PureWindowsPath(rf"C:\ProgramData\Redline\NativeMessagingHosts\{key}\{M}")
    assert str(user.registry) == rf"HKEY_CURRENT_USER\{WIN_KEYS[key]}"


def test_windows_falls_back_to_the_profile_folders_without_environment():
    machine = Machine("windows", PureWindowsPath(r"C:\Users\bob"), {})
    assert location(BROWSERS["edge"], machine).manifest == PureWindowsPath(
        rf"C:\Users\bob\AppData\Local\Redline\NativeMessagingHosts\edge\{M}")
    assert app_dir(machine, system=True) == PureWindowsPath(r"C:\ProgramData\Redline")


def test_app_dirs():
    assert app_dir(LINUX) == PurePosixPath("/home/ann/.local/share/redline")
    assert app_dir(Machine("linux", PurePosixPath("/home/ann"), {"XDG_DATA_HOME": "/d"})) == PurePosixPath("/d/redline")
    assert app_dir(LINUX, system=True) == PurePosixPath("/usr/local/lib/redline")
    assert app_dir(MAC) == PurePosixPath("/Users/ann/Library/Application Support/Redline")
    assert app_dir(MAC, system=True) == PurePosixPath("/Library/Application Support/Redline")
    assert app_dir(WIN) == PureWindowsPath(r"C:\Users\ann\AppData\Local\Redline")


@pytest.mark.parametrize("machine", [LINUX, MAC], ids=["linux", "macos"])
def test_user_data_dir_is_the_profiles_own_folder(machine):
    loc = location(BROWSERS["chromium"], machine, user_data_dir="/tmp/profile")
    assert loc.manifest == PurePosixPath("/tmp/profile/NativeMessagingHosts", M)


@pytest.mark.parametrize("browser,machine,system", [("firefox", LINUX, False), ("chrome", WIN, False),
                                                    ("chrome", LINUX, True)])
def test_user_data_dir_is_refused_where_browsers_ignore_it(browser, machine, system):
    with pytest.raises(ValueError, match="--user-data-dir"):
        location(BROWSERS[browser], machine, system=system, user_data_dir="/tmp/profile")


# --- which browsers are "found" ------------------------------------------------

def test_detect_on_linux_by_profile_folder_or_program_on_path(tmp_path):
    (tmp_path / ".config" / "chromium").mkdir(parents=True)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "firefox-esr").write_text("#!/bin/sh\n")
    (bin_dir / "firefox-esr").chmod(0o755)
    machine = Machine("linux", PurePosixPath(tmp_path), {"PATH": str(bin_dir)})
    assert [b.key for b in detect(machine)] == ["chromium", "firefox"]
    assert detect(Machine("linux", PurePosixPath(tmp_path / "nobody"), {"PATH": ""})) == []


def test_detect_on_macos_by_app_bundle_or_profile(tmp_path):
    (tmp_path / "Applications" / "Brave Browser.app").mkdir(parents=True)
    (tmp_path / "Library" / "Application Support" / "Google" / "Chrome").mkdir(parents=True)
    machine = Machine("darwin", PurePosixPath(tmp_path), {})
    found = [b.key for b in detect(machine, exists=lambda p: p.startswith(str(tmp_path)) and os.path.isdir(p))]
    assert found == ["chrome", "brave"]


def test_detect_on_windows_by_profile_folder():
    present = {r"C:\Users\ann\AppData\Local\Microsoft\Edge\User Data", r"C:\Users\ann\AppData\Roaming\Mozilla\Firefox"}
    machine = Machine("windows", WIN.home, {**WIN.env, "APPDATA": r"C:\Users\ann\AppData\Roaming"})
    assert [b.key for b in detect(machine, exists=present.__contains__)] == ["edge", "firefox"]


def test_resolve_names():
    assert [b.key for b in resolve(["firefox", "chrome", "firefox"], LINUX)] == ["firefox", "chrome"]
    assert len(resolve(["all"], LINUX)) == len(BROWSERS)
    with pytest.raises(ValueError, match="unknown browser opera"):
        resolve(["opera"], LINUX)


# --- manifests and launchers ---------------------------------------------------

def test_manifest_contents():
    launcher_path = PurePosixPath("/home/ann/.local/share/redline/redline-host")
    chrome = manifests.build(BROWSERS["edge"], launcher_path, ["a" * 32], ["x@y.z"])
    assert chrome == {"name": HOST_NAME, "description": manifests.DESCRIPTION, "path": str(launcher_path),
                      "type": "stdio", "allowed_origins": [f"chrome-extension://{'a' * 32}/"]}
    firefox = manifests.build(BROWSERS["firefox"], launcher_path, ["a" * 32], ["x@y.z"])
    assert firefox["allowed_extensions"] == ["x@y.z"] and "allowed_origins" not in firefox


def test_extension_ids_are_sorted_by_kind_with_shipped_defaults():
    assert manifests.split_extension_ids(None) == ([manifests.CHROME_EXTENSION_ID], [manifests.FIREFOX_EXTENSION_ID])
    dev = "abcdefghijklmnopabcdefghijklmnop"
    assert manifests.split_extension_ids([f"chrome-extension://{dev}/", "{12345678-1234-1234-1234-123456789abc}"]) == (
        [dev], ["{12345678-1234-1234-1234-123456789abc}"])
    with pytest.raises(ValueError, match="neither"):
        manifests.split_extension_ids(["not an id"])


def test_shipped_ids_match_the_extension_manifest():
    ext = REPO / "extension" / "manifest.json"
    data = json.loads(ext.read_text())
    assert "key" in data, "extension/manifest.json needs a `key` so the extension id is fixed"
    assert manifests.chrome_extension_id_from_key(data["key"]) == manifests.CHROME_EXTENSION_ID
    id_file = REPO / "extension" / "EXTENSION_ID"
    if id_file.exists():
        assert id_file.read_text().strip() == manifests.CHROME_EXTENSION_ID
    gecko = data.get("browser_specific_settings", {}).get("gecko", {}).get("id", manifests.FIREFOX_EXTENSION_ID)
    assert gecko == manifests.FIREFOX_EXTENSION_ID


def test_posix_launcher_quotes_the_python_path(tmp_path):
    odd = tmp_path / "it's a venv" / "bin" / "python"
    text = launcher.render("linux", odd)
    assert text.startswith("#!/bin/sh\n") and 'native_host.cli native "$@"' in text
    assert launcher.python_of(text) == str(odd)
    script = tmp_path / "redline-host"  # the shell really reads the quoted path back
    script.write_text(text.replace(" -m native_host.cli native", ""))
    script.chmod(0o755)
    odd.parent.mkdir(parents=True)
    odd.write_text('#!/bin/sh\necho "ran with: $*"\n')
    odd.chmod(0o755)
    out = subprocess.run([str(script), "chrome-extension://x/"], capture_output=True, text=True, check=True)
    assert out.stdout == "ran with: chrome-extension://x/\n"


def test_windows_launcher_is_a_crlf_batch_file():
    text = launcher.render("windows", r"C:\Users\a%b\venv\Scripts\python.exe")
    lines = text.split("\r\n")
    assert lines[0] == "@echo off" and lines[-1] == "" and "\n" not in text.replace("\r\n", "")
    assert r'"C:\Users\a%%b\venv\Scripts\python.exe" -m native_host.cli native %*' in lines
    assert launcher.python_of(text) == r"C:\Users\a%b\venv\Scripts\python.exe"
    with pytest.raises(ValueError):
        launcher.render("windows", 'C:\\a"b\\python.exe')


# --- real installs into a temporary home ----------------------------------------

def tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


def run_redline(home: Path, *args: str, path: str = "") -> subprocess.CompletedProcess:
    """`redline ARGS` as a user whose home is `home`, with only `path` on PATH."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(HOME=str(home), PATH=path)
    return subprocess.run([sys.executable, "-m", "native_host.cli", *args], env=env, capture_output=True,
                          text=True, timeout=120)


def test_install_and_uninstall_for_real(tmp_path):
    home = tmp_path / "home"
    (home / ".config" / "chromium").mkdir(parents=True)  # a Chromium profile that must survive uninstall
    (home / ".config" / "chromium" / "Local State").write_text("{}")
    before = tree(home)

    first = run_redline(home, "install", "--browser", "chromium", "--browser", "firefox")
    assert first.returncode == 0, first.stderr
    chromium = home / ".config/chromium/NativeMessagingHosts" / M
    firefox = home / ".mozilla/native-messaging-hosts" / M
    host = home / ".local/share/redline/redline-host"
    for path in (chromium, firefox, host):
        assert str(path) in first.stdout  # it reports what it wrote where
    assert os.access(host, os.X_OK) and launcher.python_of(host.read_text()) == sys.executable
    c, f = json.loads(chromium.read_text()), json.loads(firefox.read_text())
    assert c["path"] == f["path"] == str(host) and c["type"] == "stdio" and c["name"] == HOST_NAME
    assert c["allowed_origins"] == [f"chrome-extension://{manifests.CHROME_EXTENSION_ID}/"]
    assert f["allowed_extensions"] == [manifests.FIREFOX_EXTENSION_ID]

    installed = tree(home)
    again = run_redline(home, "install", "--browser", "chromium", "--browser", "firefox")
    assert again.returncode == 0 and "wrote" not in again.stdout and tree(home) == installed

    gone = run_redline(home, "uninstall")
    assert gone.returncode == 0, gone.stderr
    assert str(chromium) in gone.stdout and str(firefox) in gone.stdout
    assert tree(home) == before  # exactly what install wrote, folders it made included
    assert "Nothing to remove" in run_redline(home, "uninstall").stdout


def test_install_defaults_to_the_browsers_found(tmp_path):
    home = tmp_path / "home"
    (home / ".mozilla").mkdir(parents=True)
    done = run_redline(home, "install")
    assert done.returncode == 0, done.stderr
    assert "Firefox" in done.stdout and "Chromium" not in done.stdout
    assert (home / ".mozilla/native-messaging-hosts" / M).is_file()
    assert not (home / ".config").exists()


def test_install_with_no_browser_found_says_what_to_do(tmp_path):
    done = run_redline(tmp_path, "install")
    assert done.returncode == 1 and "--browser chromium" in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_install_with_a_custom_extension_id(tmp_path):
    dev = "abcdefghijklmnopabcdefghijklmnop"
    done = run_redline(tmp_path, "install", "--browser", "brave", "--extension-id", dev)
    assert done.returncode == 0, done.stderr
    data = json.loads((tmp_path / ".config/BraveSoftware/Brave-Browser/NativeMessagingHosts" / M).read_text())
    assert data["allowed_origins"] == [f"chrome-extension://{dev}/"]
    bad = run_redline(tmp_path, "install", "--browser", "brave", "--extension-id", "nope")
    assert bad.returncode == 1 and "neither a Chromium extension id" in bad.stderr


def test_uninstall_one_browser_keeps_the_rest(tmp_path):
    assert run_redline(tmp_path, "install", "--browser", "all").returncode == 0
    assert run_redline(tmp_path, "uninstall", "--browser", "edge").returncode == 0
    assert not (tmp_path / ".config/microsoft-edge").exists()
    assert (tmp_path / ".config/google-chrome/NativeMessagingHosts" / M).is_file()
    assert (tmp_path / ".local/share/redline/redline-host").is_file()
    record = json.loads((tmp_path / ".local/share/redline" / RECORD_FILE).read_text())
    assert sorted(e["browser"] for e in record["entries"]) == ["brave", "chrome", "chromium", "firefox"]
    assert run_redline(tmp_path, "uninstall").returncode == 0
    assert list(tmp_path.iterdir()) == []


def test_profile_folder_install_and_a_shared_manifest(tmp_path):
    profile = tmp_path / "profile"
    machine = Machine("linux", PurePosixPath(tmp_path / "home"), {})
    both = [BROWSERS["chrome"], BROWSERS["chromium"]]
    install(machine, both, user_data_dir=str(profile))
    manifest = profile / "NativeMessagingHosts" / M
    assert json.loads(manifest.read_text())["name"] == HOST_NAME
    uninstall(machine, [BROWSERS["chrome"]], user_data_dir=str(profile))
    assert manifest.is_file()  # Chromium still reads the same file
    uninstall(machine, None)
    assert not profile.exists() and not (tmp_path / "home").exists()


def test_macos_layout_installs_for_real_under_a_temporary_home(tmp_path):
    machine = Machine("darwin", PurePosixPath(tmp_path), {})
    lines = install(machine, [BROWSERS["chrome"], BROWSERS["firefox"]])
    support = tmp_path / "Library" / "Application Support"
    assert (support / "Google/Chrome/NativeMessagingHosts" / M).is_file()
    assert (support / "Mozilla/NativeMessagingHosts" / M).is_file()
    assert (support / "Redline" / "redline-host").is_file() and len(lines) == 3
    uninstall(machine)
    assert list(tmp_path.iterdir()) == []


def test_uninstall_finds_our_manifest_without_a_record(tmp_path):
    machine = Machine("linux", PurePosixPath(tmp_path), {})
    install(machine, [BROWSERS["chromium"]])
    (tmp_path / ".local/share/redline" / RECORD_FILE).unlink()
    foreign = tmp_path / ".mozilla/native-messaging-hosts" / M  # someone else's file of the same name
    foreign.parent.mkdir(parents=True)
    foreign.write_text(json.dumps({"name": HOST_NAME, "path": "/opt/other/host"}))
    lines = uninstall(machine)
    assert any("Chromium" in line for line in lines)
    assert not (tmp_path / ".config/chromium/NativeMessagingHosts" / M).exists()
    assert foreign.is_file()


def test_system_install_without_rights_is_a_clear_error(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root may write the system folders")
    done = run_redline(tmp_path, "install", "--browser", "chromium", "--system")
    assert done.returncode == 1 and "permission denied" in done.stderr


# --- the installed launcher really starts the host --------------------------------

def frame(msg: dict) -> bytes:
    data = json.dumps(msg).encode()
    return struct.pack("=I", len(data)) + data


def test_installed_launcher_answers_a_native_messaging_hello(tmp_path):
    default_model_dir()  # the shipped model is part of the repository: its absence is a failure
    assert run_redline(tmp_path, "install", "--browser", "chromium").returncode == 0
    manifest = json.loads((tmp_path / ".config/chromium/NativeMessagingHosts" / M).read_text())
    origin = manifest["allowed_origins"][0]
    # Started the way Chromium starts it: the manifest's path, the caller's origin as argument.
    proc = subprocess.run([manifest["path"], origin], input=frame({"id": 1, "type": "hello", "protocol": 1}),
                          capture_output=True, timeout=60, env={**os.environ, "HOME": str(tmp_path)})
    (size,) = struct.unpack("=I", proc.stdout[:4])
    reply = json.loads(proc.stdout[4:4 + size])
    assert reply["type"] == "hello" and reply["id"] == 1 and reply["transport"] == "native", proc.stderr
