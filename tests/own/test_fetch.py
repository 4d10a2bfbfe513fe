"""The fetcher against a local server: schemes, redirects (each hop checked again), the
address actually connected to, sizes, types and statuses."""

from __future__ import annotations

import gzip
import socket

import pytest

from reader import fetch as fetch_module
from reader.fetch import FetchRefused, check_url, fetch
from tests.own.pages import NEWS_PAGE, serving


@pytest.fixture
def server():
    with serving() as running:
        yield running


@pytest.fixture
def fake_dns(monkeypatch):
    """Names ending in .test resolve to the addresses a test gives; the rest as usual."""
    table: dict[str, list[str]] = {}
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host in table:
            return [
                (
                    socket.AF_INET6 if ":" in address else socket.AF_INET,
                    socket.SOCK_STREAM,
                    6,
                    "",
                    (address, port),
                )
                for address in table[host]
            ]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(fetch_module.socket, "getaddrinfo", getaddrinfo)
    return table


@pytest.fixture
def loopback_stands_for_public(monkeypatch):
    """127.0.0.1 plays a public web server (the only server a test may run); every other
    address is judged by the real rules."""
    real = fetch_module.is_blocked
    monkeypatch.setattr(
        fetch_module, "is_blocked", lambda address: address != "127.0.0.1" and real(address)
    )


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.org/a.txt",
        "javascript:alert(1)",
        "gopher://example.org/",
        "example.org/no-scheme",
        "http://",
        "https://user:secret@example.org/",
        "http://example.org:0/",
        "http://[::1",
    ],
)
def test_only_plain_http_and_https_addresses(url):
    with pytest.raises(FetchRefused):
        check_url(url)


def test_loopback_is_refused_before_any_request(server):
    url = server.add("/page", NEWS_PAGE)
    with pytest.raises(FetchRefused, match="loopback"):
        fetch(url, allow_private=False)
    assert server.requests == []


def test_localhost_by_name_and_ipv6_loopback_are_refused(server):
    for url in (server.url("/page", "localhost"), "http://[::1]:9/", "http://0.0.0.0:9/"):
        with pytest.raises(FetchRefused):
            fetch(url, allow_private=False)
    assert server.requests == []


def test_a_host_that_resolves_to_a_private_address_is_refused(fake_dns):
    fake_dns["intranet.test"] = ["10.1.2.3"]
    with pytest.raises(FetchRefused, match="private-network address"):
        fetch("http://intranet.test/", allow_private=False)


def test_a_host_with_any_private_answer_is_refused(fake_dns, loopback_stands_for_public):
    # A public address first and the metadata service second: a retry could pick either.
    fake_dns["mixed.test"] = ["127.0.0.1", "169.254.169.254"]
    with pytest.raises(FetchRefused, match="link-local"):
        fetch("http://mixed.test/", allow_private=False)


def test_a_host_resolving_to_an_ipv6_private_address_is_refused(fake_dns):
    fake_dns["six.test"] = ["fd00::5"]
    with pytest.raises(FetchRefused, match="private"):
        fetch("http://six.test/", allow_private=False)


def test_the_checked_address_is_the_one_connected_to(server, fake_dns, loopback_stands_for_public):
    server.add("/page", NEWS_PAGE)
    fake_dns["news.test"] = ["127.0.0.1"]
    fetched = fetch(server.url("/page", "news.test"), allow_private=False)
    assert b"Why the tide turns" in fetched.body
    # The request went to the checked address with the name the reader gave as its Host.
    assert server.requests == [("/page", f"news.test:{server.port}")]


def test_a_redirect_to_a_private_address_is_refused(server, fake_dns, loopback_stands_for_public):
    fake_dns["news.test"] = ["127.0.0.1"]
    server.add("/go", status=302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})
    with pytest.raises(FetchRefused, match="link-local"):
        fetch(server.url("/go", "news.test"), allow_private=False)
    assert [path for path, _ in server.requests] == ["/go"]


def test_a_redirect_to_a_name_that_resolves_privately_is_refused(
    server, fake_dns, loopback_stands_for_public
):
    fake_dns["news.test"] = ["127.0.0.1"]
    fake_dns["admin.test"] = ["192.168.0.1"]
    server.add("/go", status=301, headers={"Location": "http://admin.test/panel"})
    with pytest.raises(FetchRefused, match="private-network"):
        fetch(server.url("/go", "news.test"), allow_private=False)


def test_a_redirect_to_another_scheme_is_refused(server):
    url = server.add("/go", status=302, headers={"Location": "file:///etc/passwd"})
    with pytest.raises(FetchRefused, match="http"):
        fetch(url, allow_private=True)


def test_up_to_five_redirects_are_followed_and_a_sixth_is_not(server):
    for n in range(6):
        server.add(f"/r{n}", status=302, headers={"Location": f"/r{n + 1}"})
    server.add("/r6", NEWS_PAGE)
    assert fetch(server.url("/r1"), allow_private=True).url == server.url("/r6")
    with pytest.raises(FetchRefused, match="more than 5"):
        fetch(server.url("/r0"), allow_private=True)


def test_documents_over_the_limit_are_refused_declared_or_not(server, settings):
    settings.READMARK_MAX_IMPORT_BYTES = 1024
    big = "<p>" + "x" * 4000 + "</p>"
    with pytest.raises(FetchRefused, match="limit"):
        fetch(server.add("/declared", big), allow_private=True)
    # A server that does not say how long the body is (or lies) is cut off while reading.
    undeclared = server.add("/undeclared", big, headers={"Connection": "close"})
    with pytest.raises(FetchRefused, match="larger than"):
        fetch(undeclared, allow_private=True)


def test_a_compressed_bomb_is_cut_off_at_the_limit(server, settings):
    settings.READMARK_MAX_IMPORT_BYTES = 64 * 1024
    bomb = gzip.compress(b"<p>" + b"a" * 20_000_000 + b"</p>")
    url = server.add("/bomb", bomb, headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchRefused, match="larger than"):
        fetch(url, allow_private=True)


def test_a_compressed_page_is_read(server):
    url = server.add("/gz", gzip.compress(NEWS_PAGE.encode()), headers={"Content-Encoding": "gzip"})
    assert b"Why the tide turns" in fetch(url, allow_private=True).body


@pytest.mark.parametrize(
    ("content_type", "allowed"),
    [
        ("text/html; charset=utf-8", True),
        ("application/xhtml+xml", True),
        ("text/plain", True),
        ("application/pdf", True),
        ("application/epub+zip", True),
        ("image/png", False),
        ("application/octet-stream", False),
        ("application/javascript", False),
        ("", False),
    ],
)
def test_only_readable_content_types(server, content_type, allowed):
    url = server.add("/doc", b"%PDF-1.4", headers={"Content-Type": content_type})
    if allowed:
        assert fetch(url, allow_private=True).content_type == content_type.split(";")[0]
    else:
        with pytest.raises(FetchRefused, match="nothing to import"):
            fetch(url, allow_private=True)


def test_error_statuses_are_explained(server):
    with pytest.raises(FetchRefused, match="answered 404"):
        fetch(server.url("/missing"), allow_private=True)


def test_an_unreachable_port_is_explained():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchRefused, match="could not be reached"):
        fetch(f"http://127.0.0.1:{port}/", allow_private=True)


def test_the_setting_allows_private_addresses(server, settings):
    settings.READMARK_FETCH_ALLOW_PRIVATE = True
    assert b"tide" in fetch(server.add("/page", NEWS_PAGE)).body
    settings.READMARK_FETCH_ALLOW_PRIVATE = False
    with pytest.raises(FetchRefused):
        fetch(server.url("/page"))


def test_a_redirect_to_another_host_connects_anew_with_that_hosts_name(server):
    server.add("/page", NEWS_PAGE)
    url = server.add("/go", status=302, headers={"Location": server.url("/page", "localhost")})
    fetched = fetch(url, allow_private=True)
    assert fetched.url == server.url("/page", "localhost")
    assert server.requests == [
        ("/go", f"127.0.0.1:{server.port}"),
        ("/page", f"localhost:{server.port}"),
    ]
