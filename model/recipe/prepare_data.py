"""Stage 1: clean sentences from ../shared/data/corpus and learner pairs from ../shared/data/train.

    python -m model.recipe.prepare_data            # writes model/work/data/

Outputs (one sentence or one "source<TAB>target" pair per line):
    clean_train.txt, clean_valid.txt     prose to corrupt synthetically
    words.txt                            the lexicon, "word<TAB>count", most frequent first: SymSpell's
                                         curated English frequency list plus the words seen >= 5 times
                                         in clean_train (shipped with the model; native_host/lexicon.py
                                         and native_host/spelling.py)
    capitalised.txt                      words the corpus writes with a capital inside a sentence
                                         (London, Monday, English), shipped with the model
    learner_train.tsv, learner_valid.tsv W&I + FCE pairs (non-commercial research licence)

The documents of the native sample (native_sample.py) are left out: nothing trains on them.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import re
from collections import Counter
from pathlib import Path

from native_host.lexicon import sentence_words
from native_host.sentences import split_sentences

from .native_sample import held_out_documents
from .paths import DATA_DIR, SHARED

ARCHAIC = re.compile(r"\b(thee|thou|thy|thine|hath|doth|art thou|ye|'tis|shalt|wilt|wherefore|whilst|unto|to-day|to-morrow|connexion)\b", re.I)
NON_PROSE = re.compile(r"https?://|www\.|@\w|[{}<>|\\=_#*~^]")


def corpus_paragraphs(shared: Path):
    """(corpus, line) of every corpus line but the native sample's documents, which no
    model may train on (native_sample.py: its sentences measure false alarms)."""
    held_out = held_out_documents(shared)
    for name in ("wikipedia_vital", "sotu", "gutenberg", "spamassassin_ham"):
        for path in sorted((shared / "data/corpus" / name).glob("*.txt.gz")):
            with gzip.open(path, "rt", encoding="utf-8") as f:
                for number, line in enumerate(f, 1):
                    line = line.strip()
                    if line and (name, number) not in held_out:
                        yield name, line


def good_sentence(s: str) -> bool:
    words = s.split()
    if not 4 <= len(words) <= 50 or len(s) > 320:
        return False
    if not s[0].isupper() and not s[0] in "\"'“‘(":
        return False
    if s[-1] not in ".!?\"'”’)":
        return False
    if ARCHAIC.search(s) or NON_PROSE.search(s):
        return False
    letters = sum(c.isalpha() for c in s)
    if letters < 0.7 * len(s.replace(" ", "")):
        return False
    upper = sum(c.isupper() for c in s)
    return upper < 0.3 * letters


# --- learner data ----------------------------------------------------------

_DETOK = [
    (re.compile(r" ([.,!?;:%)\]}])"), r"\1"),
    (re.compile(r"([(\[{$]) "), r"\1"),
    (re.compile(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", re.I), r"\1"),
    (re.compile(r"\bca n't\b"), "can't"),
    # Hyphenated compounds: spaCy splits "well-known" into "well - known". (A spaced dash
    # between words looks the same once tokenized; compounds are far more common.)
    (re.compile(r"(?<=\w) - (?=\w)"), "-"),
]


def detokenize(s: str) -> str:
    """Undo spaCy/PTB-style tokenization well enough for training pairs."""
    s = " " + s.strip() + " "
    # Straight double quotes: alternate opening/closing.
    out, open_q = [], True
    for part in s.split(' " '):
        out.append(part)
    if len(out) > 1:
        s = out[0]
        for part in out[1:]:
            s += (' "' if open_q else '" ') + part
            open_q = not open_q
    for pat, rep in _DETOK:
        s = pat.sub(rep, s)
    return s.strip()


def read_m2(path: Path):
    """Yield (source, corrected) token strings from an M2 file (annotator 0)."""
    src, edits = None, []
    for line in list(path.read_text(encoding="utf-8").splitlines()) + [""]:
        if line.startswith("S "):
            src, edits = line[2:].split(" "), []
        elif line.startswith("A "):
            span, etype, corr, *_rest, annot = line[2:].split("|||")
            if annot != "0" or etype in ("noop", "UNK"):
                continue
            a, b = map(int, span.split())
            edits.append((a, b, corr))
        elif src is not None:
            tgt = list(src)
            for a, b, corr in _right_to_left(edits):
                tgt[a:b] = corr.split() if corr else []
            yield " ".join(src), " ".join(tgt)
            src = None


def read_fce(path: Path):
    """Yield (source, corrected) sentence pairs from BEA-2019 FCE JSON."""
    for line in path.read_text(encoding="utf-8").splitlines():
        essay = json.loads(line)
        text = essay["text"]
        edits = [e for e in essay["edits"][0][1] if e[2] is not None]
        for para_start, para in _paragraphs(text):
            para_end = para_start + len(para)
            inside = [e for e in edits if para_start <= e[0] and e[1] <= para_end]
            corrected = para
            for a, b, rep, _ in _right_to_left(inside):
                corrected = corrected[: a - para_start] + rep + corrected[b - para_start:]
            src_s = [s.text for s in split_sentences(para)]
            tgt_s = [s.text for s in split_sentences(corrected)]
            if len(src_s) == len(tgt_s):
                yield from zip(src_s, tgt_s)


def _right_to_left(edits: list) -> list:
    """Edits (start, end, ...) in the order to apply them from the end of the text backwards.

    Of two edits starting at the same place, the wider one goes first, and of two
    insertions at the same place the later-listed one, so that the text they insert
    comes out in the order the edits are listed ("Paul" + "said" + "," = "Paul said,").
    """
    order = sorted(range(len(edits)), key=lambda i: (edits[i][0], edits[i][1], i), reverse=True)
    return [edits[i] for i in order]


def _paragraphs(text: str):
    pos = 0
    for part in text.split("\n"):
        if part.strip():
            yield pos, part
        pos += len(part) + 1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--out", type=Path, default=DATA_DIR)
    ap.add_argument("--valid", type=int, default=2000, help="held-out sentences per file")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)

    seen, clean = set(), []
    for _name, para in corpus_paragraphs(args.shared):
        for span in split_sentences(para):
            s = " ".join(span.text.split())
            key = hashlib.blake2b(s.lower().encode(), digest_size=8).digest()
            if key in seen or not good_sentence(s):
                continue
            seen.add(key)
            clean.append(s)
    rng.shuffle(clean)
    _write(args.out / "clean_valid.txt", clean[: args.valid])
    _write(args.out / "clean_train.txt", clean[args.valid:])
    words = lexicon(clean[args.valid:])
    _write(args.out / "words.txt", words)
    _write(args.out / "capitalised.txt", capitalised(clean[args.valid:], {w.split("\t")[0] for w in words}))

    pairs = []
    for path in sorted((args.shared / "data/train/wi_locness_train").glob("*.m2")):
        pairs += [(detokenize(s), detokenize(t)) for s, t in read_m2(path)]
    for path in sorted((args.shared / "data/train/fce_train").glob("*.json")):
        pairs += list(read_fce(path))
    pairs = [(s, t) for s, t in dict.fromkeys(pairs) if s.strip() and t.strip() and "\t" not in s + t and "\n" not in s + t]
    rng.shuffle(pairs)
    _write(args.out / "learner_valid.tsv", [f"{s}\t{t}" for s, t in pairs[: args.valid]])
    _write(args.out / "learner_train.tsv", [f"{s}\t{t}" for s, t in pairs[args.valid:]])
    print(f"clean sentences: {len(clean)}, learner pairs: {len(pairs)} -> {args.out}")


def lexicon(sentences, min_count: int = 5) -> list[str]:
    """Lines "word<TAB>count", most frequent first.

    The base is SymSpell's English frequency list (82,765 words, Google Books counts
    intersected with SCOWL; MIT licence, shipped in the symspellpy package), which is
    clean but misses inflections, contractions and newer words. The corpus adds the
    lower-case words (as native_host.lexicon.sentence_words sees them) seen at least
    `min_count` times, their counts scaled to the list's, except those that look like a
    misspelling of a listed word 100 times as frequent (the corpus has "definately" and
    "thier" more than `min_count` times; the rule also drops dialect spellings such as
    "lookin" and a few rare real words such as "shorn")."""
    return merge_counts(Counter(w for s in sentences for w in sentence_words(s)), min_count)


# Names in the corpus's novels that are also everyday words ("a car jack", "a sim card").
NOT_CAPITALISED = frozenset("jack dick sim chad cal pip kitty fanny polly ned wallie lovel digby".split())


def capitalised(sentences, known: set[str], min_count: int = 100, ratio: float = 0.99) -> list[str]:
    """Known words of three letters or more that the corpus writes capitalised at least
    `ratio` of the `min_count` or more times they occur inside a sentence, lower case, most
    frequent first: the checker capitalises them where a user wrote them in lower case."""
    upper, lower = Counter(), Counter()
    for s in sentences:
        for m in _INNER_WORD.finditer(s):
            w = m.group()
            if w.islower():
                lower[w] += 1
            elif w[1:].islower():
                upper[w.lower()] += 1
    return [w for w, n in upper.most_common() if n >= min_count and n >= ratio * (n + lower[w])
            and len(w) >= 3 and w in known and w not in NOT_CAPITALISED]


# A word inside a sentence (not its first), not part of a contraction, compound or code.
_INNER_WORD = re.compile(r"(?<=[a-z0-9,;] )[A-Za-z]+(?![\w'’-])")


def merge_counts(corpus: Counter, min_count: int = 5) -> list[str]:
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    curated = _symspell_counts()
    scale = curated["the"] / max(1, corpus["the"])
    by_start: dict[str, list[str]] = {}
    for w in curated:
        by_start.setdefault(w[:1], []).append(w)
    counts = dict(curated)
    for w, n in corpus.items():
        if n < min_count or w in counts:
            continue
        count = max(1, round(n * scale))
        near = process.extract(w, by_start.get(w[:1], []), scorer=OSA.distance, score_cutoff=1, limit=None)
        if len(w) >= 4 and any(curated[c] > 100 * count for c, _, _ in near):
            continue
        counts[w] = count
    return [f"{w}\t{n}" for w, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _symspell_counts() -> dict[str, int]:
    from importlib.resources import files

    text = (files("symspellpy") / "frequency_dictionary_en_82_765.txt").read_text(encoding="utf-8")
    return {w: int(n) for w, n in (line.split() for line in text.splitlines() if line.strip())}


def _write(path: Path, lines) -> None:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


if __name__ == "__main__":
    main()
