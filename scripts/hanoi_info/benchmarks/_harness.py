"""Running builds for the benchmarks: each in a fresh subprocess, wall time and
peak memory of the child measured, the exit status checked. A build that fails
raises :class:`BuildError`: it is an error, never a time.

* ours: the real ``hanoi-info build`` command (so the atomic publish through a
  staging folder is included), with the workspace's ``ours.yml`` or
  ``site-only.yml``;
* plain: ``mkdocs build`` with the workspace's ``plain.yml``.

Memory: the largest single process (``ru_maxrss`` of the child and its reaped
children, from ``wait4``) and the peak of the whole process tree (the handouts
render in worker processes), sampled from ``/proc`` every 0.2 s as the sum of
the processes' proportional set sizes (shared pages counted once).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from hanoi_info.benchmarks._workspace import Workspace

SAMPLE_SECONDS = 0.2
HANDOUTS_LINE = re.compile(r"Handouts: .*?(\d+) rendered, (\d+) from the cache")
IMAGE_SUFFIXES = (".png", ".svg", ".jpg", ".jpeg", ".webp", ".gif")


class BuildError(RuntimeError):
    """A build (or the command a benchmark measures) failed."""


@dataclass
class Measurement:
    seconds: float
    largest_mb: float  # the largest single process
    tree_mb: float  # the peak of the process tree (sum of PSS)
    output: str = field(repr=False, default="")


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        fields = stat[stat.rfind(b")") + 2:].split()
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    return children


def _memory_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    except (OSError, IndexError, ValueError):
        return 0


class _TreeSampler(threading.Thread):
    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kib = 0
        self.stopped = threading.Event()

    def run(self) -> None:
        if not os.path.isdir("/proc"):
            return
        while not self.stopped.is_set():
            children = _children_map()
            tree, todo = [], list(children.get(self.pid, ()))  # below the launcher
            while todo:
                pid = todo.pop()
                tree.append(pid)
                todo.extend(children.get(pid, ()))
            self.peak_kib = max(self.peak_kib, sum(_memory_kib(pid) for pid in tree))
            self.stopped.wait(SAMPLE_SECONDS)


def build_environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONWARNINGS"] = "ignore"  # the same for both sides; third-party deprecation chatter only
    return env


# Runs the measured command and reports its wall time and peak memory. A small
# process of its own, because a child inherits the peak memory of the process
# it was forked from (ru_maxrss survives fork and exec): the benchmark's own
# process may be large, this one is not.
LAUNCHER = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
status = subprocess.call(sys.argv[2:])
seconds = time.perf_counter() - started
with open(sys.argv[1], "w") as report:
    json.dump({"status": status, "seconds": seconds,
               "maxrss_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}, report)
sys.exit(1 if status else 0)
"""


def run_measured(argv: list[str], cwd: Path, label: str, env: dict[str, str] | None = None) -> Measurement:
    """Run ``argv`` in a fresh process; its wall time and peak memory, or
    :class:`BuildError` (with the end of its output) if it exits non-zero."""
    with tempfile.TemporaryFile() as log, tempfile.NamedTemporaryFile("r", suffix=".json") as report:
        process = subprocess.Popen([sys.executable, "-c", LAUNCHER, report.name, *argv], cwd=cwd,
                                   stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                   env=env if env is not None else build_environment())
        sampler = _TreeSampler(process.pid)
        sampler.start()
        process.wait()
        sampler.stopped.set()
        sampler.join()
        log.seek(0)
        output = log.read().decode("utf-8", errors="replace")
        try:
            result = json.load(report)
        except ValueError:
            result = {"status": process.returncode, "seconds": float("nan"), "maxrss_kib": 0}
    status, seconds = result["status"], result["seconds"]
    if status != 0 or process.returncode != 0:
        tail = "\n".join("    " + line for line in output.rstrip().splitlines()[-25:])
        raise BuildError(f"{label} failed (exit status {status}) after {seconds:.1f} s; "
                         f"its output ends with:\n{tail}")
    largest_mb = result["maxrss_kib"] * 1024 / 1e6  # KiB on Linux
    return Measurement(seconds, largest_mb, max(sampler.peak_kib * 1024 / 1e6, largest_mb), output)


def hanoi_info_command() -> list[str]:
    script = Path(sys.executable).with_name("hanoi-info")
    return [str(script)] if script.exists() else [sys.executable, "-m", "hanoi_info"]


# -- the variants ----------------------------------------------------------------------

VARIANTS = {
    "plain": "plain Material + static-i18n",
    "cold": "ours, full pipeline, cold caches",
    "warm": "ours, full pipeline, warm caches",
    "site": "ours, site only (hanoi, search, i18n)",
}


@dataclass
class BuildRun:
    variant: str
    measurement: Measurement
    handouts_rendered: int | None = None  # read from the build's log line
    cache_files_written: int = 0  # PDFs and images the build wrote into the caches
    cache_images_written: int = 0


def _cache_state(cache_dir: Path) -> dict[Path, int]:
    """Every file of the caches with its modification time (ns)."""
    if not cache_dir.is_dir():
        return {}
    return {path: path.stat().st_mtime_ns for path in cache_dir.rglob("*") if path.is_file()}


def _cache_writes(before: dict[Path, int], after: dict[Path, int]) -> tuple[int, int]:
    """Files the build created or rewrote in the caches, and how many are images.
    The handouts cache touches the .json of each PDF it reuses: not a write."""
    written = [path for path, mtime in after.items() if before.get(path) != mtime and path.suffix != ".json"]
    return len(written), sum(path.suffix.lower() in IMAGE_SUFFIXES for path in written)


def build(workspace: Workspace, variant: str) -> BuildRun:
    """One build of ``workspace`` as ``variant`` (see :data:`VARIANTS`)."""
    output_dir = workspace.root / "out"
    output_dir.mkdir(exist_ok=True)
    if variant == "plain":
        argv = [sys.executable, "-m", "mkdocs", "build", "-f", str(workspace.config("plain")),
                "-d", str(output_dir / "plain")]
    else:
        config = workspace.config("site-only" if variant == "site" else "ours")
        argv = [*hanoi_info_command(), "-f", str(config), "build", "--site-dir", str(output_dir / variant)]
        if variant == "cold":
            shutil.rmtree(workspace.cache_dir, ignore_errors=True)
    before = _cache_state(workspace.cache_dir)
    measurement = run_measured(argv, workspace.root, f"{VARIANTS[variant]} ({workspace.label})")
    index = output_dir / variant / "index.html"
    if not index.is_file():
        raise BuildError(f"{VARIANTS[variant]} ({workspace.label}) exited 0 but wrote no {index}")
    run = BuildRun(variant, measurement)
    if variant != "plain":
        found = HANDOUTS_LINE.search(measurement.output)
        run.handouts_rendered = int(found.group(1)) if found else None
        run.cache_files_written, run.cache_images_written = _cache_writes(before, _cache_state(workspace.cache_dir))
    return run


def round_order(round_index: int, variants: list[str]) -> list[str]:
    """Plain first in even rounds, last in odd ones; ours cold always before ours
    warm (warm is the no-change rebuild that follows it)."""
    ours = [variant for variant in ("cold", "warm", "site") if variant in variants]
    plain = ["plain"] if "plain" in variants else []
    if round_index % 2 == 0:
        return plain + ours
    return [variant for variant in ("site", "cold", "warm") if variant in ours] + plain


def run_rounds(workspace: Workspace, variants: list[str], rounds: int, progress=print) -> dict[str, list[BuildRun]]:
    results: dict[str, list[BuildRun]] = {variant: [] for variant in variants}
    if "warm" in variants and "cold" not in variants and not workspace.cache_dir.exists():
        progress(f"  warming the caches of {workspace.label} (not timed)")
        build(workspace, "warm")
    for round_index in range(rounds):
        for variant in round_order(round_index, variants):
            run = build(workspace, variant)
            results[variant].append(run)
            progress(f"  round {round_index + 1}/{rounds} {VARIANTS[variant]:40} {run.measurement.seconds:7.1f} s "
                     f"{run.measurement.tree_mb:6.0f} MB  load {os.getloadavg()[0]:4.1f}" + _counts(run))
    return results


def _counts(run: BuildRun) -> str:
    if run.variant == "plain":
        return ""
    handouts = "?" if run.handouts_rendered is None else run.handouts_rendered
    return f"  (handouts rendered: {handouts}; cache files written: {run.cache_files_written})"


# -- statistics and tables -------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    median: float
    low: float
    high: float
    tree_mb: float
    largest_mb: float
    rounds: int
    # ours ÷ plain of the same round (the load of a noisy machine drifts between
    # rounds): median, min, max; None for plain itself or without plain.
    paired: tuple[float, float, float] | None = None


def summarize(runs: list[BuildRun], plain: list[BuildRun] | None = None) -> Summary:
    seconds = [run.measurement.seconds for run in runs]
    paired = None
    if plain and runs and runs[0].variant != "plain":
        ratios = [run.measurement.seconds / base.measurement.seconds for run, base in zip(runs, plain)]
        paired = (statistics.median(ratios), min(ratios), max(ratios))
    return Summary(statistics.median(seconds), min(seconds), max(seconds),
                   max(run.measurement.tree_mb for run in runs), max(run.measurement.largest_mb for run in runs),
                   len(runs), paired)


def summarize_all(results: dict[str, list[BuildRun]]) -> dict[str, Summary]:
    return {variant: summarize(runs, results.get("plain")) for variant, runs in results.items()}


def table(title: str, summaries: dict[str, Summary]) -> str:
    """Times (median, min–max), peak memory of the process tree and of its
    largest process, the ratio of medians to plain and the per-round ratio."""
    plain = summaries.get("plain")
    lines = [title, f"  {'':40}{'median s':>9}{'min–max s':>14}{'peak MB':>9}{'largest':>9}"
                    f"{'× plain':>9}{'per round (min–max)':>22}"]
    for variant, summary in summaries.items():
        ratio = f"{summary.median / plain.median:9.2f}" if plain else f"{'':>9}"
        paired = (f"{summary.paired[0]:.2f} ({summary.paired[1]:.2f}–{summary.paired[2]:.2f})"
                  if summary.paired else "")
        spread = f"{summary.low:.1f}–{summary.high:.1f}"
        lines.append(f"  {VARIANTS[variant]:40}{summary.median:9.1f}{spread:>14}{summary.tree_mb:9.0f}"
                     f"{summary.largest_mb:9.0f}{ratio}{paired:>22}")
    return "\n".join(lines)
