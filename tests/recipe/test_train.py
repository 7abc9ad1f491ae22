"""train.py end to end on a tiny model: a time-boxed run, resume from its checkpoint,
export, and a new run initialised from the exported fp16 weights."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parents[2]
TOKENIZER = ROOT / "model/redline-small/tokenizer.json"
TINY = ["--model-d-model", "32", "--model-n-heads", "2", "--model-encoder-layers", "1", "--model-decoder-layers", "1",
        "--model-ffn-dim", "64", "--batch-tokens", "300", "--eval-every", "5", "--warmup", "5"]


def run(*args: str) -> str:
    proc = subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    return proc.stdout


def test_train_resume_export_and_init(tmp_path):
    pairs = [("He go to school every day.", "He goes to school every day."),
             ("She have two cat.", "She has two cats."), ("It is fine.", "It is fine.")] * 20
    for name in ("synthetic", "learner", "valid"):
        (tmp_path / f"{name}.tsv").write_text("".join(f"{s}\t{t}\n" for s, t in pairs), encoding="utf-8")
    data = ["--pairs", str(tmp_path / "synthetic.tsv"), "--learner", str(tmp_path / "learner.tsv"),
            "--valid", str(tmp_path / "valid.tsv"), "--tokenizer", str(TOKENIZER), "--threads", "1"]
    first = tmp_path / "run"

    out = run("model.recipe.train", "--run", str(first), "--minutes", "0.1", *data, *TINY)
    ckpt = torch.load(first / "ckpt.pt", map_location="cpu")
    assert ckpt["step"] > 5 and ckpt["model_config"]["d_model"] == 32 and "done: step" in out
    rows = [json.loads(line) for line in (first / "metrics.jsonl").read_text().splitlines()]
    assert any("valid_nll" in r for r in rows) and (first / "loss.png").exists()
    last = torch.load(first / "last.fp16.pt", map_location="cpu")
    assert last["trained"]["steps"] == ckpt["step"] and all(v.dtype == torch.float16 for v in last["model"].values())

    out = run("model.recipe.train", "--run", str(first), "--minutes", "0.05", *data)
    assert f"resumed {first / 'ckpt.pt'} at step {ckpt['step']}" in out
    resumed = torch.load(first / "ckpt.pt", map_location="cpu")
    assert resumed["step"] > ckpt["step"] and resumed["elapsed"] > ckpt["elapsed"]
    # best.fp16.pt holds the weights of the lowest valid NLL over both invocations
    rows = [json.loads(line) for line in (first / "metrics.jsonl").read_text().splitlines()]
    lowest = min((r for r in rows if "valid_nll" in r), key=lambda r: r["valid_nll"])
    best = torch.load(first / "best.fp16.pt", map_location="cpu")
    assert best["trained"]["steps"] == lowest["step"] and round(resumed["best"], 4) == lowest["valid_nll"]

    model = tmp_path / "redline-tiny"
    run("model.recipe.export_onnx", "--run", str(first), "--out", str(model), "--check", "0")
    config = json.loads((model / "config.json").read_text())
    assert config["trained"]["steps"] == resumed["step"]
    weights = tmp_path / "redline-tiny.weights.fp16.pt"
    assert torch.load(weights, map_location="cpu")["trained"] == config["trained"]

    from_best = tmp_path / "from-best"
    run("model.recipe.export_onnx", "--weights", str(first / "best.fp16.pt"), "--tokenizer", str(TOKENIZER),
        "--out", str(from_best), "--check", "0")
    assert json.loads((from_best / "config.json").read_text())["trained"] == best["trained"]

    second = tmp_path / "run2"
    out = run("model.recipe.train", "--run", str(second), "--init", str(weights), "--minutes", "0.05", *data)
    assert f"initialised from {weights}" in out
    again = torch.load(second / "ckpt.pt", map_location="cpu")
    assert again["prior"] == config["trained"] and again["model_config"]["d_model"] == 32


def test_lr_decays_over_the_time_budget_when_decay_steps_is_0():
    from model.recipe.config import TrainConfig
    from model.recipe.train import lr_at

    tc = TrainConfig(lr=1e-3, warmup=10, decay_steps=0, min_lr_ratio=0.1)
    assert lr_at(4, tc, 0.9) == 5e-4  # warmup goes by steps
    assert lr_at(500, tc, 0.0) == 1e-3
    assert abs(lr_at(500, tc, 0.5) - 5.5e-4) < 1e-12
    assert abs(lr_at(50, tc, 1.0) - 1e-4) < 1e-12 and abs(lr_at(50, tc, 2.0) - 1e-4) < 1e-12
    tc.decay_steps = 110  # by steps: the time fraction is ignored
    assert abs(lr_at(110, tc, 0.0) - 1e-4) < 1e-12
