"""Duplicate and near-duplicate detection, as values the store can persist.

Two kinds of sameness matter to an archive:

* **Identical content** under another URL (a print copy, a moved article):
  one article. ``content_hash`` is a digest of the headline and body after
  Unicode and white-space normalisation, so markup and spacing changes do not
  count as new content.
* **Near-duplicates**: the same wire story (AFP, VNA, dpa...) syndicated by
  several portals, each trimming a sentence or changing the headline. These
  are different articles of different sites and are both kept, but linked as
  one cluster (``articles.cluster_id``).

Near-duplicates are found with MinHash locality-sensitive hashing (datasketch's
``affine32`` scheme and permutations, computed here on whole arrays): the body
becomes the set of its word 3-grams ("shingles"; character 3-grams in Chinese,
Japanese, Thai and other scripts written without spaces); a MinHash signature
of ``NUM_PERM`` values estimates the Jaccard similarity of two such sets. The
signature is cut into ``BANDS`` bands of ``ROWS`` values; two articles become
*candidates* when any band is identical, which happens with probability
``1 - (1 - J**ROWS)**BANDS`` (about 0.9 at J = 0.6, 0.99 at J = 0.7, 0.05 at
J = 0.3). Candidates are then confirmed by the signature's similarity estimate
(``>= THRESHOLD``).

The index is persisted in SQLite rather than held in memory (datasketch's
``MinHashLSH`` keeps its buckets in a dict or Redis): each band becomes one
64-bit key in an indexed table, so finding candidates is one indexed lookup
of ``BANDS`` keys however large the archive grows, and clusters survive across
runs and processes.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from typing import NamedTuple

import numpy as np

__all__ = [
    "BANDS",
    "NUM_PERM",
    "ROWS",
    "THRESHOLD",
    "Fingerprint",
    "band_keys",
    "content_hash",
    "fingerprint",
    "minhash_values",
    "similarity",
]

NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
#: Estimated Jaccard similarity of shingle sets above which two articles are one story.
THRESHOLD = 0.5
#: Bodies shorter than this many words are too short to call two stories the same.
MIN_WORDS = 40


#: The permutations of the signature: ``a * h + b`` (mod 2**32) for each pair, exactly
#: those datasketch draws for ``MinHash(num_perm=64, seed=1, scheme="affine32")`` (a test
#: holds them equal). Written out rather than drawn at run time: stored signatures must
#: never change with a library upgrade, and importing datasketch (with scipy) cost every
#: process that files articles 0.4 s.
_PERMUTATION_A = np.array(
    [
        0xD583E84B,
        0xFE8F01D7,
        0x70CE5F19,
        0xDD782891,
        0x000EFDFF,
        0x41998713,
        0x9ACB5597,
        0xFF823D0B,
        0x4B23969F,
        0x78E0A781,
        0x2F470121,
        0xCB0CA103,
        0x5F5D7F99,
        0xC69C3C8F,
        0xB0ED55DB,
        0x56E8F3F9,
        0xCB251B0D,
        0xDEFEFA33,
        0x13DFC965,
        0xB14FAA29,
        0xD6A0A9FD,
        0xA06562CB,
        0x5ED51725,
        0x0C9193A9,
        0x68ADF717,
        0xE30C41F9,
        0xC1989BD5,
        0x758B2539,
        0x0E05BF3B,
        0x119EB31D,
        0x57478465,
        0xD3F2D489,
        0xD5A8F9AF,
        0xEA16BFAF,
        0x1E0C97D3,
        0xDC8485E3,
        0x47E0CBEF,
        0xE0D55BBD,
        0x656D8EC1,
        0x8E8908AD,
        0x99FB311B,
        0x6E93AFD3,
        0xEFBFFB13,
        0x9B03080F,
        0xA079227F,
        0x2F83967B,
        0x62781C2D,
        0x094B4A73,
        0xC0B61403,
        0xBAE3EF01,
        0xCA09E279,
        0xA885F1A3,
        0x2B8AEA11,
        0xA8C1C5B1,
        0x13FEFD1B,
        0x8BCD34E7,
        0x56F4035F,
        0x1E551FD5,
        0xC19BE4F3,
        0x574F7391,
        0x325A843D,
        0x2FA6488F,
        0xD79B6B07,
        0x57E30B8D,
    ],
    dtype=np.uint32,
)
_PERMUTATION_B = np.array(
    [
        0xF5383F95,
        0x696AEE31,
        0x887D8539,
        0x3292B203,
        0xB11EDBC4,
        0x4A252B18,
        0x50C5A1F1,
        0x2461FC2B,
        0xAFBE864C,
        0xC8874C1A,
        0xD5AA0734,
        0x699C2550,
        0x04AE8A6D,
        0x08BF7373,
        0xC0097529,
        0x9FC06DD2,
        0xFD26000F,
        0xA91F6C40,
        0xBF87C8C4,
        0x4C6A3019,
        0x47CB2D6F,
        0x7235DEE2,
        0xCA0E35D7,
        0x38DD2787,
        0x1A6D051A,
        0x12C7FE99,
        0x72A92668,
        0x78200416,
        0xE899B709,
        0x189EBEC3,
        0x4B2A4BE7,
        0xE743447E,
        0x49ABA517,
        0x1E96ED7D,
        0x21498D64,
        0x8659409B,
        0x04F53BA5,
        0x15685139,
        0xADC82A53,
        0xEAB76CA6,
        0x362D4288,
        0xE9132520,
        0x43FADDA2,
        0x4C86AF0A,
        0x7DD7BD17,
        0x959A868F,
        0x0DA92AEF,
        0x90DF9C57,
        0x92F95F19,
        0x9D2B0FC7,
        0x259000F3,
        0xF4DF855C,
        0x96DCBA4A,
        0x42CF84BE,
        0xB3235D2E,
        0x3B23D3A0,
        0x1A3296D8,
        0x88901497,
        0x69FF92B7,
        0xF32F2541,
        0xB1C43571,
        0x7E39274D,
        0x6A07A703,
        0x8A64CB80,
    ],
    dtype=np.uint32,
)


def _punctuation_class() -> str:
    """A regex class of the punctuation and symbols below U+3040 and of fullwidth forms."""
    points = [
        cp
        for cp in (*range(0x3040), *range(0xFF00, 0xFF66))
        if unicodedata.category(chr(cp))[0] in "PS" and chr(cp) != "'"
    ]
    runs: list[list[int]] = []
    for cp in points:
        if runs and runs[-1][1] == cp - 1:
            runs[-1][1] = cp
        else:
            runs.append([cp, cp])
    return "".join(re.escape(chr(a)) + ("" if a == z else "-" + re.escape(chr(z))) for a, z in runs)


# Punctuation and symbols become spaces so "said," and "said" are one word. A regex:
# str.translate with a dict costs 5x more on non-ASCII text (265 against 51 us per body).
_PUNCT = re.compile(f"[{_punctuation_class()}]+")
#: Scripts written without spaces between words: Thai, Lao, Myanmar, Khmer, kana, CJK.
_UNSPACED_CHARS = (
    "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u31f0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
)
_UNSPACED = re.compile(f"[{_UNSPACED_CHARS}]")
#: One character of such a script, or a run of anything else that is not a space.
_UNSPACED_TOKEN = re.compile(f"[{_UNSPACED_CHARS}]|[^\\s{_UNSPACED_CHARS}]+")
_MIX_A = np.uint32(0x9E3779B1)
_MIX_B = np.uint32(0x85EBCA77)


def _normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def content_hash(headline: str | None, body: str | None) -> str:
    """A digest of what a reader reads: headline and body, spacing and Unicode form ignored."""
    data = _normalise(headline or "") + "\n" + _normalise(body or "")
    return hashlib.blake2b(data.encode("utf-8"), digest_size=16).hexdigest()


class Fingerprint(NamedTuple):
    """A body's MinHash signature and its LSH band keys.

    A named tuple rather than a dataclass: fingerprints cross process boundaries
    with every prepared record, and a tuple pickles several times faster.
    """

    signature: bytes  # NUM_PERM little-endian uint32 values
    band_keys: tuple[int, ...]  # BANDS signed 64-bit keys, the band number mixed in


def _fmix32(hv: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer: datasketch's pre-mix of the ``affine32`` scheme."""
    hv = hv ^ (hv >> np.uint32(16))
    hv = hv * np.uint32(0x85EBCA6B)
    hv = hv ^ (hv >> np.uint32(13))
    hv = hv * np.uint32(0xC2B2AE35)
    return hv ^ (hv >> np.uint32(16))


def minhash_values(shingles: np.ndarray) -> np.ndarray:
    """The ``affine32`` MinHash signature of shingle hashes, as datasketch computes it.

    ``MinHash.update_batch`` calls its hash function once per shingle in
    Python (~150 us of a 5 KB body's 250); this is the same permutation and
    minimum on the whole array (a test holds it equal to datasketch's).
    """
    a, b = _PERMUTATION_A, _PERMUTATION_B
    mixed = _fmix32(shingles.astype(np.uint32)).reshape(-1, 1)
    return np.asarray((mixed * a + b).min(axis=0), dtype=np.uint32)


def _tokens(body: str) -> list[bytes]:
    """Words; in scripts written without spaces (Chinese, Japanese, Thai...), characters."""
    text = _PUNCT.sub(" ", body).casefold()
    if _UNSPACED.search(text) is None:
        return text.encode("utf-8").split()
    return [t.encode("utf-8") for t in _UNSPACED_TOKEN.findall(text)]


def fingerprint(body: str) -> Fingerprint | None:
    """The MinHash fingerprint of a body, or None when it is too short to compare.

    Shingles are 3-grams of words, or of characters where a script does not
    separate words: a Chinese story is one or two "words" to ``split()``.
    """
    words = _tokens(body)
    if len(words) < MIN_WORDS:
        return None
    # One C-speed hash per word, then 3-gram shingle hashes combined in numpy:
    # hashing each shingle string in Python would cost more than filing the article.
    hashes = np.fromiter(map(zlib.crc32, words), dtype=np.uint32, count=len(words))
    # No de-duplication: a repeated shingle cannot change a minimum (np.unique cost 58 us).
    shingles = (hashes[:-2] * _MIX_A) ^ (hashes[1:-1] * _MIX_B) ^ hashes[2:]
    values = minhash_values(shingles).astype("<u4").tobytes()
    return Fingerprint(values, band_keys(values))


def band_keys(signature: bytes) -> tuple[int, ...]:
    """The LSH keys of a signature: one signed 64-bit digest per band, salted by band number."""
    size = ROWS * 4
    return tuple(
        int.from_bytes(
            hashlib.blake2b(
                signature[band * size : (band + 1) * size], digest_size=8, salt=bytes([band])
            ).digest(),
            "little",
            signed=True,
        )
        for band in range(BANDS)
    )


def similarity(signature_a: bytes, signature_b: bytes) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    a = np.frombuffer(signature_a, dtype="<u4")
    b = np.frombuffer(signature_b, dtype="<u4")
    if a.shape != b.shape:
        return 0.0
    return float(np.count_nonzero(a == b)) / len(a)
