"""The neural model's stage: its corrections of a sentence, only the edits that pass the
guard, each with the model's margin for it; and `Margins`, the model's judgement of any
one change, which the guard and the rules' proposals share."""

from __future__ import annotations

from .decoding.aggressive import aggressive_decode
from .decoding.greedy import greedy_decode
from .edits import Edit, apply, compose
from .lexicon import sentence_words
from .plausible import looping, plausible
from .word_diff import diff

MAX_WINDOW_TOKENS = 160  # the model reads at most this many tokens of a sentence


def model_edits(s) -> list[Edit]:
    """The model's corrections of s.text (`s`: pipeline.Sentence). A second pass over a
    changed sentence finds what the first made visible: BEA-19 dev recall 16.7 -> 18.0 %
    at the same precision on the first 300 sentences (JFLEG GLEU 41.9 -> 41.8); it costs
    one more decoding of changed sentences only."""
    written, done = s.text, []
    current = written
    for _ in range(s.config.passes):
        kept = _model_pass(s, current)
        if not kept:
            break
        done = compose(written, done, kept)
        current = apply(written, done)
    return done


def _model_pass(s, sentence: str) -> list[Edit]:
    """Keep the plausible edits (plausible.py) whose margin reaches min_margin.

    An edit's margin is measured where it starts: after the unchanged prefix, how much
    more likely the model finds the edit's first token than the token as written
    (log-probability difference). One decoder pass over the sentence as written gives
    that distribution at every position, so the guard costs one call in all. Comparing
    whole-sentence scores instead favoured deletions (fewer tokens to pay for) and
    dropped insertions: at step ~1,100 its precision fell as the margin rose (measured,
    MODEL_CARD.md)."""
    model = s.model
    ids = model.tokenizer.encode(sentence).ids[:MAX_WINDOW_TOKENS] + [model.eos]
    decode = aggressive_decode if s.config.aggressive else greedy_decode
    out = model.tokenizer.decode(decode(model, ids).tokens)
    if out == sentence or ("\ufffd" in out and "\ufffd" not in sentence):
        return []  # nothing to do, or a broken byte sequence: never suggest it
    source, fixed = sentence_words(sentence), sentence_words(out)
    if looping(source, fixed):
        return []
    margin = Margins(model, sentence, ids)
    known = s.speller.known if s.speller else None
    edits = []
    for c in diff(sentence, out):
        if not plausible(c, sentence, source, fixed, s.lexicon.counts, s.lang):
            continue
        m = margin(c.start, c.end, c.replacement)
        if m < s.min_margin:
            continue
        category, message = s.lang.classify(c, sentence, known)
        edits.append(Edit(c.start, c.end, (c.replacement,), category, message, "model", "model",
                          (("margin", m), ("removed", float(len(c.removed))), ("added", float(len(c.added))))))
    return edits


class Margins:
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
