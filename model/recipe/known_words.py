"""Stage 1b: known.txt, words the spelling stage must not flag although the lexicon lacks them.

    apt-get install wamerican-large wbritish-large     # SCOWL size-70 word lists (Debian)
    python -m model.recipe.known_words                 # writes model/redline-small/known.txt

The lexicon (words.txt) comes from our corpus, Wikipedia summaries and old books: it
lacks many words of today's web ("anesthesia", "watercolors", "checkbook", "juried"),
which the speller then "corrected" ("watercolors" -> "watercolours", "checkbook" ->
"checkbox"). SCOWL's curated American and British lists fill the gap. These words are
only known, never offered as corrections (their frequency is unknown), and a word one
edit from a frequent lexicon word is left out: SCOWL keeps archaic variants that are
learners' misspellings today ("surprize", "olde", "hallo").

SCOWL: copyright Kevin Atkinson and others, free to use with its notice, which ships
beside the list (known.COPYRIGHT.txt).
"""

from __future__ import annotations

import argparse
import heapq
import shutil
from pathlib import Path

from native_host.plausible import load_lexicon
from native_host.spelling import FREQUENT_WORDS, Speller

from .paths import ROOT

DICTS = [Path("/usr/share/dict/american-english-large"), Path("/usr/share/dict/british-english-large")]
COPYRIGHT = Path("/usr/share/doc/wamerican-large/copyright")


def known_words(lists: list[str], lexicon: dict[str, int]) -> list[str]:
    """The lower-case words of `lists` that the lexicon lacks and that are not one edit
    from one of its FREQUENT_WORDS most frequent words, sorted."""
    speller = Speller(lexicon)
    frequent = set(heapq.nlargest(FREQUENT_WORDS, lexicon, key=lexicon.__getitem__))
    out = set()
    for word in {w.strip().lower() for w in lists}:
        if not word.isascii() or not word.isalpha() or word in lexicon or speller.known(word):
            continue
        if any(d <= 1 and c in frequent for c, d in speller.scored(word, 3)):
            continue
        out.add(word)
    return sorted(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", type=Path, default=ROOT / "model" / "redline-small", help="model folder (its words.txt)")
    ap.add_argument("--dicts", type=Path, nargs="+", default=DICTS)
    ap.add_argument("--copyright", type=Path, default=COPYRIGHT)
    args = ap.parse_args()
    missing = [p for p in args.dicts + [args.copyright] if not p.exists()]
    if missing:
        raise SystemExit(f"missing {', '.join(map(str, missing))}: apt-get install wamerican-large wbritish-large")
    lexicon = load_lexicon(args.model)
    if lexicon is None:
        raise SystemExit(f"{args.model} has no words.txt")
    lines = [line for p in args.dicts for line in p.read_text(encoding="utf-8", errors="replace").splitlines()]
    words = known_words(lines, lexicon)
    (args.model / "known.txt").write_text("".join(w + "\n" for w in words), encoding="utf-8")
    shutil.copy(args.copyright, args.model / "known.COPYRIGHT.txt")
    print(f"{len(words):,} words -> {args.model / 'known.txt'}")


if __name__ == "__main__":
    main()
