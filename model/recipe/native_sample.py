"""A clean native sample that no training split used: false alarms on well-written English.

    python -m model.recipe.native_sample        # writes model/work/native_sample.tsv

Sources: Wikipedia vital-article summaries (`corpus/wikipedia_vital`) and State of the Union
addresses after 1950 (`corpus/sotu`, years from its speeches.tsv).

Why these sentences: `prepare_data` splits every line of the corpus into sentences and keeps
each one `good_sentence` accepts (unchanged since the recipe's first commit) for
clean_train.txt or clean_valid.txt, and the shipped model's runs consumed clean_train from
its first line on (see the model card). So every sentence of these two corpora that passes
that filter was used. The sentences it rejects were never written to any training file:
longer than 50 words or 320 characters, under 4 words, starting with a digit, number-heavy,
a few with "whilst". Of those, the sample keeps the ones that read as finished prose
(`clean_prose`: no formulas, glued lists, headings or brackets). The sample is therefore
longer-sentenced than ordinary text; report suggestions per 1,000 words beside those per
100 sentences.

`prepare_data` leaves the sample's documents (whole summaries, whole speeches) out of any
future training (`held_out_documents`), so a later model cannot learn their sentences either.
Nothing is tuned on this sample: it is a measuring stick only (evaluate.py --sets native).
"""

from __future__ import annotations

import argparse
import gzip
import re
from dataclasses import dataclass
from pathlib import Path

from native_host.sentences import split_sentences

from .paths import SHARED, WORK

SOURCES = {"wikipedia_vital": "wikipedia_vital_summaries.txt.gz", "sotu": "sotu_speeches.txt.gz"}
SOTU_AFTER = 1950  # speeches of 1951 on: modern prose
SAMPLE_PATH = WORK / "native_sample.tsv"

_MARKUP = re.compile(r"https?://|www\.|@\w|[\[\]{}<>|\\=_#*~^]|[+−×÷]")
_GLUED = re.compile(r"[a-z][:;][A-Za-z]|\s[:;,]")  # stripped lists: "properties:Typically", "streets ;"
_HEADING = re.compile(r"\b[A-Z]{2,}[,.]? [A-Z]{2,}\b")  # "FOREIGN POLICY On January 20, ..."
_OLD = re.compile(r"\b(thee|thou|thy|thine|hath|doth|ye|'tis|shalt|wilt|unto)\b", re.IGNORECASE)
_START = re.compile(r"[A-Z0-9\"“]")
_END = re.compile(r"[a-z0-9%)][.!?][\"”’)]?$")


@dataclass(frozen=True)
class Sentence:
    corpus: str
    line: int  # 1-based line of the corpus file (the document; speeches.tsv's `line`)
    index: int  # the sentence's place in that document
    text: str


def sotu_years(shared: Path) -> dict[int, int]:
    rows = (line.rstrip("\n").split("\t") for line in (shared / "data/corpus/sotu/speeches.tsv").open(encoding="utf-8"))
    return {int(r[0]): int(r[1]) for r in rows if r[0] != "line"}


def documents(shared: Path = SHARED):
    """(corpus, line number, text) of every document the sample may draw on."""
    years = sotu_years(shared)
    for corpus, name in SOURCES.items():
        with gzip.open(shared / "data/corpus" / corpus / name, "rt", encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                if corpus == "sotu" and years[number] <= SOTU_AFTER:
                    continue
                if line.strip():
                    yield corpus, number, line.strip()


def document_sentences(text: str) -> list[str]:
    """The sentences of a document exactly as prepare_data sees them."""
    return [" ".join(span.text.split()) for span in split_sentences(text)]


def clean_prose(s: str) -> bool:
    """A finished sentence of ordinary prose: 3 to 80 words, capital (or digit) to full stop,
    no markup, formulas, glued lists, headings or archaic forms."""
    words = s.split()
    return (3 <= len(words) <= 80 and len(s) <= 600 and bool(_START.match(s)) and bool(_END.search(s))
            and sum(w[:1].islower() for w in words) >= 2
            and not (_MARKUP.search(s) or _GLUED.search(s) or _HEADING.search(s) or _OLD.search(s)))


def build(shared: Path = SHARED) -> list[Sentence]:
    from .prepare_data import good_sentence

    sample, seen = [], set()
    for corpus, number, text in documents(shared):
        for i, s in enumerate(document_sentences(text)):
            if not good_sentence(s) and clean_prose(s) and s.lower() not in seen:  # "Thank you all." once
                seen.add(s.lower())
                sample.append(Sentence(corpus, number, i, s))
    return sample


def held_out_documents(shared: Path = SHARED) -> set[tuple[str, int]]:
    """(corpus, line number) of the documents the sample comes from: never trained on."""
    return {(s.corpus, s.line) for s in build(shared)}


def write(sample: list[Sentence], path: Path = SAMPLE_PATH) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"{s.corpus}\t{s.line}\t{s.index}\t{s.text}\n" for s in sample), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--out", type=Path, default=SAMPLE_PATH)
    args = ap.parse_args()
    sample = build(args.shared)
    write(sample, args.out)
    words = sum(len(s.text.split()) for s in sample)
    by = {c: sum(s.corpus == c for s in sample) for c in SOURCES}
    docs = len({(s.corpus, s.line) for s in sample})
    print(f"{len(sample)} sentences ({by}), {words} words, from {docs} documents -> {args.out}")


if __name__ == "__main__":
    main()
