"""Where the recipe reads and writes; everything under model/work/ stays out of git."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
WORK = ROOT / "model" / "work"
DATA_DIR = WORK / "data"
