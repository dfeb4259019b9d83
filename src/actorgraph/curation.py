"""Analyst curation: the analyst's last word after automatic resolution (``--curation FILE``).

A YAML file with up to five sections (see ``docs/curation.md``)::

    aliases:   {surface form: actor id or canonical label}   mentions with that text join the actor
    merge:     [[id, id, ...], ...]                           each list becomes one actor (first id kept)
    split:     [surface form, ...]                            detach the form into an actor of its own
    block:     [name, ...]                                    never an actor; its mentions are dropped
    labels:    {actor id: label}                              rename an actor

:func:`load_curation` reads and checks the file; :func:`apply_curation` rewrites a
:class:`~actorgraph.resolve.Resolution`. The operations run in a fixed order, whatever the order
in the file: block, merge, split, aliases, labels. Surface forms and names are compared
case-insensitively with runs of whitespace collapsed.
"""

from __future__ import annotations

import dataclasses
import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import UsageError
from .records import ACTOR_TYPES, Actor, Mention
from .resolve import MentionKey, Resolution, mention_key
from .text import slug

__all__ = ["CURATION_KEYS", "Curation", "apply_curation", "load_curation"]

CURATION_KEYS = ("aliases", "merge", "split", "block", "labels")

# Messages a user can cause (one line each; the file name comes first).
CURATION_MISSING = "curation file not found: {path}"
CURATION_UNREADABLE = "{path}: cannot read curation file: {error}"
CURATION_BAD_YAML = "{path}: invalid YAML{where}: {problem}"
CURATION_NOT_MAPPING = "{path}: a curation file must be a mapping with the keys {keys}"
CURATION_UNKNOWN_KEYS = "{path}: unknown key(s) {names} (expected {keys})"
CURATION_BAD_ENTRY = "{path}: {key}: {problem}"

_TYPE_ORDER = ("PERSON", "ORG", "GPE", "LOC", "MISC")


@dataclass(frozen=True, slots=True)
class Curation:
    """The checked content of a curation file. Every section is optional."""

    #: ``(surface form, actor id or canonical label)`` pairs, in file order.
    aliases: tuple[tuple[str, str], ...] = ()
    #: Groups of actor ids (or canonical labels); the first one that exists is kept.
    merge: tuple[tuple[str, ...], ...] = ()
    #: Surface forms detached from their actor into an actor of their own.
    split: tuple[str, ...] = ()
    #: Names (mention texts, actor labels or ids) that never become actors.
    block: tuple[str, ...] = ()
    #: ``(actor id, new canonical label)`` pairs.
    labels: tuple[tuple[str, str], ...] = ()
    #: The file it was read from, for messages.
    path: str | None = None


# -- loading ----------------------------------------------------------------------------------


def _fail(path: str, key: str, problem: str) -> UsageError:
    return UsageError(CURATION_BAD_ENTRY.format(path=path, key=key, problem=problem))


def _string(value: Any, path: str, key: str, what: str) -> str:
    if isinstance(value, bool) or value is None or not isinstance(value, str | int | float):
        shown = "nothing" if value is None else repr(value)
        raise _fail(path, key, f"{what} must be a string, got {shown}")
    text = " ".join(str(value).split())
    if not text:
        raise _fail(path, key, f"{what} must not be empty")
    return text


def _mapping(value: Any, path: str, key: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict):
        raise _fail(path, key, "expected a mapping of 'name: value' lines")
    return tuple(
        (_string(k, path, key, "every name"), _string(v, path, key, f"the value of {k!r}"))
        for k, v in value.items()
    )


def _list(value: Any, path: str, key: str) -> list[Any]:
    if not isinstance(value, list):
        raise _fail(path, key, "expected a list ('- item' lines)")
    return value


def load_curation(path: str | os.PathLike) -> Curation:
    """Read and check a curation file.

    Raises
    ------
    UsageError
        One line naming the file and the problem: a missing or unreadable file, invalid YAML,
        unknown keys, or an entry of the wrong shape.
    """
    shown = str(path)
    file = Path(path)
    if not file.is_file():
        raise UsageError(CURATION_MISSING.format(path=shown))
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(CURATION_UNREADABLE.format(path=shown, error=exc)) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        problem = " ".join(str(getattr(exc, "problem", None) or exc).split())
        raise UsageError(CURATION_BAD_YAML.format(path=shown, where=where, problem=problem)) from None
    keys = ", ".join(CURATION_KEYS)
    if data is None:
        return Curation(path=shown)
    if not isinstance(data, dict):
        raise UsageError(CURATION_NOT_MAPPING.format(path=shown, keys=keys))
    unknown = sorted(str(k) for k in data if k not in CURATION_KEYS)
    if unknown:
        names = ", ".join(repr(k) for k in unknown)
        raise UsageError(CURATION_UNKNOWN_KEYS.format(path=shown, names=names, keys=keys))

    aliases = _mapping(data["aliases"], shown, "aliases") if data.get("aliases") is not None else ()
    labels = _mapping(data["labels"], shown, "labels") if data.get("labels") is not None else ()
    merge: list[tuple[str, ...]] = []
    for number, group in enumerate(_list(data.get("merge") or [], shown, "merge"), 1):
        if not isinstance(group, list) or len(group) < 2:
            raise _fail(shown, "merge", f"entry {number} must be a list of at least two actor ids")
        merge.append(tuple(_string(item, shown, "merge", f"entry {number}'s items") for item in group))
    split = tuple(
        _string(s, shown, "split", "every entry") for s in _list(data.get("split") or [], shown, "split")
    )
    block = tuple(
        _string(s, shown, "block", "every entry") for s in _list(data.get("block") or [], shown, "block")
    )
    return Curation(aliases=aliases, merge=tuple(merge), split=split, block=block, labels=labels, path=shown)


# -- applying ---------------------------------------------------------------------------------


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _majority_type(mentions: Iterable[Mention]) -> str:
    counts = Counter(m.label if m.label in ACTOR_TYPES else "MISC" for m in mentions)
    if not counts:
        return "MISC"
    return min(counts, key=lambda t: (-counts[t], _TYPE_ORDER.index(t)))


class _Curator:
    def __init__(self, resolution: Resolution, mentions: Sequence[Mention], curation: Curation):
        self.curation = curation
        self.prefix = f"{curation.path}: " if curation.path else "curation: "
        self.actors: dict[str, Actor] = {a.id: a for a in resolution.actors}
        self.original = resolution.assignment
        self.assignment: dict[MentionKey, str] = dict(resolution.assignment)
        self.by_key: dict[MentionKey, Mention] = {}
        self.by_text: dict[str, list[MentionKey]] = defaultdict(list)
        for m in mentions:
            key = mention_key(m)
            if key not in self.by_key:
                self.by_key[key] = m
                self.by_text[_norm(m.text)].append(key)
        self.redirect: dict[str, str] = {}
        self.absorbed: dict[str, list[str]] = defaultdict(list)
        self.blocked_actors: set[str] = set()
        self.blocked_texts: set[str] = set()
        self.new_labels: dict[str, str] = {}
        self.warnings: list[str] = []

    def warn(self, message: str) -> None:
        self.warnings.append(self.prefix + message)

    def find(self, actor_id: str) -> str:
        while actor_id in self.redirect:
            actor_id = self.redirect[actor_id]
        return actor_id

    def lookup(self, ref: str, section: str) -> str | None:
        """The current id of the actor ``ref`` names (an id or a canonical label), or None."""
        if ref in self.actors:
            if ref in self.blocked_actors:
                self.warn(f"{section}: actor '{ref}' is blocked")
                return None
            return self.find(ref)
        wanted = _norm(ref)
        matches = sorted(
            {
                self.find(a.id)
                for a in self.actors.values()
                if a.id not in self.blocked_actors and _norm(a.label) == wanted
            }
        )
        if len(matches) == 1:
            return matches[0]
        if matches:
            self.warn(f"{section}: '{ref}' is the label of several actors ({', '.join(matches)}); use an id")
        else:
            self.warn(f"{section}: unknown actor '{ref}'")
        return None

    # -- operations ---------------------------------------------------------------------------
    def block(self) -> None:
        names = {_norm(name) for name in self.curation.block}
        self.blocked_texts = names
        self.blocked_actors = {
            a.id for a in self.actors.values() if _norm(a.label) in names or _norm(a.id) in names
        }
        for key, actor_id in list(self.assignment.items()):
            mention = self.by_key.get(key)
            if actor_id in self.blocked_actors or (mention is not None and _norm(mention.text) in names):
                del self.assignment[key]

    def merge(self) -> None:
        for group in self.curation.merge:
            ids = [actor_id for ref in group if (actor_id := self.lookup(ref, "merge")) is not None]
            if not ids:
                continue
            keep = ids[0]
            for other in ids[1:]:
                other = self.find(other)
                if other != keep:
                    self.redirect[other] = keep
                    self.absorbed[keep].append(other)
                    self.absorbed[keep].extend(self.absorbed.pop(other, []))
        if self.redirect:
            self.assignment = {key: self.find(actor_id) for key, actor_id in self.assignment.items()}

    def split(self) -> None:
        forms: dict[str, list[MentionKey]] = {}
        for surface in self.curation.split:
            wanted = _norm(surface)
            if wanted in self.blocked_texts or wanted in forms:
                continue
            keys = [k for k in self.by_text.get(wanted, ()) if k in self.assignment]
            if keys:
                forms[wanted] = keys
        if not forms:
            return
        moving = {k for keys in forms.values() for k in keys}
        taken = {a for k, a in self.assignment.items() if k not in moving}
        taken |= set(self.redirect) | self.blocked_actors
        order = sorted(forms, key=lambda form: min((k[0], k[1], k[2]) for k in forms[form]))
        for form in order:
            members = [self.by_key[k] for k in forms[form]]
            texts = Counter(m.text for m in members)
            label = min(texts, key=lambda t: (-texts[t], t))
            base = f"x:{slug(label)}"
            actor_id, number = base, 1
            while actor_id in taken:
                number += 1
                actor_id = f"{base}-{number}"
            taken.add(actor_id)
            self.actors[actor_id] = Actor(id=actor_id, label=label, type=_majority_type(members))
            for key in forms[form]:
                self.assignment[key] = actor_id

    def aliases(self) -> None:
        split_forms = {_norm(s) for s in self.curation.split}
        for surface, target in self.curation.aliases:
            wanted = _norm(surface)
            if wanted in self.blocked_texts:
                self.warn(f"aliases: '{surface}' is blocked")
                continue
            actor_id = self.lookup(target, "aliases")
            if actor_id is None:
                continue
            if wanted in split_forms:
                self.warn(f"aliases: '{surface}' is also listed under split; the alias wins")
            for key in self.by_text.get(wanted, ()):
                self.assignment[key] = actor_id

    def labels(self) -> None:
        live = set(self.assignment.values())
        for ref, label in self.curation.labels:
            actor_id = self.lookup(ref, "labels")
            if actor_id is None:
                continue
            if actor_id not in live:
                self.warn(f"labels: actor '{ref}' has no mentions left")
                continue
            self.new_labels[actor_id] = label

    # -- result -------------------------------------------------------------------------------
    def result(self) -> Resolution:
        members: dict[str, list[MentionKey]] = defaultdict(list)
        for key, actor_id in self.assignment.items():
            members[actor_id].append(key)
        before: dict[str, set[MentionKey]] = defaultdict(set)
        for key, actor_id in self.original.items():
            before[actor_id].add(key)
        live = set(members)
        actors: list[Actor] = []
        for actor_id in sorted(members):
            keys = sorted(members[actor_id])
            base = self.actors[actor_id]
            affiliations = tuple(sorted({self.find(a) for a in base.affiliations} & live - {actor_id}))
            label = self.new_labels.get(actor_id, base.label)
            if (
                set(keys) == before.get(actor_id)
                and affiliations == base.affiliations
                and label == base.label
            ):
                actors.append(base)
                continue
            found = [self.by_key[k] for k in keys if k in self.by_key]
            extra = {a for other in self.absorbed.get(actor_id, ()) for a in self.actors[other].affiliations}
            affiliations = tuple(
                sorted(({self.find(a) for a in extra} | set(affiliations)) & live - {actor_id})
            )
            actors.append(
                dataclasses.replace(
                    base,
                    label=label,
                    aliases=tuple(sorted({m.text for m in found})),
                    mentions=len(keys),
                    documents=tuple(sorted({k[0] for k in keys})),
                    roles=tuple(sorted({(m.role, m.doc_id) for m in found if m.role})),
                    affiliations=affiliations,
                )
            )
        assignment = {key: self.assignment[key] for key in sorted(self.assignment)}
        return Resolution(tuple(actors), assignment)


def apply_curation(
    resolution: Resolution, mentions: Sequence[Mention], curation: Curation
) -> tuple[Resolution, tuple[str, ...]]:
    """Apply ``curation`` to ``resolution``.

    Parameters
    ----------
    resolution : Resolution
        What :func:`actorgraph.resolve.resolve` returned.
    mentions : sequence of Mention
        Every mention that resolution saw (the keys of its assignment, and possibly mentions
        it dropped: an alias can bring those back).
    curation : Curation
        From :func:`load_curation`.

    Returns
    -------
    (Resolution, tuple of str)
        The new resolution, actors sorted by id and the assignment sorted by mention key; and
        one warning per reference to an unknown, blocked or ambiguous actor, in file order.
        Actors the curation does not touch are returned unchanged; touched ones get their
        aliases, mention count, documents and roles recomputed from their mentions, and keep
        the surviving actor's id, kb_id, type and label (unless ``labels`` renames it). Actors
        left without mentions disappear.
    """
    curator = _Curator(resolution, mentions, curation)
    curator.block()
    curator.merge()
    curator.split()
    curator.aliases()
    curator.labels()
    return curator.result(), tuple(curator.warnings)
