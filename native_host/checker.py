"""The checker: text in, suggestions out. No I/O besides loading the model; every
transport and the CLI call this.

    checker = Checker()                # cheap: nothing loaded yet
    checker.check("He go to school.")  # -> [Suggestion(start=3, end=5, ...)], UTF-16 offsets

A text is cut into windows (regions.py: the prose, sentence by sentence); each window
goes through the pipeline (pipeline.py), whose edits are cached by sentence.
"""

from __future__ import annotations

import json
import re
import threading
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

from .confidence import Calibrator, features, word_counts
from .config import SENSITIVITIES, CheckerConfig, shows
from .edits import Edit
from .errors import CheckCancelled, TextTooLarge, UnsupportedLanguage
from .lang import language
from .lexicon import Lexicon
from .limits import MAX_CHECKER_UTF16
from .memory import return_freed_memory
from .offsets import Utf16Map, utf16_len
from .pipeline import Loaded, run_many
from .regions import Window, looks_english, paragraphs, protected_spans, windows
from .spelling import Speller
from .suggestions import Suggestion

_TOKEN = re.compile(r"\S+")


# Windows checked together (the model decodes them as a batch): fuller matrix products,
# while a cancelled check still stops soon and the scores a batch keeps for the guard and
# the rules (about 1.5 MB a sentence) stay small. 16 was ~6 % faster on a 4,000-word text
# and peaked ~20 MB higher.
BATCH_WINDOWS = 8


class Checker:
    def __init__(self, model_dir: Path | str | None = None, config: CheckerConfig | None = None, **overrides):
        """`overrides`: CheckerConfig fields (min_margin=..., passes=..., threads=...)."""
        if model_dir is None:
            from .model_files import default_model_dir

            model_dir = default_model_dir()
        self.model_dir = Path(model_dir)
        self.config = replace(config or CheckerConfig(), **overrides)
        self.lang = language(self.config.language)
        self._loaded: Loaded | None = None
        self._load_lock = threading.Lock()
        self._cache: OrderedDict[tuple[str, bool, bool], tuple[Edit, ...]] = OrderedDict()
        self._cache_lock = threading.Lock()
        self.cache_hits = self.cache_misses = 0

    # -- model ---------------------------------------------------------------------
    @property
    def model_name(self) -> str:
        try:
            return json.loads((self.model_dir / "config.json").read_text(encoding="utf-8")).get("name", self.model_dir.name)
        except (OSError, ValueError):
            return self.model_dir.name

    @property
    def loaded(self) -> bool:
        return self._loaded is not None

    def load(self) -> Loaded:
        """Load the ONNX sessions and the word lists, and warm up; idempotent and thread-safe."""
        if self._loaded is None:
            with self._load_lock:
                if self._loaded is None:
                    from .decoding.aggressive import aggressive_decode
                    from .decoding.onnx_model import OnnxModel

                    model = OnnxModel(self.model_dir, threads=self.config.threads)
                    aggressive_decode(model, model.tokenizer.encode("This is a warm-up.").ids + [model.eos])
                    model.decoder_calls = 0
                    lexicon = Lexicon.load(self.model_dir)
                    speller = Speller(lexicon.counts, lexicon.known, self.lang) if lexicon.counts else None
                    margin = self.config.min_margin
                    if margin is None:
                        margin = float(model.config.get("min_margin", 0.0))
                    self._loaded = Loaded(model, lexicon, speller, self.lang, self.config, margin,
                                          Calibrator.load(self.model_dir))
        return self._loaded

    def release_memory(self) -> None:
        """Hand back the memory the model's last texts used and no longer do (OnnxModel.release_memory):
        for a resident host once idle; nothing to do before the model is loaded."""
        if self._loaded is not None:
            self._loaded.model.release_memory()

    @property
    def min_margin(self) -> float:
        return self.load().min_margin

    @property
    def speller(self) -> Speller | None:
        return self.load().speller

    # -- sentences -------------------------------------------------------------------
    def sentence_edits(self, sentence: str, starts: bool = True, ends: bool = True) -> tuple[Edit, ...]:
        """The edits of one sentence, whitespace-normalised (offsets into " ".join(sentence.split())), cached."""
        return self.sentence_edits_many([(sentence, starts, ends)])[0]

    def sentence_edits_many(self, items: list[tuple[str, bool, bool]]) -> list[tuple[Edit, ...]]:
        """sentence_edits() of each (sentence, starts, ends); those not cached go through the
        pipeline together (pipeline.run_many: the model decodes them as a batch)."""
        keys = [(" ".join(sentence.split()), starts, ends) for sentence, starts, ends in items]
        found: dict[tuple[str, bool, bool], tuple[Edit, ...]] = {}
        missing = []
        with self._cache_lock:
            for key in keys:
                if key in self._cache:
                    self._cache.move_to_end(key)
                    self.cache_hits += 1
                    found[key] = self._cache[key]
                elif key in found:
                    self.cache_hits += 1  # twice in one batch: decoded once
                elif key[0]:
                    found[key] = ()
                    missing.append(key)
                    self.cache_misses += 1
        for key, edits in zip(missing, run_many(missing, self.load()) if missing else ()):
            found[key] = tuple(edits)
        with self._cache_lock:
            for key in missing:
                self._cache[key] = found[key]
                if len(self._cache) > self.config.cache_size:
                    self._cache.popitem(last=False)
        return [found.get(key, ()) for key in keys]

    def warm(self, texts: list[str], cancelled: Callable[[], bool] | None = None) -> None:
        """Check the sentences of all `texts` together, in batches (the model decodes a batch
        at once), so that checking each text afterwards finds them cached: how `redline
        correct` reads a file of short paragraphs or lines. Texts over the size limit are left out."""
        items = [(text[w.start:w.end], w.starts, w.ends) for text in texts
                 if isinstance(text, str) and len(text) <= MAX_CHECKER_UTF16 for w in self._prose(text, windows(text, self.lang.abbreviations))]
        self._batches(items, cancelled)

    def _batches(self, items: list[tuple[str, bool, bool]], cancelled: Callable[[], bool] | None
                 ) -> list[tuple[Edit, ...]]:
        """sentence_edits_many() BATCH_WINDOWS at a time, asking `cancelled()` before each batch."""
        out = []
        for first in range(0, len(items), BATCH_WINDOWS):
            if cancelled is not None and cancelled():
                raise CheckCancelled("the check was cancelled")
            out += self.sentence_edits_many(items[first:first + BATCH_WINDOWS])
        return out

    def _prose(self, text: str, wins: list[Window]) -> list[Window]:
        """The windows worth giving the model: English-looking (regions.looks_english)."""
        return [w for w in wins if looks_english(text[w.start:w.end])]

    def clear_cache(self) -> None:
        with self._cache_lock:
            self._cache.clear()

    # -- text ------------------------------------------------------------------------
    def edits(self, text: str, cancelled: Callable[[], bool] | None = None,
              sensitivity: str | None = None, language: str | None = None) -> Iterator[Edit]:
        """The edits of `text` the sensitivity (config.SENSITIVITIES; default: the config's)
        lets through, in order, with code-point offsets into it and their confidence.
        `cancelled()` is asked before each sentence; when it says yes the check stops with
        CheckCancelled. `language`: the text's language tag, if known ("en-GB"); one the
        model was not trained for raises UnsupportedLanguage."""
        for part in self.paragraph_edits(text, cancelled, sensitivity, language):
            yield from part.found

    def paragraph_edits(self, text: str, cancelled: Callable[[], bool] | None = None,
                        sensitivity: str | None = None, language: str | None = None,
                        first: tuple[tuple[int, int], ...] = ()) -> Iterator[Part]:
        """edits() a paragraph at a time (regions.paragraphs: spans that cover the text), for
        streaming: those overlapping the code-point ranges `first` come first, then the rest
        in order. Confidence is computed on the whole text, so the parts hold exactly edits()."""
        if language and language.split("-")[0].lower() != self.lang.tag:
            raise UnsupportedLanguage(f"Redline checks {self.lang.tag} text; this text is marked {language}")
        if sensitivity is not None and sensitivity not in SENSITIVITIES:
            raise ValueError(f"sensitivity must be one of {', '.join(SENSITIVITIES)}")
        _check_size(text)
        loaded = self.load()
        calibrator = loaded.calibrator
        counts, widest = word_counts(text) if calibrator else None, sensitivity or self.config.sensitivity
        parts = paragraphs(text, windows(text, self.lang.abbreviations), first)
        warmed = 1  # the first paragraph is checked alone (it is the one in view), the rest in batches
        for k, (start, end, group) in enumerate(parts):
            if k >= warmed:
                warmed = self._warm_ahead(text, parts, k, cancelled)
            kept = []
            for e in self._window_edits(text, group, cancelled):
                if calibrator is None:
                    kept.append(e)
                    continue
                confidence = calibrator(features(e, text, counts, loaded.lexicon.counts))
                level = calibrator.level(confidence)
                if shows(widest, level):
                    kept.append(replace(e, confidence=confidence, level=level))
            yield Part(start, end, kept)
        # The arrays of this text are freed but glibc keeps them: up to ~90 MB that a resident
        # host would hold until the next long text (native_host/memory.py). ORT's arena keeps
        # its tensors for the next text until release_memory().
        return_freed_memory()

    def all_edits(self, text: str, cancelled: Callable[[], bool] | None = None) -> Iterator[Edit]:
        """Every edit of `text`, whatever its confidence (edits())."""
        _check_size(text)
        return self._window_edits(text, windows(text, self.lang.abbreviations), cancelled)

    def _warm_ahead(self, text: str, parts, k: int, cancelled: Callable[[], bool] | None) -> int:
        """Check the windows of parts[k:], BATCH_WINDOWS or more, as one batch; returns the
        index of the first paragraph left for later."""
        items, end = [], k
        while end < len(parts) and len(items) < BATCH_WINDOWS:
            items += [(text[w.start:w.end], w.starts, w.ends) for w in self._prose(text, parts[end][2])]
            end += 1
        self._batches(items, cancelled)
        return end

    def _window_edits(self, text: str, wins: list[Window], cancelled: Callable[[], bool] | None) -> Iterator[Edit]:
        prose = self._prose(text, wins)
        for w, found in zip(prose, self._batches([(text[w.start:w.end], w.starts, w.ends) for w in prose], cancelled)):
            if not found:
                continue
            chunk = text[w.start:w.end]
            protected = protected_spans(chunk)
            to_chunk = _normalised_offsets(chunk)
            for e in found:
                start, end = to_chunk(e.start, True), to_chunk(e.end, False)
                if any(a < end and start < b for a, b in protected) or "\ufffd" in e.replacement:
                    continue
                yield replace(e, start=w.start + start, end=w.start + end,
                              evidence=e.evidence + (("sentence_edits", float(len(found))),))

    def check(self, text: str, cancelled: Callable[[], bool] | None = None,
              sensitivity: str | None = None, language: str | None = None) -> list[Suggestion]:
        """Suggestions for `text`, with UTF-16 offsets into it (edits())."""
        return [s for part in self.check_parts(text, cancelled, sensitivity, language) for s in part.found]

    def check_parts(self, text: str, cancelled: Callable[[], bool] | None = None,
                    sensitivity: str | None = None, language: str | None = None,
                    first: tuple[tuple[int, int], ...] = ()) -> Iterator[Part]:
        """check() a paragraph at a time (paragraph_edits()), UTF-16 offsets throughout:
        Part(start, end, suggestions), `first` in UTF-16 units too."""
        umap = Utf16Map(text)
        first = tuple((umap.from_utf16(a), umap.from_utf16(b)) for a, b in first)
        for part in self.paragraph_edits(text, cancelled, sensitivity, language, first):
            found = [Suggestion.from_edit(e, text) for e in part.found]
            for s in found:
                s.start, s.end = umap.to_utf16(s.start), umap.to_utf16(s.end)
            yield Part(umap.to_utf16(part.start), umap.to_utf16(part.end), found)

    def correct(self, text: str, cancelled: Callable[[], bool] | None = None, sensitivity: str | None = None) -> str:
        """`text` with every suggestion's first replacement applied (the evaluation path)."""
        out, pos = [], 0
        for e in self.edits(text, cancelled, sensitivity):
            out.append(text[pos:e.start] + e.replacement)
            pos = e.end
        return "".join(out) + text[pos:]


class Part(NamedTuple):
    """One paragraph's answer: the span of text it covers and what was found there (edits
    with code-point offsets, or suggestions with UTF-16 ones: check_parts())."""
    start: int
    end: int
    found: list


def _check_size(text: str) -> None:
    if not isinstance(text, str):
        raise TypeError("text must be a string")
    if len(text) > MAX_CHECKER_UTF16 or utf16_len(text) > MAX_CHECKER_UTF16:
        raise TextTooLarge(f"text is {utf16_len(text):,} characters; the limit is {MAX_CHECKER_UTF16:,}")


def _normalised_offsets(chunk: str) -> Callable[[int, bool], int]:
    """Map an offset into " ".join(chunk.split()) back into `chunk`. A normalised space
    stands for the whole run of whitespace it replaced: an edit starting on it starts
    where the run starts, one ending after it ends where the run ends."""
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(chunk)]
    starts, pos = [], 0  # each token's offset in the normalised text
    for a, b in tokens:
        starts.append(pos)
        pos += b - a + 1

    def to_chunk(i: int, is_start: bool) -> int:
        k = bisect_right(starts, i) - 1
        if k < 0:
            return tokens[0][0] if tokens else 0
        a, b = tokens[k]
        inside = i - starts[k]
        if inside <= b - a:
            return a + inside  # within the token, or just after it
        return tokens[k + 1][0] if not is_start and k + 1 < len(tokens) else b  # on the space after it
    return to_chunk
