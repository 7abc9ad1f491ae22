"""The pictures in README.md and docs/ show what the shipped model does: each was made by
scripts/readme_screenshot.mjs, which records in docs/pictures.json the SHA-256 of the model
files it ran with and of each picture. A model change without new pictures fails here."""

import hashlib
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RECORD = ROOT / "docs" / "pictures.json"
REMAKE = ("the pictures are older than the model: rebuild them with  npm ci && node packaging/build_extension.mjs "
          "--chrome-only && node scripts/readme_screenshot.mjs  (it rewrites docs/pictures.json), and commit them")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_pictures_were_made_with_the_shipped_model():
    from native_host.model_files import SHOWN_BY

    record = json.loads(RECORD.read_text(encoding="utf-8"))
    model = ROOT / record["model"]
    assert sorted(record["model_files"]) == sorted(SHOWN_BY)
    changed = [name for name, digest in record["model_files"].items() if sha256(model / name) != digest]
    assert not changed, f"{', '.join(changed)} changed since {record['made_on']}: {REMAKE}"


def test_every_picture_is_the_one_the_script_made():
    record = json.loads(RECORD.read_text(encoding="utf-8"))
    shown = set(re.findall(r"!\[[^\]]*\]\(([^)]+\.png)\)", (ROOT / "README.md").read_text(encoding="utf-8")))
    in_docs = {str(p.relative_to(ROOT)) for p in (ROOT / "docs").rglob("*.png")}
    assert shown | in_docs <= set(record["pictures"]), f"pictures the script did not make: {REMAKE}"
    for name, digest in record["pictures"].items():
        assert sha256(ROOT / name) == digest, f"{name} is not the picture the script made: {REMAKE}"
