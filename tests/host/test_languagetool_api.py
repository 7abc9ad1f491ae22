"""The LanguageTool-compatible HTTP API, over real HTTP.

Two servers: the API's own listener in a thread with a word-list checker (so every
field can be checked against LanguageTool's documented shapes whatever the model
flags), and `redline serve` itself with the model, whose matches must be exactly
the checker's. language_tool_python, unchanged from PyPI, is the client of both.
"""

import http.client
import json
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.parse

import pytest
from fake_engine import FIXES, AppServer, WordListChecker, expected, u16

from native_host.regions import sentences
from native_host.transports import languagetool_api as lt

REDLINE = [sys.executable, "-m", "native_host.cli"]
ORIGIN = "chrome-extension://" + "abcdefghijklmnop" * 2

EMAIL = ("Hi Anna,\n\nThanks for teh update 😀! I recieve your notes yesterday, and he go to the office on Monday.\n\n"
         "Their is alot to do before the launch 🚀🇨🇭, but i think we can make it.\r\n"
         "Could you send me teh slides?\n\n> quoted reply: teh old text\n\nBest,\nBob\n-- \nBob Smith, teh signature")


def u16_slice(s: str, start: int, end: int) -> str:
    return s.encode("utf-16-le")[2 * start: 2 * end].decode("utf-16-le")


# --- the API in this process, around a checker whose answers are known (fake_engine.py) ----------

def api_server(checker, origins=frozenset({ORIGIN}), max_pending=lt.MAX_PENDING, make_checker=None) -> AppServer:
    return AppServer(checker, lambda engine: lt.LanguageToolApi(engine, origins, max_pending).app(),
                     make_checker=make_checker)


@pytest.fixture(scope="module")
def api():
    server = api_server(WordListChecker())
    yield server
    server.close()


def call(port: int, method: str, path: str, params: dict | None = None, headers: dict | None = None,
         body: bytes | None = None, host: str | None = None) -> tuple[int, dict, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    if params is not None and method == "POST" and body is None:
        body = urllib.parse.urlencode(params).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded", **(headers or {})}
    elif params is not None:
        path += "?" + urllib.parse.urlencode(params)
    conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    conn.putheader("Host", host or f"127.0.0.1:{port}")
    for name, value in (headers or {}).items():
        conn.putheader(name, value)
    if body is not None:
        conn.putheader("Content-Length", str(len(body)))
    conn.endheaders(body)
    response = conn.getresponse()
    text = response.read().decode("utf-8")
    out = response.status, {k.lower(): v for k, v in response.getheaders()}, text
    conn.close()
    return out


def check(port: int, **params) -> dict:
    status, headers, body = call(port, "POST", "/v2/check", params)
    assert status == 200, body
    assert headers["content-type"].startswith("application/json")
    return json.loads(body)


# --- LanguageTool's documented shapes --------------------------------------------------------

def assert_languagetool_shape(reply: dict, original: str):
    """Every field the API documents, with LanguageTool's types and meaning."""
    assert set(reply) >= {"software", "warnings", "language", "matches", "sentenceRanges"}
    software = reply["software"]
    assert isinstance(software["name"], str) and isinstance(software["version"], str)
    assert isinstance(software["buildDate"], str) and software["apiVersion"] == 1
    assert reply["warnings"] == {"incompleteResults": False}
    language = reply["language"]
    assert isinstance(language["name"], str) and re.fullmatch(r"en(-[A-Z]{2})?", language["code"])
    detected = language["detectedLanguage"]
    assert isinstance(detected["name"], str) and isinstance(detected["code"], str)
    assert isinstance(detected["confidence"], (int, float)) and 0 <= detected["confidence"] <= 1
    size = u16(original)
    ranges = reply["sentenceRanges"]
    assert ranges == sorted(ranges)
    for a, b in ranges:
        assert isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= size
        sentence = u16_slice(original, a, b)
        assert sentence == sentence.strip() and sentence
    offsets = [m["offset"] for m in reply["matches"]]
    assert offsets == sorted(offsets)
    for m in reply["matches"]:
        assert set(m) >= {"message", "shortMessage", "replacements", "offset", "length", "context", "sentence",
                          "type", "rule"}
        assert isinstance(m["message"], str) and m["message"] and isinstance(m["shortMessage"], str)
        assert all(set(r) == {"value"} and isinstance(r["value"], str) for r in m["replacements"])
        assert isinstance(m["offset"], int) and isinstance(m["length"], int)
        assert 0 <= m["offset"] and m["offset"] + m["length"] <= size
        ctx = m["context"]
        assert set(ctx) == {"text", "offset", "length"} and ctx["length"] == m["length"]
        # The context shows the same characters, with line breaks as spaces.
        flagged = u16_slice(original, m["offset"], m["offset"] + m["length"])
        assert u16_slice(ctx["text"], ctx["offset"], ctx["offset"] + ctx["length"]) == \
            flagged.replace("\r", " ").replace("\n", " ")
        assert u16(ctx["text"]) <= m["length"] + 2 * lt.CONTEXT_SIZE + 6
        assert isinstance(m["sentence"], str) and m["sentence"] == m["sentence"].strip()
        assert m["type"]["typeName"] in ("UnknownWord", "Hint", "Other")
        rule = m["rule"]
        assert re.fullmatch(r"REDLINE_[A-Z_]+", rule["id"]) and isinstance(rule["description"], str)
        assert rule["issueType"] in ("misspelling", "grammar", "typographical", "style", "uncategorized")
        assert set(rule["category"]) == {"id", "name"} and rule["category"]["id"].isupper()
        assert any(a <= m["offset"] and m["offset"] + m["length"] <= b for a, b in ranges), m


def test_languages_lists_english_variants(api):
    status, headers, body = call(api.port, "GET", "/v2/languages")
    languages = json.loads(body)
    assert status == 200 and headers["content-type"].startswith("application/json")
    assert all(set(x) == {"name", "code", "longCode"} and x["code"] == "en" for x in languages)
    assert {x["longCode"] for x in languages} >= {"en", "en-US", "en-GB"}
    assert [x["name"] for x in languages] == sorted(x["name"] for x in languages)


def test_form_request_on_a_multi_paragraph_email_with_emoji(api):
    reply = check(api.port, text=EMAIL, language="en-US")
    assert_languagetool_shape(reply, EMAIL)
    assert reply["language"]["code"] == "en-US" and reply["language"]["name"] == "English (US)"
    got = [(m["offset"], m["length"], u16_slice(EMAIL, m["offset"], m["offset"] + m["length"])) for m in reply["matches"]]
    assert got == expected(EMAIL)
    assert {w for _, _, w in got} == set(FIXES)  # every category, after emoji and CRLF
    quoted, signature = EMAIL.index("> quoted"), EMAIL.index("-- \n")
    assert all(not (u16(EMAIL[:quoted]) <= o < u16(EMAIL[:quoted]) + 30) and o < u16(EMAIL[:signature])
               for o, _, _ in got)  # quoted reply and signature: not prose
    by_word = {u16_slice(EMAIL, m["offset"], m["offset"] + m["length"]): m for m in reply["matches"]}
    spelling = by_word["recieve"]
    assert spelling["rule"] == {"id": "REDLINE_SPELLING", "description": lt.RULES["spelling"].description,
                                "issueType": "misspelling", "category": {"id": "TYPOS", "name": "Possible Typo"}}
    assert spelling["replacements"] == [{"value": "receive"}] and spelling["type"] == {"typeName": "UnknownWord"}
    assert spelling["sentence"] == "I recieve your notes yesterday, and he go to the office on Monday."
    assert by_word["go"]["rule"]["id"] == "REDLINE_GRAMMAR" and by_word["go"]["rule"]["category"]["id"] == "GRAMMAR"
    assert by_word["Their"]["rule"]["category"]["id"] == "CONFUSED_WORDS"
    assert by_word["i"]["rule"]["category"]["id"] == "CASING"
    assert by_word["launch"]["rule"]["category"]["id"] == "PUNCTUATION"
    assert by_word["Could you send me"]["rule"]["issueType"] == "style"
    assert by_word["alot"]["replacements"] == [{"value": "a lot"}]
    # sentenceRanges: the prose sentences, in UTF-16 units of the original.
    assert [u16_slice(EMAIL, a, b) for a, b in reply["sentenceRanges"]] == [s.text for s in sentences(EMAIL)]


def test_query_string_and_form_are_read_together_and_get_is_refused(api):
    text = "He go home 😀 and i stay."
    post = check(api.port, text=text, language="en-GB")
    # A check needs a POST: any page's <img> can send a GET, with no Origin to refuse it by.
    status, _, body = call(api.port, "GET", "/v2/check", {"text": text, "language": "en-GB"})
    assert status == 405 and body == "Error: /v2/check needs to be called with POST"
    # Parameters split between the query string and the body are read together.
    status, _, body = call(api.port, "POST", "/v2/check?language=en-GB", {"text": text})
    assert status == 200 and json.loads(body)["matches"] == post["matches"]
    assert post["language"]["code"] == "en-GB"


def test_data_annotation_checks_text_only_and_offsets_point_into_the_original(api):
    annotation = [
        {"markup": "<p>"}, {"text": "Thanks for "}, {"markup": "<b class=\"teh\">"}, {"text": "teh"}, {"markup": "</b>"},
        {"text": " update 😀."}, {"markup": "</p>\n<p>", "interpretAs": "\n\n"},
        {"text": "I recieve it. Their is "}, {"markup": "<!-- teh alot -->"}, {"text": "alot to do."},
        {"markup": "<br/>", "interpretAs": "\n"}, {"text": "And he go."}, {"markup": "</p>"},
    ]
    original = "".join(n.get("text", n.get("markup")) for n in annotation)
    plain = "".join(n.get("text", n.get("interpretAs", "")) for n in annotation)
    reply = check(api.port, data=json.dumps({"annotation": annotation}), language="en-US")
    assert_languagetool_shape(reply, original)
    words = [u16_slice(original, m["offset"], m["offset"] + m["length"]) for m in reply["matches"]]
    assert words == [w for _, _, w in expected(plain)] == ["teh", "recieve", "Their", "alot", "go"]
    # The flagged "teh" is the text one, after the markup that also says "teh"; markup never matches.
    assert reply["matches"][0]["offset"] == u16(original[:original.index(">teh<") + 1])
    assert reply["matches"][3]["offset"] == u16(original[:original.index("-->alot") + 3])
    assert reply["matches"][1]["sentence"] == "I recieve it."
    # Each sentence range covers its text in the original, markup between words included.
    for (a, b), s in zip(reply["sentenceRanges"], sentences(plain)):
        covered = u16_slice(original, a, b)
        assert re.sub(r"<[^>]*>", "", covered) == s.text, (covered, s.text)
    # {"text": ...} is the same as the text parameter.
    plain_reply = check(api.port, data=json.dumps({"text": EMAIL}), language="en-US")
    assert plain_reply == check(api.port, text=EMAIL, language="en-US")


def test_unknown_and_unmapped_parameters_are_accepted(api):
    reply = check(api.port, text="He go home.", language="en-US", motherTongue="de-DE", level="picky",
                  username="someone@example.org", apiKey="xyz", preferredVariants="en-GB,de-AT", useragent="test",
                  enabledRules="SOME_LT_RULE", enabledCategories="TYPOGRAPHY", noopLanguages="de", mode="all",
                  allowIncompleteResults="true", token="abc", whatever="1")
    assert [m["rule"]["id"] for m in reply["matches"]] == ["REDLINE_GRAMMAR"]


def test_rules_and_categories_can_be_switched_off_by_id(api):
    text = "I recieve it and he go home. Their is alot."

    def rules(**params):
        return [m["rule"]["id"] for m in check(api.port, text=text, language="en-US", **params)["matches"]]

    everything = rules()
    assert everything == ["REDLINE_SPELLING", "REDLINE_GRAMMAR", "REDLINE_WORD_CHOICE", "REDLINE_SPELLING"]
    assert rules(disabledRules="REDLINE_SPELLING") == ["REDLINE_GRAMMAR", "REDLINE_WORD_CHOICE"]
    assert rules(disabledRules="MORFOLOGIK_RULE_EN_US,UNKNOWN") == ["REDLINE_GRAMMAR", "REDLINE_WORD_CHOICE"]
    assert rules(disabledCategories="TYPOS,CONFUSED_WORDS") == ["REDLINE_GRAMMAR"]
    assert rules(enabledOnly="true", enabledCategories="GRAMMAR") == ["REDLINE_GRAMMAR"]
    assert rules(enabledOnly="true", enabledRules="REDLINE_WORD_CHOICE", enabledCategories="TYPOS") == \
        ["REDLINE_SPELLING", "REDLINE_WORD_CHOICE", "REDLINE_SPELLING"]
    assert rules(enabledOnly="false", enabledRules="REDLINE_GRAMMAR") == everything
    # LanguageTool's own refusals, with its words.
    for params in ({"enabledOnly": "true"}, {"enabledOnly": "true", "enabledRules": "X", "disabledRules": "Y"}):
        status, _, body = call(api.port, "POST", "/v2/check", {"text": text, "language": "en", **params})
        assert status == 400 and body.startswith("Error: You ") and "enabledOnly=true" in body


def test_non_english_language_gets_a_languagetool_style_error(api):
    for code in ("de-DE", "fr", "xx"):
        status, headers, body = call(api.port, "POST", "/v2/check", {"text": "He go home.", "language": code})
        assert status == 400 and headers["content-type"].startswith("text/plain")
        assert body.startswith(f"Error: '{code}' is not a language code known to Redline")
        assert "en-US" in body and "He go" not in body  # lists what works; never quotes the text
    status, _, body = call(api.port, "POST", "/v2/check",
                           {"text": "Le chat est sur la table et il dort dans la maison.", "language": "auto"})
    assert status == 400 and body.startswith("Error: ") and "English" in body
    auto = check(api.port, text="He go to the shop and i stay at home.", language="auto")
    assert auto["language"]["code"] == "en-US" and auto["language"]["detectedLanguage"]["code"] == "en-US"
    assert auto["matches"]
    preferred = check(api.port, text="He go home.", language="auto", preferredVariants="de-AT,en-GB")
    assert preferred["language"] == {"name": "English (GB)", "code": "en-GB",
                                     "detectedLanguage": preferred["language"]["detectedLanguage"]}


def test_bad_requests_are_answered_like_languagetool(api):
    cases = [({"language": "en-US"}, "Missing 'text' or 'data' parameter"),
             ({"text": "Hi."}, "Missing 'language' parameter"),
             ({"text": "Hi.", "data": "{}", "language": "en"}, "Set only 'text' or 'data' parameter, not both"),
             ({"data": "{not json", "language": "en"}, "Could not parse JSON from 'data' parameter"),
             ({"data": '{"annotation": [{"text": "a", "markup": "b"}]}', "language": "en"}, "Only either 'text' or 'markup'"),
             ({"data": '{"annotation": [{"text": "a", "interpretAs": "b"}]}', "language": "en"}, "'text' cannot be used"),
             ({"data": '{"annotation": [{"foo": "a"}]}', "language": "en"}, "Only 'text' and 'markup'")]
    for params, message in cases:
        status, _, body = call(api.port, "POST", "/v2/check", params)
        assert status == 400 and body.startswith(f"Error: {message}"), (params, body)
    assert call(api.port, "GET", "/v2/nothing")[0] == 404
    assert call(api.port, "PUT", "/v2/check", {"text": "a", "language": "en"})[0] == 405


def test_oversized_text_and_body_get_413(api):
    status, _, body = call(api.port, "POST", "/v2/check", {"text": "a" * (lt.MAX_TEXT_CHARS + 1), "language": "en"})
    assert status == 413 and body.startswith(f"Error: Your text exceeds the limit of {lt.MAX_TEXT_CHARS} characters")
    # UTF-16 units count, as LanguageTool counts them: emoji are two.
    status, _, _ = call(api.port, "POST", "/v2/check", {"text": "😀" * (lt.MAX_TEXT_CHARS // 2 + 1), "language": "en"})
    assert status == 413
    huge = {"data": json.dumps({"annotation": [{"markup": "x" * lt.MAX_BODY_BYTES}]}), "language": "en"}
    status, _, body = call(api.port, "POST", "/v2/check", huge)
    assert status == 413 and body.startswith("Error: ")
    assert check(api.port, text="fine " * 10, language="en")["matches"] == []  # still serving


def test_loopback_host_and_origins(api):
    params = {"text": "He go.", "language": "en"}
    assert call(api.port, "POST", "/v2/check", params, host="evil.example")[0] == 403
    assert call(api.port, "POST", "/v2/check", params, host=f"evil.example:{api.port}")[0] == 403
    assert call(api.port, "GET", "/v2/languages", host=f"localhost:{api.port}")[0] == 200
    assert call(api.port, "GET", "/v2/languages", host=f"[::1]:{api.port}")[0] == 200
    # A web page: refused, and never told it may read the answer.
    for origin in ("https://evil.example", "http://127.0.0.1:8081", "null", "chrome-extension://" + "b" * 32):
        status, headers, _ = call(api.port, "POST", "/v2/check", params, {"Origin": origin})
        assert status == 403 and "access-control-allow-origin" not in headers, origin
    for site in ("cross-site", "Cross-Site", " same-site "):  # browsers send lower case; compare as they mean it
        status, headers, _ = call(api.port, "POST", "/v2/check", params, {"Sec-Fetch-Site": site})
        assert status == 403 and "access-control-allow-origin" not in headers, site
    # Extensions on the allowlist, LanguageTool's add-on and Obsidian: CORS answers for exactly them.
    for origin in (ORIGIN, lt.LANGUAGETOOL_ADDON_ORIGIN, "app://obsidian.md"):
        status, headers, _ = call(api.port, "POST", "/v2/check", params, {"Origin": origin})
        assert status == 200 and headers["access-control-allow-origin"] == origin and headers["vary"] == "Origin"
        status, headers, _ = call(api.port, "OPTIONS", "/v2/check", headers={
            "Origin": origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"})
        assert status == 204 and headers["access-control-allow-origin"] == origin
        assert "POST" in headers["access-control-allow-methods"]
        assert headers["access-control-allow-headers"] == "content-type"
    assert call(api.port, "OPTIONS", "/v2/check", headers={"Origin": "https://evil.example"})[0] == 403
    # Editors and scripts send no Origin: allowed, without CORS headers.
    status, headers, _ = call(api.port, "POST", "/v2/check", params)
    assert status == 200 and "access-control-allow-origin" not in headers


def test_too_many_parallel_checks_get_503():
    checker = WordListChecker()
    server = api_server(checker, max_pending=1)
    try:
        results = []
        slow = threading.Thread(target=lambda: results.append(
            call(server.port, "POST", "/v2/check", {"text": "SLOW he go.", "language": "en"})))
        slow.start()
        assert checker.started.wait(10)
        status, _, body = call(server.port, "POST", "/v2/check", {"text": "He go.", "language": "en"})
        assert status == 503 and body.startswith("Error: There are currently too many parallel requests")
        checker.release.set()
        slow.join(30)
        assert results[0][0] == 200
        assert call(server.port, "POST", "/v2/check", {"text": "He go.", "language": "en"})[0] == 200
    finally:
        checker.release.set()
        server.close()


def test_unavailable_model_is_a_clear_503():
    def no_model():
        raise FileNotFoundError("no model here")

    server = api_server(None, frozenset(), make_checker=no_model)
    try:
        status, _, body = call(server.port, "POST", "/v2/check", {"text": "He go.", "language": "en"})
        assert status == 503 and "redline doctor" in body
        assert call(server.port, "GET", "/v2/languages")[0] == 200
    finally:
        server.close()


# --- an existing client, unchanged -----------------------------------------------------------

def language_tool(url: str, monkeypatch, language: str = "en-US"):
    """language_tool_python pointed at `url`; it must never fetch or start LanguageTool (Java)."""
    import language_tool_python  # the test extra installs it from PyPI
    from language_tool_python import server as lt_server

    def no_java(*args, **kwargs):
        raise AssertionError("language_tool_python tried to start or download LanguageTool")

    monkeypatch.setattr(lt_server.LanguageTool, "_start_local_server", no_java)
    monkeypatch.setattr(lt_server.LanguageTool, "_start_server_on_free_port", no_java)
    return language_tool_python.LanguageTool(language, remote_server=url)


def test_language_tool_python_gets_the_matches(api, monkeypatch):
    tool = language_tool(api.url, monkeypatch)
    try:
        matches = tool.check(EMAIL)
        want = WordListChecker().check(EMAIL)
        assert len(matches) == len(want) == 9
        # language_tool_python turns LanguageTool's UTF-16 offsets into Python indices itself.
        assert [m.rule_id for m in matches] == [lt.RULES[s.category].id for s in want]
        assert [m.category for m in matches] == [lt.RULES[s.category].category_id for s in want]
        assert [m.replacements for m in matches] == [s.replacements for s in want]
        assert [EMAIL[m.offset: m.offset + m.error_length] for m in matches] == [s.text for s in want]
        # Its own correct() applies the first replacement of each match.
        assert tool.correct("He go home and i stay.") == "He goes home and I stay."
        tool.disabled_categories = {"TYPOS"}
        assert "REDLINE_SPELLING" not in {m.rule_id for m in tool.check(EMAIL)}
    finally:
        tool.close()


# --- `redline serve`, with the model -----------------------------------------------------------

class Serve:
    """`redline serve` with both ports picked free; stderr drained."""

    def __init__(self, *args: str, env: dict):
        self.proc = subprocess.Popen([*REDLINE, "serve", "--port", "0", *args], stderr=subprocess.PIPE, text=True, env=env)
        self.lines: list[str] = []
        self._read_until("listening on ws://")
        if "--no-lt-api" not in args:
            self._read_until("LanguageTool API")  # where it listens, or why it does not
        found = re.search(r"LanguageTool API on http://127\.0\.0\.1:(\d+)/v2", self.stderr)
        self.lt_port = int(found.group(1)) if found else None
        self.ws_port = int(re.search(r"ws://127\.0\.0\.1:(\d+)/ws", self.stderr).group(1))
        assert call(self.ws_port, "GET", "/health")[0] == 200  # serving: its signal handlers are in place
        self._drain = threading.Thread(target=lambda: self.lines.extend(self.proc.stderr), daemon=True)
        self._drain.start()

    def _read_until(self, marker: str) -> None:
        while True:
            line = self.proc.stderr.readline()
            self.lines.append(line)
            assert line, f"redline serve ended early: {self.stderr}"
            if marker in line:
                return

    @property
    def stderr(self) -> str:
        return "".join(self.lines)

    def stop(self) -> int:
        self.proc.terminate()
        rc = self.proc.wait(30)
        self._drain.join(5)
        return rc


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_flags_no_lt_api_and_a_taken_port(module_token_env):
    server = Serve("--no-lt-api", env=module_token_env)
    try:
        assert server.lt_port is None and "LanguageTool API" not in server.stderr
    finally:
        assert server.stop() == 0
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = Serve("--lt-port", str(port), env=module_token_env)
        try:
            assert server.lt_port is None
            assert f"LanguageTool API not started: cannot listen on port {port}" in server.stderr
            status, _, body = call(server.ws_port, "GET", "/health")  # the websocket side serves on
            assert status == 200 and json.loads(body)["service"] == "redline"
        finally:
            assert server.stop() == 0
    assert "Traceback" not in server.stderr


@pytest.fixture(scope="module")
def eager_model(tmp_path_factory):
    """The shipped model with its precision guard off, so even an early model makes
    suggestions (the server and the comparison checker read the same config)."""
    from native_host.model_files import REQUIRED_FILES, default_model_dir
    try:
        source = default_model_dir()
    except FileNotFoundError as e:
        pytest.skip(f"no model to serve: {e}")
    target = tmp_path_factory.mktemp("eager-model")
    for path in source.iterdir():
        if path.name != "config.json":
            (target / path.name).symlink_to(path.resolve())
    config = json.loads((source / "config.json").read_text(encoding="utf-8"))
    (target / "config.json").write_text(json.dumps({**config, "min_margin": -1e9}), encoding="utf-8")
    assert all((target / name).exists() for name in REQUIRED_FILES)
    return target


@pytest.fixture(scope="module")
def served(eager_model, module_token_env):
    server = Serve("--lt-port", "0", "--model-dir", str(eager_model), env=module_token_env)
    assert server.lt_port, server.stderr
    yield server
    assert server.stop() == 0
    assert "Traceback" not in server.stderr, server.stderr


@pytest.fixture(scope="module")
def model_checker(eager_model):
    from native_host.checker import Checker
    checker = Checker(eager_model)
    checker.load()
    return checker


TEXTS = [EMAIL, "She go to school every day. He have two cat. 😀 I seen it.",
         "Ich bin müde 😴 but I has to working today.\r\nShe dont know where are the keys."]


def test_served_matches_are_the_checkers(served, model_checker):
    total = 0
    for text in TEXTS:
        reply = check(served.lt_port, text=text, language="en-US")
        assert_languagetool_shape(reply, text)
        want = model_checker.check(text)
        assert [(m["offset"], m["length"]) for m in reply["matches"]] == [(s.start, s.end - s.start) for s in want]
        assert [[r["value"] for r in m["replacements"]] for m in reply["matches"]] == [s.replacements for s in want]
        assert [m["rule"]["id"] for m in reply["matches"]] == [lt.RULES[s.category].id for s in want]
        assert [m["message"] for m in reply["matches"]] == [s.message for s in want]
        assert [u16_slice(text, m["offset"], m["offset"] + m["length"]) for m in reply["matches"]] == [s.text for s in want]
        total += len(want)
    assert total > 0, "the model made no change at all on texts full of errors"


def test_served_annotation_maps_the_checkers_matches(served, model_checker):
    annotation = [{"markup": "<p>"}, {"text": "She go to school 😀 every day."}, {"markup": "</p><p>", "interpretAs": "\n\n"},
                  {"text": "He have "}, {"markup": "<em>"}, {"text": "two cat"}, {"markup": "</em>"}, {"text": "."},
                  {"markup": "</p>"}]
    original = "".join(n.get("text", n.get("markup")) for n in annotation)
    plain = "".join(n.get("text", n.get("interpretAs", "")) for n in annotation)
    reply = check(served.lt_port, data=json.dumps({"annotation": annotation}), language="en-US")
    assert_languagetool_shape(reply, original)
    want = model_checker.check(plain)
    assert len(reply["matches"]) == len(want)
    for m, s in zip(reply["matches"], want):
        covered = u16_slice(original, m["offset"], m["offset"] + m["length"])
        assert re.sub(r"<[^>]*>", "", covered) == s.text, (covered, s.text)
        assert [r["value"] for r in m["replacements"]] == s.replacements


def test_language_tool_python_against_redline_serve(served, model_checker, monkeypatch):
    tool = language_tool(f"http://127.0.0.1:{served.lt_port}", monkeypatch)
    try:
        for text in TEXTS:
            matches = tool.check(text)
            want = model_checker.check(text)
            assert [(text[m.offset: m.offset + m.error_length], m.replacements, m.rule_id) for m in matches] == \
                [(s.text, s.replacements, lt.RULES[s.category].id) for s in want]
    finally:
        tool.close()


def test_sigterm_mid_check_stops_serve_within_a_second(module_token_env):
    """A pathological check running (issue 24: 16.8 s and 24.7 s to exit before)."""
    server = Serve("--lt-port", "0", env=module_token_env)
    assert call(server.lt_port, "POST", "/v2/check", {"text": "Warm up.", "language": "en"})[0] == 200
    results = []
    client = threading.Thread(target=lambda: results.append(
        call(server.lt_port, "POST", "/v2/check", {"text": "teh " * 60, "language": "en"})), daemon=True)
    client.start()
    time.sleep(0.5)
    started = time.monotonic()
    assert server.stop() == 0
    took = time.monotonic() - started
    assert took < 1.5, f"exit took {took:.1f} s"
    client.join(5)
    assert not results or results[0][0] == 503  # told, if the answer made it out
    assert "Traceback" not in server.stderr
