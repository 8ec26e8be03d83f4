"""Lighthouse (mobile) over one page of every type in every language of the
built site (site/, from `make site`; this script builds nothing), served by
Debian's nginx with the production configuration (deploy/nginx/, gzip on) on
a loopback port, in Debian's Chromium. Prints the four scores per page and
language and exits 1 when one is under its target: 100 for accessibility,
best practices and SEO, 95 for performance.

    make audit                                   # every page type, every language
    .venv/bin/python scripts/audit.py --lang en --type home --type events
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from nginx_support import LANGUAGES, PAGE_TYPES, NginxMissing, nginx, page_path  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
LANGUAGE_FREE = {"kiosk start"}  # one app for every language: audited once


def lighthouse(url: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="hanoi-audit-") as folder:
        report = Path(folder) / "report.json"
        command = [
            str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}",
        ]
        result = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROME}, timeout=300)
        if result.returncode != 0 or not report.exists():
            raise RuntimeError(f"lighthouse failed on {url}: {result.stderr[-2000:]}")
        return json.loads(report.read_text(encoding="utf-8"))


def failing_audits(data: dict, category: str) -> list[str]:
    """The audits that cost a category points, for the report under the table."""
    audits = data["audits"]
    found = []
    for ref in data["categories"][category]["auditRefs"]:
        audit = audits[ref["id"]]
        if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
            value = audit.get("displayValue", "")
            found.append(f"{ref['id']} ({audit['score']:.2f}{', ' + value if value else ''})")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default: site/)")
    parser.add_argument("--lang", action="append", choices=LANGUAGES, help="only these languages (repeatable)")
    parser.add_argument("--type", action="append", choices=[name for name, _ in PAGE_TYPES], help="only these page types (repeatable)")
    args = parser.parse_args(argv)

    if not (args.site / "index.html").is_file() or not (args.site / "kiosk" / "index.html").is_file():
        print(f"audit: {args.site} holds no complete build; run `make site` first", file=sys.stderr)
        return 2
    if not LIGHTHOUSE.exists():
        print("audit: Lighthouse is missing; run `npm ci` (make setup does)", file=sys.stderr)
        return 2
    if not Path(CHROME).exists():
        print(f"audit: Chromium is missing at {CHROME}; install the Debian package chromium (make setup does)", file=sys.stderr)
        return 2

    languages = args.lang or list(LANGUAGES)
    types = [(name, template) for name, template in PAGE_TYPES if not args.type or name in args.type]
    rows: list[tuple[str, str, str, dict[str, int]]] = []
    problems: list[str] = []
    header = f"{'page type':<14} {'lang':<4} {'perf':>4} {'a11y':>4} {'b.p.':>4} {'seo':>4}  path"
    try:
        with nginx(args.site) as base:
            print(header, flush=True)
            for name, template in types:
                for lang in ([languages[0]] if name in LANGUAGE_FREE else languages):
                    path = page_path(template, lang)
                    data = lighthouse(f"{base}/{path}")
                    scores = {category: round(100 * (data["categories"][category]["score"] or 0)) for category in CATEGORIES}
                    lang_shown = "all" if name in LANGUAGE_FREE else lang
                    rows.append((name, lang_shown, path, scores))
                    print(f"{name:<14} {lang_shown:<4} " + " ".join(f"{scores[c]:>4}" for c in CATEGORIES) + f"  /{path}", flush=True)
                    for category in CATEGORIES:
                        if scores[category] < TARGETS[category]:
                            problems.append(f"/{path} {category} {scores[category]} < {TARGETS[category]}: "
                                            + "; ".join(failing_audits(data, category)))
    except NginxMissing as error:
        print(f"audit: {error}", file=sys.stderr)
        return 2
    lowest = {category: min(scores[category] for *_, scores in rows) for category in CATEGORIES}
    print(f"{'lowest':<19} " + " ".join(f"{lowest[c]:>4}" for c in CATEGORIES))
    print("targets: performance ≥ 95, accessibility, best practices and SEO 100 (Lighthouse mobile)")
    if problems:
        print(f"\n{len(problems)} score(s) under target:")
        print("\n".join(problems))
        return 1
    print(f"all {len(rows)} page(s) meet the targets")
    return 0


if __name__ == "__main__":
    sys.exit(main())
