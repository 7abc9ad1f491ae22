"""Who may talk to `redline serve`: the checks made before a websocket opens.

Any web page can ask a browser to open ws://127.0.0.1, and a page on a domain
that resolves to 127.0.0.1 (DNS rebinding) can even make it look same-origin.
So a connection needs all three: a loopback `Host`, an extension `Origin` from
the allowlist, and the pairing token (token_store). Pure functions, no I/O
except reading the allowlist file.
"""

from __future__ import annotations

import hmac
import os
import re
from collections.abc import Iterable

from .errors import RedlineError
from .token_store import config_dir

LISTEN_ADDRESSES = ("127.0.0.1", "::1")   # never a wildcard or a LAN address
_LOOPBACK_NAMES = {"127.0.0.1", "localhost", "::1"}
_ORIGIN_PATTERNS = (
    re.compile(r"chrome-extension://[a-p]{32}"),        # Chrome, Edge, Brave: 32 letters a-p
    # Firefox: a UUID of each install's own
    re.compile(r"moz-extension://[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
)
ALLOWLIST_FILE = "allowed_origins"         # in the config dir, one origin a line, `#` comments


class BadOrigin(RedlineError):
    """An allowlist entry that is not an extension origin."""


def normalize_origin(origin: str) -> str:
    """`origin` as browsers send it, or BadOrigin if it is no extension origin."""
    value = origin.strip().lower().rstrip("/")
    if not any(p.fullmatch(value) for p in _ORIGIN_PATTERNS):
        raise BadOrigin(f"not an extension origin: {origin!r} "
                         "(expected chrome-extension://<32 letters a-p> or moz-extension://<uuid>)")
    return value


def default_origins() -> list[str]:
    """The shipped Chromium extension. Firefox gives each install its own
    moz-extension:// UUID, so a Firefox origin must always be configured."""
    # The extension's id lives in the installer's manifests module, once.
    from .install.manifests import CHROME_EXTENSION_ID
    return [f"chrome-extension://{CHROME_EXTENSION_ID}"]


def load_allowed_origins(extra: Iterable[str] = (), *, defaults: bool = True) -> frozenset[str]:
    """Origins from the shipped extension, the allowlist file,
    REDLINE_ALLOWED_ORIGINS (comma-separated) and `extra` (the --allow-origin
    flags). A malformed entry is an error, not silently skipped, so a typo
    can't leave the server open or closed by surprise."""
    entries = (default_origins() if defaults else []) + list(extra)
    entries += [e for e in os.environ.get("REDLINE_ALLOWED_ORIGINS", "").split(",") if e.strip()]
    path = config_dir() / ALLOWLIST_FILE
    if path.exists():
        for line in path.read_text().splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                entries.append(line)
    return frozenset(normalize_origin(e) for e in entries)


def origin_allowed(origin: str | None, allowed: frozenset[str]) -> bool:
    if not origin:
        return False  # browsers always send Origin on a websocket upgrade
    try:
        return normalize_origin(origin) in allowed
    except BadOrigin:
        return False


def host_is_loopback(host: str | None) -> bool:
    """True for `127.0.0.1`, `localhost` or `[::1]`, with or without a port."""
    if not host:
        return False
    host = host.strip().lower()
    if host.startswith("["):
        name, _, rest = host[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else (None if not rest else "bad")
    else:
        name, sep, port = host.partition(":")
        port = port if sep else None
    if port is not None and not (port.isdigit() and 0 < int(port) < 65536):
        return False
    return name.rstrip(".") in _LOOPBACK_NAMES


def token_matches(given: str | None, expected: str) -> bool:
    if not given:
        return False
    return hmac.compare_digest(given.encode("utf-8", "surrogatepass"), expected.encode("utf-8"))
