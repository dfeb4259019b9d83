"""The examples in the docstrings run, and give what they show."""

import doctest
import importlib
import pkgutil

import pytest

import actorgraph

#: Every module but ``__main__``, which runs the command line when imported.
MODULES = sorted(
    name
    for _, name, _ in pkgutil.walk_packages(actorgraph.__path__, prefix="actorgraph.")
    if not name.endswith(".__main__")
)


@pytest.mark.parametrize("name", MODULES)
def test_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(
        module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False
    )
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
