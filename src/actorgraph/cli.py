"""Command line: argument parsing only; the work happens in :mod:`actorgraph.pipeline`."""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from typing import NoReturn

from . import __version__, errors
from .annotate import MODEL_CHOICES
from .errors import UsageError
from .evaluate import ner as eval_ner
from .evaluate import quality
from .outputs import DEFAULT_FORMATS
from .workers import AUTO, MAX_AUTO_WORKERS

__all__ = ["main", "run"]

EXIT_OK, EXIT_SKIPPED, EXIT_USAGE = 0, 1, 2
LANG_CHOICES = ("auto", "de", "en")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _formats(value: str) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(n.strip() for n in value.split(",") if n.strip()))
    unknown = [n for n in names if n not in DEFAULT_FORMATS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            errors.BAD_FORMATS.format(names=", ".join(unknown) or "(none)", choices=",".join(DEFAULT_FORMATS))
        )
    return names


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def _jobs(value: str) -> int | str:
    return AUTO if value == AUTO else _positive(value)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="actorgraph", description="News articles in, a graph of political actors out.")
    parser.add_argument("--version", action="version", version=f"actorgraph {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    build = commands.add_parser("build", help="build the actor graph of a corpus")
    build.add_argument("corpus", help="a file, a folder, or - for JSON Lines on stdin")
    build.add_argument("--out", default="graph", help="output folder (default: graph)")
    build.add_argument(
        "--lang", default="auto", choices=LANG_CHOICES, help="document language (default: detect)"
    )
    build.add_argument(
        "--models", default="auto", choices=MODEL_CHOICES, help="pipeline choice (default: auto)"
    )
    build.add_argument(
        "--formats",
        type=_formats,
        default=DEFAULT_FORMATS,
        help=f"comma-separated subset of {','.join(DEFAULT_FORMATS)}",
    )
    build.add_argument("--min-weight", type=_positive, default=1, help="drop event edges below this weight")
    build.add_argument(
        "--max-nodes", type=_positive, default=1500, help="actors shown at first in the viewer"
    )
    build.add_argument("--text-column", default="text", help="CSV column / JSON field with the text")
    build.add_argument(
        "--jobs",
        type=_jobs,
        default=AUTO,
        help=f"worker processes for annotation and output files: a number, or auto (default: the "
        f"cores, at most {MAX_AUTO_WORKERS}, on Linux; one new batch is annotated in this process "
        "unless stored documents come before it)",
    )
    build.add_argument("--cache", metavar="DIR", help="document store folder (default: the user cache)")
    build.add_argument(
        "--no-cache", action="store_true", help="annotate everything; the store is temporary and deleted"
    )
    build.add_argument(
        "--engine", choices=("local", "dask"), default="local", help="where documents are processed"
    )
    build.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler (default: a local cluster)")
    build.add_argument("--batch-size", type=_positive, default=32, help="documents per unit of work")
    build.add_argument("--curation", metavar="FILE", help="YAML of aliases, merges, splits, blocks")
    build.add_argument("--strict", action="store_true", help="exit 1 if any document was skipped")
    build.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    build.add_argument("--force", action="store_true", help="rebuild even if the output folder is up to date")
    eval_ner.add_arguments(commands.add_parser("eval-ner", help="score entity recognition on labelled data"))
    quality.add_arguments(commands.add_parser("eval", help="score a graph.json against gold annotations"))
    return parser


def _build(args: argparse.Namespace) -> int:
    from .pipeline import build

    result = build(
        args.corpus,
        out=args.out,
        lang=args.lang,
        models=args.models,
        formats=args.formats,
        min_weight=args.min_weight,
        max_nodes=args.max_nodes,
        text_column=args.text_column,
        curation=args.curation,
        cache=None if args.no_cache else (args.cache or True),
        jobs=args.jobs,
        batch_size=args.batch_size,
        engine=args.engine,
        scheduler=args.scheduler,
        progress=not args.quiet and sys.stderr.isatty(),
        reuse_outputs=not args.force,
    )
    if not args.quiet:
        for line in result.summary.lines():
            print(line, file=sys.stderr)
        if result.summary.reused:
            print(
                f"{args.out} is up to date: nothing changed since it was written (--force rebuilds)",
                file=sys.stderr,
            )
        else:
            print(f"wrote {args.out}", file=sys.stderr)
    skipped = sum(result.summary.skipped.values())
    return EXIT_SKIPPED if args.strict and skipped else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "build":
            return _build(args)
        if args.command == "eval-ner":
            return eval_ner.run(args)
        if args.command == "eval":
            return quality.run(args)
    except UsageError as exc:
        print(f"actorgraph: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("actorgraph: interrupted", file=sys.stderr)
        return 130
    return EXIT_USAGE


def run() -> NoReturn:
    """The ``actorgraph`` command: :func:`main`, then exit with its status.

    A build leaves a large heap behind it, and the interpreter's collections as it exits walk
    all of it (docs/performance.md, thirty-third round). Frozen first (``gc.freeze``), the heap
    is skipped by those walks; it is still freed, and exit handlers still run. :func:`main`
    itself leaves the collector as it was, for callers that go on.
    """
    code = main()
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    run()
