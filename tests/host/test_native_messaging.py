"""`redline native` as the browser runs it: a subprocess fed real length-prefixed frames."""

import io
import json
import os
import queue
import struct
import subprocess
import sys
import threading
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import native_host
from native_host import protocol
from native_host.transports.native_messaging import FrameTooLarge, read_frame

REDLINE = [sys.executable, "-m", "native_host.cli"]
HEADER = struct.Struct("=I")
SENTENCES = ["She go to school every day.", "He have two cat.", "I seen it yesterday.", "This are fine."]
# Distinct sentences (the checker caches repeated ones): slow enough that a ping sent after it overtakes it.
LONG_TEXT = " ".join(f"On day {n} she go to the {w} and buy {n} apple." for n, w in
                     enumerate(["shop", "market", "school", "park", "library"] * 2))


def frame(obj=None, raw: bytes | None = None) -> bytes:
    data = raw if raw is not None else json.dumps(obj).encode()
    return HEADER.pack(len(data)) + data


class NativeHost:
    """The host subprocess, with threads that parse every byte of its stdout as frames."""

    def __init__(self, *args: str):
        self.proc = subprocess.Popen([*REDLINE, "native", *args], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.replies: queue.Queue = queue.Queue()
        self.garbage: list[bytes] = []  # anything on stdout that is not a whole JSON frame
        self.stderr = b""
        threading.Thread(target=self._read_stdout, daemon=True).start()
        self._stderr_thread = threading.Thread(target=self._read_stderr, daemon=True)
        self._stderr_thread.start()

    def _read_stdout(self):
        out = self.proc.stdout
        while header := out.read(4):
            if len(header) < 4:
                self.garbage.append(header)
                break
            (size,) = HEADER.unpack(header)
            payload = out.read(size)
            if size > protocol.MAX_REPLY_BYTES or len(payload) < size:
                self.garbage.append(header + payload)
                break
            try:
                self.replies.put(json.loads(payload.decode("utf-8")))
            except ValueError:
                self.garbage.append(payload)
        self.replies.put(None)

    def _read_stderr(self):
        self.stderr = self.proc.stderr.read()

    def send(self, obj=None, raw: bytes | None = None):
        self.write(frame(obj, raw))

    def write(self, data: bytes):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def recv(self, timeout: float = 60) -> dict:
        reply = self.replies.get(timeout=timeout)
        assert reply is not None, f"host closed stdout; stderr: {self.stderr[-2000:]!r}"
        return reply

    def until(self, rid, timeout: float = 60) -> list[dict]:
        """Replies up to and including the one with `id == rid` that ends it (not a `partial`)."""
        got = []
        while not got or got[-1].get("id") != rid or got[-1].get("type") == "partial":
            got.append(self.recv(timeout))
        return got

    def close(self, timeout: float = 30) -> int:
        self.proc.stdin.close()
        rc = self.proc.wait(timeout)
        self._stderr_thread.join(5)
        return rc


@pytest.fixture
def host():
    h = NativeHost("chrome-extension://abcdefghijklmnopabcdefghijklmnop/")
    yield h
    if h.proc.poll() is None:
        h.proc.kill()
        h.proc.wait()


@pytest.fixture(scope="module")
def checker():
    """The same checker in this process: what the host must answer."""
    from native_host.checker import Checker
    c = Checker(sensitivity="thorough")  # the host sends every suggestion, each with its level
    c.load()
    return c


def expected(checker, text):
    return [s.to_dict() for s in checker.check(text)]


def assert_clean_exit(h: NativeHost):
    assert h.close() == 0
    assert b"Traceback" not in h.stderr, h.stderr.decode(errors="replace")[-3000:]
    assert h.garbage == []


def test_hello_answers_at_once_and_checks_match_the_checker(host, checker):
    started = time.monotonic()
    host.send({"id": 1, "type": "hello", "protocol": 1, "client": "redline-extension/0.1.0"})
    hello = host.recv()
    hello_s = time.monotonic() - started
    assert hello == {"id": 1, "type": "hello", "protocol": 1, "host_version": native_host.__version__,
                     "model": checker.model_name, "capabilities": ["check", "cancel", "ping"],
                     "limits": {"max_text_chars": protocol.MAX_TEXT_CHARS,
                                "max_frame_bytes": protocol.MAX_FRAME_BYTES},
                     "transport": "native"}
    assert hello_s < 5, f"hello took {hello_s:.2f}s from process start"

    for i, text in enumerate(SENTENCES + ["Ça va? 😀 She go home.", ""]):
        host.send({"id": f"c{i}", "type": "check", "text": text, "language": "en-US"})
        reply = host.recv()
        assert reply["id"] == f"c{i}" and reply["type"] == "result", reply
        assert reply["suggestions"] == expected(checker, text)
        assert reply["truncated"] is False and reply["elapsed_ms"] >= 0
        units = text.encode("utf-16-le")
        for s in reply["suggestions"]:  # UTF-16 offsets that index the text the extension sent
            assert units[2 * s["start"]: 2 * s["end"]].decode("utf-16-le") == s["text"]
    assert_clean_exit(host)


def test_ping_and_cancel_are_answered_while_checks_run(host):
    host.send({"id": "slow", "type": "check", "text": LONG_TEXT})
    host.send({"id": "queued", "type": "check", "text": LONG_TEXT})
    host.send({"id": "p", "type": "ping"})
    assert host.recv(10) == {"id": "p", "type": "pong"}  # before either check finished
    host.send({"id": "c1", "type": "cancel", "target": "queued"})
    got = host.until("c1", 10)
    assert got[-1] == {"id": "c1", "type": "cancelled", "target": "queued", "found": True}
    assert [r["code"] for r in got if r["id"] == "queued"] == ["cancelled"]
    host.send({"id": "c2", "type": "cancel", "target": "never-sent"})
    assert host.until("c2", 10)[-1]["found"] is False
    rest = host.until("slow")
    assert rest[-1]["type"] == "result"
    assert all(r["id"] != "queued" for r in rest)  # a cancelled check never answers twice
    assert_clean_exit(host)


def test_a_newer_check_of_the_same_field_supersedes_the_queued_one(host):
    host.send({"id": 1, "type": "check", "text": LONG_TEXT, "field": "f"})
    host.send({"id": "p", "type": "ping"})  # by its pong, check 1 has left the queue and is running
    assert host.recv()["id"] == "p"
    host.send({"id": 2, "type": "check", "text": "He go.", "field": "f"})
    host.send({"id": 3, "type": "check", "text": "He goes.", "field": "f"})
    host.send({"id": 4, "type": "check", "text": "She go.", "field": "other"})
    replies = {r["id"]: r for r in [host.recv() for _ in range(4)]}
    assert replies[2]["code"] == "superseded"
    assert [replies[i]["type"] for i in (1, 3, 4)] == ["result"] * 3
    assert_clean_exit(host)


def test_a_streamed_check_sends_each_paragraph_then_the_whole_result(host, checker):
    """Protocol 2: the real host answers `partial: true` a paragraph at a time, the one asked for
    first first, each with the whole text's suggestions there, then the same result as ever;
    a newer check of the field stops the stream halfway."""
    paragraphs = [f"On day {n} she go to the {w} and buy {n} apple. Then they goes home." for n, w in
                  enumerate(["shop", "market", "school", "park", "library", "office"])]
    text = "\n".join(paragraphs)
    at = text.index(paragraphs[3])
    host.send({"id": 1, "type": "hello", "protocol": 2})
    assert "partial" in host.recv()["capabilities"]
    host.send({"id": 2, "type": "check", "text": text, "partial": True, "first": [[at + 5, at + 5]]})
    got = host.until(2)
    parts, final = got[:-1], got[-1]
    assert final["type"] == "result" and final["suggestions"] == expected(checker, text)
    assert [p["type"] for p in parts] == ["partial"] * len(paragraphs)
    assert parts[0]["start"] == at and [p["start"] for p in parts[1:]] == sorted(p["start"] for p in parts[1:])
    assert sorted((s for p in parts for s in p["suggestions"]), key=lambda s: (s["start"], s["end"])) == \
        final["suggestions"]
    assert all(len(p["suggestions"]) >= 2 for p in parts), parts  # each paragraph has two errors

    # A longer text, nothing of it cached (the checker batches paragraphs after the first, so a
    # short one could be done before the newer check arrives).
    longer = "\n".join(f"In week {n} the {w} team sent {n + 3} reports. Then they goes home at {n % 12 + 1}." for n, w in
                        enumerate(["sales", "design", "support", "legal", "finance", "research"] * 6))
    host.send({"id": 3, "type": "check", "text": longer, "partial": True, "field": "f"})
    assert host.recv()["type"] == "partial"
    host.send({"id": 4, "type": "check", "text": "He go.", "partial": True, "field": "f"})
    got = host.until(4)
    assert [r.get("code") for r in got if r["id"] == 3 and r["type"] == "error"] == ["superseded"]
    assert len([r for r in got if r["id"] == 3]) < 36  # it stopped halfway
    assert got[-1]["type"] == "result" and got[-1]["suggestions"] == expected(checker, "He go.")
    assert_clean_exit(host)


def test_bad_frames_get_errors_and_the_host_keeps_reading(host):
    host.send(raw=b"")                                               # zero length
    host.send(raw=b"\xc3\x28 not utf-8")
    host.send(raw=b'{"id": 5, "type": "check", "text": 7}')
    host.write(HEADER.pack(protocol.MAX_FRAME_BYTES + 1) + b" " * (protocol.MAX_FRAME_BYTES + 1))
    host.send({"id": 6, "type": "check", "text": "x" * (protocol.MAX_TEXT_CHARS + 1)})
    got = [host.recv(10) for _ in range(5)]
    assert [(r["id"], r["code"]) for r in got] == [
        (None, "bad_request"), (None, "bad_request"), (5, "bad_request"), (None, "too_large"), (6, "too_large")]
    host.send({"id": 7, "type": "ping"})
    assert host.recv(10) == {"id": 7, "type": "pong"}
    assert_clean_exit(host)


def test_exits_cleanly_when_stdin_closes_mid_check(host):
    host.send({"id": 1, "type": "check", "text": LONG_TEXT})
    host.send({"id": 2, "type": "ping"})
    assert host.recv(10)["type"] == "pong"
    started = time.monotonic()
    assert_clean_exit(host)
    assert time.monotonic() - started < 20


@pytest.mark.parametrize("tail", [
    b"\x05\x00",                                       # half a header
    HEADER.pack(100) + b'{"id": 1, "type"',            # a length larger than the data
    HEADER.pack(0xFFFFFFFF) + b"x" * 1000,             # a huge length, then the end
], ids=["half-header", "length-past-data", "huge-length"])
def test_a_truncated_last_frame_is_the_end_of_input(host, tail):
    host.send({"id": 1, "type": "ping"})
    assert host.recv(10)["type"] == "pong"
    host.write(tail)
    assert_clean_exit(host)


def test_without_a_model_hello_still_answers_and_checks_are_unavailable(tmp_path):
    h = NativeHost("--model-dir", str(tmp_path / "no-model-here"))
    h.send({"id": 1, "type": "hello"})
    assert h.recv(30)["type"] == "hello"
    h.send({"id": 2, "type": "check", "text": "She go home."})
    reply = h.recv(30)
    assert (reply["id"], reply["code"]) == (2, "unavailable") and "redline doctor" in reply["message"]
    h.send({"id": 3, "type": "ping"})
    assert h.recv(30)["type"] == "pong"
    assert h.close() == 0 and h.garbage == []


def test_stray_prints_cannot_reach_the_frame_stream():
    code = ("import os, sys\n"
            "from native_host.transports.native_messaging import claim_stdout, encode_frame\n"
            "fd = claim_stdout()\n"
            "print('python noise'); sys.stdout.flush()\n"
            "os.system('echo child-process noise')\n"
            "os.write(fd, encode_frame(b'{}'))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout == HEADER.pack(2) + b"{}"
    assert b"python noise" in out.stderr and b"child-process noise" in out.stderr


# --- fuzzing ---------------------------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400), st.integers(min_value=0, max_value=64))
def test_read_frame_never_raises_or_overreads(stream, limit):
    src = io.BytesIO(stream)
    while (got := read_frame(src, max_bytes=limit)) is not None:
        assert isinstance(got, FrameTooLarge) and got.size > limit or len(got) <= limit
    assert src.tell() <= len(stream)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3),
    max_leaves=10,
)
known_keys = st.sampled_from(["id", "type", "text", "language", "field", "target", "protocol"])
nasty_payloads = st.one_of(
    st.binary(max_size=200),                                                       # random bytes
    st.binary(min_size=1, max_size=50).map(lambda b: b'{"id": 1, "type": "ping"' + b"\xff" + b),  # invalid UTF-8
    st.integers(1, 200_000).map(lambda n: b"[" * n + b"]" * n),                    # deep nesting
    st.integers(1, 100_000).map(lambda n: b'{"a":' * n + b"1" + b"}" * n),
    st.integers(protocol.MAX_TEXT_CHARS + 1, 60_000).map(                          # huge strings
        lambda n: json.dumps({"id": 1, "type": "check", "text": "ab" * (n // 2 + 1)}).encode()),
    st.sampled_from([b'{"id": 1, "type": "check", "text": "\\ud800x\\udc00"}',   # lone surrogates
                     b'{"id": "\\udfff", "type": "ping"}',
                     b'{"id": 1, "type": "check", "text": "a", "field": "\\ud83d"}',
                     b'{"id": 1, "type": "cancel", "target": "\\ud800"}', b"", b"null", b"[]", b'"ping"']),
    st.dictionaries(known_keys, json_values | st.sampled_from(["ping", "cancel", "hello", "check"]),
                    max_size=5).map(lambda d: json.dumps(d).encode()),             # wrong types
)


@pytest.fixture(scope="module")
def shared_host():
    h = NativeHost()
    yield h
    assert_clean_exit(h)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow, HealthCheck.data_too_large])
@given(payload=nasty_payloads)
def test_fuzzed_messages_get_well_formed_replies_and_the_host_carries_on(shared_host, payload):
    shared_host.send(raw=payload)
    ping_id = f"ping-{time.monotonic_ns()}"
    shared_host.send({"id": ping_id, "type": "ping"})
    for reply in shared_host.until(ping_id, timeout=30):
        assert isinstance(reply, dict) and reply["type"] in ("error", "result", "pong", "hello", "cancelled")
        if reply["type"] == "error":
            assert reply["code"] in protocol.ERROR_CODES and reply["message"]
    assert shared_host.garbage == []


@settings(max_examples=10, deadline=None)
@given(st.lists(st.one_of(st.binary(max_size=64),
                          st.builds(lambda n, b: HEADER.pack(n) + b, st.integers(0, 2**32 - 1), st.binary(max_size=32)),
                          st.just(frame({"id": 1, "type": "ping"}))), min_size=1, max_size=6))
def test_random_byte_streams_end_in_a_clean_exit(chunks):
    h = NativeHost()
    try:
        h.write(b"".join(chunks))
        assert_clean_exit(h)
    finally:
        if h.proc.poll() is None:
            h.proc.kill()
            h.proc.wait()


# --- pathological inputs: answered or refused within the work budget (issue 24) -------------------

PATHOLOGICAL = {
    "teh x60": "teh " * 60,                                           # one 240-character sentence: 126 s before
    "teh x5000": "teh " * 5000,                                       # 20,000 characters
    "20,000 unpunctuated": ("the cat sat on teh mat and " * 800)[:20000],
    "2,000 sentences": "I go. " * 2000,
}
# The budget of 20,000 units is 9.5 s of the check thread's CPU time, and never more than
# WALL_CAP times that in wall-clock time. On a machine not busy with other work the two are
# about the same, and the bound is 10.5 s; on one that is, the wall-clock cap.
BOUND_S = 10.5


def test_pathological_inputs_are_answered_or_refused_in_bounded_time(host):
    from native_host.engine import WALL_CAP, budget_s
    host.send({"id": 0, "type": "check", "text": "Warm up."})  # the model is loaded
    assert host.recv(60)["type"] == "result"
    for name, text in PATHOLOGICAL.items():
        busy = os.getloadavg()[0] > os.cpu_count()
        bound = WALL_CAP * budget_s(text) + 1 if busy else BOUND_S
        started = time.monotonic()
        host.send({"id": name, "type": "check", "text": text})
        reply = host.recv(60)
        took = time.monotonic() - started
        assert reply["id"] == name
        assert reply["type"] == "result" or reply["code"] == "too_large", reply
        assert took < bound, f"{name}: {took:.1f} s (bound {bound:.1f} s, machine {'busy' if busy else 'not busy'})"
        # The thread is free again: a short check is answered at once.
        started = time.monotonic()
        host.send({"id": f"after {name}", "type": "check", "text": "She go to school."})
        assert host.recv(10)["type"] == "result"
        assert time.monotonic() - started < 2, f"after {name}: {time.monotonic() - started:.1f} s"
    assert_clean_exit(host)


def test_cancelling_a_pathological_check_frees_the_host_at_once(host):
    host.send({"id": 0, "type": "check", "text": "Warm up."})  # the model is loaded
    assert host.recv(60)["type"] == "result"
    host.send({"id": 1, "type": "check", "text": PATHOLOGICAL["teh x60"]})
    time.sleep(0.5)
    started = time.monotonic()
    host.send({"id": 2, "type": "cancel", "target": 1})
    host.send({"id": 3, "type": "check", "text": "She go to school."})
    got = host.until(3, 10)
    assert got[-1]["type"] == "result"
    assert time.monotonic() - started < 1.0, f"the next check waited {time.monotonic() - started:.1f} s"
    assert [r.get("code") for r in got if r["id"] == 1] == ["cancelled"]
    assert_clean_exit(host)


def test_stdin_closing_mid_pathological_check_exits_within_a_second(host):
    host.send({"id": 0, "type": "check", "text": "Warm up."})
    assert host.recv(60)["type"] == "result"
    host.send({"id": 1, "type": "check", "text": PATHOLOGICAL["teh x60"]})
    time.sleep(0.5)
    started = time.monotonic()
    assert_clean_exit(host)
    assert time.monotonic() - started < 1.5, f"exit took {time.monotonic() - started:.1f} s"
