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

    out = run("model.recipe.train", "--run", str(first), "--minutes", "0.05", *data)
    assert f"resumed {first / 'ckpt.pt'} at step {ckpt['step']}" in out
    resumed = torch.load(first / "ckpt.pt", map_location="cpu")
    assert resumed["step"] > ckpt["step"] and resumed["elapsed"] > ckpt["elapsed"]

    model = tmp_path / "redline-tiny"
    run("model.recipe.export_onnx", "--run", str(first), "--out", str(model), "--check", "0")
    config = json.loads((model / "config.json").read_text())
    assert config["trained"]["steps"] == resumed["step"]
    weights = tmp_path / "redline-tiny.weights.fp16.pt"
    assert torch.load(weights, map_location="cpu")["trained"] == config["trained"]

    second = tmp_path / "run2"
    out = run("model.recipe.train", "--run", str(second), "--init", str(weights), "--minutes", "0.05", *data)
    assert f"initialised from {weights}" in out
    again = torch.load(second / "ckpt.pt", map_location="cpu")
    assert again["prior"] == config["trained"] and again["model_config"]["d_model"] == 32
