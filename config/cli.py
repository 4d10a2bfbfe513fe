"""The `readmark` console script. Each subcommand lives in its own module under
readmark/commands (or in its app) and registers itself via `register(subparsers)`."""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from readmark.commands import CommandError

COMMAND_MODULES = [
    "readmark.commands.serve",
    "reader.commands.setup",
    "reader.commands.importing",
    "readmark.commands.users",
    "readmark.commands.backup",
    "exports.commands",
    "study.commands.flashcards",
    "study.commands.worker",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="readmark", description="Readmark study reader.")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if getattr(args, "needs_django", True):
            setup_django()
        return args.handler(args) or 0
    except CommandError as error:
        print(f"readmark: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
