"""The compact mention → actor mapping behaves like the dict it replaces."""

import random

import pytest

from actorgraph.resolve.assignment import Assignment


def _random_adds(seed: int, n: int) -> list[tuple[tuple[str, int, int], str]]:
    rng = random.Random(seed)
    adds = []
    for _ in range(n):
        start = rng.randrange(0, 5000)
        key = (f"doc{rng.randrange(12)}", start, start + rng.randrange(1, 40))
        adds.append((key, f"actor{rng.randrange(30)}"))
    # Some keys again, with another actor: the last value wins, the first place stays.
    adds += [(key, f"again{i}") for i, (key, _) in enumerate(rng.sample(adds, n // 10))]
    rng.shuffle(adds)
    return adds


@pytest.mark.parametrize("seed", range(5))
def test_same_as_a_dict(seed):
    adds = _random_adds(seed, 400)
    expected: dict = {}
    compact = Assignment()
    for key, actor in adds:
        expected[key] = actor
        compact.add(key, actor)
    assert len(compact) == len(expected)
    assert list(compact.items()) == list(expected.items())
    assert compact == expected
    for key in expected:
        assert key in compact and compact[key] == expected[key]


def test_missing_keys():
    compact = Assignment()
    compact.add(("d1", 3, 9), "a")
    for key in [("d1", 3, 10), ("d1", 2, 9), ("d2", 3, 9), "d1", ("d1", 3)]:
        assert key not in compact
        assert compact.get(key) is None
    with pytest.raises(KeyError):
        compact[("d1", 9, 3)]


def test_adding_after_a_lookup():
    compact = Assignment()
    compact.add(("d1", 0, 4), "a")
    assert compact[("d1", 0, 4)] == "a"
    compact.add(("d1", 10, 14), "b")
    compact.add(("d1", 0, 4), "c")
    assert dict(compact) == {("d1", 0, 4): "c", ("d1", 10, 14): "b"}


def test_empty():
    compact = Assignment()
    assert len(compact) == 0 and list(compact) == [] and compact.get(("d", 0, 1)) is None
