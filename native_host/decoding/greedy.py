"""Greedy autoregressive decoding with a KV cache: one decoder call per output token.
The reference that Aggressive Decoding must match token for token."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Decoded:
    tokens: list[int]  # output tokens, without BOS/EOS
    calls: int = 0  # decoder calls used
    logprob: float = 0.0  # sum of the output's log-probabilities, EOS included
    # Aggressive Decoding's first pass scored [BOS] + the source: the model's distribution at
    # every source position given the source before it (T, V), what the guard's margins read;
    # and the encoded source. Kept so that the guard costs no further call.
    source_logp: object = None
    state: object = None
    stopped: bool = False  # ended early at the caller's request (aggressive_decode_many's `stop`)


def length_limit(model, src_ids: list[int], max_len: int | None) -> int:
    limit = model.max_positions - 1
    if max_len is not None:
        limit = min(limit, max_len)
    return min(limit, 2 * len(src_ids) + 10)


def greedy_decode(model, src_ids: list[int], max_len: int | None = None) -> Decoded:
    state = model.encode(src_ids)
    limit = length_limit(model, src_ids, max_len)
    past = model.empty_past()
    out: list[int] = []
    last, calls, total = model.bos, 0, 0.0
    while True:
        logp, past = model.decode(state, [last], past)
        calls += 1
        tok = int(logp[-1].argmax())
        total += float(logp[-1, tok])
        if tok == model.eos or len(out) >= limit:
            break
        out.append(tok)
        last = tok
    return Decoded(out, calls, total)
