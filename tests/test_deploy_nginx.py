"""The production nginx configuration (deploy/nginx/): Debian's nginx, started
on a loopback port with a test wrapper that includes the repository's server
snippet, serves the built tests/fixtures/embeds site with the right types,
framing rules, cache lifetimes and compression."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT
from embeds_support import read_json

SNIPPET = ROOT / "deploy" / "nginx" / "hanoi-info-site.conf"
SERVER = ROOT / "deploy" / "nginx" / "hanoi-info.conf"
DEBIAN_PACKAGE = "nginx-light"


def nginx_binary() -> str:
    found = shutil.which("nginx", path=os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/sbin"]))
    if found is None:
        pytest.fail(f"nginx is missing: install the Debian package {DEBIAN_PACKAGE} "
                    f"('sudo apt-get install {DEBIAN_PACKAGE}'; scripts/setup.sh does)")
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wrapper_config(folder: Path, site: Path, port: int) -> str:
    temp = {name: folder / name for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")}
    # As root, nginx's workers would otherwise run as nobody and not read pytest's private folders.
    user = "user root;\n" if os.geteuid() == 0 else ""
    return f"""{user}daemon off;
worker_processes 1;
pid {folder / 'nginx.pid'};
error_log {folder / 'error.log'} warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {temp['client_body']};
    proxy_temp_path {temp['proxy']};
    fastcgi_temp_path {temp['fastcgi']};
    uwsgi_temp_path {temp['uwsgi']};
    scgi_temp_path {temp['scgi']};
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        root {site};
        include {SNIPPET};
    }}
}}
"""


@pytest.fixture(scope="module")
def server(embeds_site, tmp_path_factory):
    binary = nginx_binary()
    folder = tmp_path_factory.mktemp("nginx")
    port = free_port()
    config = folder / "nginx.conf"
    config.write_text(wrapper_config(folder, embeds_site, port))
    command = [binary, "-p", str(folder), "-c", str(config), "-e", str(folder / "error.log")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"nginx did not start: {process.stderr.read().decode()}") from None
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


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


def test_embed_views_can_be_framed_by_any_site(server):
    status, headers, _ = get(server, "/embed/vi/tourism/pagoda/")
    assert status == 200
    assert headers["Content-Security-Policy"] == "frame-ancestors *"
    assert "X-Frame-Options" not in headers


@pytest.mark.parametrize("path", ["/", "/en/tourism/lake/", "/ja/events/calendar/", "/handouts/", "/404-missing/"])
def test_other_pages_cannot_be_framed(server, path):
    status, headers, _ = get(server, path)
    assert status in (200, 404)
    assert headers["Content-Security-Policy"] == "frame-ancestors 'none'"
    assert headers["X-Frame-Options"] == "DENY"


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
