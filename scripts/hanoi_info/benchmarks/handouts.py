"""Benchmark: a cold build of every handout, the naive way against ours.

    python -m hanoi_info.benchmarks handouts        (with the other benchmarks' runner)
    python -m hanoi_info.benchmarks.handouts [-f mkdocs.yml] [--variant office] [--limit N] [--workers N]

* naive: one WeasyPrint document per handout, one after the other, each with
  its own font configuration and its stylesheet parsed again (inlined in the
  HTML, as a template usually does), no cache;
* ours: :func:`hanoi_info.handouts.render.render_all` on an empty cache (a
  process pool, one worker per core, each with one FontConfiguration and the
  stylesheets parsed once).

Both make the same files (a PDF and a preview image per handout) from the
same HTML and stylesheets: the same pages with the same text. Naive runs
first, before ours has made the cut-down CJK faces (hanoi_info.handouts.cjkfonts,
made during ours and counted in its time), so it embeds subsets of the full
system faces that the stylesheets name after them, as a build without that
preparation would. Both are timed in the same run; the ratio is printed side by side. A second
run of ours on the now warm cache shows what a rebuild with no change costs.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from mkdocs.config import load_config

from hanoi_info.benchmarks._report import target
from hanoi_info import places
from hanoi_info.corpus import load_corpus
from hanoi_info.handouts import build, cjkfonts, render
from hanoi_info.project import load_project


def _settings(config_file: Path, variant: str, cache_dir: Path, workers: int) -> tuple[build.Settings, object]:
    project = load_project(config_file)
    config = load_config(str(project.config_file))
    plugin_options = dict(config.plugins["hanoi-handouts"].config) if "hanoi-handouts" in config.plugins else {}
    site_url = config.site_url or "https://example.invalid/"
    settings = build.Settings(
        root=project.root,
        docs_dir=project.docs_dir,
        templates_dir=Path(config.theme.custom_dir) / "handouts",
        locales_dir=project.locales_dir,
        registry=project.root / plugin_options.get("registry", "data/qr-registry.yml"),
        cache_dir=cache_dir,
        site_url=site_url,
        site_name=config.site_name,
        variants=(variant,),
        workers=workers,
        place_rules=places.load_rules(project.data_dir),
    )
    return settings, project


def _cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def naive(jobs: list[render.RenderJob], stylesheets: render.Stylesheets, output: Path) -> None:
    from weasyprint import HTML

    for job in jobs:
        css = "".join(stylesheets.texts[job.variant])
        html = job.html.replace("</head>", f"<style>{css}</style></head>", 1)
        pdf = HTML(string=html, base_url=job.base_url).write_pdf(**render.PDF_OPTIONS)
        (output / f"{job.key}.pdf").write_bytes(pdf)
        if job.preview:
            (output / f"{job.key}.preview.png").write_bytes(render.preview_png(pdf))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    parser.add_argument("--variant", choices=("office", "print"), default="office")
    parser.add_argument("--limit", type=int, default=0, help="only the first N handouts (0: all)")
    parser.add_argument("--workers", type=int, default=0, help="pool size for ours (0: one per core)")
    parser.add_argument("--quick", action="store_true", help="smoke test: only the first 12 handouts")
    # Called without arguments by the runner (python -m hanoi_info.benchmarks),
    # whose own arguments are the benchmark names: use the defaults then.
    args = parser.parse_args(argv if argv is not None else [])

    scratch = Path(tempfile.mkdtemp(prefix="handouts-bench-"))
    try:
        settings, project = _settings(Path(args.config_file), args.variant, scratch / "cache", args.workers)
        corpus = load_corpus(project.docs_dir, project.languages)
        plan = build.prepare(corpus, settings, tuple(language.code for language in project.languages))
        prepared = cjkfonts.planned(plan.font_matches, settings.cache_dir)  # in the scratch cache: made during "ours"
        stylesheets = render.Stylesheets.load(settings.templates_dir, settings.variants, cjkfonts.font_face_css(prepared))
        jobs = [job for _, _, job, _ in build.render_jobs(plan, stylesheets)]

        def prepare(map_=map) -> None:
            cjkfonts.prepare(prepared, map_)

        limit = args.limit or (12 if args.quick else 0)
        if limit:
            jobs = jobs[:limit]
        if not jobs:
            print("no handouts to render (no page has 'handout: true')")
            return 1
        workers = min(args.workers or render.default_workers(), len(jobs))
        print(f"{len(jobs)} handouts ({args.variant}), {workers} worker(s) for ours")

        naive_dir = scratch / "naive"
        naive_dir.mkdir()
        cpu = _cpu_seconds()
        started = time.perf_counter()
        naive(jobs, stylesheets, naive_dir)
        naive_seconds = time.perf_counter() - started
        naive_cpu = _cpu_seconds() - cpu

        cpu = _cpu_seconds()
        started = time.perf_counter()
        results = render.render_all(jobs, settings.cache_dir, stylesheets, args.workers, prepare=prepare)
        ours_seconds = time.perf_counter() - started
        ours_cpu = _cpu_seconds() - cpu  # this process and the pool's workers (reaped when it shut down)
        assert all(result.rendered for result in results.values())

        started = time.perf_counter()
        again = render.render_all(jobs, settings.cache_dir, stylesheets, args.workers, prepare=prepare)
        warm_seconds = time.perf_counter() - started
        rerendered = sum(result.rendered for result in again.values())

        print(f"{'':28}{'wall s':>9}{'per handout':>13}{'ratio':>8}{'CPU s':>9}{'CPU ratio':>11}")
        print(f"{'naive (sequential, no cache)':28}{naive_seconds:9.2f}{naive_seconds / len(jobs):13.3f}{1:8.2f}"
              f"{naive_cpu:9.2f}{1:11.2f}")
        print(f"{'ours, cold cache':28}{ours_seconds:9.2f}{ours_seconds / len(jobs):13.3f}{naive_seconds / ours_seconds:8.2f}"
              f"{ours_cpu:9.2f}{naive_cpu / ours_cpu:11.2f}")
        print(f"{'ours, no change (warm)':28}{warm_seconds:9.2f}{warm_seconds / len(jobs):13.3f}{naive_seconds / max(warm_seconds, 1e-9):8.0f}"
              f"   ({rerendered} rendered)")
        print(f"ours is {naive_seconds / ours_seconds:.2f}× faster than naive on a cold build "
              f"(wall clock; {os.getloadavg()[0]:.1f} load average on {os.cpu_count()} cores at the end)")
        target(f"cold handouts against naive ({len(jobs)} handouts)", f"{naive_seconds / ours_seconds:.2f}× faster",
               "≥ 3×", naive_seconds / ours_seconds >= 3)
        target("handouts re-rendered with no change", f"{rerendered}", "0", rerendered == 0)
        return 0
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
