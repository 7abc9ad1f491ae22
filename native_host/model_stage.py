"""The neural model's stage: its corrections of a sentence, only the edits that pass the
guard, each with the model's margin for it; and `Margins`, the model's judgement of any
one change, which the guard and the rules' proposals share."""

from __future__ import annotations

from .decoding.aggressive import aggressive_decode_many
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
    return model_edits_many([s])[0]


def model_edits_many(ss: list) -> list[list[Edit]]:
    """model_edits() of each sentence of a text: each pass decodes the sentences it
    concerns together (aggressive_decode_many), which costs less than one at a time."""
    if not ss:
        return []
    written = [s.text for s in ss]
    done: list[list[Edit]] = [[] for _ in ss]
    todo = list(range(len(ss)))
    for _ in range(ss[0].config.passes):
        current = [apply(written[k], done[k]) for k in todo]
        kept_all = _model_pass_many([ss[k] for k in todo], current)
        todo_next = []
        for k, kept in zip(todo, kept_all):
            if kept:
                done[k] = compose(written[k], done[k], kept)
                todo_next.append(k)
        todo = todo_next
        if not todo:
            break
    return done


def _model_pass_many(ss: list, sentences: list[str]) -> list[list[Edit]]:
    model = ss[0].model
    ids = [model.tokenizer.encode(sentence).ids[:MAX_WINDOW_TOKENS] + [model.eos] for sentence in sentences]
    if ss[0].config.aggressive:
        words = [sentence_words(sentence) for sentence in sentences]
        decoded = aggressive_decode_many(model, ids, stop=lambda i, out: _loops(model, words[i], out))
    else:
        decoded = [greedy_decode(model, i) for i in ids]
    return [_guarded(s, sentence, i, d) for s, sentence, i, d in zip(ss, sentences, ids, decoded)]


def _loops(model, source: list[str], out: list[int]) -> bool:
    """Does the output so far already loop (plausible.looping) in its finished words, the
    ones before its last space (a later token may still extend the last word)? Then so
    does the whole output, which the guard would drop: no need to decode the rest."""
    text = model.tokenizer.decode(out)
    return looping(source, sentence_words(text[:max(0, text.rfind(" "))]))


def _guarded(s, sentence: str, ids: list[int], decoded) -> list[Edit]:
    """Keep the plausible edits (plausible.py) whose margin reaches min_margin.

    An edit's margin is measured where it starts: after the unchanged prefix, how much
    more likely the model finds the edit's first token than the token as written
    (log-probability difference). One decoder pass over the sentence as written gives
    that distribution at every position, so the guard costs one call in all, or none
    after Aggressive Decoding, whose first pass is that one. Comparing
    whole-sentence scores instead favoured deletions (fewer tokens to pay for) and
    dropped insertions: at step ~1,100 its precision fell as the margin rose (measured,
    MODEL_CARD.md)."""
    model = s.model
    margin = Margins(model, sentence, ids, decoded.source_logp, decoded.state)
    s.remember(margin)  # the rules after the model ask about this text if the model leaves it as it is
    if decoded.stopped:
        return []  # it loops (_loops)
    out = model.tokenizer.decode(decoded.tokens)
    if out == sentence or ("\ufffd" in out and "\ufffd" not in sentence):
        return []  # nothing to do, or a broken byte sequence: never suggest it
    source, fixed = sentence_words(sentence), sentence_words(out)
    if looping(source, fixed):
        return []
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
    an unused one costs nothing. `ids`: the text's tokens, if the caller has them; `logp`:
    that pass, if it ran already (Aggressive Decoding's first: [BOS] + ids, a row more);
    `state`: the encoded text, if the caller has it."""

    def __init__(self, model, text: str, ids: list[int] | None = None, logp=None, state=None):
        self.model, self.text, self.ids, self._state = model, text, ids, state
        self._logp = logp if logp is not None and ids is not None and len(logp) >= len(ids) else None

    def __call__(self, start: int, end: int, replacement: str) -> float:
        model = self.model
        if self._logp is None:
            if self.ids is None:
                self.ids = model.tokenizer.encode(self.text).ids[:MAX_WINDOW_TOKENS] + [model.eos]
            state = self._state or model.encode(self.ids)
            self._logp, _ = model.decode(state, [model.bos] + self.ids[:-1], model.empty_past())
        ids = self.ids
        alone = " ".join((self.text[:start] + replacement + self.text[end:]).split())
        new = model.tokenizer.encode(alone).ids[:MAX_WINDOW_TOKENS] + [model.eos]
        k = next((i for i, (a, b) in enumerate(zip(new, ids)) if a != b), None)
        return float("-inf") if k is None else float(self._logp[k, new[k]] - self._logp[k, ids[k]])
