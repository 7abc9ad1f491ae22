"""Partial results (PROTOCOL.md, version 2): a check that asks for them is answered a paragraph
at a time, what the person sees first, then the final result; cancel and a newer check of the
same field stop it halfway; a version-1 client sees none of it. On a fake engine
(fake_engine.py); the real host streams in test_native_messaging.py."""

from __future__ import annotations

import asyncio
import itertools
import json

import pytest
from fake_engine import WordListChecker
from test_hardening import Conversation, wait_until

from native_host import protocol

PARAGRAPHS = ["Hi team,", "I recieve teh notes. We go home.", "Their plan is fine. 😀 I go too.",
              "The last paragraph says alot."]
TEXT = "\n".join(PARAGRAPHS)


def u16(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def span_of(text: str, paragraph: str) -> tuple[int, int]:
    at = text.index(paragraph)
    return u16(text[:at]), u16(text[:at + len(paragraph)])


async def until_final(c: Conversation, rid, timeout: float = 10) -> dict:
    """The reply that ends request `rid` (its result or error), after its partials."""
    async def wait():
        while not (got := replies_of(c, rid)) or got[-1]["type"] == "partial":
            c.got.clear()
            await c.got.wait()
        return got[-1]
    return await asyncio.wait_for(wait(), timeout)


def replies_of(c: Conversation, rid) -> list[dict]:
    return [r for r in c.replies if r["id"] == rid and r["type"] != "cancelled"]


async def test_a_streamed_check_answers_a_paragraph_at_a_time_the_visible_one_first():
    c = Conversation(WordListChecker())
    try:
        await c.send(id=1, type="check", text=TEXT)
        whole = await c.reply_to(1)
        visible = span_of(TEXT, PARAGRAPHS[2])
        await c.send(id=2, type="check", text=TEXT, partial=True, first=[[visible[0] + 3, visible[0] + 3]])
        await until_final(c, 2)
        got = replies_of(c, 2)
        parts, final = got[:-1], got[-1]
        assert [r["type"] for r in parts] == ["partial"] * len(parts) and final["type"] == "result"
        assert final["suggestions"] == whole["suggestions"]  # the final result is the whole answer
        # The paragraph in view first, then the rest in order; together they cover the text.
        assert (parts[0]["start"], parts[0]["end"]) == (visible[0], visible[1] + 1)
        spans = sorted((p["start"], p["end"]) for p in parts)
        assert spans[0][0] == 0 and spans[-1][1] == u16(TEXT) and all(a[1] == b[0] for a, b in itertools.pairwise(spans))
        assert [p["start"] for p in parts[1:]] == sorted(p["start"] for p in parts[1:])
        # Each part: the suggestions inside it, offsets into the whole text (after an emoji, UTF-16).
        assert sorted((s for p in parts for s in p["suggestions"]), key=lambda s: s["start"]) == whole["suggestions"]
        for p in parts:
            assert all(p["start"] <= s["start"] < p["end"] for s in p["suggestions"])
            assert p["elapsed_ms"] >= 0 and p["truncated"] is False
        assert any(s["text"] == "go" and s["start"] > u16(TEXT[:TEXT.index("😀")]) for s in parts[0]["suggestions"])
    finally:
        await c.close()


async def test_a_check_without_partial_gets_only_its_result():
    c = Conversation(WordListChecker())
    try:
        await c.send(id=1, type="check", text=TEXT, first=[[0, 3]])
        await c.reply_to(1)
        assert [r["type"] for r in replies_of(c, 1)] == ["result"]
    finally:
        await c.close()


@pytest.mark.parametrize("asked, version, streams", [(1, 1, False), (2, 2, True), (None, 2, True), (7, 2, True)])
async def test_hello_negotiates_the_version(asked, version, streams):
    """A version-1 extension is answered as version 1 (no `partial` capability); newer clients get 2."""
    c = Conversation(WordListChecker())
    try:
        await c.send(id=1, type="hello", **({} if asked is None else {"protocol": asked}))
        hello = await c.reply_to(1)
        assert hello["protocol"] == version and ("partial" in hello["capabilities"]) == streams
    finally:
        await c.close()


async def test_cancel_stops_a_stream_halfway_and_nothing_follows():
    c = Conversation(WordListChecker())
    try:
        text = "I recieve teh notes.\nSLOW and teh rest.\nThe end has alot."
        await c.send(id=1, type="check", text=text, partial=True)
        assert await asyncio.to_thread(c.checker.started.wait, 10)
        first = await c.reply_to(1)  # the first paragraph's, sent before the slow one started
        assert first["type"] == "partial" and first["suggestions"][0]["text"] == "recieve"
        await c.send(id=2, type="cancel", target=1)
        await asyncio.to_thread(wait_until, lambda: c.checker.stopped == 1, 5)
        await c.send(id=3, type="ping")
        await c.reply_to(3)
        assert [r["type"] for r in replies_of(c, 1)] == ["partial", "error"]
        assert replies_of(c, 1)[-1]["code"] == "cancelled"
    finally:
        await c.close()


async def test_a_newer_check_of_the_field_supersedes_a_running_stream():
    c = Conversation(WordListChecker())
    try:
        await c.send(id=1, type="check", text="I recieve teh notes.\nSLOW and teh rest.\nMore.", partial=True,
                     field="f")
        assert await asyncio.to_thread(c.checker.started.wait, 10)
        assert (await c.reply_to(1))["type"] == "partial"
        await c.send(id=2, type="check", text="We go.", field="f", partial=True)
        second = [r for r in replies_of(c, 2)]
        answer = await until_final(c, 2)
        assert answer["type"] == "result" and answer["suggestions"][0]["text"] == "go"
        assert [r["type"] for r in replies_of(c, 1)] == ["partial", "error"]
        assert replies_of(c, 1)[-1]["code"] == "superseded"
        assert c.checker.stopped == 1 and second == []
    finally:
        await c.close()


async def test_a_running_check_that_does_not_stream_is_not_superseded():
    """Version 1's rule: only a queued check is replaced (a running one would lose its work)."""
    c = Conversation(WordListChecker())
    try:
        await c.send(id=1, type="check", text="SLOW teh.", field="f")
        assert await asyncio.to_thread(c.checker.started.wait, 10)
        await c.send(id=2, type="check", text="We go.", field="f")
        await asyncio.sleep(0.1)
        c.checker.release.set()
        assert (await c.reply_to(1))["type"] == "result"
        assert (await c.reply_to(2))["type"] == "result"
    finally:
        await c.close()


@pytest.mark.parametrize("extra", [{"partial": "yes"}, {"first": [[0, 99]]}, {"first": [[2, 1]]},
                                   {"first": [0, 1]}, {"first": [[0, True]]}, {"first": [[0, 1]] * 9}])
def test_bad_streaming_fields_are_refused(extra):
    with pytest.raises(protocol.ProtocolError) as e:
        protocol.parse_request(json.dumps({"id": 1, "type": "check", "text": "short text", **extra}))
    assert e.value.code == "bad_request" and e.value.request_id == 1


def test_first_counts_utf16_units_and_a_partial_too_large_is_truncated():
    req = protocol.parse_request(json.dumps({"id": 1, "type": "check", "text": "😀 ab", "partial": True,
                                             "first": [[0, 5], [2, 2]]}))
    assert req.partial and req.first == ((0, 5), (2, 2))
    big = [{"start": i, "end": i + 1, "text": "x", "message": "m" * 100} for i in range(20_000)]
    data = json.loads(protocol.encode(protocol.partial(1, 0, 20_000, big, 1.0)))
    assert data["type"] == "partial" and data["truncated"] is True and 0 < len(data["suggestions"]) < 20_000
