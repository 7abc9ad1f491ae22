"""Stage 7: score a model through the product's own correction path (`redline correct`).

    python -m model.recipe.evaluate                               # the shipped model; updates its MODEL_CARD.md
    python -m model.recipe.evaluate --model DIR --card DIR/MODEL_CARD.md
    python -m model.recipe.evaluate --model DIR --limit 200      # quick look, no card
    python -m model.recipe.evaluate --model DIR --limit 300 --margins 0 2 4 8   # tune config.json's min_margin
    python -m model.recipe.evaluate --command cat                 # the copy baseline: GLEU 38.2, F0.5 0
    python -m model.recipe.evaluate --command "node model/recipe/harper_correct.mjs" --no-card   # Harper 2.10, the rule-based baseline: GLEU 44.9, F0.5 12.4

Development sets from ../shared/data/eval (never copied into the repository):
    JFLEG dev (754 sentences, 4 references)  GLEU, as the official JFLEG script computes it (gleu.py)
    BEA-2019 dev, W&I A+B+C (3,396)          ERRANT span-based correction P / R / F0.5, and per
                                             error family as `errant_compare -cat 2` (errant_score.py)

Both sets are tokenized, the checker works on raw text: each source is detokenized,
corrected by the command, and the output tokenized again with spaCy's tokenizer (the
one ERRANT uses). Words the checker left alone keep their original tokens, so copying
the input scores exactly like copying the tokenized source.
"""

from __future__ import annotations

import argparse
import datetime
import difflib
import json
import os
import re
import shlex
import subprocess
import sys
import time
from pathlib import Path

from .errant_score import hypothesis_edits, load_annotator, read_m2, score
from .gleu import corpus_gleu
from .paths import ROOT, SHARED
from .prepare_data import detokenize

BEA_FILES = [f"{level}.dev.gold.bea19.m2" for level in "ABC"]
JFLEG_REFS = [f"dev.ref{k}" for k in range(4)]
CARD_START, CARD_END = "<!-- metrics:start -->", "<!-- metrics:end -->"


# --- data -------------------------------------------------------------------------------


def load_sets(shared: Path, limit: int | None):
    """BEA-2019 dev sentences (M2) and JFLEG dev (source tokens, 4 reference token lists each)."""
    bea = read_m2(*[shared / "data/eval/bea19_dev" / name for name in BEA_FILES])[:limit]
    jdir = shared / "data/eval/jfleg_dev"
    src = [line.split() for line in _lines(jdir / "dev.src")][:limit]
    refs = [[line.split() for line in _lines(jdir / name)][:limit] for name in JFLEG_REFS]
    return bea, src, [list(r) for r in zip(*refs)]


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").rstrip("\n").split("\n")


# --- tokenization -------------------------------------------------------------------------


def chunk_groups(tokens: list[str], text: str) -> list[list[str]] | None:
    """The tokens making up each whitespace-separated chunk of `text` (a detokenized form of
    `tokens` that only removed spaces between them), or None if they do not line up."""
    groups, i = [], 0
    for chunk in text.split():
        group, acc = [], ""
        while acc != chunk:
            if i == len(tokens) or not chunk.startswith(acc + tokens[i]):
                return None
            acc += tokens[i]
            group.append(tokens[i])
            i += 1
        groups.append(group)
    return groups if i == len(tokens) else None


class Retokenizer:
    """Tokenize checker output like the references: chunks the checker left unchanged get
    their original tokens back, changed chunks go through spaCy's tokenizer (which splits
    each whitespace-separated chunk on its own, so chunk by chunk equals the whole text)."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer
        self.cache: dict[str, list[str]] = {}

    def tokenize(self, chunk: str) -> list[str]:
        if chunk not in self.cache:
            self.cache[chunk] = [t.text for t in self.tokenizer(chunk) if not t.is_space]
        return self.cache[chunk]

    def __call__(self, source_tokens: list[str], source_text: str, output: str) -> list[str]:
        out_chunks = output.split()
        groups = chunk_groups(source_tokens, source_text)
        if groups is None:
            return [t for c in out_chunks for t in self.tokenize(c)]
        tokens: list[str] = []
        matcher = difflib.SequenceMatcher(None, source_text.split(), out_chunks, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                tokens += [t for g in groups[i1:i2] for t in g]
            else:
                tokens += [t for c in out_chunks[j1:j2] for t in self.tokenize(c)]
        return tokens


# --- the checker --------------------------------------------------------------------------


def correct_command(model_dir: Path) -> list[str]:
    return [sys.executable, "-m", "native_host.cli", "correct", "--lines", "--model-dir", str(model_dir)]


def run_corrector(command: list[str], lines: list[str]) -> list[str]:
    """Feed one sentence per line on stdin; read as many corrected lines from stdout."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    proc = subprocess.run(command, input="".join(line + "\n" for line in lines), stdout=subprocess.PIPE,
                          encoding="utf-8", cwd=ROOT, env=env, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{shlex.join(command)} failed with exit status {proc.returncode}")
    out = proc.stdout.removesuffix("\n")
    outputs = [line.rstrip("\r") for line in out.split("\n")] if lines else []
    if len(outputs) != len(lines):
        raise SystemExit(f"{shlex.join(command)} returned {len(outputs)} lines for {len(lines)}")
    return outputs


# --- evaluation ---------------------------------------------------------------------------


def evaluate(command: list[str], shared: Path, limit: int | None = None, outputs_path: Path | None = None) -> dict:
    t0 = time.time()
    bea, jfleg_src, jfleg_refs = load_sets(shared, limit)
    sources = [s.tokens for s in bea] + jfleg_src
    texts = [detokenize(" ".join(toks)) for toks in sources]
    outputs = run_corrector(command, texts)
    t_correct = time.time() - t0
    if outputs_path:
        outputs_path.write_text("".join(f"{a}\t{b}\n" for a, b in zip(texts, outputs)), encoding="utf-8")

    annotator = load_annotator()
    retok = Retokenizer(annotator.nlp.tokenizer)
    hyps = [retok(toks, text, out) for toks, text, out in zip(sources, texts, outputs)]
    bea_hyps, jfleg_hyps = hyps[: len(bea)], hyps[len(bea):]

    errant = score(hypothesis_edits(annotator, [s.tokens for s in bea], bea_hyps), [s.edits for s in bea])
    gleu, gleu_std = corpus_gleu(jfleg_hyps, jfleg_src, jfleg_refs) if jfleg_src else (0.0, 0.0)
    p, r, f = errant.prf
    return {
        "command": shlex.join(command),
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d"),
        "limit": limit,
        "seconds": round(time.time() - t0, 1),
        "correct_seconds": round(t_correct, 1),
        "jfleg_dev": {
            "sentences": len(jfleg_src),
            "changed": sum(h != s for h, s in zip(jfleg_hyps, jfleg_src)),
            "gleu": round(gleu, 2),
            "gleu_std": round(gleu_std, 2),
        },
        "bea19_dev": {
            "sentences": len(bea),
            "changed": sum(h != s.tokens for h, s in zip(bea_hyps, bea)),
            "tp": errant.tp, "fp": errant.fp, "fn": errant.fn,
            "p": p, "r": r, "f0.5": f,
            "categories": {cat: dict(zip(("tp", "fp", "fn", "p", "r", "f0.5"), v))
                           for cat, v in errant.categories(2).items()},
        },
    }


def summary(res: dict) -> str:
    j, b = res["jfleg_dev"], res["bea19_dev"]
    return (f"JFLEG dev GLEU {j['gleu']:.1f} | BEA-19 dev P {100 * b['p']:.1f} R {100 * b['r']:.1f} "
            f"F0.5 {100 * b['f0.5']:.1f} | {b['sentences']}+{j['sentences']} sentences in {res['seconds']:.0f} s")


def card_section(res: dict, model: str, via_redline: bool = True) -> str:
    j, b = res["jfleg_dev"], res["bea19_dev"]
    subset = f" (first {res['limit']} sentences of each set only)" if res["limit"] else ""
    lines = [
        CARD_START,
        (f"Measured {res['date']} with `python -m model.recipe.evaluate` "
         + (f"on `{model}`, through `redline correct`" if via_redline else f"with the command `{model}` as the checker")
         + f"{subset}; {res['seconds']:.0f} s in all, {res['correct_seconds']:.0f} s of it correcting."),
        "",
        "| development set | sentences | changed | metric | score |",
        "|---|---|---|---|---|",
        (f"| JFLEG dev | {j['sentences']} | {j['changed']} | GLEU, 4 references (copying the input: 38.2) "
         f"| {j['gleu']:.1f} |"),
        (f"| BEA-2019 dev (W&I A+B+C) | {b['sentences']} | {b['changed']} | ERRANT span P / R / F0.5 "
         f"(TP {b['tp']}, FP {b['fp']}, FN {b['fn']}) | {100 * b['p']:.1f} / {100 * b['r']:.1f} / {100 * b['f0.5']:.1f} |"),
        "",
        "BEA-2019 dev per error family (`errant_compare -cat 2`; P is 100 when a family has no false positive):",
        "",
        "| family | TP | FP | FN | P | R | F0.5 |",
        "|---|---|---|---|---|---|---|",
    ]
    for cat, c in b["categories"].items():
        lines.append(f"| {cat} | {c['tp']} | {c['fp']} | {c['fn']} | {100 * c['p']:.1f} | {100 * c['r']:.1f} "
                     f"| {100 * c['f0.5']:.1f} |")
    return "\n".join(lines + [CARD_END])


def update_card(path: Path, section: str) -> None:
    """Replace the text between the metrics markers; without markers, put them under a
    "## Metrics" heading (added at the end if missing)."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if CARD_START in text and CARD_END in text:
        a, b = text.index(CARD_START), text.index(CARD_END) + len(CARD_END)
        text = text[:a] + section + text[b:]
    elif m := re.search(r"^## Metrics[^\n]*\n", text, re.MULTILINE):
        text = text[: m.end()] + "\n" + section + "\n" + text[m.end():]
    else:
        text = text.rstrip("\n") + ("\n\n" if text.strip() else "") + "## Metrics\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")


def default_model_dir() -> Path | None:
    try:
        from native_host.model_files import default_model_dir as find
        return find()
    except (ImportError, FileNotFoundError):
        return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", type=Path, help="model folder (default: the shipped model)")
    ap.add_argument("--command", help='corrector to run instead of `redline correct --model DIR`, e.g. "cat"')
    ap.add_argument("--limit", type=int, help="only the first N sentences of each set")
    ap.add_argument("--card", type=Path, help="model card to update (default: MODEL_CARD.md of --model "
                                              "for a full run of a model)")
    ap.add_argument("--no-card", action="store_true", help="do not touch any model card")
    ap.add_argument("--json", action="store_true", help="print all results as JSON")
    ap.add_argument("--outputs", type=Path, help="write source<TAB>output lines here")
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--margins", type=float, nargs="+", metavar="M",
                    help="tune the precision guard: one evaluation per min_margin M (REDLINE_MIN_MARGIN), "
                         "printed as a table; no card")
    args = ap.parse_args()

    if args.command:
        command, model = shlex.split(args.command), args.command
    else:
        model_dir = args.model or default_model_dir()
        if model_dir is None:
            ap.error("no shipped model found: pass --model DIR (or --command)")
        command, model = correct_command(model_dir), _display(model_dir)
    if args.margins:
        print("| min_margin | JFLEG GLEU | BEA-19 P / R / F0.5 | changed (BEA + JFLEG) |\n|---|---|---|---|", flush=True)
        for margin in args.margins:
            os.environ["REDLINE_MIN_MARGIN"] = str(margin)
            res = evaluate(command, args.shared, args.limit)
            j, b = res["jfleg_dev"], res["bea19_dev"]
            print(f"| {margin:g} | {j['gleu']:.1f} | {100 * b['p']:.1f} / {100 * b['r']:.1f} / {100 * b['f0.5']:.1f} "
                  f"| {b['changed']} + {j['changed']} |", flush=True)
        return
    card = None if args.no_card else args.card
    if card is None and not args.no_card and not args.command and not args.limit:
        card = model_dir / "MODEL_CARD.md"

    res = evaluate(command, args.shared, args.limit, args.outputs)
    res["model"] = model
    if card:
        update_card(card, card_section(res, model, via_redline=not args.command))
        res["card"] = str(card)
    print(json.dumps(res, indent=2) if args.json else summary(res))


def _display(path: Path) -> str:
    path = path.resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


if __name__ == "__main__":
    main()
