"""The reader app's models: articles with their revisions and sections, and reading progress."""

from reader.models.articles import Article, Revision, Section, reading_minutes
from reader.models.progress import ReadingProgress

__all__ = ["Article", "ReadingProgress", "Revision", "Section", "reading_minutes"]
