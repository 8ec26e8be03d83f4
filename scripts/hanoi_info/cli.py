"""The ``hanoi-info`` command: what editors, translators and the build run.

    hanoi-info build [--lang en]     build site/ safely (all or one language)
    hanoi-info serve [--lang en]     preview with live reload
    hanoi-info check                 report every content problem, one line each
    hanoi-info status [-v]           translation status per language
    hanoi-info ids [--update]        permanent page ids (data/page-ids.yml)
    hanoi-info source-hash FILE...   version stamp for a translation's source_hash
    hanoi-info review mark FILE...   record a native review against the current Vietnamese text
    hanoi-info catalogs              extract UI strings and update locales/
    hanoi-info kiosk                 run the airport kiosk (local server + Chromium)
    hanoi-info qr issue|list         QR short links of the print handouts (issue before printing)
"""

from __future__ import annotations

import argparse
import functools
import logging
import sys
import warnings
from pathlib import Path

# jieba (Chinese search, loaded with the search plugin) imports pkg_resources,
# which warns on every run; it is not the editor's concern.
warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)

from hanoi_info.content import FrontMatterError, file_source_hash
from hanoi_info.project import ProjectError, load_project

# How often the preview server looks for saved files (MkDocs: every 0.5 s).
PREVIEW_POLL_SECONDS = 0.1


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


def _check_language(project, code: str | None) -> str | None:
    codes = [language.code for language in project.languages]
    if code and code not in codes:
        return f"--lang {code}: not one of this site's languages ({', '.join(codes)})"
    return None


def _cmd_build(args: argparse.Namespace) -> int:
    from hanoi_info.build import BuildFailed, BuildOptions, build_site

    logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO, format="%(levelname)-7s -  %(message)s")
    project = _project(args)
    problem = _check_language(project, args.lang)
    if not problem and args.lang and not args.site_dir:
        problem = ("--lang builds a partial preview (Vietnamese plus one language), which must never replace the "
                   "published site: add --site-dir <folder>, or preview with 'hanoi-info serve --lang " + args.lang + "'")
    elif not problem and project.only_language and not args.site_dir:
        problem = (f"mkdocs.yml: plugins.hanoi-i18n.only_language: {project.only_language} builds a partial preview "
                   "(Vietnamese plus one language), which must never replace the published site: add --site-dir "
                   "<folder>, or remove the option")
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    target = Path(args.site_dir) if args.site_dir else project.site_dir
    options = BuildOptions(only_language=args.lang, site_url=args.site_url, print_handouts=args.print_handouts)
    try:
        target = build_site(project, options, site_dir=target)
    except BuildFailed as error:
        print(f"Build failed: {error}\nThe previous site in {target} was left unchanged.", file=sys.stderr)
        return 1
    except Exception:  # noqa: BLE001 - a bug: show it, and say that nothing was published
        import traceback

        traceback.print_exc()
        print(f"Build failed (an unexpected error, above).\nThe previous site in {target} was left unchanged.", file=sys.stderr)
        return 1
    print(f"Site built in {target}")
    return 0


def _load_preview_config(options, **overrides):
    """MkDocs' load_config, then the command line's plugin options: the preview
    reloads mkdocs.yml for every rebuild, and each rebuild must keep them."""
    from mkdocs.config import load_config

    from hanoi_info.build import set_plugin_options

    config = load_config(**overrides)
    set_plugin_options(config, options)
    return config


def _cmd_serve(args: argparse.Namespace) -> int:
    from mkdocs.commands import serve as serve_module
    from mkdocs.exceptions import Abort, MkDocsException

    from hanoi_info.build import BuildOptions

    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    project = _project(args)
    problem = _check_language(project, args.lang)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    watch = [str(path) for path in (project.locales_dir, project.data_dir, project.root / "overrides") if path.exists()]
    patched = {
        # MkDocs looks for changed files every 0.5 s (a polling observer) and has no
        # option for it; the preview's server polls faster, so that a saved change
        # starts its rebuild sooner (on average 0.2 s of the time an editor waits).
        "LiveReloadServer": functools.partial(serve_module.LiveReloadServer, polling_interval=PREVIEW_POLL_SECONDS),
        # --lang: Vietnamese (the source, at the root) plus this language; a
        # rebuild takes a fraction of the six-language build.
        "load_config": functools.partial(_load_preview_config, BuildOptions(only_language=args.lang)),
    }
    originals = {name: getattr(serve_module, name) for name in patched}
    for name, replacement in patched.items():
        setattr(serve_module, name, replacement)
    try:
        serve_module.serve(str(project.config_file), dev_addr=args.dev_addr, livereload=True, watch=watch)
    except (Abort, MkDocsException) as error:
        print(f"The preview could not be built: {error}\nFix the problems listed above ('hanoi-info check' lists them "
              "too), then start 'hanoi-info serve' again.", file=sys.stderr)
        return 1
    finally:
        for name, original in originals.items():
            setattr(serve_module, name, original)
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from hanoi_info.checks import format_problems, run_checks

    project = _project(args)
    problems = run_checks(project)
    output = format_problems(problems, args.format)
    if output and (problems or args.format == "json"):
        print(output)
    elif args.format == "json":
        print("[]")
    if args.format == "text":
        files = len({problem.path for problem in problems})
        print(f"{len(problems)} problem(s) in {files} file(s)." if problems else "No problems found.", file=sys.stderr)
    return 1 if problems else 0


def _cmd_ids(args: argparse.Namespace) -> int:
    from hanoi_info.checks import format_problems, shown_path
    from hanoi_info.corpus import load_corpus
    from hanoi_info.page_ids import LockError, compare, current_ids, lock_path, read_lock, write_lock

    project = _project(args)
    corpus = load_corpus(project.docs_dir, project.languages)
    docs = shown_path(project.docs_dir, project) + "/"
    path = lock_path(project.data_dir)
    shown = shown_path(path, project)
    try:
        recorded = read_lock(path, shown).ids if path.exists() else {}
    except LockError as error:
        if not args.update:
            print(format_problems(error.problems), file=sys.stderr)
            return 1
        recorded = {}
    changes = compare(recorded, current_ids(corpus))
    if not args.update:
        for page_id, page_path in sorted(current_ids(corpus).items()):
            print(f"{page_id}  {docs}{page_path}")
        if changes.lines(docs):
            print(f"\nNot yet in {shown} (run 'hanoi-info ids --update'):", file=sys.stderr)
            print("\n".join(f"  {line}" for line in changes.lines(docs)), file=sys.stderr)
        return 0
    if corpus.problems:
        # A page whose front matter cannot be read would lose its id from the list.
        print(format_problems([type(p)(docs + p.path, p.line, p.message) for p in corpus.problems]), file=sys.stderr)
        print(f"\n{shown} was not updated: fix the problems above first, so that no page loses its id.", file=sys.stderr)
        return 1
    for line in changes.lines(docs):
        print(line)
    write_lock(path, current_ids(corpus))
    print(f"{shown}: {len(current_ids(corpus))} page id(s) recorded; commit it with the pages.")
    return 0


def _cmd_status(args: argparse.Namespace) -> int:
    from hanoi_info.checks import shown_path
    from hanoi_info.corpus import load_corpus
    from hanoi_info.translation_status import format_review, format_status, review_report, status_report

    project = _project(args)
    problem = _check_language(project, args.lang)
    if problem or args.lang == project.languages[0].code:
        print(f"error: {problem or '--lang: choose a translation language'}", file=sys.stderr)
        return 2
    corpus = load_corpus(project.docs_dir, project.languages)
    report = tuple(status for status in status_report(corpus) if not args.lang or status.code == args.lang)
    docs = shown_path(project.docs_dir, project) + "/"
    print(format_status(report, verbose=args.verbose, docs=docs))
    reviews = tuple(status for status in review_report(corpus) if not args.lang or status.code == args.lang)
    print()
    print(format_review(reviews, verbose=args.verbose, docs=docs))
    if corpus.problems:
        print(f"({len(corpus.problems)} page file(s) could not be read and are not counted; run 'hanoi-info check')",
              file=sys.stderr)
    return 0


def _cmd_review_mark(args: argparse.Namespace) -> int:
    from hanoi_info.review import ReviewError, mark_reviewed

    project = _project(args)
    status = 0
    for name in args.files:
        try:
            against = mark_reviewed(project, Path(name), args.on)
        except ReviewError as error:
            print(f"{name}:{error.line}: {error}", file=sys.stderr)
            status = 1
        else:
            print(f"reviewed  {name}  against {against} on {args.on.isoformat()}")
    return status


def _date(value: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {value!r}") from None


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
    build.add_argument("--lang", help="build Vietnamese plus this language only (a preview into --site-dir; never publishes)")
    build.add_argument("--site-dir", help="output folder (default: site_dir of mkdocs.yml)")
    build.add_argument("--site-url", help="public address (default: site_url of mkdocs.yml / HANOI_SITE_URL)")
    build.add_argument("-q", "--quiet", action="store_true", help="only warnings and errors")
    build.add_argument("--print", dest="print_handouts", action="store_true",
                       help="also build the print-shop handouts (bleed, crop marks); needs the public HTTPS site_url")
    build.set_defaults(run=_cmd_build)

    serve = commands.add_parser("serve", help="preview the site with live reload")
    serve.add_argument("--lang", help="build Vietnamese plus this language only, for a faster preview")
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000")
    serve.set_defaults(run=_cmd_serve)

    check = commands.add_parser("check", help="check the content and print every problem as path:line: message")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.set_defaults(run=_cmd_check)

    status = commands.add_parser("status", help="translation status per language (current, stale, missing)")
    status.add_argument("-v", "--verbose", action="store_true", help="list the stale and missing pages")
    status.add_argument("--lang", help="only this language")
    status.set_defaults(run=_cmd_status)

    ids = commands.add_parser("ids", help="list the permanent page ids; --update records them in data/page-ids.yml")
    ids.add_argument("--update", action="store_true", help="rewrite data/page-ids.yml from the pages (after adding, moving or removing pages)")
    ids.set_defaults(run=_cmd_ids)

    source_hash = commands.add_parser(
        "source-hash", help="print the version hash of Vietnamese source pages (for a translation's source_hash)"
    )
    source_hash.add_argument("files", nargs="+")
    source_hash.set_defaults(run=_cmd_source_hash)

    review = commands.add_parser("review", help="record native reviews of pages (see 'hanoi-info status')")
    review_commands = review.add_subparsers(dest="review_command", required=True)
    mark = review_commands.add_parser(
        "mark", help="record that a native reviewer read these pages against the current Vietnamese text "
                     "(writes 'reviewed: {against: <hash>, on: <date>}' into each file's front matter)")
    mark.add_argument("files", nargs="+", help="page files (translations or Vietnamese pages)")
    import datetime as _dt

    mark.add_argument("--on", type=_date, default=_dt.date.today(), help="date of the review, YYYY-MM-DD (default: today)")
    mark.set_defaults(run=_cmd_review_mark)

    catalogs = commands.add_parser("catalogs", help="extract UI strings into locales/messages.pot and update every catalog")
    catalogs.set_defaults(run=_cmd_catalogs)

    from hanoi_info.kiosk.launcher import add_arguments as add_kiosk_arguments

    kiosk = commands.add_parser(
        "kiosk", help="run the airport kiosk: serve site/kiosk on 127.0.0.1 and start Chromium in kiosk mode"
    )
    add_kiosk_arguments(kiosk)
    kiosk.set_defaults(run=_cmd_kiosk)

    from hanoi_info.handouts.cli import add_commands as add_qr_commands

    add_qr_commands(commands)
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
