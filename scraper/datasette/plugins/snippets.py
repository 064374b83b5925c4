"""Datasette plugin shipped with the archive metadata: highlights search matches in snippets.

The ``search`` canned query wraps each match in U+E000 … U+E001 (private-use
characters no article text carries) rather than in HTML tags, because the
snippet is article text: it is escaped first and only then are the markers
turned into ``<mark>``, so a ``<script>`` in an article stays text.
"""

from __future__ import annotations

from datasette import hookimpl
from markupsafe import Markup, escape

MATCH_START = "\ue000"
MATCH_END = "\ue001"


@hookimpl
def render_cell(value: object, column: str) -> Markup | None:
    """Render a ``snippet`` cell with its matches highlighted; leave every other cell alone."""
    if column != "snippet" or not isinstance(value, str) or MATCH_START not in value:
        return None
    html = str(escape(value)).replace(MATCH_START, "<mark>").replace(MATCH_END, "</mark>")
    return Markup(f'<span class="snippet">{html}</span>')
