"""The writers' JSON encoders give exactly the text of the ``json.dumps`` calls they replace."""

from __future__ import annotations

import json
import random

import pytest

from actorgraph.outputs.jsontext import compact, indented, plain, plain_list

VALUES = [
    None,
    True,
    False,
    0,
    -7,
    2**70,
    0.1,
    -2.5e-300,
    1e22,
    float("nan"),
    float("inf"),
    float("-inf"),
    "",
    'quote " backslash \\ tab \t newline \n',
    "Токаев и Гутерриш \u2028 \x00 😀",
    [],
    {},
    (),
    [[], {}, [[]]],
    ("a", 1),
    {"b": 1, "a": [1, {"z": None, "y": []}], "é": {"nested": {"deep": [True, 2.0]}}},
    [{"id": "x:a", "roles": [{"role": "Präsident", "document": "d1"}], "betweenness": 0.012345}],
    ["ev:1", "ev:2", 'q"uote'],  # a list of strings only
    ["a", {"b": ["c"]}, "d"],  # strings, then something else
    {"flag": True, "off": False, "n": 3, "none": None},  # bools are not ints here
    {1: "int key", 2: ["x"]},  # only the general encoder takes other keys
    type("Label", (str,), {})("a str subclass"),
]


def _random_value(rng: random.Random, depth: int = 0):
    kinds = ["str", "int", "float", "none", "bool"] + (["list", "dict"] * 2 if depth < 4 else [])
    kind = rng.choice(kinds)
    if kind == "str":
        return "".join(rng.choice('aZ é"\\\n\tи<>&\u2028') for _ in range(rng.randrange(6)))
    if kind == "int":
        return rng.randrange(-(10**6), 10**6)
    if kind == "float":
        return rng.uniform(-1e3, 1e3)
    if kind == "none":
        return None
    if kind == "bool":
        return rng.random() < 0.5
    if kind == "list":
        return [_random_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    return {f"k{rng.randrange(10)}": _random_value(rng, depth + 1) for _ in range(rng.randrange(4))}


def _cases():
    rng = random.Random(7)
    return VALUES + [_random_value(rng) for _ in range(300)]


@pytest.mark.parametrize("depth", [0, 1, 2])
def test_indented_is_json_dumps_indent_1(depth):
    for value in _cases():
        expected = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)
        assert indented(value, depth=depth) == expected.replace("\n", "\n" + " " * depth)


def test_indented_falls_back_for_keys_that_are_not_strings():
    value = {2: "b", 1: ["a"]}
    assert indented(value) == json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)


def test_indented_rejects_what_json_rejects():
    with pytest.raises(TypeError):
        indented({"a": object()})


def test_plain_and_compact_match_their_dumps_calls():
    strict = {"sort_keys": True, "ensure_ascii": False, "separators": (",", ":"), "allow_nan": False}
    for value in _cases():
        assert plain(value) == json.dumps(value, ensure_ascii=False)
        try:
            expected = json.dumps(value, **strict)
        except ValueError:  # NaN and infinities, which JSON.parse would refuse
            with pytest.raises(ValueError):
                compact(value)
            continue
        assert compact(value) == expected


def test_plain_list_matches_json_dumps_of_the_list():
    rng = random.Random(11)
    strings = [["".join(rng.choice('ab "\\\n\x01é<>') for _ in range(rng.randrange(5))) for _ in range(3)]]
    lists = [v for v in _cases() if isinstance(v, list | tuple)] + strings + [("ev:1", "ev:2"), iter(["x"])]
    for value in lists:
        expected = json.dumps(list(value), ensure_ascii=False) if not hasattr(value, "__next__") else '["x"]'
        assert plain_list(value) == expected
