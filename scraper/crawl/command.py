"""``scrape crawl``: the lock, the options, the report and the exit code around ``run_crawl``.

Exit codes (docs/CRAWL.md): 0 ok (also when another crawl holds the lock),
1 more than the failure threshold of pages failed, 2 bad configuration.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import sys
from pathlib import Path

import click

from ..archive import Archive
from ..errors import ScraperError
from ..models import SiteProfile
from ..profiles import load_profiles
from .engine import CrawlOptions, CrawlResult, run_crawl
from .lock import CrawlLock, LockHeldError
from .policy import EXIT_BAD_CONFIG, EXIT_OK
from .report import Reporter, log_to_file, summary_line

__all__ = ["DEMO_PORT", "crawl_command"]

#: Where ``--demo`` serves the demo portal.
DEMO_PORT = 8631


def _fail_config(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(EXIT_BAD_CONFIG)


def _select(profiles: list[SiteProfile], names: tuple[str, ...]) -> list[SiteProfile]:
    """The profiles named with --site (all when none is), each with something to start from."""
    if names:
        known = {p.name: p for p in profiles}
        missing = [n for n in names if n not in known]
        if missing:
            _fail_config(
                f"no site profile named {', '.join(missing)} "
                f"(known: {', '.join(sorted(known)) or 'none'})"
            )
        profiles = [known[n] for n in names]
    crawlable = [p for p in profiles if p.start_urls or p.sections or p.sitemaps or p.feeds]
    if not crawlable:
        _fail_config(
            "no site profile to crawl: a profile needs start_urls, sections, sitemaps or feeds"
        )
    return crawlable


@click.command("crawl")
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("archive.db"),
    show_default=True,
    help="The archive's SQLite file (created if missing).",
)
@click.option(
    "--sites",
    "sites_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of site profiles (default: the bundled ones).",
)
@click.option("--site", "site_names", multiple=True, help="Crawl only this profile (repeatable).")
@click.option(
    "--max-pages", type=click.IntRange(min=1), default=None, help="Stop after N requests."
)
@click.option(
    "--max-time",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    help="Stop after SECONDS; pages in flight are left due for the next run.",
)
@click.option("--wait", is_flag=True, help="Wait for a running crawl to finish instead of exiting.")
@click.option(
    "--log",
    "log_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Log file (default: the archive's path + .log).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=0),
    default=None,
    help="Extraction processes (default: one per core; 0: extract in the crawl's process).",
)
@click.option(
    "--demo",
    is_flag=True,
    help="Crawl the bundled demo portal, served on 127.0.0.1, with no internet.",
)
def crawl_command(
    db_path: Path,
    sites_dir: Path | None,
    site_names: tuple[str, ...],
    max_pages: int | None,
    max_time: float | None,
    wait: bool,
    log_path: Path | None,
    workers: int | None,
    demo: bool,
) -> None:
    """Discover, fetch, extract and file new and updated articles of the profiled sites.

    Made for cron: a run that finds another one still going exits at once
    with code 0 (or waits, with --wait); a run killed half way loses nothing
    it committed, and the next one carries on. Exit codes: 0 ok, 1 more than
    10 % of the pages failed, 2 bad configuration.
    """
    options = CrawlOptions(max_pages=max_pages, max_time=max_time, workers=workers)
    if not demo:
        try:
            profiles = load_profiles(sites_dir)
        except ScraperError as exc:
            _fail_config(str(exc))
        profiles = _select(profiles, site_names)
    try:
        lock = CrawlLock(db_path, wait=wait)
        lock.acquire()
    except LockHeldError as exc:
        click.echo(f"crawl: skipped, {exc}")
        sys.exit(EXIT_OK)
    except OSError as exc:
        _fail_config(f"cannot create the lock file beside {db_path}: {exc.strerror or exc}")
    package_logger = logging.getLogger("scraper")
    level = package_logger.level
    handler = log_to_file(log_path or db_path.with_name(db_path.name + ".log"))
    try:
        try:
            archive = Archive.open(db_path)
        except ScraperError as exc:
            _fail_config(str(exc))
        with archive:
            result = _crawl_demo(archive, options) if demo else _run(archive, profiles, options)
    finally:
        package_logger.removeHandler(handler)
        package_logger.setLevel(level)
        handler.close()
        lock.release()
    if demo:
        # Name the commands as this shell can run them (e.g. .venv/bin/scrape from the README).
        scrape = _runnable("scrape")
        datasette = _runnable("datasette")
        click.echo(f"\nThe demo portal is archived in {db_path}. Browse it with:")
        click.echo(f"  {scrape} serve --db {db_path}      (then open http://127.0.0.1:8001/)")
        click.echo(f"  {datasette} {db_path}")
    sys.exit(result.exit_code)


def _runnable(command: str) -> str:
    """``command`` if it is on PATH, else its path beside this interpreter (a venv's bin/)."""
    if shutil.which(command):
        return command
    beside = Path(sys.executable).with_name(command)
    return str(beside) if beside.exists() else command


def _run(archive: Archive, profiles: list[SiteProfile], options: CrawlOptions) -> CrawlResult:
    reporter = Reporter()
    try:
        result = asyncio.run(run_crawl(archive, profiles, options=options, reporter=reporter))
    finally:
        reporter.finish()
    line = summary_line(result.counts, result.queued, result.elapsed, result.exit_code)
    if result.stopped:
        line += f" (stopped by --{result.stopped})"
    logging.getLogger("scraper.crawl").info("%s", line)
    click.echo(line)
    return result


def _crawl_demo(archive: Archive, options: CrawlOptions) -> CrawlResult:
    """Serve the demo portal on 127.0.0.1 and crawl it; each run shows the next story revision."""
    from ..crawl.frontier import Frontier
    from ..demo import DemoPortal

    runs = Frontier(archive.db).runs()
    try:
        # A fixed port: the archived URLs must stay the same from one run to the next.
        portal = DemoPortal(port=DEMO_PORT, revision=runs, slow_seconds=1.0)
    except ScraperError as exc:
        _fail_config(str(exc))
    except OSError as exc:
        _fail_config(f"cannot serve the demo portal on 127.0.0.1:{DEMO_PORT}: {exc.strerror}")
    with portal:
        click.echo(f"demo portal serving at {portal.base_url}/ (run {runs + 1})")
        return _run(archive, [portal.profile()], options)
