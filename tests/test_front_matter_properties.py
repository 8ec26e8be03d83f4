"""Property-based tests: no front matter, page text or glossary file an editor
can write crashes the checks; every failure comes back as a Problem (file,
line, one-line message) that ``hanoi-info check`` can print."""

from __future__ import annotations

import datetime as dt

import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from hanoi_info.content import FrontMatterError, RawPage, split_front_matter
from hanoi_info.corpus import PageRecord, load_corpus
from hanoi_info.glossary import GlossaryEntry, GlossaryError, check_page, load_glossary
from hanoi_info.languages import languages_from_codes
from hanoi_info.schema import PageMeta, Problem, validate_meta

CODES = ["vi", "en", "fr", "zh", "ja", "ko"]
LANGUAGES = languages_from_codes(CODES)
FIELDS = ["id", "title", "description", "topic", "updated", "sources", "handout", "handout_summary", "kiosk",
          "source_hash", "template", "extra"]
PROFILE = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(allow_nan=True),
    st.text(max_size=40), st.dates(), st.datetimes(),
    st.sampled_from(["tourism", "home", "<b>x</b>", "2026-02-30", "https://hanoi.gov.vn/", "0123456789ab", "", " "]),
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                      max_leaves=12)
front_matter = st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=10), values, max_size=10)


def assert_problems(problems: list[Problem], path: str) -> None:
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.path == path
        assert isinstance(problem.line, int) and problem.line >= 1
        assert isinstance(problem.message, str) and problem.message.strip()
        assert "\n" not in problem.message


def check_text(text: str, *, translation: bool, cjk: bool) -> None:
    try:
        page = split_front_matter(text)
    except FrontMatterError as error:
        assert isinstance(error.line, int) and error.line >= 1
        assert str(error) and "\n" not in str(error)
        return
    assert isinstance(page, RawPage) and isinstance(page.meta, dict)
    assert page.body_line >= 2
    meta, problems = validate_meta(page.meta, path="tourism/x.md", text=text, is_translation=translation, is_cjk=cjk)
    assert (meta is None) == bool(problems)
    if meta is not None:
        assert isinstance(meta, PageMeta)
    assert_problems(problems, "tourism/x.md")


@PROFILE
@given(st.text(), st.booleans(), st.booleans())
@example("---\n---\n", False, False)
@example("\ufeff---\nupdated: 2026-02-30\n---\n", False, False)
@example("---\n" + "[" * 3000 + "\n---\n", True, False)
@example("---\ntopic: [tourism]\n---\n", False, False)
@example("---\n? [a, b]\n: c\n---\n", False, False)
@example("---\nsources: [{url: 'http://[::1'}]\n---\n", False, False)
def test_any_text_is_read_or_refused_with_a_problem(text, translation, cjk):
    check_text(text, translation=translation, cjk=cjk)


@PROFILE
@given(front_matter, st.text(max_size=200), st.booleans(), st.booleans())
def test_any_yaml_front_matter_is_validated_or_refused_with_problems(meta, body, translation, cjk):
    try:
        block = yaml.safe_dump(meta, allow_unicode=True, default_flow_style=False)
    except yaml.YAMLError:
        assume(False)
    check_text(f"---\n{block}---\n{body}", translation=translation, cjk=cjk)


@PROFILE
@given(st.lists(st.sampled_from(FIELDS) | st.text(alphabet="abcdefghijklmnopqrstuvwxyz_:-[]{}'\"# \t!&*|>", max_size=12),
                min_size=0, max_size=8),
       st.lists(st.text(max_size=30), min_size=0, max_size=8))
def test_hand_typed_field_lines_never_crash(names, texts):
    """Lines as an editor types them: 'name: value', with YAML's special characters."""
    lines = [f"{name}: {value}" for name, value in zip(names, texts)]
    check_text("---\n" + "\n".join(lines) + "\n---\nText.\n", translation=False, cjk=False)


def test_a_valid_page_still_validates():
    text = ("---\nid: tourism-lake\ntitle: Hồ Gươm\ndescription: Hồ.\ntopic: tourism\nupdated: 2026-11-02\nsources:\n"
            "  - title: Cổng thông tin\n    url: https://hanoi.gov.vn/\n    checked: '2026-11-02'\n---\n\n## Hồ\n")
    page = split_front_matter(text)
    meta, problems = validate_meta(page.meta, path="tourism/lake.md", text=text, is_translation=False, is_cjk=False)
    assert problems == [] and meta.sources[0].checked == dt.date(2026, 11, 2)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.binary(max_size=300) | st.text(max_size=300).map(lambda text: ("---\n" + text).encode("utf-8", "surrogatepass")))
def test_load_corpus_turns_any_file_into_a_page_or_problems(tmp_path_factory, data):
    docs = tmp_path_factory.mktemp("docs")
    (docs / "tourism").mkdir()
    (docs / "tourism" / "x.md").write_bytes(data)
    corpus = load_corpus(docs, LANGUAGES)
    assert bool(corpus.pages) != bool(corpus.problems)
    assert_problems(corpus.problems, "tourism/x.md")


# -- the glossary ---------------------------------------------------------------------------------------

names = st.text(min_size=1, max_size=20).filter(lambda text: text.strip())


def page(lang: str, body: str, title: str = "Tiêu đề") -> PageRecord:
    meta = PageMeta(id="tourism-x", title=title, description="Mô tả.", topic="tourism", updated=dt.date(2026, 1, 1))
    return PageRecord(f"tourism/x.{lang}.md" if lang != "vi" else "tourism/x.md", "tourism/x.md", lang, meta, body, 12)


@PROFILE
@given(st.text(max_size=500))
@example("- id: a\n  vi: A\n  en: A\n  fr: A\n  zh: A\n  ja: A\n  ko: A\n  avoid:\n    en: ['']\n")
@example("- id: a\n  vi: A\n  en: A\n  fr: A\n  zh: A\n  ja: A\n  ko: A\n  avoid: {de: [b]}\n")
@example("- id: a\n  updated: 2026-02-30\n")
def test_any_glossary_file_loads_or_is_refused_with_problems(tmp_path_factory, text):
    directory = tmp_path_factory.mktemp("glossary")
    (directory / "names.yml").write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        entries = load_glossary(directory, CODES)
    except GlossaryError as error:
        assert error.problems
        assert_problems(error.problems, str(directory / "names.yml"))
        return
    for entry in entries.values():
        assert set(entry.names) == set(CODES)
        assert all(spelling.strip() for spellings in entry.avoid.values() for spelling in spellings)


@PROFILE
@given(st.sampled_from(CODES), names, st.lists(names, min_size=1, max_size=3), st.text(max_size=300))
def test_glossary_check_never_crashes_and_reports_problems(lang, correct, avoided, body):
    entry = GlossaryEntry("x", {code: correct for code in CODES}, {lang: tuple(avoided)})
    problems = check_page(page(lang, body), {"x": entry})
    record_path = page(lang, body).src_path
    for problem in problems:
        assert problem.path == record_path and problem.line >= 1 and problem.message.startswith("write ")


@PROFILE
@given(st.sampled_from(["vi", "en", "fr"]), st.text(alphabet="abcdefghijklmnopqrstuvwxyzàáảãạăâđêôơư", min_size=3, max_size=12),
       st.text(alphabet=" .,;", min_size=1, max_size=3), st.integers(0, 5))
def test_an_avoided_spelling_in_the_text_is_always_reported_on_its_line(lang, spelling, separator, line_index):
    correct = "Hồ Hoàn Kiếm Chính Thức"
    assume(spelling.casefold() not in correct.casefold())
    lines = ["Một dòng."] * 6
    lines[line_index] = f"Đây là{separator}{spelling.upper()}{separator}ở đây."
    problems = check_page(page(lang, "\n".join(lines)), {"x": GlossaryEntry("x", {c: correct for c in CODES}, {lang: (spelling,)})})
    assert [(problem.line, problem.message) for problem in problems] == [
        (12 + line_index, f"write '{correct}', not '{spelling}' (glossary: x)")
    ]


def test_a_spelling_inside_the_correct_name_is_not_reported():
    entry = GlossaryEntry("x", {code: "Hoàn Kiếm Lake" for code in CODES}, {"en": ("Kiếm Lake",)})
    assert check_page(page("en", "Hoàn Kiếm Lake is here; Kiếm Lake is not."), {"x": entry}) == [
        Problem("tourism/x.en.md", 12, "write 'Hoàn Kiếm Lake', not 'Kiếm Lake' (glossary: x)")
    ]
    assert check_page(page("en", "Hoàn Kiếm Lake only."), {"x": entry}) == []
