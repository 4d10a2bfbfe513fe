from __future__ import annotations

import argparse
import sys
from pathlib import Path

from readmark.commands import CommandError


def register(subparsers: argparse._SubParsersAction) -> None:
    backup = subparsers.add_parser(
        "backup", help="Copy the database to PATH while the site keeps running (SQLite)."
    )
    backup.add_argument("path", type=Path)
    backup.set_defaults(handler=run_backup)
    restore = subparsers.add_parser(
        "restore", help="Replace the database's contents with a backup made by `readmark backup`."
    )
    restore.add_argument("path", type=Path)
    restore.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")
    restore.set_defaults(handler=run_restore)


def _database() -> tuple[bool, Path]:
    """Whether the site's database is SQLite, and its NAME."""
    from django.db import connections

    connection = connections["default"]
    return connection.vendor == "sqlite", Path(connection.settings_dict["NAME"])


def run_backup(args: argparse.Namespace) -> int:
    from readmark.backup import BackupError, postgres_instructions, sqlite_backup

    is_sqlite, name = _database()
    if not is_sqlite:
        raise CommandError(postgres_instructions(target=args.path))
    try:
        result = sqlite_backup(database=name, target=args.path)
    except BackupError as error:
        raise CommandError(str(error)) from None
    print(f"backed up {name} to {result.path} ({result.size} bytes, integrity ok)")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from django.conf import settings
    from django.core.management import call_command

    from readmark.backup import BackupError, postgres_instructions, sqlite_restore

    is_sqlite, name = _database()
    if not is_sqlite:
        raise CommandError(postgres_instructions(target=args.path))
    if not args.yes:
        if not sys.stdin.isatty():
            raise CommandError("restore replaces every account and note; confirm with --yes.")
        answer = input(f"Replace everything in {name} with {args.path}? [y/N] ")
        if answer.strip().lower() not in {"y", "yes"}:
            print("Nothing restored.")
            return 1
    try:
        safety = sqlite_restore(
            database=name, source=args.path, safety_dir=settings.DATA_DIR / "backups"
        )
    except BackupError as error:
        raise CommandError(str(error)) from None
    # A backup from an older release gets this release's schema.
    call_command("migrate", interactive=False, verbosity=0)
    print(f"restored {args.path} into {name}; the previous contents are saved at {safety}")
    return 0
