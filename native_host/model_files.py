"""Where the shipped model lives.

The model folder `model/redline-small/` of the repository is shipped inside the
wheel as `native_host/model_data/` (see setup.py). `default_model_dir()` finds it
in both layouts: an installed wheel, and an editable install or plain checkout.
"""

from __future__ import annotations

import os
from pathlib import Path

MODEL_NAME = "redline-small"
REQUIRED_FILES = ("encoder.onnx", "decoder.onnx", "tokenizer.json", "config.json")
# Optional, but each changes what a user is shown: the word lists and the confidence's calibration.
SHOWN_BY = REQUIRED_FILES + ("words.txt", "known.txt", "capitalised.txt", "calibration.json")
ENV_VAR = "REDLINE_MODEL_DIR"  # points at another model folder (tests, experiments)

_PACKAGE_DIR = Path(__file__).resolve().parent


def candidate_dirs() -> list[Path]:
    """Where the model is looked for, in order."""
    found = []
    if os.environ.get(ENV_VAR):
        found.append(Path(os.environ[ENV_VAR]).expanduser())
    found.append(_PACKAGE_DIR / "model_data")                     # installed wheel
    found.append(_PACKAGE_DIR.parent / "model" / MODEL_NAME)      # checkout / editable install
    return found


def missing_files(model_dir: Path) -> list[str]:
    """The required files that `model_dir` lacks (all of them if it does not exist)."""
    return [name for name in REQUIRED_FILES if not (model_dir / name).is_file()]


def default_model_dir() -> Path:
    """The folder of the model to use. Raises FileNotFoundError, naming every
    place it looked, when none holds a complete model."""
    candidates = candidate_dirs()
    if os.environ.get(ENV_VAR):  # an explicit choice is never silently replaced
        candidates = candidates[:1]
    for folder in candidates:
        if not missing_files(folder):
            return folder
    looked = "\n".join(f"  {folder} (missing: {', '.join(missing_files(folder))})" for folder in candidates)
    raise FileNotFoundError(
        f"No complete Redline model found. Looked in:\n{looked}\n"
        f"Reinstall Redline, or set {ENV_VAR} to a folder holding {', '.join(REQUIRED_FILES)}."
    )
