"""Site build: ours against plain Material + mkdocs-static-i18n on the same pages.

Generates a synthetic site of N pages in each language, builds it both ways in
fresh subprocesses (alternating, several rounds), and prints wall time, peak
memory and the ratio ours/plain. Target: ratio <= 1.0 although ours does more
(per-language search indexes, notices, hreflang, schema validation).

    python -m hanoi_info.benchmarks site            # N = 100
    HANOI_BENCH_PAGES=300 python -m hanoi_info.benchmarks site
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

from hanoi_info.content import source_hash
from hanoi_info.languages import languages_from_codes
from hanoi_info.project import load_project

ROOT = Path(__file__).resolve().parents[3]
TOPICS = ("arriving", "tourism", "culture", "investment", "asean", "events")
PARAGRAPH = {
    "vi": "Hà Nội là thủ đô của Việt Nam, nơi hội tụ những giá trị văn hóa nghìn năm. ",
    "en": "Hà Nội is the capital of Việt Nam, a meeting place of a thousand years of culture. ",
    "fr": "Hà Nội est la capitale du Việt Nam, où se rencontrent mille ans de culture. ",
    "zh": "河内是越南的首都，汇聚了千年的文化价值。",
    "ja": "ハノイはベトナムの首都で、千年の文化が息づく街です。",
    "ko": "하노이는 베트남의 수도로 천 년의 문화가 어우러진 도시입니다. ",
}

MEASURE = textwrap.dedent(
    """
    import json, resource, sys, time, logging
    logging.disable(logging.WARNING)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    start = time.perf_counter()
    config = load_config(sys.argv[1], site_dir=sys.argv[2])
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    config.plugins.on_shutdown()
    elapsed = time.perf_counter() - start
    print(json.dumps({"seconds": elapsed, "peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
    """
)


def generate(target: Path, pages: int, codes: list[str]) -> None:
    docs = target / "docs"
    for index in range(pages):
        topic = TOPICS[index % len(TOPICS)]
        folder = docs / topic
        folder.mkdir(parents=True, exist_ok=True)
        body = "".join(f"\n## Section {section}\n\n" + PARAGRAPH["vi"] * 12 + "\n" for section in range(4))
        meta = {"title": f"Trang {index}", "description": f"Mô tả trang {index}."}
        digest = source_hash(meta, body)
        for code in codes:
            text = PARAGRAPH[code] if code in PARAGRAPH else PARAGRAPH["en"]
            lang_body = "".join(f"\n## Section {section}\n\n" + text * 12 + "\n" for section in range(4))
            suffix = "" if code == codes[0] else f".{code}"
            hash_line = "" if code == codes[0] else f'source_hash: "{digest}"\n'
            (folder / f"page-{index}{suffix}.md").write_text(
                f"---\nid: page-{index}\ntitle: {meta['title'] if code == codes[0] else f'Page {index} {code}'}\n"
                f"description: {meta['description']}\ntopic: {topic}\nupdated: 2026-11-30\n"
                "sources:\n  - title: Cổng thông tin điện tử Hà Nội\n    url: https://hanoi.gov.vn/\n    checked: 2026-11-30\n"
                f"{hash_line}---\n" + (body if code == codes[0] else lang_body),
                encoding="utf-8",
            )
    for code in codes:
        suffix = "" if code == codes[0] else f".{code}"
        hash_line = "" if code == codes[0] else f'source_hash: "{source_hash({"title": "Home"}, "Home")}"\n'
        (docs / f"index{suffix}.md").write_text(
            f"---\nid: home\ntitle: Home\ndescription: Home {code}.\ntopic: home\nupdated: 2026-11-30\n{hash_line}---\n\nHome\n",
            encoding="utf-8",
        )

    languages = languages_from_codes(codes)
    plain_languages = "\n".join(
        f"        - locale: {language.code}\n          name: {language.native_name}\n"
        f"          default: {'true' if language.is_source else 'false'}\n          build: true"
        for language in languages
    )
    common = f"site_name: Bench\nsite_url: https://bench.example.org/\ndocs_dir: docs\ntheme:\n  name: material\n  language: {codes[0]}\n  font: false\n"
    (target / "plain.yml").write_text(
        common + f"plugins:\n  - search\n  - i18n:\n      docs_structure: suffix\n      languages:\n{plain_languages}\n",
        encoding="utf-8",
    )
    (target / "ours.yml").write_text(
        common.replace("  font: false\n", f"  font: false\n  custom_dir: {ROOT / 'overrides'}\n")
        + "extra_css:\n  - assets/stylesheets/hanoi.css\n"
        + f"plugins:\n  - hanoi:\n      locales_dir: {ROOT / 'locales'}\n      data_dir: {target / 'no-data'}\n"
        + f"  - search\n  - hanoi-i18n:\n      languages: [{', '.join(codes)}]\n",
        encoding="utf-8",
    )


def measure(config: Path, output: Path) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, str(config), str(output)], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"build of {config.name} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    pages = int(os.environ.get("HANOI_BENCH_PAGES", "100"))
    rounds = int(os.environ.get("HANOI_BENCH_ROUNDS", "3"))
    codes = [language.code for language in load_project(ROOT / "mkdocs.yml").languages]
    with tempfile.TemporaryDirectory(prefix="hanoi-bench-") as folder:
        target = Path(folder)
        generate(target, pages, codes)
        results: dict[str, list[dict]] = {"plain": [], "ours": []}
        for _ in range(rounds):
            for name in ("plain", "ours"):
                results[name].append(measure(target / f"{name}.yml", target / f"site-{name}"))
        plain_time = statistics.median(run["seconds"] for run in results["plain"])
        ours_time = statistics.median(run["seconds"] for run in results["ours"])
        plain_mem = max(run["peak_kib"] for run in results["plain"]) / 1024
        ours_mem = max(run["peak_kib"] for run in results["ours"]) / 1024
        print(f"site build, {pages} pages x {len(codes)} languages, median of {rounds} rounds")
        print(f"  plain Material + static-i18n: {plain_time:7.2f} s   peak {plain_mem:6.0f} MiB")
        print(f"  ours (hanoi plugins):         {ours_time:7.2f} s   peak {ours_mem:6.0f} MiB")
        print(f"  ratio ours/plain: time {ours_time / plain_time:.2f}   memory {ours_mem / plain_mem:.2f}")


if __name__ == "__main__":
    main()
