"""The wheel is all a user needs: built with `python -m build`, it holds the
model, the launcher templates and the sample, and after `pip install` into a
fresh venv, offline, `redline` installs a native host and checks text.

Slow (a build, a venv, an install): deselect with  pytest -m 'not packaging'.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
MODEL = REPO / "model" / "redline-small"


def run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    done = subprocess.run(cmd, capture_output=True, text=True, **kw)
    assert done.returncode == 0, f"{' '.join(map(str, cmd))}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def offline(cmd: list[str]) -> list[str]:
    """`cmd` in a network namespace with no network at all, where the OS allows one."""
    if shutil.which("unshare") and subprocess.run(["unshare", "-rn", "true"], capture_output=True).returncode == 0:
        return ["unshare", "-rn", *cmd]
    return cmd


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built with `python -m build` (sdist, then the wheel from it) from a copy of the work tree."""
    src = tmp_path_factory.mktemp("src")
    listed = run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=REPO).stdout
    for name in filter(None, listed.split("\0")):
        if (REPO / name).is_file():
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, src / name)
    out = tmp_path_factory.mktemp("dist")
    run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(src)])
    return next(out.glob("redline-*.whl"))


def test_one_version_for_the_host_and_the_extension():
    """The host's version (native_host/__init__.py, which pyproject.toml reads) and
    the extension's (extension/manifest.json, which the extension build reads) agree."""
    import native_host

    extension = json.loads((REPO / "extension" / "manifest.json").read_text())
    assert extension["version"] == native_host.__version__


@pytest.mark.packaging
def test_wheel_holds_every_module_the_launchers_and_the_sample(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {str(p.relative_to(REPO)) for p in (REPO / "native_host").rglob("*.py") if "__pycache__" not in p.parts}
    assert modules - names == set(), "modules missing from the wheel (is the package in setup.py's find_packages?)"
    assert {"native_host/install/launchers/redline-host.sh", "native_host/install/launchers/redline-host.bat",
            "native_host/samples/email.txt"} <= names


@pytest.mark.packaging
def test_wheel_holds_the_shipped_model(wheel):
    assert MODEL.is_dir()
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {f"native_host/model_data/{p.name}" for p in MODEL.iterdir() if p.is_file()}
    assert shipped and shipped <= names
    for required in ("encoder.onnx", "decoder.onnx", "tokenizer.json", "config.json"):
        assert f"native_host/model_data/{required}" in names


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A fresh venv (no system site-packages) with only the wheel and its
    dependencies installed, by pip with no index and no network."""
    deps = tmp_path_factory.mktemp("wheels")
    # The one step that may use the network: wheels of the dependencies (pip's cache makes reruns fast).
    run([sys.executable, "-m", "pip", "wheel", "--quiet", "--prefer-binary", "--wheel-dir", str(deps), str(wheel)])
    env = tmp_path_factory.mktemp("venv") / "v"
    run([sys.executable, "-m", "venv", str(env)])
    run(offline([str(env / "bin" / "python"), "-m", "pip", "install", "--quiet", "--no-index",
                 "--find-links", str(deps), str(wheel)]))
    return env


def user_env(home: Path) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items()
            if not k.startswith(("XDG_", "REDLINE_", "PYTHON", "VIRTUAL_ENV"))}
    return {**base, "HOME": str(home), "PATH": "/usr/bin:/bin", "REDLINE_TOKEN_STORE": "file"}


@pytest.mark.packaging
@pytest.mark.timeout(1200)
def test_installed_wheel_registers_a_host_that_runs_from_the_venv(venv, tmp_path):
    redline = str(venv / "bin" / "redline")
    env = user_env(tmp_path)
    assert "redline" in run([redline, "--version"], cwd=tmp_path, env=env).stdout
    where = run([str(venv / "bin" / "python"), "-c", "import native_host; print(native_host.__file__)"],
                cwd=tmp_path, env=env).stdout
    assert where.startswith(str(venv)), "the venv must import its own copy, not the checkout"
    run(offline([redline, "install", "--browser", "chromium"]), cwd=tmp_path, env=env)
    launcher = (tmp_path / ".local/share/redline/redline-host").read_text()
    assert str(venv / "bin" / "python") in launcher
    # Templates came from inside the wheel: the checkout is nowhere in sight.
    assert str(REPO) not in launcher


@pytest.mark.packaging
@pytest.mark.timeout(1200)
def test_installed_wheel_checks_text_offline(venv, tmp_path):
    assert MODEL.is_dir()
    env = user_env(tmp_path)
    model_dir = run([str(venv / "bin" / "python"), "-c",
                     "from native_host.model_files import default_model_dir; print(default_model_dir())"],
                    cwd=tmp_path, env=env).stdout.strip()
    assert model_dir.startswith(str(venv)) and model_dir.endswith("model_data")
    sample = venv / "lib"
    sample = next(sample.glob("python3*/site-packages/native_host/samples/email.txt"))
    done = run(offline([str(venv / "bin" / "redline"), "check", str(sample)]), cwd=tmp_path, env=env)
    assert done.stdout.strip(), "`redline check` printed nothing for the sample e-mail"
    run(offline([str(venv / "bin" / "redline"), "install", "--browser", "chromium"]), cwd=tmp_path, env=env)
    doctor = subprocess.run(offline([str(venv / "bin" / "redline"), "doctor"]), cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=600)
    assert "PROBLEM" not in doctor.stdout and doctor.returncode == 0, doctor.stdout + doctor.stderr
