"""LanguageTool's HTTP API on loopback (`POST /v2/check`, `GET /v2/languages`), so the
tools that already speak it (LanguageTool's browser add-on, LTeX, Obsidian, Emacs,
language_tool_python …) get Redline's checks without a change on their side.

`redline serve` (serve.py) starts it beside the websocket, on port 8081 (LanguageTool's
own default) unless `--lt-port` says otherwise or `--no-lt-api` turns it off. It shares
the websocket's `Engine` (one checker) but runs its checks on a thread of its own. Unlike
the websocket it takes no token, because LanguageTool clients cannot send one; what stands in for it
is the loopback Host check, an Origin check (extension origins from the allowlist,
LanguageTool's own add-on and Obsidian; never a web page), checks by POST only (a
page's cross-site POST always carries its Origin; an `<img>` GET may not), and limits
on size, time and checks at once. See docs/languagetool.md for the trade-off and the
client settings.

The shapes follow LanguageTool's server (RuleMatchesAsJsonSerializer, ApiV2,
V2TextChecker): UTF-16 offsets, `data` annotations whose markup is never checked but
still counted in offsets, errors as `Error: …` plain text with LanguageTool's status
codes. Each Redline category is one rule (`REDLINE_SPELLING` …) in the LanguageTool
category it is closest to (`TYPOS` …), so clients can turn it off by either id.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import __version__, security
from ..config import shows
from ..engine import ModelUnavailable, OverBudget, budget_s
from ..errors import CheckCancelled, TextTooLarge
from ..limits import MAX_LT_UTF16
from ..offsets import Utf16Map, utf16_len
from ..regions import sentences
from .runner import BODY_TIMEOUT_S

if TYPE_CHECKING:
    from aiohttp import web

    from ..engine import Engine

log = logging.getLogger("redline.languagetool")

DEFAULT_PORT = 8081               # where LanguageTool clients look for a local server
MAX_TEXT_CHARS = MAX_LT_UTF16     # plain text of one check, in UTF-16 units (LanguageTool counts so too)
MAX_BODY_BYTES = 4 * 1024 * 1024  # one request body: the text, percent-encoded, plus any markup
MAX_PENDING = 8                   # checks queued or running through this API at once (abandoned ones
                                  # until their thread lets go); more get 503
LANE_WORKERS = 1                  # threads running this API's checks, beside the extension's
CONTEXT_SIZE = 40                 # characters of context either side of a match, as LanguageTool

# LanguageTool's add-on for Chrome and Edge (its Chrome Web Store id), and Obsidian's
# app origin (its LanguageTool plugin calls fetch from the app). Firefox gives every
# install its own moz-extension:// UUID: that one goes in the allowlist.
LANGUAGETOOL_ADDON_ORIGIN = "chrome-extension://oldceeleldhonbafppcapldpdifcinji"
APP_ORIGINS = frozenset({"app://obsidian.md"})

# name, code, longCode; the English variants LanguageTool knows, sorted by name as it does.
LANGUAGES = (
    ("English", "en", "en"),
    ("English (Australian)", "en", "en-AU"),
    ("English (Canadian)", "en", "en-CA"),
    ("English (GB)", "en", "en-GB"),
    ("English (New Zealand)", "en", "en-NZ"),
    ("English (South African)", "en", "en-ZA"),
    ("English (US)", "en", "en-US"),
)
_BY_CODE = {long.lower(): (name, long) for name, _, long in LANGUAGES}
DEFAULT_VARIANT = "en-US"  # what LanguageTool picks for `auto` without preferredVariants


class LTError(Exception):
    """An answer of LanguageTool's kind: an HTTP status and `Error: <message>` as plain
    text. The message never quotes the text that was sent."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


# --- rules: one per Redline category ---------------------------------------------------------

@dataclass(frozen=True)
class Rule:
    id: str
    description: str
    issue_type: str        # LanguageTool's ITS issue types: misspelling, grammar, typographical, style …
    category_id: str       # LanguageTool's category ids, so clients' category switches apply
    category_name: str
    short_message: str
    type_name: str         # RuleMatch.Type: UnknownWord, Hint or Other


RULES = {
    "spelling": Rule("REDLINE_SPELLING", "Possible spelling mistake (Redline)", "misspelling",
                     "TYPOS", "Possible Typo", "Spelling mistake", "UnknownWord"),
    "grammar": Rule("REDLINE_GRAMMAR", "Grammar: verb forms, agreement, articles, prepositions, missing or extra words (Redline)",
                    "grammar", "GRAMMAR", "Grammar", "Grammar", "Other"),
    "punctuation": Rule("REDLINE_PUNCTUATION", "Punctuation (Redline)", "typographical",
                        "PUNCTUATION", "Punctuation", "Punctuation", "Other"),
    "capitalization": Rule("REDLINE_CAPITALIZATION", "Capitalization (Redline)", "typographical",
                           "CASING", "Capitalization", "Capitalization", "Other"),
    "word-choice": Rule("REDLINE_WORD_CHOICE", "Commonly confused words and word choice (Redline)", "grammar",
                        "CONFUSED_WORDS", "Commonly Confused Words", "Word choice", "Other"),
    "style": Rule("REDLINE_STYLE", "Style: rephrasing (Redline)", "style", "STYLE", "Style", "Style", "Hint"),
}
OTHER_RULE = Rule("REDLINE_OTHER", "Other suggestions (Redline)", "uncategorized", "MISC", "Miscellaneous", "", "Other")
# LanguageTool's own spelling rule ids (MORFOLOGIK_RULE_EN_US …, HUNSPELL_RULE): a client
# that turns LanguageTool's spelling off turns Redline's off too.
_SPELLING_ALIASES = re.compile(r"MORFOLOGIK_RULE_EN(_[A-Z]{2})?|HUNSPELL_RULE")


def _ids(value: str | None) -> frozenset[str]:
    return frozenset(s.strip() for s in (value or "").split(",") if s.strip())


@dataclass(frozen=True)
class Selection:
    """Which rules a request keeps: LanguageTool's enabledRules, disabledRules,
    enabledCategories, disabledCategories and enabledOnly. Every Redline rule is on
    by default, so enabling matters only together with enabledOnly."""

    enabled_rules: frozenset[str] = frozenset()
    disabled_rules: frozenset[str] = frozenset()
    enabled_categories: frozenset[str] = frozenset()
    disabled_categories: frozenset[str] = frozenset()
    enabled_only: bool = False

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> Selection:
        s = cls(_ids(params.get("enabledRules")), _ids(params.get("disabledRules")),
                _ids(params.get("enabledCategories")), _ids(params.get("disabledCategories")),
                params.get("enabledOnly") in ("true", "yes"))
        # LanguageTool refuses these two combinations with the same words.
        if s.enabled_only and (s.disabled_rules or s.disabled_categories):
            raise LTError(400, "You cannot specify disabled rules or categories using enabledOnly=true")
        if s.enabled_only and not (s.enabled_rules or s.enabled_categories):
            raise LTError(400, "You must specify enabled rules or categories when using enabledOnly=true")
        return s

    def keeps(self, rule: Rule) -> bool:
        if self.enabled_only:
            return _named(rule, self.enabled_rules) or rule.category_id in self.enabled_categories
        return not (_named(rule, self.disabled_rules) or rule.category_id in self.disabled_categories)


def _named(rule: Rule, ids: frozenset[str]) -> bool:
    return rule.id in ids or (rule is RULES["spelling"] and any(_SPELLING_ALIASES.fullmatch(i) for i in ids))


# --- the text: `text`, or `data` with markup -------------------------------------------------

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class Annotated:
    """The text as sent (`original`, text and markup, what offsets point into) and the
    text that is checked (`plain`: text parts and `interpretAs`, never markup), with
    the span of `original` each code point of `plain` comes from."""

    def __init__(self) -> None:
        self._original: list[str] = []
        self._plain: list[str] = []
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._length = 0

    @classmethod
    def of_text(cls, text: str) -> Annotated:
        return cls().add_text(text).done()

    @classmethod
    def of_data(cls, data: str) -> Annotated:
        """LanguageTool's `data` parameter: {"text": …} or {"annotation": [{"text": …},
        {"markup": …, "interpretAs": …}, …]}."""
        try:
            doc = json.loads(data)
        except (ValueError, RecursionError):  # RecursionError: "[[[[…" nested past Python's limit
            raise LTError(400, "Could not parse JSON from 'data' parameter") from None
        if not isinstance(doc, dict):
            raise LTError(400, "'data' must be a JSON object with a 'text' or 'annotation' key")
        if "text" in doc and "annotation" in doc:
            raise LTError(400, "'data' key in JSON requires either 'text' or 'annotation' key, not both")
        if "text" in doc:
            return cls.of_text(_string(doc["text"], "text"))
        if not isinstance(doc.get("annotation"), list):
            raise LTError(400, "'data' key in JSON requires 'text' or 'annotation' key")
        out = cls()
        for node in doc["annotation"]:
            if not isinstance(node, dict):
                raise LTError(400, "Only 'text' and 'markup' are supported in 'annotation' list")
            if "text" in node and "markup" in node:
                raise LTError(400, "Only either 'text' or 'markup' are supported in an object in 'annotation' list, not both")
            if "text" in node and "interpretAs" in node:
                raise LTError(400, "'text' cannot be used with 'interpretAs' (only 'markup' can)")
            if "text" in node:
                out.add_text(_string(node["text"], "text"))
            elif "markup" in node:
                interpret = node.get("interpretAs")
                out.add_markup(_string(node["markup"], "markup"),
                               "" if interpret is None else _string(interpret, "interpretAs"))
            else:
                raise LTError(400, "Only 'text' and 'markup' are supported in 'annotation' list")
        return out.done()

    def add_text(self, text: str) -> Annotated:
        text = _LONE_SURROGATE.sub("\ufffd", text)  # one UTF-16 unit either way: offsets hold
        n = len(text)
        self._original.append(text)
        self._plain.append(text)
        self._starts.extend(range(self._length, self._length + n))
        self._ends.extend(range(self._length + 1, self._length + n + 1))
        self._length += n
        return self

    def add_markup(self, markup: str, interpret_as: str = "") -> Annotated:
        markup = _LONE_SURROGATE.sub("\ufffd", markup)
        interpret_as = _LONE_SURROGATE.sub("\ufffd", interpret_as)
        self._original.append(markup)
        self._plain.append(interpret_as)  # checked as if it were text, but it maps onto the whole markup
        self._starts.extend([self._length] * len(interpret_as))
        self._ends.extend([self._length + len(markup)] * len(interpret_as))
        self._length += len(markup)
        return self

    def done(self) -> Annotated:
        self.original, self.plain = "".join(self._original), "".join(self._plain)
        del self._original, self._plain
        return self

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """`plain[start:end]` (code points) as a span of `original` (code points): from the
        first character's start to the last one's end, so markup inside a span is
        covered and markup around it is not."""
        if start >= len(self.plain):
            return self._length, self._length
        if end <= start:
            return self._starts[start], self._starts[start]
        return self._starts[start], self._ends[end - 1]


def _string(value, name: str) -> str:
    if not isinstance(value, str):
        raise LTError(400, f"'{name}' in 'data' must be a string")
    return value


# --- language ----------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_ENGLISH = frozenset(
    ["the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these", "those", "i", "you", "he", "she", "we", "they", "me", "him", "her", "us", "them", "my", "your", "his", "our", "their", "not", "no", "do", "does", "did", "have", "has", "had", "will", "would", "can", "could", "should", "there", "here", "what", "which", "who", "when", "where", "why", "how", "if", "so", "than", "then", "all", "any", "some", "very", "just", "about", "into", "over", "after", "before", "also", "only", "one", "more", "most", "other", "such", "up", "out"])
# Frequent words of other Latin-script languages that are not English words.
_FOREIGN = frozenset(
    ["der", "die", "das", "und", "ist", "nicht", "ich", "sie", "wir", "ihr", "ein", "eine", "einen", "dem", "den", "des", "mit", "auf", "für", "von", "zu", "sich", "auch", "noch", "wie", "le", "la", "les", "et", "est", "une", "des", "du", "pas", "je", "vous", "nous", "que", "qui", "dans", "pour", "sur", "avec", "mais", "où", "sont", "cette", "ces", "el", "los", "las", "y", "es", "una", "que", "en", "por", "con", "para", "pero", "muy", "del", "al", "lo", "se", "su", "sus", "como", "está", "son", "il", "di", "che", "è", "per", "non", "sono", "della", "delle", "degli", "gli", "nel", "alla", "o", "os", "não", "uma", "um", "com", "para", "mas", "é", "são", "het", "een", "en", "van", "ik", "niet", "dat", "zijn", "op", "te", "voor", "met"]) - _ENGLISH


def english_confidence(text: str) -> float | None:
    """How English `text` looks, from 0 to 1, or None when there is too little to tell.
    Small word lists only, like the rest of the host: enough to refuse a French page
    sent as `auto`, not a language identifier."""
    letters = sum(ch.isalpha() for ch in text)
    if letters and sum(ch.isascii() and ch.isalpha() for ch in text) < 0.5 * letters:
        return 0.0  # mostly another script
    words = [w.lower() for w in _WORD.findall(text)]
    english = sum(w in _ENGLISH for w in words)
    foreign = sum(w in _FOREIGN for w in words)
    if english + foreign < 3:
        return None
    return english / (english + foreign)


def resolve_language(param: str | None, plain: str, preferred: str | None) -> tuple[dict, dict]:
    """The `language` and `language.detectedLanguage` objects of a reply, or LTError
    for a language Redline does not check."""
    if not param:
        raise LTError(400, "Missing 'language' parameter, e.g. 'language=en-US' for American English "
                           "or 'language=fr' for French")
    confidence = english_confidence(plain)
    if param.strip().lower() == "auto":
        if confidence is not None and confidence < 0.5:
            raise LTError(400, "The text does not look like English, and Redline checks English only. "
                               "Send language=en-US (or another English variant) to check it anyway.")
        variants = [c.strip() for c in (preferred or "").split(",")]
        code = next((c for c in variants if c.lower() in _BY_CODE and c.lower() != "en"), DEFAULT_VARIANT)
    else:
        code = param.strip().replace("_", "-")
    if code.lower() not in _BY_CODE:
        supported = ", ".join(sorted(long for _, _, long in LANGUAGES))
        raise LTError(400, f"'{param}' is not a language code known to Redline, which checks English only. "
                           f"Supported language codes are: {supported}.")
    name, long = _BY_CODE[code.lower()]
    language = {"name": name, "code": long}
    detected = {"name": name, "code": long, "confidence": round(1.0 if confidence is None else confidence, 4)}
    return language, detected


# --- the reply ---------------------------------------------------------------------------

def shown_at(suggestion: dict, sensitivity: str) -> bool:
    """Is a suggestion (with the `level` the checker gave it) shown at this sensitivity?"""
    return shows(sensitivity, suggestion.get("level"))


def check_reply(suggestions: list[dict], text: Annotated, language: dict, detected: dict,
                selection: Selection = Selection()) -> dict:
    """LanguageTool's /v2/check JSON for Redline's suggestions (UTF-16 offsets into
    `text.plain`, as Checker.check gives them)."""
    plain16, original16 = Utf16Map(text.plain), Utf16Map(text.original)
    spans = sentences(text.plain)
    starts = [s.start for s in spans]
    matches = []
    for s in suggestions:
        rule = RULES.get(s["category"], OTHER_RULE)
        if not selection.keeps(rule):
            continue
        a, b = plain16.from_utf16(s["start"]), plain16.from_utf16(s["end"])
        oa, ob = text.to_original(a, b)
        offset, end = original16.to_utf16(oa), original16.to_utf16(ob)
        i = bisect_right(starts, a) - 1
        sentence = spans[i].text if i >= 0 and a < spans[i].end else text.plain[a:b]
        matches.append({
            "message": s["message"],
            "shortMessage": rule.short_message,
            "replacements": [{"value": r} for r in s["replacements"]],
            "offset": offset,
            "length": end - offset,
            "context": _context(text.original, original16, oa, ob),
            "sentence": sentence.strip(),
            "type": {"typeName": rule.type_name},
            "rule": {"id": rule.id, "description": rule.description, "issueType": rule.issue_type,
                     "category": {"id": rule.category_id, "name": rule.category_name}},
            "ignoreForIncompleteSentence": False,
            "contextForSureMatch": 0,
            **({"confidence": s["confidence"]} if "confidence" in s else {}),  # Redline's; clients ignore it
        })
    matches.sort(key=lambda m: (m["offset"], m["length"]))
    ranges = []
    for span in spans:
        oa, ob = text.to_original(span.start, span.end)
        ranges.append([original16.to_utf16(oa), original16.to_utf16(ob)])
    return {
        "software": {"name": "Redline", "version": __version__, "buildDate": "", "apiVersion": 1,
                     "premium": False, "status": ""},
        "warnings": {"incompleteResults": False},
        "language": {**language, "detectedLanguage": detected},
        "matches": matches,
        "sentenceRanges": ranges,
    }


def _context(original: str, m: Utf16Map, start: int, end: int) -> dict:
    """LanguageTool's context: CONTEXT_SIZE UTF-16 units either side (never half a
    surrogate pair), "..." where cut, line breaks as spaces; offsets in UTF-16 units.
    `m` maps `original`; `start`, `end` are code points."""
    a16, b16 = m.to_utf16(start), m.to_utf16(end)
    lo = m.from_utf16(max(0, a16 - CONTEXT_SIZE))
    hi16 = min(m.to_utf16(len(original)), b16 + CONTEXT_SIZE)
    hi = m.from_utf16(hi16)
    if m.to_utf16(hi) < hi16:  # landed inside a pair: keep the whole character
        hi += 1
    prefix = "..." if lo > 0 else ""
    postfix = "..." if hi < len(original) else ""
    body = original[lo:hi].replace("\r", " ").replace("\n", " ")
    return {"text": prefix + body + postfix, "offset": len(prefix) + a16 - m.to_utf16(lo), "length": b16 - a16}


def languages_reply() -> list[dict]:
    return [{"name": name, "code": code, "longCode": long} for name, code, long in LANGUAGES]


# --- HTTP --------------------------------------------------------------------------------

class LanguageToolApi:
    """The app's state and handlers. Like websocket_server, aiohttp is imported only
    when the app is built."""

    OWNER = "languagetool"  # this API's checks, as the engine counts them

    def __init__(self, engine: Engine, allowed_origins: frozenset[str], max_pending: int = MAX_PENDING):
        self.engine = engine
        self.allowed_origins = allowed_origins | {LANGUAGETOOL_ADDON_ORIGIN}
        self.max_pending = max_pending
        # A thread of its own: a LanguageTool client, which needs no token, never makes the
        # extension's checks wait (two long requests once held them for 107 s).
        engine.add_lane(self.OWNER, LANE_WORKERS)

    def origin_allowed(self, origin: str) -> bool:
        return security.origin_allowed(origin, self.allowed_origins) or origin in APP_ORIGINS

    def app(self) -> web.Application:
        from aiohttp import web

        @web.middleware
        async def guard(request: web.Request, handler):
            origin = request.headers.get("Origin")
            cors = {}  # only once the request passed every check below: a refusal tells a page nothing
            try:
                # DNS rebinding: a page on evil.example resolving to 127.0.0.1 still sends Host: evil.example.
                if not security.host_is_loopback(request.host if "Host" in request.headers else None):
                    raise LTError(403, "Host must be a loopback name (127.0.0.1, localhost or [::1]).")
                if origin and not self.origin_allowed(origin):
                    raise LTError(403, "Origin not allowed: only extensions on Redline's allowlist, LanguageTool's "
                                       "add-on and Obsidian may use this API (see `redline serve --allow-origin`).")
                # No Origin, yet a browser says another site asked (an <img> or a link): refuse.
                if not origin and request.headers.get("Sec-Fetch-Site", "").strip().lower() in ("cross-site", "same-site"):
                    raise LTError(403, "Requests from web pages are not allowed.")
                if origin:
                    cors = {"Access-Control-Allow-Origin": origin, "Vary": "Origin"}
                if request.method == "OPTIONS":
                    return web.Response(status=204, headers={
                        **cors, "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                        "Access-Control-Allow-Headers": request.headers.get("Access-Control-Request-Headers", ""),
                        "Access-Control-Max-Age": "600"})
                response = await handler(request)
            except LTError as e:
                response = web.Response(status=e.status, text=f"Error: {e.message}", headers=cors)
                if e.status == 408:  # the rest of that body is not coming: close rather than wait for it
                    response.force_close()
            except web.HTTPException as e:  # aiohttp's own 404 and 405
                response = web.Response(status=e.status, text=f"Error: {e.reason}", headers=cors)
            except Exception as e:  # a bug: say so, without the request
                log.error("request failed: %s", type(e).__name__)
                response = web.Response(status=500, text="Error: Internal Error: the request failed inside Redline.",
                                        headers=cors)
            else:
                response.headers.update(cors)
            return response

        app = web.Application(middlewares=[guard], client_max_size=MAX_BODY_BYTES)
        app.router.add_route("*", "/v2/check", self.check)
        app.router.add_get("/v2/languages", self.languages)
        return app

    async def languages(self, request: web.Request) -> web.Response:
        from aiohttp import web
        return web.json_response(languages_reply())

    async def check(self, request: web.Request) -> web.Response:
        from aiohttp import web
        if request.method != "POST":  # a GET can come from any page's <img>, without an Origin
            raise LTError(405, "/v2/check needs to be called with POST")
        params = await _params(request)
        if "text" in params and "data" in params:
            raise LTError(400, "Set only 'text' or 'data' parameter, not both")
        if "text" in params:
            text = Annotated.of_text(params["text"])
        elif "data" in params:
            text = Annotated.of_data(params["data"])
        else:
            raise LTError(400, "Missing 'text' or 'data' parameter")
        size = utf16_len(text.plain)
        if size > MAX_TEXT_CHARS:
            raise LTError(413, f"Your text exceeds the limit of {MAX_TEXT_CHARS} characters (it's {size} characters). "
                               "Please submit a shorter text.")
        language, detected = resolve_language(params.get("language"), text.plain, params.get("preferredVariants"))
        selection = Selection.from_params(params)
        # level=picky shows everything Redline finds ("Thorough"); otherwise the "Balanced"
        # suggestions, as the extension shows by default. motherTongue, username, apiKey
        # and the rest: accepted, nothing to apply.
        widest = "thorough" if params.get("level") == "picky" else "balanced"
        # Counted by the engine, so a check whose client went away counts until it has stopped.
        if self.engine.live(self.OWNER) >= self.max_pending:
            raise LTError(503, "There are currently too many parallel requests. Please try again later.")
        try:
            # A client that disconnects cancels this handler, and that stops the check (engine.py).
            suggestions, _ = await self.engine.check(text.plain, owner=self.OWNER)
        except ModelUnavailable as e:
            raise LTError(503, str(e)) from None
        except TextTooLarge:  # the checker's own length limit
            raise LTError(413, "Your text is too long to check. Please submit a shorter text.") from None
        except OverBudget:
            raise LTError(503, f"Checking took longer than the allowed maximum of {budget_s(text.plain):.0f} "
                               "seconds. Please submit a shorter text.") from None
        except CheckCancelled:  # the host is shutting down
            raise LTError(503, "Redline is shutting down.") from None
        except Exception:  # engine.py logged it, without the text
            raise LTError(500, "Internal Error: the check failed inside Redline.") from None
        suggestions = [s for s in suggestions if shown_at(s, widest)]
        return web.json_response(check_reply(suggestions, text, language, detected, selection))


async def _params(request: web.Request) -> dict[str, str]:
    """Query string and form body together, as LanguageTool reads them (the body wins)."""
    from aiohttp import web
    params = dict(request.query)
    if request.method == "POST":
        try:
            async with asyncio.timeout(BODY_TIMEOUT_S):
                form = await request.post()
        except web.HTTPRequestEntityTooLarge:
            raise LTError(413, f"Your request is larger than the limit of {MAX_BODY_BYTES} bytes. "
                               "Please submit a shorter text.") from None
        except TimeoutError:
            raise LTError(408, f"The request body did not arrive within {BODY_TIMEOUT_S:.0f} seconds.") from None
        except Exception:  # a broken multipart body, an unknown charset, bytes that are not that charset …
            raise LTError(400, "Could not read the form parameters (use application/x-www-form-urlencoded).") from None
        params.update((k, v) for k, v in form.items() if isinstance(v, str))  # file fields: ignored
    return params
