import datetime as dt

import yaml

from hanoi_info.schema import validate_meta

GOOD = """---
id: tourism-lake
title: Hồ Gươm
description: Hồ ở trung tâm.
topic: tourism
updated: 2026-11-02
sources:
  - title: Cổng thông tin
    url: https://hanoi.gov.vn/
    checked: 2026-11-02
---
"""


def check(text, *, translation=False, cjk=False):
    meta = yaml.safe_load(text.split("---")[1])
    return validate_meta(meta, path="tourism/lake.md", text=text, is_translation=translation, is_cjk=cjk)


def messages(text, **kwargs):
    return [str(problem) for problem in check(text, **kwargs)[1]]


def test_valid_front_matter_becomes_typed_metadata():
    meta, problems = check(GOOD)
    assert problems == []
    assert meta.id == "tourism-lake" and meta.updated == dt.date(2026, 11, 2)
    assert meta.sources[0].url == "https://hanoi.gov.vn/"
    assert (meta.handout, meta.kiosk) == (False, False)


def test_each_problem_names_the_file_line_field_and_fix():
    text = GOOD.replace("topic: tourism", "topic: food").replace("updated: 2026-11-02", "updated: soon")
    assert messages(text) == [
        "tourism/lake.md:5: topic: unknown topic 'food'; use one of arriving, tourism, culture, investment, asean, events",
        "tourism/lake.md:6: updated: expected a date YYYY-MM-DD, got 'soon'",
    ]


def test_missing_fields_are_all_reported():
    assert messages("---\ntitle: x\n---\n") == [
        "tourism/lake.md:1: id: missing; add a line 'id: ...' to the front matter",
        "tourism/lake.md:1: description: missing; add a line 'description: ...' to the front matter",
        "tourism/lake.md:1: topic: missing; add 'topic: ' with one of arriving, tourism, culture, investment, asean, events",
        "tourism/lake.md:1: updated: missing; add 'updated: YYYY-MM-DD' (the date the text was last revised)",
    ]


def test_translation_needs_a_quoted_source_hash():
    assert messages(GOOD, translation=True)[0].endswith(
        "source_hash: missing; a translation records the version of the Vietnamese page it translates "
        "(run 'hanoi-info source-hash' on the Vietnamese file)"
    )
    unquoted = GOOD.replace("---\n", "---\nsource_hash: 123456789012\n", 1)
    assert messages(unquoted, translation=True) == [
        'tourism/lake.md:2: source_hash: write the hash in quotes (source_hash: "123456789012"), otherwise YAML reads it as a number'
    ]


def test_html_in_a_title_is_refused():
    assert messages(GOOD.replace("title: Hồ Gươm", "title: <script>alert(1)</script>")) == [
        "tourism/lake.md:3: title: must be plain text; remove the HTML tags"
    ]


def test_source_urls_must_be_web_addresses():
    assert messages(GOOD.replace("https://hanoi.gov.vn/", "hanoi.gov.vn")) == [
        "tourism/lake.md:7: sources[1].url: expected a web address starting with https://, got 'hanoi.gov.vn'; "
        "for a document without one, give publisher, issued and held: data/sources/<file>"
    ]


PLAN_SOURCE = """  - title: Kế hoạch tổ chức hoạt động thông tin đối ngoại năm 2024
    publisher: Ủy ban nhân dân thành phố Hà Nội
    issued: 2024
    held: data/sources/plan-2024.txt
    checked: 2026-12-05
"""


def held_check(text, tmp_path):
    (tmp_path / "plan-2024.txt").write_text("Kế hoạch", encoding="utf-8")
    meta = yaml.safe_load(text.split("---")[1])
    return validate_meta(meta, path="tourism/lake.md", text=text, is_translation=False, is_cjk=False,
                         held_sources_dir=tmp_path)


def test_a_document_without_a_web_address_is_cited_by_its_publisher_date_and_held_copy(tmp_path):
    text = GOOD.replace("---\n", "---\n", 1).replace("    checked: 2026-11-02\n---", "    checked: 2026-11-02\n" + PLAN_SOURCE + "---")
    meta, problems = held_check(text, tmp_path)
    assert problems == []
    plan = meta.sources[1]
    assert (plan.url, plan.publisher, plan.issued, plan.held_path) == (
        None, "Ủy ban nhân dân thành phố Hà Nội", "2024", "sources/plan-2024.txt")


def test_a_held_document_names_its_publisher_and_an_existing_copy(tmp_path):
    broken = PLAN_SOURCE.replace("    publisher: Ủy ban nhân dân thành phố Hà Nội\n", "").replace("plan-2024.txt", "plan-2023.txt")
    text = GOOD.replace("    checked: 2026-11-02\n---", "    checked: 2026-11-02\n" + broken + "---")
    assert [str(problem) for problem in held_check(text, tmp_path)[1]] == [
        "tourism/lake.md:10: sources[2].held: data/sources/plan-2023.txt does not exist; add the document's text there or fix the file name",
        "tourism/lake.md:10: sources[2].publisher: missing; a held document names the body that issued the document",
    ]


def test_handout_summary_limit_depends_on_the_script():
    summary = "x" * 400
    text = GOOD.replace("topic: tourism", f"topic: tourism\nhandout_summary: {summary}")
    assert messages(text, cjk=False) == []
    assert messages(text, cjk=True) == [
        "tourism/lake.md:6: handout_summary: 400 characters, at most 300 allowed; shorten it"
    ]
