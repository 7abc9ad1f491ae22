"""Where to set the bar of the sound-alike family (native_host/lang/en/sound_alike.py), and
which of its words the model cannot judge, measured on ../shared/data/corpus.

    python -m model.recipe.sound_alike_bars --sentences 48000 --per-corpus 12000 --slips 4000 \
        --out model/work/sound_alike.jsonl

Sentences: every paragraph's sentences of the four corpora but the native sample's
documents (prepare_data.corpus_paragraphs), a fixed pseudo-random share of each corpus,
the ones prepare_data.good_sentence keeps (e-mails: any of 4-50 words). For each:
- as written: every word of a set, the margin of the best other word of its set (what
  rules.sound_alikes asks about) and, where it reaches PRE_BAR, that margin minus the
  margin of writing the word back (what it keeps if it reaches BAR): native writers are
  almost always right, so what is kept here is mostly a false alarm;
- with the slip put in (the first `--slips` sentences that hold a word of a set): one
  such word swapped for another of its set, and the margin of the best word proposed
  there; a fix when that is the word as written.
Writes one JSON line per word and prints, for a range of bars, how many words as written
would be changed and how many slips put right, and which swaps are changed as written
(SKIPPED), and the check on halves: swaps changed in the even sentences skipped, what is
left changed in the odd ones, per corpus. All swaps are measured, SKIPPED or not.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter

from native_host.checker import Checker
from native_host.lang.en import sound_alike
from native_host.model_stage import MAX_WINDOW_TOKENS, Margins
from native_host.sentences import split_sentences

from .paths import SHARED, WORK
from .prepare_data import corpus_paragraphs, good_sentence

SHARE = {"wikipedia_vital": 1.0, "sotu": 0.5, "gutenberg": 0.12, "spamassassin_ham": 1.0}
BARS = (2.4, 3.4, 4.4, 5.4, 6.4, 7.4, 8.4)  # both-ways bars tried (sound_alike.BAR: 6.4)


def corpus_sentences(limit: int, seed: int = 12, per_corpus: int | None = None):
    """The first `limit` sentences in the corpora's order (Wikipedia, then the speeches:
    60,000 reach neither the books nor the e-mails), or with `per_corpus` the first that
    many of each corpus."""
    rng = random.Random(seed)
    n, each = 0, Counter()
    for name, line in corpus_paragraphs(SHARED):
        if rng.random() > SHARE[name] or (per_corpus and each[name] >= per_corpus):
            continue
        for span in split_sentences(line):
            s = " ".join(span.text.split())
            if good_sentence(s) or (name == "spamassassin_ham" and 4 <= len(s.split()) <= 50):
                yield name, s
                n += 1
                each[name] += 1
                if n >= limit:
                    return
                if per_corpus and each[name] >= per_corpus:
                    break


def margins_many(model, texts: list[str]) -> list[Margins]:
    """A Margins for each text, their first passes computed together (OnnxModel.start_many)."""
    ids = [model.tokenizer.encode(t).ids[:MAX_WINDOW_TOKENS] + [model.eos] for t in texts]
    started = model.start_many(ids, [[model.bos] + i[:-1] for i in ids])
    return [Margins(model, t, i, logp, state) for t, i, (state, logp, _) in zip(texts, ids, started)]


def best(margins: Margins, group) -> tuple[str, float]:
    return max(((p.replacement, margins(p.start, p.end, p.replacement)) for p in group), key=lambda x: x[1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sentences", type=int, default=60000)
    ap.add_argument("--slips", type=int, default=8000)
    ap.add_argument("--per-corpus", type=int, help="at most this many sentences of each corpus (all four)")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--out", default=str(WORK / "sound_alike.jsonl"))
    args = ap.parse_args()
    loaded = Checker().load()
    model = loaded.model
    rng, draw = random.Random(7), random.Random(8)
    rows, pending, slipped = [], [], 0
    total, each = 0, Counter()

    def flush():
        texts = [t for _, t, _, _ in pending]
        found = []
        for (kind, text, extra, n), m in zip(pending, margins_many(model, texts)):
            groups = sound_alike.proposals(text, skipped=frozenset())
            if kind == "slip":
                groups = [g for g in groups if g[0].start == extra[1]]
            for group in groups:
                new, margin = best(m, group)
                row = {"kind": kind, "n": n, "word": text[group[0].start:group[0].end].lower(), "best": new.lower(),
                       "margin": round(margin, 3), "text": text}
                row.update({"corpus": extra} if kind == "written" else {"meant": extra[0]})
                found.append((row, group[0].start, group[0].end, new))
        # Both ways: the margin of writing the word back, where the first reaches PRE_BAR.
        asked = [f for f in found if f[0]["margin"] >= sound_alike.PRE_BAR]
        changed = [r["text"][:a] + new + r["text"][b:] for r, a, b, new in asked]
        for (row, a, b, new), m in zip(asked, margins_many(model, changed) if changed else []):
            row["both_ways"] = round(row["margin"] - m(a, a + len(new), row["text"][a:b]), 3)
        rows.extend(r for r, *_ in found)
        pending.clear()

    share = args.slips / args.sentences if args.per_corpus else 1.0  # slips in every corpus
    for corpus, text in corpus_sentences(args.sentences, per_corpus=args.per_corpus):
        total += 1
        each[corpus] += 1
        groups = sound_alike.proposals(text, skipped=frozenset())
        if not groups:
            continue
        pending.append(("written", text, corpus, total))
        if slipped < args.slips and (share >= 1.0 or draw.random() < share):
            group = rng.choice(groups)
            p = rng.choice(group)
            meant = text[p.start:p.end]
            pending.append(("slip", text[:p.start] + p.replacement + text[p.end:], (meant.lower(), p.start), total))
            slipped += 1
        if len(pending) >= args.batch:
            flush()
    flush()
    with open(args.out, "w", encoding="utf-8") as f:
        f.writelines(json.dumps(r) + "\n" for r in rows)
    report(rows, total, each)


def report(rows: list[dict], total: int, corpora: Counter) -> None:
    written = [r for r in rows if r["kind"] == "written"]
    slips = [r for r in rows if r["kind"] == "slip"]
    print(f"{total} sentences, {len({r['text'] for r in written})} with a word of a set, {len(written)} words; "
          f"{len(slips)} slips")
    pre = sound_alike.PRE_BAR

    def kept(r, bar):
        return r.get("both_ways", float("-inf")) >= bar

    for bar in BARS:
        flagged = [r for r in written if kept(r, bar)]
        left = [r for r in flagged if (r["word"], r["best"]) not in sound_alike.SKIPPED]
        fixed = sum(kept(r, bar) and r["best"] == r["meant"] for r in slips)
        # Halves: swaps changed in the even sentences skipped, what is left in the odd ones.
        seen = {(r["word"], r["best"]) for r in flagged if r["n"] % 2 == 0}
        odd_left = Counter(r["corpus"] for r in flagged if r["n"] % 2 == 1 and (r["word"], r["best"]) not in seen)
        print(f"both ways >= {bar:+.1f} (first >= {pre:+.1f}): as written {len(flagged)} words changed, "
              f"{len(left)} not SKIPPED; slips fixed {fixed}/{len(slips)} ({100 * fixed / max(1, len(slips)):.1f} %); "
              f"halves: {sum(odd_left.values())} left in the odd sentences by the even ones' swaps "
              f"({200 * sum(odd_left.values()) / max(1, total):.3f} per 100: " + ", ".join(
                  f"{name} {200 * odd_left[name] / max(1, n):.3f}" for name, n in corpora.items()) + ")")
    bar = sound_alike.BAR
    changed = Counter((r["word"], r["best"]) for r in written if kept(r, bar))
    print(f"as written, changed at BAR {bar} (word, to): {changed.most_common()}")
    print("SKIPPED would be (once or more):", sorted(changed))
    fixed = [r for r in slips if kept(r, bar) and r["best"] == r["meant"] and (r["word"], r["best"]) not in
             sound_alike.SKIPPED]
    print(f"slips fixed, not SKIPPED: {len(fixed)}, kinds {len({(r['word'], r['meant']) for r in fixed})} of "
          f"{len({(r['word'], r['meant']) for r in slips})}")


if __name__ == "__main__":
    main()
