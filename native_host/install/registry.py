"""The Windows registry half of an install: one key per browser whose default
value is the manifest's path. Only ever called on Windows (winreg is imported
inside each function)."""

from __future__ import annotations

from .browsers import RegistryEntry


def _root(entry: RegistryEntry):
    import winreg
    return getattr(winreg, entry.root)


def set_default(entry: RegistryEntry, value: str) -> None:
    import winreg
    with winreg.CreateKeyEx(_root(entry), entry.key, 0, winreg.KEY_WRITE) as key:
        winreg.SetValueEx(key, "", 0, winreg.REG_SZ, value)


def get_default(entry: RegistryEntry) -> str | None:
    """The key's default value, or None when the key does not exist."""
    import winreg
    try:
        with winreg.OpenKey(_root(entry), entry.key, 0, winreg.KEY_READ) as key:
            value, _type = winreg.QueryValueEx(key, "")
            return str(value)
    except FileNotFoundError:
        return None


def delete(entry: RegistryEntry) -> bool:
    """Delete the key (it has no subkeys); False if it was not there."""
    import winreg
    try:
        winreg.DeleteKey(_root(entry), entry.key)
        return True
    except FileNotFoundError:
        return False
