"""How many worker processes a build uses (a number the user gives, or ``"auto"``), and work
done in a forked process while the build goes on: one function's value, or a stream of items."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Generic, TypeVar

from . import errors
from .errors import UsageError

__all__ = ["AUTO", "MAX_AUTO_WORKERS", "Forked", "ForkedItems", "auto_workers", "can_fork", "resolve_jobs"]

T = TypeVar("T")

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
    if not can_fork():
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


def can_fork() -> bool:
    """Whether worker processes can be forked safely here: on Linux only (macOS's system
    libraries may not survive a fork, and Windows has none)."""
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


class Forked(Generic[T]):
    """``function(*args, **kwargs)`` computed in a forked process while this one goes on.

    The child inherits the arguments, so nothing is copied on the way in, and sends its result
    back pickled. Call :meth:`result` to wait for it, or :meth:`cancel` when it is no longer
    wanted; one of the two must be called.

    Examples
    --------
    >>> if can_fork():
    ...     job = Forked(sum, [1, 2, 3])
    ...     job.result()
    ... else:
    ...     6
    6
    """

    def __init__(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> None:
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_send_result, args=(send, function, args, kwargs), daemon=True)
        self._process.start()
        send.close()  # the child holds the only sending end: its exit ends the pipe

    def result(self) -> T:
        """The function's value; its exception, with the child's traceback, if it raised one."""
        try:
            ok, value = self._receive.recv()
        except EOFError:
            ok, value = False, None
        finally:
            self._receive.close()
            self._process.join()
        if not ok:
            raise RuntimeError(value or f"a forked process ended with exit code {self._process.exitcode}")
        return value

    def cancel(self) -> None:
        """End the child without waiting for its result."""
        self._process.kill()
        self._process.join()
        self._receive.close()


def _send_result(send, function: Callable[..., Any], args: tuple, kwargs: dict) -> None:
    try:
        reply = (True, function(*args, **kwargs))
    except BaseException as error:  # the parent raises it
        reply = (False, "".join(traceback.format_exception(error)))
    send.send(reply)
    send.close()


class ForkedItems(Generic[T]):
    """The items of ``produce()``, made in a forked process while this one goes on, then read
    back in order.

    The child writes them pickled, :attr:`CHUNK` at a time, to an anonymous temporary file, so
    neither process holds them all; iterating waits for the child, then reads one chunk at a
    time. Iterate once, or call :meth:`cancel` when they are no longer wanted.

    Examples
    --------
    >>> if can_fork():
    ...     items = ForkedItems(lambda: (n * n for n in range(5)))
    ...     list(items)
    ... else:
    ...     [0, 1, 4, 9, 16]
    [0, 1, 4, 9, 16]
    """

    CHUNK = 256

    def __init__(self, produce: Callable[[], Iterable[T]]) -> None:
        # Held until read back; as it has no name, the system removes it even if both end killed.
        self._file = tempfile.TemporaryFile(prefix="actorgraph-items-")  # noqa: SIM115
        self._job: Forked[list[int]] | None = Forked(_write_items, self._file, produce, self.CHUNK)

    def __iter__(self) -> Iterator[T]:
        if self._job is None:
            raise RuntimeError("the items were read or cancelled already")
        job, self._job = self._job, None
        try:
            sizes = job.result()
            self._file.seek(0)
            for size in sizes:
                yield from pickle.loads(self._file.read(size))
        finally:
            self._file.close()

    def cancel(self) -> None:
        """End the child, if it still runs, and drop what it wrote."""
        if self._job is not None:
            self._job.cancel()
            self._job = None
        self._file.close()


def _write_items(file, produce: Callable[[], Iterable[Any]], chunk: int) -> list[int]:
    """The child of :class:`ForkedItems`: the size of each chunk it wrote to ``file``."""
    sizes: list[int] = []
    items: list[Any] = []

    def write() -> None:
        data = pickle.dumps(items, pickle.HIGHEST_PROTOCOL)
        file.write(data)
        sizes.append(len(data))
        items.clear()

    for item in produce():
        items.append(item)
        if len(items) >= chunk:
            write()
    if items:
        write()
    file.flush()
    return sizes
