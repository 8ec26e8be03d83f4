"""Editors' tools on the real site: how long ``hanoi-info check`` takes (cold,
as a command; warm, as in a live-reload rebuild), and a one-language preview
build (Vietnamese + one language, what ``serve --lang`` rebuilds) against the
full six-language build. Prints the times side by side with their ratios.
Targets: the checks add under a second to a rebuild; the preview at most half the full
build.

    python -m hanoi_info.benchmarks editorial
    HANOI_BENCH_ROUNDS=3 HANOI_BENCH_LANG=ja python -m hanoi_info.benchmarks editorial
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hanoi_info.checks import collect
from hanoi_info.corpus import load_corpus
from hanoi_info.project import load_project

ROOT = Path(__file__).resolve().parents[3]


def _run(*args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "hanoi_info", *args], cwd=ROOT, capture_output=True, check=False)
    return time.perf_counter() - start


def main() -> None:
    rounds = int(os.environ.get("HANOI_BENCH_ROUNDS", "2"))
    lang = os.environ.get("HANOI_BENCH_LANG", "ja")
    project = load_project(ROOT / "mkdocs.yml")

    cold = statistics.median(_run("check") for _ in range(rounds))
    corpus = load_corpus(project.docs_dir, project.languages)
    collect(project, corpus=corpus)  # fills the caches a live-reload server keeps
    warm_times = []
    for _ in range(rounds):
        # What a live-reload rebuild adds: the 'hanoi' plugin has just loaded the pages.
        fresh = load_corpus(project.docs_dir, project.languages)
        start = time.perf_counter()
        collect(project, corpus=fresh)
        warm_times.append(time.perf_counter() - start)
    warm = statistics.median(warm_times)
    pages = len(corpus.pages)
    print(f"check, {pages} page files: command {cold:.2f} s; checks in a live-reload rebuild {warm:.2f} s; "
          f"ratio rebuild/command {warm / cold:.2f}")

    full, preview = [], []
    with tempfile.TemporaryDirectory() as folder:
        for index in range(rounds):  # alternate, so that caches favour neither
            full.append(_run("build", "-q", "--site-dir", f"{folder}/full{index}"))
            preview.append(_run("build", "-q", "--lang", lang, "--site-dir", f"{folder}/preview{index}"))
    full_time, preview_time = statistics.median(full), statistics.median(preview)
    print(f"build: all {len(project.languages)} languages {full_time:.1f} s; vi + {lang} (serve --lang {lang}) "
          f"{preview_time:.1f} s; ratio preview/full {preview_time / full_time:.2f}")


if __name__ == "__main__":
    main()
