"""``hanoi-info check``: every content problem in one run, one line each."""

from __future__ import annotations

import json

from hanoi_info.catalogs import check_catalog, read_template
from hanoi_info.corpus import load_corpus
from hanoi_info.glossary import GlossaryError, check_corpus, load_glossary
from hanoi_info.project import Project
from hanoi_info.schema import Problem


def run_checks(project: Project) -> list[Problem]:
    root = project.root
    corpus = load_corpus(project.docs_dir, project.languages)
    problems = [Problem(f"{project.docs_dir.relative_to(root).as_posix()}/{p.path}", p.line, p.message) for p in corpus.problems]
    try:
        glossary = load_glossary(
            project.data_dir / "glossary", [language.code for language in project.languages], display_root=project.root
        )
    except GlossaryError as error:
        problems.extend(_relative(error.problems, project))
    else:
        problems.extend(
            Problem(f"{project.docs_dir.relative_to(root).as_posix()}/{p.path}", p.line, p.message)
            for p in check_corpus(corpus, glossary)
        )
    template = read_template(project.locales_dir)
    for language in project.languages:
        problems.extend(_relative(check_catalog(project.locales_dir, language, template).problems, project))
    return sorted(problems)


def _relative(problems, project: Project) -> list[Problem]:
    result = []
    for problem in problems:
        path = problem.path
        if path.startswith(str(project.root)):
            path = path[len(str(project.root)) + 1:]
        result.append(Problem(path, problem.line, problem.message))
    return result


def format_problems(problems: list[Problem], output_format: str = "text") -> str:
    if output_format == "json":
        return json.dumps(
            [{"path": p.path, "line": p.line, "message": p.message} for p in problems], ensure_ascii=False, indent=2
        )
    return "\n".join(str(problem) for problem in problems)
