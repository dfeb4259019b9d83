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

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from functools import cache
from itertools import combinations

from ..resources import load_resource
from ..unionfind import UnionFind
from .reports import Report, shares_enough
from .times import ReportDate

__all__ = ["WINDOW", "merge_reports", "settle_date"]

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


def merge_reports(
    reports: Sequence[Report], *, document_dates: Mapping[str, ReportDate | None], types: Mapping[str, str]
) -> list[list[Report]]:
    """Group ``reports`` (sorted by document and sentence) into events."""
    clusters = UnionFind(len(reports))
    #: The documents of each cluster of more than one report, by its root (a set per report
    #: would cost 200 bytes for every report of the corpus).
    joined: dict[int, set[str]] = {}

    def documents(root: int) -> set[str]:
        found = joined.get(root)
        return found if found is not None else {reports[root].document}

    blocks: dict[tuple, list[int]] = defaultdict(list)
    for i, report in enumerate(reports):
        people = sorted(set(report.core or report.participants))[:12]
        for pair in combinations(people, 2):
            blocks[("pair", *pair)].append(i)
        for place in sorted(set(report.locations)):
            for actor in people:
                blocks[("loc", actor, place)].append(i)
    for key in sorted(blocks):
        members = blocks[key]
        for pos, i in enumerate(members):
            for j in members[pos + 1 : pos + 1 + WINDOW]:
                if clusters.find(i) == clusters.find(j):
                    continue
                a, b = reports[i], reports[j]
                if not types_compatible(a.type, b.type):
                    continue
                core_a, core_b = a.core or a.participants, b.core or b.participants
                shared = set(core_a) & set(core_b)
                by_people = shares_enough(core_a, core_b, types)
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
    groups: dict[int, list[Report]] = defaultdict(list)
    for i, report in enumerate(reports):
        groups[clusters.find(i)].append(report)
    return [groups[k] for k in sorted(groups)]
