"""The websocket pairing token: made on first use, kept in the OS keyring.

Where no keyring backend works (headless Linux, no Secret Service), the token
lives in `<config dir>/token`, readable by the user only. Every create or
rotate also touches `<config dir>/token.changed` (no secret in it), so a
running `redline serve` notices a rotation with one cheap stat and drops the
connections that used the old token.

Overrides, for tests and unusual setups:
  REDLINE_CONFIG_DIR       the config directory
  REDLINE_KEYRING_SERVICE  the keyring service name (default "redline")
  REDLINE_TOKEN_STORE      "keyring", "file" or "auto" (default)
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import time
from pathlib import Path

KEYRING_USER = "websocket-token"


def config_dir() -> Path:
    if override := os.environ.get("REDLINE_CONFIG_DIR"):
        return Path(override)
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming") / "redline"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "redline"
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "redline"


def keyring_service() -> str:
    return os.environ.get("REDLINE_KEYRING_SERVICE") or "redline"


def _token_file() -> Path:
    return config_dir() / "token"


def stamp_file() -> Path:
    return config_dir() / "token.changed"


def _new_token() -> str:
    return secrets.token_urlsafe(32)


def _keyring():
    """The keyring module if a real backend answers here, else (None, why)."""
    mode = os.environ.get("REDLINE_TOKEN_STORE", "auto")
    if mode == "file":
        return None, "REDLINE_TOKEN_STORE=file"
    try:
        import keyring  # imported late: it scans backends, which `redline native` never needs
        from keyring.backends import fail
        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 0) <= 0:
            raise RuntimeError("no keyring backend is available")
        keyring.get_password(keyring_service(), KEYRING_USER)  # a locked or absent daemon fails here
        return keyring, None
    except Exception as e:
        if mode == "keyring":
            raise RuntimeError(f"REDLINE_TOKEN_STORE=keyring but the keyring does not work: {e}") from e
        return None, f"{type(e).__name__}: {e}"


def _ensure_dir() -> None:
    config_dir().mkdir(parents=True, exist_ok=True, mode=0o700)


def _write_private(path: Path, text: str) -> None:
    """Atomically replace `path` with a file only the user can read."""
    _ensure_dir()
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, text.encode())
    finally:
        os.close(fd)
    os.replace(tmp, path)


def _read_file_token() -> str | None:
    path = _token_file()
    try:
        if sys.platform != "win32" and path.stat().st_mode & 0o077:
            path.chmod(0o600)  # someone loosened it; the token is a secret
        token = path.read_text().strip()
    except FileNotFoundError:
        return None
    return token or None


def _touch_stamp() -> None:
    # os.replace gives the stamp a new inode, so even a coarse mtime can't hide a change.
    _write_private(stamp_file(), f"{time.time()}\n")


def get_token() -> str:
    """The current token, created on first use."""
    kr, _ = _keyring()
    if kr is not None:
        token = kr.get_password(keyring_service(), KEYRING_USER)
        if token:
            return token
        token = _read_file_token() or _new_token()  # adopt a token made while no keyring worked
        kr.set_password(keyring_service(), KEYRING_USER, token)
        _token_file().unlink(missing_ok=True)
    else:
        token = _read_file_token()
        if token:
            return token
        token = _new_token()
        _write_private(_token_file(), token + "\n")
    _touch_stamp()
    return token


def rotate_token() -> str:
    """Replace the token. A running server drops connections made with the old one."""
    token = _new_token()
    kr, _ = _keyring()
    if kr is not None:
        kr.set_password(keyring_service(), KEYRING_USER, token)
    else:
        _write_private(_token_file(), token + "\n")
    _touch_stamp()
    return token


def stamp() -> tuple[int, int] | None:
    """Changes whenever the token may have changed; cheap enough to call per connection."""
    try:
        st = stamp_file().stat()
    except FileNotFoundError:
        return None
    return (st.st_mtime_ns, st.st_ino)


def backend_description() -> str:
    """Which store holds the token, for `redline doctor`."""
    kr, why = _keyring()
    if kr is not None:
        backend = kr.get_keyring()
        return f"OS keyring ({type(backend).__module__}.{type(backend).__name__}, service '{keyring_service()}')"
    return f"file {_token_file()} (readable by this user only; no keyring: {why})"


def _run(args: argparse.Namespace) -> int:
    try:
        token = rotate_token() if args.rotate else get_token()
    except (RuntimeError, OSError) as e:  # a forced keyring that fails, an unwritable config dir
        print(f"redline token: {e}", file=sys.stderr)
        return 1
    print(token)
    print(f"stored in: {backend_description()}", file=sys.stderr)
    if args.rotate:
        print("A running `redline serve` drops connections that used the old token; "
              "paste the new one into the extension's options.", file=sys.stderr)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("token", help="print the websocket pairing token (created on first use)")
    p.add_argument("--rotate", action="store_true", help="replace the token and drop connections that used the old one")
    p.set_defaults(func=_run)
