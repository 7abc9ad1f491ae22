"""Stage 1b: known.txt, words the spelling stage must not flag although the lexicon lacks them.

    apt-get install wamerican-large wbritish-large     # SCOWL size-70 word lists (Debian)
    pip install wordfreq                               # word frequencies of today's web
    python -m model.recipe.known_words                 # writes model/redline-small/known.txt

The lexicon (words.txt) comes from our corpus, Wikipedia summaries and old books: it
lacks many words of today's web ("anesthesia", "watercolors", "gameplay", "underserved"),
which the speller then "corrected" ("watercolors" -> "watercolours", "underserved" ->
"undeserved"). Two sources fill the gap:
- SCOWL's curated American and British lists, less the words one edit from a frequent
  lexicon word: SCOWL keeps archaic variants that are misspellings today ("surprize",
  "olde"); a word's American and British spellings are both kept ("watercolors").
- wordfreq's English words of Zipf frequency >= 2.5 (about 1 in 3 million words), less
  those with a neighbour one edit away (or a split: "alot" -> "a lot") ten times as
  frequent: the web's own frequent misspellings ("untill", "thier", "alot").
These words are only known, never offered as corrections. Licences and attributions ship
beside the list (known.COPYRIGHT.txt).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

from native_host.lexicon import load_counts as load_lexicon
from native_host.spelling import Speller

from .paths import ROOT

DICTS = [Path("/usr/share/dict/american-english-large"), Path("/usr/share/dict/british-english-large")]
COPYRIGHT = Path("/usr/share/doc/wamerican-large/copyright")


def variants(a: str, b: str) -> bool:
    """American and British spellings of one word ("behavior", "behaviour"; "anesthesia",
    "anaesthesia"; "traveled", "travelled"; "center", "centre"). Not -ize / -ise: SCOWL's
    "surprize" would pass."""
    def us(w: str) -> str:
        for uk, am in (("our", "or"), ("ae", "e"), ("oe", "e"), ("ll", "l"), ("tre", "ter"), ("ogue", "og")):
            w = w.replace(uk, am)
        return w

    return us(a) == us(b)


def known_words(lists: list[str], lexicon: dict[str, int]) -> list[str]:
    """The lower-case words of `lists` that the lexicon lacks and that are not one edit
    from one of its most frequent words (Speller.frequent), unless a spelling variant of
    it, sorted."""
    speller = Speller(lexicon)
    out = set()
    for word in {w.strip().lower() for w in lists}:
        if not word.isascii() or not word.isalpha() or speller.known(word):
            continue
        if any(d <= 1 and c in speller.frequent and not variants(word, c) for c, d in speller.scored(word, 3)):
            continue
        out.add(word)
    return sorted(out)


MIN_ZIPF = 2.5  # log10 of a word's frequency per billion words
AHEAD = 1.0  # a neighbour this much more frequent (in Zipf units: ten times) makes a word a misspelling


def web_words(words: list[str], zipf: Callable[[str], float], lexicon: dict[str, int]) -> list[str]:
    """The words of `words` (lower case, with their frequency `zipf`) that are frequent
    enough, unknown to the lexicon, and not one edit from a word (or a split) at least
    AHEAD more frequent, sorted."""
    speller = Speller(lexicon)
    out = []
    for word in words:
        if not word.isascii() or not word.isalpha() or len(word) < 3 or speller.known(word):
            continue
        z = zipf(word)
        if z < MIN_ZIPF:
            continue
        if any(d <= 1 and zipf(c) >= z + AHEAD for c, d in speller.scored(word, 6)):
            continue
        out.append(word)
    return sorted(set(out))


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
    try:
        import wordfreq
    except ImportError:
        raise SystemExit("pip install wordfreq") from None
    lines = [line for p in args.dicts for line in p.read_text(encoding="utf-8", errors="replace").splitlines()]
    scowl = known_words(lines, lexicon)

    def zipf(w: str) -> float:
        return wordfreq.zipf_frequency(w, "en", wordlist="large")

    web = web_words(wordfreq.top_n_list("en", 400_000, wordlist="large"), zipf, lexicon)
    words = sorted(set(scowl) | set(web))
    (args.model / "known.txt").write_text("".join(w + "\n" for w in words), encoding="utf-8")
    notice = (f"known.txt: {len(scowl):,} words from SCOWL and {len(web):,} from wordfreq {version('wordfreq')} "
              f"({len(words):,} in all), made by model/recipe/known_words.py.\n\n"
              "wordfreq (https://github.com/rspeer/wordfreq), Robyn Speer: its data is licensed under the "
              "Creative Commons Attribution-ShareAlike 4.0 license (https://creativecommons.org/licenses/by-sa/4.0/); "
              "known.txt, derived from it, is shared under the same license.\n\n"
              "SCOWL, from Debian's wamerican-large and wbritish-large packages:\n\n")
    (args.model / "known.COPYRIGHT.txt").write_text(notice + args.copyright.read_text(encoding="utf-8"), encoding="utf-8")
    print(f"{len(scowl):,} SCOWL + {len(web):,} wordfreq words = {len(words):,} -> {args.model / 'known.txt'}")


if __name__ == "__main__":
    main()
