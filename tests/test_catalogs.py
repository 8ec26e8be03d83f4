"""The UI-string catalogs: complete in every language, in step with the
templates, and really used by the build."""

from __future__ import annotations

import subprocess
import sys

import pytest
from babel.messages.pofile import read_po

from conftest import ROOT
from hanoi_info.catalogs import MATERIAL_STRING_OVERRIDES, check_catalog, read_template, translations
from hanoi_info.project import load_project

PROJECT = load_project(ROOT / "mkdocs.yml")


@pytest.mark.parametrize("language", PROJECT.languages, ids=lambda language: language.code)
def test_catalog_has_no_untranslated_fuzzy_or_missing_entry(language):
    report = check_catalog(PROJECT.locales_dir, language, read_template(PROJECT.locales_dir))
    assert [str(problem) for problem in report.problems] == []
    assert report.total > 0


def test_template_lists_every_string_in_overrides_and_package(tmp_path):
    """Fails when someone adds a UI string without running `make catalogs`."""
    fresh = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "-q", "extract", "-F", str(ROOT / "babel.cfg"), "-k", "N_",
         "--no-location", "--omit-header", "-o", str(fresh), str(ROOT)],
        check=True, cwd=ROOT,
    )
    with open(fresh, "rb") as handle:
        extracted = {message.id for message in read_po(handle) if message.id}
    committed = {message.id for message in read_template(PROJECT.locales_dir) if message.id}
    assert extracted - committed == set(), "run `make catalogs` and translate the new strings"


def test_vietnamese_overrides_materials_english_leftovers():
    vi = translations(PROJECT.locales_dir, next(language for language in PROJECT.languages if language.code == "vi"))
    assert vi.gettext(MATERIAL_STRING_OVERRIDES["search.result.initializer"]) == "Đang khởi tạo tìm kiếm"


def test_a_straight_double_quote_in_a_translation_is_refused(tmp_path):
    """The en catalog once wrote 'First page of the handout "%(title)s" (PDF)':
    inside alt="…" the quote ended the attribute and broke every handouts index."""
    from hanoi_info.catalogs import check_catalog
    from hanoi_info.languages import languages_from_codes

    english = languages_from_codes(["vi", "en"])[1]
    folder = tmp_path / "en" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "messages.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#, python-format\nmsgid "First page of the handout “%(title)s” (PDF)"\n'
        'msgstr "First page of the handout \\"%(title)s\\" (PDF)"\n', encoding="utf-8")
    problems = [str(problem) for problem in check_catalog(tmp_path, english).problems]
    assert problems == [f"{(folder / 'messages.po').as_posix()}:6: straight double quote in the translation of "
                        "'First page of the handout “%(title)s” (PDF)'; write typographic quotes (“ ” or « ») instead"]
