from __future__ import annotations

import argparse
from pathlib import Path

CONTENT_DIR = Path(__file__).resolve().parent.parent.parent / "content"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "setup", help="Migrate the database and load the bundled articles (safe to repeat)."
    )
    parser.add_argument("--content", type=Path, default=CONTENT_DIR)
    parser.set_defaults(handler=run)


def load_content(directory: Path) -> list[tuple[str, bool]]:
    from reader.services import article_import

    loaded = []
    for path in sorted(directory.glob("*.md")):
        if path.name.lower() == "readme.md":
            continue
        result = article_import(data=path.read_bytes(), name=path.name)
        loaded.append((result.article.slug, result.changed))
    return loaded


def run(args: argparse.Namespace) -> int:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    for slug, changed in load_content(args.content):
        print(f"{'loaded' if changed else 'unchanged'}: {slug}")
    return 0
