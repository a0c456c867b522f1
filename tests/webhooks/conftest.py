"""A real HTTP receiver on 127.0.0.1 for the webhook tests, and endpoints pointing at it."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from courses.webhooks.services import webhook_endpoint_create


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    """Answers each POST with the next status of ``statuses`` (200 once they run out) and
    keeps every request."""

    url: str = ""
    statuses: list[int] = field(default_factory=list)
    requests: list[Received] = field(default_factory=list)

    def ids(self) -> list[str]:
        return [request.headers["webhook-id"] for request in self.requests]


def serve(receiver: Receiver) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            receiver.requests.append(
                Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
            )
            status = receiver.statuses.pop(0) if receiver.statuses else 200
            self.send_response(status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):  # quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hooks"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def receiver():
    receiver = Receiver()
    server = serve(receiver)
    yield receiver
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def _local_receivers_allowed(settings):
    """As in development: http://127.0.0.1 endpoints (the SSRF tests turn it off)."""
    settings.WEBHOOKS_ALLOW_PRIVATE_URLS = True


ALL_EVENTS = ["enrolment.created", "course.completed", "certificate.issued", "certificate.revoked"]


@pytest.fixture
def endpoint_for(receiver):
    def make(organisation, events=None, url=None):
        return webhook_endpoint_create(
            organisation=organisation,
            url=url or receiver.url,
            events=events or ALL_EVENTS,
            by=None,
        )

    return make
