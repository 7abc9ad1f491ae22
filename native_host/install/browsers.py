"""Where each browser looks for a native messaging host, on each OS.

Pure logic: everything is computed from a `Machine` (OS name, home folder,
environment), so the tables can be tested for every OS on any OS. Paths are
`PurePath`s of the target OS; only `installer.py` touches the disk.

Linux and macOS read `<folder>/<host>.json`; a Chromium-family browser's user
folder is `<its user data dir>/NativeMessagingHosts`, so a custom profile
(`--user-data-dir`) has its own. Windows reads the manifest's path from the
default value of a registry key named after the host, under HKCU or HKLM.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePath, PurePosixPath, PureWindowsPath

HOST_NAME = "com.redline.host"  # the name the extension passes to connectNative()
MANIFEST_FILE = f"{HOST_NAME}.json"

OSES = ("linux", "darwin", "windows")


@dataclass(frozen=True)
class Machine:
    """The facts about a computer that the locations depend on."""

    os: str                                   # "linux", "darwin" or "windows"
    home: PurePath
    env: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def current(cls) -> Machine:
        name = {"win32": "windows", "darwin": "darwin"}.get(sys.platform, "linux")
        return cls(name, _pure(name)(os.path.expanduser("~")), dict(os.environ))

    def path(self, *parts: str) -> PurePath:
        return _pure(self.os)(*parts)

    def env_dir(self, name: str, default: PurePath) -> PurePath:
        value = self.env.get(name)
        return self.path(value) if value else default

    # Well-known folders, each with the fallback the OS itself uses.
    def xdg_config(self) -> PurePath:
        return self.env_dir("XDG_CONFIG_HOME", self.home / ".config")

    def xdg_data(self) -> PurePath:
        return self.env_dir("XDG_DATA_HOME", self.home / ".local" / "share")

    def mac_support(self) -> PurePath:
        return self.home / "Library" / "Application Support"

    def local_appdata(self) -> PurePath:
        return self.env_dir("LOCALAPPDATA", self.home / "AppData" / "Local")

    def roaming_appdata(self) -> PurePath:
        return self.env_dir("APPDATA", self.home / "AppData" / "Roaming")

    def program_data(self) -> PurePath:
        return self.env_dir("PROGRAMDATA", self.path("C:\\ProgramData"))


def _pure(os_name: str) -> type[PurePath]:
    return PureWindowsPath if os_name == "windows" else PurePosixPath


@dataclass(frozen=True)
class Browser:
    key: str                  # what --browser takes
    title: str
    family: str               # "chromium" (allowed_origins) or "firefox" (allowed_extensions)
    linux_user: str           # Chromium: user data dir under $XDG_CONFIG_HOME; Firefox: its folder under ~
    linux_system: str         # system-wide manifest folder
    mac_user: str             # under ~/Library/Application Support
    mac_system: str           # system-wide manifest folder
    win_key: str              # registry key under HKCU/HKLM holding one subkey per host
    linux_programs: tuple[str, ...]   # any of these on PATH means it is installed
    mac_app: str              # the app bundle in /Applications
    mac_profile: str          # its profile folder under ~/Library/Application Support
    win_profile: str          # its profile folder under %LOCALAPPDATA% (Chromium) or %APPDATA% (Firefox)

    @property
    def is_firefox(self) -> bool:
        return self.family == "firefox"


BROWSERS: dict[str, Browser] = {b.key: b for b in (
    Browser("chrome", "Google Chrome", "chromium",
            linux_user="google-chrome", linux_system="/etc/opt/chrome/native-messaging-hosts",
            mac_user="Google/Chrome", mac_system="/Library/Google/Chrome/NativeMessagingHosts",
            win_key=r"Software\Google\Chrome\NativeMessagingHosts",
            linux_programs=("google-chrome", "google-chrome-stable"),
            mac_app="Google Chrome.app", mac_profile="Google/Chrome", win_profile=r"Google\Chrome\User Data"),
    Browser("chromium", "Chromium", "chromium",
            linux_user="chromium", linux_system="/etc/chromium/native-messaging-hosts",
            mac_user="Chromium", mac_system="/Library/Application Support/Chromium/NativeMessagingHosts",
            win_key=r"Software\Chromium\NativeMessagingHosts",
            linux_programs=("chromium", "chromium-browser"),
            mac_app="Chromium.app", mac_profile="Chromium", win_profile=r"Chromium\User Data"),
    Browser("edge", "Microsoft Edge", "chromium",
            linux_user="microsoft-edge", linux_system="/etc/opt/edge/native-messaging-hosts",
            mac_user="Microsoft Edge", mac_system="/Library/Microsoft/Edge/NativeMessagingHosts",
            win_key=r"Software\Microsoft\Edge\NativeMessagingHosts",
            linux_programs=("microsoft-edge", "microsoft-edge-stable"),
            mac_app="Microsoft Edge.app", mac_profile="Microsoft Edge", win_profile=r"Microsoft\Edge\User Data"),
    # Brave on Linux reads only Chrome's system folder, and always its own user folder.
    Browser("brave", "Brave", "chromium",
            linux_user="BraveSoftware/Brave-Browser", linux_system="/etc/opt/chrome/native-messaging-hosts",
            mac_user="BraveSoftware/Brave-Browser",
            mac_system="/Library/Application Support/BraveSoftware/Brave-Browser/NativeMessagingHosts",
            win_key=r"Software\BraveSoftware\Brave-Browser\NativeMessagingHosts",
            linux_programs=("brave-browser", "brave"),
            mac_app="Brave Browser.app", mac_profile="BraveSoftware/Brave-Browser",
            win_profile=r"BraveSoftware\Brave-Browser\User Data"),
    Browser("firefox", "Firefox", "firefox",
            linux_user=".mozilla", linux_system="/usr/lib/mozilla/native-messaging-hosts",
            mac_user="Mozilla", mac_system="/Library/Application Support/Mozilla/NativeMessagingHosts",
            win_key=r"Software\Mozilla\NativeMessagingHosts",
            linux_programs=("firefox", "firefox-esr"),
            mac_app="Firefox.app", mac_profile="Firefox", win_profile=r"Mozilla\Firefox"),
)}


@dataclass(frozen=True)
class RegistryEntry:
    """A Windows registry key whose default value is the manifest's path."""

    root: str   # "HKEY_CURRENT_USER" or "HKEY_LOCAL_MACHINE"
    key: str    # e.g. Software\Google\Chrome\NativeMessagingHosts\com.redline.host

    def __str__(self) -> str:
        return f"{self.root}\\{self.key}"


@dataclass(frozen=True)
class Location:
    """Where one browser's manifest goes (and, on Windows, the key naming it)."""

    browser: Browser
    manifest: PurePath
    registry: RegistryEntry | None = None


def location(browser: Browser, machine: Machine, *, system: bool = False,
             user_data_dir: str | None = None) -> Location:
    """The manifest location of `browser`: per user (default), for all users
    (`system`), or for one Chromium profile folder (`user_data_dir`)."""
    if user_data_dir is not None:
        if browser.is_firefox or machine.os == "windows" or system:
            raise ValueError("--user-data-dir applies to a Chromium-family browser on Linux or macOS, "
                             "without --system (Windows and Firefox read one location for all profiles)")
        return Location(browser, machine.path(user_data_dir) / "NativeMessagingHosts" / MANIFEST_FILE)

    if machine.os == "windows":
        # The manifest can live anywhere: ours sit in Redline's own folder, one per browser.
        folder = app_dir(machine, system=system) / "NativeMessagingHosts" / browser.key
        root = "HKEY_LOCAL_MACHINE" if system else "HKEY_CURRENT_USER"
        return Location(browser, folder / MANIFEST_FILE, RegistryEntry(root, f"{browser.win_key}\\{HOST_NAME}"))

    if machine.os == "darwin":
        if system:
            folder = machine.path(browser.mac_system)
        else:
            folder = machine.mac_support() / browser.mac_user / "NativeMessagingHosts"
        return Location(browser, folder / MANIFEST_FILE)

    if system:
        folder = machine.path(browser.linux_system)
    elif browser.is_firefox:
        folder = machine.home / browser.linux_user / "native-messaging-hosts"
    else:
        folder = machine.xdg_config() / browser.linux_user / "NativeMessagingHosts"
    return Location(browser, folder / MANIFEST_FILE)


def app_dir(machine: Machine, *, system: bool = False) -> PurePath:
    """Redline's own folder: the launcher, the install record and (Windows) the manifests."""
    if machine.os == "windows":
        return (machine.program_data() if system else machine.local_appdata()) / "Redline"
    if machine.os == "darwin":
        return machine.path("/Library/Application Support/Redline") if system else machine.mac_support() / "Redline"
    return machine.path("/usr/local/lib/redline") if system else machine.xdg_data() / "redline"


def evidence(browser: Browser, machine: Machine) -> list[PurePath]:
    """Folders whose existence shows that `browser` is installed (or has been used)."""
    if machine.os == "windows":
        base = machine.roaming_appdata() if browser.is_firefox else machine.local_appdata()
        return [base / browser.win_profile]
    if machine.os == "darwin":
        return [machine.path("/Applications") / browser.mac_app, machine.home / "Applications" / browser.mac_app,
                machine.mac_support() / browser.mac_profile]
    if browser.is_firefox:
        return [machine.home / browser.linux_user]
    return [machine.xdg_config() / browser.linux_user]


def detect(machine: Machine, exists=os.path.isdir) -> list[Browser]:
    """The browsers found on `machine`: a profile folder or app bundle exists, or
    (Linux) one of its programs is on PATH."""
    found = []
    for browser in BROWSERS.values():
        on_path = machine.os == "linux" and any(
            shutil.which(program, path=machine.env.get("PATH", "")) for program in browser.linux_programs)
        if on_path or any(exists(str(folder)) for folder in evidence(browser, machine)):
            found.append(browser)
    return found


def resolve(names: list[str] | None, machine: Machine) -> list[Browser]:
    """The browsers named on the command line (`all` for every one), or those found."""
    if not names:
        return detect(machine)
    if "all" in names:
        return list(BROWSERS.values())
    unknown = [n for n in names if n not in BROWSERS]
    if unknown:
        raise ValueError(f"unknown browser {', '.join(unknown)}; choose from {', '.join(BROWSERS)} or all")
    return [BROWSERS[n] for n in dict.fromkeys(names)]
