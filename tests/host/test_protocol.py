"""protocol.py: every inbound message is validated, every reply fits the browsers' limit."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from native_host import protocol
from native_host.protocol import ProtocolError, parse_request


def req(**msg):
    return json.dumps(msg).encode()


def refused(data) -> ProtocolError:
    with pytest.raises(ProtocolError) as info:
        parse_request(data)
    return info.value


def test_valid_requests_parse_into_their_shapes():
    assert parse_request(req(id=1, type="hello", protocol=1, client="x/1")) == protocol.Hello(1, 1, "x/1")
    assert parse_request(req(id="a", type="check", text="Hi", language="en-US", field="f")) == \
        protocol.Check("a", "Hi", "en-US", "f")
    assert parse_request(req(id=3, type="cancel", target="a")) == protocol.Cancel(3, "a")
    assert parse_request(req(id=4, type="ping", extra={"ignored": True})) == protocol.Ping(4)


@pytest.mark.parametrize("data, code, rid", [
    (b"\xff\xfe{}", "bad_request", None),                            # not UTF-8
    (b"{not json", "bad_request", None),
    (b'{"id": 1, "type": "ping", "x": NaN}', "bad_request", None),  # NaN is not JSON
    (b"[1, 2]", "bad_request", None),
    (req(type="ping"), "bad_request", None),                         # no id
    (req(id=True, type="ping"), "bad_request", None),
    (req(id=1.5, type="ping"), "bad_request", None),
    (req(id=2**60, type="ping"), "bad_request", None),               # not exact in JavaScript
    (req(id="x" * 129, type="ping"), "bad_request", None),
    (b'{"id": "\\ud800", "type": "ping"}', "bad_request", None),     # lone surrogate id can't be echoed
    (req(id=1, type="nope"), "bad_request", 1),
    (req(id=1, type=["check"]), "bad_request", 1),
    (req(id=1, type="check"), "bad_request", 1),                     # no text
    (req(id=1, type="check", text=5), "bad_request", 1),
    (req(id=1, type="check", text="a", language="english please"), "bad_request", 1),
    (req(id=1, type="check", text="a", field=7), "bad_request", 1),
    (req(id=1, type="check", text="a" * (protocol.MAX_TEXT_CHARS + 1)), "too_large", 1),
    (req(id=1, type="check", text="😀" * (protocol.MAX_TEXT_CHARS // 2 + 1)), "too_large", 1),  # UTF-16 units
    (req(id=1, type="cancel"), "bad_request", 1),
    (req(id=1, type="cancel", target=None), "bad_request", 1),
    (req(id=1, type="hello", protocol="1"), "bad_request", 1),
    (b" " * (protocol.MAX_FRAME_BYTES + 1), "too_large", None),
    (b"[" * 150_000 + b"]" * 150_000, "too_large", None),
    (b"[" * 50_000 + b"]" * 50_000, "bad_request", None),            # nested past the recursion limit
    (b"1" * 5000, "bad_request", None),                              # past Python's int digit limit
    (b"", "bad_request", None),
])
def test_bad_requests_get_a_code_and_keep_the_id_when_known(data, code, rid):
    e = refused(data)
    assert (e.code, e.request_id) == (code, rid)
    assert e.message and "aaaa" not in e.message


def test_lone_surrogates_in_text_become_one_unit_replacement_chars():
    check = parse_request(b'{"id": 1, "type": "check", "text": "a\\ud800b\\udfff"}')
    assert check.text == "a\ufffdb\ufffd"
    assert protocol.utf16_len(check.text) == 4


def test_replies_always_encode_as_strict_utf8_json():
    data = protocol.encode(protocol.result("é", [{"start": 0, "end": 1, "text": "😀"}], 1.234))
    assert json.loads(data.decode("utf-8")) == {
        "id": "é", "type": "result", "suggestions": [{"start": 0, "end": 1, "text": "😀"}],
        "elapsed_ms": 1.2, "truncated": False}


def test_a_result_over_the_limit_is_trimmed_and_flagged():
    suggestions = [{"start": i, "end": i + 1, "text": "x", "message": "m" * 100} for i in range(20_000)]
    data = protocol.encode(protocol.result(7, suggestions, 5.0), max_bytes=protocol.MAX_REPLY_BYTES)
    assert len(data) <= protocol.MAX_REPLY_BYTES
    msg = json.loads(data)
    assert msg["truncated"] is True and msg["id"] == 7
    assert 0 < len(msg["suggestions"]) < len(suggestions)
    assert msg["suggestions"] == suggestions[: len(msg["suggestions"])]  # the leading ones, in order
    one_more = {**msg, "suggestions": suggestions[: len(msg["suggestions"]) + 1]}
    assert len(json.dumps(one_more, ensure_ascii=False, separators=(",", ":")).encode()) > protocol.MAX_REPLY_BYTES


def test_a_small_result_is_not_flagged():
    assert json.loads(protocol.encode(protocol.result(1, [], 0.0)))["truncated"] is False


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_never_raise_anything_but_protocol_errors(data):
    try:
        parse_request(data)
    except ProtocolError as e:
        assert e.code in protocol.ERROR_CODES


@settings(max_examples=500, deadline=None)
@given(st.dictionaries(st.sampled_from(["id", "type", "text", "language", "field", "target", "protocol", "client"]),
                       json_values | st.sampled_from(["check", "cancel", "ping", "hello"]), max_size=6))
def test_wrong_types_in_known_keys_are_refused_cleanly(msg):
    try:
        parsed = parse_request(json.dumps(msg).encode())
    except ProtocolError as e:
        assert e.code in ("bad_request", "too_large")
        if isinstance(msg.get("id"), int) and not isinstance(msg.get("id"), bool) and abs(msg["id"]) < 2**53:
            assert e.request_id in (None, msg["id"])
    else:
        assert parsed.id == msg["id"]
        encoded = protocol.encode(protocol.pong(parsed.id))  # whatever id we accept, we can echo
        assert json.loads(encoded)["id"] == msg["id"]


def test_the_longest_text_fits_a_frame_even_when_every_character_is_escaped():
    """max_text_chars control characters (6 bytes each in JSON), with every optional key at its
    largest, still make a frame the host reads."""
    text = "\x01" * protocol.MAX_TEXT_CHARS
    data = json.dumps({"id": "i" * protocol.MAX_ID_CHARS, "type": "check", "text": text, "language": "en-" + "x" * 8,
                       "field": "f" * protocol.MAX_FIELD_CHARS, "partial": True,
                       "first": [[protocol.MAX_TEXT_CHARS, protocol.MAX_TEXT_CHARS]] * protocol.MAX_FIRST_RANGES})
    assert len(data.encode()) <= protocol.MAX_FRAME_BYTES
    assert parse_request(data).text == text
