"""The ``hanoi-info`` command: what editors, translators and the build run.

    hanoi-info build [--lang en]     build site/ safely (all or one language)
    hanoi-info serve [--lang en]     preview with live reload
    hanoi-info check                 report every content problem, one line each
    hanoi-info status                translation status per language
    hanoi-info source-hash FILE...   version stamp for a translation's source_hash
    hanoi-info catalogs              extract UI strings and update locales/
    hanoi-info kiosk                 run the airport kiosk (local server + Chromium)
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from hanoi_info.content import FrontMatterError, file_source_hash
from hanoi_info.project import ProjectError, load_project


def _project(args: argparse.Namespace):
    return load_project(Path(args.config_file))


def _cmd_source_hash(args: argparse.Namespace) -> int:
    status = 0
    for name in args.files:
        try:
            print(f"{file_source_hash(Path(name))}  {name}")
        except (OSError, FrontMatterError) as error:
            print(f"{name}:{getattr(error, 'line', 1)}: {error}", file=sys.stderr)
            status = 1
    return status


def _cmd_build(args: argparse.Namespace) -> int:
    from hanoi_info.build import BuildFailed, BuildOptions, build_site

    logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO, format="%(levelname)-7s -  %(message)s")
    project = _project(args)
    try:
        target = build_site(
            project,
            BuildOptions(only_language=args.lang, site_url=args.site_url),
            site_dir=Path(args.site_dir) if args.site_dir else None,
        )
    except BuildFailed as error:
        print(f"Build failed; the previous site was left unchanged.\n{error}", file=sys.stderr)
        return 1
    print(f"Site built in {target}")
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve

    from hanoi_info.plugins.i18n import ONLY_LANGUAGE_VARIABLE

    project = _project(args)
    if args.lang:
        os.environ[ONLY_LANGUAGE_VARIABLE] = args.lang
    serve(str(project.config_file), dev_addr=args.dev_addr, livereload=True,
          watch=[str(project.locales_dir), str(project.data_dir), str(project.root / "overrides")])
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from hanoi_info.checks import run_checks, format_problems

    project = _project(args)
    problems = run_checks(project)
    output = format_problems(problems, args.format)
    if output:
        print(output)
    if problems and args.format == "text":
        print(f"{len(problems)} problem(s) found.", file=sys.stderr)
    return 1 if problems else 0


def _cmd_status(args: argparse.Namespace) -> int:
    from hanoi_info.corpus import load_corpus
    from hanoi_info.translation_status import format_status, status_report

    project = _project(args)
    corpus = load_corpus(project.docs_dir, project.languages)
    print(format_status(status_report(corpus), verbose=args.verbose))
    return 0


def _cmd_catalogs(args: argparse.Namespace) -> int:
    from hanoi_info.catalogs import update_catalogs

    project = _project(args)
    for path in update_catalogs(project.root, project.locales_dir, project.languages):
        print(f"updated {path.relative_to(project.root)}")
    return 0


def _cmd_kiosk(args: argparse.Namespace) -> int:
    from hanoi_info.kiosk.launcher import run

    return run(args, _project(args))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hanoi-info", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", help="the project's mkdocs.yml (default: ./mkdocs.yml)")
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="build the site into site/, replacing it only if everything succeeded")
    build.add_argument("--lang", help="build only this language (a quick preview; not for publishing)")
    build.add_argument("--site-dir", help="output folder (default: site_dir of mkdocs.yml)")
    build.add_argument("--site-url", help="public address (default: site_url of mkdocs.yml / HANOI_SITE_URL)")
    build.add_argument("-q", "--quiet", action="store_true", help="only warnings and errors")
    build.set_defaults(run=_cmd_build)

    serve = commands.add_parser("serve", help="preview the site with live reload")
    serve.add_argument("--lang", help="build only this language, for a faster preview")
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000")
    serve.set_defaults(run=_cmd_serve)

    check = commands.add_parser("check", help="check the content and print every problem as path:line: message")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.set_defaults(run=_cmd_check)

    status = commands.add_parser("status", help="translation status per language (current, stale, missing)")
    status.add_argument("-v", "--verbose", action="store_true", help="list the stale and missing pages")
    status.set_defaults(run=_cmd_status)

    source_hash = commands.add_parser(
        "source-hash", help="print the version hash of Vietnamese source pages (for a translation's source_hash)"
    )
    source_hash.add_argument("files", nargs="+")
    source_hash.set_defaults(run=_cmd_source_hash)

    catalogs = commands.add_parser("catalogs", help="extract UI strings into locales/messages.pot and update every catalog")
    catalogs.set_defaults(run=_cmd_catalogs)

    from hanoi_info.kiosk.launcher import add_arguments as add_kiosk_arguments

    kiosk = commands.add_parser(
        "kiosk", help="run the airport kiosk: serve site/kiosk on 127.0.0.1 and start Chromium in kiosk mode"
    )
    add_kiosk_arguments(kiosk)
    kiosk.set_defaults(run=_cmd_kiosk)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except ProjectError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
