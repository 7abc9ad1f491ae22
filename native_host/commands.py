"""`redline check`, `redline correct` and `redline bench`: the checker on files and pipes."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent / "samples"


def register(sub) -> None:
    p = sub.add_parser("check", help="show suggestions for a text file (or stdin)")
    p.add_argument("file", nargs="?", default="-", help="file to check, or - for stdin")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    _model_args(p)
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("correct", help="write each input line corrected (all top suggestions applied)")
    p.add_argument("file", nargs="?", default="-")
    _model_args(p)
    p.set_defaults(func=cmd_correct)

    p = sub.add_parser("bench", help="greedy vs Aggressive Decoding: identical outputs, latency, speedup")
    p.add_argument("file", nargs="?", help=f"one sentence per line (default: {SAMPLES / 'bench.txt'})")
    p.add_argument("--json", action="store_true")
    p.add_argument("--limit", type=int, help="use the first N sentences")
    _model_args(p)
    p.set_defaults(func=cmd_bench)


def _model_args(p) -> None:
    p.add_argument("--model", type=Path, help="model folder (default: the shipped model)")
    p.add_argument("--threads", type=int, default=1, help="ONNX Runtime intra-op threads (default 1)")


def _checker(args):
    from .checker import Checker

    return Checker(args.model, threads=args.threads)


class InputError(Exception):
    pass


def _read_bytes(name: str) -> bytes:
    try:
        return sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except OSError as e:
        raise InputError(f"cannot read {name}: {e.strerror or e}") from None


def _read_text(name: str) -> str:
    data = _read_bytes(name)
    if b"\x00" in data:
        raise InputError(f"{'stdin' if name == '-' else name} looks like binary data (it contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise InputError(f"input is not valid UTF-8: byte 0x{data[e.start]:02x} at offset {e.start} (line {line})") from None


def _fail(message: str) -> int:
    print(f"redline: {message}", file=sys.stderr)
    return 2


# --- check ------------------------------------------------------------------------

def cmd_check(args) -> int:
    from .errors import TextTooLarge

    try:
        text = _read_text(args.file)
        checker = _checker(args)
        t0 = time.perf_counter()
        suggestions = checker.check(text)
        elapsed = (time.perf_counter() - t0) * 1000
    except (InputError, TextTooLarge, FileNotFoundError) as e:
        return _fail(str(e) + (" (use `redline correct` for bulk files)" if isinstance(e, TextTooLarge) else ""))
    if args.json:
        json.dump({"suggestions": [s.to_dict() for s in suggestions], "model": checker.model_name,
                   "elapsed_ms": round(elapsed, 1)}, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    if not suggestions:
        print("No issues found.")
        return 0
    print(render(text, suggestions))
    print(f"{len(suggestions)} suggestion{'s' if len(suggestions) != 1 else ''} ({elapsed:.0f} ms, model {checker.model_name})")
    return 0


def render(text: str, suggestions) -> str:
    """Each suggestion with its line, a caret line under the span, and the message."""
    from .offsets import Utf16Map

    umap = Utf16Map(text)
    blocks = []
    for s in suggestions:
        a, b = umap.from_utf16(s.start), umap.from_utf16(s.end)
        line_start = text.rfind("\n", 0, a) + 1
        line_end = text.find("\n", b)
        line_end = len(text) if line_end < 0 else line_end
        line = text[line_start:line_end].rstrip("\r")
        lineno = text.count("\n", 0, a) + 1
        col = a - line_start
        shown = line.replace("\t", " ")
        width = max(1, min(b, line_start + len(line)) - a)
        repl = " / ".join(f"“{r}”" if r else "(remove)" for r in s.replacements)
        blocks.append(f"{lineno}:{col + 1} {s.category}: {s.message}\n  {shown}\n  {' ' * col}{'^' * width} {repl}")
    return "\n\n".join(blocks)


# --- correct ----------------------------------------------------------------------

def cmd_correct(args) -> int:
    from .errors import TextTooLarge

    try:
        data = _read_bytes(args.file)
        checker = _checker(args)
        checker.load()
    except (InputError, FileNotFoundError) as e:
        return _fail(str(e))
    out = sys.stdout.buffer
    # Line by line, same number of lines out; a line that is not valid UTF-8 passes through unchanged.
    for raw in data.splitlines(keepends=True):
        body = raw.rstrip(b"\r\n")
        end = raw[len(body):]
        try:
            line = body.decode("utf-8")
        except UnicodeDecodeError:
            out.write(raw)
            continue
        try:
            fixed = checker.correct(line) if "\x00" not in line else line
        except TextTooLarge:  # over the size limit: leave it as it is
            fixed = line
        out.write(fixed.encode("utf-8") + end)
        out.flush()
    return 0


# --- bench ------------------------------------------------------------------------

def cmd_bench(args) -> int:
    import resource
    import statistics

    from .decoding.aggressive import aggressive_decode
    from .decoding.greedy import greedy_decode
    from .decoding.onnx_model import OnnxModel

    path = args.file or str(SAMPLES / "bench.txt")
    try:
        lines = [" ".join(line.split()) for line in _read_text(path).splitlines()]
    except InputError as e:
        return _fail(str(e))
    lines = [line for line in lines if line][: args.limit]
    if not lines:
        return _fail("no sentences to benchmark")
    try:
        from .model_files import default_model_dir

        t0 = time.perf_counter()
        model = OnnxModel(args.model or default_model_dir(), threads=args.threads)
        load_ms = (time.perf_counter() - t0) * 1000
    except FileNotFoundError as e:
        return _fail(str(e))
    warm = model.tokenizer.encode("A warm-up sentence.").ids + [model.eos]
    greedy_decode(model, warm), aggressive_decode(model, warm)

    ar_ms, ad_ms, ratios = [], [], []
    identical = calls_ar = calls_ad = 0
    progress = _Progress(len(lines))
    for line in lines:
        ids = model.tokenizer.encode(line).ids[:160] + [model.eos]
        t0 = time.perf_counter()
        ar = greedy_decode(model, ids)
        t1 = time.perf_counter()
        ad = aggressive_decode(model, ids)
        t2 = time.perf_counter()
        ar_ms.append((t1 - t0) * 1000)
        ad_ms.append((t2 - t1) * 1000)
        ratios.append((t1 - t0) / max(t2 - t1, 1e-9))
        identical += ar.tokens == ad.tokens
        calls_ar += ar.calls
        calls_ad += ad.calls
        progress.step()
    progress.done()

    def pct(xs, q):
        xs = sorted(xs)
        return xs[min(len(xs) - 1, int(round(q / 100 * (len(xs) - 1))))]

    result = {
        "sentences": len(lines), "identical": identical,
        "ar_p50_ms": round(pct(ar_ms, 50), 2), "ar_p95_ms": round(pct(ar_ms, 95), 2),
        "ad_p50_ms": round(pct(ad_ms, 50), 2), "ad_p95_ms": round(pct(ad_ms, 95), 2),
        "speedup_p50": round(statistics.median(ratios), 2),
        "decoder_calls_ar": calls_ar, "decoder_calls_ad": calls_ad,
        "load_ms": round(load_ms, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "model": model.name, "threads": args.threads,
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(f"model {model.name}, {args.threads} thread(s), {len(lines)} sentences")
        print(f"identical outputs      {identical}/{len(lines)}")
        print(f"decoder calls          greedy {calls_ar}, aggressive {calls_ad}")
        print(f"latency p50 / p95 (ms) greedy {result['ar_p50_ms']} / {result['ar_p95_ms']}, "
              f"aggressive {result['ad_p50_ms']} / {result['ad_p95_ms']}")
        print(f"speedup (median)       {result['speedup_p50']}x")
        print(f"model load             {result['load_ms']} ms, peak RSS {result['peak_rss_mb']} MB")
    return 0 if identical == len(lines) else 1


class _Progress:
    """A one-line progress bar on stderr for long runs (only on a terminal)."""

    def __init__(self, total: int):
        self.total, self.n, self.t0 = total, 0, time.time()
        self.on = total >= 50 and sys.stderr.isatty()

    def step(self) -> None:
        self.n += 1
        if self.on and (self.n % 10 == 0 or self.n == self.total):
            rate = self.n / max(1e-9, time.time() - self.t0)
            eta = (self.total - self.n) / max(rate, 1e-9)
            filled = int(30 * self.n / self.total)
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {self.n}/{self.total} {rate:.1f}/s ETA {eta:.0f}s")
            sys.stderr.flush()

    def done(self) -> None:
        if self.on:
            sys.stderr.write("\n")
