"""The checker: text in, span-level suggestions out. No I/O besides loading the model;
every transport and the CLI call this.

    checker = Checker()              # cheap: nothing loaded yet
    checker.check("He go to school.")  # -> [Suggestion(start=3, end=5, ...)], UTF-16 offsets
"""

from __future__ import annotations

import math
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

from .decoding.aggressive import aggressive_decode
from .decoding.greedy import greedy_decode
from .errors import CheckCancelled, TextTooLarge
from .limits import MAX_CHECKER_UTF16
from .offsets import Utf16Map, utf16_len
from .plausible import (
    load_capitalised,
    load_known,
    load_lexicon,
    looping,
    plausible,
    sentence_words,
)
from .regions import protected_spans, sentences
from .rules import (
    CLAUSE_COMMA_MARGIN,
    capital_i,
    clause_comma_positions,
    indefinite_article,
    linking_comma,
    proposals,
)
from .spelling import Speller, capitalise_names
from .suggestions import Suggestion, diff, to_suggestions

MAX_WINDOW_WORDS = 60  # long "sentences" are checked in windows of about this many words
MAX_WINDOW_TOKENS = 160
MAX_REPLACEMENTS = 3  # a spelling suggestion offers up to this many words
MODEL_PASSES = 2  # the model corrects a sentence again if its first pass changed it
SPELLING_CANDIDATES = 6  # how many of the speller's candidates the model re-ranks
SPELLING_DISTANCE_COST = 8.0  # nats per edit, against the model's and the lexicon's log-probabilities
_WORD = re.compile(r"\S+")


class Checker:
    def __init__(self, model_dir: Path | str | None = None, threads: int = 1, cache_size: int = 4096,
                 aggressive: bool = True, min_margin: float | None = None, passes: int = MODEL_PASSES):
        if model_dir is None:
            from .model_files import default_model_dir

            model_dir = default_model_dir()
        self.model_dir = Path(model_dir)
        self.threads = threads
        self.aggressive = aggressive
        self.passes = passes
        self._min_margin = min_margin
        self._model = None
        self._lexicon: dict[str, int] | None = None
        self._speller: Speller | None = None
        self._names: frozenset[str] = frozenset()
        self._load_lock = threading.Lock()
        self._cache: OrderedDict[tuple[bool, str], str] = OrderedDict()
        self._cache_lock = threading.Lock()
        self._cache_size = cache_size
        self.cache_hits = self.cache_misses = 0

    # -- model ---------------------------------------------------------------------
    @property
    def model_name(self) -> str:
        import json

        try:
            return json.loads((self.model_dir / "config.json").read_text(encoding="utf-8")).get("name", self.model_dir.name)
        except (OSError, ValueError):
            return self.model_dir.name

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def load(self):
        """Load the ONNX sessions and warm them up; idempotent and thread-safe."""
        if self._model is None:
            with self._load_lock:
                if self._model is None:
                    from .decoding.onnx_model import OnnxModel

                    model = OnnxModel(self.model_dir, threads=self.threads)
                    aggressive_decode(model, model.tokenizer.encode("This is a warm-up.").ids + [model.eos])
                    model.decoder_calls = 0
                    self._lexicon = load_lexicon(self.model_dir)
                    self._speller = Speller(self._lexicon, load_known(self.model_dir)) if self._lexicon else None
                    self._names = load_capitalised(self.model_dir)
                    if self._min_margin is None:
                        # REDLINE_MIN_MARGIN overrides the model's precision guard (lower: more
                        # suggestions; "-inf": every change the model makes, as the e2e tests use).
                        env = os.environ.get("REDLINE_MIN_MARGIN")
                        self._min_margin = float(env) if env else float(model.config.get("min_margin", 0.0))
                    self._model = model
        return self._model

    @property
    def min_margin(self) -> float:
        self.load()
        return self._min_margin

    # -- sentences -------------------------------------------------------------------
    def correct_sentence(self, sentence: str, starts_sentence: bool = False) -> str:
        """The model's correction of one sentence (whitespace-normalised), cached;
        `starts_sentence`: it is not the later part of a long sentence cut into windows, so
        a lower-case first word gets its capital."""
        key = " ".join(sentence.split())
        if not key:
            return key
        with self._cache_lock:
            if (starts_sentence, key) in self._cache:
                self._cache.move_to_end((starts_sentence, key))
                self.cache_hits += 1
                return self._cache[(starts_sentence, key)]
        model = self.load()
        # Spelling first (spelling.py), so the model reads the sentence as meant; its own
        # edits then pass the guard relative to that sentence.
        spelled = self._spell(model, key) if self._speller else key
        if starts_sentence:
            spelled = linking_comma(_capitalised(spelled, self._lexicon))  # "however we" -> "However, we"
        spelled = indefinite_article(capital_i(capitalise_names(spelled, self._names)))  # "london" -> "London", "i" -> "I"
        # A second pass over a changed sentence finds what the first made visible: BEA-19 dev
        # recall 16.7 -> 18.0 % at the same precision on the first 300 sentences (JFLEG
        # GLEU 41.9 -> 41.8); it costs one more decoding of changed sentences only.
        out = spelled
        for _ in range(self.passes):
            before, out = out, self._model_pass(model, out)
            if out == before:
                break
        out = self._proposed(model, out, starts_sentence)  # "many subject" -> "subjects", "When it ended, we"
        with self._cache_lock:
            self.cache_misses += 1
            self._cache[(starts_sentence, key)] = out
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return out

    def _model_pass(self, model, sentence: str) -> str:
        """The model's correction of `sentence`, only its edits that pass the guard."""
        ids = model.tokenizer.encode(sentence).ids[: MAX_WINDOW_TOKENS] + [model.eos]
        decode = aggressive_decode if self.aggressive else greedy_decode
        out = model.tokenizer.decode(decode(model, ids).tokens)
        if "\ufffd" in out and "\ufffd" not in sentence:
            return sentence  # a broken byte sequence: never suggest it
        return self._guard(model, ids, sentence, out) if out != sentence else out

    def _spell(self, model, sentence: str) -> str:
        """The speller's corrections of `sentence`, each word's chosen in context: among its
        first candidates, the one with the best model log-probability of the sentence with
        it (given the sentence as written) + log frequency - 8 x edit distance. Frequency
        and distance alone pick the annotators' word for 72 % of 974 W&I train spelling
        errors, 73 % of 241 BEA-2019 dev ones; with the model 78 % and 77 % (the weights
        were fitted on the train errors)."""
        found = self._speller.misspellings(sentence, SPELLING_CANDIDATES)
        state, done, pos = None, "", 0

        def ids(text: str) -> list[int]:
            return model.tokenizer.encode(" ".join(text.split())).ids[:MAX_WINDOW_TOKENS]

        for start, end, candidates in found:
            best = candidates[0][0]
            if len(candidates) > 1 and candidates[0][1] > 0:  # distance 0: a sure fix ("citys")
                state = state or model.encode(ids(sentence) + [model.eos])
                prefix, rest = done + sentence[pos:start], sentence[end:]
                scores = model.score_many(state, [ids(prefix + cd[0] + rest) for cd in candidates])
                best = max(zip(candidates, scores), key=lambda cs: cs[1] + math.log(self._speller.frequency(cs[0][0]))
                           - SPELLING_DISTANCE_COST * cs[0][1])[0][0]
            done += sentence[pos:start] + best
            pos = end
        return done + sentence[pos:]

    def _guard(self, model, ids: list[int], key: str, corrected: str) -> str:
        """Keep the plausible edits (plausible.py) that pass the precision guard.

        An edit's margin is measured where it starts: after the unchanged prefix, how much
        more likely the model finds the edit's first token than the token as written
        (log-probability difference). One decoder pass over the sentence as written gives
        that distribution at every position, so the guard costs one call in all. Comparing
        whole-sentence scores instead favoured deletions (fewer tokens to pay for) and
        dropped insertions: at step ~1,100 its precision fell as the margin rose (measured,
        MODEL_CARD.md)."""
        source, fixed = sentence_words(key), sentence_words(corrected)
        if looping(source, fixed):
            return key
        edits = [e for e in diff(key, corrected) if plausible(e, key, source, fixed, self._lexicon)]
        if edits and self._min_margin > float("-inf"):
            margin = _Margins(model, key, ids)
            edits = [e for e in edits if margin(e.start, e.end, e.replacement) >= self._min_margin]
        out, pos = [], 0
        for e in edits:
            out.append(key[pos:e.start] + e.replacement)
            pos = e.end
        return " ".join(("".join(out) + key[pos:]).split())

    def _proposed(self, model, sentence: str, starts_sentence: bool) -> str:
        """`sentence` with the changes rules.proposals suggests ("many subject" -> "many
        subjects", "he enjoy" -> "he enjoys") that the model finds at most their family's
        margin less likely than the word as written, then, at a sentence's start, a comma
        after an opening subordinate clause where the model puts it
        (rules.clause_comma_positions), if its margin reaches CLAUSE_COMMA_MARGIN.
        min_margin raises (or lowers) these bars as it does the model's own edits'."""
        margin = _Margins(model, sentence)  # one decoder pass, only if something is proposed
        for start, end, new, bar in reversed(proposals(sentence, self._lexicon) if self._lexicon else []):
            if margin(start, end, new) >= bar + self._min_margin:
                sentence = sentence[:start] + new + sentence[end:]
        positions = clause_comma_positions(sentence) if starts_sentence else []
        if not positions:
            return sentence
        if sentence != margin.text:
            margin = _Margins(model, sentence)
        best, at = max((margin(p, p, ","), p) for p in positions)
        return sentence[:at] + "," + sentence[at:] if best >= CLAUSE_COMMA_MARGIN + self._min_margin else sentence

    # -- text ------------------------------------------------------------------------
    def check(self, text: str, cancelled: Callable[[], bool] | None = None) -> list[Suggestion]:
        """Suggestions for `text`, with UTF-16 offsets into it. `cancelled()` is asked
        before each sentence; when it says yes the check stops with CheckCancelled."""
        _check_size(text)
        out: list[Suggestion] = []
        for start, end in self.windows(text):
            if cancelled is not None and cancelled():
                raise CheckCancelled("the check was cancelled")
            chunk = text[start:end]
            if not _looks_english(chunk):
                continue
            corrected = self.correct_sentence(chunk, _starts_sentence(text, start))
            if corrected == " ".join(chunk.split()):
                continue
            protected = protected_spans(chunk)
            for s in to_suggestions(chunk, corrected, self._speller.known if self._speller else None):
                if any(a < s.end and s.start < b for a, b in protected) or "\ufffd" in s.replacements[0]:
                    continue
                if s.category == "spelling" and self._speller and s.text.isalpha() and not self._speller.known(s.text):
                    # Alternatives for the card: the next-best candidates after the chosen one.
                    others = [c for c in self._speller.candidates(s.text) if c != s.replacements[0]]
                    s.replacements += others[: MAX_REPLACEMENTS - 1]
                s.start += start
                s.end += start
                out.append(s)
        umap = Utf16Map(text)
        for s in out:
            s.start, s.end = umap.to_utf16(s.start), umap.to_utf16(s.end)
        return out

    def correct(self, text: str, cancelled: Callable[[], bool] | None = None) -> str:
        """`text` with every top suggestion applied (the evaluation path)."""
        _check_size(text)
        pieces, pos = [], 0
        for start, end in self.windows(text):
            if cancelled is not None and cancelled():
                raise CheckCancelled("the check was cancelled")
            chunk = text[start:end]
            corrected = self.correct_sentence(chunk, _starts_sentence(text, start)) if _looks_english(chunk) else chunk
            protected = protected_spans(chunk)
            edits = [e for e in diff(chunk, corrected) if not any(a < e.end and e.start < b for a, b in protected)]
            pieces.append(text[pos:start])
            cur = 0
            for e in edits:
                pieces.append(chunk[cur:e.start] + e.replacement)
                cur = e.end
            pieces.append(chunk[cur:])
            pos = end
        pieces.append(text[pos:])
        return "".join(pieces)

    @staticmethod
    def windows(text: str) -> list[tuple[int, int]]:
        """Sentence spans of the prose in `text`, long ones cut into windows."""
        out = []
        for span in sentences(text):
            words = list(_WORD.finditer(text, span.start, span.end))
            if len(words) <= MAX_WINDOW_WORDS and span.end - span.start <= 6 * MAX_WINDOW_TOKENS:
                out.append((span.start, span.end))
                continue
            out.extend(_cut(text, span.start, span.end, words))
        return out


def _check_size(text: str) -> None:
    if not isinstance(text, str):
        raise TypeError("text must be a string")
    if len(text) > MAX_CHECKER_UTF16 or utf16_len(text) > MAX_CHECKER_UTF16:
        raise TextTooLarge(f"text is {utf16_len(text):,} characters; the limit is {MAX_CHECKER_UTF16:,}")


def _cut(text: str, start: int, end: int, words) -> list[tuple[int, int]]:
    """Cut a long span after clause punctuation where possible, else every N words;
    a single huge "word" (no spaces, e.g. CJK) is cut by characters."""
    out, first = [], 0
    while first < len(words):
        last = min(len(words), first + MAX_WINDOW_WORDS)
        if last < len(words):
            for k in range(last - 1, first + MAX_WINDOW_WORDS // 2, -1):
                if words[k].group(0)[-1] in ",;:)":
                    last = k + 1
                    break
        a, b = words[first].start(), words[last - 1].end()
        step = 4 * MAX_WINDOW_TOKENS
        for c in range(a, b, step):
            out.append((c, min(b, c + step)))
        first = last
    return out


_FIRST_WORD = re.compile(r"[\"'“‘(\[]*([a-z]+)(?=[\s,;:!?]|\.(?!\w)|$)")


def _starts_sentence(text: str, start: int) -> bool:
    """Does the window at `start` begin a sentence: the text's start, after . ! ? (and any
    closing quote or bracket), or on a new line? Not when a long sentence was cut there."""
    end = start  # scan back from `start`, not copy text[:start]: a long text has many windows
    while end and text[end - 1].isspace():
        end -= 1
    close = end
    while close and text[close - 1] in "\"'”’)]":
        close -= 1
    return end == 0 or (close > 0 and text[close - 1] in ".!?") or "\n" in text[end:start]


class _Margins:
    """margin(start, end, replacement): how much more likely the model finds that change of
    `text` than the text as written, at the first token where they differ. One decoder pass
    over the text gives the distribution at every position; it runs on the first call, so
    an unused one costs nothing. `ids`: the text's tokens, if the caller has them."""

    def __init__(self, model, text: str, ids: list[int] | None = None):
        self.model, self.text, self.ids = model, text, ids
        self._logp = None

    def __call__(self, start: int, end: int, replacement: str) -> float:
        model = self.model
        if self._logp is None:
            if self.ids is None:
                self.ids = model.tokenizer.encode(self.text).ids[:MAX_WINDOW_TOKENS] + [model.eos]
            self._logp, _ = model.decode(model.encode(self.ids), [model.bos] + self.ids[:-1], model.empty_past())
        ids = self.ids
        alone = " ".join((self.text[:start] + replacement + self.text[end:]).split())
        new = model.tokenizer.encode(alone).ids[:MAX_WINDOW_TOKENS] + [model.eos]
        k = next((i for i, (a, b) in enumerate(zip(new, ids)) if a != b), None)
        return float("-inf") if k is None else float(self._logp[k, new[k]] - self._logp[k, ids[k]])


def _capitalised(sentence: str, lexicon) -> str:
    """`sentence` with its lower-case first word capitalised, if it is an English word
    ("because" -> "Because", "i" -> "I"; not "npm", "e.g.", "iPhone")."""
    m = _FIRST_WORD.match(sentence)
    if not m or (lexicon is not None and m.group(1) not in lexicon) or (len(m.group(1)) == 1 and m.group(1) not in "ai"):
        return sentence
    return sentence[:m.start(1)] + m.group(1)[0].upper() + sentence[m.start(1) + 1:]


def _looks_english(chunk: str) -> bool:
    letters = sum(ch.isalpha() for ch in chunk)
    latin = sum(ch.isascii() and ch.isalpha() for ch in chunk)
    return letters > 0 and latin >= 0.7 * letters
