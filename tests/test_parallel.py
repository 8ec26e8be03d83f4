"""Languages built on several processes publish exactly what one process
publishes, and a failure in any of them stops the whole build."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import build, copy_fixture
from hanoi_info.parallel import TaskQueue


def _files(site: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site)): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def _with_workers(root: Path, workers: int) -> Path:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - hanoi-i18n:\n" in text
    config.write_text(text.replace("  - hanoi-i18n:\n", f"  - hanoi-i18n:\n      workers: {workers}\n", 1), encoding="utf-8")
    return config


def test_every_task_of_the_queue_goes_to_exactly_one_process():
    tasks = [f"task-{number}" for number in range(60)] + ["site:handouts short links", "zh"]
    queue = TaskQueue(tasks)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # a child taking tasks as fast as it can, beside the parent
        taken = []
        while (task := queue.next()) is not None:
            taken.append(task)
        os.write(write_end, "\n".join(taken).encode())
        os._exit(0)
    os.close(write_end)
    mine = []
    while (task := queue.next()) is not None:
        mine.append(task)
    os.waitpid(pid, 0)
    child = os.read(read_end, 1 << 16).decode().split("\n")
    os.close(read_end)
    child = [task for task in child if task]
    assert sorted(mine + child) == sorted(tasks)
    assert not set(mine) & set(child)


def test_a_task_name_that_does_not_fit_a_record_is_refused():
    with pytest.raises(ValueError, match="1 to 128 bytes"):
        TaskQueue(["x" * 129])


@pytest.mark.parametrize("fixture", ["basic", "kiosk"])
def test_a_parallel_build_publishes_exactly_what_a_sequential_one_does(tmp_path, fixture):
    sites = {}
    for workers in (1, 3):
        root = copy_fixture(fixture, tmp_path / f"w{workers}")
        config = _with_workers(root, workers)
        if fixture == "kiosk":  # the kiosk fixture also gets the embeds, API and feeds
            config.write_text(config.read_text(encoding="utf-8") + "  - hanoi-embeds\n", encoding="utf-8")
        site = tmp_path / f"site-{workers}"
        result = build(config, site)
        assert result.returncode == 0, result.stderr
        sites[workers] = _files(site)
    assert len(sites[1]) > 80
    assert sorted(sites[3]) == sorted(sites[1])
    assert [name for name in sites[1] if sites[1][name] != sites[3][name]] == []


def test_a_failure_in_a_language_built_by_another_process_stops_the_build(tmp_path):
    root = copy_fixture("kiosk", tmp_path)
    config = _with_workers(root, 2)
    page = root / "docs" / "tourism" / "lake.ja.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[地図](missing-page.md)\n", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous site", encoding="utf-8")
    result = build(config, site)
    assert result.returncode == 1
    assert "missing-page.md" in result.stderr
    assert f"The previous site in {site} was left unchanged." in result.stderr
    assert _files(site) == {"index.html": b"previous site"}
