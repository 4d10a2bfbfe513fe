from __future__ import annotations

import argparse
from pathlib import Path

from readmark.commands import CommandError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import",
        help="Import an article from a file (Markdown, HTML, text, EPUB, PDF, Word) or a web "
        "address; prints its slug.",
    )
    parser.add_argument("path", help="A file, or an http(s):// address to fetch.")
    parser.add_argument("--slug", help="Slug to use; an existing slug gets a new revision.")
    parser.add_argument("--title", help="Title to use instead of the source's own.")
    parser.add_argument(
        "--format", choices=["markdown", "html", "text", "epub", "pdf", "docx"], dest="fmt"
    )
    parser.add_argument(
        "--user",
        metavar="NAME",
        help="Add it as this reader's private article (their limits apply); without it the "
        "article joins the shared library.",
    )
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


def _user(name: str):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=name).first()
    if user is None:
        raise CommandError(f"no user {name!r}. Create one with: readmark createuser NAME")
    return user


def _is_address(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def run(args: argparse.Namespace) -> int:
    from reader.importers import ImportRefused
    from reader.limits import LimitReached
    from reader.services import article_add, article_import

    owner = _user(args.user) if args.user else None
    try:
        if owner is not None and not args.slug and not args.fmt:
            # A reader's own article, exactly as "Add article" in the browser makes it.
            if _is_address(args.path):
                result = article_add(owner=owner, url=args.path, title=args.title or "")
            else:
                path = Path(args.path)
                result = article_add(
                    owner=owner, data=read_file(path), name=path.name, title=args.title or ""
                )
        elif _is_address(args.path):
            result = _import_address(args, owner)
        else:
            path = Path(args.path)
            result = article_import(
                data=read_file(path), name=path.name, slug=args.slug, title=args.title,
                fmt=args.fmt, owner=owner,
            )  # fmt: skip
    except (ImportRefused, LimitReached) as refused:
        raise CommandError(f"{args.path}: {refused}") from None
    print(result.article.slug)
    return 0


def _import_address(args: argparse.Namespace, owner):
    """A web address into the shared library (or at a chosen slug)."""
    from reader.fetch import fetch
    from reader.importers.web import parse_fetched
    from reader.services import store_parsed

    fetched = fetch(args.path)
    parsed = parse_fetched(
        fetched.body, content_type=fetched.content_type, charset=fetched.charset, url=fetched.url
    )
    if args.title:
        parsed.title = args.title.strip()
    parsed.source = parsed.source or args.path
    return store_parsed(parsed=parsed, slug=args.slug, owner=owner)
