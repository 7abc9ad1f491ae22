"""Denial of service and leaks, against the real transports around a fake engine (fake_engine.py):
checks that stop on cancel, disconnect and their work budget; the LanguageTool API's limits,
refusals and malformed input; logs that never quote a request; idle connections closed.
The same attacks against the real host with the model are in test_native_messaging.py,
test_websocket_server.py and test_privacy.py.
"""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import threading
import time

import pytest
import websockets
from fake_engine import TOKEN, AppServer, FixedToken, LoopThread, WordListChecker
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_languagetool_api import api_server, call

from native_host import engine as engine_module
from native_host.engine import Engine
from native_host.session import Limits, Session
from native_host.transports import languagetool_api as lt
from native_host.transports import runner
from native_host.transports.websocket_server import Server, Settings

ORIGIN = "chrome-extension://" + "abcdefghijklmnop" * 2
MARKER = "SECRETMARKER"


def wait_until(condition, timeout: float = 10.0) -> float:
    """Seconds until `condition()` held; fails after `timeout`."""
    start = time.monotonic()
    while not condition():
        assert time.monotonic() - start < timeout, "timed out"
        time.sleep(0.005)
    return time.monotonic() - start


# --- Session and Engine: a check stops when it should -------------------------------------------

class Conversation:
    """A Session on a fake engine, its replies collected."""

    def __init__(self, checker: WordListChecker, limits: Limits | None = None, workers: int = 1):
        self.checker = checker
        self.engine = Engine(lambda: checker, workers=workers)
        self.replies: list[dict] = []
        self.got = asyncio.Event()

        async def write(data: bytes) -> None:
            self.replies.append(json.loads(data))
            self.got.set()

        self.session = Session(self.engine, write, transport="test", limits=limits or Limits())

    async def send(self, **msg) -> None:
        await self.session.receive(json.dumps(msg))

    async def reply_to(self, rid, timeout: float = 10.0) -> dict:
        async def wait():
            while True:
                for r in self.replies:
                    if r["id"] == rid and r["type"] != "cancelled":
                        return r
                self.got.clear()
                await self.got.wait()
        return await asyncio.wait_for(wait(), timeout)

    async def close(self) -> None:
        self.checker.release.set()
        await self.session.close()
        self.engine.close()


async def test_hello_and_check_on_a_fake_engine():
    c = Conversation(WordListChecker())
    try:
        await c.send(id=1, type="hello")
        assert (await c.reply_to(1))["model"] == "word-list"
        await c.send(id=2, type="check", text="I recieve teh mail.")
        reply = await c.reply_to(2)
        assert [(s["start"], s["end"], s["replacements"][0]) for s in reply["suggestions"]] == \
            [(2, 9, "receive"), (10, 13, "the")]
    finally:
        await c.close()


@pytest.mark.parametrize("word", ["SLOW", "SPIN"])
async def test_cancel_stops_the_running_check_and_frees_its_thread(word):
    """SLOW asks `cancelled()`; SPIN never does, like a pathological sentence, and is interrupted."""
    c = Conversation(WordListChecker())
    try:
        await c.send(id=1, type="check", text=f"{word} teh.")
        assert await asyncio.to_thread(c.checker.started.wait, 10)
        await c.send(id=2, type="cancel", target=1)
        start = time.monotonic()
        assert (await c.reply_to(1))["code"] == "cancelled"
        stopped = await asyncio.to_thread(wait_until, lambda: c.checker.stopped == 1, 5)
        assert stopped < 0.3, f"the check ran on for {stopped:.3f} s after its cancel"
        # The one worker thread is free: the next check is answered at once.
        await c.send(id=3, type="check", text="He go.")
        assert (await c.reply_to(3, timeout=2))["type"] == "result"
        assert time.monotonic() - start < 1
        assert c.checker.finished == 1
    finally:
        await c.close()


async def test_closing_the_connection_stops_its_checks():
    c = Conversation(WordListChecker())
    try:
        await c.send(id=1, type="check", text="SPIN teh.")
        await c.send(id=2, type="check", text="Queued teh.")
        assert await asyncio.to_thread(c.checker.started.wait, 10)
        await c.session.close()
        stopped = await asyncio.to_thread(wait_until, lambda: c.checker.stopped == 1, 5)
        assert stopped < 0.3 and c.checker.finished == 0
    finally:
        await c.close()


async def test_a_check_past_its_work_budget_is_refused_and_stopped(monkeypatch):
    monkeypatch.setattr(engine_module, "BUDGET_BASE_S", 0.5)
    c = Conversation(WordListChecker())
    try:
        start = time.monotonic()
        await c.send(id=1, type="check", text="SPIN teh.")
        reply = await c.reply_to(1)
        took = time.monotonic() - start
        assert reply["type"] == "error" and reply["code"] == "too_large" and "took longer than" in reply["message"]
        assert 0.5 <= took < engine_module.WALL_CAP * 0.5 + 0.5  # CPU time, or the wall-clock cap on a busy machine
        await asyncio.to_thread(wait_until, lambda: c.checker.stopped == 1, 1)
        await c.send(id=2, type="check", text="He go.")
        assert (await c.reply_to(2, timeout=2))["type"] == "result"
    finally:
        await c.close()


def test_engine_close_returns_at_once_and_stops_what_runs():
    checker = WordListChecker()
    engine = Engine(lambda: checker, workers=1)
    thread = LoopThread()
    try:
        future = asyncio.run_coroutine_threadsafe(engine.check("SPIN teh."), thread.loop)
        assert checker.started.wait(10)
        start = time.monotonic()
        engine.close()
        assert time.monotonic() - start < 0.05
        with pytest.raises(engine_module.CheckCancelled):
            future.result(1)
        assert engine.wait_idle(1) and checker.stopped == 1
    finally:
        checker.release.set()
        thread.stop()


# --- the LanguageTool API ----------------------------------------------------------------------

@pytest.fixture
def slow_api():
    server = api_server(WordListChecker(), max_pending=2)
    yield server
    server.close()


def raw_request(port: int, data: bytes, wait: float = 5.0) -> bytes:
    """Send raw bytes, read until the server closes or `wait` passes."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as s:
        s.sendall(data)
        out = b""
        try:
            while chunk := s.recv(65536):
                out += chunk
        except (TimeoutError, ConnectionResetError):
            pass
        return out


def test_a_request_whose_client_went_away_stops_its_check(slow_api):
    body = b"text=SPIN+teh.&language=en"
    with socket.create_connection(("127.0.0.1", slow_api.port)) as s:
        s.sendall(b"POST /v2/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                  b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        assert slow_api.checker.started.wait(10)
        assert slow_api.engine.live(lt.LanguageToolApi.OWNER) == 1
    stopped = wait_until(lambda: slow_api.checker.stopped == 1, 5)
    assert stopped < 0.5 and slow_api.engine.live(lt.LanguageToolApi.OWNER) == 0
    assert call(slow_api.port, "POST", "/v2/check", {"text": "He go.", "language": "en"})[0] == 200


def test_running_checks_not_connected_clients_count_toward_the_limit(slow_api):
    """Checks that keep running count until they stop, connected or not."""
    results = []
    threads = [threading.Thread(target=lambda: results.append(
        call(slow_api.port, "POST", "/v2/check", {"text": "SLOW he go.", "language": "en"}))) for _ in range(2)]
    for t in threads:
        t.start()
    wait_until(lambda: slow_api.engine.live(lt.LanguageToolApi.OWNER) == 2)
    status, _, body = call(slow_api.port, "POST", "/v2/check", {"text": "He go.", "language": "en"})
    assert status == 503 and body.startswith("Error: There are currently too many parallel requests")
    slow_api.checker.release.set()
    for t in threads:
        t.join(10)
    assert [r[0] for r in results] == [200, 200]


def test_a_check_past_its_work_budget_gets_503_and_stops(slow_api, monkeypatch):
    monkeypatch.setattr(engine_module, "BUDGET_BASE_S", 0.5)
    start = time.monotonic()
    status, _, body = call(slow_api.port, "POST", "/v2/check", {"text": "SPIN teh.", "language": "en"})
    assert status == 503 and "Checking took longer than the allowed maximum" in body
    assert time.monotonic() - start < engine_module.WALL_CAP * 0.5 + 0.5
    wait_until(lambda: slow_api.checker.stopped == 1, 1)


def test_the_apis_checks_never_hold_up_the_extensions():
    """The extension's checks (a Session on the same engine, one thread) are not queued behind the API's."""
    checker = WordListChecker()
    server = AppServer(checker, lambda engine: lt.LanguageToolApi(engine, frozenset()).app(), workers=1)
    try:
        client = threading.Thread(target=call, args=(server.port, "POST", "/v2/check"),
                                  kwargs={"params": {"text": "SLOW teh.", "language": "en"}}, daemon=True)
        client.start()
        assert checker.started.wait(10)

        async def extension_check() -> dict:
            replies = []

            async def write(data: bytes) -> None:
                replies.append(json.loads(data))

            session = Session(server.engine, write, transport="test")
            await session.receive(json.dumps({"id": 1, "type": "check", "text": "He go."}))
            while not replies:
                await asyncio.sleep(0.01)
            await session.close()
            return replies[0]

        started = time.monotonic()
        assert server.thread.run(extension_check(), timeout=5)["type"] == "result"
        assert time.monotonic() - started < 1
        assert server.engine.live(lt.LanguageToolApi.OWNER) == 1  # still running, on its own thread
    finally:
        server.close()


def test_refusals_carry_no_cors_header(api_server_plain):
    port = api_server_plain.port
    for host, origin in ((f"localtest.me:{port}", "https://evil.example"), (f"localtest.me:{port}", ORIGIN),
                         (f"127.0.0.1:{port}", "https://evil.example")):
        status, headers, _ = call(port, "POST", "/v2/check", {"text": "He go.", "language": "en"},
                                  {"Origin": origin}, host=host)
        assert status == 403 and "access-control-allow-origin" not in headers, (host, origin)
        status, headers, _ = call(port, "OPTIONS", "/v2/check", headers={"Origin": origin}, host=host)
        assert status == 403 and "access-control-allow-origin" not in headers, (host, origin)


@pytest.fixture(scope="module")
def api_server_plain():
    server = api_server(WordListChecker(), frozenset({ORIGIN}))
    yield server
    server.close()


FORM = "application/x-www-form-urlencoded"


@pytest.mark.parametrize("content_type, body", [
    (FORM, b"language=en&data=" + b"%5B" * 100_000),                     # "[" x 100,000: RecursionError
    (FORM + "; charset=x-bogus", b"text=He+go.&language=en"),           # no such codec
    (FORM + "; charset=utf-16", b"text=He+go.&language=en\xff"),        # not that codec
    ("multipart/form-data; boundary=XX", b"--XX\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nHe go"),
    ("multipart/form-data", b"--XX\r\n\r\n"),                           # no boundary
    ("multipart/form-data; boundary=XX", b"garbage without a boundary"),
])
def test_malformed_input_gets_4xx_never_500(api_server_plain, content_type, body):
    status, _, text = call(api_server_plain.port, "POST", "/v2/check", headers={"Content-Type": content_type}, body=body)
    assert 400 <= status < 500, (status, text)
    assert text.startswith("Error: ") and MARKER not in text
    assert call(api_server_plain.port, "POST", "/v2/check", {"text": "He go.", "language": "en"})[0] == 200


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(content_type=st.sampled_from([FORM, FORM + "; charset=latin-1", "multipart/form-data; boundary=b",
                                     "text/plain", "application/json", ""]),
       body=st.binary(max_size=300) | st.text(max_size=200).map(str.encode))
def test_fuzzed_bodies_never_get_a_500(api_server_plain, content_type, body):
    headers = {"Content-Type": content_type} if content_type else {}
    status, _, text = call(api_server_plain.port, "POST", "/v2/check", headers=headers, body=body)
    assert status in (200, 400, 413), (status, text)


@settings(max_examples=300, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
                        st.sampled_from(["text", "markup", "interpretAs", "annotation", "x"]), inner, max_size=3),
                    max_leaves=12).map(json.dumps) | st.text(max_size=60))
def test_fuzzed_data_parameter_is_text_or_a_400(data):
    try:
        out = lt.Annotated.of_data(data)
    except lt.LTError as e:
        assert e.status == 400
    else:
        assert isinstance(out.plain, str) and isinstance(out.original, str)


# --- logs ------------------------------------------------------------------------------------

@pytest.fixture
def ws_server():
    checker = WordListChecker()
    server = AppServer(checker, lambda engine: Server(engine, Settings(frozenset({ORIGIN}), idle_timeout_s=1.0),
                                                      gate=FixedToken()).app())
    yield server
    server.close()


MALFORMED = [
    f"GET /ws?token={MARKER}\x01 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode(),
    f"GET /v2/check?text=caf\u00e9 {MARKER} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode(),
    f"POST /v2/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nX-{MARKER}: \x00\r\n\r\nabcde".encode(),
    f"{MARKER} / HTTP/1.1\r\n\r\n".encode(),
    f"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{MARKER}\r\n".encode(),
]


def test_nothing_from_a_request_reaches_any_log(ws_server, api_server_plain, caplog):
    caplog.set_level(logging.DEBUG)
    for port in (ws_server.port, api_server_plain.port):
        for request in MALFORMED:
            raw_request(port, request, wait=2)
        call(port, "POST", "/v2/check", {"text": f"{MARKER} teh", "language": "en"})
    time.sleep(0.2)  # aiohttp logs from the loop's thread
    logged = "\n".join(f"{r.name} {r.levelname} {r.getMessage()} {r.exc_text or ''}" for r in caplog.records)
    assert MARKER not in logged and TOKEN not in logged
    assert any(r.name.startswith("aiohttp") for r in caplog.records), "aiohttp logged nothing: the test sent nothing bad"


# --- idle and slow connections -----------------------------------------------------------------

@pytest.fixture
def short_timeouts(monkeypatch):
    monkeypatch.setattr(runner, "HEADERS_TIMEOUT_S", 1.0)
    monkeypatch.setattr(lt, "BODY_TIMEOUT_S", 1.0)


SLOW_BODY = (b"POST /v2/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n"
             b"Content-Type: application/x-www-form-urlencoded\r\n\r\ntext=a")


@pytest.mark.parametrize("start", [b"", b"POST /v2/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le", SLOW_BODY])
def test_silent_and_slow_connections_are_closed(short_timeouts, start):
    server = api_server(WordListChecker())
    try:
        started = time.monotonic()
        reply = raw_request(server.port, start, wait=10)
        took = time.monotonic() - started
        assert took < 3, f"still open after {took:.1f} s"
        assert reply == b"" or reply.startswith(b"HTTP/1.1 408")
    finally:
        server.close()


async def test_an_idle_websocket_is_closed_but_a_pinging_one_is_not(ws_server):
    url = f"ws://127.0.0.1:{ws_server.port}/ws?token={TOKEN}"
    async with websockets.connect(url, origin=ORIGIN) as busy, websockets.connect(url, origin=ORIGIN) as idle:
        for i in range(6):  # 1.5 s of a ping every 0.25 s: past the 1 s idle limit, never idle that long
            await busy.send(json.dumps({"id": i, "type": "ping"}))
            assert json.loads(await busy.recv())["type"] == "pong"
            await asyncio.sleep(0.25)
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await asyncio.wait_for(idle.recv(), 5)
        assert closed.value.rcvd.code == 1001
        await busy.send(json.dumps({"id": 99, "type": "check", "text": "He go."}))
        assert json.loads(await busy.recv())["type"] == "result"


async def test_closing_a_websocket_stops_its_check(ws_server):
    url = f"ws://127.0.0.1:{ws_server.port}/ws?token={TOKEN}"
    async with websockets.connect(url, origin=ORIGIN) as ws:
        await ws.send(json.dumps({"id": 1, "type": "check", "text": "SPIN teh."}))
        assert await asyncio.to_thread(ws_server.checker.started.wait, 10)
    stopped = await asyncio.to_thread(wait_until, lambda: ws_server.checker.stopped == 1, 5)
    assert stopped < 0.5
