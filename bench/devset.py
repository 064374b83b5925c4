"""Run the extractor over ../shared/devset and score it with the set's own scorer.

    python bench/devset.py                 # all pages, scores printed
    python bench/devset.py --only fundus   # predict only these pages (the scorer counts the rest as empty)
    python bench/devset.py --out PRED.jsonl --score-args --by-source

Predictions are written in the scorer's format (id, headline, published,
authors, tags, body). Other scripts (bench/accuracy.py) reuse ``predict``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEVSET = Path(os.environ.get("SCRAPER_DEVSET", ROOT.parent / "shared" / "devset"))


def load_truth(only: str | None = None) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in (DEVSET / "truth.jsonl").open(encoding="utf-8")]
    return [r for r in rows if not only or only in r["id"]]


def page_bytes(page_id: str) -> bytes:
    return gzip.decompress((DEVSET / "pages" / f"{page_id}.html.gz").read_bytes())


def scraper_prediction(data: bytes, url: str) -> dict[str, Any]:
    from scraper import extract
    from scraper.errors import ScraperError

    try:
        article = extract(data, url)
    except ScraperError:
        return {"headline": None, "published": None, "authors": None, "tags": None, "body": None}
    return {
        "headline": article.headline,
        "published": article.published_at.isoformat() if article.published_at else None,
        "authors": list(article.authors),
        "tags": list(article.tags),
        "body": article.body_text,
    }


def predict(
    rows: list[dict[str, Any]], predictor: Callable[[bytes, str], dict[str, Any]]
) -> Iterator[dict[str, Any]]:
    for row in rows:
        prediction = predictor(page_bytes(row["id"]), row.get("url") or "https://example.invalid/")
        yield {"id": row["id"], **prediction}


def score(pred_path: Path, *extra: str) -> str:
    result = subprocess.run(
        [sys.executable, str(DEVSET / "score.py"), str(pred_path), *extra],
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", help="keep pages whose id contains this")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "pred-scraper.jsonl")
    parser.add_argument("--score-args", nargs=argparse.REMAINDER, default=[])
    args = parser.parse_args()
    rows = load_truth(args.only)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for record in predict(rows, scraper_prediction):
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(score(args.out, *args.score_args))


if __name__ == "__main__":
    main()
