"""`scrape extract` prints the record; errors are one line and a non-zero exit."""

import json
from pathlib import Path

from click.testing import CliRunner

from scraper.cli import main

PAGE = (
    "<html lang='en'><head><title>Dam opens | River Post</title>"
    "<meta property='og:site_name' content='River Post'>"
    "<meta property='article:published_time' content='2025-03-04T09:30:00+01:00'></head>"
    "<body><article><h1>Dam opens</h1><p>"
    + "The new dam on the river opened to traffic on Tuesday after four years of work. " * 3
    + "</p></article></body></html>"
)


def test_extract_prints_the_record_as_json(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(path), "--url", "https://river.example/dam"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["headline"] == "Dam opens"
    assert record["published_at"] == "2025-03-04T09:30:00+01:00"
    assert "four years of work" in record["body_text"]


def test_extract_reads_stdin_and_prints_one_line_with_jsonl() -> None:
    result = CliRunner().invoke(
        main, ["extract", "-", "--url", "https://river.example/dam", "--jsonl"], input=PAGE
    )
    assert result.exit_code == 0, result.output
    assert len(result.output.strip().splitlines()) == 1
    assert json.loads(result.output)["headline"] == "Dam opens"


def test_missing_file_is_a_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["extract", str(tmp_path / "nope.html"), "--url", "https://x.example/"]
    )
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_not_html_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = CliRunner().invoke(main, ["extract", str(path), "--url", "https://x.example/"])
    assert result.exit_code == 1
    assert result.output.strip().startswith("Error:")
    assert len(result.output.strip().splitlines()) == 1


def test_every_command_has_help() -> None:
    for name, command in main.commands.items():
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0, name
        first_line = (command.help or "").split("\n")[0]
        assert first_line, f"{name} has no help text"
        assert " ".join(first_line.split()) in " ".join(result.output.split())
