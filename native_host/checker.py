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

from .confidence import Calibrator, features, word_counts
from .config import SENSITIVITIES, CheckerConfig, shows
from .edits import Edit
from .errors import CheckCancelled, TextTooLarge, UnsupportedLanguage
from .lang import language
from .lexicon import Lexicon
from .limits import MAX_CHECKER_UTF16
from .offsets import Utf16Map, utf16_len
from .pipeline import Loaded, run
from .regions import looks_english, protected_spans, windows
from .spelling import Speller
from .suggestions import Suggestion

_TOKEN = re.compile(r"\S+")


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

    @property
    def min_margin(self) -> float:
        return self.load().min_margin

    @property
    def speller(self) -> Speller | None:
        return self.load().speller

    # -- sentences -------------------------------------------------------------------
    def sentence_edits(self, sentence: str, starts: bool = True, ends: bool = True) -> tuple[Edit, ...]:
        """The edits of one sentence, whitespace-normalised (offsets into " ".join(sentence.split())), cached."""
        key = (" ".join(sentence.split()), starts, ends)
        if not key[0]:
            return ()
        with self._cache_lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                self.cache_hits += 1
                return self._cache[key]
        edits = tuple(run(key[0], starts, ends, self.load()))
        with self._cache_lock:
            self.cache_misses += 1
            self._cache[key] = edits
            if len(self._cache) > self.config.cache_size:
                self._cache.popitem(last=False)
        return edits

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
        if language and language.split("-")[0].lower() != self.lang.tag:
            raise UnsupportedLanguage(f"Redline checks {self.lang.tag} text; this text is marked {language}")
        if sensitivity is not None and sensitivity not in SENSITIVITIES:
            raise ValueError(f"sensitivity must be one of {', '.join(SENSITIVITIES)}")
        loaded = self.load()
        if loaded.calibrator is None:
            yield from self.all_edits(text, cancelled)
            return
        counts, widest = word_counts(text), sensitivity or self.config.sensitivity
        for e in self.all_edits(text, cancelled):
            confidence = loaded.calibrator(features(e, text, counts, loaded.lexicon.counts))
            level = loaded.calibrator.level(confidence)
            if shows(widest, level):
                yield replace(e, confidence=confidence, level=level)

    def all_edits(self, text: str, cancelled: Callable[[], bool] | None = None) -> Iterator[Edit]:
        """Every edit of `text`, whatever its confidence (edits())."""
        if not isinstance(text, str):
            raise TypeError("text must be a string")
        if len(text) > MAX_CHECKER_UTF16 or utf16_len(text) > MAX_CHECKER_UTF16:
            raise TextTooLarge(f"text is {utf16_len(text):,} characters; the limit is {MAX_CHECKER_UTF16:,}")
        for w in windows(text, self.lang.abbreviations):
            if cancelled is not None and cancelled():
                raise CheckCancelled("the check was cancelled")
            chunk = text[w.start:w.end]
            if not looks_english(chunk):
                continue
            found = self.sentence_edits(chunk, w.starts, w.ends)
            if not found:
                continue
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
        out = [Suggestion.from_edit(e, text) for e in self.edits(text, cancelled, sensitivity, language)]
        umap = Utf16Map(text)
        for s in out:
            s.start, s.end = umap.to_utf16(s.start), umap.to_utf16(s.end)
        return out

    def correct(self, text: str, cancelled: Callable[[], bool] | None = None, sensitivity: str | None = None) -> str:
        """`text` with every suggestion's first replacement applied (the evaluation path)."""
        out, pos = [], 0
        for e in self.edits(text, cancelled, sensitivity):
            out.append(text[pos:e.start] + e.replacement)
            pos = e.end
        return "".join(out) + text[pos:]


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
