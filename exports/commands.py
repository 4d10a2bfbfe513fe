"""`readmark export` and `readmark import-annotations`: the web exports from the shell."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from readmark.commands import CommandError

FORMATS = {"pdf": "pdf", "md": "md", "jsonld": "jsonld", "apkg": "apkg"}
DEFAULT_BASE_URL = "http://localhost:8000"


def register(subparsers: argparse._SubParsersAction) -> None:
    export = subparsers.add_parser(
        "export", help="Write a reader's notes or flashcards for an article to a file."
    )
    export.add_argument("slug")
    export.add_argument("--user", required=True, help="Whose notes (a username).")
    export.add_argument("--format", required=True, choices=sorted(FORMATS), dest="fmt")
    export.add_argument(
        "-o", "--output", type=Path, help="File to write (default SLUG.FORMAT; - for stdout)."
    )
    export.add_argument(
        "--base-url",
        default=DEFAULT_BASE_URL,
        help="Where this Readmark is served; JSON-LD ids and links use it "
        f"(default {DEFAULT_BASE_URL}).",
    )
    export.set_defaults(handler=run_export)

    importer = subparsers.add_parser(
        "import-annotations",
        help="Import W3C Web Annotations (JSON-LD, e.g. a Readmark or Hypothesis export).",
    )
    importer.add_argument("path", type=Path)
    importer.add_argument("--user", required=True, help="Whose annotations they become.")
    importer.add_argument(
        "--article", help="Slug of the article to import into (default: the one each names)."
    )
    importer.set_defaults(handler=run_import)


def _user(username: str):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"no user {username!r}. Create one with: readmark createuser NAME")
    return user


def _article(slug: str):
    from reader.models import Article

    article = Article.objects.exclude(current_revision=None).filter(slug=slug).first()
    if article is None:
        raise CommandError(f"no article {slug!r}. Import one with: readmark import PATH")
    return article


def render(fmt: str, *, user, article, base_url: str) -> bytes:
    from exports.jsonld import render_jsonld
    from exports.markdown import render_markdown_export
    from exports.pdf import render_pdf
    from exports.selectors import export_document

    url = f"{base_url.rstrip('/')}{article.get_absolute_url()}"
    document = export_document(
        owner=user, article=article, article_url=url, with_flashcards=fmt != "jsonld"
    )
    if fmt == "pdf":
        return render_pdf(document)
    if fmt == "md":
        return render_markdown_export(document).encode()
    if fmt == "jsonld":
        return json.dumps(render_jsonld(document), ensure_ascii=False, indent=2).encode()
    from exports.anki import render_apkg

    return render_apkg([document])


def run_export(args: argparse.Namespace) -> int:
    user, article = _user(args.user), _article(args.slug)
    data = render(args.fmt, user=user, article=article, base_url=args.base_url)
    output = args.output or Path(f"{article.slug}.{FORMATS[args.fmt]}")
    if str(output) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    try:
        output.write_bytes(data)
    except OSError as error:
        raise CommandError(f"{output}: cannot be written ({error.strerror}).") from None
    print(output)
    return 0


def run_import(args: argparse.Namespace) -> int:
    from exports.services import ImportRefused, annotations_import
    from reader.commands.importing import read_file

    user = _user(args.user)
    article = _article(args.article) if args.article else None
    data = read_file(args.path)
    try:
        report = annotations_import(owner=user, data=data, article=article)
    except ImportRefused as refused:
        raise CommandError(f"{args.path}: {refused}") from None
    print(report.summary())
    for line in report.details(limit=50):
        print(line, file=sys.stderr)
    return 0
