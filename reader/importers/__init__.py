"""Turn an uploaded file, pasted text or a fetched page into an article: title, metadata and
sections of safe HTML + text.

Importers are pure (no database): the service in reader.services stores what they return in
one transaction, so a refused file changes nothing.
"""

from reader.importers.base import ImportRefused, ParsedArticle, ParsedSection
from reader.importers.detect import parse_pasted, parse_upload

__all__ = ["ImportRefused", "ParsedArticle", "ParsedSection", "parse_pasted", "parse_upload"]
