"""Peer comparison for main-text extraction on the Scrapinghub article-extraction benchmark.

Runs, over the same pages, the way the benchmark's own ``extractors/run_*.py`` call them:

* ``trafilatura``: ``trafilatura.extract(html, include_comments=False)``, from the
  project's venv (the version crosscheck itself uses);
* ``readability``: readability-lxml ``Document(html).summary(html_partial=True)`` turned
  into text with html-text;
* ``newspaper4k``: ``newspaper.article(url, input_html=html).parse()``, ``.text`` (with
  ``fetch_images=False``, so it makes no network requests; the text is unaffected);
* ``crosscheck``: HTML ingest + clean, as ``crosscheck eval html`` scores it.

readability-lxml, html-text and newspaper4k are not crosscheck dependencies: they are
installed into a separate venv, ``out/peers-venv`` (``/out/`` is git-ignored), and run
there by this same file in ``--worker`` mode, which imports nothing from crosscheck. When
they cannot be installed the script says so and scores the others.

Each system's output is written as JSONL (``{"id", "articleBody"}``, the format
``crosscheck.evaluate.html`` documents) under ``out/peers/`` and scored through that
module's scorer, so every figure comes from one scorer.

Usage::

    .venv/bin/python benchmarks/peers_html.py [--limit N] [--only readability,newspaper4k]
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import time
import venv
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / "out" / "peers-venv"
OUT = ROOT / "out" / "peers"
PEER_PACKAGES = ["readability-lxml", "html-text", "newspaper4k"]
IN_VENV = ("readability", "newspaper4k")
SYSTEMS = ("crosscheck", "trafilatura", "readability", "newspaper4k")


def _pages(data: Path, limit: int | None) -> list[tuple[str, str, str | None]]:
    """Return ``(id, html, url)`` for the first ``limit`` page ids in sorted order."""
    gold = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(gold)[:limit] if limit else sorted(gold)
    out = []
    for page_id in ids:
        html = gzip.decompress((data / "html" / f"{page_id}.html.gz").read_bytes())
        out.append((page_id, html.decode("utf-8"), gold[page_id].get("url")))
    return out


def _extract(name: str, html: str, url: str | None) -> str:
    """Run one peer extractor on one page (worker side; peers imported lazily)."""
    if name == "trafilatura":
        import trafilatura

        return trafilatura.extract(html, include_comments=False) or ""
    if name == "readability":
        import html_text
        from readability import Document

        return str(html_text.extract_text(Document(html).summary(html_partial=True)))
    if name == "newspaper4k":
        import newspaper

        # fetch_images=False: otherwise it downloads every image to pick a top image.
        article = newspaper.article(
            url or "http://example.invalid/", input_html=html, fetch_images=False
        )
        article.parse()
        return str(article.text or "")
    raise ValueError(f"unknown system {name!r}")


def worker(name: str, data: Path, limit: int | None, path: Path) -> int:
    """Write ``name``'s predictions for the pages as JSONL; a page that fails is empty."""
    failures = 0
    started = time.perf_counter()
    with path.open("w", encoding="utf-8") as fh:
        for page_id, html, url in _pages(data, limit):
            try:
                text = _extract(name, html, url)
            except Exception as exc:  # a peer failing on a page scores it as empty
                failures += 1
                print(f"{name} failed on {page_id}: {exc}", file=sys.stderr)
                text = ""
            fh.write(json.dumps({"id": page_id, "articleBody": text}) + "\n")
    seconds = time.perf_counter() - started
    print(json.dumps({"system": name, "failed": failures, "seconds": round(seconds, 2)}))
    return 0


def _peer_python() -> Path | None:
    """Return the peers venv's python, creating the venv and installing peers if needed."""
    python = VENV / "bin" / "python"
    probe = [str(python), "-c", "import readability, html_text, newspaper"]
    if python.exists() and subprocess.run(probe, capture_output=True, check=False).returncode == 0:
        return python
    if not python.exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    install = [str(python), "-m", "pip", "install", "-q", *PEER_PACKAGES]
    result = subprocess.run(install, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        print(f"peers could not be installed into {VENV}:\n{result.stderr[-2000:]}")
        return None
    return python


def _crosscheck_predictions(data: Path, limit: int | None, path: Path) -> None:
    """Write crosscheck's own kept text per page (the same as ``eval html`` scores)."""
    from crosscheck.evaluate.html import predict
    from crosscheck.settings import Settings

    settings = Settings()
    with path.open("w", encoding="utf-8") as fh:
        for page_id, html, _url in _pages(data, limit):
            text, _problem, _reasons = predict(html.encode("utf-8"), page_id, settings)
            fh.write(json.dumps({"id": page_id, "articleBody": text}) + "\n")


def main() -> int:
    """Produce every system's predictions, score them with one scorer, print a table."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--only", default=",".join(SYSTEMS))
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--worker", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(args.worker, args.data, args.limit, args.out)

    from crosscheck.evaluate.base import default_data
    from crosscheck.evaluate.html import run

    data = args.data or default_data("html")
    if not (data / "ground-truth.json").is_file():
        print(f"Scrapinghub benchmark not found at {data}; skipping.")
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    wanted = [s.strip() for s in args.only.split(",") if s.strip()]
    python: Path | None = None
    results: list[dict[str, Any]] = []
    for name in wanted:
        path = OUT / f"html_{name}.jsonl"
        started = time.perf_counter()
        if name == "crosscheck":
            _crosscheck_predictions(data, args.limit, path)
        else:
            if name in IN_VENV:
                python = python or _peer_python()
                if python is None:
                    continue
                exe = str(python)
            else:
                exe = sys.executable
            cmd = [exe, __file__, "--worker", name, "--data", str(data), "--out", str(path)]
            if args.limit:
                cmd += ["--limit", str(args.limit)]
            done = subprocess.run(cmd, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                print(f"{name} did not run:\n{done.stderr[-2000:]}")
                continue
        seconds = time.perf_counter() - started
        result = run(data, limit=args.limit, predictions=path)
        row = result.as_dict()
        results.append(
            {
                "system": name,
                "precision": row["precision"],
                "recall": row["recall"],
                "f1": row["f1"],
                "f1_std": row["f1_std"],
                "accuracy": row["accuracy"],
                "pages": row["items"],
                "seconds": round(seconds, 1),
            }
        )
    print(f"{'system':<12} {'P':>7} {'R':>7} {'F1':>7} {'±':>6} {'acc':>6} {'pages':>5} {'s':>6}")
    for r in results:
        print(
            f"{r['system']:<12} {r['precision']:7.4f} {r['recall']:7.4f} {r['f1']:7.4f} "
            f"{r['f1_std']:6.4f} {r['accuracy']:6.3f} {r['pages']:5d} {r['seconds']:6.1f}"
        )
    (OUT / "html_summary.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
