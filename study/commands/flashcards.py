"""`readmark flashcards SLUG [--section ID] [--json]`: an article's card sets, made if needed.

Cached sets are printed as they are; missing ones are generated here and now, with the
configured generator, outside any reader's cooldown (the command line is the operator's).
"""

from __future__ import annotations

import argparse
import json
import sys

from readmark.commands import CommandError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "flashcards", help="Print an article's flashcards, generating missing sets."
    )
    parser.add_argument("slug")
    parser.add_argument("--section", metavar="ID", help="Only this section (its anchor id).")
    parser.add_argument("--json", action="store_true", help="Print JSON.")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from django.http import Http404

    from reader.access import article_for_operator
    from reader.selectors import section_list
    from study.generation import GenerationError
    from study.models import EvidenceState
    from study.services import cardset_generate_now

    try:
        article = article_for_operator(args.slug)
    except Http404:
        raise CommandError(f"no article with the slug {args.slug!r}.") from None
    sections = section_list(article=article)
    if args.section:
        sections = [s for s in sections if s.anchor == args.section]
        if not sections:
            raise CommandError(f"{args.slug!r} has no section {args.section!r}.")
    result = []
    for section in sections:
        try:
            cardset = cardset_generate_now(article=article, section=section)
        except GenerationError as error:
            if args.section:
                raise CommandError(f"{section.anchor}: {error.user_message}") from None
            print(f"readmark: {section.anchor}: {error.user_message}", file=sys.stderr)
            cards = []
        else:
            cards = list(cardset.cards.filter(state=EvidenceState.ANCHORED).order_by("position"))
        result.append(
            {
                "section": {"id": section.anchor, "title": section.heading},
                "cards": [
                    {
                        "question": card.question,
                        "answer": card.answer,
                        "kind": card.kind,
                        "evidence": {"exact": card.quote, "start": card.start, "end": card.end},
                    }
                    for card in cards
                ],
            }
        )
    if args.json:
        json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        _print_text(result)
    return 0


def _print_text(result: list[dict]) -> None:
    for item in result:
        print(f"## {item['section']['title']} ({len(item['cards'])} cards)")
        for number, card in enumerate(item["cards"], 1):
            print(f"{number}. [{card['kind']}] {card['question']}")
            print(f"   → {card['answer']}")
            print(f"   “{card['evidence']['exact']}”")
        print()
