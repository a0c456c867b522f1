"""The one HTTP request of a delivery, with the standard library's ``http.client``.

Why not ``requests``/``httpx``: we need exactly one POST that never follows a redirect
(``http.client`` has no redirect logic at all) and that connects to the address we checked,
not to whatever the name resolves to a moment later (DNS rebinding). So the name is
resolved once here, every address is checked against private, loopback and link-local
networks (unless ``WEBHOOKS_ALLOW_PRIVATE_URLS``), and the socket is opened to that
address while TLS still verifies the certificate for the host name.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

from courses.webhooks.conf import allow_private_urls

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


class UnsafeAddress(Exception):
    """The endpoint's address is not one we send to (its message says why)."""


def url_problem(url: str) -> str:
    """Why ``url`` cannot be an endpoint, or "" (scheme and host only; no DNS)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if not host:
        return _("Give a full address, starting with https://.")
    if parts.username or parts.password:
        return _("The address must not contain a user name or password.")
    if parts.scheme == "https":
        return ""
    if parts.scheme == "http" and host in LOCAL_HOSTS and allow_private_urls():
        return ""
    return _("The address must start with https:// (plain http is only for localhost).")


def _public(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    return ip.is_global and not ip.is_multicast


def resolve(host: str, port: int) -> str:
    """The address to connect to: the first the name resolves to, all of them checked."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise UnsafeAddress(f"cannot resolve {host}: {error}") from error
    addresses = [info[4][0] for info in found]
    if not allow_private_urls():
        refused = [address for address in addresses if not _public(address)]
        if refused:
            raise UnsafeAddress(f"{host} resolves to a private address ({refused[0]})")
    return addresses[0]


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host, address, **kwargs):
        super().__init__(host, **kwargs)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host, address, **kwargs):
        super().__init__(host, context=ssl.create_default_context(), **kwargs)
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


@dataclass(frozen=True)
class Answer:
    status: int | None
    error: str = ""


def post(url: str, *, body: bytes, headers: dict[str, str], timeout: float) -> Answer:
    """POST ``body``; the status, or the error that stopped it (never raises for the
    network: a refused address, a timeout or a reset is an answer to record)."""
    problem = url_problem(url)
    if problem:
        return Answer(None, problem)
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        address = resolve(parts.hostname, port)
    except UnsafeAddress as refused:
        return Answer(None, str(refused))
    connection_class = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
    connection = connection_class(parts.hostname, address, port=port, timeout=timeout)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request(
            "POST",
            path,
            body=body,
            headers={
                **headers,
                "Content-Type": "application/json",
                "User-Agent": "GSEF-Academy-Webhooks/1",
            },
        )
        response = connection.getresponse()
        response.read(4096)  # a little of the body, then hang up
        return Answer(response.status)
    except (OSError, http.client.HTTPException) as error:  # timeouts are OSErrors
        return Answer(None, f"{type(error).__name__}: {error}"[:300])
    finally:
        connection.close()
