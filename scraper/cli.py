"""The ``scrape`` command line: thin commands over the library."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from .errors import ScraperError
from .extract import extract as extract_article
from .profiles import load_profiles, profile_for_url


@click.group()
@click.version_option(package_name="scraper")
def main() -> None:
    """Scrape news portals into a searchable SQLite archive."""


@main.command("extract")
@click.argument("path", type=click.Path(allow_dash=True, dir_okay=False, path_type=Path))
@click.option(
    "--url", required=True, help="The page's URL: resolves links and picks the site profile."
)
@click.option("--jsonl", is_flag=True, help="Print the record as one JSON line.")
@click.option(
    "--sites",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of site profiles (default: the bundled ones).",
)
@click.option(
    "--content-type", default=None, help="The HTTP Content-Type header, if known (for its charset)."
)
def extract_command(
    path: Path, url: str, jsonl: bool, sites: Path | None, content_type: str | None
) -> None:
    """Extract the article in the HTML file PATH ('-' for stdin) and print it as JSON.

    Nothing is fetched and nothing is written: this shows what the extractor
    makes of a saved page.
    """
    try:
        data = sys.stdin.buffer.read() if str(path) == "-" else path.read_bytes()
    except OSError as exc:
        raise click.ClickException(f"cannot read {path}: {exc.strerror or exc}") from exc
    try:
        profile = profile_for_url(url, load_profiles(sites))
        article = extract_article(
            data, url, profile=profile, fetched_at=datetime.now(UTC), content_type=content_type
        )
    except ScraperError as exc:
        raise click.ClickException(str(exc)) from exc
    record = article.to_dict()
    # Indented for a person at a terminal, one line for --jsonl and pipes.
    indent = 2 if not jsonl and sys.stdout.isatty() else None
    click.echo(json.dumps(record, ensure_ascii=False, indent=indent))
