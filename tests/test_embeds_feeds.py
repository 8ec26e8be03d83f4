"""RSS 2.0 and JSON Feed 1.1 per language (hanoi_info.embeds.feeds), on the
built tests/fixtures/embeds site, and the year's events computed from the
fixture's events file. RSS is read with feedparser; feedparser 6.0 does not
read JSON Feed, so JSON Feed documents are checked against a schema written
from the JSON Feed 1.1 specification (tests/schemas/) and read as JSON."""

from __future__ import annotations

import datetime as dt
import json
from email.utils import parsedate_to_datetime

import feedparser
import jsonschema
import pytest

from conftest import FIXTURES
from embeds_support import BASE, CODES, CORPUS, PROJECT, language, missing, site_urls
from hanoi_info.catalogs import translations
from hanoi_info.corpus import page_url
from hanoi_info.embeds import feeds, paths
from hanoi_info.events import load_events

YEAR = 2029  # plugins.hanoi.anniversary_year of the fixture
EVENTS = load_events(FIXTURES / "embeds" / "data" / "events.yml", CODES)
JSON_FEED = jsonschema.Draft202012Validator(
    json.loads((FIXTURES.parent / "schemas" / "jsonfeed-1.1.schema.json").read_text(encoding="utf-8"))
)


def gettext_for(code: str):
    return translations(PROJECT.locales_dir, language(code)).gettext


def parse(site, code: str, name: str):
    parsed = feedparser.parse((site / paths.feed_path(code, name)).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    return parsed


def read_json_feed(site, code: str, name: str) -> dict:
    document = json.loads((site / paths.feed_path(code, name)).read_text(encoding="utf-8"))
    assert [error.message for error in JSON_FEED.iter_errors(document)] == []
    return document


# --- the year's events, as pure data ---------------------------------------------


def test_events_of_the_year_in_date_order_with_undated_last():
    found = feeds.occurrences(EVENTS, YEAR, "en", lambda text: text)
    assert [(o.id, o.start, o.end, o.span) for o in found] == [
        # 29 February 2004 is marked on the 28th in a year without one.
        ("leap-day-partnership", dt.date(2029, 2, 28), dt.date(2029, 3, 1), False),
        ("lotus-festival", dt.date(2029, 7, 1), dt.date(2029, 8, 1), True),
        ("unesco-city-for-peace", dt.date(2029, 7, 16), dt.date(2029, 7, 17), False),
        ("autumn-concert", dt.date(2029, 10, 1), dt.date(2030, 1, 1), True),
        ("city-day", dt.date(2029, 10, 10), dt.date(2029, 10, 11), False),
        # No date in the content for these: listed, never given an invented day.
        ("spring-tour", None, None, False),
        ("year-only-partnership", None, None, False),
    ]
    assert "not-round" not in [o.id for o in found]  # 19 years in 2029


def test_leap_day_anniversary_keeps_its_day_in_a_leap_year():
    found = {o.id: o for o in feeds.occurrences(EVENTS, 2024, "en", lambda text: text)}
    assert found["leap-day-partnership"].start == dt.date(2024, 2, 29)


@pytest.mark.parametrize(
    "code, titles",
    [
        ("en", {"unesco-city-for-peace": ("UNESCO City for Peace title – 30 years", "July 16, 2029"),
                "lotus-festival": ("Hà Nội Lotus Festival", "July 2029"),
                "autumn-concert": ("Autumn concert", "4th quarter 2029"),
                "spring-tour": ("Spring friendship tour", "Dates vary from year to year")}),
        ("vi", {"unesco-city-for-peace": ("UNESCO trao danh hiệu Thành phố vì hòa bình – 30 năm", "16 tháng 7, 2029"),
                "lotus-festival": ("Lễ hội sen Hà Nội", "tháng 7 năm 2029")}),
        ("ja", {"unesco-city-for-peace": ("ユネスコ「平和のための都市」称号 – 30周年", "2029年7月16日"),
                "year-only-partnership": ("提携（年のみ判明） – 20周年", "2029年")}),
    ],
)
def test_event_titles_and_dates_are_in_the_readers_language(code, titles):
    found = {o.id: o for o in feeds.occurrences(EVENTS, YEAR, code, gettext_for(code))}
    assert {key: (found[key].title, found[key].when) for key in titles} == titles


# --- the feed files -----------------------------------------------------------------


def written_in(code: str) -> list:
    records = [CORPUS.get(norm, code) for norm in CORPUS.source_paths() if CORPUS.get(norm, code)]
    return sorted(records, key=lambda record: (-record.meta.updated.toordinal(), record.meta.id))


@pytest.mark.parametrize("code", CODES)
def test_updates_feeds_list_the_pages_written_in_the_language_newest_first(embeds_site, code):
    rss = parse(embeds_site, code, paths.UPDATES_RSS)
    json_feed = read_json_feed(embeds_site, code, paths.UPDATES_JSON)
    expected = [(record.meta.title, BASE + page_url(record.norm_path, language(code))) for record in written_in(code)]
    assert [(entry.title, entry.link) for entry in rss.entries] == expected
    assert [(item["title"], item["url"]) for item in json_feed["items"]] == expected
    assert json_feed["feed_url"] == BASE + paths.feed_path(code, paths.UPDATES_JSON)
    # Content dates are days in Hà Nội (feedparser's *_parsed would turn them into UTC).
    dates = [parsedate_to_datetime(entry.published).date() for entry in rss.entries]
    assert dates == [record.meta.updated for record in written_in(code)]
    assert [item["date_published"][:10] for item in json_feed["items"]] == [d.isoformat() for d in dates]
    assert rss.feed.language == language(code).hreflang
    # The feed's date is the newest revision, never the day of the build.
    assert parsedate_to_datetime(rss.feed.updated).date() == dates[0]


def test_updates_feeds_order_equal_dates_by_id_and_leave_out_untranslated_pages(embeds_site):
    titles = [entry.title for entry in parse(embeds_site, "en", paths.UPDATES_RSS).entries]
    assert titles == ["The Lake of the Sword", "Events calendar", "Home"]  # no Vietnamese fallback copy
    vi = [entry.title for entry in parse(embeds_site, "vi", paths.UPDATES_RSS).entries]
    # events-calendar and tourism-pagoda were both revised on 4 November.
    assert vi == ["Lịch sự kiện", "Chùa Một Cột", "Hồ Gươm", "Trang chủ"]


@pytest.mark.parametrize("code", CODES)
def test_events_feeds_list_the_years_events_in_the_language(embeds_site, code):
    expected = [o.title for o in feeds.occurrences(EVENTS, YEAR, code, gettext_for(code))]
    rss = parse(embeds_site, code, paths.EVENTS_RSS)
    json_feed = read_json_feed(embeds_site, code, paths.EVENTS_JSON)
    assert [entry.title for entry in rss.entries] == expected
    assert [item["title"] for item in json_feed["items"]] == expected
    assert str(YEAR) in rss.feed.title and str(YEAR) in json_feed["title"]
    events_page = BASE + page_url("events/calendar.md", language(code))
    assert {entry.link for entry in rss.entries} == {item["url"] for item in json_feed["items"]} == {events_page}
    leap = next(item for item in json_feed["items"] if item["id"].endswith("#leap-day-partnership-2029"))
    assert leap["_event"] == {"start": "2029-02-28", "end": "2029-03-01"}
    assert leap["date_published"] == "2026-11-25T00:00:00+07:00"  # the newest source check


@pytest.mark.parametrize("code", CODES)
def test_every_site_address_in_the_feeds_exists(embeds_site, code):
    urls = []
    for name in (paths.UPDATES_RSS, paths.UPDATES_JSON, paths.EVENTS_RSS, paths.EVENTS_JSON):
        urls += site_urls((embeds_site / paths.feed_path(code, name)).read_text(encoding="utf-8"))
    assert len(urls) > 10
    assert missing(embeds_site, urls) == []
