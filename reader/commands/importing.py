from __future__ import annotations

import argparse
from pathlib import Path

from readmark.commands import CommandError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import", help="Import an article (Markdown, HTML or text); prints its slug."
    )
    parser.add_argument("path", type=Path)
    parser.add_argument("--slug", help="Slug to use; an existing slug gets a new revision.")
    parser.add_argument("--title", help="Title to use instead of the file's own.")
    parser.add_argument("--format", choices=["markdown", "html", "text"], dest="fmt")
    parser.set_defaults(handler=run)


def read_file(path: Path) -> bytes:
    if not path.exists():
        raise CommandError(f"{path}: no such file.")
    if not path.is_file():
        raise CommandError(f"{path}: not a regular file.")
    try:
        return path.read_bytes()
    except OSError as error:
        raise CommandError(f"{path}: cannot be read ({error.strerror}).") from None


def run(args: argparse.Namespace) -> int:
    from reader.importers import ImportRefused
    from reader.services import article_import

    data = read_file(args.path)
    try:
        result = article_import(
            data=data, name=args.path.name, slug=args.slug, title=args.title, fmt=args.fmt
        )
    except ImportRefused as refused:
        raise CommandError(f"{args.path}: {refused}") from None
    print(result.article.slug)
    return 0
