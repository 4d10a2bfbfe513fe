"""A local HTTP server for fetch tests: each test registers the answers it needs."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class Answer:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


class PageServer:
    def __init__(self) -> None:
        self.answers: dict[str, Answer] = {}
        self.requests: list[tuple[str, str]] = []  # (path, Host header)
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                server.requests.append((self.path, self.headers.get("Host", "")))
                answer = server.answers.get(self.path, Answer(404, b"not here"))
                self.send_response(answer.status)
                headers = {"Content-Type": "text/html; charset=utf-8", **answer.headers}
                for name, value in headers.items():
                    self.send_header(name, value)
                # "Connection: close" answers without a length: read until the server closes.
                if "Content-Length" not in headers and headers.get("Connection") != "close":
                    self.send_header("Content-Length", str(len(answer.body)))
                self.end_headers()
                self.wfile.write(answer.body)
                if headers.get("Connection") == "close":
                    self.close_connection = True

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def add(self, path: str, body: bytes | str = b"", **options) -> str:
        self.answers[path] = Answer(
            body=body.encode() if isinstance(body, str) else body, **options
        )
        return self.url(path)


@contextmanager
def serving() -> Iterator[PageServer]:
    server = PageServer()
    thread = threading.Thread(target=server.httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()
        thread.join(5)


NEWS_PAGE = """<!doctype html><html><head><title>Tides | Coast Weekly</title></head><body>
<header><nav><a href="/">Home</a> <a href="/news">News desk</a> <a href="/sport">Sport pages</a>
</nav></header>
<div class="cookie-banner" id="cookies">We use cookies to improve your visit. Accept all
cookies or manage your cookie preferences.</div>
<main><article><h1>Why the tide turns twice a day</h1>
<p>The moon pulls on the oceans, and the water facing it heaps up into a bulge. A second bulge
forms on the far side of the planet, where the pull is weakest. Isaac Newton first explained
the tides with his law of gravitation in 1687. The moon is about 384,000 kilometres from the
Earth, close enough for its pull to differ across the planet. Tides also move the solid
ground, which rises and falls by some tens of centimetres each day.</p>
<h2>Two bulges</h2>
<p>Because the Earth turns beneath both bulges every day, most coasts see two high tides about
twelve hours and twenty-five minutes apart.</p>
<ul><li>Spring tides come at new and full moon.</li><li>Neap tides come at the quarter
moons.</li></ul>
<h2>The sun's share</h2>
<blockquote>The sun adds a little under half of the moon's tidal pull.</blockquote>
<p>When sun and moon line up their pulls add together, and the tidal range is largest.</p>
</article>
<div class="share">Share this story on social media</div>
<section class="comments" id="comments"><h2>Reader comments</h2>
<div class="comment"><p>Brilliant piece, my grandfather the sailor would have loved it.</p></div>
</section></main>
<footer>Copyright Coast Weekly. Privacy policy. Terms of use.</footer>
</body></html>"""
