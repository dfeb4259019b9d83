"""How many worker processes a build uses: a number the user gives, or ``"auto"``."""

from __future__ import annotations

import multiprocessing
import os
import sys

from . import errors
from .errors import UsageError

__all__ = ["AUTO", "MAX_AUTO_WORKERS", "auto_workers", "resolve_jobs"]

#: ``jobs="auto"``: as many workers as :func:`auto_workers` allows.
AUTO = "auto"
#: Each worker holds its own pipelines (about half a GiB), and resolution, events and the graph
#: stage run in one process, so more workers than this gain little for what they cost in memory.
MAX_AUTO_WORKERS = 4


def auto_workers() -> int:
    """How many processes ``jobs="auto"`` uses: the cores this process may run on, at most
    :data:`MAX_AUTO_WORKERS`, and 1 where worker processes cannot be forked safely.

    Workers are forked, and only Linux forks safely: macOS's system libraries may not survive a
    fork, and Windows has none.
    """
    if not sys.platform.startswith("linux") or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(cores, MAX_AUTO_WORKERS))


def resolve_jobs(jobs: int | str) -> int:
    """The number of processes ``jobs`` (a positive number or :data:`AUTO`) stands for.

    Raises
    ------
    UsageError
        If ``jobs`` is neither.

    Examples
    --------
    >>> resolve_jobs(3)
    3
    >>> 1 <= resolve_jobs("auto") <= MAX_AUTO_WORKERS
    True
    """
    if jobs == AUTO:
        return auto_workers()
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise UsageError(errors.BAD_JOBS.format(value=jobs))
    return jobs
