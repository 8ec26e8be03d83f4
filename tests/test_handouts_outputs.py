"""The handouts' merged packs (hanoi_info.handouts.outputs): cached by their
handouts, never stale, pruned when unused."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pypdfium2

from hanoi_info.handouts.outputs import pack_key, prune_packs, write_pack

DATE = dt.date(2026, 11, 30)


def one_page_pdf(path: Path, width: float = 420) -> tuple[Path, int]:
    document = pypdfium2.PdfDocument.new()
    document.new_page(width, 595)
    document.save(path)
    document.close()
    return path, 1


def pages(path: Path) -> list[float]:
    document = pypdfium2.PdfDocument(path)
    try:
        return [page.get_width() for page in document]
    finally:
        document.close()


def test_a_pack_is_merged_once_and_copied_from_the_cache_after(tmp_path):
    handouts = [one_page_pdf(tmp_path / "a1b2.pdf"), one_page_pdf(tmp_path / "c3d4.pdf", width=400)]
    cache = tmp_path / "packs"
    assert write_pack(handouts, tmp_path / "site" / "pack.pdf", one_sheet_each=True, date=DATE, cache_dir=cache)
    assert not write_pack(handouts, tmp_path / "again" / "pack.pdf", one_sheet_each=True, date=DATE, cache_dir=cache)
    assert (tmp_path / "again" / "pack.pdf").read_bytes() == (tmp_path / "site" / "pack.pdf").read_bytes()
    # One sheet per handout: each one-page handout is followed by a blank page.
    assert pages(tmp_path / "again" / "pack.pdf") == [420, 420, 400, 400]


def test_other_handouts_or_another_date_make_another_pack(tmp_path):
    first = [one_page_pdf(tmp_path / "a1b2.pdf")]
    changed = [one_page_pdf(tmp_path / "e5f6.pdf", width=400)]  # a re-rendered handout has a new cache name
    keys = {
        pack_key(first, one_sheet_each=False, date=DATE),
        pack_key(changed, one_sheet_each=False, date=DATE),
        pack_key(first, one_sheet_each=True, date=DATE),
        pack_key(first, one_sheet_each=False, date=DATE + dt.timedelta(days=1)),
    }
    assert len(keys) == 4
    cache = tmp_path / "packs"
    write_pack(first, tmp_path / "site" / "pack.pdf", one_sheet_each=False, date=DATE, cache_dir=cache)
    assert write_pack(changed, tmp_path / "site" / "pack.pdf", one_sheet_each=False, date=DATE, cache_dir=cache)
    assert pages(tmp_path / "site" / "pack.pdf") == [400]


def test_prune_removes_only_old_packs_this_build_did_not_use(tmp_path):
    cache = tmp_path / "packs"
    cache.mkdir()
    day_ago = time.time() - 2 * 24 * 3600
    for name, age in (("used", day_ago), ("old", day_ago), ("recent", None)):
        (cache / f"{name}.pdf").write_bytes(b"%PDF")
        if age:
            os.utime(cache / f"{name}.pdf", (age, age))
    assert prune_packs(cache, {"used"}, older_than=24 * 3600) == 1
    assert sorted(path.stem for path in cache.iterdir()) == ["recent", "used"]
