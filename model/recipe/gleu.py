"""GLEU, the JFLEG metric (Napoles et al. 2015; the multi-reference version of 2016).

Same computation as the official `gleu.py` of the JFLEG repository: per sentence and
n = 1..4, the hypothesis n-grams that match the reference, minus those that match
n-grams of the source which the reference does not keep, clipped at 0, over the number
of hypothesis n-grams; a brevity penalty against the reference length. The statistics
are summed over the corpus with one randomly chosen reference per sentence, and the
score is the mean over 500 such samplings (seeds 0, 101, 202, ...). Inputs are token
lists; the result is on a 0-100 scale.
"""

from __future__ import annotations

import math
import random
from collections import Counter

import numpy as np

ORDER = 4


def ngrams(tokens: list[str], n: int) -> Counter:
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) + 1 - n))


def sentence_stats(hyp: list[str], src: list[str], ref: list[str]) -> list[int]:
    """[hyp length, ref length, matches_1, count_1, ..., matches_4, count_4]."""
    stats = [len(hyp), len(ref)]
    for n in range(1, ORDER + 1):
        h, s, r = ngrams(hyp, n), ngrams(src, n), ngrams(ref, n)
        s_not_r = Counter({g: c for g, c in s.items() if g not in r})  # source n-grams the reference dropped
        matches = sum((h & r).values()) - sum((h & s_not_r).values())
        stats += [max(matches, 0), max(len(hyp) + 1 - n, 0)]
    return stats


def gleu_from_stats(stats) -> float:
    """GLEU (0-1) from summed statistics; 0 if any count is 0, as in the official script."""
    if any(x == 0 for x in stats):
        return 0.0
    c, r = stats[0], stats[1]
    log_prec = sum(math.log(m / d) for m, d in zip(stats[2::2], stats[3::2])) / ORDER
    return math.exp(min(0.0, 1.0 - r / c) + log_prec)


def corpus_gleu(hyps: list[list[str]], sources: list[list[str]], references: list[list[list[str]]],
                iterations: int = 500) -> tuple[float, float]:
    """Mean and standard deviation (0-100) of corpus GLEU over `iterations` reference samplings.

    references[i] holds the reference token lists of sentence i (the same number for all).
    """
    n_refs = len(references[0])
    assert len(hyps) == len(sources) == len(references) and all(len(r) == n_refs for r in references)
    # stats[i, k]: sentence i scored against its reference k.
    stats = np.array([[sentence_stats(h, s, r) for r in refs] for h, s, refs in zip(hyps, sources, references)],
                     dtype=np.int64).reshape(len(hyps), n_refs, 2 + 2 * ORDER)
    rows = np.arange(len(hyps))
    scores = []
    for j in range(iterations):
        random.seed(j * 101)  # the official script's sampling
        pick = np.array([random.randint(0, n_refs - 1) for _ in range(len(hyps))], dtype=np.int64)
        scores.append(gleu_from_stats(stats[rows, pick].sum(0).tolist()))
    return 100 * float(np.mean(scores)), 100 * float(np.std(scores))
