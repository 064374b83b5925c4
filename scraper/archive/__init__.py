"""The archive: extracted articles, their revisions, teasers and raw pages in one SQLite file.

``Archive.open(path)`` applies the schema migrations; ``Archive.file`` files
one article in one transaction. See docs/ARCHITECTURE.md for the schema.
"""

from .canonical import canonical_url, choose_canonical, same_site
from .filing import FileResult
from .stats import ArchiveStats, archive_stats
from .store import Archive, ArchiveError, Filing

__all__ = [
    "Archive",
    "ArchiveError",
    "ArchiveStats",
    "FileResult",
    "Filing",
    "archive_stats",
    "canonical_url",
    "choose_canonical",
    "same_site",
]
