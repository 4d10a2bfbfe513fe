"""The offline generator: sentences, keyphrases, templates, ranking, the gate.

No network, no model download, deterministic (the same text always gives the same cards), and
fast enough to run inside a web request (a median of a few milliseconds per section).
"""

from __future__ import annotations

from study.generation import context as section_context
from study.generation import gate, ranking
from study.generation.templates import drafts_for
from study.generation.types import Card, CardDraft, GenerationOptions

MAX_SECTION_CHARS = 200_000  # beyond this a "section" is a whole book: cut, don't stall


class LocalGenerator:
    id = "local"
    version = "1"

    def candidates(self, section_text: str) -> list[CardDraft]:
        """All drafts, ranked best first, before the gate (the benchmark measures these)."""
        text = section_text[:MAX_SECTION_CHARS]
        context = section_context.build(text)
        drafts: list[CardDraft] = []
        for sentence in context.sentences:
            drafts += drafts_for(context, sentence)
        return ranking.score(context, drafts)

    def generate(self, section_text: str, options: GenerationOptions) -> list[Card]:
        drafts = self.candidates(section_text)
        kept = gate.check(section_text, drafts).kept
        words = len(section_text.split())
        count = ranking.target_count(words, options.min_cards, options.max_cards)
        return ranking.select(kept, count)
