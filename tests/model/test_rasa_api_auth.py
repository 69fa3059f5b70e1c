"""The Rasa server the bot starts answers only a caller with its token (issue 15, attack 7): without it nobody on
the machine reads users' conversations, replaces the model or talks to the dialogue as a user."""

from __future__ import annotations

import socket

import httpx
import pytest

pytestmark = pytest.mark.rasa


@pytest.fixture(scope="module")
def token(rasa_token):
    if not rasa_token:
        pytest.skip("RASA_URL points at a server started without a token")
    return rasa_token


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/conversations/someone/tracker", None),
        ("PUT", "/model", {"model_file": "/tmp/another.tar.gz"}),
        ("POST", "/model/parse", {"text": "hello"}),
        ("POST", "/webhooks/turn/webhook", {"sender": "someone", "message": "hello"}),
        ("PUT", "/conversations/someone/tracker/events", []),
        ("GET", "/status", None),
    ],
)
def test_without_the_token_every_endpoint_the_bot_could_use_is_refused(rasa_url, token, method, path, body):
    for params in ({}, {"token": "wrong"}, {"token": token[:-1]}):
        response = httpx.request(method, rasa_url + path, json=body, params=params, timeout=30)
        assert response.status_code == 401, (params, response.text[:200])


def test_with_the_token_the_calls_the_bot_makes_are_answered(rasa_url, token):
    with httpx.Client(base_url=rasa_url, params={"token": token}, timeout=30) as rasa:
        model = rasa.get("/status").json()["model_file"]
        assert rasa.post("/model/parse", json={"text": "网贷要我先交解冻费"}).json()["intent"]["name"]
        turn = rasa.post("/webhooks/turn/webhook", json={"sender": "auth-test", "message": "网贷要我先交解冻费"})
        assert turn.status_code == 200 and turn.json()["replies"]
        assert rasa.put("/conversations/auth-test/tracker/events", json=[]).status_code == 200
        # The refused model change above left the model as it was.
        assert rasa.get("/status").json()["model_file"] == model


def test_the_server_listens_on_loopback_only(rasa_url):
    assert rasa_url.startswith("http://127.0.0.1:")
    port = int(rasa_url.rsplit(":", 1)[1])
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # no packet is sent: only picks the outward interface's address
        except OSError:
            pytest.skip("this machine has no network interface besides loopback")
        address = probe.getsockname()[0]
    if address.startswith("127."):
        pytest.skip("this machine has no network interface besides loopback")
    with pytest.raises(OSError):
        socket.create_connection((address, port), timeout=2).close()
