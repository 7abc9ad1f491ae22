"""Shared by the host tests: no test may read or replace the user's own pairing token."""

import os
import uuid

import pytest


def forget_keyring_token(service: str) -> None:
    """Remove a test's token from the keyring, if a keyring holds one (a desktop run)."""
    try:
        import keyring

        from native_host.token_store import KEYRING_USER
        if keyring.get_password(service, KEYRING_USER) is not None:
            keyring.delete_password(service, KEYRING_USER)
    except Exception:
        pass  # no keyring here: the token lived in the test's temporary config dir


@pytest.fixture(autouse=True)
def isolated_token_store(tmp_path, monkeypatch):
    """A config dir and keyring service name of the test's own (inherited by subprocesses)."""
    service = f"redline-test-{uuid.uuid4().hex[:8]}"
    monkeypatch.setenv("REDLINE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("REDLINE_KEYRING_SERVICE", service)
    monkeypatch.delenv("REDLINE_ALLOWED_ORIGINS", raising=False)
    yield tmp_path / "config"
    forget_keyring_token(service)


@pytest.fixture(scope="module")
def module_token_env(tmp_path_factory):
    """os.environ with a token store of its own, for a subprocess shared by a module's tests."""
    env = {**os.environ, "REDLINE_CONFIG_DIR": str(tmp_path_factory.mktemp("config")),
           "REDLINE_KEYRING_SERVICE": f"redline-test-{uuid.uuid4().hex[:8]}"}
    yield env
    forget_keyring_token(env["REDLINE_KEYRING_SERVICE"])


@pytest.fixture(scope="session")
def thorough_checker():
    """The shipped model's checker showing every edit it finds (Thorough), loaded once for
    the rule families' tests that run sentences through the real model (test_confusables,
    test_phrases, test_grammar, test_compounds, test_sound_alike, test_false_alarms). The
    shipped calibration was fitted before many of these rules existed, so at Balanced it
    may hide ones it scores low ("there spec file")."""
    from native_host.checker import Checker
    from tests.host.model_fixture import model_dir

    return Checker(model_dir(), sensitivity="thorough")
