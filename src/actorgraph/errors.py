"""Every message a user can cause, kept in one place.

Errors a user can cause (a missing folder, a bad flag) become one-line messages and exit code 2.
Skips (a binary file, an empty article) are not errors: they are recorded on the document and
reported in the closing summary. Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

__all__ = ["InputError", "Skip", "UsageError"]


class UsageError(Exception):
    """Bad arguments or no readable input: the CLI prints the message and exits with 2."""


class InputError(UsageError):
    """The corpus path is missing, empty or holds nothing readable."""


class Skip(Exception):
    """A single document can't be used; ``str(exc)`` is the reason shown to the user."""


# Skip reasons. Keep them short: they appear in the summary and in graph.json.
BINARY = "binary file"
UNDECODABLE = "cannot decode text (tried UTF-8, UTF-16, cp1252)"
EMPTY = "empty article"
UNSUPPORTED_FORMAT = "unsupported file type {suffix}"
MALFORMED_JSON = "malformed JSON on line {line}: {error}"
NO_TEXT_FIELD = "record on line {line} has no '{field}' field"
UNSUPPORTED_LANGUAGE = "no pipeline for language '{lang}'"
UNKNOWN_LANGUAGE = "language could not be detected"
CSV_NO_COLUMN = "CSV has no '{column}' column"
UNREADABLE = "cannot read file: {error}"
HTML_NO_TEXT = "no main text found in HTML"

#: What the summary adds to a skip reason the user can do something about. Headlines and other
#: short texts often carry too few words for the language identifier.
SKIP_HINTS = {UNKNOWN_LANGUAGE: "short texts? --lang de|en sets the language"}

# Usage errors.
MISSING_INPUT = "input not found: {path}"
EMPTY_INPUT = "no readable articles in {path}"
EMPTY_STDIN = "no records on standard input"
BAD_JOBS = "--jobs must be a positive number or auto, not {value!r}"
NO_FORK = "--jobs {jobs} needs worker processes this platform cannot fork: use --jobs 1 or --engine dask"
BAD_FORMATS = "unknown output format(s): {names} (choose from {choices})"
