"""Build throughput against bare spaCy, each run in a fresh subprocess.

For every corpus (a JSONL file from ``benchmarks/corpora.py``) this runs, one after the other:

* ``build``: :func:`actorgraph.pipeline.build` with ``cache=None`` (nothing from a document store),
  ``models="bundled"``, ``--jobs 1``; documents/s, words/s, peak RSS, seconds per stage
  (``summary.stage_seconds``) and the size of every output file;
* ``bare``: reference (a), ``nlp.pipe`` over the same texts with the per-document model exactly as
  :meth:`PipelineInfo.load_model` returns it (no parser/tagger; no KB EntityRuler, no rule
  components, no cleaning, no mention extraction);
* ``ner``: reference (b), the same model with every component disabled except ``ner`` and the
  ``tok2vec`` it listens to (if it listens to one);
* ``assembled`` (diagnostic, ``--assembled``): ``nlp.pipe`` with the build's full per-document
  pipeline (:func:`actorgraph.annotate.registry.assemble`: model + KB EntityRuler + rule components);
* ``build --jobs 2`` (``--jobs2``).

Words are ``str.split()`` tokens of the ``text`` field. ``words/s`` of the build is over the whole
build (``summary.seconds``: model loading, every stage, outputs); the references time ``nlp.pipe``
only (their model loading is reported separately). Peak RSS is ``ru_maxrss`` of the subprocess
(and, for ``--jobs 2``, the largest worker).

Usage::

    python benchmarks/throughput.py /tmp/actorgraph-bench/10kgnad.jsonl /tmp/actorgraph-bench/bbc.jsonl
        [--limit 800] [--jobs2] [--assembled] [--json results.json]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
ROOT = HERE.parents[1]
TARGET_BARE, TARGET_NER, TARGET_JOBS = 0.8, 0.7, 1.6


# --------------------------------------------------------------------------- helpers (also imported)


def read_jsonl(path: Path, limit: int | None = None) -> list[dict]:
    docs = []
    with Path(path).open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                docs.append(json.loads(line))
                if limit is not None and len(docs) >= limit:
                    break
    return docs


def limited(path: Path, limit: int | None, folder: Path) -> Path:
    """``path`` itself, or its first ``limit`` documents written to ``folder`` (outside the repo)."""
    if limit is None:
        return Path(path)
    docs = read_jsonl(path, limit)
    target = Path(folder) / f"{Path(path).stem}-first{limit}.jsonl"
    with target.open("w", encoding="utf-8") as handle:
        for doc in docs:
            handle.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return target


def word_count(path: Path) -> int:
    return sum(len(d["text"].split()) for d in read_jsonl(path))


def measured_checkout() -> Path:
    """The checkout whose source is measured: the one holding the ``actorgraph`` package that
    this Python imports (``PYTHONPATH`` may name another commit's ``src``), else this one."""
    import importlib.util

    spec = importlib.util.find_spec("actorgraph")  # found, not imported
    package = Path(spec.origin).resolve().parent if spec and spec.origin else None
    return package.parents[1] if package and package.parent.name == "src" else ROOT


def revision() -> str:
    """``git rev-parse --short HEAD`` of the measured checkout (read-only), plus ``+dirty`` for
    changed src/."""
    checkout = measured_checkout()
    try:
        head = subprocess.run(
            ["git", "-C", str(checkout), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(checkout), "status", "--porcelain", "--untracked-files=no", "--", "src"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+dirty-src" if dirty else "")


def header() -> str:
    return f"commit {revision()}, cpus {os.cpu_count()}, load average {os.getloadavg()}"


def peak_rss_mib() -> dict[str, float]:
    """Peak RSS of this process and of its largest finished child (Linux: ru_maxrss in KiB)."""
    return {
        "self": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def file_sizes(folder: Path) -> dict[str, int]:
    folder = Path(folder)
    return {str(p.relative_to(folder)): p.stat().st_size for p in sorted(folder.rglob("*")) if p.is_file()}


def subprocess_json(args: list[str], *, timeout: float | None = None) -> dict:
    """Run ``python this-script <args>`` under ``nice`` niceness as inherited; parse its last line."""
    proc = subprocess.run(
        [sys.executable, str(HERE), *args], capture_output=True, text=True, timeout=timeout, check=False
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{args[0]} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run_build(
    corpus: Path,
    *,
    jobs: int | str = 1,
    out: Path | None = None,
    cache: Path | None = None,
    batch_size: int = 32,
) -> dict:
    """:func:`build` of ``corpus`` in a fresh subprocess; its summary, peak RSS and output sizes."""
    with tempfile.TemporaryDirectory(prefix="agbench-out-") as tmp:
        target = Path(out) if out is not None else Path(tmp) / "graph"
        args = [
            "_build",
            str(corpus),
            "--jobs",
            str(jobs),
            "--out",
            str(target),
            "--batch-size",
            str(batch_size),
        ]
        if cache is not None:
            args += ["--cache", str(cache)]
        return subprocess_json(args)


def run_reference(corpus: Path, kind: str) -> dict:
    return subprocess_json(["_reference", str(corpus), "--kind", kind])


# --------------------------------------------------------------------------- workers (subprocesses)


class _CollectorLog:
    """How often the garbage collector ran in this process, and for how long, by generation."""

    def __init__(self) -> None:
        self.runs = [0, 0, 0]
        self.seconds = [0.0, 0.0, 0.0]
        self._started = 0.0
        gc.callbacks.append(self)

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.runs[info["generation"]] += 1
            self.seconds[info["generation"]] += time.perf_counter() - self._started

    def as_dict(self) -> dict:
        return {"runs": self.runs, "seconds": [round(s, 3) for s in self.seconds]}


def _worker_build(args: argparse.Namespace) -> None:
    from actorgraph.pipeline import build

    collector = _CollectorLog()
    started = time.perf_counter()
    result = build(
        args.corpus,
        out=args.out,
        models="bundled",
        cache=args.cache,
        jobs=args.jobs,
        batch_size=args.batch_size,
    )
    wall = time.perf_counter() - started
    s = result.summary
    print(
        json.dumps(
            {
                "documents": s.documents,
                "skipped": sum(s.skipped.values()),
                "annotated": s.annotated,
                "actors": s.actors,
                "events": s.events,
                "edges": s.edges,
                "seconds": s.seconds,
                "wall": wall,
                "stage_seconds": dict(s.stage_seconds),
                "stage_peak_mib": dict(s.stage_peak_mib),
                "rss_mib": peak_rss_mib(),
                "files": file_sizes(Path(args.out)),
                "collector": collector.as_dict(),
            }
        )
    )


def _ner_only(nlp) -> list[str]:
    """``ner`` and whatever it listens to."""
    keep = ["ner"]
    for name in nlp.pipe_names:
        proc = nlp.get_pipe(name)
        if "ner" in getattr(proc, "listening_components", []):
            keep.insert(0, name)
    return keep


def _worker_reference(args: argparse.Namespace) -> None:
    from actorgraph.annotate.registry import Pipelines, choose_pipeline
    from actorgraph.kbindex import default_index

    docs = read_jsonl(args.corpus)
    by_lang: dict[str, list[str]] = {}
    for doc in docs:
        by_lang.setdefault(doc.get("lang") or "en", []).append(doc["text"])
    report = {"kind": args.kind, "languages": {}}
    pipelines = Pipelines(models="bundled", index=default_index()) if args.kind == "assembled" else None
    for lang, texts in sorted(by_lang.items()):
        t0 = time.perf_counter()
        if args.kind == "assembled":
            nlp = pipelines.get(lang)
        else:
            nlp = choose_pipeline(lang, models="bundled").load_model()
        if args.kind == "ner":
            nlp.select_pipes(enable=_ner_only(nlp))
        load = time.perf_counter() - t0
        t1 = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=64):
            pass
        seconds = time.perf_counter() - t1
        report["languages"][lang] = {
            "components": list(nlp.pipe_names),
            "documents": len(texts),
            "words": sum(len(t.split()) for t in texts),
            "load": load,
            "seconds": seconds,
        }
    report["rss_mib"] = peak_rss_mib()
    print(json.dumps(report))


class _TimedModel:
    """A sentence model whose ``pipe`` is timed (passed to :func:`extract` as ``sentence_nlp``)."""

    def __init__(self, nlp):
        self.nlp, self.seconds, self.sentences = nlp, 0.0, 0

    def has_pipe(self, name: str) -> bool:
        return self.nlp.has_pipe(name)

    def pipe(self, docs, **kwargs):
        docs = list(docs)
        t = time.perf_counter()
        out = list(self.nlp.pipe(docs, **kwargs))
        self.seconds += time.perf_counter() - t
        self.sentences += len(docs)
        return out

    def get_pipe(self, name: str):
        component = self.nlp.get_pipe(name)
        # The build runs the parser on its own; other components are only inspected.
        return _TimedComponent(self, component) if name == "parser" else component

    def __getattr__(self, name: str):
        return getattr(self.nlp, name)  # pipe_names, lookups: what the build inspects


class _TimedComponent:
    """One component of a :class:`_TimedModel`, its time added to the model's."""

    def __init__(self, model: _TimedModel, component):
        self.model, self.component = model, component

    def pipe(self, docs, **kwargs):
        docs = list(docs)
        t = time.perf_counter()
        out = list(self.component.pipe(docs, **kwargs))
        self.model.seconds += time.perf_counter() - t
        return out


def _worker_components(args: argparse.Namespace) -> None:
    """Seconds of each part of clean+annotate, in one process, batch by batch as the build does."""
    from actorgraph.annotate import split_chunks
    from actorgraph.annotate.mentions import extract_batch
    from actorgraph.engines import Settings, pipelines_for, prepare, process_batch
    from actorgraph.read import read_corpus

    settings = Settings("auto", "bundled", frozenset())
    pipelines = pipelines_for("bundled")
    docs = [prepare(d, settings) for d in read_corpus(args.corpus)]
    firsts = {d.language: d for d in reversed(docs) if not d.skipped}
    process_batch(list(firsts.values()), settings)  # warm-up: models, lexicons, KB index are lazy
    seconds: dict[str, float] = {}
    t = time.perf_counter()
    docs = [prepare(d, settings) for d in read_corpus(args.corpus)]
    seconds["read+prepare (language, clean, date)"] = time.perf_counter() - t
    timed_models = {}
    for lang in sorted({d.language for d in docs if not d.skipped}):
        nlp = pipelines.get(lang)
        timed_models[lang] = _TimedModel(pipelines.sentence_pipeline(lang))
        mine = [d for d in docs if d.language == lang and not d.skipped]
        for start in range(0, len(mine), 64):
            batch = mine[start : start + 64]
            items = [(piece, (i, off)) for i, d in enumerate(batch) for off, piece in split_chunks(d.text)]
            t = time.perf_counter()
            spacy_docs = [nlp.make_doc(text) for text, _ in items]
            seconds["tokenizer"] = seconds.get("tokenizer", 0.0) + time.perf_counter() - t
            for name, proc in nlp.pipeline:
                t = time.perf_counter()
                spacy_docs = (
                    list(proc.pipe(spacy_docs, batch_size=64))
                    if hasattr(proc, "pipe")
                    else [proc(doc) for doc in spacy_docs]
                )
                key = f"{lang}: {name}"
                seconds[key] = seconds.get(key, 0.0) + time.perf_counter() - t
            chunks: dict[int, list] = {}
            for doc, (_, (i, off)) in zip(spacy_docs, items, strict=True):
                chunks.setdefault(i, []).append((off, doc))
            t = time.perf_counter()
            extract_batch(
                [(d, chunks[i]) for i, d in enumerate(batch)],
                lang=lang,
                index=pipelines.index,
                sentence_nlp=timed_models[lang],
            )
            seconds[f"{lang}: extract (incl. sentence model)"] = (
                seconds.get(f"{lang}: extract (incl. sentence model)", 0.0) + time.perf_counter() - t
            )
    for lang, model in timed_models.items():
        seconds[
            f"{lang}: of which sentence model ({'+'.join(model.nlp.pipe_names)}), {model.sentences} sentences"
        ] = model.seconds
    print(json.dumps({"documents": len(docs), "seconds": seconds}))


# --------------------------------------------------------------------------- the benchmark


def _fmt_size(n: int) -> str:
    return f"{n / 1e6:.2f} MB" if n >= 1e5 else f"{n / 1e3:.1f} kB"


def benchmark(corpus: Path, *, jobs2: bool, assembled: bool) -> dict:
    words = word_count(corpus)
    print(f"\n== {corpus.name}: {words:,} words", flush=True)
    out: dict = {"corpus": str(corpus), "words": words}

    build = run_build(corpus, jobs=1)
    out["build"] = build
    n = build["documents"]
    bwps = words / build["seconds"]
    annotate_s = build["stage_seconds"].get("clean+annotate", 0.0)
    print(
        f"build --jobs 1: {build['seconds']:.1f} s, {n / build['seconds']:.1f} docs/s, {bwps:,.0f} words/s, "
        f"peak RSS {build['rss_mib']['self']:.0f} MiB; actors {build['actors']}, events {build['events']}, "
        f"edges {build['edges']}",
        flush=True,
    )
    print("  stages: " + ", ".join(f"{k} {v:.1f} s" for k, v in build["stage_seconds"].items()))
    print("  files: " + ", ".join(f"{k} {_fmt_size(v)}" for k, v in build["files"].items()))

    kinds = ["bare", "ner"] + (["assembled"] if assembled else [])
    for kind in kinds:
        ref = run_reference(corpus, kind)
        seconds = sum(v["seconds"] for v in ref["languages"].values())
        load = sum(v["load"] for v in ref["languages"].values())
        ref["words_per_s"] = words / seconds
        ref["ratio"] = bwps / ref["words_per_s"]
        ref["ratio_annotate_stage"] = (words / annotate_s) / ref["words_per_s"] if annotate_s else None
        out[kind] = ref
        comps = "; ".join(f"{lang}: {'+'.join(v['components'])}" for lang, v in ref["languages"].items())
        print(
            f"{kind:>9}: nlp.pipe {seconds:.1f} s (+ load {load:.1f} s), {ref['words_per_s']:,.0f} words/s, "
            f"peak RSS {ref['rss_mib']['self']:.0f} MiB [{comps}]; build/ref = {ref['ratio']:.2f}"
            f" (clean+annotate stage alone: {ref['ratio_annotate_stage']:.2f})",
            flush=True,
        )
    print(f"  targets: build/bare >= {TARGET_BARE}, build/ner >= {TARGET_NER}")

    if jobs2:
        b2 = run_build(corpus, jobs=2)
        out["build_jobs2"] = b2
        speedup = build["seconds"] / b2["seconds"]
        out["speedup_jobs2"] = speedup
        print(
            f"build --jobs 2: {b2['seconds']:.1f} s, {n / b2['seconds']:.1f} docs/s, "
            f"{words / b2['seconds']:,.0f} words/s, peak RSS main {b2['rss_mib']['self']:.0f} MiB / worker "
            f"{b2['rss_mib']['children']:.0f} MiB; speed-up {speedup:.2f}x (target >= {TARGET_JOBS}x); "
            f"clean+annotate {b2['stage_seconds'].get('clean+annotate', 0):.1f} s",
            flush=True,
        )
    return out


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in ("_build", "_reference", "_components"):
        worker = argparse.ArgumentParser()
        worker.add_argument("mode")
        worker.add_argument("corpus", type=Path)
        worker.add_argument("--jobs", type=lambda v: v if v == "auto" else int(v), default=1)
        worker.add_argument("--out", type=Path)
        worker.add_argument("--cache", type=Path)
        worker.add_argument("--batch-size", type=int, default=32)
        worker.add_argument("--kind", choices=("bare", "ner", "assembled"), default="bare")
        args = worker.parse_args(argv)
        {"_build": _worker_build, "_reference": _worker_reference, "_components": _worker_components}[
            args.mode
        ](args)
        return 0

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", type=Path, nargs="+", help="JSONL corpora from benchmarks/corpora.py")
    parser.add_argument("--limit", type=int, help="only the first N documents of each corpus")
    parser.add_argument("--jobs2", action="store_true", help="also build with --jobs 2")
    parser.add_argument("--assembled", action="store_true", help="also time the assembled pipeline")
    parser.add_argument("--json", type=Path, help="write all results to this file")
    parser.add_argument(
        "--components", action="store_true", help="only: seconds per part of clean+annotate (no builds)"
    )
    args = parser.parse_args(argv)
    print(header())
    results = []
    for corpus in args.corpora:
        path = limited(corpus, args.limit, corpus.parent)
        if args.components:
            parts = subprocess_json(["_components", str(path)])
            total = sum(v for k, v in parts["seconds"].items() if "of which" not in k)
            print(f"\n== {path.name}: {parts['documents']} documents, clean+annotate parts {total:.1f} s")
            for name, sec in parts["seconds"].items():
                print(f"  {name:<60} {sec:7.2f} s  {100 * sec / total:5.1f} %")
            results.append(parts)
            continue
        results.append(benchmark(path, jobs2=args.jobs2, assembled=args.assembled))
    print(f"load average: {os.getloadavg()}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
