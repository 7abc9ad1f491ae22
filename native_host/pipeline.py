"""What happens to one sentence, top to bottom (STAGES), and the `Sentence` each stage reads.

Every stage returns Edits of the text as it finds it, each made with its own message;
the pipeline composes them into edits of the sentence as written (edits.compose), so a
suggestion knows which stage made it and on what evidence.
"""

from __future__ import annotations

from dataclasses import dataclass

from .confidence import Calibrator
from .config import CheckerConfig
from .edits import Edit, apply, compose
from .lang import Language
from .lexicon import Lexicon
from .model_stage import MAX_WINDOW_TOKENS, Margins, model_edits, model_edits_many
from .spelling import Speller, spelling_edits


def stages(lang: Language) -> tuple:
    return (
        spelling_edits,            # words the lexicon lacks -> the likeliest known word, in context
        *lang.rules_before_model,  # sure rules: a sentence's capital, "I", "a"/"an", a comma after "However"
        model_edits,               # the neural model's corrections that pass the guard
        *lang.rules_after_model,   # what the model tends to miss, proposed by rules, kept if the model agrees
    )


@dataclass
class Loaded:
    """What the stages share once the checker has loaded: the model and the word lists."""

    model: object  # decoding.onnx_model.OnnxModel
    lexicon: Lexicon
    speller: Speller | None
    lang: Language
    config: CheckerConfig
    min_margin: float  # config.min_margin, or the model's own
    calibrator: Calibrator | None = None  # the model's calibration.json (confidence.py), if it ships one


class Sentence:
    """One sentence (or window of a long one) on its way through the stages: `text` is
    as the stages so far left it; `starts`: it begins a sentence (not a later window)."""

    def __init__(self, text: str, starts: bool, loaded: Loaded):
        self.text, self.starts = text, starts
        self.model, self.lexicon, self.speller = loaded.model, loaded.lexicon, loaded.speller
        self.lang, self.config, self.min_margin = loaded.lang, loaded.config, loaded.min_margin
        self._margins: Margins | None = None

    def margin(self, start: int, end: int, replacement: str) -> float:
        """The model's margin for changing text[start:end] to `replacement` (model_stage.Margins);
        one decoder pass per text, shared by every stage that asks."""
        if self._margins is None or self._margins.text != self.text:
            self._margins = Margins(self.model, self.text)
        return self._margins(start, end, replacement)

    def margin_in(self, text: str, start: int, end: int, replacement: str) -> float:
        """The model's margin for a change of another text (a variant of this one): a decoder
        pass of its own, not kept."""
        return Margins(self.model, text)(start, end, replacement)

    def remember(self, margins: Margins) -> None:
        """Margins the model stage has for a text (its decoding scored it already)."""
        self._margins = margins

    def ids(self, text: str) -> list[int]:
        """`text`'s tokens as the model reads them, whitespace normalised, then EOS."""
        return self.model.tokenizer.encode(" ".join(text.split())).ids[:MAX_WINDOW_TOKENS] + [self.model.eos]


def run(text: str, starts: bool, ends: bool, loaded: Loaded) -> list[Edit]:
    """The edits of `text` (one whitespace-normalised sentence or window), in order."""
    return run_many([(text, starts, ends)], loaded)[0]


def run_many(items: list[tuple[str, bool, bool]], loaded: Loaded) -> list[list[Edit]]:
    """The edits of each (text, starts, ends): text is one whitespace-normalised sentence
    or window, in order. Each stage runs over all of them before the next, so that the
    model's stage decodes them together (model_edits_many); the others take one at a time.
    A window cut from a longer sentence keeps no edit on its first word (unless it starts
    the sentence) or its last (unless it ends it): the model takes a cut for an end
    ("talked for a" + "long" -> "A long")."""
    ss = [Sentence(text, starts, loaded) for text, starts, _ in items]
    done: list[list[Edit]] = [[] for _ in items]
    for stage in stages(loaded.lang):
        found = model_edits_many(ss) if stage is model_edits else [stage(s) for s in ss]
        for k, (s, new) in enumerate(zip(ss, found)):
            if new:
                done[k] = compose(items[k][0], done[k], new)
                s.text = apply(items[k][0], done[k])
    return [_inside(text, starts, ends, edits) for (text, starts, ends), edits in zip(items, done)]


def _inside(text: str, starts: bool, ends: bool, edits: list[Edit]) -> list[Edit]:
    first_end = text.find(" ") if " " in text else len(text)
    last_start = text.rfind(" ") + 1
    return [e for e in edits if (starts or e.start >= first_end) and (ends or e.end <= last_start)]
