"""Stage 4: train the correction model within a time budget; checkpoints and resume.

    python -m model.recipe.train --run model/runs/base --minutes 120            # start or resume
    python -m model.recipe.train --run model/runs/base --init model/redline-small.weights.fp16.pt  # from shipped weights
    python -m model.recipe.train --run model/runs/deep --init model/redline-small.weights.fp16.pt --model-encoder-layers 12
                                                  # the same model, its encoder grown to 12 layers (model.grow_encoder)

The run folder holds ckpt.pt (weights, optimizer, step, configs), last.fp16.pt and
best.fp16.pt (weights alone: the latest, and those of the lowest valid NLL), metrics.jsonl,
loss.png and tokenizer.json. A second invocation with the same --run resumes.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import shutil
import time
from dataclasses import asdict
from pathlib import Path

import numpy as np
import torch
from tokenizers import Tokenizer
from tqdm import tqdm

from .config import ModelConfig, TrainConfig
from .model import Seq2Seq, grow_encoder
from .paths import DATA_DIR, WORK
from .train_tokenizer import BOS, EOS, PAD
from .train_tokenizer import load as load_tokenizer

# --- data -------------------------------------------------------------------------

def read_pairs(path: Path, limit: int | None = None) -> list[tuple[str, str]]:
    pairs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            src, _, tgt = line.rstrip("\n").partition("\t")
            src, tgt = " ".join(src.split()), " ".join(tgt.split())
            if src and tgt:
                pairs.append((src, tgt))
            if limit and len(pairs) >= limit:
                break
    return pairs


def encode_pairs(tok: Tokenizer, pairs, max_tokens: int):
    src = tok.encode_batch([s for s, _ in pairs])
    tgt = tok.encode_batch([t for _, t in pairs])
    out = []
    for s, t in zip(src, tgt):
        if len(s.ids) < max_tokens and len(t.ids) < max_tokens:
            out.append((s.ids + [EOS], t.ids))
    return out


def batches(examples, batch_tokens: int, rng: random.Random):
    """Length-bucketed batches of about `batch_tokens` target tokens, in random order."""
    order = sorted(range(len(examples)), key=lambda i: (len(examples[i][0]), rng.random()))
    out, cur, longest = [], [], 0
    for i in order:
        longest = max(longest, len(examples[i][1]) + 1, len(examples[i][0]))
        if cur and longest * (len(cur) + 1) > batch_tokens:
            out.append(cur)
            cur, longest = [], max(len(examples[i][1]) + 1, len(examples[i][0]))
        cur.append(i)
    if cur:
        out.append(cur)
    rng.shuffle(out)
    return out


def collate(examples, idx, device):
    # numpy rows, one copy to the device: per-row torch.tensor() calls held a GPU back.
    src_len = max(len(examples[i][0]) for i in idx)
    tgt_len = max(len(examples[i][1]) + 1 for i in idx)
    src = np.full((len(idx), src_len), PAD, dtype=np.int64)
    tin = np.full((len(idx), tgt_len), PAD, dtype=np.int64)
    tout = np.full((len(idx), tgt_len), -100, dtype=np.int64)
    for r, i in enumerate(idx):
        s, t = examples[i]
        src[r, : len(s)] = s
        tin[r, 0], tin[r, 1 : len(t) + 1] = BOS, t
        tout[r, : len(t)], tout[r, len(t)] = t, EOS
    src, tin, tout = (torch.from_numpy(a).to(device, non_blocking=True) for a in (src, tin, tout))
    return src, (src != PAD).long(), tin, tout


# --- training ---------------------------------------------------------------------

def lr_at(step: int, tc: TrainConfig, time_frac: float = 0.0) -> float:
    """Linear warmup, then cosine decay to lr * min_lr_ratio at `decay_steps`, or, with
    decay_steps 0, at the end of this invocation's time budget (`time_frac` of it has passed):
    for a machine whose speed is not known ahead, such as a lent GPU."""
    if step < tc.warmup:
        return tc.lr * (step + 1) / tc.warmup
    prog = min(1.0, time_frac if tc.decay_steps <= 0 else (step - tc.warmup) / max(1, tc.decay_steps - tc.warmup))
    return tc.lr * (tc.min_lr_ratio + (1 - tc.min_lr_ratio) * 0.5 * (1 + math.cos(math.pi * prog)))


def autocast(device):
    # bf16 on CUDA; on CPU bf16 autocast made a step ~20x slower here (measured), so fp32.
    return torch.autocast(device.type, dtype=torch.bfloat16, enabled=device.type == "cuda")


@torch.no_grad()
def validate(model, examples, tc, device) -> float:
    model.eval()
    total, n = 0.0, 0
    for idx in batches(examples, tc.batch_tokens, random.Random(0)):
        src, mask, tin, tout = collate(examples, idx, device)
        with autocast(device):
            _, nll = model.loss(src, mask, tin, tout, 0.0)
        k = int((tout != -100).sum())
        total, n = total + float(nll) * k, n + k
    model.train()
    return total / max(1, n)


def plot(run: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = [json.loads(line) for line in open(run / "metrics.jsonl")]
    tr = [(r["step"], r["loss"]) for r in rows if "loss" in r]
    va = [(r["step"], r["valid_nll"]) for r in rows if "valid_nll" in r]
    fig, ax = plt.subplots(figsize=(7, 4))
    if tr:
        ax.plot(*zip(*tr), label="train (label-smoothed)", alpha=0.7)
    if va:
        ax.plot(*zip(*va), "o-", label="valid NLL")
    ax.set_xlabel("step"), ax.set_ylabel("loss"), ax.set_yscale("log"), ax.legend(), ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(run / "loss.png", dpi=100)
    plt.close(fig)


def save(path: Path, model, opt, step, mc, tc, elapsed, prior, best) -> None:
    tmp = path.with_suffix(".tmp")
    torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "step": step, "prior": prior, "best": best,
                "model_config": mc.to_dict(), "train_config": asdict(tc), "elapsed": elapsed}, tmp)
    tmp.replace(path)


NOTHING = {"steps": 0, "minutes": 0.0}


def trained(prior: dict, steps: int, seconds: float) -> dict:
    """Training in all: `prior` (what the starting weights had) plus a run's own steps and time."""
    return {"steps": prior["steps"] + steps, "minutes": round(prior["minutes"] + seconds / 60, 1)}


def trained_of(w: dict) -> dict:
    """The training an fp16 weights file (its `trained`) or a run's ckpt.pt has had."""
    return w["trained"] if "trained" in w else trained(w.get("prior") or NOTHING, w["step"], w.get("elapsed", 0.0))


def save_weights(path: Path, model, mc, trained: dict) -> None:
    """fp16 weights without optimizer state: what export_onnx --weights and train --init read."""
    tmp = path.with_suffix(".tmp")
    torch.save({"model": {k: v.half() for k, v in model.state_dict().items()},
                "model_config": mc.to_dict(), "trained": trained}, tmp)
    tmp.replace(path)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--run", type=Path, default=Path("model/runs/base"))
    ap.add_argument("--pairs", type=Path, nargs="+", default=sorted(WORK.glob("pairs-*.tsv")))
    ap.add_argument("--learner", type=Path, default=DATA_DIR / "learner_train.tsv")
    ap.add_argument("--valid", type=Path, nargs="+", help="validation pair files (default: 2,000 synthetic "
                                                              "pairs of valid_pairs.tsv and 500 of learner_valid.tsv)")
    ap.add_argument("--tokenizer", type=Path, default=WORK / "tokenizer.json")
    ap.add_argument("--init", type=Path, help="start from these weights (e.g. the shipped fp16 file)")
    ap.add_argument("--limit", type=int, help="use at most this many synthetic pairs")
    ap.add_argument("--threads", type=int, default=0)
    for f, v in asdict(TrainConfig()).items():
        ap.add_argument(f"--{f.replace('_', '-')}", type=type(v), default=None)
    for f, v in ModelConfig().to_dict().items():
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            ap.add_argument(f"--model-{f.replace('_', '-')}", dest=f"model_{f}", type=type(v), default=None)
    args = ap.parse_args()

    run = args.run
    run.mkdir(parents=True, exist_ok=True)
    ckpt_path = run / "ckpt.pt"
    ckpt = torch.load(ckpt_path, map_location="cpu") if ckpt_path.exists() else None
    init = torch.load(args.init, map_location="cpu") if args.init and not ckpt else None
    mc = ModelConfig.from_dict((ckpt or init)["model_config"]) if ckpt or init else ModelConfig()
    tc = TrainConfig(**ckpt["train_config"]) if ckpt else TrainConfig()
    for f in asdict(tc):  # command-line flags override saved/default training settings
        if getattr(args, f, None) is not None:
            setattr(tc, f, getattr(args, f))
    for f in mc.to_dict():  # sizes only for a new model; dropout (no weights) may change any time
        if getattr(args, f"model_{f}", None) is not None and (f == "dropout" or not (ckpt or init)):
            setattr(mc, f, getattr(args, f"model_{f}"))
    grow = init and args.model_encoder_layers and args.model_encoder_layers != mc.encoder_layers
    if grow:  # --init with a deeper encoder: the trained layers, each followed by identity copies
        init["model"] = grow_encoder({k: v.float() for k, v in init["model"].items()}, mc.encoder_layers,
                                     args.model_encoder_layers)
        mc.encoder_layers = args.model_encoder_layers

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if args.threads:
        torch.set_num_threads(args.threads)
    torch.manual_seed(tc.seed)
    rng = random.Random(tc.seed + (ckpt["step"] if ckpt else 0))

    if not (run / "tokenizer.json").exists():
        shutil.copy(args.tokenizer, run / "tokenizer.json")
    tok = load_tokenizer(run / "tokenizer.json")
    mc.vocab_size = tok.get_vocab_size()

    model = Seq2Seq(mc).to(device)
    cuda = device.type == "cuda"
    if cuda:
        torch.backends.cuda.matmul.allow_tf32 = True
    opt = torch.optim.AdamW(model.parameters(), lr=tc.lr, betas=(0.9, 0.98), weight_decay=tc.weight_decay,
                            fused=cuda)
    step, elapsed = 0, 0.0
    # Training that the --init weights already had (steps, minutes), so exports report the total.
    prior = (ckpt.get("prior") or NOTHING) if ckpt else trained_of(init) if init else NOTHING
    if ckpt:
        model.load_state_dict(ckpt["model"])
        opt.load_state_dict(ckpt["opt"])
        step, elapsed = ckpt["step"], ckpt.get("elapsed", 0.0)
        print(f"resumed {ckpt_path} at step {step}")
    elif init:
        model.load_state_dict({k: v.float() for k, v in init["model"].items()})
        print(f"initialised from {args.init}")
    (run / "config.json").write_text(json.dumps({"model": mc.to_dict(), "train": asdict(tc)}, indent=2))
    print(f"parameters: {sum(p.numel() for p in model.parameters()) / 1e6:.1f}M on {device}")

    t0 = time.time()
    # learner_fraction 1: a fine-tuning stage on learner pairs alone.
    synth = [p for path in args.pairs for p in read_pairs(path)] if tc.learner_fraction < 1 else []
    rng.shuffle(synth)
    if args.limit:
        synth = synth[: args.limit]
    learner = read_pairs(args.learner)
    synth_ex = encode_pairs(tok, synth, tc.max_tokens)
    learner_ex = encode_pairs(tok, learner, tc.max_tokens)
    valid_files = [(p, 2000) for p in args.valid] if args.valid else [(WORK / "valid_pairs.tsv", 2000), (DATA_DIR / "learner_valid.tsv", 500)]
    valid_sets = {path.stem: encode_pairs(tok, read_pairs(path, n), tc.max_tokens) for path, n in valid_files if path.exists()}
    # Target tokens per set (EOS included), to weigh each set's mean NLL into the overall one.
    valid_tokens = {name: sum(len(t) + 1 for _, t in exs) for name, exs in valid_sets.items()}
    # Learner pairs are upsampled so they make up `learner_fraction` of the stream.
    reps = 1 if not synth_ex else max(1, round(tc.learner_fraction * len(synth_ex) / max(1, (1 - tc.learner_fraction) * len(learner_ex))))
    examples = synth_ex + learner_ex * reps
    print(f"data: {len(synth_ex)} synthetic + {len(learner_ex)}x{reps} learner, {sum(map(len, valid_sets.values()))} valid ({time.time() - t0:.0f}s)")

    budget = tc.minutes * 60
    start = time.time()
    last_ckpt = start
    bar = tqdm(total=int(budget), unit="s", bar_format="{l_bar}{bar}| {elapsed}<{remaining} {postfix}")
    metrics = open(run / "metrics.jsonl", "a")
    model.train()
    tokens_since, t_since, loss_avg, loss_sum = 0, time.time(), None, None
    best = (ckpt or {}).get("best", math.inf)  # valid NLL of best.fp16.pt
    done = False
    while not done:
        for idx in batches(examples, tc.batch_tokens, rng):
            src, mask, tin, tout = collate(examples, idx, device)
            lr = lr_at(step, tc, (time.time() - start) / budget)
            for g in opt.param_groups:
                g["lr"] = lr
            with autocast(device):
                loss, _ = model.loss(src, mask, tin, tout, tc.label_smoothing, tc.edit_weight)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), tc.clip)
            opt.step()
            step += 1
            tokens_since += sum(len(examples[i][1]) + 1 for i in idx)
            # Summed on the device and read every 20 steps: a .item() per step would stall a GPU.
            loss_sum = loss.detach() if loss_sum is None else loss_sum + loss.detach()
            now = time.time()
            if step % 20 == 0:
                mean = loss_sum.item() / 20
                loss_sum = None
                loss_avg = mean if loss_avg is None else 0.7 * loss_avg + 0.3 * mean
                tps = tokens_since / (now - t_since)
                tokens_since, t_since = 0, now
                bar.set_postfix_str(f"step {step} loss {loss_avg:.3f} {tps:.0f} tok/s lr {lr:.1e}")
                bar.n = int(min(budget, now - start))
                bar.refresh()
                metrics.write(json.dumps({"step": step, "loss": round(loss_avg, 4), "tok_s": round(tps), "time": round(elapsed + now - start)}) + "\n")
            if step % tc.eval_every == 0:
                # Each set apart too: a learner-only stage can overfit one while the other drifts.
                parts = {name: validate(model, exs, tc, device) for name, exs in valid_sets.items()}
                v = sum(parts[k] * valid_tokens[k] for k in parts) / max(1, sum(valid_tokens.values()))
                parts = {k: round(x, 4) for k, x in parts.items()} if len(parts) > 1 else {}
                metrics.write(json.dumps({"step": step, "valid_nll": round(v, 4), **{f"valid_{k}": x for k, x in parts.items()}}) + "\n")
                metrics.flush()
                tqdm.write(f"step {step}: valid NLL {v:.4f} {parts or ''}")
                plot(run)
                if v < best:  # the best weights so far, for when the last ones overfit the learner pairs
                    best = v
                    save_weights(run / "best.fp16.pt", model, mc, trained(prior, step, elapsed + now - start))
            if now - last_ckpt > tc.ckpt_every_minutes * 60 or now - start > budget:
                save(ckpt_path, model, opt, step, mc, tc, elapsed + now - start, prior, best)
                save_weights(run / "last.fp16.pt", model, mc, trained(prior, step, elapsed + now - start))
                last_ckpt = now
            if now - start > budget:
                done = True
                break
    bar.close()
    metrics.close()
    plot(run)
    print(f"done: step {step}, checkpoint {ckpt_path}")


if __name__ == "__main__":
    main()
