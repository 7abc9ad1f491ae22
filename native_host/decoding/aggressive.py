"""Aggressive Decoding (input-guided; Ge et al.; Sun et al., ACL 2021).

A grammar checker's output is mostly its input. So take the source tokens as a draft
of the output, score the whole draft in one decoder call, and keep the longest prefix
where the model's own argmax equals the draft, plus the model's token at the first
mismatch. Then decode greedily, and after each token try to re-align with the source:
if the last 1, 2 or 3 generated tokens occur exactly once in the source, the source
tokens after that occurrence become the next draft. Every kept token is the model's
argmax given the same prefix, so the output equals greedy decoding token for token.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from .greedy import Decoded, length_limit


def realign(src: list[int], out: list[int], max_n: int = 3) -> list[int] | None:
    """The source tokens after the unique occurrence of out's last 1..3 tokens, or None."""
    for n in range(1, max_n + 1):
        if len(out) < n:
            return None
        tail = out[-n:]
        hits = [j for j in range(n - 1, len(src)) if src[j - n + 1: j + 1] == tail]
        if not hits:
            return None  # a longer suffix cannot match either
        if len(hits) == 1:
            draft = src[hits[0] + 1:]
            return draft or None
    return None


def aggressive_decode(model, src_ids: list[int], max_len: int | None = None) -> Decoded:
    state = model.encode(src_ids)
    block = _first_block(model, src_ids, max_len)
    logp, present = model.decode(state, block, model.empty_past())
    return _finish(model, state, src_ids, length_limit(model, src_ids, max_len), block, logp, present)


def aggressive_decode_many(model, sources: list[list[int]], max_len: int | None = None,
                           stop: Callable[[int, list[int]], bool] | None = None) -> list[Decoded]:
    """aggressive_decode() of each source, the encoder and the first pass (the source as
    the draft: the only call for a sentence the model leaves as it is) run for all of
    them together (OnnxModel.start_many); the rest, a few calls where the model corrects,
    one sentence at a time. `stop(i, output so far)` for sources[i], asked every few tokens once the first
    pass has not accepted the whole draft: yes ends that decoding early, `stopped` (the caller
    has seen enough to discard it: a decoder gone round in circles runs to the length limit)."""
    blocks = [_first_block(model, src, max_len) for src in sources]
    started = model.start_many(sources, blocks) if sources else []
    return [_finish(model, state, src, length_limit(model, src, max_len), block, logp, present,
                    None if stop is None else partial(stop, i))
            for i, (src, block, (state, logp, present)) in enumerate(zip(sources, blocks, started))]


def _first_block(model, src_ids: list[int], max_len: int | None) -> list[int]:
    # The source, EOS included, is the first draft. At most `limit` draft tokens can be
    # accepted; one more would sit at position limit + 1, past the model's last position
    # when the limit is max_positions - 1.
    return [model.bos] + list(src_ids)[: length_limit(model, src_ids, max_len)]


STOP_EVERY = 8  # tokens between two questions to `stop`
# After a correction the draft is the rest of the source, but the model often rejects it at
# once (a run-on line: a comma, a capital, a rewrite every few words), and a CPU pays per draft
# token (~0.13 ms each, a call ~1.5 ms). So a draft holds at most as many tokens as the last
# one accepted (at least MIN_DRAFT), twice as many after a draft accepted whole. The output
# is unchanged (every kept token is still the model's argmax): only the calls differ. A
# 20,000-character run-on line: 13,080 -> ~7,300 draft tokens for ~20 % more calls.
MIN_DRAFT = 4


def _finish(model, state, src_ids: list[int], limit: int, block: list[int], logp, present,
            stop: Callable[[list[int]], bool] | None = None) -> Decoded:
    """The decoding, given the first block and its scores."""
    first = logp
    out: list[int] = []
    calls, total, ask_at = 1, 0.0, STOP_EVERY
    cap = len(block)  # the first block is the whole source: the guard reads its scores
    while True:
        pred = logp.argmax(axis=-1)
        # Accept draft tokens while they are the model's own choice.
        k = 0
        while k < len(block) - 1 and pred[k] == block[k + 1] and block[k + 1] != model.eos and len(out) < limit:
            out.append(int(block[k + 1]))
            total += float(logp[k, block[k + 1]])
            k += 1
        cap = 2 * cap if k == len(block) - 1 else max(MIN_DRAFT, k)
        # The model's token after the accepted prefix (a correction, EOS, or the limit).
        tok = int(pred[k])
        total += float(logp[k, tok])
        past = [p[:, :, : p.shape[2] - (len(block) - k - 1)] for p in present]
        if tok == model.eos or len(out) >= limit:
            break
        out.append(tok)
        last = tok
        # Greedy steps until the output re-aligns with the source.
        draft = realign(src_ids, out) or []
        while not draft:
            if stop is not None and len(out) >= ask_at:
                ask_at = len(out) + STOP_EVERY
                if stop(out):
                    return Decoded(out, calls, total, first, state, stopped=True)
            logp, past = model.decode(state, [last], past)
            calls += 1
            tok = int(logp[-1].argmax())
            total += float(logp[-1, tok])
            if tok == model.eos or len(out) >= limit:
                return Decoded(out, calls, total, first, state)
            out.append(tok)
            last = tok
            draft = realign(src_ids, out) or []
        if stop is not None and len(out) >= ask_at:
            ask_at = len(out) + STOP_EVERY
            if stop(out):
                return Decoded(out, calls, total, first, state, stopped=True)
        block = [last] + draft[: min(limit - len(out), cap)]
        logp, present = model.decode(state, block, past)
        calls += 1
    return Decoded(out, calls, total, first, state)
