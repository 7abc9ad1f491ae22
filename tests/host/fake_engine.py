"""A small fake checker for transport and session tests where the model is not the point,
and servers run in this process (a loop in a thread of its own) around it.

`WordListChecker` flags the words of FIXES inside prose sentences, with UTF-16 offsets, as
the real checker would, and honours `cancelled()` before each sentence as the real one does.
`check_parts` streams as Checker.check_parts does, a paragraph (regions.paragraphs) at a time.
Two words make a check slow: "SLOW" waits (asking `cancelled()` every 10 ms) until `release`
is set; "SPIN" burns CPU in one Python loop that never asks, like a pathological sentence
inside the real checker, until `release` is set.
"""

from __future__ import annotations

import asyncio
import re
import threading

from native_host.checker import Part
from native_host.engine import Engine
from native_host.errors import CheckCancelled, UnsupportedLanguage
from native_host.regions import paragraphs, sentences, windows
from native_host.suggestions import Suggestion
from native_host.transports.runner import listen_loopback

FIXES = {"teh": ("the", "spelling"), "recieve": ("receive", "spelling"), "go": ("goes", "grammar"),
         "Their": ("There", "word-choice"), "alot": ("a lot", "spelling"), "i": ("I", "capitalization"),
         "launch": ("launch,", "punctuation"), "Could you send me": ("Please send me", "style")}
_FIX = re.compile("|".join(sorted((re.escape(w) for w in FIXES), key=len, reverse=True)))


def u16(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


class WordListChecker:
    model_name = "word-list"

    def __init__(self) -> None:
        self.release = threading.Event()
        self.started = threading.Event()   # set when a SLOW or SPIN check begins
        self.stopped = 0                   # checks that ended early (cancelled or interrupted)
        self.finished = 0                  # checks that ran to the end

    def load(self):
        return self

    def check(self, text: str, cancelled=None, language=None):
        if language and language.split("-")[0].lower() != "en":  # as Checker.check: English only
            raise UnsupportedLanguage(f"English only, not {language}")
        try:
            out = self._check(text, cancelled)
        except CheckCancelled:
            self.stopped += 1
            raise
        self.finished += 1
        return out

    def check_parts(self, text: str, cancelled=None, language=None, first=()):
        """Checker.check_parts: a paragraph at a time, those overlapping `first` first; a paragraph
        is slow when it holds SLOW or SPIN, so a stream can be stopped halfway."""
        found = self.check(text.replace("SLOW", "slow").replace("SPIN", "spin"), language=language)
        to_units = [u16(text[:i]) for i in range(len(text) + 1)]
        from_units = {u: i for i, u in enumerate(to_units)}
        first = tuple((from_units.get(a, 0), from_units.get(b, 0)) for a, b in first)
        for start, end, _ in paragraphs(text, windows(text), first):
            try:
                self._check(text[start:end], cancelled)
            except CheckCancelled:
                self.stopped += 1
                raise
            a, b = to_units[start], to_units[end]
            yield Part(a, b, [s for s in found if a <= s.start < b])

    def _check(self, text: str, cancelled):
        if "SLOW" in text:
            self.started.set()
            while not self.release.wait(0.01):
                if cancelled is not None and cancelled():
                    raise CheckCancelled("cancelled")
        if "SPIN" in text:
            self.started.set()
            n = 0
            while not self.release.is_set():  # never asks `cancelled`
                n += 1
        out = []
        for span in sentences(text):
            if cancelled is not None and cancelled():
                raise CheckCancelled("cancelled")
            for m in _FIX.finditer(text, span.start, span.end):
                if (m.start() and text[m.start() - 1].isalnum()) or (m.end() < len(text) and text[m.end()].isalnum()):
                    continue  # inside a longer word
                repl, category = FIXES[m.group(0)]
                out.append(Suggestion(u16(text[:m.start()]), u16(text[:m.end()]), m.group(0), [repl], category,
                                      f"Write “{repl}”."))
        return out


def expected(text: str) -> list[tuple[int, int, str]]:
    """(UTF-16 offset, length, word) of every word the checker flags in a plain text."""
    return [(s.start, s.end - s.start, s.text) for s in WordListChecker().check(text)]


TOKEN = "t" * 43  # a pairing token, for websocket servers made with FixedToken


class FixedToken:
    """A websocket server's token gate that needs no keyring."""

    def current(self) -> str:
        return TOKEN


class LoopThread:
    """An event loop running in a daemon thread; `run(coro)` waits for a coroutine's result."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def run(self, coro, timeout: float = 30):
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


class AppServer:
    """An aiohttp app from `make_app(engine)` on a free loopback port, served from a LoopThread."""

    def __init__(self, checker, make_app, workers: int = 2, make_checker=None):
        self.checker = checker
        self.engine = Engine(make_checker or (lambda: checker), workers=workers)
        self.thread = LoopThread()

        async def start():
            return await listen_loopback(make_app(self.engine), 0)

        self.runner, self.port, _ = self.thread.run(start())
        self.url = f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        if self.checker is not None:
            self.checker.release.set()
        self.engine.close()
        self.thread.run(self.runner.cleanup())
        self.thread.stop()
