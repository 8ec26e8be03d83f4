"""The checks' per-page answers kept between runs (hanoi_info.check_cache):
a second run reads them, and never hides a problem that a change introduced,
whether the change is in a page, in the rule data or in a page a link points to."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

from conftest import copy_fixture, run_cli
from hanoi_info.check_cache import CheckCache, fingerprint


def _check(config: Path):
    return run_cli("-f", str(config), "check")


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_answers_are_read_back_and_a_new_salt_discards_them(tmp_path):
    path = tmp_path / "answers.pickle"
    first = CheckCache(path, "salt-1")
    assert first.answer("kind", ("page.md", "text"), lambda: ["problem"]) == ["problem"]
    first.save()

    again = CheckCache(path, "salt-1")
    assert again.answer("kind", ("page.md", "text"), lambda: ["computed again"]) == ["problem"]
    assert (again.hits, again.misses) == (1, 0)
    # Another page text, another answer.
    assert again.answer("kind", ("page.md", "changed text"), lambda: []) == []

    other_rules = CheckCache(path, "salt-2")
    assert other_rules.answer("kind", ("page.md", "text"), lambda: ["computed again"]) == ["computed again"]


def test_the_fingerprint_follows_the_rule_data(tmp_path):
    rules = tmp_path / "rules.yml"
    rules.write_text("avoid: [a]\n", encoding="utf-8")
    before = fingerprint([rules], "markdown settings")
    rules.write_text("avoid: [a, b]\n", encoding="utf-8")
    assert fingerprint([rules], "markdown settings") != before
    assert fingerprint([rules], "other markdown settings") != fingerprint([rules], "markdown settings")


def test_a_warm_cache_still_reports_what_a_change_broke(tmp_path):
    root = copy_fixture("basic", tmp_path)
    config = root / "mkdocs.yml"
    assert _check(config).returncode == 0
    assert (root / ".cache" / "checks" / "answers.pickle").is_file()

    # A page edit: an avoided spelling of the glossary.
    page = root / "docs" / "tourism" / "lake.en.md"
    _append(page, "\nA walk around Hoan Kiem Lake.\n")
    result = _check(config)
    assert result.returncode == 1
    assert "write 'Hoàn Kiếm Lake', not 'Hoan Kiem Lake' (glossary: hoan-kiem-lake)" in result.stdout + result.stderr

    # A rule edit: the glossary stops avoiding that spelling.
    page.write_text(page.read_text(encoding="utf-8").replace("Hoan Kiem Lake", "Hoàn Kiếm Lake"), encoding="utf-8")
    assert _check(config).returncode == 0
    glossary = root / "data" / "glossary" / "fixture.yml"
    _append(glossary, "")  # unchanged data: still clean from the cache
    _append(page, "\nAlso called the Lake of the Sword.\n")
    assert _check(config).returncode == 0
    glossary.write_text(
        glossary.read_text(encoding="utf-8").replace("en: [Hoan Kiem Lake]", "en: [Hoan Kiem Lake, Lake of the Sword]"),
        encoding="utf-8",
    )
    result = _check(config)
    assert result.returncode == 1
    assert "not 'Lake of the Sword'" in result.stdout + result.stderr


def test_a_warm_cache_still_reports_a_link_to_an_anchor_that_went_away(tmp_path):
    root = copy_fixture("basic", tmp_path)
    config = root / "mkdocs.yml"
    # Two Vietnamese pages without translations: no structure to keep in step.
    linking = root / "docs" / "events" / "anniversaries.md"
    target = root / "docs" / "tourism" / "pagoda.md"
    _append(target, "\n## Giờ mở cửa\n\nMở cửa hằng ngày.\n")
    _append(linking, "\nXem [giờ mở cửa](../tourism/pagoda.md#gio-mo-cua).\n")
    first = _check(config)
    assert first.returncode == 0, first.stdout

    # The linking page does not change; the heading it points to does.
    target.write_text(target.read_text(encoding="utf-8").replace("## Giờ mở cửa", "## Thời gian"), encoding="utf-8")
    result = _check(config)
    assert result.returncode == 1
    assert "#gio-mo-cua" in result.stdout + result.stderr


def test_with_no_change_at_all_the_last_report_is_reused(tmp_path, monkeypatch):
    from hanoi_info import checks
    from hanoi_info.project import load_project

    root = copy_fixture("basic", tmp_path)
    project = load_project(root / "mkdocs.yml")
    first = checks.collect(project)
    assert (root / ".cache" / "checks" / "report.pickle").is_file()

    def must_not_run(*args, **kwargs):
        raise AssertionError("the checks ran again although nothing changed")

    with monkeypatch.context() as patch:
        patch.setattr(checks, "_collect", must_not_run)
        assert checks.collect(project) == first
        # A build writes into a staging folder with a new name each time: not an input.
        staging = dataclasses.replace(project, site_dir=root / ".site-x1y2", kiosk_dir=root / ".site-x1y2" / "kiosk")
        assert checks.collect(staging) == first

    # Any file added below docs/, data/ or locales/ is a change: a run follows.
    linking = root / "docs" / "events" / "anniversaries.md"
    _append(linking, "\n![Bản đồ](../tourism/map.svg)\n")
    missing = checks.collect(project)
    assert any("map.svg" in problem.message for problem in missing.build)
    (root / "docs" / "tourism" / "map.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    assert not any("map.svg" in problem.message for problem in checks.collect(project).build)


def test_a_build_renders_no_page_for_the_checks(tmp_path, monkeypatch):
    """Each page is rendered once, by MkDocs in its language's build: the checks
    take a page's anchors and what its Markdown writes from that HTML. They
    render only a page whose Markdown a plugin changed before rendering (the
    events page: its marker becomes the list of anniversaries), and what they
    take from the build is what they would have worked out themselves."""
    import pickle

    from hanoi_info import outline, references
    from hanoi_info.build import BuildOptions, build_site
    from hanoi_info.checks import markdown_settings
    from hanoi_info.corpus import load_corpus
    from hanoi_info.project import load_project

    root = copy_fixture("basic", tmp_path)
    shutil.rmtree(root / ".cache", ignore_errors=True)  # the fixture's own builds leave one
    project = load_project(root / "mkdocs.yml")
    rendered_by_checks: list[str] = []
    render = references.rendered

    def counting_render(body, settings):
        rendered_by_checks.append(body)
        return render(body, settings)

    monkeypatch.setattr(references, "rendered", counting_render)
    build_site(project, BuildOptions(), tmp_path / "site")
    corpus = load_corpus(project.docs_dir, project.languages)
    changed_by_plugins = {text.body for text in corpus.texts.values() if "<!-- events:" in text.body}
    assert changed_by_plugins and set(rendered_by_checks) == changed_by_plugins

    settings = markdown_settings(project)
    _, answers = pickle.loads((root / ".cache" / "checks" / "answers.pickle").read_bytes())
    taken = 0
    for text in corpus.texts.values():
        if text.body in changed_by_plugins:
            continue
        for key, value in references.answers_from_html(settings, text, outline.rendered(text.body, settings)).items():
            if key in answers:
                assert answers[key] == value, text.src_path
                taken += 1
    assert taken >= len(corpus.texts)  # at least the HTML answer of every page
