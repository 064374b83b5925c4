"""The archive as its users see it: one article per story, revisions, clusters, search, teasers."""

from __future__ import annotations

import json
import re
import sqlite3
import time
import zlib
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest
import sqlite_utils
from datasketch import MinHash

from scraper.archive import Archive, ArchiveError, Filing, canonical, canonical_url, store
from scraper.archive.dedup import NUM_PERM, minhash_values
from scraper.ingest import ingest_page, reextract_archive
from scraper.models import Article, Page, Teaser
from scraper.profiles import load_profiles

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
T0 = datetime(2025, 12, 22, 6, 0, tzinfo=UTC)

WIRE = (
    "HANOI (VNA) The provincial People's Committee approved a plan on Monday to build three new "
    "industrial parks along the Saigon River, officials said, in a push to draw foreign investors "
    "away from crowded southern hubs. The parks will cover 1,200 hectares and are expected to "
    "create about 40,000 jobs once they open in 2027. Investors from South Korea, Japan and "
    "Singapore have already registered interest, according to the provincial Department of "
    "Planning and Investment. The plan also includes new roads, a wastewater treatment plant "
    "and housing for workers, which the province will finance through public-private "
    "partnerships. Local residents whose land is affected will receive compensation under the "
    "revised Land Law, the committee said."
)


def make_article(url: str = "https://news.example.vn/a/parks-1.html", **changes: object) -> Article:
    base = Article(
        url=url,
        canonical_url=None,
        site="news.example.vn",
        lang="en",
        headline="Province approves three industrial parks",
        summary="A push to draw foreign investors.",
        published_at=datetime(2025, 12, 22, 8, 0, tzinfo=UTC),
        body_text=WIRE,
        body_paragraphs=(WIRE,),
        tags=("industry", "investment"),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    with Archive.open(tmp_path / "archive.db") as opened:
        yield opened


def rows(archive: Archive, sql: str, params: list[object] | None = None) -> list[tuple]:
    return archive.db.execute(sql, params or []).fetchall()


def test_filing_the_same_page_twice_gives_one_article_and_moves_last_seen(archive: Archive) -> None:
    first = archive.file(make_article(), seen_at=T0)
    second = archive.file(make_article(), seen_at=T0 + timedelta(hours=1))
    assert (first.outcome, second.outcome) == ("new", "unchanged")
    assert second.article_id == first.article_id
    assert rows(archive, "SELECT count(*), min(first_seen), max(last_seen) FROM articles") == [
        (1, T0.isoformat(), (T0 + timedelta(hours=1)).isoformat())
    ]
    assert rows(archive, "SELECT count(*) FROM revisions") == [(1,)]


def test_a_changed_page_is_one_article_with_a_revision_naming_the_changed_fields(
    archive: Archive,
) -> None:
    archive.file(make_article(), seen_at=T0)
    edited = make_article(
        headline="Province approves four industrial parks", body_text=WIRE + " Update: four."
    )
    result = archive.file(edited, seen_at=T0 + timedelta(hours=2))
    assert result.outcome == "revised"
    assert set(result.changed_fields) == {"headline", "body_text"}
    assert rows(archive, "SELECT count(*), max(headline), max(revision_count) FROM articles") == [
        (1, "Province approves four industrial parks", 2)
    ]
    changed, previous = rows(archive, "SELECT changed_fields, previous FROM revisions ORDER BY id")[
        -1
    ]
    assert set(json.loads(changed)) == {"headline", "body_text"}
    assert json.loads(previous)["headline"] == "Province approves three industrial parks"


def test_tracking_parameters_and_fragments_do_not_make_a_second_article(archive: Archive) -> None:
    clean = "https://news.example.vn/a/parks-1.html"
    archive.file(make_article(clean + "?utm_source=fb&utm_medium=social&fbclid=x#comments"))
    result = archive.file(make_article("http://NEWS.example.vn:80/a/parks-1.html?gclid=1"))
    assert result.outcome == "unchanged"
    assert rows(archive, "SELECT canonical_url FROM articles") == [(clean,)]
    assert rows(archive, "SELECT url FROM article_urls") == [(clean,)]


def test_an_amp_copy_with_rel_canonical_joins_the_article_and_both_urls_are_kept(
    archive: Archive,
) -> None:
    main = "https://news.example.vn/a/parks-1.html"
    amp = "https://amp.news.example.vn/a/parks-1.amp"
    archive.file(make_article(main))
    result = archive.file(make_article(amp, canonical_url=main))
    assert result.outcome == "merged"
    assert rows(archive, "SELECT count(*) FROM articles") == [(1,)]
    assert sorted(r[0] for r in rows(archive, "SELECT url FROM article_urls")) == [amp, main]


def test_identical_content_under_another_url_is_one_article(archive: Archive) -> None:
    first = archive.file(make_article("https://news.example.vn/a/parks-1.html"))
    moved = archive.file(make_article("https://news.example.vn/economy/parks-1-moved.html"))
    assert moved.outcome == "merged" and moved.article_id == first.article_id
    assert rows(
        archive, "SELECT count(*) FROM article_urls WHERE article_id = ?", [first.article_id]
    ) == [(2,)]


def test_a_wire_story_lightly_edited_on_two_portals_is_two_articles_in_one_cluster(
    archive: Archive,
) -> None:
    edited = WIRE.replace("HANOI (VNA) ", "").replace("officials said", "the committee said")
    edited += " The province expects the first tenants by 2027."
    a = archive.file(make_article("https://news.example.vn/a/parks-1.html"))
    b = archive.file(
        make_article("https://other-portal.com/business/parks", body_text=edited, headline="Parks")
    )
    unrelated = archive.file(
        make_article(
            "https://other-portal.com/sport/derby",
            headline="Derby",
            body_text=" ".join(f"word{i} goal match team" for i in range(60)),
        )
    )
    assert b.outcome == "new" and a.article_id != b.article_id
    clusters = dict(rows(archive, "SELECT id, cluster_id FROM articles"))
    assert clusters[a.article_id] == clusters[b.article_id] == a.article_id
    assert clusters[unrelated.article_id] is None


CN_WIRE = (
    "新华社河内电 越南平阳省人民委员会周一批准了一项计划，将沿西贡河新建三个工业园区，"
    "以吸引外国投资者离开拥挤的南部中心。园区总面积一千二百公顷，预计二零二七年开放后"
    "将创造约四万个就业岗位。来自韩国、日本和新加坡的投资者已经登记了投资意向。"
    "该计划还包括新建道路、一座污水处理厂和工人住房，省政府将通过公私合营方式筹集资金。"
)
CN_OTHER = (
    "本报讯 昨晚的足球德比战中，主队凭借下半场的两个进球以二比一战胜客队，球迷们在看台上"
    "欢呼了整整十分钟。主教练赛后表示，球员们在困难的条件下表现出了顽强的斗志，"
    "下周他们将前往首都进行联赛第十五轮的比赛，门票已经全部售罄。"
)


def test_a_chinese_wire_story_on_two_portals_clusters_and_an_unrelated_one_does_not(
    archive: Archive,
) -> None:
    edited = CN_WIRE.replace("新华社河内电 ", "") + "首批企业预计年底入驻。"
    a = archive.file(make_article("https://cn.example.com/a/1", body_text=CN_WIRE, lang="zh"))
    b = archive.file(
        make_article("https://cn-other.example.com/b/2", body_text=edited, headline="园区")
    )
    c = archive.file(
        make_article("https://cn-other.example.com/c/3", body_text=CN_OTHER, headline="德比")
    )
    clusters = dict(rows(archive, "SELECT id, cluster_id FROM articles"))
    assert b.outcome == "new"
    assert clusters[a.article_id] == clusters[b.article_id] == a.article_id
    assert clusters[c.article_id] is None


def test_fingerprints_equal_datasketch_minhash_so_stored_signatures_stay_comparable() -> None:
    shingles = np.arange(1, 5000, 7, dtype=np.uint32) * np.uint32(2654435761)
    reference = MinHash(num_perm=NUM_PERM, seed=1, scheme="affine32", hashfunc=int)
    reference.update_batch(shingles.tolist())
    assert np.array_equal(minhash_values(shingles), reference.hashvalues)


def test_clusters_survive_reopening_the_archive(tmp_path: Path) -> None:
    with Archive.open(tmp_path / "a.db") as archive:
        first = archive.file(make_article("https://news.example.vn/a/parks-1.html"))
    with Archive.open(tmp_path / "a.db") as archive:
        second = archive.file(make_article("https://other-portal.com/b", headline="Other title"))
        assert second.outcome == "new"
        cluster = rows(archive, "SELECT cluster_id FROM articles WHERE id = ?", [second.article_id])
    assert cluster == [(first.article_id,)]


def test_search_finds_vietnamese_text_without_diacritics(archive: Archive) -> None:
    body = "Tỉnh Bình Dương khởi công dự án đường vành đai mới. " * 10
    archive.file(make_article(headline="Bình Dương khởi công dự án", body_text=body))
    archive.file(
        make_article("https://news.example.vn/other", headline="Other", body_text="x " * 50)
    )
    hits = archive.search("Binh Duong")
    assert [hit["headline"] for hit in hits] == ["Bình Dương khởi công dự án"]


def test_teasers_link_to_their_target_once_it_is_archived_in_either_order(
    archive: Archive,
) -> None:
    target_url = "https://news.example.vn/a/target.html"
    teasers = (
        Teaser("Target story", target_url + "?utm_campaign=related"),
        Teaser("Never archived", "https://news.example.vn/a/elsewhere.html"),
    )
    already = archive.file(
        make_article("https://news.example.vn/a/already.html", body_text="a " * 60)
    )
    linking = archive.file(
        make_article(
            teasers=(*teasers, Teaser("Already here", "https://news.example.vn/a/already.html"))
        )
    )
    assert rows(
        archive,
        "SELECT position, target_article_id FROM teasers WHERE article_id = ?",
        [linking.article_id],
    ) == [(0, None), (1, None), (2, already.article_id)]
    target = archive.file(make_article(target_url, headline="Target", body_text="t " * 60))
    assert rows(archive, "SELECT position, target_article_id FROM teasers ORDER BY position") == [
        (0, target.article_id),
        (1, None),
        (2, already.article_id),
    ]


def test_teasers_are_replaced_when_the_page_shows_others(archive: Archive) -> None:
    archive.file(
        make_article(teasers=(Teaser("One", "https://x.vn/1"), Teaser("Two", "https://x.vn/2")))
    )
    archive.file(make_article(teasers=(Teaser("Three", "https://x.vn/3"),)))
    assert rows(archive, "SELECT title FROM teasers") == [("Three",)]


def test_tags_are_linked_many_to_many(archive: Archive) -> None:
    archive.file(make_article())
    archive.file(make_article("https://news.example.vn/b", body_text="b " * 60, tags=("industry",)))
    assert rows(
        archive,
        "SELECT tags.name, count(*) FROM article_tags JOIN tags ON tags.id = tag_id"
        " GROUP BY tags.name ORDER BY tags.name",
    ) == [("industry", 2), ("investment", 1)]


def page_of(name: str, url: str, *, fetched_at: datetime = T0) -> Page:
    return Page(
        requested_url=url,
        final_url=url,
        status=200,
        headers={"content-type": "text/html; charset=utf-8"},
        content=(FIXTURES / name).read_bytes(),
        fetched_at=fetched_at,
    )


def test_reextraction_records_a_revision_when_the_extractor_now_reads_the_page_differently(
    archive: Archive,
) -> None:
    spec = json.loads((FIXTURES / "binhduong-kol-campaign.json").read_text())
    page = page_of("binhduong-kol-campaign.html", spec["url"])
    profiles = load_profiles()
    article, filed = ingest_page(archive, page, profiles)
    # As if an older extractor had filed a worse headline from the same page.
    archive.file(replace(article, headline="Old extractor headline"), touch=False)
    counts = reextract_archive(archive, profiles)
    assert counts["revised"] == 1
    assert rows(archive, "SELECT headline FROM articles") == [(article.headline,)]
    assert rows(
        archive, "SELECT cause, changed_fields FROM revisions ORDER BY id DESC LIMIT 1"
    ) == [("reextract", '["headline"]')]
    assert reextract_archive(archive, profiles)["unchanged"] == 1


def test_raw_pages_are_kept_compressed_and_a_refetch_does_not_pile_them_up(
    archive: Archive,
) -> None:
    spec = json.loads((FIXTURES / "binhduong-kol-campaign.json").read_text())
    profiles = load_profiles()
    ingest_page(archive, page_of("binhduong-kol-campaign.html", spec["url"]), profiles)
    later = page_of("binhduong-kol-campaign.html", spec["url"], fetched_at=T0 + timedelta(days=1))
    ingest_page(archive, later, profiles)
    ((count, size, fetched_at),) = rows(
        archive, "SELECT count(*), length(content), fetched_at FROM pages"
    )
    assert count == 1 and size < (FIXTURES / "binhduong-kol-campaign.html").stat().st_size / 2
    assert fetched_at == later.fetched_at.isoformat()
    assert [p.content for _, p in archive.latest_pages()] == [later.content]


def test_raw_pages_stored_with_zlib_before_zstd_are_still_read_back(archive: Archive) -> None:
    page = Page("https://x.vn/a", "https://x.vn/a", 200, {}, b"<html>old page</html>" * 50, T0)
    archive.file(make_article("https://x.vn/a"), page)
    archive.db.execute(
        "UPDATE pages SET content = ?, codec = 'zlib'", [zlib.compress(page.content)]
    )
    assert [p.content for _, p in archive.latest_pages()] == [page.content]


def test_opening_twice_applies_migrations_once_and_the_file_is_sound(tmp_path: Path) -> None:
    path = tmp_path / "archive.db"
    Archive.open(path).close()
    with Archive.open(path) as archive:
        archive.file(make_article())
        names = [r[0] for r in rows(archive, "SELECT name FROM _sqlite_migrations")]
        assert names[:2] == ["m001_tables", "m002_search"] and len(set(names)) == len(names)
        assert rows(archive, "PRAGMA journal_mode") == [("wal",)]
        assert rows(archive, "PRAGMA integrity_check") == [("ok",)]
    db = sqlite_utils.Database(path)
    # The index's tuning is stored in the file: any writer (the sqlite3 shell too) gets it.
    settings = dict(db.execute("SELECT k, v FROM articles_fts_config").fetchall())
    assert settings["automerge"] == 16 and settings["hashsize"] == 8 * 1024 * 1024
    assert db.execute("SELECT count(*) FROM articles_fts").fetchone() == (1,)


def test_a_batch_is_searchable_including_a_story_revised_within_the_same_batch(
    archive: Archive,
) -> None:
    first = make_article("https://news.example.vn/a/1.html", headline="Harbour crane collapses")
    revised = make_article("https://news.example.vn/a/1.html", headline="Harbour crane repaired")
    other = make_article(
        "https://news.example.vn/a/2.html", headline="Flood warning", body_text=WIRE + " Rain."
    )
    archive.file_many([Filing(first), Filing(revised, seen_at=T0), Filing(other)])
    assert [r["headline"] for r in archive.search("repaired")] == ["Harbour crane repaired"]
    assert archive.search("collapses") == []
    assert [r["headline"] for r in archive.search("flood")] == ["Flood warning"]
    assert rows(archive, "SELECT count(*) FROM articles_fts_deferred") == [(0,)]
    assert rows(archive, "INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')") == []


def test_search_puts_a_headline_match_before_a_passing_mention(archive: Archive) -> None:
    mention = make_article("https://x.vn/1", headline="Council meets", body_text=WIRE + " Dengue.")
    story = make_article("https://x.vn/2", headline="Dengue cases rise", body_text="Clinics.")
    archive.file_many([Filing(story), Filing(mention)])  # the mention is the newer
    assert [r["headline"] for r in archive.search("dengue")] == [
        "Dengue cases rise",
        "Council meets",
    ]


def test_rows_written_by_other_tools_are_still_indexed_by_the_trigger(archive: Archive) -> None:
    archive.db.table("articles").insert(
        {
            "canonical_url": "https://x.vn/1",
            "url": "https://x.vn/1",
            "headline": "Typhoon nears",
            "content_hash": "x",
            "first_seen": "2025",
            "last_seen": "2025",
        }
    )
    assert [r["headline"] for r in archive.search("typhoon")] == ["Typhoon nears"]


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("not sqlite at all " * 100)
    with pytest.raises(ArchiveError, match="notes.db"):
        Archive.open(path)


def test_a_failed_write_leaves_nothing_half_filed(archive: Archive) -> None:
    archive.db.execute(
        "CREATE TRIGGER boom BEFORE INSERT ON teasers BEGIN SELECT RAISE(ABORT, 'boom'); END"
    )
    with pytest.raises(ArchiveError):
        archive.file(make_article(teasers=(Teaser("T", "https://x.vn/t"),)))
    assert rows(archive, "SELECT count(*) FROM articles") == [(0,)]
    assert rows(archive, "SELECT count(*) FROM article_urls") == [(0,)]
    archive.db.execute("DROP TRIGGER boom")
    assert archive.file(make_article()).outcome == "new"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTP://Example.COM:80/a?b=2&a=1&utm_source=x#top", "https://example.com/a?a=1&b=2"),
        (
            "https://example.com/a?fbclid=1&mc_cid=2&mc_eid=3&igshid=4&ref=5",
            "https://example.com/a",
        ),
        ("https://example.com:8443/a?id=7", "https://example.com:8443/a?id=7"),
    ],
)
def test_canonical_url_drops_tracking_and_normalises(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://news.example.vn/a/parks-1.html",
        "https://a-b.c.vn/x-y_z.html",
        "https://a.vn/x'y(1)*!;b=c:d@e,f+g$&~",
        "https://a.vn/a//b/",
        "https://a.vn/.hidden/..b/...",
        "https://xn--bcher-kva.de/a",
    ],
)
def test_urls_that_skip_canonicalisation_are_those_it_would_leave_unchanged(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert canonical_url(url) == url
    monkeypatch.setattr(canonical, "_ALREADY_CANONICAL", re.compile(r"(?!)"))
    assert canonical.canonical_url.__wrapped__(url) == url


@pytest.mark.parametrize("how", ["in-thread", "in-processes", "streamed"])
def test_one_batch_files_exactly_what_filing_its_records_one_by_one_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """Repeats, merges, near-duplicates, teasers and raw pages between records of one batch,
    prepared in this thread, in other processes (large batches), or streamed in several
    transactions while the next is prepared."""
    monkeypatch.setattr(store, "_PROCESS_MIN", 10**9 if how == "in-thread" else 1)
    monkeypatch.setattr(store, "_PREPARE_GROUP", 4)  # several groups, one left short
    edited = WIRE.replace("HANOI (VNA) ", "").replace("officials said", "the committee said")
    base = "https://news.example.vn/a/"
    stories = [
        make_article(base + "1.html", teasers=(Teaser("Two", base + "2.html"),)),
        make_article(base + "2.html", headline="Parks", body_text=edited + " More."),
        make_article(base + "1.html", headline="Parks approved"),
        make_article(base + "copy.html", headline="Parks approved"),
        make_article(base + "3.html", headline="Derby", body_text="goal " * 60),
        make_article(base + "4.html", body_text=edited + " Even more.", headline="P4"),
    ]
    records = [
        Filing(a, page_rendering(a) if k % 2 else None, seen_at=T0 + timedelta(minutes=k))
        for k, a in enumerate(stories)
    ]
    tables = ("articles", "article_urls", "revisions", "article_tags", "teasers", "minhashes")
    tables += ("pages",)
    dumps = []
    for name, batched in (("batch.db", True), ("single.db", False)):
        with Archive.open(tmp_path / name) as opened:
            if batched and how == "streamed":
                stream = opened.file_stream(iter(records), batch=4)
                outcomes = [(r.article_id, r.outcome) for r in stream]
            elif batched:
                outcomes = [(r.article_id, r.outcome) for r in opened.file_many(records)]
            else:
                outcomes = [
                    (r.article_id, r.outcome) for r in (opened.file(**vars_of(f)) for f in records)
                ]
            dumps.append((outcomes, [rows(opened, f"SELECT * FROM {t}") for t in tables]))
    assert dumps[0] == dumps[1]
    outcomes, (articles, *_) = dumps[0]
    assert [o for _, o in outcomes] == ["new", "new", "revised", "merged", "new", "new"]
    clusters = {row[0]: row[19] for row in articles}
    assert clusters[1] == clusters[2] == clusters[4] == 1 and clusters[3] is None


def page_rendering(article: Article) -> Page:
    html = f"<html><body><h1>{article.headline}</h1><p>{article.body_text}</p></body></html>"
    return Page(article.url, article.url, 200, {"content-type": "text/html"}, html.encode(), T0)


def vars_of(filing: Filing) -> dict[str, object]:
    return {f: getattr(filing, f) for f in Filing.__slots__}


def test_newest_first_is_by_time_across_time_zones(archive: Archive) -> None:
    hanoi = timezone(timedelta(hours=7))
    early = make_article(  # 06:04 UTC, though 13:04 on the page
        "https://news.example.vn/a/early.html",
        published_at=datetime(2025, 12, 22, 13, 4, tzinfo=hanoi),
        body_text="Early story. " * 30,
    )
    late = make_article(
        "https://wire.example.com/late.html",
        published_at=datetime(2025, 12, 22, 8, 0, tzinfo=UTC),
        body_text="Late story. " * 30,
    )
    archive.file_many([Filing(early), Filing(late)])
    listed = rows(archive, "SELECT url, published_day FROM articles ORDER BY published_at DESC")
    assert listed == [(late.url, "2025-12-22"), (early.url, "2025-12-22")]


def test_an_older_archive_has_its_publication_times_moved_to_utc(tmp_path: Path) -> None:
    from scraper.archive.schema import MIGRATIONS

    db = sqlite_utils.Database(tmp_path / "old.db")
    MIGRATIONS.apply(db, stop_before="m006_publication_times_in_utc")
    db["sites"].insert({"name": "news.example.vn"})
    db["articles"].insert(
        {
            "canonical_url": "https://news.example.vn/a/1.html",
            "url": "https://news.example.vn/a/1.html",
            "site": "news.example.vn",
            "published_at": "2025-12-22T13:04:09+07:00",
            "published_day": "2025-12-22",
            "modified_at": None,
            "content_hash": "x",
            "first_seen": "2025-12-22T07:00:00+00:00",
            "last_seen": "2025-12-22T07:00:00+00:00",
        }
    )
    db.close()
    with Archive.open(tmp_path / "old.db") as opened:
        row = opened.db.execute("SELECT published_at, published_day FROM articles").fetchone()
    assert row == ("2025-12-22T06:04:09+00:00", "2025-12-22")


def test_a_bulk_filing_reaches_the_database_file_without_waiting_for_the_writer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Checkpoints run on their own thread: the main file has the batch while the archive
    is still open (readers that copy the file, backups, see it), no writer commit needed."""
    monkeypatch.setattr(store, "_PROCESS_MIN", 1)
    path = tmp_path / "archive.db"
    stories = [
        make_article(f"https://news.example.vn/a/{k}.html", body_text=f"Story {k}. " * 40)
        for k in range(30)
    ]
    with Archive.open(path) as opened:
        opened.file_many([Filing(a) for a in stories])
        in_file = 0
        for _ in range(100):
            # immutable=1 reads the main file alone, ignoring the write-ahead log.
            with sqlite3.connect(f"file:{path}?immutable=1", uri=True) as main_file:
                try:
                    in_file = main_file.execute("SELECT count(*) FROM articles").fetchone()[0]
                except sqlite3.DatabaseError:
                    # Not even the schema checkpointed yet, or the checkpoint is writing
                    # the pages being read: an immutable reader is not protected from that.
                    in_file = 0
            if in_file == len(stories):
                break
            time.sleep(0.05)
        assert in_file == len(stories)


def test_a_stream_that_fails_keeps_the_batches_filed_before_the_failure(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "_PROCESS_MIN", 1)
    good = [
        make_article(f"https://news.example.vn/a/{k}.html", body_text=f"Story {k}. " * 40)
        for k in range(5)
    ]
    broken = replace(good[0], url="https://news.example.vn/a/broken.html", body_text=None)
    stream = archive.file_stream([Filing(a) for a in [*good[:4], broken, good[4]]], batch=2)
    filed = []
    with pytest.raises(TypeError):
        for result in stream:
            filed.append(result.article_id)
    assert filed == [1, 2, 3, 4]
    assert rows(archive, "SELECT count(*) FROM articles") == [(4,)]
