"""`redline check`, `redline correct` and `redline bench`: the checker on files and pipes."""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from pathlib import Path

from .config import SENSITIVITIES

SAMPLES = Path(__file__).resolve().parent / "samples"
CONTEXT = 40  # characters of the line shown either side of a suggestion
BOM = "\ufeff"


def register(sub) -> None:
    p = sub.add_parser(
        "check", help="show suggestions for a text file (or stdin)",
        description="Check a UTF-8 text file, or stdin, and print each suggestion the way a compiler prints an "
                    "error: FILE:LINE:COLUMN, the category and message, the stretch of the line around it with "
                    "a caret line under the words, and the replacement, a paragraph at a time as it is checked "
                    "(progress on stderr). --json prints the same for programs.")
    p.add_argument("file", nargs="?", default="-", help="the text file to check, or - for stdin (the default)")
    p.add_argument("--json", action="store_true",
                   help="print one JSON object: suggestions (UTF-16 start/end, line, column, replacements, "
                        "category, message), the model, load_ms and check_ms")
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    p.add_argument("--context", type=int, default=CONTEXT, metavar="N",
                   help=f"characters of the line shown either side of a suggestion (default {CONTEXT})")
    _checker_args(p)
    p.set_defaults(func=cmd_check)

    p = sub.add_parser(
        "correct", help="write the text corrected (every top suggestion applied) to stdout",
        description="Correct a UTF-8 text file, or stdin, and write it to stdout with every top suggestion "
                    "applied. Paragraphs are separated by blank lines; hard-wrapped lines are joined for "
                    "checking, and every line break is written back where it was wherever the text around it "
                    "is unchanged. Fenced code blocks and a signature (from a '-- ' line on) pass through. "
                    "Binary or non-UTF-8 input is refused and nothing is written. Progress goes to stderr.")
    p.add_argument("file", nargs="?", default="-", help="the text file to correct, or - for stdin (the default)")
    p.add_argument("--lines", action="store_true",
                   help="correct each line on its own, never joining lines (one sentence per line, as in "
                        "evaluation sets)")
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    _checker_args(p)
    p.set_defaults(func=cmd_correct)

    p = sub.add_parser(
        "bench", help="greedy vs Aggressive Decoding: identical outputs, latency, speedup",
        description="Decode each sentence twice, greedily and with Aggressive Decoding, then all of them in "
                    "batches as the checker does, check that all give the same output, and report decoder "
                    "calls, latency percentiles, model load time and peak memory. Exit code 1 if any output "
                    "differs.")
    p.add_argument("file", nargs="?",
                   help="one sentence per line (default: the 40 sentences shipped in native_host/samples/bench.txt)")
    p.add_argument("--json", action="store_true", help="print the results as one JSON object")
    p.add_argument("--limit", type=int, metavar="N", help="use the first N sentences")
    _checker_args(p)
    p.set_defaults(func=cmd_bench)


def _checker_args(p) -> None:
    """The flags that choose and tune the checker, the same on every command that runs it."""
    p.add_argument("--model-dir", type=Path, metavar="DIR", help="model folder (default: the shipped model)")
    p.add_argument("--model", dest="model_dir", type=Path, help=argparse.SUPPRESS)  # the old name
    p.add_argument("--threads", type=int, default=1, metavar="N", help="ONNX Runtime intra-op threads (default 1)")
    p.add_argument("--sensitivity", choices=SENSITIVITIES, default="balanced",
                   help="which suggestions to show: only sure fixes, balanced (default), or thorough (everything "
                        "the checker finds)")


def _checker(args):
    """The checker the flags ask for; a new checker flag adds its keyword here."""
    from .checker import Checker
    from .config import CheckerConfig

    return Checker(args.model_dir, CheckerConfig(threads=args.threads, sensitivity=args.sensitivity).with_env())


# --- input ------------------------------------------------------------------------

class InputError(Exception):
    pass


def _shown(name: str) -> str:
    return "stdin" if name == "-" else name


def _read_bytes(name: str, command: str) -> bytes:
    if name == "-" and sys.stdin.isatty():
        print(f"redline {command}: reading text from the terminal; end it with Ctrl-D on a line of its own "
              f"(or give a file: redline {command} FILE)", file=sys.stderr, flush=True)
    try:
        return sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except OSError as e:
        raise InputError(f"cannot read {name}: {e.strerror or e}") from None


def _decode(name: str, data: bytes) -> str:
    """The text of a UTF-8 file (a byte order mark kept); a clear error for anything else."""
    convert = f"iconv -f {{}} -t UTF-8 {name if name != '-' else 'FILE'} > converted.txt"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{_shown(name)} looks like UTF-16 text; Redline reads UTF-8: convert it first, "
                         f"e.g. {convert.format('UTF-16')}")
    if b"\x00" in data:
        raise InputError(f"{_shown(name)} looks like binary data (it contains NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise InputError(f"{_shown(name)} is not valid UTF-8: byte 0x{data[e.start]:02x} at offset {e.start} "
                         f"(line {line}). If it is Latin-1 or Windows-1252 text, convert it first, e.g. "
                         f"{convert.format('WINDOWS-1252')}") from None


def _fail(message: str) -> int:
    print(f"redline: {message}", file=sys.stderr)
    return 2


# --- check ------------------------------------------------------------------------

def cmd_check(args) -> int:
    from .errors import TextTooLarge
    from .offsets import utf16_len

    try:
        text = _decode(args.file, _read_bytes(args.file, "check"))
        text = text.removeprefix(BOM)
        t0 = time.perf_counter()
        checker = _checker(args)
        checker.load()
        t1 = time.perf_counter()
        where = _Locator(text)
        name = "<stdin>" if args.file == "-" else args.file
        progress = _progress(utf16_len(text), "check", quiet=args.quiet)
        suggestions = []
        for part in checker.check_parts(text):  # in order: each paragraph printed as soon as it is checked
            suggestions += part.found
            for s in part.found if not args.json else ():
                progress.write(render(name, where, s, max(0, args.context)), file=sys.stdout)
            progress.update(part.end - part.start)
        progress.close()
        t2 = time.perf_counter()
    except (InputError, FileNotFoundError) as e:
        return _fail(str(e))
    except TextTooLarge as e:
        return _fail(f"{e}; `redline correct` has no limit")
    load_ms, check_ms = (t1 - t0) * 1000, (t2 - t1) * 1000
    if args.json:
        items = []
        for s in suggestions:
            line, column = where.line_column(where.index(s.start))
            items.append({**s.to_dict(), "line": line, "column": column})
        json.dump({"file": None if args.file == "-" else args.file, "suggestions": items,
                   "model": checker.model_name, "load_ms": round(load_ms, 1), "check_ms": round(check_ms, 1)},
                  sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    count = f"{len(suggestions)} suggestion{'s' if len(suggestions) != 1 else ''}" if suggestions else "No issues found"
    print(f"{count} in {name}: checked in {check_ms:.0f} ms (model {checker.model_name} loaded in {load_ms:.0f} ms)")
    return 0


class _Locator:
    """Code-point index <-> UTF-16 offset and line/column, for one text."""

    def __init__(self, text: str):
        from .offsets import Utf16Map

        self.text, self._utf16 = text, Utf16Map(text)

    def index(self, utf16: int) -> int:
        return self._utf16.from_utf16(utf16)

    def line_column(self, index: int) -> tuple[int, int]:
        """1-based line and column (in characters) of a code-point index."""
        return self.text.count("\n", 0, index) + 1, index - (self.text.rfind("\n", 0, index) + 1) + 1


def _width(s: str) -> int:
    """Terminal columns (East Asian wide characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in s)


def render(name: str, where: _Locator, s, context: int = CONTEXT) -> str:
    """One suggestion, compiler style: the location and message, then at most `context`
    characters of its line either side of it, a caret line under it and the replacement."""
    text = where.text
    a, b = where.index(s.start), where.index(s.end)
    line_no, col = where.line_column(a)
    line_start = a - col + 1
    line_end = text.find("\n", a)
    line_end = len(text) if line_end < 0 else line_end
    b = max(a, min(b, line_end))  # a span running past the line end: underline to the end of the line
    left, right = max(line_start, a - context), min(line_end, b + context)
    span = text[a:b]
    if len(span) > 2 * context + 1:  # a very long span: its start and its end
        span = span[:context] + "…" + span[-context:]
    before = ("…" if left > line_start else "") + text[left:a]
    after = text[b:right].rstrip("\r") + ("…" if right < line_end else "")
    repl = " / ".join(f"“{r}”" if r else "(remove)" for r in s.replacements) or "(no replacement)"
    gutter = " " * len(str(line_no))
    def clean(t: str) -> str:  # a tab would break the caret's alignment
        return t.replace("\t", " ")

    return (f"{name}:{line_no}:{col}: {s.category}: {s.message}\n"
            f" {line_no} | {clean(before + span + after)}\n"
            f" {gutter} | {' ' * _width(clean(before))}{'^' * max(1, _width(clean(span)))} {repl}\n")


# --- correct ----------------------------------------------------------------------

def cmd_correct(args) -> int:
    from .paragraphs import pieces

    try:
        text = _decode(args.file, _read_bytes(args.file, "correct"))
        checker = _checker(args)
        checker.load()
    except (InputError, FileNotFoundError) as e:
        return _fail(str(e))
    out = sys.stdout.buffer
    if text.startswith(BOM):  # written back as it came
        out.write(BOM.encode("utf-8"))
        text = text[1:]
    parts = pieces(text, lines=args.lines)
    progress = _progress(sum(len(p.text) for p in parts if p.check), "correct", quiet=args.quiet)
    warmed = 0  # parts[:warmed] have their sentences checked and cached
    for k, part in enumerate(parts):
        if k >= warmed:
            warmed = _warm_ahead(checker, parts, k)
        fixed = _correct_piece(checker, part.text) if part.check else part.text
        progress.update(len(part.text) if part.check else 0)
        out.write(fixed.encode("utf-8"))
        if part.text.endswith("\n") or not part.check:
            out.flush()
    out.flush()
    progress.close()
    return 0


WARM_CHARS = 4_000  # `correct` checks the next pieces up to this many characters together (the bar moves after each group)


def _warm_ahead(checker, parts, k: int) -> int:
    """Check the sentences of parts[k:] (up to WARM_CHARS) as batches, which costs less than one piece
    at a time (a line each with --lines); returns the index of the first part left for later."""
    from .paragraphs import unwrap

    texts, size, end = [], 0, k
    while end < len(parts) and (not texts or size + len(parts[end].text) <= WARM_CHARS):
        if parts[end].check:
            texts.append(unwrap(parts[end].text)[0])
            size += len(parts[end].text)
        end += 1
    checker.warm(texts)
    return end


def _correct_piece(checker, text: str) -> str:
    """One piece corrected with its wraps kept; one over the checker's size limit
    line by line, and a line over it as it is (with a warning)."""
    from .errors import TextTooLarge
    from .paragraphs import rewrap, unwrap

    joined, wraps = unwrap(text)
    try:
        return rewrap(joined, checker.correct(joined), wraps)
    except TextTooLarge as e:
        if wraps:
            return "".join(_correct_piece(checker, line) if line.strip() else line
                           for line in re.split(r"(\r?\n)", text))
        print(f"redline correct: a line of {len(text):,} characters left as it is: {e}", file=sys.stderr)
        return text


def _progress(total: int, command: str, quiet: bool = False, unit: str = "char"):
    """A progress bar on stderr (tqdm) when stderr is a terminal and the run lasts
    over a second; nothing otherwise (and tqdm not imported: 3.4 MB and a thread, issue #22)."""
    if quiet or not sys.stderr.isatty():
        return _NoProgress()
    from tqdm import tqdm

    return tqdm(total=total, unit=unit, unit_scale=True, desc=f"redline {command}", file=sys.stderr, delay=1,
                leave=False, dynamic_ncols=True)


class _NoProgress:
    """What _progress gives when no bar is shown: the same calls."""

    def update(self, n: int = 1) -> None:
        pass

    def write(self, line: str, file=None) -> None:
        print(line, file=file)

    def close(self) -> None:
        pass


# --- bench ------------------------------------------------------------------------

def cmd_bench(args) -> int:
    import resource
    import statistics

    from .checker import BATCH_WINDOWS
    from .decoding.aggressive import aggressive_decode, aggressive_decode_many
    from .decoding.greedy import greedy_decode
    from .decoding.onnx_model import OnnxModel

    path = args.file or str(SAMPLES / "bench.txt")
    try:
        lines = [" ".join(line.split()) for line in _decode(path, _read_bytes(path, "bench")).splitlines()]
    except InputError as e:
        return _fail(str(e))
    lines = [line for line in lines if line][: args.limit]
    if not lines:
        return _fail("no sentences to benchmark")
    try:
        from .model_files import default_model_dir

        t0 = time.perf_counter()
        model = OnnxModel(args.model_dir or default_model_dir(), threads=args.threads)
        load_ms = (time.perf_counter() - t0) * 1000
    except FileNotFoundError as e:
        return _fail(str(e))
    warm = model.tokenizer.encode("A warm-up sentence.").ids + [model.eos]
    greedy_decode(model, warm), aggressive_decode(model, warm)

    ar_ms, ad_ms, ratios, sources, greedy_tokens = [], [], [], [], []
    identical = calls_ar = calls_ad = 0
    progress = _progress(len(lines), "bench", unit="sentence")
    for line in lines:
        ids = model.tokenizer.encode(line).ids[:160] + [model.eos]
        sources.append(ids)
        t0 = time.perf_counter()
        ar = greedy_decode(model, ids)
        t1 = time.perf_counter()
        ad = aggressive_decode(model, ids)
        t2 = time.perf_counter()
        ar_ms.append((t1 - t0) * 1000)
        ad_ms.append((t2 - t1) * 1000)
        ratios.append((t1 - t0) / max(t2 - t1, 1e-9))
        identical += ar.tokens == ad.tokens
        greedy_tokens.append(ar.tokens)
        calls_ar += ar.calls
        calls_ad += ad.calls
        progress.update()
    progress.close()

    def pct(xs, q):
        xs = sorted(xs)
        return xs[min(len(xs) - 1, round(q / 100 * (len(xs) - 1)))]

    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # the decoder's, as before

    # As the checker decodes a text's sentences: batches of BATCH_WINDOWS (aggressive_decode_many).
    identical_batched, t0 = 0, time.perf_counter()
    for k in range(0, len(sources), BATCH_WINDOWS):
        batch = aggressive_decode_many(model, sources[k:k + BATCH_WINDOWS])
        identical_batched += sum(b.tokens == g for b, g in zip(batch, greedy_tokens[k:k + BATCH_WINDOWS]))
    ad_batched_ms = (time.perf_counter() - t0) * 1000 / len(sources)

    # What a user waits for: the whole checker (spelling, rules, model, guard), one sentence
    # at a time with nothing cached, then all the sentences as one text, cache emptied.
    checker = _checker(args)
    checker.load()
    checker_ms = []
    for line in lines:
        t0 = time.perf_counter()
        checker.check(line)
        checker_ms.append((time.perf_counter() - t0) * 1000)
    document = "\n\n".join(" ".join(lines[i:i + 5]) for i in range(0, len(lines), 5))
    checker.clear_cache()
    t0 = time.perf_counter()
    checker.check(document)
    doc_ms = (time.perf_counter() - t0) * 1000

    result = {
        "sentences": len(lines), "identical": identical,
        "ar_p50_ms": round(pct(ar_ms, 50), 2), "ar_p95_ms": round(pct(ar_ms, 95), 2),
        "ad_p50_ms": round(pct(ad_ms, 50), 2), "ad_p95_ms": round(pct(ad_ms, 95), 2),
        "identical_batched": identical_batched, "ad_batched_mean_ms": round(ad_batched_ms, 2),
        "speedup_p50": round(statistics.median(ratios), 2),
        "speedup_p95": round(pct(ar_ms, 95) / max(pct(ad_ms, 95), 1e-9), 2),
        "checker_p50_ms": round(pct(checker_ms, 50), 2), "checker_p95_ms": round(pct(checker_ms, 95), 2),
        "doc_ms": round(doc_ms, 1), "doc_chars": len(document),
        "decoder_calls_ar": calls_ar, "decoder_calls_ad": calls_ad,
        "load_ms": round(load_ms, 1),
        "peak_rss_mb": round(peak_rss_mb, 1),
        "model": model.name, "threads": args.threads,
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(f"model {model.name}, {args.threads} thread(s), {len(lines)} sentences")
        print(f"identical outputs      {identical}/{len(lines)}")
        print(f"identical, batched     {identical_batched}/{len(lines)} (as the checker decodes a text: "
              f"{result['ad_batched_mean_ms']} ms a sentence)")
        print(f"decoder calls          greedy {calls_ar}, aggressive {calls_ad}")
        print(f"latency p50 / p95 (ms) greedy {result['ar_p50_ms']} / {result['ar_p95_ms']}, "
              f"aggressive {result['ad_p50_ms']} / {result['ad_p95_ms']}")
        print(f"speedup p50 / p95      {result['speedup_p50']}x / {result['speedup_p95']}x")
        print(f"whole checker p50/p95  {result['checker_p50_ms']} / {result['checker_p95_ms']} ms a sentence; "
              f"all {len(lines)} as one text {result['doc_ms']} ms")
        print(f"model load             {result['load_ms']} ms, peak RSS {result['peak_rss_mb']} MB")
    return 0 if identical == identical_batched == len(lines) else 1
