"""Secrets: the keyring only; no backend means a session-only store and a plain sentence;
a hung keyring is cut off in time; environment variables and files for scripting."""

from __future__ import annotations

import threading
import time

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from hirepartner.secrets import SecretStore, SecretUnavailable, env_name, read_secret_file


def test_keyring_round_trip(memory_keyring):
    store = SecretStore()
    assert store.set("target:dav", "s3cret") == "keyring"
    assert memory_keyring.store[("HirePartner", "target:dav")] == "s3cret"
    assert store.get("target:dav") == "s3cret"
    store.delete("target:dav")
    assert store.get("target:dav") is None


def test_no_backend_keeps_the_secret_for_this_session_only(tmp_path, monkeypatch):
    keyring.set_keyring(fail.Keyring())
    monkeypatch.chdir(tmp_path)
    store = SecretStore()
    assert not store.backend_available()
    assert "no system keyring" in store.describe()
    assert store.set("target:dav", "s3cret") == "session"
    assert store.get("target:dav") == "s3cret"
    assert SecretStore().get("target:dav") is None  # a new session asks again
    assert list(tmp_path.iterdir()) == []  # and nothing was written in plaintext


class HungKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()

    def get_password(self, service, username):
        self.release.wait(10)
        return

    def set_password(self, service, username, password):
        self.release.wait(10)

    def delete_password(self, service, username):
        self.release.wait(10)


def test_a_hung_keyring_is_cut_off_in_time():
    backend = HungKeyring()
    keyring.set_keyring(backend)
    store = SecretStore(timeout_s=0.3)
    started = time.monotonic()
    try:
        with pytest.raises(SecretUnavailable, match="did not answer within 0.3 s"):
            store.set("target:dav", "x")
        assert time.monotonic() - started < 2
    finally:
        backend.release.set()


def test_environment_and_file_for_scripting(tmp_path, monkeypatch):
    monkeypatch.setenv(env_name("recruiter mail"), "from-env")
    assert env_name("recruiter mail") == "HIREPARTNER_SECRET_RECRUITER_MAIL"
    assert SecretStore().get("target:recruiter mail", env_name("recruiter mail")) == "from-env"
    path = tmp_path / "pw"
    path.write_text("first line\nsecond\n", encoding="utf-8")
    assert read_secret_file(path) == "first line"
    path.write_text("", encoding="utf-8")
    with pytest.raises(Exception, match="is empty"):
        read_secret_file(path)
