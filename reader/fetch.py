"""Fetch what a reader names, safely (the server makes the request, so it must not become a
way into the server's own network).

- Only http and https; at most MAX_REDIRECTS redirects, each hop checked again from scratch.
- Every connection goes to an address that was checked first: the host name is resolved
  here, each address is checked (reader.netguard), and the socket connects to that checked
  address itself, so a DNS answer that changes between check and connect cannot slip
  through. TLS still verifies the certificate against the host name, and the Host header is
  the name the reader gave.
- Connect and read timeouts, and a deadline for the whole fetch (a server that trickles bytes
  is cut off); at most READMARK_MAX_IMPORT_BYTES read, compressed or not; only the content
  types an importer reads.
- No proxies from the environment, no cookies, no credentials.

READMARK_FETCH_ALLOW_PRIVATE=true lifts the address check, for tests (a local server) and
intranet deployments.
"""

from __future__ import annotations

import socket
import ssl
import time
import zlib
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpcore
from django.conf import settings

from reader.importers import ImportRefused
from reader.netguard import is_blocked, why_blocked

MAX_REDIRECTS = 5
CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 20.0
TOTAL_SECONDS = 45.0
ALLOWED_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "application/pdf": "pdf",
    "application/epub+zip": "epub",
}
USER_AGENT = "Readmark/1 (+self-hosted study reader; fetches one page a reader added)"


class FetchRefused(ImportRefused):
    """The address cannot or may not be fetched; the message says why, for the reader."""


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    content_type: str
    charset: str | None
    body: bytes


class GuardedBackend(httpcore.SyncBackend):
    """Resolves the host itself and connects only to an address that passed the check."""

    def __init__(self, *, allow_private: bool) -> None:
        self.allow_private = allow_private

    def connect_tcp(
        self, host, port, timeout=None, local_address=None, socket_options=None
    ) -> httpcore.NetworkStream:
        address = checked_address(host, port, allow_private=self.allow_private)
        return super().connect_tcp(address, port, timeout, local_address, socket_options)


def checked_address(host: str, port: int, *, allow_private: bool) -> str:
    """The first address of `host` that may be connected to; FetchRefused when none may."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise FetchRefused(
            f"The address {host} could not be found (DNS): check the web address."
        ) from None
    addresses = [str(info[4][0]) for info in infos]
    if allow_private:
        return addresses[0]
    blocked = [address for address in addresses if is_blocked(address)]
    if blocked:
        # Refused when *any* answer is blocked: a name that points inside the network at all
        # is not one to fetch, whichever of its addresses a retry would pick.
        raise FetchRefused(
            f"{host} points to {why_blocked(blocked[0])} ({blocked[0]}); Readmark does not "
            "fetch from private or internal networks. Save the page and add it as a file."
        )
    return addresses[0]


def check_url(url: str) -> str:
    """The URL, cleaned, when it is an http(s) address with a host; FetchRefused otherwise."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise FetchRefused(f"“{url[:200]}” is not a web address.") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchRefused(
            "Only http:// and https:// addresses can be added"
            + (f", not {parts.scheme}:." if parts.scheme else ": start the address with https://.")
        )
    if not parts.hostname:
        raise FetchRefused(f"“{url[:200]}” has no host name: check the web address.")
    if parts.username or parts.password:
        raise FetchRefused("Addresses with a user name or password cannot be added.")
    if port == 0:
        raise FetchRefused("Port 0 is not a port: check the web address.")
    return parts._replace(fragment="").geturl()


def _media_type(value: str) -> tuple[str, str | None]:
    media, _, rest = value.partition(";")
    charset = None
    for parameter in rest.split(";"):
        key, _, raw = parameter.partition("=")
        if key.strip().lower() == "charset":
            charset = raw.strip().strip("\"'") or None
    return media.strip().lower(), charset


def _read_body(response: httpcore.Response, *, limit: int, deadline: float, encoding: str):
    decoder = None
    if encoding in ("gzip", "x-gzip"):
        decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        decoder = zlib.decompressobj()
    elif encoding not in ("", "identity"):
        raise FetchRefused(f"The server sent the page compressed as {encoding!r}, unreadable.")
    too_big = FetchRefused(
        f"The document is larger than {limit // 1_048_576} MB, the limit: save the part you "
        "need and add it as a file or pasted text."
    )
    body = bytearray()
    for chunk in response.iter_stream():
        if time.monotonic() > deadline:
            raise FetchRefused(
                f"The server took longer than {TOTAL_SECONDS:.0f} seconds to send the page: "
                "try again later."
            )
        if decoder is not None:
            chunk = decoder.decompress(chunk, limit + 1 - len(body))
        body.extend(chunk)
        if len(body) > limit:
            raise too_big
    return bytes(body)


def fetch(url: str, *, allow_private: bool | None = None) -> Fetched:
    """GET `url`, following up to MAX_REDIRECTS redirects, within every limit above."""
    if allow_private is None:
        allow_private = settings.READMARK_FETCH_ALLOW_PRIVATE
    limit = settings.READMARK_MAX_IMPORT_BYTES
    deadline = time.monotonic() + TOTAL_SECONDS
    timeouts = {"connect": CONNECT_TIMEOUT, "read": READ_TIMEOUT, "write": READ_TIMEOUT,
                "pool": CONNECT_TIMEOUT}  # fmt: skip
    current = check_url(url)
    with httpcore.ConnectionPool(
        ssl_context=ssl.create_default_context(),
        network_backend=GuardedBackend(allow_private=allow_private),
        max_connections=1,
        retries=0,
    ) as pool:
        for _hop in range(MAX_REDIRECTS + 1):
            try:
                with pool.stream(
                    "GET",
                    current,
                    headers={
                        "Host": urlsplit(current).netloc.rsplit("@", 1)[-1],
                        "User-Agent": USER_AGENT,
                        "Accept": ", ".join(ALLOWED_TYPES) + ";q=0.9, */*;q=0.1",
                        "Accept-Encoding": "gzip, deflate",
                    },
                    extensions={"timeout": timeouts},
                ) as response:
                    headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                               for k, v in response.headers}  # fmt: skip
                    if response.status in (301, 302, 303, 307, 308):
                        location = headers.get("location", "")
                        if not location:
                            raise FetchRefused("The server redirected without saying where.")
                        current = check_url(urljoin(current, location))
                        continue
                    if response.status >= 400:
                        raise FetchRefused(
                            f"The server answered {response.status} for this address: check "
                            "it opens in your browser, or save the page and add it as a file."
                        )
                    if response.status != 200:
                        raise FetchRefused(f"The server answered {response.status}, not a page.")
                    media, charset = _media_type(headers.get("content-type", ""))
                    if media not in ALLOWED_TYPES:
                        raise FetchRefused(
                            f"The address gives {media or 'an unnamed type'}, not a web page, "
                            "plain text, PDF or EPUB: nothing to import."
                        )
                    declared = headers.get("content-length", "")
                    if declared.isdigit() and int(declared) > limit:
                        raise FetchRefused(
                            f"The document is {int(declared) / 1_048_576:.1f} MB; the limit "
                            f"is {limit // 1_048_576} MB."
                        )
                    body = _read_body(
                        response,
                        limit=limit,
                        deadline=deadline,
                        encoding=headers.get("content-encoding", "").strip().lower(),
                    )
                    return Fetched(url=current, content_type=media, charset=charset, body=body)
            except httpcore.TimeoutException:
                raise FetchRefused(
                    f"{urlsplit(current).hostname} did not answer in time: try again later."
                ) from None
            except (httpcore.NetworkError, httpcore.ProtocolError) as error:
                raise FetchRefused(
                    f"{urlsplit(current).hostname} could not be reached ({error or 'no answer'}):"
                    " check the address, or try again later."
                ) from None
            except zlib.error:
                raise FetchRefused("The server sent a damaged compressed page.") from None
    raise FetchRefused(f"The address redirected more than {MAX_REDIRECTS} times: not followed.")
