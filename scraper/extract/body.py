"""Find the article's main text on pages of sites we have never seen.

One read-only walk (``body_blocks.walk``) cuts the page into text blocks and
tables every element; each block is rated as article-like (long, few links,
not under chrome markup) or boilerplate (links, chrome), the ratings are
summed up the tree in one reverse pass, and the element with the best balance
of article text over boilerplate becomes the body's container. Its blocks,
less the ones that have fields of their own (tag line, share bar, related
teasers, the closing wire credit), are the paragraphs. JSON-LD
``articleBody`` stands in when the markup yields far less text than it.
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..models import HEURISTIC, JSON_LD, PROFILE, SiteProfile
from .body_blocks import HEADINGS, Block, Page, walk
from .body_rules import (
    BOX_WORDS,
    CREDIT_LINE,
    GATE_LINE,
    PROMO_LINE,
    PROMO_TAIL,
    RELATED_ANYWHERE,
    RELATED_LINE,
    SHARE_LINE,
    TAG_LINE,
    is_noise_line,
)
from .body_script import script_html
from .structured import Structured

#: Link text counts this much against a container, article text counts once.
_LINK_PENALTY = 1.5
#: Extra weight of article text in an element whose markup names it the body.
_NAMED_BONUS = 0.25
#: Headings of teaser cards (an ``h1`` is the page's own headline).
_CARD_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
#: Most text in a teaser card: a linked heading and a summary.
_CARD_TEXT = 500
#: Shortest paragraph kept however much of it is links (when it ends a sentence).
_LINKED_PROSE = 120
#: A paragraph this long without many links is story text, not a teaser line.
_PROSE = 150
#: Share of link text that makes a paragraph a teaser whatever it reads like.
_MOSTLY_LINK = 0.85
#: Longest caption or photo credit under an image.
_CAPTION_MAX = 300
#: Most elements in the box around an image and its caption.
_CAPTION_BOX = 3
#: Less visible text than this on a whole page: look under hidden boxes too.
_MIN_PAGE_TEXT = 500
#: A line seen this often in one body is a placeholder or label.
_REPEATS = 3
#: Longest closing call to subscribe or follow, or rights notice.
_PROMO_MAX = 300
#: Most elements a teaser box under a "Related" line holds.
_TEASER_BOX = 40
#: Most blocks (kicker, section, breadcrumb) a container shows above its headline.
_ABOVE_HEADLINE = 6
#: Elements that hold one paragraph of text, not a story.
_TEXT_BLOCKS = frozenset(["p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "dt", "dd", "tr"])
#: Words of "enable JavaScript" notices in several languages.
_ENABLE_WORDS = ("enable", "aktivier", "activ", "habilit", "abilit", "włącz", "turn on")
#: Shortest headline part (letters and digits) that a longer heading line may extend.
_MIN_TITLE_PART = 12
#: Least share of the longer of headline and heading line the shorter one must cover.
_TITLE_SHARE = 0.6
#: How many levels above the container its twins (``_twins``) are looked for.
_TWIN_REACH = 3
#: Paragraphs of prose a twin container must hold.
_TWIN_PROSE = 2
#: Longest "Read more" link under a teaser's summary.
_MORE_LINK = 30
#: Less body text than this: look for the story in the page's scripts (``body_script``).
_SCRIPT_TRIGGER = 400
#: How many blocks before the body the headline is looked for (a photo strip or a
#: slideshow between the standfirst and the body is dozens of blocks).
_LEAD_REACH = 80
#: Weight of the non-link text of marked chrome against a container.
_CHROME_WEIGHT = 0.2
#: Blocks shorter than this carry no weight when choosing the container.
_MIN_SCORED = 40
#: A block with more link text than this share is navigation, not prose.
_MAX_LINK_SHARE = 0.5


@dataclass(slots=True)
class BodyResult:
    paragraphs: list[str] = field(default_factory=list)
    root: LexborNode | None = None  # the main-content container, for dates and teasers
    source: str | None = None


def find_body(
    tree: LexborHTMLParser,
    *,
    found: Structured,
    profile: SiteProfile | None,
    headline: str | None,
) -> BodyResult:
    """The body paragraphs and their container. Must not modify ``tree``."""
    top = tree.body or tree.root
    ld_paragraphs = _jsonld_paragraphs(found)
    if top is None:
        return BodyResult(ld_paragraphs, None, JSON_LD if ld_paragraphs else None)
    page = walk(top)
    if _text_size(page) < _MIN_PAGE_TEXT:
        # Script-revealed pages wrap everything in one hidden box until they load.
        revealed = walk(top, reveal=True)
        if _text_size(revealed) > 2 * _text_size(page) + _MIN_PAGE_TEXT // 2:
            page = revealed
    if not page.tags:
        return BodyResult(ld_paragraphs, None, JSON_LD if ld_paragraphs else None)
    selector = profile.selectors.get("body") if profile else None
    if selector:
        node = tree.css_first(selector)
        index = _index_of(page, node) if node is not None else None
        if node is not None and index is not None:
            return BodyResult(_collect(page, [index], _chrome(page), headline), node, PROFILE)
    chrome = _chrome(page)
    roots = _choose_root(page, chrome)
    if headline:
        story = _one_story(page, roots[0], _compact(headline))
        if story != roots[0]:
            roots = [story]
    root = roots[0]
    paragraphs = _lead(page, min(roots), chrome, headline)
    paragraphs += _collect(page, roots, chrome, headline)
    if ld_paragraphs and _words(ld_paragraphs) > 2 * _words(paragraphs) + 20:
        return BodyResult(ld_paragraphs, page.nodes[root], JSON_LD)
    if sum(map(len, paragraphs)) < _SCRIPT_TRIGGER and tree.root is not None:
        rendered = _script_paragraphs(tree.root, headline)
        if sum(map(len, rendered)) > 2 * sum(map(len, paragraphs)) + _SCRIPT_TRIGGER // 2:
            return BodyResult(rendered, page.nodes[root], HEURISTIC)
    return BodyResult(paragraphs, page.nodes[root], HEURISTIC)


def _script_paragraphs(top: LexborNode, headline: str | None) -> list[str]:
    """The story of a page that script renders, read from the HTML in its app state."""
    value = script_html(top)
    if value is None:
        return []
    shadow = LexborHTMLParser(value)
    if shadow.body is None:
        return []
    page = walk(shadow.body)
    if not page.tags:
        return []
    chrome = _chrome(page)
    return _collect(page, _choose_root(page, chrome), chrome, headline)


def _text_size(page: Page) -> int:
    return sum(len(block.text) for block in page.blocks)


def _index_of(page: Page, node: LexborNode) -> int | None:
    target = node.mem_id
    for index, candidate in enumerate(page.nodes):
        if candidate.mem_id == target:
            return index
    return None


def _chrome(page: Page) -> list[int]:
    """For each element, its nearest chrome ancestor-or-self (-1: none).

    Class words are a hint, not proof: an element marked as chrome that holds
    most of the page's prose is a layout wrapper (``sidebar-grid``,
    ``modal-open``), unless it is a comment section.
    """
    count = len(page.tags)
    raw = [0] * count
    for block in page.blocks:
        length = len(block.text)
        if length >= _MIN_SCORED and block.link_chars < 0.3 * length:
            raw[block.owner] += length
    parent = page.parent
    for index in range(count - 1, 0, -1):
        up = parent[index]
        if up >= 0:
            raw[up] += raw[index]
    limit = 0.4 * raw[0]
    mark, content = page.mark, page.content
    # Sibling boxes of one kind (``section.report__section--ads`` x 8) are judged
    # together: a story cut into sections marked like ads is still the story.
    group: dict[tuple[int, str, str], int] = {}
    keys: dict[int, tuple[int, str, str]] = {}
    for index in range(1, count):
        if mark[index] == 1 and raw[index]:
            cls = page.nodes[index].attributes.get("class") or ""
            key = (parent[index], page.tags[index], cls.split()[0] if cls.strip() else "")
            keys[index] = key
            group[key] = group.get(key, 0) + raw[index]
    chrome = [-1] * count
    for index in range(count):
        up = parent[index]
        if content[index]:
            # Text words cancel the element's own chrome words, and its ancestors' only
            # when those may be a layout wrapper: the text of a related-posts teaser or an
            # author box (``post-content`` in ``author-box``) stays chrome.
            if up >= 0 and chrome[up] >= 0 and _names_box(page.nodes[chrome[up]]):
                chrome[index] = chrome[up]
            continue
        strength = mark[index]
        weight = group[keys[index]] if index in keys else raw[index]
        if strength == 2 or (strength == 1 and weight <= limit):
            chrome[index] = index
        elif up >= 0:
            chrome[index] = chrome[up]
    return chrome


def _names_box(node: LexborNode) -> bool:
    attrs = node.attributes
    return bool(BOX_WORDS.search(f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()))


def _choose_root(page: Page, chrome: list[int]) -> list[int]:
    """The element whose subtree holds the most article text net of boilerplate, then
    its twins (``_twins``).

    Sums run bottom-up in one reverse pass over the pre-order table, so every
    element's subtree total costs O(1).
    """
    count = len(page.tags)
    good = [0.0] * count
    bad = [0.0] * count
    parent, content = page.parent, page.content
    for block in page.blocks:
        owner = block.owner
        length = len(block.text)
        links = block.link_chars
        if chrome[owner] >= 0:
            # Marked chrome is dropped from the output anyway: only its links weigh.
            bad[owner] += links + _CHROME_WEIGHT * (length - links)
        elif links > _MAX_LINK_SHARE * length:
            bad[owner] += length
        elif length >= _MIN_SCORED and links < 0.3 * length:
            good[owner] += length - links
        elif links:
            bad[owner] += links
    for index in range(count - 1, 0, -1):
        up = parent[index]
        if up >= 0:
            good[up] += good[index]
            bad[up] += bad[index]
    best, best_score = 0, float("-inf")
    for index in range(count):
        score = good[index] - _LINK_PENALTY * bad[index]
        if content[index]:
            score += _NAMED_BONUS * good[index]
        if score > best_score:
            best, best_score = index, score
    # A single paragraph is never the container: its siblings are the rest of the story.
    while page.tags[best] in _TEXT_BLOCKS and parent[best] >= 0:
        best = parent[best]
    return [best, *_twins(page, chrome, best, good, bad)]


def _twins(
    page: Page, chrome: list[int], root: int, good: list[float], bad: list[float]
) -> list[int]:
    """Containers that continue the story after an ad or a widget broke it off: elements
    near the container with its tag and classes, holding paragraphs of prose.

    A layout that interrupts a story repeats the story's box for the rest of it; a
    box without classes proves nothing, so it has no twins.
    """
    top = root
    for _ in range(_TWIN_REACH):
        if page.parent[top] < 0:
            break
        top = page.parent[top]
    if top == root:
        return []
    tag, tags = page.tags[root], page.tags
    cls: str | None = None
    twins: list[int] = []
    index, last, end = top + 1, page.end[top], page.end[root]
    while index <= last:
        if index == root:
            index = end + 1
            continue
        if (
            tags[index] == tag
            and good[index] >= 2 * _PROSE
            and good[index] > _LINK_PENALTY * bad[index]
            and chrome[index] < 0
            and not index < root <= page.end[index]
        ):
            if cls is None:
                cls = page.nodes[root].attributes.get("class") or ""
                if not cls.strip():
                    return []
            if page.nodes[index].attributes.get("class") == cls and _has_prose(page, index):
                twins.append(index)
                index = page.end[index] + 1
                continue
        index += 1
    return twins


def _has_prose(page: Page, index: int) -> bool:
    """Whether an element holds two paragraphs of prose (a story's, not a teaser's: a
    summary followed by a short "Read more" link is a teaser)."""
    last = page.end[index]
    found = 0
    after_prose = False
    for block in page.blocks:
        if block.owner < index:
            continue
        if block.owner > last:
            break
        if after_prose and len(block.text) <= _MORE_LINK and block.link_chars == len(block.text):
            return False
        after_prose = _is_prose(block)
        found += after_prose
    return found >= _TWIN_PROSE


def _one_story(page: Page, root: int, title: str) -> int:
    """Of several ``<article>`` elements in the container (the next story that an
    endless page appends below the first), the one whose heading is the headline."""
    tags, end = page.tags, page.end
    last = end[root]
    articles: list[int] = []
    index = root + 1
    while index <= last:
        try:
            index = tags.index("article", index, last + 1)
        except ValueError:
            break
        articles.append(index)
        index = end[index] + 1
    if len(articles) < 2:
        return root
    for block in page.blocks:
        if block.owner < articles[0] or block.tag not in HEADINGS:
            continue
        if block.owner > last:
            break
        if _is_title(block.text, title):
            for article in articles:
                if article <= block.owner <= end[article] and _has_prose(page, article):
                    return article
            return root
    return root


def _collect(page: Page, roots: list[int], chrome: list[int], headline: str | None) -> list[str]:
    """The paragraphs of the containers (in page order), less chrome and lines with
    fields of their own."""
    root = roots[0]
    head = _norm(headline) if headline else None
    title = _compact(headline) if headline else None
    out: list[str] = []
    kinds: list[str] = []  # the tag of each paragraph's block
    skip_until = -1  # end of a teaser box opened by a "Related" line
    skipping_links = False  # dropping the link list that follows a "Related" heading
    if len(roots) == 1:
        last = page.end[root]
        blocks = [b for b in page.blocks if root <= b.owner <= last]
        tops = [root] * len(blocks)
    else:
        spans = sorted((r, page.end[r]) for r in roots)
        blocks, tops = [], []
        for block in page.blocks:
            for start, stop in spans:
                if start <= block.owner <= stop:
                    blocks.append(block)
                    tops.append(start)
                    break
    # Short lines above the headline (section label, breadcrumb, kicker) are not the story.
    for position, block in enumerate(blocks[:_ABOVE_HEADLINE]):
        if block.tag in HEADINGS and (
            _is_title(block.text, title) if title is not None else block.tag == "h1"
        ):
            keep = [i for i in range(position) if len(blocks[i].text) >= _MIN_SCORED]
            keep.extend(range(position + 1, len(blocks)))
            blocks = [blocks[i] for i in keep]
            tops = [tops[i] for i in keep]
            break
    per_owner = Counter(b.owner for b in blocks)
    cards = _teaser_cards(page, roots[0], blocks)
    for position, block in enumerate(blocks):
        owner = block.owner
        text = block.text
        root = tops[position]
        if cards and any(start <= owner <= stop for start, stop in cards):
            continue
        if skipping_links:
            # The link list under a "Related" heading ends at the first line of prose.
            if block.link_chars and not _is_prose(block):
                continue
            skipping_links = False
        if owner <= skip_until or chrome[owner] > root:
            continue
        if block.link_chars > _MAX_LINK_SHARE * len(text) and not _linked_prose(block):
            continue
        if head is not None and len(text) < 300 and _is_line(text, head):
            continue
        if block.tag in HEADINGS and _heads_link_box(page, blocks, position, root):
            continue
        if len(text) <= _CAPTION_MAX and _is_caption(page, owner, root, per_owner):
            continue
        if TAG_LINE.match(text) or SHARE_LINE.match(text) or is_noise_line(text):
            continue
        if len(text) < 160 and (
            PROMO_LINE.match(text) or _asks_for_javascript(text) or GATE_LINE.search(text)
        ):
            continue
        if len(text) < 60 and (RELATED_LINE.match(text) or RELATED_ANYWHERE.search(text)):
            # A teaser box: the rest of the heading's (or the line's) own container.
            box = page.parent[owner] if block.tag in HEADINGS or block.tag == "p" else owner
            if (
                box > root
                and page.end[box] - box <= _TEASER_BOX
                and not _prose_follows(page, blocks, position, box)
            ):
                skip_until = page.end[box]
            else:
                skipping_links = True
            continue
        out.append(html.unescape(text) if "&" in text else text)
        kinds.append(block.tag)
    return _trim_tail(_drop_repeats(out, kinds), kinds)


def _drop_repeats(out: list[str], kinds: list[str]) -> list[str]:
    """Drop a line that recurs three times or more: an embed placeholder or a
    per-box label ("External content not available"), never a story's sentence."""
    seen = Counter(out)
    if not seen or seen.most_common(1)[0][1] < _REPEATS:
        return out
    keep = [i for i, text in enumerate(out) if seen[text] < _REPEATS]
    kinds[:] = [kinds[i] for i in keep]
    return [out[i] for i in keep]


def _trim_tail(out: list[str], kinds: list[str]) -> list[str]:
    """Drop what closes the page, not the story: a wire credit, a call to subscribe,
    follow or donate, a rights notice, and a heading left over a box already dropped."""
    while out:
        last = out[-1]
        if not (
            (kinds[-1] in HEADINGS and len(last) < 120 and not last.endswith((".", "!")))
            or (len(last) < 40 and CREDIT_LINE.match(last))
            or (len(last) < _PROMO_MAX and PROMO_TAIL.search(last))
        ):
            break
        out.pop()
        kinds.pop()
    return out


def _prose_follows(page: Page, blocks: list[Block], position: int, box: int) -> bool:
    """Whether story paragraphs follow a "Read also" line in its box: then the box is
    the story's own container (a short article), not a teaser box."""
    last = page.end[box]
    for block in blocks[position + 1 :]:
        if block.owner > last:
            return False
        if _is_prose(block):
            return True
    return False


def _teaser_cards(page: Page, root: int, blocks: list[Block]) -> list[tuple[int, int]]:
    """Element ranges of ``<article>`` cards inside the story whose heading is a link:
    teasers for other stories, however long their summary."""
    cards: list[tuple[int, int]] = []
    for block in blocks:
        if block.tag not in _CARD_HEADINGS or block.link_chars <= _MAX_LINK_SHARE * len(block.text):
            continue
        up = page.parent[block.owner]
        for _ in range(3):
            if up <= root:
                break
            if page.tags[up] == "article":
                stop = page.end[up]
                size = sum(len(b.text) for b in blocks if up <= b.owner <= stop)
                if size <= _CARD_TEXT:
                    cards.append((up, stop))
                break
            up = page.parent[up]
    return cards


def _is_prose(block: Block) -> bool:
    return len(block.text) >= _PROSE and block.link_chars < 0.3 * len(block.text)


def _linked_prose(block: Block) -> bool:
    """A paragraph of sentences that happens to link many of its words."""
    text = block.text
    return (
        block.tag == "p"
        and len(text) >= _LINKED_PROSE
        and block.link_chars < _MOSTLY_LINK * len(text)  # a whole-link teaser is not
        and text.endswith((".", "!", "?"))
    )


def _heads_link_box(page: Page, blocks: list[Block], position: int, root: int) -> bool:
    """A heading whose own box holds nothing but links ("Key events", "Most read")."""
    box = page.parent[blocks[position].owner]
    if box <= root or page.end[box] - box > _TEASER_BOX:
        return False
    last = page.end[box]
    rest = 0
    for block in blocks[position + 1 :]:
        if block.owner > last:
            break
        if block.link_chars <= _MAX_LINK_SHARE * len(block.text):
            return False
        rest += 1
    return rest > 0


def _is_caption(page: Page, owner: int, root: int, per_owner: Counter[int]) -> bool:
    """The only, short text of a small box around an image: a caption or photo credit.

    A paragraph that merely holds an inline image (``<p><img>Text</p>``) is not one.
    """
    for holder in (owner, page.parent[owner]):
        if holder <= root or page.end[holder] - holder > _CAPTION_BOX:
            return False
        if page.image[holder] and page.tags[holder] != "p":
            last = page.end[holder]
            return sum(per_owner[i] for i in range(holder, last + 1)) == 1
    return False


def _lead(page: Page, root: int, chrome: list[int], headline: str | None) -> list[str]:
    """Intro paragraphs between the headline and a container that starts below it.

    Many layouts put the standfirst in the article header, beside the headline,
    and the body in a container of its own; the reader sees both as the story.
    """
    blocks = page.blocks
    first = next((i for i, b in enumerate(blocks) if b.owner >= root), len(blocks))
    if first == len(blocks) or blocks[first].owner > page.end[root]:
        return []
    title = _compact(headline) if headline else None
    start = -1
    for i in range(first - 1, max(first - _LEAD_REACH, 0) - 1, -1):
        block = blocks[i]
        if block.tag not in HEADINGS:
            continue
        is_title = title is not None and _is_title(block.text, title)
        if is_title or (block.tag == "h1" and start < 0):
            start = i
            if is_title:
                break
    if start < 0:
        return []
    out: list[str] = []
    for block in blocks[start + 1 : first]:
        text = block.text
        if chrome[block.owner] >= 0 or len(text) < _MIN_SCORED:
            continue
        if block.link_chars > 0.3 * len(text) or is_noise_line(text):
            continue
        if (block.tag == "p" and len(text) >= 80) or _lead_marked(page, block.owner):
            out.append(html.unescape(text) if "&" in text else text)
    return out


def _lead_marked(page: Page, index: int) -> bool:
    for _ in range(3):
        if index < 0:
            return False
        if page.lead[index]:
            return True
        index = page.parent[index]
    return False


def _asks_for_javascript(text: str) -> bool:
    """A ``<noscript>`` notice ("Please enable JavaScript"), not article text."""
    folded = text.casefold()
    return "javascript" in folded and any(w in folded for w in _ENABLE_WORDS)


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _is_line(text: str, norm: str) -> bool:
    """``_norm(text) == norm``; the first letters are compared first (most lines differ
    there), so most lines are not folded and split whole."""
    return text.lstrip()[:1].casefold()[:1] == norm[:1] and _norm(text) == norm


def _compact(text: str) -> str:
    """Letters and digits only, case-folded: a headline as any layout prints it, whatever
    separates its kicker (a colon, a line break, nothing) or hyphenates it (``\xad``)."""
    return "".join(char for char in text.casefold() if char.isalnum())


def _is_title(text: str, title: str) -> bool:
    """Whether a heading line is the story's headline (``title`` compacted), give or take
    a kicker or site name before or after it: the headline we found may carry the kicker
    the heading line lacks, or lack the one it shows."""
    line = _compact(text)
    if line == title:
        return True
    short, long = (line, title) if len(line) < len(title) else (title, line)
    return (
        len(short) >= _MIN_TITLE_PART
        and len(short) >= _TITLE_SHARE * len(long)
        and (long.startswith(short) or long.endswith(short))
    )


def _words(paragraphs: list[str]) -> int:
    return sum(len(p.split()) for p in paragraphs)


def _jsonld_paragraphs(found: Structured) -> list[str]:
    """JSON-LD ``articleBody`` as paragraphs (tags stripped, split at line breaks)."""
    value = (found.article or {}).get("articleBody")
    if isinstance(value, list):
        value = "\n".join(v for v in value if isinstance(v, str))
    if not isinstance(value, str) or not value.strip():
        return []
    if "<" in value:
        value = LexborHTMLParser(value.replace("</p>", "\n")).text(separator="")
    value = html.unescape(value)
    return [" ".join(line.split()) for line in value.splitlines() if line.strip()]
