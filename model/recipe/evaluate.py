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

More, with --sets (default: jfleg bea; any of jfleg bea cweb rules native):
    cweb    CWEB dev, CWEB-G + CWEB-S (6,729     ERRANT P / R / F0.5 on both parts and each, and
            web sentences, two annotators)       the false positives by ERRANT type: native web text
    rules   rule_examples_dev (LanguageTool's    detected / fixed / false alarm as its PROVENANCE.md
            English rule examples, half)         defines them, overall, on `complete` rows, per category
    native  the native sample (native_sample.py) suggestions per 100 sentences and per 1,000 words,
                                                 and every changed sentence (source -> output)

    python -m model.recipe.evaluate --sets cweb --limit 300 --correct-args "--sensitivity thorough"

JFLEG, BEA and CWEB are tokenized, the checker works on raw text: each source is
detokenized (CWEB: its raw web text, which lines up with the tokens), corrected by the
command, and the output tokenized again with spaCy's tokenizer (the one ERRANT uses).
Words the checker left alone keep their original tokens, so copying the input scores
exactly like copying the tokenized source. All sets go through one run of the command.
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

from .errant_score import M2Sentence, hypothesis_edits, load_annotator, read_m2, score
from .gleu import corpus_gleu
from .paths import ROOT, SHARED
from .prepare_data import detokenize

BEA_FILES = [f"{level}.dev.gold.bea19.m2" for level in "ABC"]
CWEB_PARTS = ("CWEB-G", "CWEB-S")
SETS = ("jfleg", "bea", "cweb", "rules", "native")
DEFAULT_SETS = ("jfleg", "bea")
JFLEG_REFS = [f"dev.ref{k}" for k in range(4)]
CARD_START, CARD_END = "<!-- metrics:start -->", "<!-- metrics:end -->"


# --- data -------------------------------------------------------------------------------


def load_sets(shared: Path, limit: int | None):
    """BEA-2019 dev sentences (M2) and JFLEG dev (source tokens, 4 reference token lists each)."""
    bea = read_m2(*[shared / "data/eval/bea19_dev" / name for name in BEA_FILES])[:limit]
    return bea, *load_jfleg(shared, limit)


def load_jfleg(shared: Path, limit: int | None):
    jdir = shared / "data/eval/jfleg_dev"
    src = [line.split() for line in _lines(jdir / "dev.src")][:limit]
    refs = [[line.split() for line in _lines(jdir / name)][:limit] for name in JFLEG_REFS]
    return src, [list(r) for r in zip(*refs)]


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


def evaluate(command: list[str], shared: Path, limit: int | None = None, outputs_path: Path | None = None,
             sets: tuple[str, ...] = DEFAULT_SETS) -> dict:
    """Run `command` once over the sentences of `sets` and score each set; `limit`: the first
    N sentences of each file (CWEB-G and CWEB-S, incorrect and correct rule examples apart)."""
    t0 = time.time()
    loaded = {name: _LOADERS[name](shared, limit) for name in sets}
    texts = [t for texts, _ in loaded.values() for t in texts]
    outputs = run_corrector(command, texts)
    t_correct = time.time() - t0
    if outputs_path:
        outputs_path.write_text("".join(f"{a}\t{b}\n" for a, b in zip(texts, outputs)), encoding="utf-8")
    res = {
        "command": shlex.join(command),
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d"),
        "limit": limit,
    }
    results, at = {}, 0
    for name, (set_texts, score_outputs) in loaded.items():
        results[RESULT_KEYS[name]] = score_outputs(outputs[at: at + len(set_texts)])
        at += len(set_texts)
    return {**res, "seconds": round(time.time() - t0, 1), "correct_seconds": round(t_correct, 1), **results}


RESULT_KEYS = {"jfleg": "jfleg_dev", "bea": "bea19_dev", "cweb": "cweb_dev", "rules": "rule_examples_dev",
               "native": "native_sample"}


def _retokenized(sources: list[list[str]], texts: list[str], outputs: list[str]) -> list[list[str]]:
    retok = Retokenizer(load_annotator().nlp.tokenizer)
    return [retok(toks, text, out) for toks, text, out in zip(sources, texts, outputs)]


def _jfleg(shared: Path, limit: int | None):
    src, refs = load_jfleg(shared, limit)
    texts = [detokenize(" ".join(toks)) for toks in src]

    def scored(outputs):
        hyps = _retokenized(src, texts, outputs)
        gleu, gleu_std = corpus_gleu(hyps, src, refs) if src else (0.0, 0.0)
        return {"sentences": len(src), "changed": sum(h != s for h, s in zip(hyps, src)),
                "gleu": round(gleu, 2), "gleu_std": round(gleu_std, 2)}
    return texts, scored


def _bea(shared: Path, limit: int | None):
    bea = gold_sentences("bea", shared)[:limit]
    texts = [detokenize(" ".join(s.tokens)) for s in bea]

    def scored(outputs):
        return _errant_result(bea, _retokenized([s.tokens for s in bea], texts, outputs))
    return texts, scored


def _errant_result(sentences, hyps: list[list[str]], fp_types: bool = False) -> dict:
    errant = score(hypothesis_edits(load_annotator(), [s.tokens for s in sentences], hyps), [s.edits for s in sentences])
    p, r, f = errant.prf
    res = {
        "sentences": len(sentences),
        "changed": sum(h != s.tokens for h, s in zip(hyps, sentences)),
        "tp": errant.tp, "fp": errant.fp, "fn": errant.fn,
        "p": p, "r": r, "f0.5": f,
        "categories": {cat: dict(zip(("tp", "fp", "fn", "p", "r", "f0.5"), v))
                       for cat, v in errant.categories(2).items()},
    }
    if fp_types:  # the ERRANT type of each false-positive hypothesis edit: where the false alarms are
        res["false_positives"] = dict(sorted(((cat, c[1]) for cat, c in errant.cats.items() if c[1]),
                                             key=lambda kv: (-kv[1], kv[0])))
    return res


def load_cweb(shared: Path, limit: int | None) -> dict[str, list[tuple[M2Sentence, str]]]:
    """CWEB-G and CWEB-S dev: each M2 sentence with its raw web text (its .source line)."""
    folder = shared / "data/eval/cweb_dev"
    return {part: list(zip(read_m2(folder / f"{part}.dev.m2"), _lines(folder / f"{part}.dev.source")))[:limit]
            for part in CWEB_PARTS}


def _cweb(shared: Path, limit: int | None):
    parts = load_cweb(shared, limit)
    rows = [row for part in parts.values() for row in part]
    texts = [text if chunk_groups(s.tokens, text) else detokenize(" ".join(s.tokens)) for s, text in rows]

    def scored(outputs):
        hyps = _retokenized([s.tokens for s, _ in rows], texts, outputs)
        res = _errant_result([s for s, _ in rows], hyps, fp_types=True)
        res["parts"], at = {}, 0
        for part, part_rows in parts.items():
            one = _errant_result([s for s, _ in part_rows], hyps[at: at + len(part_rows)])
            res["parts"][part] = {k: one[k] for k in ("sentences", "changed", "tp", "fp", "fn", "p", "r", "f0.5")}
            at += len(part_rows)
        return res
    return texts, scored


def load_rule_examples(shared: Path, limit: int | None) -> tuple[list[dict], list[dict]]:
    """rule_examples_dev's incorrect rows (text, span, corrections) and correct rows."""
    folder = shared / "data/eval/rule_examples_dev"
    return tuple([json.loads(line) for line in _lines(folder / name)][:limit] for name in ("incorrect.jsonl", "correct.jsonl"))


def changed_spans(source: str, output: str) -> list[tuple[int, int]]:
    """Character ranges of `source` the output changed (an insertion is an empty range)."""
    matcher = difflib.SequenceMatcher(None, source, output, autojunk=False)
    return [(i1, i2) for op, i1, i2, _, _ in matcher.get_opcodes() if op != "equal"]


def rule_example_scores(incorrect: list[dict], correct: list[dict], bad_out: list[str], good_out: list[str]) -> dict:
    """PROVENANCE.md's metrics: detected (the output differs inside or touching the marked
    span), fixed (the output is one of the corrections), false alarm (a correct row changed);
    overall, on `complete` rows, and per category."""
    def counts(bad, good) -> dict:
        detected = fixed = 0
        for row, out in bad:
            a, b = row["span"]
            detected += any(i1 <= b and i2 >= a for i1, i2 in changed_spans(row["text"], out))
            fixed += out in row["corrections"]
        alarms = sum(out != row["text"] for row, out in good)
        return {"incorrect": len(bad), "detected": detected, "fixed": fixed, "correct": len(good),
                "false_alarms": alarms, "detected_rate": _rate(detected, len(bad)),
                "fixed_rate": _rate(fixed, len(bad)), "false_alarm_rate": _rate(alarms, len(good))}

    bad, good = list(zip(incorrect, bad_out)), list(zip(correct, good_out))
    cats = sorted({row["category"] for row in incorrect + correct})
    return {
        "all": counts(bad, good),
        "complete": counts([x for x in bad if x[0]["complete"]], [x for x in good if x[0]["complete"]]),
        "categories": {c: counts([x for x in bad if x[0]["category"] == c], [x for x in good if x[0]["category"] == c])
                       for c in cats},
    }


def _rate(n: int, total: int) -> float:
    return round(n / total, 4) if total else 0.0


def _rules(shared: Path, limit: int | None):
    incorrect, correct = load_rule_examples(shared, limit)
    texts = [row["text"] for row in incorrect + correct]
    return texts, lambda outputs: rule_example_scores(incorrect, correct, outputs[: len(incorrect)], outputs[len(incorrect):])


def native_scores(sample, outputs: list[str]) -> dict:
    """Suggestions (the product's word-level diff, native_host.word_diff.diff) per 100
    sentences and per 1,000 words, and every changed sentence."""
    from native_host.word_diff import diff

    changes = [{"corpus": s.corpus, "line": s.line, "source": s.text, "output": out, "suggestions": len(diff(s.text, out))}
               for s, out in zip(sample, outputs) if out != s.text]
    n, words = len(sample), sum(len(s.text.split()) for s in sample)
    total = sum(c["suggestions"] for c in changes)
    # The sample is mostly sentences over 50 words (native_sample.py): each length apart.
    by_length = {}
    for name, fits in (("up to 50 words", lambda t: len(t.split()) <= 50), ("over 50 words", lambda t: len(t.split()) > 50)):
        k = sum(fits(s.text) for s in sample)
        m = sum(c["suggestions"] for c in changes if fits(c["source"]))
        by_length[name] = {"sentences": k, "suggestions": m, "per_100_sentences": round(100 * m / k, 2) if k else 0.0}
    return {"sentences": n, "words": words, "changed": len(changes), "suggestions": total,
            "per_100_sentences": round(100 * total / n, 2) if n else 0.0,
            "per_1000_words": round(1000 * total / words, 2) if words else 0.0, "by_length": by_length,
            "changes": changes}


def _native(shared: Path, limit: int | None):
    from .native_sample import build

    sample = build(shared)[:limit]
    return [s.text for s in sample], lambda outputs: native_scores(sample, outputs)


_LOADERS = {"jfleg": _jfleg, "bea": _bea, "cweb": _cweb, "rules": _rules, "native": _native}


def set_texts(name: str, shared: Path, limit: int | None = None) -> list[str]:
    """The sentences of a set exactly as the checker gets them here, in this order (their
    index is the `index` of collect_edits.py and calibrate.py)."""
    return _LOADERS[name](shared, limit)[0]


def gold_sentences(name: str, shared: Path) -> list[M2Sentence]:
    """The M2 sentences (tokens and every annotator's edits) of a set with gold edits, in
    the order of set_texts."""
    if name == "bea":
        return read_m2(*[shared / "data/eval/bea19_dev" / f for f in BEA_FILES])
    if name == "cweb":
        return [s for part in load_cweb(shared, None).values() for s, _ in part]
    raise ValueError(f"no gold edits for the set {name!r} (bea, cweb)")


def summary(res: dict) -> str:
    parts, counts = [], []
    if j := res.get("jfleg_dev"):
        parts.append(f"JFLEG dev GLEU {j['gleu']:.1f}")
    if b := res.get("bea19_dev"):
        parts.append(f"BEA-19 dev P {100 * b['p']:.1f} R {100 * b['r']:.1f} F0.5 {100 * b['f0.5']:.1f}")
    if c := res.get("cweb_dev"):
        parts.append(f"CWEB dev P {100 * c['p']:.1f} R {100 * c['r']:.1f} F0.5 {100 * c['f0.5']:.1f}")
    if r := res.get("rule_examples_dev"):
        a, k = r["all"], r["complete"]
        parts.append(f"rule examples detected / fixed / false alarms {_pct(a)} (complete: {_pct(k)})")
    if n := res.get("native_sample"):
        parts.append(f"native sample {n['per_100_sentences']:.1f} suggestions per 100 sentences "
                     f"({n['suggestions']} in {n['changed']} sentences)")
    for key in ("bea19_dev", "jfleg_dev", "cweb_dev", "native_sample"):
        if key in res:
            counts.append(str(res[key]["sentences"]))
    if r:
        counts.append(str(r["all"]["incorrect"] + r["all"]["correct"]))
    return " | ".join(parts + [f"{'+'.join(counts)} sentences in {res['seconds']:.0f} s"])


def _pct(c: dict) -> str:
    return f"{100 * c['detected_rate']:.1f} / {100 * c['fixed_rate']:.1f} / {100 * c['false_alarm_rate']:.1f} %"


def native_listing(res: dict) -> str:
    """Every sentence of the native sample the checker changed: source, then output."""
    n = res["native_sample"]
    lines = [(f"Native sample: {n['suggestions']} suggestions in {n['changed']} of {n['sentences']} sentences "
             f"({n['per_100_sentences']:.2f} per 100 sentences, {n['per_1000_words']:.2f} per 1,000 words; "
             + "; ".join(f"{k}: {v['suggestions']} in {v['sentences']} sentences, {v['per_100_sentences']:.2f} per 100"
                         for k, v in n["by_length"].items()) + ")")]
    for c in n["changes"]:
        lines += [f"- {c['corpus']}:{c['line']}  {c['source']}", f"  -> {c['output']}"]
    return "\n".join(lines)


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
        *_extra_rows(res),
        "",
        "BEA-2019 dev per error family (`errant_compare -cat 2`; P is 100 when a family has no false positive):",
        "",
        "| family | TP | FP | FN | P | R | F0.5 |",
        "|---|---|---|---|---|---|---|",
    ]
    for cat, c in b["categories"].items():
        lines.append(f"| {cat} | {c['tp']} | {c['fp']} | {c['fn']} | {100 * c['p']:.1f} | {100 * c['r']:.1f} "
                     f"| {100 * c['f0.5']:.1f} |")
    return "\n".join(lines + _extra_tables(res) + [CARD_END])


def _extra_rows(res: dict) -> list[str]:
    """Main-table rows of the sets beyond JFLEG and BEA (--sets cweb rules native)."""
    rows = []
    if c := res.get("cweb_dev"):
        rows.append(f"| CWEB dev (G + S, web text) | {c['sentences']} | {c['changed']} | ERRANT span P / R / F0.5 "
                    f"(TP {c['tp']}, FP {c['fp']}, FN {c['fn']}) | {100 * c['p']:.1f} / {100 * c['r']:.1f} / {100 * c['f0.5']:.1f} |")
    if r := res.get("rule_examples_dev"):
        a, k = r["all"], r["complete"]
        rows.append(f"| rule_examples_dev (LanguageTool rule examples) | {a['incorrect']} + {a['correct']} | | detected / "
                    f"fixed / false alarms, all (complete rows) | {_pct(a)} ({_pct(k)}) |")
    if n := res.get("native_sample"):
        rows.append(f"| native sample (never trained on) | {n['sentences']} | {n['changed']} | suggestions per 100 sentences "
                    f"(per 1,000 words) | {n['per_100_sentences']:.2f} ({n['per_1000_words']:.2f}) |")
    return rows


def _extra_tables(res: dict) -> list[str]:
    lines = []
    if c := res.get("cweb_dev"):
        lines += ["", "CWEB dev false positives by ERRANT type (each false-positive hypothesis edit):", "",
                  "| type | FP |", "|---|---|"]
        lines += [f"| {cat} | {n} |" for cat, n in c["false_positives"].items()]
    if r := res.get("rule_examples_dev"):
        lines += ["", "rule_examples_dev per category (detected / fixed of the incorrect rows, false alarms of the correct):", "",
                  "| category | incorrect | detected | fixed | correct | false alarms |", "|---|---|---|---|---|---|"]
        lines += [f"| {cat} | {x['incorrect']} | {100 * x['detected_rate']:.1f} | {100 * x['fixed_rate']:.1f} | "
                  f"{x['correct']} | {100 * x['false_alarm_rate']:.1f} |" for cat, x in r["categories"].items()]
    return lines


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
    ap.add_argument("--sets", nargs="+", choices=SETS, default=list(DEFAULT_SETS), metavar="SET",
                    help=f"development sets to run, any of {' '.join(SETS)} (default: {' '.join(DEFAULT_SETS)})")
    ap.add_argument("--correct-args", default="", metavar="ARGS",
                    help='more arguments for the checker command, e.g. "--sensitivity thorough"')
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
    command += shlex.split(args.correct_args)
    sets = tuple(dict.fromkeys(args.sets))
    if args.correct_args:
        model += f" {args.correct_args}"
    if args.margins:
        if not {"jfleg", "bea"} <= set(sets):
            ap.error("--margins needs --sets jfleg bea")
        print("| min_margin | JFLEG GLEU | BEA-19 P / R / F0.5 | changed (BEA + JFLEG) |\n|---|---|---|---|", flush=True)
        for margin in args.margins:
            os.environ["REDLINE_MIN_MARGIN"] = str(margin)
            res = evaluate(command, args.shared, args.limit, sets=sets)
            j, b = res["jfleg_dev"], res["bea19_dev"]
            print(f"| {margin:g} | {j['gleu']:.1f} | {100 * b['p']:.1f} / {100 * b['r']:.1f} / {100 * b['f0.5']:.1f} "
                  f"| {b['changed']} + {j['changed']} |", flush=True)
        return
    card = None if args.no_card else args.card
    if card is None and not args.no_card and not args.command and not args.limit and not args.correct_args:
        card = model_dir / "MODEL_CARD.md"
    if card and not {"jfleg", "bea"} <= set(sets):
        card = None  # the card's section starts from JFLEG and BEA: a partial run leaves it alone

    res = evaluate(command, args.shared, args.limit, args.outputs, sets=sets)
    res["model"] = model
    if card:
        update_card(card, card_section(res, model, via_redline=not args.command))
        res["card"] = str(card)
    print(json.dumps(res, indent=2) if args.json else summary(res))
    if "native_sample" in res and not args.json:
        print(native_listing(res))


def _display(path: Path) -> str:
    path = path.resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


if __name__ == "__main__":
    main()
