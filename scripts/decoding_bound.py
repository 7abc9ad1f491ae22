"""How fast can Aggressive Decoding be against greedy decoding on this CPU? Per sentence, in one
process and in turn: greedy (AR), Aggressive Decoding (AD), the encoder alone (E), and the encoder
plus AD's first pass (E + F: what AD costs for a sentence the model leaves as it is). CPU time of
this process (`time.process_time`), so other jobs on a shared machine disturb the figures less
than wall time.

Prints one JSON object: p50 / p95 of each in ms, speedup_p50 (median of AR / AD) and speedup_p95
(AR's p95 / AD's p95) as `redline bench` computes them, and the bounds: AR / (E + F), what AD
would reach if every sentence cost only its first pass, and AR / E, if decoding were free.

    python scripts/decoding_bound.py [FILE] [--limit N]   (default: the first 150 JFLEG dev sentences)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

from native_host.decoding.aggressive import _first_block, aggressive_decode
from native_host.decoding.greedy import greedy_decode
from native_host.decoding.onnx_model import OnnxModel
from native_host.model_files import default_model_dir

JFLEG = Path(__file__).resolve().parents[1] / "../shared/data/eval/jfleg_dev/dev.src"


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(q / 100 * (len(xs) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file", nargs="?", type=Path, default=JFLEG)
    ap.add_argument("--limit", type=int, default=150)
    args = ap.parse_args()
    lines = [" ".join(line.split()) for line in args.file.read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line][: args.limit]
    model = OnnxModel(default_model_dir())
    warm = model.tokenizer.encode("A warm-up sentence.").ids + [model.eos]
    greedy_decode(model, warm), aggressive_decode(model, warm)
    ms: dict[str, list[float]] = {"ar": [], "ad": [], "e": [], "ef": []}
    load = os.getloadavg()
    for line in lines:
        ids = model.tokenizer.encode(line).ids[:160] + [model.eos]
        t0 = time.process_time()
        greedy_decode(model, ids)
        t1 = time.process_time()
        aggressive_decode(model, ids)
        t2 = time.process_time()
        model.encode(ids)
        t3 = time.process_time()
        state = model.encode(ids)
        model.decode(state, _first_block(model, ids, None), model.empty_past())
        t4 = time.process_time()
        for key, seconds in zip(ms, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
            ms[key].append(seconds * 1000)
    out: dict[str, object] = {f"{k}_p{q}_ms": round(pct(v, q), 2) for k, v in ms.items() for q in (50, 95)}
    out["speedup_p50"] = round(statistics.median(a / d for a, d in zip(ms["ar"], ms["ad"])), 2)
    out["speedup_p95"] = round(pct(ms["ar"], 95) / pct(ms["ad"], 95), 2)
    out["bound_first_pass_p50"] = round(statistics.median(a / f for a, f in zip(ms["ar"], ms["ef"])), 2)
    out["bound_first_pass_p95"] = round(pct(ms["ar"], 95) / pct(ms["ef"], 95), 2)
    out["bound_encoder_p50"] = round(statistics.median(a / e for a, e in zip(ms["ar"], ms["e"])), 2)
    out["bound_encoder_p95"] = round(pct(ms["ar"], 95) / pct(ms["e"], 95), 2)
    out["sentences"], out["load"] = len(lines), [round(x, 2) for x in load + os.getloadavg()]
    print(json.dumps(out))


if __name__ == "__main__":
    main()
