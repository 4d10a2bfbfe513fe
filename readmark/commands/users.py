from __future__ import annotations

import argparse
import getpass
import os

from readmark.commands import CommandError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("createuser", help="Create a user account.")
    parser.add_argument("username")
    parser.add_argument("--staff", action="store_true", help="May import articles and use admin.")
    parser.add_argument("--superuser", action="store_true")
    parser.add_argument(
        "--password-env",
        metavar="VAR",
        help="Read the password from this environment variable instead of prompting.",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    user_model = get_user_model()
    if user_model.objects.filter(username=args.username).exists():
        raise CommandError(f"user {args.username!r} already exists.")
    if args.password_env:
        password = os.environ.get(args.password_env, "")
    else:
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("the passwords do not match.")
    candidate = user_model(username=args.username)
    try:
        validate_password(password, candidate)
    except ValidationError as error:
        raise CommandError(" ".join(error.messages)) from None
    user = user_model.objects.create_user(args.username, password=password)
    user.is_staff = args.staff or args.superuser
    user.is_superuser = args.superuser
    user.save()
    print(user.username)
    return 0
