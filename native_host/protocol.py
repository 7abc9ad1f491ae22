"""The host protocol's message shapes, written once (see PROTOCOL.md).

Parsing and validation turn raw bytes into a typed request or a
`ProtocolError` carrying the error code and, where it could be read, the
request's id. Encoding keeps every reply under a byte limit. No I/O here:
both transports call these functions and `session.Session` does the work.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Union

from .limits import MAX_CHECK_UTF16, MAX_FRAME_BYTES, MAX_REPLY_BYTES
from .offsets import utf16_len

PROTOCOL_VERSION = 2  # 2: a check may ask for `partial` results, a paragraph at a time
CAPABILITIES = {1: ("check", "cancel", "ping"), 2: ("check", "cancel", "ping", "partial")}
ERROR_CODES = (
    "bad_request", "too_large", "unauthorized", "busy", "cancelled", "superseded", "unavailable", "internal",
    "unsupported_language",
)

# Documented limits (PROTOCOL.md, "Limits").
MAX_TEXT_CHARS = MAX_CHECK_UTF16  # longest `text` a check accepts, in UTF-16 code units (limits.py)
MAX_ID_CHARS = 128
MAX_FIELD_CHARS = 256
MAX_LANGUAGE_CHARS = 35        # the longest BCP 47 tag in practice
MAX_FIRST_RANGES = 8           # ranges a check may ask to be answered first
_MAX_INT_ID = 2**53 - 1        # what a JS number holds exactly

RequestId = Union[int, str, None]
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")


class ProtocolError(Exception):
    """A request that gets an `error` reply. `message` is shown to people: it
    never quotes the text they typed."""

    def __init__(self, code: str, message: str, request_id: RequestId = None):
        assert code in ERROR_CODES, code
        super().__init__(message)
        self.code = code
        self.message = message
        self.request_id = request_id


@dataclass(frozen=True)
class Hello:
    id: RequestId
    protocol: int | None
    client: str | None


@dataclass(frozen=True)
class Check:
    id: RequestId
    text: str
    language: str | None
    field: str | None
    partial: bool = False                      # send `partial` replies, a paragraph at a time
    first: tuple[tuple[int, int], ...] = ()    # UTF-16 ranges of `text` to check first (what is in view)


@dataclass(frozen=True)
class Cancel:
    id: RequestId
    target: RequestId


@dataclass(frozen=True)
class Ping:
    id: RequestId


Request = Union[Hello, Check, Cancel, Ping]


# --- inbound -----------------------------------------------------------------

def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def decode(data: bytes | str) -> Any:
    """Bytes (UTF-8 JSON) to a Python value, or ProtocolError(bad_request)."""
    if isinstance(data, (bytes, bytearray)):
        try:
            data = bytes(data).decode("utf-8")
        except UnicodeDecodeError:
            raise ProtocolError("bad_request", "The message is not valid UTF-8.") from None
    if len(data.encode("utf-8", "surrogatepass")) > MAX_FRAME_BYTES:
        raise ProtocolError("too_large", f"The message is larger than {MAX_FRAME_BYTES} bytes.")
    try:
        return json.loads(data, parse_constant=_reject_constant)
    except RecursionError:
        raise ProtocolError("bad_request", "The message is nested too deeply.") from None
    except ValueError:  # JSONDecodeError, NaN/Infinity, ints past Python's digit limit
        raise ProtocolError("bad_request", "The message is not valid JSON.") from None


def _request_id(value: Any) -> RequestId:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ProtocolError("bad_request", "`id` must be a string or an integer.")
    if isinstance(value, int) and abs(value) > _MAX_INT_ID:
        raise ProtocolError("bad_request", "`id` is outside the range a JavaScript number holds exactly.")
    if isinstance(value, str) and (len(value) > MAX_ID_CHARS or _LONE_SURROGATE.search(value)):
        raise ProtocolError("bad_request", f"`id` must be valid Unicode of at most {MAX_ID_CHARS} characters.")
    return value


def _optional_str(msg: dict, key: str, limit: int, rid: RequestId) -> str | None:
    value = msg.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > limit:
        raise ProtocolError("bad_request", f"`{key}` must be a string of at most {limit} characters.", rid)
    return value


def _ranges(value: Any, length: int, rid: RequestId) -> tuple[tuple[int, int], ...]:
    """`first`: a list of [start, end] UTF-16 ranges within the text."""
    if value is None:
        return ()
    problem = f"`first` must be a list of at most {MAX_FIRST_RANGES} [start, end] ranges within `text`."
    if not isinstance(value, list) or len(value) > MAX_FIRST_RANGES:
        raise ProtocolError("bad_request", problem, rid)
    out = []
    for r in value:
        if not (isinstance(r, list) and len(r) == 2 and all(type(x) is int for x in r) and 0 <= r[0] <= r[1] <= length):
            raise ProtocolError("bad_request", problem, rid)
        out.append((r[0], r[1]))
    return tuple(out)


def parse_request(data: bytes | str) -> Request:
    """Validate one inbound message. Unknown keys are ignored so that newer
    extensions can add optional fields; known keys must have the right type."""
    msg = decode(data)
    if not isinstance(msg, dict):
        raise ProtocolError("bad_request", "A message must be a JSON object.")
    if "id" not in msg:
        raise ProtocolError("bad_request", "The message has no `id`.")
    rid = _request_id(msg["id"])
    kind = msg.get("type")
    if kind == "check":
        text = msg.get("text")
        if not isinstance(text, str):
            raise ProtocolError("bad_request", "`text` must be a string.", rid)
        if utf16_len(text) > MAX_TEXT_CHARS:
            raise ProtocolError("too_large", f"The text is longer than {MAX_TEXT_CHARS} characters.", rid)
        language = _optional_str(msg, "language", MAX_LANGUAGE_CHARS, rid)
        if language is not None and not _LANGUAGE.match(language):
            raise ProtocolError("bad_request", "`language` must be a language tag such as en-US.", rid)
        # A browser field may hold a lone surrogate; U+FFFD is also one UTF-16
        # unit, so the offsets we return still index the caller's string.
        text = _LONE_SURROGATE.sub("\ufffd", text)
        partial = msg.get("partial", False)
        if not isinstance(partial, bool):
            raise ProtocolError("bad_request", "`partial` must be true or false.", rid)
        return Check(rid, text, language, _optional_str(msg, "field", MAX_FIELD_CHARS, rid), partial,
                     _ranges(msg.get("first"), utf16_len(text), rid))
    if kind == "cancel":
        if "target" not in msg:
            raise ProtocolError("bad_request", "`cancel` needs a `target` id.", rid)
        try:
            target = _request_id(msg["target"])
        except ProtocolError as e:
            raise ProtocolError("bad_request", e.message.replace("`id`", "`target`"), rid) from None
        return Cancel(rid, target)
    if kind == "ping":
        return Ping(rid)
    if kind == "hello":
        protocol = msg.get("protocol")
        if protocol is not None and (isinstance(protocol, bool) or not isinstance(protocol, int)):
            raise ProtocolError("bad_request", "`protocol` must be an integer.", rid)
        return Hello(rid, protocol, _optional_str(msg, "client", 200, rid))
    if not isinstance(kind, str):
        raise ProtocolError("bad_request", "The message has no string `type`.", rid)
    raise ProtocolError("bad_request", "Unknown message type; expected hello, check, cancel or ping.", rid)


# --- outbound ----------------------------------------------------------------

def error(request_id: RequestId, code: str, message: str) -> dict:
    assert code in ERROR_CODES, code
    return {"id": request_id, "type": "error", "code": code, "message": message}


def negotiate(client_version: int | None) -> int:
    """The version a connection speaks: the client's, where it names an older one we speak too
    (a version-1 extension gets version-1 answers), else ours."""
    return client_version if client_version in CAPABILITIES else PROTOCOL_VERSION


def hello(request_id: RequestId, *, host_version: str, model: str, transport: str, version: int = PROTOCOL_VERSION) -> dict:
    return {
        "id": request_id, "type": "hello", "protocol": version, "host_version": host_version,
        "model": model, "capabilities": list(CAPABILITIES[version]),
        "limits": {"max_text_chars": MAX_TEXT_CHARS, "max_frame_bytes": MAX_FRAME_BYTES},
        "transport": transport,
    }


def result(request_id: RequestId, suggestions: list[dict], elapsed_ms: float) -> dict:
    return {"id": request_id, "type": "result", "suggestions": suggestions,
            "elapsed_ms": round(elapsed_ms, 1), "truncated": False}


def partial(request_id: RequestId, start: int, end: int, suggestions: list[dict], elapsed_ms: float) -> dict:
    """The suggestions of text[start:end] (UTF-16), sent while the rest of the text is checked."""
    return {"id": request_id, "type": "partial", "start": start, "end": end, "suggestions": suggestions,
            "elapsed_ms": round(elapsed_ms, 1), "truncated": False}


def cancelled(request_id: RequestId, target: RequestId, found: bool) -> dict:
    return {"id": request_id, "type": "cancelled", "target": target, "found": found}


def pong(request_id: RequestId) -> dict:
    return {"id": request_id, "type": "pong"}


def _dumps(msg: dict) -> bytes:
    # Replies hold only text we produced or validated (no lone surrogates).
    return json.dumps(msg, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def encode(msg: dict, max_bytes: int = MAX_REPLY_BYTES) -> bytes:
    """JSON bytes of `msg`, at most `max_bytes` long. A result too large keeps
    as many leading suggestions as fit and says `truncated: true` (a partial too); any other
    message too large becomes an `internal` error (it cannot happen with the
    limits above, but a frame over the browser's limit would kill the port)."""
    data = _dumps(msg)
    if len(data) <= max_bytes:
        return data
    if msg.get("type") in ("result", "partial"):
        suggestions = msg["suggestions"]
        lo, hi = 0, len(suggestions)  # find the most suggestions that fit
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if len(_dumps({**msg, "suggestions": suggestions[:mid], "truncated": True})) <= max_bytes:
                lo = mid
            else:
                hi = mid - 1
        return _dumps({**msg, "suggestions": suggestions[:lo], "truncated": True})
    return _dumps(error(msg.get("id"), "internal", "The reply was too large to send."))
