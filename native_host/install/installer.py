"""`install` and `uninstall`: write and remove the launcher, the manifests and
(Windows) the registry keys, keeping a record so uninstall removes exactly what
install wrote, folders it had to create included. Both are idempotent."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from . import launcher as launchers
from . import manifests, registry
from .browsers import (
    BROWSERS,
    HOST_NAME,
    Browser,
    Location,
    Machine,
    RegistryEntry,
    app_dir,
    location,
)

RECORD_FILE = "installed.json"


@dataclass
class Entry:
    browser: str
    manifest: str
    registry: str | None = None   # "ROOT\\key", Windows only


@dataclass
class Record:
    """What an install wrote, kept as installed.json next to the launcher."""

    launcher: str = ""
    python: str = ""
    chrome_ids: list[str] = field(default_factory=list)
    firefox_ids: list[str] = field(default_factory=list)
    created: list[str] = field(default_factory=list)   # folders install made (removed once empty)
    entries: list[Entry] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path) -> Record | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            data["entries"] = [Entry(**e) for e in data.get("entries", [])]
            return cls(**data)
        except FileNotFoundError:
            return None
        except (ValueError, TypeError) as e:
            raise InstallError(f"{path} is damaged ({e}); delete it and run `redline install` again") from e

    def save(self, path: Path) -> None:
        data = dict(self.__dict__, entries=[e.__dict__ for e in self.entries])
        path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


class InstallError(Exception):
    """A problem the user can fix; the message says how."""


def _disk(path: PurePath) -> Path:
    return Path(path)


def _make_dirs(folder: Path) -> list[str]:
    """mkdir -p that returns the folders it created, outermost first."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for f in reversed(missing):
        f.mkdir()
    return [str(f) for f in reversed(missing)]


def _write_if_changed(path: Path, text: str, mode: int) -> bool:
    data = text.encode("utf-8")
    changed = not path.is_file() or path.read_bytes() != data
    if changed:
        path.write_bytes(data)
    path.chmod(mode)
    return changed


def _remove_empty(folders: list[str]) -> list[str]:
    """Remove those of `folders` that are empty, deepest first; return the rest."""
    kept = []
    for folder in sorted(set(folders), key=lambda f: len(Path(f).parts), reverse=True):
        try:
            Path(folder).rmdir()
        except FileNotFoundError:
            pass
        except OSError:  # not empty: a manifest still uses it, or the browser keeps its profile there
            kept.append(folder)
    return sorted(kept, key=lambda f: len(Path(f).parts))


def _permission_error(e: PermissionError, system: bool) -> InstallError:
    hint = "run it as administrator / with sudo" if system else "check that you own that folder"
    return InstallError(f"cannot write {e.filename}: permission denied; {hint}")


def install(machine: Machine, browsers: list[Browser], *, system: bool = False, user_data_dir: str | None = None,
            extension_ids: list[str] | None = None, python: str = sys.executable) -> list[str]:
    """Register the host for `browsers`; returns the report lines."""
    chrome_ids, firefox_ids = manifests.split_extension_ids(extension_ids)
    locations = [location(b, machine, system=system, user_data_dir=user_data_dir) for b in browsers]
    home = _disk(app_dir(machine, system=system))
    record_path = home / RECORD_FILE
    try:
        record = Record.load(record_path) or Record()
        record.created += _make_dirs(home)
        launcher = home / launchers.launcher_name(machine.os)
        changed = _write_if_changed(launcher, launchers.render(machine.os, python), 0o755)
        report = [f"{'wrote' if changed else 'kept '} {'launcher':<15} {launcher}  (runs {python})"]
        record.launcher, record.python = str(launcher), python
        record.chrome_ids, record.firefox_ids = chrome_ids, firefox_ids
        for loc in locations:
            report += _install_one(loc, launcher, chrome_ids, firefox_ids, record)
        record.save(record_path)
    except PermissionError as e:
        raise _permission_error(e, system) from e
    return report


def _install_one(loc: Location, launcher: Path, chrome_ids, firefox_ids, record: Record) -> list[str]:
    path = _disk(loc.manifest)
    record.created += _make_dirs(path.parent)
    text = manifests.dumps(manifests.build(loc.browser, launcher, chrome_ids, firefox_ids))
    changed = _write_if_changed(path, text, 0o644)
    lines = [f"{'wrote' if changed else 'kept '} {loc.browser.title:<15} {path}"]
    if loc.registry:
        registry.set_default(loc.registry, str(path))
        lines.append(f"      {'':<15} registry {loc.registry} = {path}")
    old = next((e for e in record.entries if (e.browser, e.manifest) == (loc.browser.key, str(path))), None)
    if old:
        old.registry = str(loc.registry) if loc.registry else None
    else:
        record.entries.append(Entry(loc.browser.key, str(path), str(loc.registry) if loc.registry else None))
    return lines


def uninstall(machine: Machine, browsers: list[Browser] | None = None, *, system: bool = False,
              user_data_dir: str | None = None) -> list[str]:
    """Remove what install wrote for `browsers` (all when None); returns the report lines."""
    home = _disk(app_dir(machine, system=system))
    record_path = home / RECORD_FILE
    record = Record.load(record_path) or Record()
    launcher = Path(record.launcher) if record.launcher else home / launchers.launcher_name(machine.os)
    keys = [b.key for b in browsers] if browsers is not None else list(BROWSERS)
    doomed = [e for e in record.entries if e.browser in keys]
    # Also our manifests at the standard places that the record does not know (an older install).
    for key in keys:
        if user_data_dir is not None and BROWSERS[key].is_firefox:
            continue
        loc = location(BROWSERS[key], machine, system=system, user_data_dir=user_data_dir)
        known = any(e.browser == key and e.manifest == str(loc.manifest) for e in doomed)
        if not known and _points_at(_disk(loc.manifest), launcher):
            doomed.append(Entry(key, str(loc.manifest), str(loc.registry) if loc.registry else None))
    if user_data_dir is not None:  # only that profile's manifests
        doomed = [e for e in doomed if Path(e.manifest).parent.parent == Path(user_data_dir)]
    remaining = [e for e in record.entries if e not in doomed]
    report = []
    try:
        for entry in doomed:
            report += _uninstall_one(entry, still_used={e.manifest for e in remaining})
        if not remaining:
            if launcher.is_file():
                launcher.unlink()
                report.append(f"removed {'launcher':<15} {launcher}")
            record_path.unlink(missing_ok=True)
        record.created = _remove_empty(record.created)
        record.entries = remaining
        if remaining:
            record.save(record_path)
    except PermissionError as e:
        raise _permission_error(e, system) from e
    return report


def _uninstall_one(entry: Entry, still_used: set[str]) -> list[str]:
    title = BROWSERS[entry.browser].title
    lines = []
    if entry.registry:
        reg = _registry_entry(entry.registry)
        if registry.get_default(reg) == entry.manifest and registry.delete(reg):
            lines.append(f"removed {title:<15} registry {reg}")
    path = Path(entry.manifest)
    if entry.manifest not in still_used and path.is_file():
        path.unlink()
        lines.append(f"removed {title:<15} {path}")
    return lines


def _registry_entry(text: str) -> RegistryEntry:
    root, _, key = text.partition("\\")
    return RegistryEntry(root, key)


def _points_at(manifest: Path, launcher: Path) -> bool:
    """Whether `manifest` is ours: a Redline manifest naming our launcher."""
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (isinstance(data, dict) and data.get("name") == HOST_NAME
            and os.path.normpath(str(data.get("path", ""))) == os.path.normpath(str(launcher)))
