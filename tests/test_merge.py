"""The cross-article merge: which reports become one event, blocked in integer arrays."""

import random
from collections import defaultdict
from itertools import combinations

import pytest

from actorgraph.events import merge
from actorgraph.events.merge import ReportMerger, dates_compatible, merge_reports, types_compatible
from actorgraph.events.reports import Report, shares_enough
from actorgraph.events.times import ReportDate
from actorgraph.unionfind import UnionFind

PEOPLE = [f"x:person-{i}" for i in range(6)]
STATES = ["iso:KAZ", "iso:UZB", "iso:KGZ"]
TYPES = {**dict.fromkeys(PEOPLE, "PERSON"), **dict.fromkeys(STATES, "GPE")}
KINDS = ["COOCCUR", "CONSULT", "CONSULT", "SUMMIT_OR_CONFERENCE", "STATEMENT", "AGREE"]


def _held_in_memory(reports, *, document_dates, types):
    """The merge as it reads with every report held and blocks as tuples of names."""
    clusters = UnionFind(len(reports))
    documents = [{r.document} for r in reports]
    blocks = defaultdict(list)
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
            for j in members[pos + 1 : pos + 1 + merge.WINDOW]:
                if clusters.find(i) == clusters.find(j):
                    continue
                a, b = reports[i], reports[j]
                if not types_compatible(a.type, b.type):
                    continue
                core_a, core_b = a.core or a.participants, b.core or b.participants
                shared = set(core_a) & set(core_b)
                by_place = bool(set(a.locations) & set(b.locations)) and any(
                    types.get(x) == "PERSON" for x in shared
                )
                if not (shares_enough(core_a, core_b, types) or by_place):
                    continue
                if not dates_compatible(
                    a.dates, b.dates, document_dates.get(a.document), document_dates.get(b.document)
                ):
                    continue
                ri, rj = clusters.find(i), clusters.find(j)
                if documents[ri] & documents[rj]:
                    continue
                joined = documents[ri] | documents[rj]
                documents[clusters.union(ri, rj)] = joined
    groups = defaultdict(list)
    for i, report in enumerate(reports):
        groups[clusters.find(i)].append(report)
    return [groups[k] for k in sorted(groups)]


def _reports(seed: int, n: int = 150) -> tuple[list[Report], dict[str, ReportDate]]:
    rng = random.Random(seed)
    reports, dates = [], {}
    for i in range(n):
        document = f"d{i // 3:03d}"
        day = f"2024-05-{rng.randrange(1, 12):02d}"
        dates[document] = ReportDate(day, "day", None, "document")
        participants = rng.sample(PEOPLE[:4], 2) + rng.sample(STATES, rng.randrange(0, 2))
        own = [ReportDate(day, "day", None, "explicit")] if rng.random() < 0.5 else []
        report = Report(
            document,
            [i % 3],
            rng.choice(KINDS),
            None,
            None,
            participants,
            locations=rng.sample(STATES, rng.randrange(0, 2)),
            dates=own,
        )
        reports.append(report.settled())
    return reports, dates


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("window", [3, 50])
def test_integer_blocks_group_like_tuple_blocks(seed, window, monkeypatch):
    """Small windows make co-occurrences take window places; the groups stay the same."""
    monkeypatch.setattr(merge, "WINDOW", window)
    reports, dates = _reports(seed)
    expected = _held_in_memory(reports, document_dates=dates, types=TYPES)
    assert merge_reports(reports, document_dates=dates, types=TYPES) == expected
    assert any(len(group) > 1 for group in expected)  # the case merges something


def test_keeps_only_the_reports_that_can_merge():
    reports, dates = _reports(1)
    merger = ReportMerger(types=TYPES)
    positions = [merger.add(report) for report in reports]
    assert positions == list(range(len(reports)))
    grouped = [(i, r) for i, group, _ in merger.groups(document_dates=dates) for r in group]
    kept = [r for r in reports if r.type != "COOCCUR"]
    assert sorted((r.document, r.sentences) for _, r in grouped) == sorted(
        (r.document, r.sentences) for r in kept
    )
    assert sorted((r for _, r in grouped), key=kept.index) == kept  # read back from disk, equal
    assert [i for i, _ in grouped] == sorted(i for i, _ in grouped)


def test_what_merges_and_what_does_not():
    day = ReportDate("2024-05-02", "day", None, "explicit")
    people = ["x:person-0", "x:person-1"]

    def report(document, kind="CONSULT", sentence=0):
        return Report(document, [sentence], kind, None, None, people, dates=[day]).settled()

    a, b, same_article, cooccur = report("a"), report("b"), report("a", sentence=5), report("c", "COOCCUR")
    groups = merge_reports([a, b, same_article, cooccur], document_dates={}, types=TYPES)
    assert groups == [[a, b], [same_article], [cooccur]]


def test_nothing_to_merge():
    assert list(ReportMerger(types=TYPES).groups(document_dates={})) == []
    assert merge_reports([], document_dates={}, types=TYPES) == []


def test_reports_and_their_evidence_come_back_from_disk():
    from actorgraph.records import Evidence

    day = ReportDate("2024-05-02", "day", None, "explicit")
    people = ["x:person-0", "x:person-1"]
    merger = ReportMerger(types=TYPES)
    added = []
    for document in ("a", "b", "c"):
        report = Report(
            document, [1, 4], "CONSULT", "meeting", "040", people, dates=[day], core=people
        ).settled()
        evidence = [Evidence(document, s, 10 * s, 10 * s + 9, f"Satz {s} in {document} и") for s in (1, 4)]
        merger.add(report, evidence)
        added.append((report, evidence))
    merger.add(Report("d", [0], "COOCCUR", None, None, people).settled())  # not kept, no evidence
    [(position, reports, evidence)] = list(merger.groups(document_dates={}))
    assert position == 0
    assert reports == [r for r, _ in added]
    assert isinstance(reports[0].dates[0], ReportDate) and reports[0].lemmas == frozenset()
    assert evidence == [e for _, cited in added for e in cited]
