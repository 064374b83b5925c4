"""Field-by-field accuracy of our extractor next to trafilatura and newspaper4k.

    python bench/accuracy.py                          # fixtures and devset, all tools
    python bench/accuracy.py --only-fixtures --tools scraper
    python bench/accuracy.py --only-devset --jobs 2 --by-source
    python bench/accuracy.py --json > scores.json

Two sets: our fixtures (``fixtures/pages/NAME.html`` with ``NAME.json``
expectations; only the keys present are scored) and ../shared/devset (scored
by its own score.py, run on each tool's predictions with ``--json``). Every
run extracts afresh; the prediction files in bench/out/ are written for
inspection, never read back. A page on which a tool raises is scored as an
empty prediction and counted; for our extractor its id is printed, since
that is a bug.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urldefrag, urljoin

sys.path.insert(0, str(Path(__file__).resolve().parent))

import devset  # noqa: E402  (bench/ is not a package)

ROOT = devset.ROOT
FIXTURES = ROOT / "fixtures" / "pages"
OUT = ROOT / "bench" / "out"
TOOLS = ("scraper", "trafilatura", "newspaper4k")

#: Figures of the devset README for trafilatura 2.3.1; the bar uses them when
#: trafilatura is not part of the run.
TRAFILATURA_REFERENCE = {
    "headline": 0.616,
    "published": 0.893,
    "published_wrong": 102,
    "authors": 0.625,
    "tags": 0.275,
    "body": 0.953,
    "snippets": 0.927,
}

#: Scalar Article fields a fixture may pin besides the common ones (scraper only).
EXTRA_FIELDS = (
    "summary",
    "section",
    "source",
    "lang",
    "canonical_url",
    "site",
    "top_image",
    "body_paragraph_count",
)
DATE_FIELDS = {"published_at": "published", "modified_at": "modified"}
KNOWN_EXPECT = {
    "headline",
    "published_at",
    "modified_at",
    "authors",
    "tags",
    "body",
    "body_contains",
    "body_excludes",
    "teasers",
    *EXTRA_FIELDS,
}


# --------------------------------------------------------------------------- predicting


@dataclass(frozen=True, slots=True)
class Task:
    """One page for one tool; picklable, so it can go to a worker process."""

    tool: str
    page_id: str
    url: str
    path: str | None = None  # fixture HTML; None means a devset page
    profile: str | None = None  # fixture's profile name; "" means none, None means by URL
    fetched_at: str | None = None
    content_type: str | None = None


@dataclass(slots=True)
class Outcome:
    page_id: str
    prediction: dict[str, Any]
    error: str | None
    seconds: float


def _scraper_fixture_prediction(task: Task, data: bytes) -> dict[str, Any]:
    """Our record for a fixture: the devset fields plus teasers and the extra fields."""
    from scraper import extract, load_profiles, profile_for_url

    profiles = load_profiles()
    if task.profile is None:
        profile = profile_for_url(task.url, profiles)
    elif task.profile == "":
        profile = None
    else:
        named = [p for p in profiles if p.name == task.profile]
        if not named:
            raise LookupError(f"fixture names unknown profile {task.profile!r}")
        profile = named[0]
    fetched_at = datetime.fromisoformat(task.fetched_at) if task.fetched_at else None
    article = extract(
        data, task.url, profile=profile, fetched_at=fetched_at, content_type=task.content_type
    )
    record = {**article.to_dict(), "body_paragraph_count": len(article.body_paragraphs)}
    return {
        **{name: record.get(name) for name in EXTRA_FIELDS},
        "headline": article.headline,
        "published": record["published_at"],
        "modified": record["modified_at"],
        "authors": list(article.authors),
        "tags": list(article.tags),
        "body": article.body_text,
        "teasers": record["teasers"],
    }


def run_task(task: Task) -> Outcome:
    """Extract one page with one tool; never raises."""
    start = time.perf_counter()
    try:
        data = Path(task.path).read_bytes() if task.path else devset.page_bytes(task.page_id)
    except OSError as exc:
        return Outcome(task.page_id, devset.empty_prediction(), f"unreadable page: {exc}", 0.0)
    if task.path and task.tool == "scraper":
        try:
            prediction, error = _scraper_fixture_prediction(task, data), None
        except Exception as exc:  # a crash is a bug to count, not a reason to stop
            prediction, error = devset.empty_prediction(), f"{type(exc).__name__}: {exc}"[:200]
    else:
        prediction, error = devset.safe_predict(devset.PREDICTORS[task.tool], data, task.url)
    return Outcome(task.page_id, prediction, error, time.perf_counter() - start)


def run_all(tasks: list[Task], jobs: int) -> list[Outcome]:
    if jobs <= 1 or len(tasks) < 2:
        return [run_task(t) for t in tasks]
    with ProcessPoolExecutor(max_workers=jobs, initializer=devset.quiet_peers) as pool:
        return list(pool.map(run_task, tasks, chunksize=8))


# --------------------------------------------------------------------------- fixtures


@dataclass(slots=True)
class Fixture:
    page_id: str
    html: Path
    url: str
    expect: dict[str, Any]
    profile: str | None
    fetched_at: str | None
    content_type: str | None


def load_fixtures(folder: Path, problems: list[str]) -> list[Fixture]:
    """Every readable fixture pair; a half-written one is reported in ``problems`` and skipped."""
    fixtures = []
    for html in sorted(folder.glob("*.html")):
        meta = html.with_suffix(".json")
        if not meta.exists():
            problems.append(f"{html.name}: no {meta.name}, skipped")
            continue
        try:
            spec = json.loads(meta.read_text(encoding="utf-8"))
            expect = spec["expect"]
            url = spec["url"]
            if not isinstance(expect, dict) or not isinstance(url, str):
                raise TypeError("'url' must be a string and 'expect' an object")
        except (OSError, ValueError, KeyError, TypeError) as exc:
            problems.append(f"{meta.name}: unusable ({type(exc).__name__}: {exc}), skipped")
            continue
        profile = spec.get("profile", None)
        fixtures.append(
            Fixture(
                page_id=html.stem,
                html=html,
                url=url,
                expect=expect,
                profile="" if "profile" in spec and not profile else profile,
                fetched_at=spec.get("fetched_at"),
                content_type=spec.get("content_type"),
            )
        )
    return fixtures


def _norm_url(value: Any, base: str) -> str:
    if not isinstance(value, str) or not value.strip():
        return ""
    return urldefrag(urljoin(base, value.strip()))[0].rstrip("/")


def _set_prf(
    scorer: ModuleType, truth: Iterable[str], pred: Iterable[str]
) -> tuple[float, float, float]:
    """score.py's set P/R/F1, except that an expected empty set predicted empty is right."""
    t = {scorer.norm_text(x) for x in scorer.as_list(truth)} - {""}
    p = {scorer.norm_text(x) for x in scorer.as_list(pred)} - {""}
    if not t:
        return (1.0, 1.0, 1.0) if not p else (0.0, 1.0, 0.0)
    return scorer.set_prf(list(t), list(p))  # type: ignore[no-any-return]


@dataclass(slots=True)
class FixtureScores:
    """Per-tool accumulators over the fixture pages; each metric over the pages that pin it."""

    pages: int = 0
    errors: dict[str, str] = field(default_factory=dict)
    headline: list[bool] = field(default_factory=list)
    dates: dict[str, list[str]] = field(default_factory=dict)  # field -> ok/wrong/missing/spurious
    authors: list[tuple[float, float, float]] = field(default_factory=list)
    tags: list[tuple[float, float, float]] = field(default_factory=list)
    body: list[tuple[float, float, float]] = field(default_factory=list)
    snip: list[int] = field(default_factory=lambda: [0, 0, 0, 0])  # tp, fn, fp, tn
    teasers: list[tuple[float, float, float]] = field(default_factory=list)
    teaser_links: list[tuple[float, float, float]] = field(default_factory=list)
    teaser_summary: list[bool] = field(default_factory=list)
    teaser_image: list[bool] = field(default_factory=list)
    extra: dict[str, list[bool]] = field(default_factory=dict)
    misses: dict[str, list[str]] = field(default_factory=dict)  # field -> page ids

    def miss(self, name: str, page_id: str) -> None:
        self.misses.setdefault(name, []).append(page_id)

    def add(
        self, scorer: ModuleType, fx: Fixture, pred: dict[str, Any], tool: str, error: str | None
    ) -> None:
        self.pages += 1
        if error is not None:
            self.errors[fx.page_id] = error
        exp = fx.expect
        if "headline" in exp:
            ok = scorer.norm_text(exp["headline"]) == scorer.norm_text(pred.get("headline"))
            self.headline.append(ok)
            if not ok:
                self.miss("headline", fx.page_id)
        for key, pred_key in DATE_FIELDS.items():
            if key not in exp or (tool != "scraper" and key != "published_at"):
                continue
            got = pred.get(pred_key)
            if not exp[key]:
                verdict = "ok" if not got else "spurious"
            else:
                same = scorer.same_day(exp[key], got)
                verdict = "missing" if same is None else "ok" if same else "wrong"
            self.dates.setdefault(key, []).append(verdict)
            if verdict != "ok":
                self.miss(key, fx.page_id)
        for key in ("authors", "tags"):
            if key in exp:
                prf = _set_prf(scorer, exp[key] or [], pred.get(key) or [])
                getattr(self, key).append(prf)
                if prf[2] < 1.0:
                    self.miss(key, fx.page_id)
        body = pred.get("body") if isinstance(pred.get("body"), str) else ""
        if exp.get("body"):
            self.body.append(scorer.bag_prf(exp["body"], body))
        self._snippets(scorer, fx, body or "")
        if "teasers" in exp and tool == "scraper":
            self._teasers(scorer, fx, pred.get("teasers") or [])
        if tool == "scraper":
            for key in EXTRA_FIELDS:
                if key in exp:
                    ok = self._same_value(scorer, key, exp[key], pred.get(key), fx.url)
                    self.extra.setdefault(key, []).append(ok)
                    if not ok:
                        self.miss(key, fx.page_id)

    def _snippets(self, scorer: ModuleType, fx: Fixture, body: str) -> None:
        found = scorer.norm_ws(unicodedata.normalize("NFC", body))
        for key, slot_in, slot_out in (("body_contains", 0, 1), ("body_excludes", 2, 3)):
            for snippet in scorer.as_list(fx.expect.get(key)):
                hit = scorer.norm_ws(unicodedata.normalize("NFC", snippet)) in found
                self.snip[slot_in if hit else slot_out] += 1
                if hit == (key == "body_excludes"):
                    self.miss(key, fx.page_id)

    @staticmethod
    def _same_value(scorer: ModuleType, key: str, want: Any, got: Any, base: str) -> bool:
        if key in ("canonical_url", "top_image"):
            return _norm_url(want, base) == _norm_url(got, base)
        if key == "body_paragraph_count":
            return bool(want == got)
        return bool(scorer.norm_text(want or "") == scorer.norm_text(got or ""))

    def _teasers(self, scorer: ModuleType, fx: Fixture, got: list[dict[str, Any]]) -> None:
        want = [t for t in fx.expect["teasers"] if isinstance(t, dict)]

        def key(t: dict[str, Any]) -> tuple[str, str]:
            return _norm_url(t.get("url"), fx.url), scorer.norm_text(t.get("title") or "")

        self.teasers.append(_pair_prf({key(t) for t in want}, {key(t) for t in got}))
        self.teaser_links.append(
            _pair_prf({key(t)[0] for t in want}, {key(t)[0] for t in got} - {""})
        )
        if self.teasers[-1][2] < 1.0:
            self.miss("teasers", fx.page_id)
        by_url = {key(t)[0]: t for t in got}
        for t in want:
            mine = by_url.get(key(t)[0])
            if mine is None:
                continue
            if "summary" in t:
                same = scorer.norm_text(t["summary"] or "") == scorer.norm_text(
                    mine.get("summary") or ""
                )
                self.teaser_summary.append(same)
            if "image" in t:
                self.teaser_image.append(
                    _norm_url(t["image"], fx.url) == _norm_url(mine.get("image"), fx.url)
                )

    def result(self) -> dict[str, Any]:
        tp, fn, fp, tn = self.snip
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        dates = {}
        for key, verdicts in self.dates.items():
            dates[key] = {
                "n": len(verdicts),
                "acc": verdicts.count("ok") / len(verdicts),
                **{v: verdicts.count(v) for v in ("wrong", "missing", "spurious")},
            }
        return {
            "pages": self.pages,
            "errors": dict(sorted(self.errors.items())),
            "headline": {"n": len(self.headline), "acc": _mean(self.headline)},
            "published": dates.get("published_at", {"n": 0, "acc": None}),
            "modified": dates.get("modified_at", {"n": 0, "acc": None}),
            "authors": _prf(self.authors),
            "tags": _prf(self.tags),
            "body": _prf(self.body),
            "snippets": {
                "with_n": tp + fn,
                "with_found": tp / (tp + fn) if tp + fn else None,
                "without_n": fp + tn,
                "without_absent": tn / (fp + tn) if fp + tn else None,
                "f1": (2 * prec * rec / (prec + rec) if prec + rec else 0.0) if tp + fn else None,
            },
            "teasers": _prf(self.teasers),
            "teaser_links": _prf(self.teaser_links),
            "teaser_summary": {"n": len(self.teaser_summary), "acc": _mean(self.teaser_summary)},
            "teaser_image": {"n": len(self.teaser_image), "acc": _mean(self.teaser_image)},
            "extra": {k: {"n": len(v), "acc": _mean(v)} for k, v in sorted(self.extra.items())},
            "misses": {k: sorted(set(v)) for k, v in sorted(self.misses.items())},
        }


def _pair_prf(want: set[Any], got: set[Any]) -> tuple[float, float, float]:
    if not want:
        return (1.0, 1.0, 1.0) if not got else (0.0, 1.0, 0.0)
    hit = len(want & got)
    prec = hit / len(got) if got else 0.0
    rec = hit / len(want)
    return prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def _mean(values: list[bool] | list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _prf(rows: list[tuple[float, float, float]]) -> dict[str, Any]:
    if not rows:
        return {"n": 0, "p": None, "r": None, "f1": None}
    return {
        "n": len(rows),
        "p": _mean([r[0] for r in rows]),
        "r": _mean([r[1] for r in rows]),
        "f1": _mean([r[2] for r in rows]),
    }


def score_fixtures(
    folder: Path, tools: list[str], jobs: int, scorer: ModuleType, log: Callable[[str], None]
) -> dict[str, Any]:
    problems: list[str] = []
    fixtures = load_fixtures(folder, problems)
    unscored = sorted({k for fx in fixtures for k in fx.expect} - KNOWN_EXPECT)
    results: dict[str, Any] = {}
    for tool in tools:
        tasks = [
            Task(tool, fx.page_id, fx.url, str(fx.html), fx.profile, fx.fetched_at, fx.content_type)
            for fx in fixtures
        ]
        start = time.perf_counter()
        outcomes = run_all(tasks, jobs)
        scores = FixtureScores()
        for fx, outcome in zip(fixtures, outcomes, strict=True):
            scores.add(scorer, fx, outcome.prediction, tool, outcome.error)
        results[tool] = {**scores.result(), "seconds": time.perf_counter() - start}
        log(f"fixtures: {tool} done in {results[tool]['seconds']:.1f} s")
    return {
        "folder": str(folder),
        "pages": len(fixtures),
        "problems": problems,
        "unscored_keys": unscored,
        "tools": results,
    }


# --------------------------------------------------------------------------- devset


def score_devset(
    tools: list[str], jobs: int, by_source: bool, limit: int | None, log: Callable[[str], None]
) -> dict[str, Any]:
    rows = devset.load_truth()[:limit]
    OUT.mkdir(parents=True, exist_ok=True)
    truth_args: list[str] = []
    if limit is not None:  # score the subset against its own truth, not as missing pages
        subset = OUT / "accuracy-truth-subset.jsonl"
        subset.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
        truth_args = ["--truth", str(subset)]
    results: dict[str, Any] = {}
    for tool in tools:
        tasks = [Task(tool, row["id"], devset.page_url(row)) for row in rows]
        start = time.perf_counter()
        outcomes = run_all(tasks, jobs)
        seconds = time.perf_counter() - start
        pred_path = OUT / f"accuracy-{tool}.jsonl"
        with pred_path.open("w", encoding="utf-8") as fh:
            for outcome in outcomes:
                record = {"id": outcome.page_id, **outcome.prediction}
                fh.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
        args = [sys.executable, str(devset.DEVSET / "score.py"), str(pred_path), "--json"]
        args += truth_args
        if by_source:
            args.append("--by-source")
        scored = json.loads(subprocess.run(args, check=True, capture_output=True, text=True).stdout)
        errors = {o.page_id: o.error for o in outcomes if o.error is not None}
        results[tool] = {
            "groups": scored,
            "errors": dict(sorted(errors.items())),
            "seconds": seconds,
            "predictions": str(pred_path.relative_to(ROOT)),
        }
        log(f"devset: {tool} done in {seconds:.1f} s ({len(errors)} page(s) raised)")
    return {"pages": len(rows), "tools": results}


# --------------------------------------------------------------------------- printing


def _f(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def _prf_cell(r: dict[str, Any]) -> str:
    return "-" if r.get("f1") is None else f"{_f(r['p'])} / {_f(r['r'])} / {_f(r['f1'])}"


Row = tuple[str, str, dict[str, str]]


def print_table(title: str, rows: list[Row], tools: list[str]) -> None:
    width = max([18, *(len(c) for _, _, cells in rows for c in cells.values())])
    label_w = max(len(r[0]) for r in rows) if rows else 10
    print(f"\n== {title}")
    print(f"  {'field':<{label_w}} {'n':>5}  " + "  ".join(f"{t:>{width}}" for t in tools))
    for label, n, cells in rows:
        line = "  ".join(f"{cells.get(t, 'n/a'):>{width}}" for t in tools)
        print(f"  {label:<{label_w}} {n:>5}  {line}")


def common_rows(res: dict[str, dict[str, Any]], tools: list[str]) -> list[Row]:
    """Rows shared by both sets; ``res`` maps tool -> score.py-shaped result."""
    first = res[tools[0]]

    def row(label: str, n: Any, cell: Callable[[dict[str, Any]], str]) -> Row:
        return label, str(n), {t: cell(res[t]) for t in tools}

    return [
        row("headline, exact", first["headline"]["n"], lambda r: _f(r["headline"]["acc"])),
        row("published, same day", first["published"]["n"], lambda r: _f(r["published"]["acc"])),
        row(
            "  wrong / missing",
            "",
            lambda r: (
                f"{r['published'].get('wrong', 0)} / {r['published'].get('missing', 0)}"
                + (f" +{r['published']['spurious']}" if r["published"].get("spurious") else "")
            ),
        ),
        row("authors, set F1", first["authors"]["n"], lambda r: _f(r["authors"]["f1"])),
        row("  P / R", "", lambda r: f"{_f(r['authors']['p'])} / {_f(r['authors']['r'])}"),
        row("tags, set F1", first["tags"]["n"], lambda r: _f(r["tags"]["f1"])),
        row("  P / R", "", lambda r: f"{_f(r['tags']['p'])} / {_f(r['tags']['r'])}"),
        row("body, bag P / R / F1", first["body"]["n"], lambda r: _prf_cell(r["body"])),
        row("with snippets found", first["snippets"]["with_n"], _snip("with_found")),
        row("without snippets absent", first["snippets"]["without_n"], _snip("without_absent")),
        row("snippet F1", "", _snip("f1")),
    ]


def _snip(key: str) -> Callable[[dict[str, Any]], str]:
    return lambda r: _f(r["snippets"][key])


def print_fixtures(fx: dict[str, Any], tools: list[str]) -> None:
    res = fx["tools"]
    if not fx["pages"]:
        print("\n== fixtures: no fixture pages yet")
    else:
        rows = common_rows(res, tools)
        ours = res.get("scraper")
        if ours is not None:
            rows.append(("teasers (url+title) P/R/F1", str(ours["teasers"]["n"]), {}))
            rows[-1][2]["scraper"] = _prf_cell(ours["teasers"])
            rows.append(("teaser links P/R/F1", str(ours["teaser_links"]["n"]), {}))
            rows[-1][2]["scraper"] = _prf_cell(ours["teaser_links"])
            for key in ("teaser_summary", "teaser_image", "modified"):
                if ours[key]["n"]:
                    rows.append((key.replace("_", " "), str(ours[key]["n"]), {}))
                    rows[-1][2]["scraper"] = _f(ours[key]["acc"])
            for key, r in ours["extra"].items():
                rows.append((key, str(r["n"]), {"scraper": _f(r["acc"])}))
        rows.append(("pages raised", "", {t: str(len(res[t]["errors"])) for t in tools}))
        rows.append(("seconds", "", {t: f"{res[t]['seconds']:.1f}" for t in tools}))
        print_table(f"fixtures: {fx['pages']} pages ({fx['folder']})", rows, tools)
        if ours is not None:
            for name, ids in ours["misses"].items():
                shown = ", ".join(ids[:12]) + (" ..." if len(ids) > 12 else "")
                print(f"  scraper misses {name}: {shown}")
    for problem in fx["problems"]:
        print(f"  note: {problem}")
    if fx["unscored_keys"]:
        print(f"  note: expect keys not scored: {', '.join(fx['unscored_keys'])}")
    _print_errors("fixtures", res)


def _print_errors(where: str, res: dict[str, Any]) -> None:
    for tool, r in res.items():
        if r["errors"] and tool == "scraper":
            print(f"  BUG: scraper raised on {len(r['errors'])} {where} page(s):")
            for page_id, error in r["errors"].items():
                print(f"    {page_id}: {error}")
        elif r["errors"]:
            kinds = Counter(error.split(":")[0] for error in r["errors"].values())
            summary = ", ".join(f"{kind} {n}" for kind, n in kinds.most_common())
            print(
                f"  {tool} raised on {len(r['errors'])} {where} page(s), scored as empty: {summary}"
            )


def print_devset(ds: dict[str, Any], tools: list[str]) -> None:
    res = ds["tools"]
    groups = list(res[tools[0]]["groups"])
    for group in groups:
        by_group = {t: res[t]["groups"][group] for t in tools}
        rows = common_rows(by_group, tools)
        rows.append(("body missing", "", {t: str(by_group[t]["body"]["missing"]) for t in tools}))
        if group == "all":
            rows.append(("pages raised", "", {t: str(len(res[t]["errors"])) for t in tools}))
            rows.append(("seconds", "", {t: f"{res[t]['seconds']:.1f}" for t in tools}))
        pages = by_group[tools[0]]["pages"]
        print_table(f"devset {group}: {pages} pages (score.py)", rows, tools)
    _print_errors("devset", res)


def bar(ds: dict[str, Any]) -> tuple[str, list[tuple[str, bool]]]:
    """The issue's bar on the devset: where trafilatura's figures come from, and each check."""
    ours = ds["tools"]["scraper"]["groups"]["all"]
    if "trafilatura" in ds["tools"]:
        t = ds["tools"]["trafilatura"]["groups"]["all"]
        origin = "trafilatura as measured in this run"
        ref = {
            "published_wrong": t["published"]["wrong"],
            "authors": t["authors"]["f1"],
            "tags": t["tags"]["f1"],
            "snippets": t["snippets"]["f1"],
        }
    else:
        origin = "trafilatura's figures from the devset README"
        ref = TRAFILATURA_REFERENCE

    def at_least(value: float | None, floor: float | None, strict: bool = False) -> bool:
        if value is None or floor is None:
            return False
        return value > floor if strict else value >= floor

    body, snip = ours["body"]["f1"], ours["snippets"]["f1"]
    head, pub = ours["headline"]["acc"], ours["published"]
    authors, tags = ours["authors"]["f1"], ours["tags"]["f1"]
    half_wrong = ref["published_wrong"] / 2
    return origin, [
        (f"body F1 {_f(body)} >= 0.955", at_least(body, 0.955)),
        (f"snippet F1 {_f(snip)} >= {_f(ref['snippets'])}", at_least(snip, ref["snippets"])),
        (f"headline exact {_f(head)} >= 0.85", at_least(head, 0.85)),
        (
            f"date {_f(pub['acc'])} >= 0.93 and wrong {pub['wrong']} < {half_wrong:g}",
            at_least(pub["acc"], 0.93) and pub["wrong"] < half_wrong,
        ),
        (
            f"authors F1 {_f(authors)} > {_f(ref['authors'])}",
            at_least(authors, ref["authors"], True),
        ),
        (f"tags F1 {_f(tags)} > {_f(ref['tags'])}", at_least(tags, ref["tags"], True)),
    ]


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--only-fixtures", action="store_true", help="skip the devset")
    which.add_argument("--only-devset", action="store_true", help="skip the fixtures")
    parser.add_argument(
        "--tools", default=",".join(TOOLS), help="comma-separated, from: %(default)s"
    )
    parser.add_argument("--fixtures", type=Path, default=FIXTURES, help="fixture folder")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument("--limit", type=int, help="only the first N devset pages (a quick look)")
    parser.add_argument("--by-source", action="store_true", help="devset tables per source too")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    unknown = [t for t in tools if t not in TOOLS]
    if unknown or not tools:
        parser.error(f"unknown tool(s) {', '.join(unknown)}; choose from {', '.join(TOOLS)}")
    devset.quiet_peers()

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    scorer = devset.load_scorer()
    report: dict[str, Any] = {"date": time.strftime("%Y-%m-%d %H:%M %Z"), "tools": tools}
    if not args.only_devset:
        report["fixtures"] = score_fixtures(args.fixtures, tools, args.jobs, scorer, log)
    if not args.only_fixtures:
        report["devset"] = score_devset(tools, args.jobs, args.by_source, args.limit, log)
        if "scraper" in tools:
            origin, checks = bar(report["devset"])
            report["bar"] = {
                "against": origin,
                "checks": [{"check": c, "met": ok} for c, ok in checks],
            }
    if args.json:
        json.dump(report, sys.stdout, indent=1, ensure_ascii=False)
        print()
        return 0
    print(f"accuracy, {report['date']}")
    if "fixtures" in report:
        print_fixtures(report["fixtures"], tools)
    if "devset" in report:
        print_devset(report["devset"], tools)
    if "bar" in report:
        subset = " (a subset: --limit)" if args.limit is not None else ""
        print(f"\n== the issue's bar on the devset{subset}, against {report['bar']['against']}")
        for item in report["bar"]["checks"]:
            print(f"  [{'x' if item['met'] else ' '}] {item['check']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
