"""``hanoi-info qr``: the QR short links of printed handouts.

    hanoi-info qr issue    add the codes of every current handout to the registry (before a print run)
    hanoi-info qr list     every short link of the site: code, language, page id, address (and "handout" or
                           "not translated": the link leads to the Vietnamese text until the translation exists)
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path


from hanoi_info.corpus import load_corpus
from hanoi_info.handouts import plan, registry
from hanoi_info.page_info import absolute
from hanoi_info.project import Project, load_project

PLUGIN = "hanoi-handouts"


def registry_path(project: Project) -> Path:
    """The registry file named in mkdocs.yml (plugins.hanoi-handouts.registry)."""
    assert project.qr_registry is not None
    return project.qr_registry


def _load(args: argparse.Namespace):
    project = load_project(Path(args.config_file))
    corpus = load_corpus(project.docs_dir, project.languages)
    if corpus.problems:
        for problem in corpus.problems:
            print(f"docs/{problem}", file=sys.stderr)
        raise SystemExit("the content has problems; fix them first ('hanoi-info check')")
    return project, corpus


def _cmd_issue(args: argparse.Namespace) -> int:
    project, corpus = _load(args)
    path = registry_path(project)
    codes = tuple(language.code for language in corpus.languages)
    try:
        issued = registry.load_registry(path, codes)
    except registry.RegistryError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    site_url = args.site_url or project.site_url
    new = registry.issue(issued, plan.handouts(corpus, codes), dt.date.today())
    shown = path.relative_to(project.root) if path.is_relative_to(project.root) else path
    for entry in new:
        print(f"issued {entry.code}  {entry.lang}  {entry.page}  {absolute(site_url, plan.short_path_for(entry.code))}")
    print(f"{len(new)} new code(s) in {shown}; {len(issued.entries) + len(new)} issued in all. Commit {shown}.")
    return 0


def _cmd_list(args: argparse.Namespace) -> int:
    project, corpus = _load(args)
    site_url = args.site_url or project.site_url
    codes = tuple(language.code for language in corpus.languages)
    handout_pages = {(item.page_id, item.lang) for item in plan.handouts(corpus, codes)}
    for link in plan.short_links(corpus, codes):
        mark = "handout" if (link.page_id, link.lang) in handout_pages else ("not translated" if link.is_fallback else "")
        print(f"{link.code}  {link.lang}  {link.page_id:45}  {absolute(site_url, link.path)}  {mark}".rstrip())
    return 0


def add_commands(commands: argparse._SubParsersAction) -> None:
    qr = commands.add_parser("qr", help="QR short links of the print handouts (issue codes before printing, list them)")
    actions = qr.add_subparsers(dest="qr_command", required=True)
    issue = actions.add_parser("issue", help="add the codes of every current handout to the registry (data/qr-registry.yml)")
    issue.add_argument("--site-url", help="public address shown in the output (default: site_url of mkdocs.yml)")
    issue.set_defaults(run=_cmd_issue)
    listing = actions.add_parser("list", help="every short link: code, language, page id, address")
    listing.add_argument("--site-url", help="public address (default: site_url of mkdocs.yml / HANOI_SITE_URL)")
    listing.set_defaults(run=_cmd_list)
