"""Absolute links, all on one address: ``settings.PUBLIC_BASE_URL``.

Every link that leaves a page — in e-mails, calendar files and the private feed's
address, the certificate's QR code and the verify URL printed on the PDF, the sitemap,
the API — is built here, never from the request's host (a worker has no request, and a
proxy may pass another host) nor from Wagtail's Site record (``Site.root_url`` knows only
http on a port, or https on 443, so it cannot say ``https://academy.example.org:8443``).

One site is assumed: a page's path is its path on the public address.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings


def public_base_url() -> str:
    """scheme://host[:port] of the platform, without a trailing slash."""
    return settings.PUBLIC_BASE_URL.rstrip("/")


def absolute_url(path: str) -> str:
    """``path`` (``/fr/learn/…``, or an address whose host we replace) on the public address."""
    if not path:
        return public_base_url() + "/"
    parts = urlsplit(path)
    if parts.scheme or parts.netloc:
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        if parts.fragment:
            path += "#" + parts.fragment
    if not path.startswith("/"):
        path = "/" + path
    return public_base_url() + path


def page_absolute_url(page, request=None) -> str:
    """A Wagtail page's public address, or "" when it is not routable (not under the site).
    With the ``request``, Wagtail reads the site root paths it keeps on it."""
    if page is None:
        return ""
    parts = page.get_url_parts(request)
    if parts is None:
        return ""
    return absolute_url(parts[2])


def webcal_url(path: str) -> str:
    """``path`` as a ``webcal://`` address: calendar apps subscribe to it on a click
    (Apple Calendar, Outlook, Thunderbird), where an ``https://`` link would download a
    file once."""
    url = absolute_url(path)
    return "webcal://" + url.split("://", 1)[1]
