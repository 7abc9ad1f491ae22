"""The model the host tests run on: the shipped one (REDLINE_MODEL_DIR may point elsewhere)."""

from pathlib import Path

from native_host.model_files import default_model_dir

SHARED = Path(__file__).resolve().parents[3] / "shared"


def model_dir() -> Path:
    return default_model_dir()
