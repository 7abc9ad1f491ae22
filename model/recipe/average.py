"""Weight averaging ("model soup"): the mean of several models' weights, written as one fp16
weights file for export_onnx --weights (or train --init).

    python -m model.recipe.average --out model/runs/soup.fp16.pt \\
        model/runs/gpu1/last.fp16.pt model/runs/deep2/ckpt.pt model/runs/r3/ckpt.pt ...

Members are run checkpoints (ckpt.pt) or fp16 weights files. Members fine-tuned from one
ancestor average well; a member with a shallower encoder is first grown to the deepest one
(model.grow_encoder: the same function, the extra layers' output projections zero), so a
6-layer model counts as its 12-layer equivalent.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import torch

from .model import grow_encoder
from .train import trained_of


def load_member(path: Path) -> tuple[dict, dict, dict]:
    """(fp32 state dict, model config, trained {steps, minutes}) of a checkpoint or weights file."""
    w = torch.load(path, map_location="cpu")
    return {k: v.float() for k, v in w["model"].items()}, dict(w["model_config"]), trained_of(w)


def average(paths: list[Path], weights: list[float] | None = None) -> dict:
    members = [load_member(p) for p in paths]
    weights = weights or [1.0] * len(members)
    if len(weights) != len(members):
        raise ValueError(f"{len(weights)} weights for {len(members)} models")
    depth = max(mc["encoder_layers"] for _, mc, _ in members)
    states = []
    for (state, mc, _), path in zip(members, paths):
        if mc["encoder_layers"] != depth:
            state = grow_encoder(state, mc["encoder_layers"], depth)
        ref = states[0] if states else state
        if set(state) != set(ref) or any(state[k].shape != ref[k].shape for k in ref):
            raise ValueError(f"{path}: not the same architecture as {paths[0]}")
        states.append(state)
    total = sum(weights)
    mean = {k: sum(s[k] * w for s, w in zip(states, weights)) / total for k in states[0]}
    config = next(mc for _, mc, _ in members if mc["encoder_layers"] == depth)
    most = max((t for _, _, t in members), key=lambda t: t["steps"])  # members share their early steps
    trained = {"steps": most["steps"], "minutes": most["minutes"], "averaged": len(members)}
    return {"model": {k: v.half() for k, v in mean.items()}, "model_config": config, "trained": trained}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("members", type=Path, nargs="+", help="ckpt.pt or fp16 weights files")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--weights", type=float, nargs="+", help="one per member (default: equal)")
    args = ap.parse_args()
    soup = average(args.members, args.weights)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    torch.save(soup, args.out)
    print(f"{args.out}: mean of {len(args.members)}, {soup['model_config']['encoder_layers']} encoder layers, "
          f"trained {soup['trained']}")


if __name__ == "__main__":
    main()
