"""Merge reports of the same event across articles and languages, and settle their dates.

Two reports are the same event when their types are compatible, their core participants (the
actors of the sentences that report the gathering itself) share two actors one of which is a
person, or a person and a location, and their dates are
compatible (the same day, one partial or unknown, or documents at most seven days apart).
Merging is the transitive closure of that relation, computed over candidate pairs blocked by
participant pair and by participant with location, in a fixed order, so it never compares all
pairs. Reports an article itself keeps apart are never merged.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import astuple, fields
from datetime import date
from functools import cache
from itertools import combinations
from typing import NamedTuple

import numpy as np

from ..ranking import sorted_ranks
from ..records import Evidence
from ..resources import load_resource
from ..spill import RowFile
from ..unionfind import UnionFind
from .reports import Report, shares_enough
from .times import ReportDate

__all__ = ["WINDOW", "ReportMerger", "merge_reports", "mergeable", "settle_date"]

#: Each report is compared with at most this many later reports in a block.
WINDOW = 50
_RANK = {"day": 3, "month": 2, "year": 1, None: 0}


@cache
def _compatible_types() -> frozenset[frozenset[str]]:
    return frozenset(frozenset(pair) for pair in load_resource("events", "common").get("compatible", []))


def types_compatible(a: str, b: str) -> bool:
    if "COOCCUR" in (a, b):
        return False
    return a == b or frozenset((a, b)) in _compatible_types()


def _best(dates: Sequence[ReportDate]) -> ReportDate | None:
    known = [d for d in dates if d.iso]
    if not known:
        return None
    order = {"explicit": 0, "resolved": 1, "document": 2}
    return min(known, key=lambda d: (-_RANK[d.precision], order.get(d.kind, 3), d.iso))


def _month_day(d: ReportDate) -> str | None:
    if d.partial:
        return d.partial[2:]
    return d.iso[5:] if d.iso and len(d.iso) > 4 else None


def dates_compatible(
    a: Sequence[ReportDate], b: Sequence[ReportDate], doc_a: ReportDate | None, doc_b: ReportDate | None
) -> bool:
    best_a, best_b = _best(a), _best(b)
    partial_a = [d.partial for d in a if d.partial]
    partial_b = [d.partial for d in b if d.partial]
    if best_a and best_b:
        x, y = best_a.iso, best_b.iso
        if x.startswith(y) or y.startswith(x):
            return True
        if doc_a and doc_b and doc_a.precision == doc_b.precision == "day":
            da, db = date.fromisoformat(doc_a.iso), date.fromisoformat(doc_b.iso)
            return abs((da - db).days) <= 7
        return False
    for best, partials in ((best_a, partial_b), (best_b, partial_a)):
        if best and partials:
            md = _month_day(best)
            return md is None or any(p[2:].startswith(md) or md.startswith(p[2:]) for p in partials)
    if partial_a and partial_b:
        return any(p.startswith(q) or q.startswith(p) for p in partial_a for q in partial_b)
    return True


def settle_date(
    reports: Sequence[Report],
) -> tuple[str | None, str | None, bool, str | None, tuple[str, ...]]:
    """``(date, precision, inferred, basis, conflicts)`` of an event from its reports' dates.

    The most precise explicit date wins; a partial date ("July 3") takes its year from another
    report of the same event (``inferred``); dates that disagree with the winner are conflicts.
    """
    dated = [(r.document, d) for r in reports for d in r.dates]
    best = _best([d for _, d in dated])
    partials = sorted({d.partial for _, d in dated if d.partial})
    conflicts = sorted(
        {
            d.iso
            for _, d in dated
            if d.iso
            and best
            and d.kind in ("explicit", "resolved")
            and not best.iso.startswith(d.iso)
            and not d.iso.startswith(best.iso)
        }
    )
    if partials and (best is None or _RANK[best.precision] < 3):
        partial = max(partials, key=len)
        for document, d in sorted(dated, key=lambda item: (-_RANK[item[1].precision], item[0])):
            if d.iso and (len(d.iso) == 4 or d.iso[5:7] == partial[2:4]):
                iso = d.iso[:4] + partial[1:]
                precision = "day" if len(partial) == 7 else "month"
                return iso, precision, True, f"year from {document} ({d.iso})", tuple(conflicts)
        if best is None:
            return None, None, False, f"partial date {partial} without a year", ()
    if best is None:
        return None, None, False, None, ()
    return best.iso, best.precision, False, best.basis, tuple(conflicts)


def mergeable(report: Report) -> bool:
    """Can ``report`` merge with any other? A co-occurrence is compatible with no type."""
    return report.type != "COOCCUR"


#: A report's fields in order; its dates are stored as plain tuples, which marshal writes.
_REPORT_FIELDS = tuple(f.name for f in fields(Report))
_DATES_AT = _REPORT_FIELDS.index("dates")


def _report_row(report: Report, evidence: Iterable[Evidence]) -> tuple:
    row = [getattr(report, name) for name in _REPORT_FIELDS]
    row[_DATES_AT] = tuple(tuple(d) for d in report.dates)
    return tuple(row), tuple(astuple(e) for e in evidence)


def _from_row(row: tuple) -> tuple[Report, list[Evidence]]:
    fields_row, evidence = row
    values = list(fields_row)
    values[_DATES_AT] = tuple(ReportDate(*d) for d in values[_DATES_AT])
    return Report(*values), [Evidence(*e) for e in evidence]


class _Compared(NamedTuple):
    """What the merge compares of a waiting report; the report itself waits on disk."""

    document: str
    type: str
    #: The report's core actors, or its participants when it has no core.
    core: tuple[str, ...]
    locations: tuple[str, ...]
    dates: tuple[ReportDate, ...]


class ReportMerger:
    """Reports blocked as they arrive (in document and sentence order), merged at the end.

    Only the reports that can merge are kept; a co-occurrence keeps just its place in the
    blocks, where it still counts towards :data:`WINDOW`, so the groups are the same as when
    every report is held. A block is a key, ``("loc", actor, place)`` or ``("pair", actor,
    actor)``, and its reports; each (key, report) is kept as four machine integers, the actors
    numbered as first seen, instead of a tuple per key and a list per block (about 13 bytes
    where the objects took 80 or more).

    A kept report and its evidence wait in a :class:`~actorgraph.spill.RowFile`; memory holds
    only the fields the merge compares, and :meth:`groups` reads each group back when it is
    its turn.
    """

    #: Block kinds, numbered in the order of their names.
    _LOC, _PAIR = 0, 1

    def __init__(self, *, types: Mapping[str, str]) -> None:
        self.types = types
        #: Position → what the merge compares of the report kept there.
        self._kept: dict[int, _Compared] = {}
        #: The kept reports, each with its evidence; row ``r`` holds the one at ``_waiting_at[r]``.
        self._waiting = RowFile("actorgraph-reports-")
        self._waiting_at = array("i")
        self._count = 0
        self._numbers: dict[str, int] = {}
        #: One entry per (block, report): the block's kind and actors, and the report.
        self._kinds = array("b")
        self._firsts = array("i")
        self._seconds = array("i")
        self._members = array("i")

    def _number(self, actor: str) -> int:
        number = self._numbers.get(actor)
        if number is None:
            number = self._numbers[actor] = len(self._numbers)
        return number

    def _block(self, kind: int, first: str, second: str, i: int) -> None:
        self._kinds.append(kind)
        self._firsts.append(self._number(first))
        self._seconds.append(self._number(second))
        self._members.append(i)

    def add(self, report: Report, evidence: Iterable[Evidence] = ()) -> int:
        """Block ``report``; its position, the order :meth:`groups` knows it by. ``evidence``
        (the sentences it cites) is kept with it if it can merge."""
        i = self._count
        self._count += 1
        people = sorted(set(report.core or report.participants))[:12]
        for a, b in combinations(people, 2):
            self._block(self._PAIR, a, b, i)
        for place in sorted(set(report.locations)):
            for actor in people:
                self._block(self._LOC, actor, place, i)
        if mergeable(report):
            core = report.core or report.participants
            self._kept[i] = _Compared(report.document, report.type, core, report.locations, report.dates)
            self._waiting.append(_report_row(report, evidence))
            self._waiting_at.append(i)
        return i

    def _sorted_blocks(self) -> Iterator[list[int]]:
        """The members of each block that holds two kept reports, blocks in key order."""
        if not self._members:
            return
        rank = sorted_ranks(list(self._numbers)).astype(np.int64)  # the names in number order
        # The key in one integer, in the order of the (kind, name, name) tuples; entries were added
        # in report order, so a stable sort keeps each block's reports in that order.
        key = np.frombuffer(self._kinds, dtype=np.int8).astype(np.int64) << 62
        key |= rank[np.frombuffer(self._firsts, dtype=np.int32)] << 31
        key |= rank[np.frombuffer(self._seconds, dtype=np.int32)]
        del rank
        order = np.argsort(key, kind="stable")
        key = key[order]
        members = np.frombuffer(self._members, dtype=np.int32)[order]
        del order
        starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
        del key
        kept = np.zeros(self._count, dtype=bool)
        kept[np.fromiter(self._kept, dtype=np.int64, count=len(self._kept))] = True
        kept_before = np.r_[0, np.cumsum(kept[members])]
        ends = np.r_[starts[1:], len(members)]
        for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
            if kept_before[end] - kept_before[start] >= 2:
                yield members[start:end].tolist()

    def groups(
        self, *, document_dates: Mapping[str, ReportDate | None]
    ) -> Iterator[tuple[int, list[Report], list[Evidence]]]:
        """Each group of the kept reports that make one event, as ``(position, reports,
        evidence)``: the position of its first report, and the evidence the reports were added
        with. Groups come in the order of their first report, each read back from disk in turn.
        They can be read once: the merger is spent afterwards."""
        types, kept = self.types, self._kept
        clusters = UnionFind(self._count)
        #: The documents of each cluster of more than one report, by its root (a set per report
        #: would cost 200 bytes for every report of the corpus).
        joined: dict[int, set[str]] = {}

        def documents(root: int) -> set[str]:
            found = joined.get(root)
            return found if found is not None else {kept[root].document}

        for members in self._sorted_blocks():
            for pos, i in enumerate(members):
                a = kept.get(i)
                if a is None:
                    continue
                for j in members[pos + 1 : pos + 1 + WINDOW]:
                    b = kept.get(j)
                    if b is None or clusters.find(i) == clusters.find(j):
                        continue
                    if not types_compatible(a.type, b.type):
                        continue
                    shared = set(a.core) & set(b.core)
                    by_people = shares_enough(a.core, b.core, types)
                    by_place = bool(set(a.locations) & set(b.locations)) and any(
                        types.get(x) == "PERSON" for x in shared
                    )
                    if not (by_people or by_place):
                        continue
                    if not dates_compatible(
                        a.dates, b.dates, document_dates.get(a.document), document_dates.get(b.document)
                    ):
                        continue
                    ri, rj = clusters.find(i), clusters.find(j)
                    documents_i, documents_j = documents(ri), documents(rj)
                    if documents_i & documents_j:
                        continue  # the article itself reports these as different events
                    joined.pop(ri, None)
                    joined.pop(rj, None)
                    joined[clusters.union(ri, rj)] = documents_i | documents_j
        joined.clear()
        kept.clear()  # what remains is read back from disk
        #: The rows of each group, by its root (its first report's position); rows are in
        #: position order, so each group's are too.
        groups: dict[int, list[int]] = defaultdict(list)
        for row, i in enumerate(self._waiting_at):
            groups[clusters.find(i)].append(row)
        del clusters
        waiting = self._waiting
        for root in sorted(groups):
            reports: list[Report] = []
            evidence: list[Evidence] = []
            for row in groups.pop(root):
                report, cited = _from_row(waiting[row])
                reports.append(report)
                evidence.extend(cited)
            yield root, reports, evidence
        self._waiting_at = array("i")
        waiting.close()


def merge_reports(
    reports: Sequence[Report], *, document_dates: Mapping[str, ReportDate | None], types: Mapping[str, str]
) -> list[list[Report]]:
    """Group ``reports`` (sorted by document and sentence) into events.

    Examples
    --------
    >>> from actorgraph.events.reports import Report
    >>> one = Report("a", [0], "COOCCUR", None, None, ["x:p", "iso:KAZ"])
    >>> [len(group) for group in merge_reports([one, one], document_dates={}, types={})]
    [1, 1]
    """
    merger = ReportMerger(types=types)
    singles: list[tuple[int, list[Report]]] = []
    for report in reports:
        i = merger.add(report)
        if not mergeable(report):
            singles.append((i, [report]))
    merged = [(i, group) for i, group, _ in merger.groups(document_dates=document_dates)]
    return [group for _, group in sorted(singles + merged, key=lambda item: item[0])]
