"""Reproducible build of the German pipeline ``de_actorgraph_news``.

Steps (run from anywhere; paths are resolved against the repo root)::

    OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 nice -n 10 \
        python training/train_de.py

1. convert  – training/convert_de.py -> training/corpus/{train,dev}/*.spacy
2. train    – ``spacy train training/de_ner_rows.cfg`` (tok2vec + ner + senter, seed 0)
3. assemble – load ``model-last``, add a lookup ``lemmatizer`` whose German
   ``lemma_lookup`` table (spacy-lookups-data) is serialised into the pipeline,
   set meta.json, save to ``src/actorgraph/data/models/de/``
4. evaluate – GermEval 2014 dev (outer column, deriv/part = O) per label, and
   words/s with ``nlp.pipe`` on one core; results -> training/output/<run>/final_eval.json

Options: ``--config`` (default training/de_ner_rows.cfg, the shipped configuration),
``--checkpoint last|best`` (default last), ``--run`` (output sub-dir),
``--skip-convert``, ``--skip-train`` (assemble/evaluate an existing run),
``--no-install`` (do not copy into src/), ``--with-ler`` (add legal_ler to training data),
``--continue-config training/de_ner_cont.cfg`` (stage 2: continue from stage-1 model-last).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

for _v in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

ROOT = Path(__file__).resolve().parents[1]
TRAINING = ROOT / "training"
CORPUS = TRAINING / "corpus"
TARGET = ROOT / "src" / "actorgraph" / "data" / "models" / "de"

META = {
    "name": "de_actorgraph_news",
    "version": "0.1.0",
    "description": (
        "German pipeline for actorgraph: spaCy German tokenizer, senter, ner (PER/ORG/LOC/MISC), "
        "lookup lemmatizer. CNN tok2vec, no word vectors. Trained on GermEval 2014 train, "
        "DFKI SmartData and DFKI MobIE (all CC BY 4.0); see docs/ner.md."
    ),
    "author": "actorgraph",
    "email": "",
    "url": "",
    "license": "CC BY 4.0",
    "sources": [
        {
            "name": "GermEval 2014 NER (NoSta-D), train split",
            "url": "https://sites.google.com/site/germeval2014ner/",
            "license": "CC BY 4.0",
            "author": "Benikova, Biemann, Reznicek (LREC 2014)",
        },
        {
            "name": "DFKI SmartData Corpus v1 (train+test)",
            "url": "https://github.com/DFKI-NLP/smartdata-corpus",
            "license": "CC BY 4.0",
            "author": "Schiersch, Mironova, Schmitt, Thomas, Gabryszak, Hennig (LREC 2018)",
        },
        {
            "name": "DFKI MobIE v1_20210811 (NER, train+dev+test)",
            "url": "https://github.com/DFKI-NLP/MobIE",
            "license": "CC BY 4.0",
            "author": "Hennig, Truong, Gabryszak (KONVENS 2021)",
        },
        {
            "name": "spacy-lookups-data 1.0.5, de_lemma_lookup",
            "url": "https://github.com/explosion/spacy-lookups-data",
            "license": "MIT",
            "author": "Explosion",
        },
    ],
}
LER_SOURCE = {
    "name": "German Legal Entity Recognition (LER) dev+test",
    "url": "https://github.com/elenanereiss/Legal-Entity-Recognition",
    "license": "CC BY 4.0",
    "author": "Leitner, Rehm, Moreno-Schneider (LREC 2020)",
}


def run(cmd: list[str]) -> None:
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, cwd=ROOT)


def assemble(model_dir: Path, out_dir: Path, with_ler: bool):
    import spacy
    from spacy.lookups import load_lookups

    nlp = spacy.load(model_dir)
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup", "overwrite": False}, last=True)
    # Only the lemma table: no lexeme probs/clusters (they would add ~50 MB).
    lemmatizer.initialize(lookups=load_lookups("de", ["lemma_lookup"]))
    meta = dict(META)
    if with_ler:
        meta["sources"] = [*META["sources"][:3], LER_SOURCE, *META["sources"][3:]]
    nlp.meta.update(meta)
    nlp.meta.pop("performance", None)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    nlp.to_disk(out_dir)
    return out_dir


def evaluate(model_dir: Path) -> dict:
    import spacy
    from spacy.tokens import DocBin
    from spacy.training import Example

    nlp = spacy.load(model_dir)
    refs = list(DocBin().from_disk(CORPUS / "dev" / "germeval_dev.spacy").get_docs(nlp.vocab))
    examples = [Example(nlp.make_doc(r.text), r) for r in refs]
    scores = nlp.evaluate(examples)
    res = {
        "ents_p": scores["ents_p"],
        "ents_r": scores["ents_r"],
        "ents_f": scores["ents_f"],
        "ents_per_type": scores["ents_per_type"],
        "sents_f": scores.get("sents_f"),
    }
    # speed: sentence-level dev texts, single process, after a warm-up pass
    texts = [s.text for r in refs for s in r.sents]
    list(nlp.pipe(texts[:200]))
    t0 = time.perf_counter()
    n_words = sum(len(d) for d in nlp.pipe(texts, batch_size=256))
    dt = time.perf_counter() - t0
    res["words"] = n_words
    res["seconds"] = dt
    res["words_per_second"] = n_words / dt
    res["torch_loaded"] = "torch" in sys.modules
    size = sum(p.stat().st_size for p in model_dir.rglob("*") if p.is_file())
    res["size_bytes"] = size
    return res


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", type=Path, default=TRAINING / "de_ner_rows.cfg")
    ap.add_argument("--run", default="final")
    ap.add_argument(
        "--checkpoint",
        choices=["last", "best"],
        default="last",
        help="ship spaCy's model-last (default; the final 6000-step weights) or model-best "
        "(chosen by the weighted ents_f/sents_f score)",
    )
    ap.add_argument("--skip-convert", action="store_true")
    ap.add_argument("--skip-train", action="store_true")
    ap.add_argument("--no-install", action="store_true")
    ap.add_argument("--with-ler", action="store_true")
    ap.add_argument(
        "--continue-config",
        type=Path,
        default=None,
        help="stage-2 config that sources the stage-1 model-last and trains further",
    )
    args = ap.parse_args()

    py = sys.executable
    out = TRAINING / "output" / args.run
    t0 = time.time()
    if not args.skip_convert:
        cmd = [py, str(TRAINING / "convert_de.py")]
        if args.with_ler:
            cmd.append("--with-ler")
        run(cmd)
    if not args.skip_train:
        run([py, "-m", "spacy", "train", str(args.config), "--output", str(out)])
    best = out / f"model-{args.checkpoint}"
    if args.continue_config is not None:  # optional stage 2 (tried; no gain, see docs/ner.md)
        cont = out / "cont"
        if not args.skip_train:
            run(
                [
                    py,
                    "-m",
                    "spacy",
                    "train",
                    str(args.continue_config),
                    "--output",
                    str(cont),
                    "--paths.source",
                    str(out / "model-last"),
                ]
            )
        best = cont / f"model-{args.checkpoint}"
    t_train = time.time() - t0

    assembled = assemble(best, out / "assembled", args.with_ler)
    res = evaluate(assembled)
    res["convert_plus_train_seconds"] = t_train
    print(json.dumps(res, indent=2))
    (out / "final_eval.json").write_text(json.dumps(res, indent=2))
    meta_path = assembled / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta["performance"] = {k: res[k] for k in ("ents_p", "ents_r", "ents_f", "ents_per_type", "sents_f")}
    meta["performance"]["eval_data"] = "GermEval 2014 dev, outer column, deriv/part = O"
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False))
    if not args.no_install:
        if TARGET.exists():
            shutil.rmtree(TARGET)
        shutil.copytree(assembled, TARGET)
        print(f"installed -> {TARGET}")


if __name__ == "__main__":
    main()
