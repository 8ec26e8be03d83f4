"""Site build: ours (the project's real plugin list) against plain Material +
mkdocs-static-i18n on the same pages, on synthetic sites and on the real site.

Synthetic sites look like the real one (front matter like docs/, handouts,
kiosk pages, links, tables, glossary names, an events page; the project's
data/ and locales/), N pages in each of the project's languages
(:mod:`hanoi_info.benchmarks._workspace`). Each build runs in a fresh
subprocess (ours: the real ``hanoi-info build``, atomic publish included;
plain: ``mkdocs build``), several rounds with the order alternated; every exit
status is checked and a failed build stops the benchmark with an error
(:mod:`hanoi_info.benchmarks._harness`). Printed: median, min–max, peak memory
and ratio to plain of

* plain; ours, full pipeline, cold caches; ours, warm caches (the no-change
  rebuild); ours, site only (``hanoi``, ``search``, ``hanoi-i18n``);

at N = 100 and N = 1,000 (with the growth factor time(1,000) ÷ time(100)) and
on the real site; then how long an editor's preview (``hanoi-info serve
--lang xx``) takes to show a saved change. Targets, each with PASS/FAIL:
full pipeline, warm caches ≤ 1.0× plain (real site and 100 × 6); site only
≤ 0.6× plain; growth ≤ 10.5× from 100 to 1,000 pages; peak memory ≤ 1.5 GB; a
no-change rebuild renders 0 handouts and 0 images; a preview shows a change in
≤ 1.5 s.

    python -m hanoi_info.benchmarks site                       # the full run (15+ minutes)
    python -m hanoi_info.benchmarks.site --quick               # smoke test: 10 and 30 pages, 1 round
    python -m hanoi_info.benchmarks.site --small 100 --large 0 --rounds 5 --skip real,serve

Environment (the runner ``python -m hanoi_info.benchmarks`` passes no flags):
HANOI_BENCH_PAGES (small N), HANOI_BENCH_LARGE_PAGES (large N, 0 to skip),
HANOI_BENCH_ROUNDS, HANOI_BENCH_LARGE_ROUNDS, HANOI_BENCH_REAL_ROUNDS,
HANOI_BENCH_SERVE_TRIALS, HANOI_BENCH_LANG (the preview's language),
HANOI_BENCH_SKIP (real,serve,large), HANOI_BENCH_QUICK=1.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

from hanoi_info.benchmarks import _harness as harness
from hanoi_info.benchmarks import _workspace as workspaces
from hanoi_info.benchmarks._report import target

MAX_WARM_RATIO = 1.0
MAX_SITE_ONLY_RATIO = 0.6
MAX_GROWTH_PER_PAGE_FACTOR = 1.05  # 10.5× for 10× the pages: near-linear
MAX_PEAK_MB = 1500
MAX_PREVIEW_SECONDS = 1.5
SERVE_START_TIMEOUT = 900
CHANGE_TIMEOUT = 120
ALL_VARIANTS = ["plain", "cold", "warm", "site"]
BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    quick = "--quick" in argv or os.environ.get("HANOI_BENCH_QUICK", "").strip() in ("1", "true", "yes")
    parser = argparse.ArgumentParser(prog="python -m hanoi_info.benchmarks.site", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smoke test: 10 and 30 pages × languages, one round each")
    parser.add_argument("-f", "--config-file", default=str(workspaces.PROJECT_CONFIG),
                        help="the project's mkdocs.yml (default: this project's)")
    parser.add_argument("--small", type=int, default=_env_int("HANOI_BENCH_PAGES", 10 if quick else 100),
                        help="pages per language of the small synthetic site")
    parser.add_argument("--large", type=int, default=_env_int("HANOI_BENCH_LARGE_PAGES", 30 if quick else 1000),
                        help="pages per language of the large synthetic site (0: skip)")
    parser.add_argument("--rounds", type=int, default=_env_int("HANOI_BENCH_ROUNDS", 1 if quick else 3))
    parser.add_argument("--large-rounds", type=int, default=_env_int("HANOI_BENCH_LARGE_ROUNDS", 1))
    parser.add_argument("--real-rounds", type=int, default=_env_int("HANOI_BENCH_REAL_ROUNDS", 1 if quick else 3))
    parser.add_argument("--serve-trials", type=int, default=_env_int("HANOI_BENCH_SERVE_TRIALS", 1 if quick else 3))
    parser.add_argument("--lang", default=os.environ.get("HANOI_BENCH_LANG", "ja"), help="the preview's language")
    parser.add_argument("--skip", default=os.environ.get("HANOI_BENCH_SKIP", ""),
                        help="comma-separated parts to skip: large, real, serve")
    parser.add_argument("--workdir", help="where to create the sites (default: a temporary folder, removed)")
    args = parser.parse_args(argv)
    args.skip = {part.strip() for part in args.skip.split(",") if part.strip()}
    unknown = args.skip - {"large", "real", "serve"}
    if unknown:
        parser.error(f"--skip: unknown part(s) {', '.join(sorted(unknown))}; choose from large, real, serve")
    if args.small < 1 or min(args.rounds, args.large_rounds, args.real_rounds) < 1:
        parser.error("--small and the rounds must be at least 1")
    args.config_file = Path(args.config_file).resolve()
    return args


def _progress(message: str) -> None:
    print(message, flush=True)


def _ratio_target(name: str, summaries: dict[str, harness.Summary], variant: str, limit: float) -> None:
    """Judged on the median of the per-round ratios (ours and plain of the same
    round); the ratio of the medians is printed beside it."""
    ours, plain = summaries[variant], summaries["plain"]
    ratio, low, high = ours.paired or (ours.median / plain.median,) * 3
    target(name, f"{ratio:.2f}× plain (per round {low:.2f}–{high:.2f}; medians {ours.median:.1f} s against "
                 f"{plain.median:.1f} s = {ours.median / plain.median:.2f}×)", f"≤ {limit:.1f}×", ratio <= limit)


def _no_change_target(where: str, runs: list[harness.BuildRun]) -> None:
    rendered = [run.handouts_rendered for run in runs]
    images = max(run.cache_images_written for run in runs)
    files = max(run.cache_files_written for run in runs)
    if any(count is None for count in rendered):
        measured = f"no 'Handouts: … rendered' line in the build log; {files} file(s) ({images} image(s)) written to the caches"
        passed = files == 0
    else:
        measured = f"{max(rendered)} handout(s) rendered, {images} image(s) written to the caches"
        passed = max(rendered) == 0 and images == 0
    target(f"no-change rebuild, {where}", measured, "0 handouts and 0 images", passed)


def measure_site(workspace: workspaces.Workspace, rounds: int) -> tuple[dict[str, harness.Summary], dict]:
    pages = sum(1 for _ in (workspace.root / "docs").rglob("*.md"))
    _progress(f"\n{workspace.label}: {pages} page files, {rounds} round(s), order alternated")
    results = harness.run_rounds(workspace, ALL_VARIANTS, rounds, _progress)
    summaries = harness.summarize_all(results)
    print(harness.table(f"{workspace.label} ({pages} page files), median of {rounds} round(s):", summaries), flush=True)
    return summaries, results


# -- the editor's preview --------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError):
        return None


def _preview_page(workspace: workspaces.Workspace, lang: str) -> tuple[Path, str]:
    """The first page (in path order) that has a handout, in the preview's
    language: the common case on the real site, and the one a rebuild does most for."""
    docs = workspace.root / "docs"
    candidates = sorted(docs.rglob(f"*.{lang}.md"))
    for path in candidates:
        if re.search(r"^handout:\s*true", path.read_text(encoding="utf-8"), re.MULTILINE):
            break
    else:
        if not candidates:
            raise harness.BuildError(f"the preview benchmark needs a page in '{lang}'; there is none")
        path = candidates[0]
    relative = path.relative_to(docs).as_posix()[: -len(f".{lang}.md")]
    url_path = "" if relative == "index" else (relative[: -len("/index")] if relative.endswith("/index") else relative) + "/"
    return path, f"{lang}/{url_path}"


def measure_preview(workspace: workspaces.Workspace, lang: str, trials: int) -> list[float]:
    """Start ``hanoi-info serve --lang <lang>`` on a free port, wait until it
    serves, then append a paragraph to a page and time until the served HTML
    has it; ``trials`` times."""
    if lang not in workspace.languages[1:]:
        raise harness.BuildError(f"--lang {lang}: not one of the site's translation languages {workspace.languages[1:]}")
    port = _free_port()
    page, url_path = _preview_page(workspace, lang)
    url = f"http://127.0.0.1:{port}/{url_path}"
    argv = [*harness.hanoi_info_command(), "-f", str(workspace.config("ours")), "serve", "--lang", lang,
            "-a", f"127.0.0.1:{port}"]
    log = tempfile.NamedTemporaryFile(prefix="serve-", suffix=".log")
    server = subprocess.Popen(argv, cwd=workspace.root, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                              env=harness.build_environment(), start_new_session=True)

    def output() -> str:
        # A separate open file: reading must not move the offset the server writes at.
        with open(log.name, encoding="utf-8", errors="replace") as handle:
            return handle.read()

    def failure(message: str) -> harness.BuildError:
        tail = "\n".join("    " + line for line in output().rstrip().splitlines()[-25:])
        return harness.BuildError(f"hanoi-info serve --lang {lang}: {message}; its output ends with:\n{tail}")

    times = []
    try:
        started = time.perf_counter()
        _progress(f"  serve --lang {lang} on port {port}: waiting for the first build")
        while _fetch(url) is None:
            if server.poll() is not None:
                raise failure(f"exited with status {server.returncode} before serving")
            if time.perf_counter() - started > SERVE_START_TIMEOUT:
                raise failure(f"served nothing at {url} within {SERVE_START_TIMEOUT} s")
            time.sleep(0.2)
        _progress(f"  serving after {time.perf_counter() - started:.1f} s; editing {page.relative_to(workspace.root)}")
        time.sleep(1.0)  # let the file watcher settle after the first build
        for trial in range(trials):
            token = f"benchmark-{uuid.uuid4().hex[:12]}"
            with open(page, "a", encoding="utf-8") as handle:
                handle.write(f"\n\nParagraph added by the preview benchmark: {token}.\n")
            saved = time.perf_counter()
            while True:
                body = _fetch(url)
                if body is not None and token in body:
                    break
                if server.poll() is not None:
                    raise failure(f"exited with status {server.returncode} after the change")
                if time.perf_counter() - saved > CHANGE_TIMEOUT:
                    raise failure(f"the change did not appear at {url} within {CHANGE_TIMEOUT} s")
                time.sleep(0.02)
            times.append(time.perf_counter() - saved)
            builds = BUILT.findall(output())
            rebuild = f"; MkDocs' log: rebuilt in {builds[-1]} s" if builds else ""
            _progress(f"  trial {trial + 1}/{trials}: the change was served after {times[-1]:.2f} s{rebuild}")
            time.sleep(1.0)
    finally:
        _stop(server)
        log.close()
    return times


def _stop(server: subprocess.Popen) -> None:
    """Stop the preview server this benchmark started (its own process group)."""
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGINT)  # what Ctrl-C does: MkDocs shuts down cleanly
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


# -- the run ---------------------------------------------------------------------------


def run(args: argparse.Namespace, folder: Path) -> None:
    config_file = args.config_file
    small = workspaces.synthetic_site(folder / f"synthetic-{args.small}", args.small, config_file)
    print("plugins, as MkDocs loads each configuration:")
    for line in workspaces.check_configs(small):
        print(f"  {line}")
    small_summary, small_runs = measure_site(small, args.rounds)
    _ratio_target(f"full pipeline, warm caches, {small.label}", small_summary, "warm", MAX_WARM_RATIO)
    _ratio_target(f"site only, {small.label}", small_summary, "site", MAX_SITE_ONLY_RATIO)
    _no_change_target(small.label, small_runs["warm"])
    shutil.rmtree(small.root, ignore_errors=True)

    if args.large and "large" not in args.skip:
        large = workspaces.synthetic_site(folder / f"synthetic-{args.large}", args.large, config_file)
        large_summary, _ = measure_site(large, args.large_rounds)
        ratio_pages = args.large / args.small
        limit = MAX_GROWTH_PER_PAGE_FACTOR * ratio_pages
        print(f"growth from {args.small} to {args.large} pages × {len(large.languages)} (time ÷ time; "
              f"{ratio_pages:g}× the pages):")
        for variant in ("plain", "warm", "site", "cold"):
            growth = large_summary[variant].median / small_summary[variant].median
            print(f"  {harness.VARIANTS[variant]:40}{growth:8.2f}×")
        _ratio_target(f"full pipeline, warm caches, {large.label}", large_summary, "warm", MAX_WARM_RATIO)
        for variant, name in (("warm", "full pipeline, warm caches"), ("site", "site only")):
            growth = large_summary[variant].median / small_summary[variant].median
            target(f"growth {args.small} → {args.large} pages × {len(large.languages)}, {name}",
                   f"{growth:.2f}× (plain: {large_summary['plain'].median / small_summary['plain'].median:.2f}×)",
                   f"≤ {limit:.1f}×", growth <= limit)
        peak = max(large_summary[variant].tree_mb for variant in ("cold", "warm", "site"))
        target(f"peak memory of ours, {large.label}", f"{peak:.0f} MB (plain: {large_summary['plain'].tree_mb:.0f} MB)",
               f"≤ {MAX_PEAK_MB} MB", peak <= MAX_PEAK_MB)
        shutil.rmtree(large.root, ignore_errors=True)

    if "real" not in args.skip:
        real = workspaces.real_site(folder / "real", config_file)
        real_summary, real_runs = measure_site(real, args.real_rounds)
        _ratio_target("full pipeline, warm caches, real site", real_summary, "warm", MAX_WARM_RATIO)
        _ratio_target("site only, real site", real_summary, "site", MAX_SITE_ONLY_RATIO)
        _no_change_target("real site", real_runs["warm"])
        peak = max(real_summary[variant].tree_mb for variant in ("cold", "warm", "site"))
        target("peak memory of ours, real site", f"{peak:.0f} MB (plain: {real_summary['plain'].tree_mb:.0f} MB)",
               f"≤ {MAX_PEAK_MB} MB", peak <= MAX_PEAK_MB)
        shutil.rmtree(real.root, ignore_errors=True)

    if "serve" not in args.skip:
        preview = workspaces.real_site(folder / "preview", config_file)
        print(f"\neditor's preview on the real site (hanoi-info serve --lang {args.lang}), {args.serve_trials} change(s):",
              flush=True)
        times = sorted(measure_preview(preview, args.lang, args.serve_trials))
        median = times[len(times) // 2]
        target(f"preview shows a saved change (serve --lang {args.lang}, real site)",
               f"{median:.2f} s median ({times[0]:.2f}–{times[-1]:.2f} s)", f"≤ {MAX_PREVIEW_SECONDS} s",
               median <= MAX_PREVIEW_SECONDS)


def main(argv: list[str] | None = None) -> int:
    args = parse_arguments(list(argv or []))
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start", flush=True)
    if args.workdir:
        folder = Path(args.workdir).resolve()
        folder.mkdir(parents=True, exist_ok=True)
    else:
        folder = Path(tempfile.mkdtemp(prefix="hanoi-bench-"))
    try:
        run(args, folder)
    except harness.BuildError as error:
        print(f"error: the benchmark stopped, a build failed (a failed build is never timed):\n{error}",
              file=sys.stderr, flush=True)
        return 1
    finally:
        if not args.workdir:
            shutil.rmtree(folder, ignore_errors=True)
    print(f"load average {os.getloadavg()[0]:.1f} at the end", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
