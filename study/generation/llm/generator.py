"""The `openai` generator: ask, validate with the gate, re-ask once, top up offline.

Flow for one section:
1. Ask with `response_format` json_schema; on an HTTP 400 about response_format, or output we
   cannot parse, ask again with json_object, then with no response_format at all.
2. Gate every card (evidence must be a verbatim quote of the section, or the card is dropped).
3. If fewer than `min_cards` survive, re-ask once with the rejected cards and the reasons.
4. Top up from the offline generator so the section still gets its share of cards.
Provider failures raise GenerationError with a message meant for the person asking.
"""

from __future__ import annotations

from study.generation import gate, novelty, ranking
from study.generation.llm import prompt
from study.generation.llm.client import ChatClient, Deadline, FormatRejected
from study.generation.llm.parse import parse_cards
from study.generation.local import LocalGenerator
from study.generation.types import Card, CardDraft, GenerationError, GenerationOptions


class OpenAIGenerator:
    id = "openai"
    version = f"prompt-{prompt.PROMPT_VERSION}"

    def generate(self, section_text: str, options: GenerationOptions) -> list[Card]:
        deadline = Deadline.after(options.total_timeout)
        client = ChatClient(options, deadline)
        count = ranking.target_count(
            len(section_text.split()), options.min_cards, options.max_cards
        )
        messages = prompt.messages(section_text, count)
        drafts, reply, mode = self._first_answer(client, messages)
        result = gate.check(section_text, drafts, titles=options.titles)
        kept = novelty.unseen(result.kept, options.shown)[:count]
        if len(kept) < min(options.min_cards, count) and result.rejected:
            kept += novelty.unseen(
                self._reask(
                    client, section_text, messages, reply, mode, result.rejected, count, kept
                ),
                options.shown,
            )
        if len(kept) < count:
            kept += self._top_up(section_text, kept, count - len(kept), options)
        kept.sort(key=lambda c: (c.evidence.start, c.evidence.end, c.question))
        return kept

    def _first_answer(
        self, client: ChatClient, messages: list[dict[str, str]]
    ) -> tuple[list[CardDraft], str, str]:
        """Drafts, the raw reply, and the response format that worked."""
        for mode, response_format in prompt.RESPONSE_FORMATS.items():
            try:
                reply = client.complete(messages, response_format)
            except FormatRejected:
                continue
            drafts = parse_cards(reply, self._origin(client))
            if drafts is not None:
                return drafts, reply, mode
        raise GenerationError(
            "The AI provider's reply could not be read as flashcards. Try again, or use a "
            "different model."
        )

    def _reask(
        self,
        client: ChatClient,
        section_text: str,
        messages: list[dict[str, str]],
        reply: str,
        mode: str,
        rejected: list[gate.Rejection],
        count: int,
        kept: list[Card],
    ) -> list[Card]:
        conversation = [
            *messages,
            {"role": "assistant", "content": reply},
            prompt.reask(rejected, count - len(kept)),
        ]
        try:
            answer = client.complete(conversation, prompt.RESPONSE_FORMATS[mode])
        except (GenerationError, FormatRejected):
            return []  # we already have an answer; the offline top-up covers the rest
        drafts = parse_cards(answer, self._origin(client)) or []
        return gate.check(section_text, drafts, existing=kept).kept[: count - len(kept)]

    def _top_up(
        self, section_text: str, kept: list[Card], missing: int, options: GenerationOptions
    ) -> list[Card]:
        local = LocalGenerator()
        drafts = local.candidates(section_text)
        extra = gate.check(section_text, drafts, existing=kept, titles=options.titles).kept
        return ranking.select(novelty.unseen(extra, options.shown), missing)

    @staticmethod
    def _origin(client: ChatClient) -> str:
        return f"openai:{client.options.model}"
