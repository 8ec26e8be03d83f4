"""Hostile HTML that reached a page (the check that would stop it switched
off, as if an attacker also changed mkdocs.yml's plugin list or a check had a
gap) leaves no executable trace in any output: site pages, search index, embed
views, oEmbed, the content API, the feeds and the airport kiosk."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings

from conftest import build, copy_fixture
from executable_traces import file_traces
from test_html_policy import ISSUE_EXAMPLE, MARKER, hostile_html

PAYLOAD = ISSUE_EXAMPLE + "\n".join([
    "",
    '<A HREF=&#106;avascript&#58;alert(7)>một</A> <SCRIPT\nsrc=x>alert(7)</SCRIPT>',
    "",
    "Bấm vào đây.",
    '{: onmouseover="alert(7)" }',
    "",
    "[Xem](javascript:alert(7)) ![ảnh](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoNyk+) ",
    "",
    '<p style="background:url(javascript:alert(7))">nền</p><iframe src="javascript:alert(7)"></iframe>',
    '<svg><script>alert(7)</script></svg><img src="data:," onerror=alert(7)><form action="javascript:alert(7)"><button>b</button></form>',
    "",
])


def _hostile_site(tmp_path: Path, extra: str) -> tuple[Path, Path]:
    root = copy_fixture("kiosk", tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "  - hanoi-embeds\n", encoding="utf-8")
    for name in ("arriving/airport.md", "arriving/airport.en.md", "arriving/airport.ja.md"):
        page = root / "docs" / name
        page.write_text(page.read_text(encoding="utf-8") + "\n" + PAYLOAD + extra, encoding="utf-8")
    site = tmp_path / "site"
    result = build(config, site)
    assert result.returncode == 0, result.stderr
    return root, site


def _traces(site: Path) -> dict[str, list[str]]:
    found = {}
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".rss", ".ics"):
            traces = file_traces(path, MARKER)
            if traces:
                found[str(path.relative_to(site))] = traces
    return found


def test_hostile_html_leaves_no_executable_trace_in_any_output(tmp_path):
    _, site = _hostile_site(tmp_path, "")
    outputs = [
        "arriving/airport/index.html", "en/arriving/airport/index.html", "embed/vi/arriving/airport/index.html",
        "api/v1/vi/pages/arriving-airport.json", "kiosk/vi/p/arriving-airport.json", "search/search_index.json",
    ]
    for output in outputs:
        text = (site / output).read_text(encoding="utf-8")
        assert "bấm" in text, f"{output}: the page's text was lost"  # text is kept, only code goes
    assert _traces(site) == {}


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(extra=hostile_html())
def test_fuzzed_html_leaves_no_executable_trace_in_any_output(tmp_path_factory, extra):
    tmp_path = tmp_path_factory.mktemp("fuzz")
    _, site = _hostile_site(tmp_path, extra)
    assert _traces(site) == {}
