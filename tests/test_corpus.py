"""The content tree as data (hanoi_info.corpus): what a preview that reloads
the corpus for every rebuild in one process must still see."""

from __future__ import annotations

from pathlib import Path

from hanoi_info.corpus import load_corpus
from hanoi_info.languages import languages_from_codes

LANGUAGES = languages_from_codes(["vi", "en"])
PAGE = """---
id: tourism-lake
title: {title}
description: Hồ ở trung tâm Hà Nội.
topic: tourism
updated: 2026-11-30
sources:
  - publisher: Sở Du lịch Hà Nội
    title: Kế hoạch
    issued: 2024-01-01
    checked: 2026-11-30
    held: data/sources/plan.txt
---

# {title}

Văn bản.
"""


def write_page(root: Path, title: str) -> Path:
    page = root / "docs" / "tourism" / "lake.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(PAGE.format(title=title), encoding="utf-8")
    return page


def test_a_reload_in_the_same_process_sees_every_edit(tmp_path):
    (tmp_path / "data" / "sources").mkdir(parents=True)
    (tmp_path / "data" / "sources" / "plan.txt").write_text("Kế hoạch", encoding="utf-8")
    write_page(tmp_path, "Hồ Hoàn Kiếm")
    first = load_corpus(tmp_path / "docs", LANGUAGES)
    assert first.problems == []
    assert first.get("tourism/lake.md", "vi").meta.title == "Hồ Hoàn Kiếm"

    write_page(tmp_path, "Hồ Gươm")
    edited = load_corpus(tmp_path / "docs", LANGUAGES)
    assert edited.get("tourism/lake.md", "vi").meta.title == "Hồ Gươm"
    assert edited.source_hashes["tourism/lake.md"] != first.source_hashes["tourism/lake.md"]

    # A held document removed: the page that cites it is now a problem, though its text did not change.
    (tmp_path / "data" / "sources" / "plan.txt").unlink()
    without = load_corpus(tmp_path / "docs", LANGUAGES)
    assert without.get("tourism/lake.md", "vi") is None
    assert [problem.path for problem in without.problems] == ["tourism/lake.md"]
    assert "data/sources/plan.txt" in without.problems[0].message


def test_the_same_text_in_another_language_is_read_as_that_language(tmp_path):
    (tmp_path / "data" / "sources").mkdir(parents=True)
    (tmp_path / "data" / "sources" / "plan.txt").write_text("Kế hoạch", encoding="utf-8")
    page = write_page(tmp_path, "Hồ Hoàn Kiếm")
    load_corpus(tmp_path / "docs", LANGUAGES)
    # The same file, now an English translation: it needs a source_hash, which it lacks.
    page.rename(page.with_name("lake.en.md"))
    corpus = load_corpus(tmp_path / "docs", LANGUAGES)
    messages = [problem.message for problem in corpus.problems if problem.path == "tourism/lake.en.md"]
    assert any("source_hash" in message for message in messages), corpus.problems
