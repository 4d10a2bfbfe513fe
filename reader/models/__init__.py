"""The reader app's models: articles with their revisions and sections, and reading progress."""

from reader.models.articles import Addition, Article, Revision, Section, reading_minutes
from reader.models.progress import ReadingProgress

__all__ = ["Addition", "Article", "ReadingProgress", "Revision", "Section", "reading_minutes"]
