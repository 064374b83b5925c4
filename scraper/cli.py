"""The ``scrape`` command line: thin commands over the library."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from .archive import Archive, archive_stats
from .errors import FetchError, ScraperError
from .extract import extract as extract_article
from .fetch import fetch
from .ingest import extract_page, ingest_page, reextract_archive
from .models import SiteProfile
from .profiles import load_profiles, profile_for_url


@click.group()
@click.version_option(package_name="scraper")
@click.option("-v", "--verbose", is_flag=True, help="Log every request and decision to stderr.")
def main(verbose: bool) -> None:
    """Scrape news portals into a searchable SQLite archive."""
    logger = logging.getLogger("scraper")
    if verbose:
        handler: logging.Handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.setLevel(logging.INFO)
    else:
        # Errors reach the user once, as the command's own one-line message; without a
        # handler Python's last resort would print each warning too.
        handler = logging.NullHandler()
    if not any(type(h) is type(handler) for h in logger.handlers):
        logger.addHandler(handler)


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


_DB_OPTION = click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("archive.db"),
    show_default=True,
    help="The archive's SQLite file.",
)


def _open_archive(path: Path) -> Archive:
    try:
        return Archive.open(path)
    except ScraperError as exc:
        raise click.ClickException(str(exc)) from exc


@main.command("url")
@click.argument("url")
@_DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the extracted record as JSON.")
@click.option("--no-archive", is_flag=True, help="Fetch and extract only; write nothing.")
def url_command(url: str, db_path: Path, as_json: bool, no_archive: bool) -> None:
    """Fetch URL, extract its article and file it into the archive.

    Prints a short summary (headline, date, tags, teasers, and whether the
    archive found it new, unchanged or revised), or the record with --json.
    A failed fetch is a one-line error and exit code 1; nothing is filed.
    """
    profiles = _profiles()
    started = datetime.now(UTC)
    archive = None if no_archive else _open_archive(db_path)
    try:
        try:
            page = fetch(url)
        except FetchError as exc:
            if archive is not None:
                archive.record_fetch(
                    url, error=str(exc), started_at=started, status=getattr(exc, "status", None)
                )
            raise click.ClickException(str(exc)) from exc
        try:
            if archive is None:
                article, _ = extract_page(page, profiles)
                outcome = None
            else:
                archive.record_fetch(
                    url,
                    status=page.status,
                    started_at=started,
                    elapsed_ms=page.elapsed_ms,
                    size=len(page.content),
                )
                article, result = ingest_page(archive, page, profiles)
                outcome = result
        except ScraperError as exc:
            raise click.ClickException(f"{page.final_url}: {exc}") from exc
    finally:
        if archive is not None:
            archive.close()
    if as_json:
        record = article.to_dict()
        if outcome is not None:
            record["archive"] = {
                "article_id": outcome.article_id,
                "outcome": outcome.outcome,
                "changed_fields": list(outcome.changed_fields),
            }
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
        return
    click.echo(article.headline or "(no headline)")
    published = article.published_at.isoformat() if article.published_at else "unknown"
    click.echo(f"  published: {published}")
    click.echo(f"  tags: {', '.join(article.tags) or '-'}")
    click.echo(f"  teasers: {len(article.teasers)}")
    click.echo(f"  words: {len(article.body_text.split())}")
    if outcome is not None:
        detail = f" ({', '.join(outcome.changed_fields)})" if outcome.outcome == "revised" else ""
        click.echo(f"  archive: {outcome.outcome}{detail} (article {outcome.article_id})")


@main.command("reextract")
@_DB_OPTION
def reextract_command(db_path: Path) -> None:
    """Re-run extraction over the raw pages stored in the archive (no network).

    Each article's latest page is extracted again with its site's profile;
    a result that differs from the archived record becomes a revision.
    """
    if not db_path.exists():
        raise click.ClickException(f"{db_path}: no such archive")
    with _open_archive(db_path) as archive:
        try:
            counts = reextract_archive(archive, _profiles())
        except ScraperError as exc:
            raise click.ClickException(str(exc)) from exc
    total = sum(counts.values())
    click.echo(
        f"re-extracted {total} pages: {counts['revised']} revised, "
        f"{counts['unchanged']} unchanged, {counts['merged']} merged, {counts['failed']} failed"
    )


@main.command("stats")
@_DB_OPTION
def stats_command(db_path: Path) -> None:
    """Show what the archive holds: articles per site and per day, the last fetch, errors."""
    if not db_path.exists():
        raise click.ClickException(f"{db_path}: no such archive")
    with _open_archive(db_path) as archive:
        stats = archive_stats(archive.db)
    click.echo(
        f"{stats.articles} articles, {stats.revisions} revisions, {stats.pages} raw pages, "
        f"{stats.clusters} near-duplicate clusters"
    )
    click.echo("per site:")
    for site, count, last_seen in stats.per_site:
        click.echo(f"  {site:<30} {count:>8}  last seen {last_seen}")
    click.echo("filed per day (UTC):")
    for day, count in stats.per_day:
        click.echo(f"  {day}  {count:>8}")
    click.echo(f"last fetch: {stats.last_fetch or 'never'}")
    click.echo(f"fetches: {stats.fetches}, errors: {stats.fetch_errors}")
    for error, count in stats.top_errors:
        click.echo(f"  {count:>6}  {error}")


@main.command("serve")
@_DB_OPTION
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8001,
    show_default=True,
    help="Port to serve on.",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--open", "open_browser", is_flag=True, help="Open the archive in a web browser.")
def serve_command(db_path: Path, port: int, host: str, open_browser: bool) -> None:
    """Browse the archive in datasette: facets, full-text search, revisions.

    Nothing is written: datasette opens the file read only. Safe to run while
    a crawl writes; new articles show up on reload.
    """
    from .serve import serve

    try:
        code = serve(db_path, host=host, port=port, open_browser=open_browser)
    except ScraperError as exc:
        raise click.ClickException(str(exc)) from exc
    sys.exit(code)


def _profiles() -> list[SiteProfile]:
    try:
        return load_profiles()
    except ScraperError as exc:
        raise click.ClickException(str(exc)) from exc


@main.command("sites")
@click.option(
    "--sites",
    "folder",
    type=click.Path(path_type=Path),
    default=None,
    help="Folder of site profiles (default: the bundled ones).",
)
def sites_command(folder: Path | None) -> None:
    """List and validate the site profiles: name, domains and where the crawl starts.

    A profile that does not validate prints its one-line error (file and key)
    and the command exits with code 2, as ``scrape crawl`` does on bad
    configuration.
    """
    try:
        profiles = load_profiles(folder)
    except ScraperError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    for profile in profiles:
        click.echo(
            f"{profile.name:<24} {', '.join(profile.domains):<32} "
            f"start {len(profile.start_urls)}  sections {len(profile.sections)}  "
            f"sitemaps {len(profile.sitemaps)}  feeds {len(profile.feeds)}"
        )
        for url in (*profile.sitemaps, *profile.feeds):
            click.echo(f"    {url}")
    where = folder if folder is not None else "bundled"
    click.echo(f"{len(profiles)} profiles valid ({where})")


# `scrape crawl` lives with the crawl engine (scraper/crawl/command.py).
from .crawl.command import crawl_command  # noqa: E402

main.add_command(crawl_command)
