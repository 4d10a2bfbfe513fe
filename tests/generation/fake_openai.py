"""A fake OpenAI-compatible provider: a real HTTP server on 127.0.0.1, scriptable per test.

Only the provider is fake; the generator under test talks to it over real sockets with httpx.
Other test modules may use it directly or through the `fake_openai` fixture
(tests/generation/conftest.py):

    with FakeOpenAI() as fake:
        fake.script(reply_cards([...]), error(500))   # consumed one per request
        options = GenerationOptions(generator="openai", base_url=fake.base_url, model="m")

Each scripted item is a `Reply`, or a callable taking the request's JSON body and returning
one (for servers whose answer depends on the request, e.g. rejecting json_schema). When the
script runs out, `fake.default` answers (set it with `fake.always(...)`; by default an HTTP
500, so an unexpected extra request shows up as a failure).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

PATH = "/v1/chat/completions"


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering (a hang, for timeout tests)
    content_type: str = "application/json"


Script = Reply | Callable[[dict[str, Any]], Reply]


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


def chat(content: str, *, refusal: str | None = None) -> Reply:
    """A normal chat completion whose assistant message is `content`."""
    message: dict[str, Any] = {"role": "assistant", "content": content}
    if refusal is not None:
        message = {"role": "assistant", "content": None, "refusal": refusal}
    body = {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "model": "fake",
        "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
    }
    return Reply(body=json.dumps(body))


def card(question: str, answer: str, evidence: str, kind: str = "basic") -> dict[str, str]:
    return {"kind": kind, "question": question, "answer": answer, "evidence": evidence}


def reply_cards(cards: Iterable[dict[str, str]], *, fenced: bool = False) -> Reply:
    """Cards as the schema asks for them; `fenced` wraps them in prose and a ``` block."""
    text = json.dumps({"cards": list(cards)})
    if fenced:
        text = f"Here are your flashcards:\n```json\n{text}\n```\nGood luck!"
    return chat(text)


def error(status: int, message: str = "error", headers: dict[str, str] | None = None) -> Reply:
    body = json.dumps({"error": {"message": message, "type": "fake_error"}})
    return Reply(status=status, body=body, headers=headers or {})


def html(status: int = 502) -> Reply:
    page = "<html><head><title>Bad Gateway</title></head><body><h1>502</h1></body></html>"
    return Reply(status=status, body=page, content_type="text/html")


def hang(seconds: float = 30.0) -> Reply:
    return Reply(delay=seconds, body=chat("{}").body)


def rejects_json_schema(then: Script) -> Callable[[dict[str, Any]], Reply]:
    """A server (some llama.cpp builds) that refuses `response_format: json_schema`."""

    def answer(body: dict[str, Any]) -> Reply:
        response_format = body.get("response_format") or {}
        if response_format.get("type") == "json_schema":
            return error(400, "Unsupported response_format type: json_schema")
        return then(body) if callable(then) else then

    return answer


class FakeOpenAI:
    def __init__(self) -> None:
        self.requests: list[Request] = []
        self.default: Script = error(500, "no scripted reply left")
        self._script: list[Script] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def script(self, *replies: Script) -> FakeOpenAI:
        with self._lock:
            self._script.extend(replies)
        return self

    def always(self, reply: Script) -> FakeOpenAI:
        """Answer every request (after any scripted ones) with `reply`."""
        self.default = reply
        return self

    def start(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # wake any handler that is "hanging"
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _next(self, body: dict[str, Any]) -> Reply:
        with self._lock:
            item = self._script.pop(0) if self._script else self.default
        return item(body) if callable(item) else item

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw or b"{}")
                except ValueError:
                    body = {}
                headers = {k.lower(): v for k, v in self.headers.items()}
                with fake._lock:
                    fake.requests.append(Request(self.path, headers, body))
                if self.path != PATH:
                    self._send(error(404, f"no route {self.path}"))
                    return
                reply = fake._next(body)
                if reply.delay and fake._stopping.wait(reply.delay):
                    return
                self._send(reply)

            def _send(self, reply: Reply) -> None:
                data = reply.body.encode()
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", reply.content_type)
                    self.send_header("Content-Length", str(len(data)))
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test): nothing to do

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass  # keep test output clean

        return Handler
