"""Aggressive Decoding must give exactly greedy decoding's tokens, with fewer decoder calls."""

import gzip
import random
from pathlib import Path

import pytest

from native_host.decoding.aggressive import (
    aggressive_decode,
    aggressive_decode_many,
    realign,
)
from native_host.decoding.greedy import greedy_decode
from native_host.decoding.onnx_model import OnnxModel
from tests.host.model_fixture import SHARED, model_dir


@pytest.fixture(scope="module")
def model():
    return OnnxModel(model_dir(), threads=1)


def _ids(model, text):
    return model.tokenizer.encode(text).ids[:96] + [model.eos]


# --- re-alignment (pure) -------------------------------------------------------------

def test_realign_unique_last_token_gives_following_source():
    assert realign([10, 11, 12, 13, 2], [10, 99, 11]) == [12, 13, 2]


def test_realign_repeated_token_needs_longer_suffix():
    src = [5, 7, 5, 8, 2]  # 5 occurs twice: the bigram decides
    assert realign(src, [7, 5]) == [8, 2]
    assert realign(src, [1, 5]) is None  # "1 5" is not in the source


def test_realign_ambiguous_up_to_trigram_gives_up():
    src = [1, 2, 3, 9, 1, 2, 3, 8, 2]
    assert realign(src, [1, 2, 3]) is None


def test_realign_after_deletion_and_insertion():
    src = [20, 21, 22, 23, 24, 2]
    assert realign(src, [20, 22]) == [23, 24, 2]  # 21 deleted: re-aligns after 22
    assert realign(src, [20, 21, 77]) is None  # inserted token not in source: keep greedy
    assert realign(src, [20, 21, 77, 22]) == [23, 24, 2]


def test_realign_at_source_end_and_empty_output():
    assert realign([4, 5, 2], [4, 5]) == [2]
    assert realign([4, 5, 2], []) is None


# --- identical to greedy on the real model ------------------------------------------------

EDGE_CASES = [
    "", ".", "!!!", "?!", "😀", "😀😀 🎉", "…", "the the the the the the", "a a a a b a a a",
    "He go to school yesterday and buy a apple.", "I I I think think so so.",
    "Their their there they're.", "«Bonjour», dit-il.", "東京は大きい都市です。", "x" * 300,
    "Good morning Good morning Good morning Good morning.", "tab\tseparated\twords", "Line one\r\nline two",
]


@pytest.mark.parametrize("text", EDGE_CASES)
def test_edge_cases_identical(model, text):
    ids = _ids(model, text)
    g, a = greedy_decode(model, ids), aggressive_decode(model, ids)
    assert a.tokens == g.tokens
    assert a.calls <= g.calls + 1


def _real_sentences(n: int) -> list[str]:
    """Development-set sources and synthetic corruptions of clean corpus sentences."""
    out = []
    jfleg = SHARED / "data/eval/jfleg_dev/dev.src"
    if jfleg.exists():
        out += [" ".join(line.split()) for line in jfleg.read_text(encoding="utf-8").splitlines()]
    for m2 in sorted((SHARED / "data/eval/bea19_dev").glob("*.m2")):
        out += [line[2:] for line in m2.read_text(encoding="utf-8").splitlines() if line.startswith("S ")][:250]
    wiki = SHARED / "data/corpus/wikipedia_vital/wikipedia_vital_summaries.txt.gz"
    if wiki.exists():
        from native_host.sentences import split_sentences

        with gzip.open(wiki, "rt", encoding="utf-8") as f:
            clean = [s.text for line in list(f)[:300] for s in split_sentences(line)]
        rng = random.Random(7)
        try:
            from model.recipe.synthesize_errors import Corruptor

            corrupt = Corruptor(keep=0.0)
            out += [corrupt(s, rng) for s in clean[:300]]
        except ImportError:  # the recipe's extras are not installed: use the clean text
            out += clean[:300]
    return [s for s in out if s.strip()][:n]


FIXTURE = Path(__file__).parents[1] / "fixtures" / "decoding_sentences.txt"
SAMPLES = Path(__file__).parents[2] / "native_host" / "samples"


def _aggressive_equals_greedy(model, sentences) -> tuple[int, int, int]:
    """Asserts greedy decoding, Aggressive Decoding one sentence at a time and Aggressive
    Decoding of all of them as batches (padded, in the text's order and longest first)
    agree on every sentence; (greedy calls, aggressive calls, outputs changed)."""
    calls_g = calls_a = changed = 0
    sources = [_ids(model, s) for s in sentences]
    batched = aggressive_decode_many(model, sources)
    reordered = aggressive_decode_many(model, sources[::-1])[::-1]  # other neighbours, other padding
    for s, ids, b, r in zip(sentences, sources, batched, reordered):
        g, a = greedy_decode(model, ids), aggressive_decode(model, ids)
        assert a.tokens == g.tokens, f"differs on: {s!r}"
        assert b.tokens == g.tokens and r.tokens == g.tokens, f"batched differs on: {s!r}"
        calls_g += g.calls
        calls_a += a.calls
        changed += g.tokens != ids[:-1]
    return calls_g, calls_a, changed


def test_aggressive_equals_greedy_on_the_committed_sentences(model):
    """Runs in every CI, with or without ../shared: ~200 sentences written for the tests
    (clean and with errors) and the shipped samples."""
    sentences = [line for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    sentences += [s for name in ("bench.txt", "email.txt")
                  for s in (SAMPLES / name).read_text(encoding="utf-8").splitlines() if s.strip()]
    assert len(sentences) >= 200
    calls_g, calls_a, changed = _aggressive_equals_greedy(model, sentences)
    assert changed >= 20  # the errors are corrected, so the draft is rejected somewhere
    assert calls_a < calls_g / 2


@pytest.mark.timeout(1800)
def test_aggressive_equals_greedy_on_1000_real_sentences(model):
    sentences = _real_sentences(1000)
    if len(sentences) < 1000:
        pytest.skip(f"needs ../shared/data (found {len(sentences)} sentences)")
    calls_g, calls_a, _ = _aggressive_equals_greedy(model, sentences)
    assert calls_a < calls_g  # the point of the exercise


def test_a_batch_decodes_each_sentence_as_alone_and_counts_one_call_per_batch(model):
    sentences = ["He go to school yesterday.", "Fine.", "", "The the cat sat on on the mat and and purred.",
                 "This sentence is correct and rather long, with a clause or two to make it longer than the rest."]
    sources = [_ids(model, s) for s in sentences]
    alone = [aggressive_decode(model, ids) for ids in sources]
    calls = model.decoder_calls
    together = aggressive_decode_many(model, sources)
    assert [t.tokens for t in together] == [a.tokens for a in alone]
    assert [t.calls for t in together] == [a.calls for a in alone]
    # The first passes of these short sentences share one decoder call.
    assert model.decoder_calls - calls == 1 + sum(a.calls - 1 for a in alone)
    for t, a in zip(together, alone):  # the first pass's scores, which the guard reads, too
        assert t.source_logp.shape == a.source_logp.shape
        assert abs(t.source_logp - a.source_logp).max() < 1e-3
    assert aggressive_decode_many(model, []) == []


def test_score_of_the_greedy_output_matches_its_decoding(model):
    ids = _ids(model, "This is a simple sentence.")
    a = aggressive_decode(model, ids)
    assert model.score(model.encode(ids), a.tokens) == pytest.approx(a.logprob, abs=1e-3)


def test_scoring_many_outputs_at_once_gives_each_ones_own_score(model):
    state = model.encode(_ids(model, "I recieve to many emails evry day."))
    outputs = [_ids(model, s)[:-1] for s in (
        "I receive too many emails every day.", "I receive to many emails every day.",
        "I relieve too many emails evry day.", "I receive", "I receive too many emails every day.",
        "We get lots of mail.")]
    alone = []
    for out in outputs:  # the plain way: the whole output in one call, no cache
        logp, _ = model.decode(state, [model.bos] + out, model.empty_past())
        alone.append(float(sum(logp[i, t] for i, t in enumerate(out + [model.eos]))))
    calls = model.decoder_calls
    assert model.score_many(state, outputs) == pytest.approx(alone, abs=1e-3)
    assert model.decoder_calls - calls == 2
    assert model.score_many(state, outputs[:1]) == pytest.approx(alone[:1], abs=1e-3)


def test_many_long_outputs_are_scored_in_bounded_calls_with_the_same_scores(model):
    """Candidates for a long sentence go in calls of at most SCORE_ROWS rows (a
    vocabulary-wide row each), so the host's memory does not grow with their number."""
    from native_host.decoding.onnx_model import SCORE_ROWS

    tail = " and then we walked home along the river before it got dark outside."
    sentence = "I recieve to many emails evry day" + tail * 3
    state = model.encode(_ids(model, sentence))
    outputs = [_ids(model, w + " receive too many emails every day" + tail * 3)[:-1]
               for w in ("I", "We", "They", "You", "People", "Students", "Teachers", "Friends", "Parents")]
    width = max(len(o) for o in outputs)
    assert len(outputs) * width > 2 * SCORE_ROWS  # several calls, not one
    alone = [model.score_many(state, [out])[0] for out in outputs]
    calls = model.decoder_calls
    assert model.score_many(state, outputs) == pytest.approx(alone, abs=1e-3)
    per_call = SCORE_ROWS // width
    assert model.decoder_calls - calls == 1 + -(-len(outputs) // per_call)


def test_no_decoder_call_reaches_past_the_length_limit(model):
    # A long source whose output hits the limit: the last block once held one draft token
    # too many, which at the model's own limit (max_positions - 1) crashed ONNX Runtime.
    seen = []
    decode = model.decode

    def spy(state, input_ids, past):
        seen.append(past[0].shape[2] + len(input_ids))
        return decode(state, input_ids, past)

    ids = _ids(model, "word " * 80)
    model.decode = spy
    try:
        a = aggressive_decode(model, ids, max_len=7)
    finally:
        del model.decode
    assert len(a.tokens) == 7 and max(seen) <= 7 + 1  # BOS and the limit's tokens


def test_length_limit_is_respected_identically(model):
    ids = _ids(model, "word " * 80)
    g, a = greedy_decode(model, ids, max_len=7), aggressive_decode(model, ids, max_len=7)
    assert a.tokens == g.tokens and len(a.tokens) <= 7


# Two paragraphs run together with no punctuation, ~160 tokens: past ~70 tokens the model
# goes round in circles ("the third price of the third price of ...") up to the length limit.
RUN_ON = ("the old harbour town sits at the mouth of a wide river where fishing boats come and go every morning "
          "and the market near the church sells bread cheese and fresh fish to the people who live in the narrow "
          "streets behind the sea wall the town council meets once a month in the hall above the library to talk "
          "about roads schools and the price of parking near the beach our team moved the weekly planning meeting "
          "to thursday afternoon because the design review now takes most of tuesday and several people asked for "
          "more time to prepare their slides the new room on the third floor has a larger screen but the projector "
          "cable is missing so please bring an adapter if you plan to present from a laptop and let me know by friday")


def test_a_decoding_that_loops_is_stopped_early_and_would_have_been_dropped(model):
    from native_host.lexicon import sentence_words
    from native_host.model_stage import _loops
    from native_host.plausible import looping

    ids, words = model.tokenizer.encode(RUN_ON).ids[:160] + [model.eos], sentence_words(RUN_ON)
    (full,) = aggressive_decode_many(model, [ids])
    (cut,) = aggressive_decode_many(model, [ids], stop=lambda i, out: _loops(model, words, out))
    assert looping(words, sentence_words(model.tokenizer.decode(full.tokens)))  # the guard drops the whole output
    assert cut.stopped and cut.tokens == full.tokens[:len(cut.tokens)]
    assert cut.calls < full.calls / 3
    # A decoding that does not loop is never stopped.
    (fine,) = aggressive_decode_many(model, [_ids(model, "He go to school yesterday and buy a apple.")],
                                     stop=lambda i, out: _loops(model, words, out))
    assert not fine.stopped
