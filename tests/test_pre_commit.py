"""The pre-commit hook runs the same check as 'make check' on the files that
can break it."""

from __future__ import annotations

import re
import shlex

import yaml

from conftest import ROOT


def test_pre_commit_runs_hanoi_info_check_on_content_changes():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (repo,) = config["repos"]
    (hook,) = repo["hooks"]
    assert repo["repo"] == "local"
    assert (hook["language"], hook["pass_filenames"]) == ("system", False)
    command = shlex.split(hook["entry"])
    assert command[1:] == ["check"]
    assert (ROOT / command[0]).exists()
    files = re.compile(hook["files"])
    for path in ("docs/tourism/lake.md", "docs/tourism/map.svg", "data/page-ids.yml", "data/glossary/general.yml",
                 "locales/ja/LC_MESSAGES/messages.po", "overrides/status.html", "mkdocs.yml"):
        assert files.search(path), path
    for path in ("scripts/hanoi_info/cli.py", "tests/test_checks.py", "README.md"):
        assert not files.search(path), path
