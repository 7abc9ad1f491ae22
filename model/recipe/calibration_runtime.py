"""A suggestion's confidence from the model calibrate.py fits: plain Python, no numpy.

    model = load("calibration.json")
    confidence(model, {"margin": 3.2, "category": "SPELL", "capitalised": False})  # 0..1
"""

from __future__ import annotations

import json
import math
from pathlib import Path


def load(path: str | Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def confidence(model: dict, features: dict) -> float:
    """sigmoid(w·x + b): numbers standardized (a missing one counts as the mean), strings one-hot
    (a value the fit did not see weighs nothing)."""
    z = model["bias"]
    for name, mean, scale, w in zip(model["features"], model["means"], model["scales"], model["weights"]):
        value = features.get(name)
        if value is not None and not isinstance(value, str):
            z += w * (float(value) - mean) / scale
    for name, weights in model["category_weights"].items():
        if features.get(name) is not None:
            z += weights.get(str(features[name]), 0.0)
    return 1.0 / (1.0 + math.exp(-max(-35.0, min(35.0, z))))
