"""Subcommands of the `readmark` console script that belong to no app (serving, users, backups)."""


class CommandError(Exception):
    """A failure the user can fix; printed as one line on stderr, exit status 1."""
