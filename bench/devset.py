"""Run the extractor over ../shared/devset and score it with the set's own scorer.

    python bench/devset.py                 # all pages, scores printed
    python bench/devset.py --only fundus   # only these pages (the scorer counts the rest as empty)
    python bench/devset.py --out PRED.jsonl --score-args --by-source
    python bench/devset.py --tool trafilatura --out bench/out/pred-trafilatura.jsonl

Predictions are written in the scorer's format (id, headline, published,
authors, tags, body). A page on which a tool raises is written as an empty
prediction and its id printed: for our extractor that is a bug to fix, for a
peer a failure the peer is charged for. bench/accuracy.py and bench/speed.py
reuse ``load_truth``, ``page_bytes``, the predictors and ``safe_predict``.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import logging
import os
import subprocess
import sys
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEVSET = Path(os.environ.get("SCRAPER_DEVSET", ROOT.parent / "shared" / "devset"))
NO_URL = "https://example.invalid/"

Prediction = dict[str, Any]
Predictor = Callable[[bytes, str], Prediction]


def empty_prediction() -> Prediction:
    """What the scorer reads as "extracted nothing"."""
    return {"headline": None, "published": None, "authors": None, "tags": None, "body": None}


def load_truth(only: str | None = None) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in (DEVSET / "truth.jsonl").open(encoding="utf-8")]
    return [r for r in rows if not only or only in r["id"]]


def page_bytes(page_id: str) -> bytes:
    return gzip.decompress((DEVSET / "pages" / f"{page_id}.html.gz").read_bytes())


def page_url(row: dict[str, Any]) -> str:
    """The URL every tool is given for a devset page (two pages have none)."""
    return str(row.get("url") or NO_URL)


def load_scorer() -> ModuleType:
    """The devset's score.py as a module, so fixtures are scored with the same metrics."""
    spec = importlib.util.spec_from_file_location("devset_score", DEVSET / "score.py")
    if spec is None or spec.loader is None:
        raise FileNotFoundError(DEVSET / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def scraper_prediction(data: bytes, url: str) -> Prediction:
    from scraper import extract
    from scraper.errors import ScraperError

    try:
        article = extract(data, url)
    except ScraperError:
        return empty_prediction()
    return {
        "headline": article.headline,
        "published": article.published_at.isoformat() if article.published_at else None,
        "authors": list(article.authors),
        "tags": list(article.tags),
        "body": article.body_text,
    }


def trafilatura_prediction(data: bytes, url: str) -> Prediction:
    """trafilatura 2.3.1 mapped as in the devset README (author split on ';')."""
    from trafilatura import bare_extraction

    doc = bare_extraction(data, url=url, with_metadata=True, include_comments=False)
    if doc is None:
        return empty_prediction()
    author = getattr(doc, "author", None)
    return {
        "headline": getattr(doc, "title", None),
        "published": getattr(doc, "date", None),
        "authors": [a.strip() for a in author.split(";") if a.strip()] if author else [],
        "tags": list(getattr(doc, "tags", None) or []),
        "body": getattr(doc, "text", None),
    }


def newspaper_article(data: bytes, url: str) -> Any:
    """A parsed newspaper4k Article; the page is handed over as bytes, nothing is fetched."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "nltk is not installed" on first import
        from newspaper import Article
        from newspaper.configuration import Configuration

    config = Configuration()
    config.fetch_images = False  # True would download images to measure them
    config.follow_meta_refresh = False
    article = Article(url, config=config)
    article.html = data  # the setter decodes bytes; download() could follow a meta refresh
    return article.parse()


def newspaper_prediction(data: bytes, url: str) -> Prediction:
    """newspaper4k: tags are its ``tags`` (article:tag meta, rel=tag links) plus the
    ``<meta name=keywords>`` list; NLP ``keywords`` need nltk and are auto-generated anyway."""
    article = newspaper_article(data, url)
    tags = list(dict.fromkeys([*sorted(article.tags or ()), *(article.meta_keywords or ())]))
    return {
        "headline": article.title or None,
        "published": article.publish_date.isoformat() if article.publish_date else None,
        "authors": list(article.authors),
        "tags": [t for t in tags if t.strip()],
        "body": article.text or None,
    }


PREDICTORS: dict[str, Predictor] = {
    "scraper": scraper_prediction,
    "trafilatura": trafilatura_prediction,
    "newspaper4k": newspaper_prediction,
}


def quiet_peers() -> None:
    """Silence the peers' log lines and warnings so a bench run prints only its figures."""
    for name in (
        "trafilatura",
        "htmldate",
        "courlan",
        "justext",
        "newspaper",
        "charset_normalizer",
    ):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    warnings.simplefilter("ignore")


def safe_predict(predictor: Predictor, data: bytes, url: str) -> tuple[Prediction, str | None]:
    """The prediction, or an empty one and the error text when the tool raises."""
    try:
        return predictor(data, url), None
    except Exception as exc:  # any failure is charged to the tool, not the run
        return empty_prediction(), f"{type(exc).__name__}: {exc}"[:200]


def predict(
    rows: list[dict[str, Any]],
    predictor: Predictor,
    errors: dict[str, str] | None = None,
) -> Iterator[dict[str, Any]]:
    """Predictions for ``rows``; pages that raise are empty and land in ``errors`` (id: error)."""
    for row in rows:
        prediction, error = safe_predict(predictor, page_bytes(row["id"]), page_url(row))
        if error is not None and errors is not None:
            errors[row["id"]] = error
        elif error is not None:
            raise RuntimeError(f"{row['id']}: {error}")
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
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--only", help="keep pages whose id contains this")
    parser.add_argument("--tool", choices=sorted(PREDICTORS), default="scraper")
    parser.add_argument("--out", type=Path, help="default: bench/out/pred-TOOL.jsonl")
    parser.add_argument("--score-args", nargs=argparse.REMAINDER, default=[])
    args = parser.parse_args()
    out: Path = args.out or ROOT / "bench" / "out" / f"pred-{args.tool}.jsonl"
    quiet_peers()
    rows = load_truth(args.only)
    out.parent.mkdir(parents=True, exist_ok=True)
    errors: dict[str, str] = {}
    with out.open("w", encoding="utf-8") as fh:
        for record in predict(rows, PREDICTORS[args.tool], errors):
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(score(out, *args.score_args))
    if errors:
        print(f"{args.tool} raised on {len(errors)} page(s), scored as empty:")
        for page_id, error in sorted(errors.items()):
            print(f"  {page_id}: {error}")


if __name__ == "__main__":
    main()
