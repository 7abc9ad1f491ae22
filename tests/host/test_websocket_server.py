"""`redline serve` as a subprocess, driven by the `websockets` client and raw HTTP."""

import asyncio
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest
import websockets
from fake_engine import TOKEN, AppServer, FixedToken, WordListChecker
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from websockets.exceptions import ConnectionClosed, InvalidStatus

from native_host import protocol
from native_host.session import Limits
from native_host.transports.websocket_server import Server as WsServer
from native_host.transports.websocket_server import Settings

REDLINE = [sys.executable, "-m", "native_host.cli"]
ORIGIN = "chrome-extension://" + "abcdefghijklmnop" * 2
FIREFOX_ORIGIN = "moz-extension://0b0e7a52-5b43-4c3e-9d0f-9a5e3c1d2b4a"


def redline_token(*args: str, env: dict | None = None) -> str:
    out = subprocess.run([*REDLINE, "token", *args], capture_output=True, text=True, timeout=60, env=env)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


class Server:
    """`redline serve --port 0` with its stderr drained (a full pipe would stall its logging).
    The LanguageTool API is off: tests/host/test_languagetool_api.py covers it, and it would
    take the same fixed port in every server started here."""

    def __init__(self, *args: str, env: dict | None = None):
        self.env = env
        self.proc = subprocess.Popen([*REDLINE, "serve", "--port", "0", "--no-lt-api", "--allow-origin", ORIGIN,
                                      "--allow-origin", FIREFOX_ORIGIN, *args],
                                     stderr=subprocess.PIPE, text=True, env=env)
        self.lines: list[str] = []
        first = self.proc.stderr.readline()
        self.lines.append(first)
        match = re.search(r"listening on ws://127\.0\.0\.1:(\d+)/ws", first)
        assert match, f"no listening line: {first!r} {self.proc.stderr.read() if self.proc.poll() is not None else ''}"
        self.port = int(match.group(1))
        self._drain = threading.Thread(target=lambda: self.lines.extend(self.proc.stderr), daemon=True)
        self._drain.start()

    def url(self, token: str | None, host: str = "127.0.0.1") -> str:
        return f"ws://{host}:{self.port}/ws" + (f"?token={token}" if token is not None else "")

    def stop(self, sig=signal.SIGTERM, timeout: float = 30) -> int:
        self.proc.send_signal(sig)
        rc = self.proc.wait(timeout)
        self._drain.join(5)
        return rc

    @property
    def stderr(self) -> str:
        return "".join(self.lines)


@pytest.fixture(scope="module")
def server(module_token_env):
    """One server for the tests that don't change its settings, with a token store of its own."""
    env = module_token_env
    s = Server(env=env)
    s.token = redline_token(env=env)
    yield s
    assert s.stop() == 0
    assert "Traceback" not in s.stderr, s.stderr
    assert s.token not in s.stderr  # never logged


def connect(url: str, origin: str | None = ORIGIN, **kw):
    return websockets.connect(url, origin=origin, open_timeout=30, **kw)


async def call(ws, msg: dict, timeout: float = 60) -> dict:
    await ws.send(json.dumps(msg))
    while True:
        reply = json.loads(await asyncio.wait_for(ws.recv(), timeout))
        if reply.get("id") == msg.get("id"):
            return reply


async def refused_status(url: str, origin: str | None = ORIGIN) -> int:
    with pytest.raises(InvalidStatus) as info:
        async with connect(url, origin=origin):
            pass
    return info.value.response.status_code


def raw_get(port: int, path: str, headers: dict) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
    for name, value in headers.items():
        conn.putheader(name, value)
    conn.endheaders()
    response = conn.getresponse()
    body = response.read().decode()
    conn.close()
    return response.status, body


def upgrade_headers(port: int, host: str | None = None, origin: str = ORIGIN) -> dict:
    return {"Host": host or f"127.0.0.1:{port}", "Origin": origin, "Upgrade": "websocket", "Connection": "Upgrade",
            "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version": "13"}


@pytest.fixture(scope="module")
def checker():
    from native_host.checker import Checker
    c = Checker(sensitivity="thorough")  # the host sends every suggestion, each with its level
    c.load()
    return c


# --- the protocol over the socket -----------------------------------------------------------

async def test_hello_check_ping_over_the_socket(server, checker):
    async with connect(server.url(server.token)) as ws:
        hello = await call(ws, {"id": 1, "type": "hello", "protocol": 1})
        assert hello["transport"] == "websocket" and hello["model"] == checker.model_name
        assert hello["limits"] == {"max_text_chars": protocol.MAX_TEXT_CHARS,
                                   "max_frame_bytes": protocol.MAX_FRAME_BYTES}
        for i, text in enumerate(["She go to school every day.", "He have two cat. 😀 I seen it."]):
            reply = await call(ws, {"id": i, "type": "check", "text": text})
            assert reply["type"] == "result", reply
            assert reply["suggestions"] == [s.to_dict() for s in checker.check(text)]
        assert await call(ws, {"id": "p", "type": "ping"}) == {"id": "p", "type": "pong"}
        await ws.send(b"\x00binary")
        assert json.loads(await ws.recv())["code"] == "bad_request"
    async with connect(server.url(server.token, host="[::1]"), origin=FIREFOX_ORIGIN) as ws:  # IPv6 loopback too
        assert (await call(ws, {"id": 1, "type": "ping"}))["type"] == "pong"


async def test_a_streamed_check_over_the_socket(server, checker):
    """Protocol 2 over the websocket: the paragraphs as they are checked, then the whole result."""
    text = "She go to school every day.\nHe have two cat. 😀 I seen it.\nThis are fine."
    async with connect(server.url(server.token)) as ws:
        assert "partial" in (await call(ws, {"id": 1, "type": "hello", "protocol": 2}))["capabilities"]
        await ws.send(json.dumps({"id": 2, "type": "check", "text": text, "partial": True, "first": [[30, 30]]}))
        got = []
        while not got or got[-1]["type"] == "partial":
            got.append(json.loads(await asyncio.wait_for(ws.recv(), 60)))
        assert [r["type"] for r in got] == ["partial"] * 3 + ["result"]
        assert got[0]["start"] == text.index("He") and got[-1]["suggestions"] == [s.to_dict() for s in checker.check(text)]
        assert sorted((s for r in got[:-1] for s in r["suggestions"]), key=lambda s: s["start"]) == got[-1]["suggestions"]


def test_health_answers_plain_http_without_secrets(server):
    status, body = raw_get(server.port, "/health", {"Host": f"localhost:{server.port}"})
    health = json.loads(body)
    assert status == 200 and health["status"] == "ok" and health["protocol"] == protocol.PROTOCOL_VERSION
    assert health["model_state"] in ("loading", "ready")
    assert server.token not in body
    assert raw_get(server.port, "/health", {"Host": "evil.example"})[0] == 403
    assert raw_get(server.port, "/health", {"Host": "127.0.0.1", "Origin": "https://evil.example"})[0] == 403


async def test_message_size_and_queue_limits_answer_instead_of_hanging(server):
    async with connect(server.url(server.token), max_size=None) as ws:
        await ws.send(json.dumps({"id": 1, "type": "check", "text": " " * protocol.MAX_FRAME_BYTES}))
        assert json.loads(await asyncio.wait_for(ws.recv(), 30)) | {"message": ""} == \
            {"id": None, "type": "error", "code": "too_large", "message": ""}
        for i in range(20):  # more than --max-pending (16) at once; distinct texts, so no cache hits
            text = " ".join(f"In week {i} day {d} he go to the shop." for d in range(3))
            await ws.send(json.dumps({"id": i, "type": "check", "text": text}))
        await ws.send(json.dumps({"id": "p", "type": "ping"}))
        replies = {}
        while len(replies) < 21:
            r = json.loads(await asyncio.wait_for(ws.recv(), 120))
            replies[r["id"]] = r
        assert sorted(i for i in range(20) if replies[i].get("code") == "busy") == [16, 17, 18, 19]
        assert all(replies[i]["type"] == "result" for i in range(16))
        assert replies["p"]["type"] == "pong"
    async with connect(server.url(server.token), max_size=None) as ws:  # past the hard cap the socket closes
        await ws.send("x" * (2 * protocol.MAX_FRAME_BYTES + 1))
        with pytest.raises(ConnectionClosed) as info:
            await asyncio.wait_for(ws.recv(), 30)
        assert info.value.rcvd.code == 1009


# --- who may connect ----------------------------------------------------------------------------

async def test_wrong_or_missing_origin_is_refused(server):
    assert await refused_status(server.url(server.token), origin="https://evil.example") == 403
    assert await refused_status(server.url(server.token), origin="chrome-extension://" + "b" * 32) == 403
    assert await refused_status(server.url(server.token), origin=None) == 403


async def test_missing_or_wrong_token_is_refused(server):
    assert await refused_status(server.url(None)) == 401
    assert await refused_status(server.url("")) == 401
    assert await refused_status(server.url(server.token[:-1])) == 401
    assert await refused_status(server.url("x" + server.token)) == 401


def test_non_loopback_host_is_refused(server):
    for host in ("evil.example", f"evil.example:{server.port}", "127.0.0.1.evil.example", "[::2]", "localhost:abc"):
        status, _ = raw_get(server.port, f"/ws?token={server.token}", upgrade_headers(server.port, host))
        assert status == 403, host
    for host in (f"localhost:{server.port}", f"[::1]:{server.port}", "127.0.0.1"):  # the same request, loopback
        status, _ = raw_get(server.port, f"/ws?token={server.token}", upgrade_headers(server.port, host))
        assert status == 101, host


def test_not_reachable_on_other_addresses(server):
    # Bound to 127.0.0.1 and ::1 only: 127.0.0.2 (still this machine) must refuse, which a 0.0.0.0 bind would not.
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.2", server.port), timeout=5).close()
    if os.path.exists("/proc/net/tcp"):
        listening = set()
        for name in ("/proc/net/tcp", "/proc/net/tcp6"):
            for line in open(name).read().splitlines()[1:]:
                local, state = line.split()[1], line.split()[3]
                addr, port = local.split(":")
                if state == "0A" and int(port, 16) == server.port:  # 0A: LISTEN
                    listening.add(addr)
        assert listening <= {"0100007F", "00000000000000000000000001000000"}, listening  # 127.0.0.1, ::1
        assert "0100007F" in listening


async def test_rotating_the_token_drops_live_sockets_and_refuses_the_old_token(tmp_path, monkeypatch):
    s = Server()
    try:
        old = redline_token()
        async with connect(s.url(old)) as ws:
            assert (await call(ws, {"id": 1, "type": "ping"}))["type"] == "pong"
            new = await asyncio.to_thread(redline_token, "--rotate")
            assert new != old
            dropped = json.loads(await asyncio.wait_for(ws.recv(), 10))
            assert dropped["code"] == "unauthorized"
            with pytest.raises(ConnectionClosed) as info:
                await asyncio.wait_for(ws.recv(), 10)
            assert info.value.rcvd.code == 4001
        assert await refused_status(s.url(old)) == 401
        async with connect(s.url(new)) as ws:
            assert (await call(ws, {"id": 2, "type": "ping"}))["type"] == "pong"
    finally:
        assert s.stop() == 0


async def test_allowlist_from_defaults_file_and_environment(isolated_token_store, monkeypatch):
    from native_host.install.manifests import CHROME_EXTENSION_ID
    from_file = "moz-extension://11111111-2222-4333-8444-555555555555"
    from_env = "chrome-extension://" + "p" * 32
    isolated_token_store.mkdir(parents=True)
    (isolated_token_store / "allowed_origins").write_text(
        f"# Firefox on this machine\n{from_file}/  # trailing slash ok\n")
    monkeypatch.setenv("REDLINE_ALLOWED_ORIGINS", f" {from_env} ,")
    s = Server()
    try:
        token = redline_token()
        for origin in (from_file, from_env, f"chrome-extension://{CHROME_EXTENSION_ID}", ORIGIN):
            async with connect(s.url(token), origin=origin) as ws:
                assert (await call(ws, {"id": 1, "type": "ping"}))["type"] == "pong"
        assert await refused_status(s.url(token), origin="moz-extension://11111111-2222-4333-8444-555555555556") == 403
    finally:
        assert s.stop() == 0


def test_a_malformed_origin_stops_the_server_with_a_clear_error():
    out = subprocess.run([*REDLINE, "serve", "--port", "0", "--no-lt-api", "--allow-origin", "https://example.com"],
                         check=False, capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and "not an extension origin" in out.stderr


# --- limits and lifecycle -------------------------------------------------------------------

async def test_rate_and_connection_limits_answer_busy():
    """In this process, around a fake engine: the limits are the point, not the model."""
    limits = Settings(frozenset({ORIGIN}), max_connections=2, limits=Limits(max_pending=16, rate=2.0, burst=5))
    s = AppServer(WordListChecker(), lambda engine: WsServer(engine, limits, gate=FixedToken()).app())
    url = f"ws://127.0.0.1:{s.port}/ws?token={TOKEN}"
    try:
        async with connect(url) as a, connect(url) as b:
            for i in range(12):
                await a.send(json.dumps({"id": i, "type": "ping"}))
            replies = [json.loads(await asyncio.wait_for(a.recv(), 10)) for _ in range(12)]
            assert [r["type"] for r in replies[:5]] == ["pong"] * 5
            assert {r.get("code") for r in replies[5:]} == {"busy"}  # well past 2 per second
            assert (await call(b, {"id": "b", "type": "ping"}))["type"] == "pong"  # its own budget
            async with connect(url) as c:  # the third connection
                assert json.loads(await asyncio.wait_for(c.recv(), 10))["code"] == "busy"
                with pytest.raises(ConnectionClosed) as info:
                    await asyncio.wait_for(c.recv(), 10)
                assert info.value.rcvd.code == 1013
    finally:
        await asyncio.to_thread(s.close)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
async def test_signals_close_sockets_and_exit_cleanly(sig):
    s = Server()
    token = redline_token()
    async with connect(s.url(token)) as ws:
        assert (await call(ws, {"id": 1, "type": "ping"}))["type"] == "pong"
        started = time.monotonic()
        s.proc.send_signal(sig)
        with pytest.raises(ConnectionClosed) as info:
            await asyncio.wait_for(ws.recv(), 20)
        assert info.value.rcvd.code == 1001
    assert await asyncio.to_thread(s.proc.wait, 20) == 0
    assert time.monotonic() - started < 20
    s._drain.join(5)
    assert "Traceback" not in s.stderr, s.stderr


# --- fuzzing ----------------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3),
    max_leaves=10,
)
frames = st.one_of(
    st.text(max_size=200),
    st.binary(max_size=200),
    st.integers(1, 100_000).map(lambda n: "[" * n + "]" * n),
    st.sampled_from(['{"id": 1, "type": "check", "text": "\\ud800"}', '{"id": "\\udfff", "type": "ping"}', "", "null"]),
    st.dictionaries(st.sampled_from(["id", "type", "text", "language", "field", "target"]),
                    json_values | st.sampled_from(["ping", "cancel", "check"]), max_size=5).map(json.dumps),
)


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(frame=frames)
def test_fuzzed_frames_get_error_replies_and_the_socket_carries_on(server, frame):
    async def run():
        async with connect(server.url(server.token)) as ws:
            await ws.send(frame)
            ping_id = f"ping-{time.monotonic_ns()}"
            await ws.send(json.dumps({"id": ping_id, "type": "ping"}))
            while True:
                reply = json.loads(await asyncio.wait_for(ws.recv(), 30))
                assert reply["type"] in ("error", "result", "pong", "hello", "cancelled")
                if reply["type"] == "error":
                    assert reply["code"] in protocol.ERROR_CODES and reply["message"]
                if reply.get("id") == ping_id:
                    return
    asyncio.run(run())
