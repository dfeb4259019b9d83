"""Analyst curation: aliases, merge, split, block and labels, and the file's error messages."""

from __future__ import annotations

from collections import defaultdict

import pytest

from actorgraph.curation import Curation, apply_curation, load_curation
from actorgraph.errors import UsageError
from actorgraph.records import Actor, Mention
from actorgraph.resolve import Resolution, mention_key

from .conftest import write

UNRCA_LONG = "UN Regional Centre for Preventive Diplomacy for Central Asia"
LONG_ID = "x:un-regional-centre-for-preventive-diplomacy-for-central-asia"
TOKAYEV = "ungdc:kassym-jomart-tokayev"
GUTERRES = "ungdc:antonio-guterres"


def m(doc: str, start: int, text: str, label: str, role: str | None = None) -> Mention:
    return Mention(doc, 0, start, start + len(text), text, label, "de", role=role)


MENTIONS = (
    m("d1", 0, "António Guterres", "PERSON"),
    m("d1", 30, "Guterres", "PERSON"),
    m("d1", 50, "Tokajew", "PERSON", role="Präsident"),
    m("d1", 60, "Akorda", "ORG"),
    m("d1", 70, "UNRCA", "ORG"),
    m("d2", 0, "Präsident Tokajew", "PERSON"),
    m("d2", 20, UNRCA_LONG, "ORG"),
    m("d2", 90, "Guterres", "PERSON"),
    m("d2", 100, "AKORDA", "ORG"),
    m("d2", 110, "russische", "NORP"),
)
#: mention index → actor, as resolve would have it; "russische" was dropped.
ASSIGNED = {
    0: GUTERRES,
    1: GUTERRES,
    2: TOKAYEV,
    3: "x:akorda",
    4: "x:unrca",
    5: "x:prasident-tokajew",
    6: LONG_ID,
    7: GUTERRES,
    8: "x:akorda",
}
KB = {
    GUTERRES: ("António Guterres", "PERSON"),
    TOKAYEV: ("Kassym-Jomart Tokayev", "PERSON"),
}
LABELS = {
    "x:akorda": ("Akorda", "ORG"),
    "x:unrca": ("UNRCA", "ORG"),
    "x:prasident-tokajew": ("Präsident Tokajew", "PERSON"),
    LONG_ID: (UNRCA_LONG, "ORG"),
}


def build(assigned: dict[int, str], mentions=MENTIONS, extra_actors=()) -> Resolution:
    """A Resolution built the way resolve builds one."""
    members: dict[str, list[Mention]] = defaultdict(list)
    for i, actor_id in assigned.items():
        members[actor_id].append(mentions[i])
    actors = []
    for actor_id, ms in members.items():
        label, kind = KB.get(actor_id) or LABELS[actor_id]
        actors.append(
            Actor(
                id=actor_id,
                label=label,
                type=kind,
                aliases=tuple(sorted({x.text for x in ms})),
                kb_id=actor_id if actor_id in KB else None,
                mentions=len(ms),
                documents=tuple(sorted({x.doc_id for x in ms})),
                roles=tuple(sorted({(x.role, x.doc_id) for x in ms if x.role})),
            )
        )
    actors.extend(extra_actors)
    assignment = {mention_key(mentions[i]): actor_id for i, actor_id in assigned.items()}
    return Resolution(tuple(sorted(actors, key=lambda a: a.id)), assignment)


RESOLUTION = build(ASSIGNED)


def actor(resolution: Resolution, actor_id: str) -> Actor:
    return next(a for a in resolution.actors if a.id == actor_id)


def ids(resolution: Resolution) -> list[str]:
    return [a.id for a in resolution.actors]


def of(resolution: Resolution, index: int) -> str | None:
    return resolution.assignment.get(mention_key(MENTIONS[index]))


# -- applying ---------------------------------------------------------------------------------


def test_empty_curation_changes_nothing():
    result, warnings = apply_curation(RESOLUTION, MENTIONS, Curation())
    assert result.actors == RESOLUTION.actors
    assert result.assignment == RESOLUTION.assignment
    assert warnings == ()


def test_alias_by_id_moves_mentions_and_keeps_the_kb_actor():
    result, warnings = apply_curation(
        RESOLUTION, MENTIONS, Curation(aliases=(("Präsident Tokajew", TOKAYEV),))
    )
    assert warnings == ()
    assert of(result, 5) == TOKAYEV
    assert "x:prasident-tokajew" not in ids(result)
    tokayev = actor(result, TOKAYEV)
    assert tokayev.label == "Kassym-Jomart Tokayev" and tokayev.kb_id == TOKAYEV and tokayev.type == "PERSON"
    assert tokayev.aliases == ("Präsident Tokajew", "Tokajew")
    assert tokayev.mentions == 2 and tokayev.documents == ("d1", "d2")
    assert tokayev.roles == (("Präsident", "d1"),)


def test_alias_by_canonical_label_case_insensitive():
    curation = Curation(aliases=(("präsident  tokajew", "kassym-jomart TOKAYEV"),))
    result, warnings = apply_curation(RESOLUTION, MENTIONS, curation)
    assert warnings == () and of(result, 5) == TOKAYEV


def test_alias_can_bring_back_a_dropped_mention():
    assert of(RESOLUTION, 9) is None
    result, _ = apply_curation(RESOLUTION, MENTIONS, Curation(aliases=(("russische", "x:akorda"),)))
    assert of(result, 9) == "x:akorda"
    assert actor(result, "x:akorda").mentions == 3


def test_alias_to_unknown_actor_warns_and_changes_nothing():
    curation = Curation(aliases=(("Präsident Tokajew", "ungdc:nobody"),), path="cur.yaml")
    result, warnings = apply_curation(RESOLUTION, MENTIONS, curation)
    assert warnings == ("cur.yaml: aliases: unknown actor 'ungdc:nobody'",)
    assert result.assignment == RESOLUTION.assignment


def test_merge_keeps_the_first_id():
    result, warnings = apply_curation(RESOLUTION, MENTIONS, Curation(merge=(("x:unrca", LONG_ID),)))
    assert warnings == ()
    assert LONG_ID not in ids(result) and LONG_ID not in result.assignment.values()
    merged = actor(result, "x:unrca")
    assert merged.label == "UNRCA" and merged.type == "ORG" and merged.kb_id is None
    assert merged.aliases == (UNRCA_LONG, "UNRCA")
    assert merged.mentions == 2 and merged.documents == ("d1", "d2")
    assert of(result, 4) == of(result, 6) == "x:unrca"


def test_merge_into_a_kb_actor_keeps_its_kb_id():
    result, _ = apply_curation(RESOLUTION, MENTIONS, Curation(merge=((TOKAYEV, "x:prasident-tokajew"),)))
    assert actor(result, TOKAYEV).kb_id == TOKAYEV and actor(result, TOKAYEV).mentions == 2


def test_merge_with_unknown_ids_warns_and_merges_the_rest():
    curation = Curation(merge=(("x:missing", "x:unrca", LONG_ID),))
    result, warnings = apply_curation(RESOLUTION, MENTIONS, curation)
    assert warnings == ("curation: merge: unknown actor 'x:missing'",)
    assert of(result, 6) == "x:unrca"


def test_chained_merges_end_in_one_actor():
    curation = Curation(merge=(("x:unrca", LONG_ID), (LONG_ID, "x:akorda")))
    result, warnings = apply_curation(RESOLUTION, MENTIONS, curation)
    assert warnings == ()
    assert {of(result, i) for i in (3, 4, 6, 8)} == {"x:unrca"}
    assert actor(result, "x:unrca").mentions == 4


def test_split_detaches_a_surface_form():
    result, warnings = apply_curation(RESOLUTION, MENTIONS, Curation(split=("Guterres",)))
    assert warnings == ()
    assert of(result, 1) == of(result, 7) == "x:guterres"
    assert of(result, 0) == GUTERRES
    new = actor(result, "x:guterres")
    assert new.label == "Guterres" and new.type == "PERSON" and new.kb_id is None
    assert new.mentions == 2 and new.documents == ("d1", "d2") and new.aliases == ("Guterres",)
    old = actor(result, GUTERRES)
    assert old.aliases == ("António Guterres",) and old.mentions == 1 and old.documents == ("d1",)


def test_split_numbers_colliding_ids():
    taken = Actor("x:guterres", "Guterres", "PERSON", mentions=0)
    resolution = build(ASSIGNED, extra_actors=(taken,))
    resolution = Resolution(resolution.actors, {**resolution.assignment, ("d9", 0, 8): "x:guterres"})
    result, _ = apply_curation(resolution, MENTIONS, Curation(split=("guterres",)))
    assert of(result, 1) == "x:guterres-2"
    assert result.assignment[("d9", 0, 8)] == "x:guterres"


def test_split_reuses_the_id_of_an_actor_it_empties():
    result, _ = apply_curation(RESOLUTION, MENTIONS, Curation(split=("UNRCA",)))
    assert of(result, 4) == "x:unrca"
    assert actor(result, "x:unrca").label == "UNRCA"


def test_split_then_alias_the_alias_wins():
    curation = Curation(split=("Guterres",), aliases=(("Guterres", "x:akorda"),))
    result, warnings = apply_curation(RESOLUTION, MENTIONS, curation)
    assert of(result, 1) == "x:akorda"
    assert warnings == ("curation: aliases: 'Guterres' is also listed under split; the alias wins",)


def test_alias_to_a_split_actor():
    curation = Curation(split=("Guterres",), aliases=(("António Guterres", "x:guterres"),))
    result, warnings = apply_curation(RESOLUTION, MENTIONS, curation)
    assert warnings == ()
    assert of(result, 0) == of(result, 1) == "x:guterres"
    assert GUTERRES not in ids(result)


def test_block_drops_mentions_case_insensitively():
    result, warnings = apply_curation(RESOLUTION, MENTIONS, Curation(block=("akorda",)))
    assert warnings == ()
    assert of(result, 3) is None and of(result, 8) is None
    assert "x:akorda" not in ids(result)
    assert len(result.assignment) == len(RESOLUTION.assignment) - 2


def test_block_a_surface_form_of_a_larger_actor():
    result, _ = apply_curation(RESOLUTION, MENTIONS, Curation(block=("Guterres",)))
    assert of(result, 0) == GUTERRES and of(result, 1) is None
    assert actor(result, GUTERRES).mentions == 1


def test_block_by_label_drops_the_whole_actor():
    result, _ = apply_curation(RESOLUTION, MENTIONS, Curation(block=(UNRCA_LONG.upper(),)))
    assert LONG_ID not in ids(result)


def test_blocked_names_win_over_aliases_and_merges():
    curation = Curation(block=("Akorda",), aliases=(("Akorda", TOKAYEV),), merge=((TOKAYEV, "x:akorda"),))
    result, warnings = apply_curation(RESOLUTION, MENTIONS, curation)
    assert of(result, 3) is None
    assert warnings == (
        "curation: merge: actor 'x:akorda' is blocked",
        "curation: aliases: 'Akorda' is blocked",
    )


def test_labels_rename():
    curation = Curation(labels=(("x:unrca", UNRCA_LONG),))
    result, warnings = apply_curation(RESOLUTION, MENTIONS, curation)
    assert warnings == ()
    assert actor(result, "x:unrca").label == UNRCA_LONG
    assert actor(result, "x:unrca").aliases == ("UNRCA",)


def test_labels_follow_merges_and_warn_on_unknown_ids():
    curation = Curation(
        merge=(("x:unrca", LONG_ID),), labels=((LONG_ID, "UNRCA (Ashgabat)"), ("x:nope", "No"))
    )
    result, warnings = apply_curation(RESOLUTION, MENTIONS, curation)
    assert actor(result, "x:unrca").label == "UNRCA (Ashgabat)"
    assert warnings == ("curation: labels: unknown actor 'x:nope'",)


def test_label_of_an_actor_left_without_mentions_warns():
    curation = Curation(aliases=(("UNRCA", LONG_ID),), labels=(("x:unrca", "Gone"),))
    _, warnings = apply_curation(RESOLUTION, MENTIONS, curation)
    assert warnings == ("curation: labels: actor 'x:unrca' has no mentions left",)


def test_ambiguous_label_warns():
    twin = Actor("x:akorda-2", "Akorda", "ORG", mentions=1)
    resolution = build(ASSIGNED, extra_actors=(twin,))
    resolution = Resolution(resolution.actors, {**resolution.assignment, ("d9", 0, 6): "x:akorda-2"})
    _, warnings = apply_curation(resolution, MENTIONS, Curation(aliases=(("UNRCA", "Akorda"),)))
    assert warnings == (
        "curation: aliases: 'Akorda' is the label of several actors (x:akorda, x:akorda-2); use an id",
    )


def test_result_is_sorted_and_deterministic():
    curation = Curation(
        aliases=(("Präsident Tokajew", TOKAYEV),),
        merge=(("x:unrca", LONG_ID),),
        split=("Guterres",),
        block=("Akorda",),
        labels=(("x:unrca", UNRCA_LONG),),
    )
    first = apply_curation(RESOLUTION, MENTIONS, curation)
    second = apply_curation(RESOLUTION, tuple(reversed(MENTIONS)), curation)
    assert first == second
    result = first[0]
    assert ids(result) == sorted(ids(result)) == [GUTERRES, TOKAYEV, "x:guterres", "x:unrca"]
    assert list(result.assignment) == sorted(result.assignment)
    assert set(result.assignment.values()) == set(ids(result))
    for a in result.actors:
        assert a.mentions == sum(1 for v in result.assignment.values() if v == a.id)


# -- loading ----------------------------------------------------------------------------------

EXAMPLE = """\
aliases:        # surface form -> actor (id or canonical label): mentions with that text join it
  "Präsident Tokajew": ungdc:kassym-jomart-tokayev
merge:          # each list becomes one actor (the first id is kept)
  - [x:unrca, x:un-regional-centre-for-preventive-diplomacy-for-central-asia]
split:          # detach these surface forms from whatever actor they were merged into
  - "Guterres"
block:          # names (case-insensitive) that never become actors; their mentions are dropped
  - "Akorda"
labels:         # optional: rename an actor's canonical label
  x:unrca: UN Regional Centre for Preventive Diplomacy for Central Asia
"""


def test_load_the_documented_example(tmp_path):
    path = write(tmp_path / "curation.yaml", EXAMPLE)
    curation = load_curation(path)
    assert curation == Curation(
        aliases=(("Präsident Tokajew", TOKAYEV),),
        merge=(("x:unrca", LONG_ID),),
        split=("Guterres",),
        block=("Akorda",),
        labels=(("x:unrca", UNRCA_LONG),),
        path=str(path),
    )
    result, warnings = apply_curation(RESOLUTION, MENTIONS, curation)
    assert warnings == ()
    assert actor(result, "x:unrca").label == UNRCA_LONG and actor(result, "x:unrca").mentions == 2


def test_load_empty_and_partial_files(tmp_path):
    assert load_curation(write(tmp_path / "empty.yaml", "")) == Curation(path=str(tmp_path / "empty.yaml"))
    partial = load_curation(write(tmp_path / "p.yaml", "block: [Akorda, 2024]\nsplit:\n"))
    assert partial.block == ("Akorda", "2024") and partial.split == () and partial.merge == ()


def error(tmp_path, content: str) -> str:
    path = write(tmp_path / "cur.yaml", content)
    with pytest.raises(UsageError) as info:
        load_curation(path)
    message = str(info.value)
    assert "\n" not in message and message.startswith(str(path))
    return message.removeprefix(str(path))


def test_missing_file(tmp_path):
    with pytest.raises(UsageError, match=r"^curation file not found: .*nope\.yaml$"):
        load_curation(tmp_path / "nope.yaml")


def test_invalid_yaml(tmp_path):
    message = error(tmp_path, "aliases:\n  a: [unclosed\nblock: x\n")
    assert message.startswith(": invalid YAML at line ")


def test_unknown_keys(tmp_path):
    message = error(tmp_path, "alias:\n  a: b\nmerges: []\nblock: []\n")
    assert message == ": unknown key(s) 'alias', 'merges' (expected aliases, merge, split, block, labels)"


def test_top_level_must_be_a_mapping(tmp_path):
    message = error(tmp_path, "- Akorda\n")
    assert message == ": a curation file must be a mapping with the keys aliases, merge, split, block, labels"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("aliases: [a, b]\n", ": aliases: expected a mapping of 'name: value' lines"),
        ("aliases:\n  Tokajew:\n", ": aliases: the value of 'Tokajew' must be a string, got nothing"),
        ("labels:\n  x:a: [b]\n", ": labels: the value of 'x:a' must be a string, got ['b']"),
        ("merge: [[x:a]]\n", ": merge: entry 1 must be a list of at least two actor ids"),
        ("merge: [x:a, x:b]\n", ": merge: entry 1 must be a list of at least two actor ids"),
        ("merge: x:a\n", ": merge: expected a list ('- item' lines)"),
        ("split: Guterres\n", ": split: expected a list ('- item' lines)"),
        ("block: [yes]\n", ": block: every entry must be a string, got True"),
        ("block: ['  ']\n", ": block: every entry must not be empty"),
    ],
)
def test_entry_shapes(tmp_path, content, expected):
    assert error(tmp_path, content) == expected


def test_unreadable_file(tmp_path):
    path = tmp_path / "bin.yaml"
    path.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(UsageError, match=r"bin\.yaml: cannot read curation file: "):
        load_curation(path)
