"""Near-duplicate articles: syndicated copies and rewrites of one article.

A wire story reprinted by five outlets is one report, not five. :func:`find_duplicates` flags
such copies so that they still add evidence to an event but do not inflate its
``num_documents``.

Method
------
* **Shingles.** The clean text (``Document.text``, else ``text_raw``; the build signs
  ``text_raw`` in its workers with :func:`document_signature`) is NFKC-normalised and
  lowercased; words are ``\\w+`` runs; a shingle is ``shingle`` consecutive words. Words are
  hashed with BLAKE2b and a shingle's 32-bit hash is a polynomial of its words' hashes, so hashes
  are the same in every process (Python's ``hash()`` is salted per process and is never used).
* **MinHash.** ``num_perm`` strongly universal multiply-add-shift functions
  ``((a·x + b) mod 2**64) >> 32``, with ``a`` and ``b`` drawn from a NumPy generator with a fixed
  seed; a document's signature is the minimum of each function over its shingles. The share of
  equal signature slots estimates the Jaccard similarity of two documents' shingle sets.
* **LSH banding.** The signature is cut into ``bands`` bands of ``num_perm // bands`` rows; two
  documents become a candidate pair only if some band is identical. Documents meet only through
  shared band buckets, so the corpus is never compared all against all. With the defaults
  (32 bands of 4 rows) a pair at Jaccard 0.7 is a candidate with probability > 0.999, a pair at
  0.3 with probability ≈ 0.23 (and is then rejected by the check below).
* **Verification.** A candidate pair is a duplicate if its estimated Jaccard is ≥ ``threshold``.
* **Clusters.** Verified pairs are joined with union–find; every document of a cluster points to
  the cluster's smallest id (the original). Everything is sorted, so the result is deterministic.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

import numpy as np

from .records import Document
from .unionfind import UnionFind

__all__ = [
    "NUM_PERM",
    "SHINGLE",
    "DuplicateFinder",
    "document_signature",
    "find_duplicates",
    "minhash_signature",
    "shingle_hashes",
]

_WORD = re.compile(r"\w+")
_SEED = 20240703
#: Words per shingle and MinHash functions, unless a finder is made with others.
SHINGLE = 5
NUM_PERM = 128
_SHIFT = np.uint64(32)
#: Odd 64-bit multipliers: a shingle's hash is a polynomial in its word hashes (wrapping).
_POLY = np.uint64(0x9E3779B97F4A7C15)
_MIX = np.uint64(0xD6E8FEB86659FD93)
#: Shingles hashed against all permutations at once; bounds memory for very long articles.
_CHUNK = 2048


def _words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).lower())


#: Frequent words are hashed once; the bound keeps the cache near 10 MiB however large the corpus.
@lru_cache(maxsize=1 << 16)
def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


def shingle_hashes(text: str, shingle: int = SHINGLE) -> np.ndarray:
    """Sorted, distinct 32-bit hashes (as uint64) of the word ``shingle``-grams of ``text``.

    Words are hashed with BLAKE2b; a shingle's hash is a polynomial of its words' hashes, so
    it depends on the words and their order, and is the same in every process. A text shorter
    than ``shingle`` words is one shingle; a text without words has none.

    Examples
    --------
    >>> len(shingle_hashes("one two three four five six", shingle=5))
    2
    >>> shingle_hashes("").size
    0
    """
    words = _words(text)
    if not words:
        return np.empty(0, dtype=np.uint64)
    width = min(shingle, len(words))
    w = np.fromiter((_word_hash(word) for word in words), dtype=np.uint64, count=len(words))
    count = len(words) - width + 1
    h = np.zeros(count, dtype=np.uint64)
    for k in range(width):
        h = h * _POLY + w[k : k + count]
    return np.unique((h * _MIX) >> _SHIFT)


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """Seeded parameters of ``num_perm`` multiply-add-shift hash functions."""
    rng = np.random.default_rng(_SEED)
    a = rng.integers(0, 1 << 64, size=num_perm, dtype=np.uint64, endpoint=False)
    b = rng.integers(0, 1 << 64, size=num_perm, dtype=np.uint64, endpoint=False)
    return a, b


def minhash_signature(hashes: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The MinHash signature of a document's 32-bit shingle ``hashes``: one value per function.

    Function ``i`` is ``((a[i]·x + b[i]) mod 2**64) >> 32``, Dietzfelbinger's multiply-add-shift
    scheme, which is strongly universal on 32-bit keys and needs no division.
    """
    signature = np.full(a.shape[0], np.iinfo(np.uint64).max, dtype=np.uint64)
    column = b[:, None]
    for start in range(0, hashes.shape[0], _CHUNK):
        values = np.multiply.outer(a, hashes[start : start + _CHUNK])
        values += column
        np.minimum(signature, values.min(axis=1), out=signature)
    # The shift is monotonic, so it can follow the minimum.
    return signature >> _SHIFT


def document_signature(doc: Document) -> bytes | None:
    """The default signature of ``doc``'s raw text, as bytes a :class:`DuplicateFinder` takes
    instead of the text (``b""``: no words; ``None``: a skipped document).

    Annotation workers compute it while they hold the text, so the corpus-wide pass that finds
    duplicates only reads it back from the store.
    """
    if doc.skipped:
        return None
    signature = _sign(doc.text_raw, SHINGLE, *_permutations(NUM_PERM))
    return b"" if signature is None else signature.astype("<u4").tobytes()


def _sign(text: str, shingle: int, a: np.ndarray, b: np.ndarray) -> np.ndarray | None:
    """The MinHash signature of ``text`` (``None``: it has no words)."""
    hashes = shingle_hashes(text, shingle)
    return minhash_signature(hashes, a, b) if hashes.size else None


def _buckets(signatures: np.ndarray, bands: int) -> Iterable[list[int]]:
    """Rows of ``signatures`` sharing one band, bucket by bucket (only buckets of two or more)."""
    rows = signatures.shape[1] // bands
    for band in range(bands):
        buckets: dict[bytes, list[int]] = defaultdict(list)
        block = np.ascontiguousarray(signatures[:, band * rows : (band + 1) * rows])
        for i in range(block.shape[0]):
            buckets[block[i].tobytes()].append(i)
        for key in sorted(buckets):
            if len(buckets[key]) > 1:
                yield buckets[key]


def _distinct_rows(rows: np.ndarray, *, chunk: int = 4096) -> tuple[np.ndarray, np.ndarray]:
    """Where each distinct row of ``rows`` first occurs, and the number of each row's distinct
    row; distinct rows are numbered in the order they first occur.

    Row positions are sorted (``lexsort`` over the columns) rather than the rows themselves, and
    neighbours compared a chunk at a time, so this holds an index per row, not another copy of
    the matrix.

    Examples
    --------
    >>> first, same = _distinct_rows(np.array([[3, 1], [1, 2], [3, 1], [0, 5]]))
    >>> first.tolist(), same.tolist()
    ([0, 1, 3], [0, 1, 0, 2])
    """
    count = rows.shape[0]
    order = np.lexsort(rows.T[::-1])  # stable: equal rows stay in the order of their positions
    starts_group = np.ones(count, dtype=bool)
    for start in range(1, count, chunk):
        stop = min(start + chunk, count)
        following, preceding = rows[order[start:stop]], rows[order[start - 1 : stop - 1]]
        starts_group[start:stop] = np.any(following != preceding, axis=1)
    group = np.cumsum(starts_group) - 1
    first = order[starts_group]
    by_appearance = np.argsort(first)
    number = np.empty_like(by_appearance)
    number[by_appearance] = np.arange(len(by_appearance))
    same = np.empty(count, dtype=np.int64)
    same[order] = number[group]
    return first[by_appearance], same


def _cluster(signatures: np.ndarray, bands: int, threshold: float) -> UnionFind:
    """Union–find over the rows of ``signatures``, joining verified candidate pairs."""
    uf = UnionFind(signatures.shape[0])
    rejected: set[tuple[int, int]] = set()
    for members in _buckets(signatures, bands):
        if len({uf.find(i) for i in members}) == 1:
            continue
        for pos, j in enumerate(members):
            for i in members[:pos]:
                if uf.find(i) == uf.find(j) or (i, j) in rejected:
                    continue
                if float(np.mean(signatures[i] == signatures[j])) >= threshold:
                    uf.union(i, j)
                else:
                    rejected.add((i, j))
    return uf


class DuplicateFinder:
    """:func:`find_duplicates` fed one document at a time, keeping only each one's signature.

    This lets the build sign documents during a pass it makes anyway, without holding their text.

    Examples
    --------
    >>> finder = DuplicateFinder()
    >>> text = "one two three four five six seven eight nine ten"
    >>> finder.add(Document("b", "b.txt", text)); finder.add(Document("a", "a.txt", text))
    >>> finder.duplicates()
    {'b': 'a'}
    """

    def __init__(
        self, *, threshold: float = 0.7, shingle: int = SHINGLE, num_perm: int = NUM_PERM, bands: int = 32
    ):
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        if shingle < 1:
            raise ValueError(f"shingle must be at least 1, got {shingle}")
        if bands < 1 or num_perm < bands or num_perm % bands:
            raise ValueError(f"num_perm ({num_perm}) must be a positive multiple of bands ({bands})")
        self.threshold, self.shingle, self.bands = threshold, shingle, bands
        self._a, self._b = _permutations(num_perm)
        #: Every id seen; the first document with an id is the one used.
        self._seen: set[str] = set()
        #: The ids of the documents with words, and their signatures as 32-bit values, row after
        #: row in one buffer: a signature is 512 bytes, and an object per document would add 150.
        self._ids: list[str] = []
        self._rows = bytearray()

    def add(self, doc: Document, signature: bytes | None = None) -> None:
        """Sign ``doc``, or take its :func:`document_signature` if given (and this finder uses
        the default shingles and functions, which made it)."""
        if doc.skipped or doc.id in self._seen:
            return
        self._seen.add(doc.id)
        if signature is None or (self.shingle, len(self._a)) != (SHINGLE, NUM_PERM):
            computed = _sign(doc.text or doc.text_raw, self.shingle, self._a, self._b)
            # Each value is a 64-bit hash shifted right by 32: it fits in 32 bits.
            signature = b"" if computed is None else computed.astype("<u4").tobytes()
        if signature:
            self._ids.append(doc.id)
            self._rows += signature

    def signature(self, doc_id: str) -> np.ndarray | None:
        """The signature of the document ``doc_id`` (``None``: it has no words, or was not added).

        For inspection: it looks the id up in a list, in time linear in the documents added.
        """
        if doc_id not in self._ids:
            return None
        row, width = self._ids.index(doc_id), len(self._a) * 4
        return np.frombuffer(self._rows[row * width : (row + 1) * width], "<u4")

    def duplicates(self) -> dict[str, str]:
        """``{doc_id: original_id}`` of the documents added so far (see :func:`find_duplicates`)."""
        if len(self._ids) < 2:
            return {}
        order = sorted(range(len(self._ids)), key=self._ids.__getitem__)
        ids = [self._ids[i] for i in order]
        rows = np.frombuffer(self._rows, "<u4").reshape(len(ids), len(self._a))[order]  # a copy
        # Identical signatures are duplicates outright; only one of each goes through the banding,
        # so a thousand copies of one wire story cost one bucket entry, not a million pairs.
        first_document, same_as = _distinct_rows(rows)
        if len(first_document) < len(rows):  # else every row is distinct, and already in this order
            rows = rows[first_document]
        uf = _cluster(rows, self.bands, self.threshold)
        del rows
        # Ids are sorted and union keeps the smaller index as root, so each cluster's root row is
        # its smallest id; the first document with a signature is the smallest id sharing it.
        first_document = first_document.tolist()
        original = [ids[first_document[uf.find(u)]] for u in same_as.tolist()]
        return {doc_id: found for doc_id, found in zip(ids, original, strict=True) if found != doc_id}


def find_duplicates(
    documents: Iterable[Document],
    *,
    threshold: float = 0.7,
    shingle: int = 5,
    num_perm: int = 128,
    bands: int = 32,
) -> dict[str, str]:
    """Near-duplicate documents, each mapped to the original of its cluster.

    Parameters
    ----------
    documents : iterable of Document
        The corpus; skipped documents and documents without words are ignored. Of several
        documents with one id, the first is used.
    threshold : float
        Minimum estimated Jaccard similarity of two documents' shingle sets.
    shingle : int
        Words per shingle.
    num_perm : int
        MinHash permutations; must be a multiple of ``bands``.
    bands : int
        LSH bands. More bands (fewer rows each) find more candidates at lower similarity.

    Returns
    -------
    dict of str to str
        ``{doc_id: original_id}`` for every document that is a near-duplicate, sorted by id.
        The original is the smallest id of its duplicate cluster and is not a key itself.
    """
    finder = DuplicateFinder(threshold=threshold, shingle=shingle, num_perm=num_perm, bands=bands)
    for doc in documents:
        finder.add(doc)
    return finder.duplicates()
