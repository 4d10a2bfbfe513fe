"""The offline generator: sentences, keyphrases, templates, ranking, the gate.

No network, no model download, deterministic (the same text always gives the same cards), and
fast enough to run inside a web request.
"""

from __future__ import annotations

from study.generation import context as section_context
from study.generation import gate, novelty, ranking
from study.generation.templates import drafts_for
from study.generation.types import Card, CardDraft, GenerationOptions

MAX_SECTION_CHARS = 200_000  # beyond this a "section" is a whole book: cut, don't stall


class LocalGenerator:
    id = "local"
    version = "2"

    def candidates(self, section_text: str) -> list[CardDraft]:
        """All drafts, ranked best first, before the gate (the benchmark measures these)."""
        text = section_text[:MAX_SECTION_CHARS]
        context = section_context.build(text)
        drafts: list[CardDraft] = []
        for sentence in context.sentences:
            drafts += drafts_for(context, sentence)
        return ranking.score(context, drafts)

    def kept(self, section_text: str, options: GenerationOptions | None = None) -> list[Card]:
        """Every card that passes the gate, best first, less those the reader was shown."""
        options = options or GenerationOptions()
        drafts = self.candidates(section_text)
        kept = gate.check(section_text, drafts, titles=options.titles).kept
        return novelty.unseen(kept, options.shown)

    def ranked(self, section_text: str, options: GenerationOptions | None = None) -> list[Card]:
        """The set `generate` returns, best first."""
        options = options or GenerationOptions()
        words = len(section_text.split())
        count = ranking.target_count(words, options.min_cards, options.max_cards)
        return ranking.select(self.kept(section_text, options), count)

    def generate(self, section_text: str, options: GenerationOptions | None = None) -> list[Card]:
        return ranking.reading_order(self.ranked(section_text, options))
