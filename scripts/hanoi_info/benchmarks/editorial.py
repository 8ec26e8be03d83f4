"""Editors' tools on the real site: how long ``hanoi-info check`` takes (cold,
as a command; warm, in a live-reload rebuild after a saved change), and a one-language preview
build (Vietnamese + one language, what ``serve --lang`` rebuilds) against the
full six-language build. Prints the times side by side with their ratios.
Targets: the checks add under a second to a rebuild; the preview at most half the full
build. Every command's exit status is checked: a check that finds problems or a
build that fails stops the benchmark with an error (never a time).

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

from hanoi_info.benchmarks import _workspace as workspaces
from hanoi_info.benchmarks._report import target
from hanoi_info.checks import collect
from hanoi_info.corpus import load_corpus
from hanoi_info.project import load_project

ROOT = Path(__file__).resolve().parents[3]


class CommandFailed(RuntimeError):
    pass


def _run(*args: str) -> float:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "hanoi_info", *args], cwd=ROOT, capture_output=True, text=True,
                            check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        output = (result.stdout + result.stderr).rstrip().splitlines()[-25:]
        raise CommandFailed(f"'hanoi-info {' '.join(args)}' failed (exit status {result.returncode}) after {elapsed:.1f} s; "
                            "its output ends with:\n" + "\n".join("    " + line for line in output))
    return elapsed


def main(argv: list[str] | None = None) -> int:
    quick = "--quick" in (argv or [])
    rounds = int(os.environ.get("HANOI_BENCH_ROUNDS", "1" if quick else "2"))
    lang = os.environ.get("HANOI_BENCH_LANG", "ja")
    try:
        measure(rounds, lang)
    except CommandFailed as error:
        print(f"error: the benchmark stopped, a command failed (a failure is never timed):\n{error}", file=sys.stderr)
        return 1
    return 0


def measure(rounds: int, lang: str) -> None:
    project = load_project(ROOT / "mkdocs.yml")

    cold = statistics.median(_run("check") for _ in range(rounds))
    warm_times = []
    with tempfile.TemporaryDirectory() as folder:
        # A copy of the site, so that a page may be edited: a live-reload
        # rebuild follows a saved change (with none, the last report is reused).
        workspace = workspaces.real_site(Path(folder) / "site")
        copy = load_project(workspace.config("ours"))
        corpus = load_corpus(copy.docs_dir, copy.languages)
        collect(copy, corpus=corpus)  # fills the caches a live-reload server keeps
        page = sorted((copy.docs_dir / "arriving").glob(f"*.{lang}.md"))[0]
        for round_number in range(rounds):
            page.write_text(page.read_text(encoding="utf-8") + "\n" * (round_number + 1), encoding="utf-8")
            # What a live-reload rebuild adds: the 'hanoi' plugin has just loaded the pages.
            fresh = load_corpus(copy.docs_dir, copy.languages)
            start = time.perf_counter()
            collect(copy, corpus=fresh)
            warm_times.append(time.perf_counter() - start)
    warm = statistics.median(warm_times)
    pages = len(corpus.pages)
    print(f"check, {pages} page files: command {cold:.2f} s; checks in a live-reload rebuild after a saved change {warm:.2f} s; "
          f"ratio rebuild/command {warm / cold:.2f}")
    target("checks in a live-reload rebuild", f"{warm:.2f} s", "< 1 s", warm < 1.0)

    full, preview = [], []
    with tempfile.TemporaryDirectory() as folder:
        for index in range(rounds):  # alternate, so that caches favour neither
            pair = [("full", ("build", "-q", "--site-dir", f"{folder}/full{index}")),
                    ("preview", ("build", "-q", "--lang", lang, "--site-dir", f"{folder}/preview{index}"))]
            for name, args in pair if index % 2 == 0 else reversed(pair):
                (full if name == "full" else preview).append(_run(*args))
    full_time, preview_time = statistics.median(full), statistics.median(preview)
    print(f"build: all {len(project.languages)} languages {full_time:.1f} s; vi + {lang} (serve --lang {lang}) "
          f"{preview_time:.1f} s; ratio preview/full {preview_time / full_time:.2f}")
    target(f"preview build (vi + {lang}) against the full build", f"{preview_time / full_time:.2f}×", "≤ 0.5×",
           preview_time / full_time <= 0.5)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
