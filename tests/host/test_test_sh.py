"""scripts/test.sh (the README's test command) lists every pytest skip with its reason and
says what the skips of a fresh clone (no ../shared/data) mean."""

import os
import subprocess
import sys
from pathlib import Path

from tests.host.redline_cli import skip_unless_installed_from_here

ROOT = Path(__file__).resolve().parents[2]
VENV = Path(sys.executable).parent.parent

SKIPPING = '''
import pytest

@pytest.mark.parametrize("n", range(3))
def test_needs_shared_data(n):
    pytest.skip("../shared/data is not present")

def test_needs_something_else():
    pytest.skip("no widget here")

def test_runs():
    assert True
'''


def test_test_sh_explains_its_skips(tmp_path):
    skip_unless_installed_from_here()  # test.sh runs `pip install -e .` into VENV
    f = tmp_path / "test_skipping.py"
    f.write_text(SKIPPING, encoding="utf-8")
    env = {**os.environ, "REDLINE_VENV": str(VENV)}
    done = subprocess.run(["bash", str(ROOT / "scripts" / "test.sh"), "--python-only", str(f), "-p", "no:cacheprovider"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=900, check=False)
    out = done.stdout
    assert done.returncode == 0, out + done.stderr
    assert "SKIPPED [3]" in out and "../shared/data is not present" in out and "no widget here" in out
    assert "pytest: 3 skipped because ../shared/data is not present. Expected on a fresh clone" in out
    assert "pytest: 1 skipped for other reasons: see the SKIPPED lines above." in out
    assert "All test suites passed." in out
