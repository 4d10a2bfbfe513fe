"""One chat-completion call with explicit timeouts, one retry and human error messages.

Why not the OpenAI SDK: it defaults to a 600 s timeout and 2 retries (research/flashcards.md
§4), adds a large dependency, and we need the raw status codes to fall back between
response formats. httpx gives us all of that directly.
"""

from __future__ import annotations

import email.utils
import json
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx

from study.generation.types import GenerationError, GenerationOptions

RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
MAX_BODY_BYTES = 2_000_000  # a chat reply with a few cards is a few kilobytes
WRITE_TIMEOUT = 10.0


class FormatRejected(Exception):
    """The server refused our `response_format` (HTTP 400 that mentions it)."""


@dataclass(frozen=True, slots=True)
class Deadline:
    """The overall time budget for one `generate` call, shared by every request in it."""

    at: float

    @classmethod
    def after(cls, seconds: float) -> Deadline:
        return cls(time.monotonic() + seconds)

    def left(self) -> float:
        return self.at - time.monotonic()


class ChatClient:
    def __init__(self, options: GenerationOptions, deadline: Deadline) -> None:
        if not options.base_url or not options.model:
            raise GenerationError(
                "The AI flashcard generator is not configured: it needs a provider URL and a "
                "model name (READMARK_LLM_BASE_URL and READMARK_LLM_MODEL)."
            )
        self.options = options
        self.deadline = deadline
        self.url = options.base_url.rstrip("/") + "/chat/completions"
        self.host = urlsplit(options.base_url).netloc or options.base_url

    def complete(self, messages: list[dict[str, str]], response_format: Any) -> str:
        """The assistant's message text. Raises GenerationError or FormatRejected."""
        body: dict[str, Any] = {
            "model": self.options.model,
            "messages": messages,
            "temperature": self.options.temperature,
        }
        if response_format is not None:
            body["response_format"] = response_format
        response = self._post_with_retry(body)
        return self._content(response)

    def _post_with_retry(self, body: dict[str, Any]) -> tuple[int, bytes, httpx.Headers]:
        for attempt in (1, 2):
            try:
                status, raw, headers = self._post(body)
            except (httpx.ConnectError, httpx.ConnectTimeout) as error:
                if attempt == 1 and self._pause(1.0):
                    continue
                raise GenerationError(
                    f"Could not reach the AI provider at {self.host}. Is it running, and is the "
                    "address right?",
                    detail=type(error).__name__,
                ) from error
            retry = status in RETRY_STATUSES and attempt == 1
            if retry and self._pause(_retry_after(headers, self.options.max_retry_after)):
                continue
            return status, raw, headers
        raise AssertionError("unreachable")  # pragma: no cover

    def _pause(self, seconds: float) -> bool:
        """Sleep before a retry if the deadline leaves room for the wait and a request."""
        if self.deadline.left() - seconds < self.options.connect_timeout:
            return False
        time.sleep(max(0.0, seconds))
        return True

    def _post(self, body: dict[str, Any]) -> tuple[int, bytes, httpx.Headers]:
        left = self.deadline.left()
        if left <= 0:
            raise self._timeout()
        timeout = httpx.Timeout(
            connect=min(self.options.connect_timeout, left),
            read=min(self.options.read_timeout, left),
            write=min(WRITE_TIMEOUT, left),
            pool=min(self.options.connect_timeout, left),
        )
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.options.api_key:
            headers["Authorization"] = f"Bearer {self.options.api_key}"
        try:
            with (
                httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False) as client,
                client.stream("POST", self.url, json=body, headers=headers) as response,
            ):
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    # httpx's read timeout is per chunk; a server trickling bytes must still
                    # finish before the overall deadline.
                    if self.deadline.left() <= 0:
                        raise self._timeout()
                    if size > MAX_BODY_BYTES:
                        raise GenerationError(
                            "The AI provider sent an unexpectedly large reply; giving up."
                        )
                    chunks.append(chunk)
                return response.status_code, b"".join(chunks), response.headers
        except (httpx.ReadTimeout, httpx.WriteTimeout, httpx.PoolTimeout) as error:
            raise self._timeout() from error
        except (httpx.ConnectError, httpx.ConnectTimeout):
            raise
        except httpx.HTTPError as error:
            raise GenerationError(
                f"The connection to the AI provider at {self.host} failed.",
                detail=type(error).__name__,
            ) from error

    def _timeout(self) -> GenerationError:
        seconds = min(self.options.total_timeout, self.options.read_timeout)
        return GenerationError(
            f"The AI provider at {self.host} did not answer in time (about {seconds:g} s). "
            "Try again later, or use the offline generator."
        )

    def _content(self, response: tuple[int, bytes, httpx.Headers]) -> str:
        status, raw, _ = response
        text = raw.decode("utf-8", errors="replace")
        if status == 400 and _mentions_format(text):
            raise FormatRejected(text[:300])
        if status in (401, 403):
            raise GenerationError(
                f"The AI provider refused the API key (HTTP {status}). Check READMARK_LLM_API_KEY."
            )
        if status == 404:
            raise GenerationError(
                "The AI provider does not know this model or address (HTTP 404). Check "
                "READMARK_LLM_BASE_URL and READMARK_LLM_MODEL."
            )
        if status == 429:
            raise GenerationError(
                "The AI provider is rate-limiting requests (HTTP 429). Try again in a minute."
            )
        if status >= 500:
            raise GenerationError(
                f"The AI provider had an internal error (HTTP {status}). Try again later."
            )
        if status >= 400:
            raise GenerationError(
                f"The AI provider rejected the request (HTTP {status}): {_error_text(text)}"
            )
        try:
            data = json.loads(text)
        except ValueError:
            return text  # not an API envelope: let the tolerant parser look at it
        return _message_text(data, text)


def _message_text(data: Any, raw: str) -> str:
    if not isinstance(data, dict):
        return raw
    choices = data.get("choices")
    if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
        if "error" in data:
            raise GenerationError(
                f"The AI provider returned an error: {_error_text(json.dumps(data))}"
            )
        return raw
    message = choices[0].get("message") or {}
    refusal = message.get("refusal") if isinstance(message, dict) else None
    if refusal:
        raise GenerationError(f"The AI model declined to write flashcards: {str(refusal)[:200]}")
    content = message.get("content") if isinstance(message, dict) else None
    return content if isinstance(content, str) else ""


def _mentions_format(text: str) -> bool:
    lower = text.lower()
    return any(
        word in lower for word in ("response_format", "json_schema", "json schema", "json_object")
    )


def _error_text(text: str) -> str:
    """A short, safe summary of the provider's own error message."""
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if isinstance(data, dict):
        error = data.get("error")
        if isinstance(error, dict) and isinstance(error.get("message"), str):
            text = error["message"]
        elif isinstance(error, str):
            text = error
    text = " ".join(text.split())
    if text.lstrip().startswith("<"):
        return "an HTML error page"
    return text[:200] or "no details"


def _retry_after(headers: httpx.Headers, cap: float) -> float:
    """Seconds to wait: the server's Retry-After (seconds or an HTTP date), capped."""
    value = headers.get("retry-after", "").strip()
    seconds = 1.0
    if value:
        try:
            seconds = float(value)
        except ValueError:
            try:
                seconds = email.utils.parsedate_to_datetime(value).timestamp() - time.time()
            except (TypeError, ValueError, IndexError):
                seconds = 1.0
    return max(0.0, min(seconds, cap))
