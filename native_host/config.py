"""Every knob of the checker in one place, passed in by whoever makes a Checker."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace

SENSITIVITIES = ("sure", "balanced", "thorough")  # "Only sure fixes", "Balanced", "Thorough"


def shows(sensitivity: str, level: str | None) -> bool:
    """Does a sensitivity show a suggestion of this level (None: no calibration, always shown)?"""
    return SENSITIVITIES.index(level or "sure") <= SENSITIVITIES.index(sensitivity)


@dataclass(frozen=True)
class CheckerConfig:
    min_margin: float | None = None  # the model's precision guard in nats; None: the model's config.json value
    passes: int = 2                  # the model corrects a sentence again if its first pass changed it
    aggressive: bool = True          # Aggressive Decoding (identical output to greedy, fewer decoder calls)
    threads: int = 1                 # ONNX Runtime threads
    cache_size: int = 4096           # sentences whose edits are remembered
    sensitivity: str = "balanced"    # which suggestions to show, by confidence (calibration.py)
    language: str = "en"

    def __post_init__(self):
        if self.sensitivity not in SENSITIVITIES:
            raise ValueError(f"sensitivity must be one of {', '.join(SENSITIVITIES)}")

    def with_env(self) -> CheckerConfig:
        """This config with REDLINE_MIN_MARGIN applied (lower: more suggestions; "-inf": every
        change the model makes, as the e2e tests use). Read only by the commands that start a
        checker for a user, never inside the checker."""
        env = os.environ.get("REDLINE_MIN_MARGIN")
        return replace(self, min_margin=float(env)) if env and self.min_margin is None else self
