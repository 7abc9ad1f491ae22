"""token_store.py against a real keyring backend (when this machine has one) and the file fallback.

Nothing here touches the user's own token: every test gets a temporary config
dir and a keyring service name of its own. CI runs the suite inside
`dbus-run-session` with an unlocked gnome-keyring (see .ci/run).
"""

import os
import stat
import subprocess
import sys

import pytest

from native_host import token_store

NO_KEYRING = "keyring.backends.fail.Keyring"  # keyring's own "no backend" backend


def _keyring_works() -> str | None:
    """None when a real keyring backend answers here, else why not."""
    try:
        import keyring
        backend = keyring.get_keyring()
        if getattr(backend, "priority", 0) <= 0:
            return f"no keyring backend ({type(backend).__name__}); run under dbus-run-session with gnome-keyring"
        keyring.get_password("redline-probe", "probe")
        return None
    except Exception as e:
        return f"keyring backend unusable: {type(e).__name__}: {e}"


KEYRING_SKIP = _keyring_works()
needs_keyring = pytest.mark.skipif(KEYRING_SKIP is not None, reason=str(KEYRING_SKIP))


@pytest.fixture
def store_env(isolated_token_store):
    """The test's own config dir and keyring service (conftest.py)."""
    return isolated_token_store


def redline_token(*args, env_extra=None):
    env = {**os.environ, **(env_extra or {})}
    out = subprocess.run([sys.executable, "-m", "native_host.cli", "token", *args],
                         env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip(), out.stderr


def test_file_fallback_when_no_keyring_backend(store_env, monkeypatch):
    env = {"PYTHON_KEYRING_BACKEND": NO_KEYRING}
    token, err = redline_token(env_extra=env)
    path = store_env / "token"
    assert len(token) >= 40 and path.read_text().strip() == token
    assert f"file {path}" in err
    if sys.platform != "win32":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(store_env.stat().st_mode) == 0o700
    assert redline_token(env_extra=env)[0] == token  # stable across runs

    rotated, _ = redline_token("--rotate", env_extra=env)
    assert rotated != token and path.read_text().strip() == rotated
    assert redline_token(env_extra=env)[0] == rotated


def test_forced_file_store_and_doctor_description(store_env, monkeypatch):
    monkeypatch.setenv("REDLINE_TOKEN_STORE", "file")
    assert token_store.stamp() is None
    token = token_store.get_token()
    first_stamp = token_store.stamp()
    assert first_stamp is not None
    assert token_store.get_token() == token and token_store.stamp() == first_stamp  # reading changes nothing
    assert str(store_env / "token") in token_store.backend_description()
    assert token_store.rotate_token() != token
    assert token_store.stamp() != first_stamp


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_loosened_token_file_is_made_private_again(store_env, monkeypatch):
    monkeypatch.setenv("REDLINE_TOKEN_STORE", "file")
    token = token_store.get_token()
    (store_env / "token").chmod(0o644)
    assert token_store.get_token() == token
    assert stat.S_IMODE((store_env / "token").stat().st_mode) == 0o600


def test_forcing_a_keyring_that_does_not_work_is_an_error(store_env):
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": NO_KEYRING, "REDLINE_TOKEN_STORE": "keyring"}
    out = subprocess.run([sys.executable, "-m", "native_host.cli", "token"], env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 1 and "keyring does not work" in out.stderr and "Traceback" not in out.stderr
    assert not (store_env / "token").exists()


@needs_keyring
def test_real_keyring_holds_the_token(store_env, monkeypatch):
    import keyring
    service = os.environ["REDLINE_KEYRING_SERVICE"]
    token, err = redline_token()
    assert "OS keyring" in err and service in err
    assert keyring.get_password(service, token_store.KEYRING_USER) == token
    assert not (store_env / "token").exists()  # no copy on disk
    assert "OS keyring" in token_store.backend_description()

    rotated, _ = redline_token("--rotate")
    assert rotated != token
    assert keyring.get_password(service, token_store.KEYRING_USER) == rotated
    assert redline_token()[0] == rotated


@needs_keyring
def test_a_file_token_is_adopted_once_a_keyring_appears(store_env, monkeypatch):
    import keyring
    monkeypatch.setenv("REDLINE_TOKEN_STORE", "file")
    token = token_store.get_token()
    monkeypatch.setenv("REDLINE_TOKEN_STORE", "auto")
    assert token_store.get_token() == token  # the extension stays paired
    assert keyring.get_password(os.environ["REDLINE_KEYRING_SERVICE"], token_store.KEYRING_USER) == token
    assert not (store_env / "token").exists()
