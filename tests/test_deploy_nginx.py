"""The production nginx configuration (deploy/nginx/): Debian's nginx, started
on a loopback port with a test wrapper that includes the repository's server
snippet, serves the built tests/fixtures/embeds site with the right types,
framing rules, cache lifetimes and compression."""

from __future__ import annotations

import gzip
import re
import shutil
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from embeds_support import read_json

import nginx_support
from nginx_support import DEBIAN_PACKAGE, SERVER, SNIPPET


def nginx_binary() -> str:
    try:
        return nginx_support.nginx_binary()
    except nginx_support.NginxMissing as error:
        pytest.fail(str(error))


@pytest.fixture(scope="module")
def server(embeds_site, tmp_path_factory):
    nginx_binary()
    with nginx_support.nginx(embeds_site, tmp_path_factory.mktemp("nginx")) as base:
        yield base


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def get(base: str, path: str, gzip_ok: bool = True):
    request = urllib.request.Request(base + path, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    try:
        with OPENER.open(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def body(headers, data: bytes) -> bytes:
    return gzip.decompress(data) if headers.get("Content-Encoding") == "gzip" else data


@pytest.mark.parametrize(
    "path, mime",
    [
        ("/en/tourism/lake/", "text/html"),
        ("/embed/en/tourism/lake/", "text/html"),
        ("/feeds/en/updates.xml", "application/rss+xml"),
        ("/feeds/ja/updates.json", "application/feed+json"),
        ("/feeds/ko/events.json", "application/feed+json"),
        ("/feeds/fr/events.ics", "text/calendar"),
        ("/oembed/zh/tourism-lake.json", "application/json+oembed"),
        ("/api/v1/vi/index.json", "application/json"),
        ("/api/v1/en/pages/tourism-lake.json", "application/json"),
        ("/assets/javascripts/embed.js", "application/javascript"),
        ("/assets/stylesheets/embed.css", "text/css"),
    ],
)
def test_mime_types_and_compression(server, embeds_site, path, mime):
    status, headers, data = get(server, path)
    assert status == 200
    assert headers.get_content_type() == mime
    assert headers.get_content_charset() == "utf-8"
    assert headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in headers.get("Vary", "")
    served = path.lstrip("/")
    expected = embeds_site / (served + "index.html" if served.endswith("/") else served)
    assert body(headers, data) == expected.read_bytes()


def policy(headers) -> dict[str, list[str]]:
    """The Content-Security-Policy header as {directive: [sources]}."""
    values = headers.get_all("Content-Security-Policy") or []
    assert len(values) == 1, values
    parsed = {}
    for directive in values[0].split(";"):
        name, *sources = directive.split()
        parsed[name] = sources
    return parsed


# What every policy of the site says: nothing but its own files, no inline
# script, no eval, no plugins, no foreign <base> or form targets.
STRICT = {
    "default-src": ["'self'"], "script-src": ["'self'"], "style-src": ["'self'"],
    "object-src": ["'none'"], "connect-src": ["'self'"],
}


def assert_security_headers(headers):
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "camera=()" in headers["Permissions-Policy"] and "geolocation=()" in headers["Permissions-Policy"]


def test_embed_views_can_be_framed_by_any_site(server):
    status, headers, _ = get(server, "/embed/vi/tourism/pagoda/")
    assert status == 200
    csp = policy(headers)
    assert csp["frame-ancestors"] == ["*"]
    assert csp["base-uri"] == ["'self'"]
    assert {name: csp[name] for name in STRICT} == STRICT
    assert "X-Frame-Options" not in headers
    assert_security_headers(headers)


@pytest.mark.parametrize("path", ["/", "/en/tourism/lake/", "/ja/events/calendar/", "/handouts/", "/404-missing/",
                                  "/assets/javascripts/embed.js", "/feeds/en/updates.xml", "/api/v1/index.json"])
def test_other_pages_cannot_be_framed_and_run_only_the_sites_own_scripts(server, path):
    status, headers, _ = get(server, path)
    assert status in (200, 404)
    csp = policy(headers)
    assert csp["frame-ancestors"] == ["'none'"]
    assert {name: csp[name] for name in STRICT} == STRICT
    assert csp["base-uri"] == ["'self'"]
    assert "'unsafe-inline'" not in str(csp) and "'unsafe-eval'" not in str(csp)
    assert headers["X-Frame-Options"] == "DENY"
    assert_security_headers(headers)


def test_kiosk_policy_allows_its_own_files_only_and_no_frames(tmp_path):
    site = tmp_path / "site"
    (site / "kiosk").mkdir(parents=True)
    (site / "kiosk" / "index.html").write_text("<!doctype html><title>kiosk</title>")
    with nginx_support.nginx(site, tmp_path) as base:
        status, headers, _ = get(base, "/kiosk/")
    assert status == 200
    csp = policy(headers)
    assert csp["default-src"] == ["'none'"]
    for directive in ("script-src", "style-src", "img-src", "connect-src", "worker-src"):
        assert csp[directive] == ["'self'"], directive
    for directive in ("frame-src", "child-src", "frame-ancestors", "object-src", "base-uri", "form-action"):
        assert csp[directive] == ["'none'"], directive
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Cache-Control"] == "no-cache"
    assert_security_headers(headers)


def test_fingerprinted_assets_are_cached_for_a_year_and_the_rest_briefly(server, embeds_site):
    assets = sorted(p.relative_to(embeds_site).as_posix() for p in (embeds_site / "assets").rglob("*") if p.is_file())
    fingerprinted = [name for name in assets if re.search(r"\.[0-9a-f]{8}\.min\.", name)]
    assert {name.split("/")[-1].split(".")[0] for name in fingerprinted} >= {"bundle", "main", "palette", "search"}
    for name in fingerprinted:
        assert get(server, "/" + name)[1]["Cache-Control"] == "public, max-age=31536000, immutable", name

    def max_age(path: str) -> int:
        control = get(server, path)[1]["Cache-Control"]
        assert "immutable" not in control, path
        return int(control.split("max-age=")[1].split(",")[0])

    for path in ("/", "/en/tourism/lake/", "/assets/javascripts/lunr/min/lunr.ja.min.js", "/assets/stylesheets/hanoi.css", "/embed/en/tourism/lake/", "/feeds/en/updates.xml", "/feeds/en/events.ics",
                 "/api/v1/index.json", "/oembed/en/tourism-lake.json", "/assets/javascripts/embed.js"):
        assert max_age(path) <= 3600, path


def test_short_links_are_served(server, embeds_site):
    short = read_json(embeds_site, "api/v1/en/index.json")["pages"][0]["short_link"]
    path = "/" + short.split("/", 3)[3]
    status, headers, data = get(server, path)
    assert status == 200 and headers.get_content_type() == "text/html"
    assert body(headers, data) == (embeds_site / path.lstrip("/") / "index.html").read_bytes()
    # Without the final slash: a relative redirect to the folder (the public host may sit behind a proxy).
    status, headers, _ = get(server, path.rstrip("/"))
    assert (status, headers["Location"]) == (301, path)


def test_missing_files_get_the_sites_404_page(server, embeds_site):
    status, headers, data = get(server, "/no/such/page/")
    assert status == 404
    assert body(headers, data) == (embeds_site / "404.html").read_bytes()
    assert get(server, "/feeds/xx/updates.json")[0] == 404


def test_production_server_block_uses_the_snippet():
    text = SERVER.read_text(encoding="utf-8")
    assert f"include snippets/{SNIPPET.name};" in text
    assert "return 301 https://$host$request_uri;" in text


def test_missing_nginx_fails_naming_the_debian_package(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda *args, **kwargs: None)
    with pytest.raises(pytest.fail.Exception, match=f"install the Debian package {DEBIAN_PACKAGE}"):
        nginx_binary()
