"""scripts/quickstart.sh as a new user runs it (in a throwaway home, with this test run's
venv): afterwards `redline doctor` typed by name works, and the script says exactly
what it did to get there, or what to do when it could not."""

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

from tests.host.redline_cli import REDLINE, ROOT, skip_unless_installed_from_here

VENV = REDLINE.parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def user_env(home: Path, path: list[Path | str]) -> dict[str, str]:
    """A user's environment: their own home and PATH; python3 is the one this venv came from."""
    python_dir = home / "python"
    python_dir.mkdir(exist_ok=True)
    if not (python_dir / "python3").exists():
        (python_dir / "python3").symlink_to(Path(sys.executable).resolve())
    base = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "REDLINE_", "VIRTUAL_ENV"))}
    return {**base, "HOME": str(home), "REDLINE_VENV": str(VENV), "REDLINE_TOKEN_STORE": "file",
            "PATH": ":".join(map(str, [*path, python_dir, "/usr/bin", "/bin"]))}


def quickstart(env: dict[str, str]) -> subprocess.CompletedProcess:
    skip_unless_installed_from_here()
    return subprocess.run(["bash", str(ROOT / "scripts" / "quickstart.sh"), "--host-only"], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=900, check=False)


def test_after_quickstart_redline_doctor_works_by_name(tmp_path):
    env = user_env(tmp_path, [tmp_path / ".local" / "bin"])  # ~/.local/bin on PATH, not yet there
    done = quickstart(env)
    assert done.returncode == 0, done.stdout + done.stderr
    link = tmp_path / ".local" / "bin" / "redline"
    assert link.is_symlink() and link.resolve() == REDLINE.resolve()
    assert f"Linked {link} -> {VENV}/bin/redline" in done.stdout
    assert "`redline` now runs this installation" in done.stdout
    assert "Check the setup any time with: redline doctor" in done.stdout
    doctor = subprocess.run(["bash", "-c", f"redline doctor --port {free_port()}"], env=env, cwd=tmp_path,
                            capture_output=True, text=True, timeout=600, check=False)
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    assert "Everything looks fine." in doctor.stdout and "`redline` on PATH runs this installation" in doctor.stdout
    if shutil.which("chromium", path=env["PATH"]):  # quickstart registered it; doctor round-tripped through it
        assert "round-tripped" in doctor.stdout


def test_quickstart_says_what_to_do_when_no_folder_of_path_will_do(tmp_path):
    env = user_env(tmp_path, [])  # neither ~/.local/bin nor ~/bin on PATH (nor /usr/local/bin)
    done = quickstart(env)
    assert done.returncode == 0, done.stdout + done.stderr
    local_bin = tmp_path / ".local" / "bin"
    assert (local_bin / "redline").is_symlink()
    assert f"{local_bin} is not on your PATH in this shell" in done.stdout
    assert f'export PATH="{local_bin}:$PATH"' in done.stdout
    assert f"Check the setup any time with: {REDLINE} doctor" in done.stdout


def test_quickstart_leaves_another_programs_redline_alone(tmp_path):
    local_bin = tmp_path / ".local" / "bin"
    local_bin.mkdir(parents=True)
    (local_bin / "redline").write_text("#!/bin/sh\necho another\n")
    done = quickstart(user_env(tmp_path, [local_bin]))
    assert done.returncode == 0, done.stdout + done.stderr
    assert (local_bin / "redline").read_text() == "#!/bin/sh\necho another\n"
    assert f"Left {local_bin / 'redline'} alone" in done.stdout and f"This one runs as {REDLINE}" in done.stdout
