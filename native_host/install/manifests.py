"""The native messaging host manifest: what `install` writes, what `doctor` checks.

Chromium-family browsers admit callers by origin (`allowed_origins`), Firefox by
add-on id (`allowed_extensions`). The extension's ids live here, once.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import PurePath

from .browsers import HOST_NAME, Browser

# The Chromium-family id of the Redline extension. It is fixed by the `key` in
# extension/manifest.json, also written in extension/EXTENSION_ID (tests/host/test_install.py
# checks that all three agree).
CHROME_EXTENSION_ID = "hnnonfjfijedbnbkmkgpcodadnkhfddk"
# The Firefox add-on id (browser_specific_settings.gecko.id in extension/manifest.json).
FIREFOX_EXTENSION_ID = "redline@redline.dev"

DESCRIPTION = "Redline: private, on-device grammar checking (local host)"

_CHROME_ID = re.compile(r"^[a-p]{32}$")
_FIREFOX_ID = re.compile(r"^(\{[0-9a-fA-F-]{36}\}|[A-Za-z0-9._+-]*@[A-Za-z0-9._-]+)$")


def chrome_extension_id_from_key(key_b64: str) -> str:
    """The id Chromium gives an extension whose manifest has this `key` (the
    first 128 bits of the SHA-256 of the public key, in the letters a-p)."""
    digest = hashlib.sha256(base64.b64decode(key_b64)).hexdigest()[:32]
    return "".join(chr(ord("a") + int(c, 16)) for c in digest)


def split_extension_ids(ids: list[str] | None) -> tuple[list[str], list[str]]:
    """Sort --extension-id values into (Chromium ids, Firefox ids); each family
    falls back to the shipped id when none of its kind was given."""
    chrome, firefox = [], []
    for raw in ids or []:
        value = raw.strip()
        if m := re.fullmatch(r"chrome-extension://([a-p]{32})/?", value):
            value = m.group(1)
        if _CHROME_ID.match(value):
            chrome.append(value)
        elif _FIREFOX_ID.match(value):
            firefox.append(value)
        else:
            raise ValueError(f"{raw!r} is neither a Chromium extension id (32 letters a-p) "
                             f"nor a Firefox add-on id (name@domain or {{uuid}})")
    return (list(dict.fromkeys(chrome)) or [CHROME_EXTENSION_ID],
            list(dict.fromkeys(firefox)) or [FIREFOX_EXTENSION_ID])


def build(browser: Browser, launcher: PurePath, chrome_ids: list[str], firefox_ids: list[str]) -> dict:
    """The manifest for `browser`, naming `launcher` as the program to start."""
    manifest = {"name": HOST_NAME, "description": DESCRIPTION, "path": str(launcher), "type": "stdio"}
    if browser.is_firefox:
        manifest["allowed_extensions"] = list(firefox_ids)
    else:
        manifest["allowed_origins"] = [f"chrome-extension://{i}/" for i in chrome_ids]
    return manifest


def dumps(manifest: dict) -> str:
    return json.dumps(manifest, indent=2) + "\n"


def problems(text: str, browser: Browser, *, chrome_ids: list[str] | None = None,
             firefox_ids: list[str] | None = None, windows: bool = False) -> tuple[dict | None, list[str]]:
    """Parse a manifest's text and list what would stop `browser` from starting
    the host for the Redline extension (any of the given ids; default: the
    shipped ones). Does not look at the disk."""
    try:
        manifest = json.loads(text)
    except json.JSONDecodeError as e:
        return None, [f"is not valid JSON ({e})"]
    if not isinstance(manifest, dict):
        return None, ["is not a JSON object"]
    found = []
    if manifest.get("name") != HOST_NAME:
        found.append(f"names host {manifest.get('name')!r}, not {HOST_NAME!r}")
    if manifest.get("type") != "stdio":
        found.append(f"has type {manifest.get('type')!r}, not 'stdio'")
    path = manifest.get("path")
    if not isinstance(path, str) or not path:
        found.append("has no launcher path")
    elif not windows and not path.startswith("/"):
        found.append(f"launcher path {path!r} is not absolute")
    if browser.is_firefox:
        key, wanted = "allowed_extensions", firefox_ids or [FIREFOX_EXTENSION_ID]
    else:
        key, wanted = "allowed_origins", [f"chrome-extension://{i}/" for i in chrome_ids or [CHROME_EXTENSION_ID]]
    allowed = manifest.get(key)
    if not isinstance(allowed, list) or not set(wanted) & set(allowed):
        found.append(f"{key} does not name the Redline extension ({', '.join(wanted)})")
    return manifest, found
