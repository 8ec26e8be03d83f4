"""``hanoi-info kiosk`` (hanoi_info.kiosk.launcher): it refuses to start on a
missing or incomplete kiosk build, builds the right Chromium command line,
ships a policy that confines Chromium to the kiosk, and serves the build."""

from __future__ import annotations

import json
import shutil
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from hanoi_info.kiosk.launcher import (
    DEFAULT_PORT,
    KIOSK_FLAGS,
    POLICY_FILE,
    chromium_command,
    kiosk_url,
    policy_for_port,
    policy_problem,
    serve_in_thread,
    site_url_problem,
)
from hanoi_info.kiosk.manifest import KioskBuildError, check_kiosk_build


@pytest.fixture
def kiosk_copy(kiosk_site, tmp_path) -> Path:
    """A private copy of the fixture's kiosk build, to break."""
    target = tmp_path / "kiosk"
    shutil.copytree(kiosk_site / "kiosk", target)
    return target


def start(kiosk_dir: Path, *extra: str):
    return run_cli("kiosk", "--kiosk-dir", str(kiosk_dir), "--once", "--no-policy-check",
                   "--chromium", "/bin/false", *extra)


# -- refusing to start ------------------------------------------------------

def test_complete_build_passes_the_check(kiosk_copy):
    manifest = check_kiosk_build(kiosk_copy)
    assert manifest.languages == ("vi", "en", "fr", "zh", "ja", "ko")
    assert {entry.path for entry in manifest.files} >= {"index.html", "kiosk.js", "kiosk.css", "sw.js", "en/index.json"}


def test_refuses_to_start_without_a_build(tmp_path):
    result = start(tmp_path / "nothing")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"kiosk: not started: {tmp_path / 'nothing'}: no kiosk build here; build the site again "
        f"('hanoi-info build'; the hanoi-kiosk plugin writes {tmp_path / 'nothing'})"
    )


def test_refuses_to_start_when_the_build_did_not_finish(kiosk_copy):
    (kiosk_copy / "manifest.json").unlink()
    result = start(kiosk_copy)
    assert result.returncode == 1
    assert "manifest.json: missing, so the kiosk build is absent or did not finish" in result.stderr


def test_refuses_to_start_when_a_file_is_missing(kiosk_copy):
    (kiosk_copy / "ja" / "p" / "tourism-lake.json").unlink()
    result = start(kiosk_copy)
    assert result.returncode == 1
    assert "the kiosk build is incomplete: 1 file(s) missing (first: ja/p/tourism-lake.json)" in result.stderr


def test_refuses_to_start_when_a_file_changed_after_the_build(kiosk_copy):
    path = kiosk_copy / "kiosk.js"
    data = path.read_bytes()
    path.write_bytes(data.replace(b"use strict", b"use strikt"))  # same size, other content
    with pytest.raises(KioskBuildError, match=r"1 file\(s\) changed since the build \(first: kiosk.js\)"):
        check_kiosk_build(kiosk_copy)


def test_refuses_a_manifest_of_something_else(kiosk_copy):
    (kiosk_copy / "manifest.json").write_text(json.dumps({"name": "app", "icons": []}))
    with pytest.raises(KioskBuildError, match="cannot be read .*not a format-1 manifest of hanoi-kiosk"):
        check_kiosk_build(kiosk_copy)


def test_refuses_a_manifest_without_a_language_page(kiosk_copy):
    manifest = json.loads((kiosk_copy / "manifest.json").read_text())
    manifest["files"] = [entry for entry in manifest["files"] if entry["path"] != "ko/index.json"]
    (kiosk_copy / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(KioskBuildError, match="language 'ko' has no ko/index.json"):
        check_kiosk_build(kiosk_copy)


def test_refuses_to_start_without_the_policy(kiosk_copy, tmp_path):
    problem = policy_problem(DEFAULT_PORT, tmp_path / "policies")
    assert problem is not None and problem.startswith(
        "Chromium's managed policy does not confine it to http://127.0.0.1:8765: no policy blocks every other address"
    )
    assert f"cp {POLICY_FILE} {tmp_path / 'policies' / 'hanoi-kiosk.json'}" in problem
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "hanoi-kiosk.json").write_text(json.dumps(policy_for_port(DEFAULT_PORT)))
    assert policy_problem(DEFAULT_PORT, tmp_path / "policies") is None
    assert "no policy allows http://127.0.0.1:9000" in policy_problem(9000, tmp_path / "policies")


def test_starts_on_a_complete_build_and_stops_with_the_browser(kiosk_copy):
    # /bin/false stands in for Chromium: it exits at once, and --once stops the launcher.
    result = start(kiosk_copy, "--port", "0")
    assert result.returncode == 1  # Chromium's exit code
    assert result.stdout.startswith(f"kiosk: serving {kiosk_copy} (build ")


# -- Chromium's command line ------------------------------------------------

def test_chromium_command_line_is_a_locked_down_kiosk():
    command = chromium_command("http://127.0.0.1:8765/", Path("/tmp/profile-1"))
    assert command[0] == "/usr/bin/chromium"
    assert command[-1] == "http://127.0.0.1:8765/"
    flags = command[1:-1]
    for flag in (
        "--kiosk",  # full screen, no browser UI
        "--disable-pinch",  # no pinch zoom
        "--overscroll-history-navigation=0",  # no swipe back/forward
        "--noerrdialogs",  # no error dialogs
        "--no-first-run",  # no first-run bubble
        "--disable-session-crashed-bubble",  # no restore bubble
        "--hide-crash-restore-bubble",
        "--user-data-dir=/tmp/profile-1",  # a fresh profile
    ):
        assert flag in flags
    features = next(flag for flag in flags if flag.startswith("--disable-features="))
    assert {"TranslateUI", "OverscrollHistoryNavigation"} <= set(features.split("=", 1)[1].split(","))
    assert len(set(flags)) == len(flags) == len(KIOSK_FLAGS) + 1


def test_print_command_shows_the_command_for_the_port():
    result = run_cli("kiosk", "--print-command", "--port", "9001")
    assert result.returncode == 0
    assert result.stdout.startswith("/usr/bin/chromium --kiosk ")
    assert result.stdout.strip().endswith(" http://127.0.0.1:9001/")


# -- the managed policy -----------------------------------------------------

def test_shipped_policy_blocks_everything_but_the_kiosk_origin():
    policy = json.loads(POLICY_FILE.read_text(encoding="utf-8"))
    assert policy["URLBlocklist"] == ["*"]
    assert policy["URLAllowlist"] == [kiosk_url(DEFAULT_PORT).rstrip("/")]
    assert policy == policy_for_port(DEFAULT_PORT)
    assert policy["IncognitoModeAvailability"] == 1 and policy["TranslateEnabled"] is False
    assert POLICY_FILE.parent == ROOT / "scripts" / "hanoi_info" / "kiosk"


def test_print_policy_for_another_port():
    result = run_cli("kiosk", "--print-policy", "--port", "9001")
    assert json.loads(result.stdout)["URLAllowlist"] == ["http://127.0.0.1:9001"]


# -- the static server ------------------------------------------------------

def test_server_serves_the_build_with_its_types_and_no_listings(kiosk_site):
    running = serve_in_thread(kiosk_site / "kiosk", 0)
    try:
        def get(path):
            return urllib.request.urlopen(running.url + path, timeout=10)

        assert running.url.startswith("http://127.0.0.1:")
        with get("") as response:
            assert response.headers["Content-Type"] == "text/html; charset=utf-8"
            assert b'id="k-attract"' in response.read()
        with get("sw.js") as response:
            assert response.headers["Content-Type"] == "text/javascript; charset=utf-8"
            assert response.headers["Cache-Control"] == "no-cache"
        qr = next(path.name for path in (kiosk_site / "kiosk" / "qr").iterdir())
        with get(f"qr/{qr}") as response:
            assert response.headers["Content-Type"] == "image/svg+xml"
        with pytest.raises(urllib.error.HTTPError) as error:
            get("qr/")
        assert error.value.code == 404
    finally:
        running.stop()


def test_warns_when_the_qr_codes_lead_to_a_local_address(kiosk_copy):
    assert check_kiosk_build(kiosk_copy).site_url == "https://fixture.example.org/"
    assert site_url_problem("https://fixture.example.org/") is None
    for local in ("http://127.0.0.1:8000/", "http://localhost:8000/", "http://[::1]/", ""):
        assert "which a traveller's phone cannot open; build the site with HANOI_SITE_URL" in site_url_problem(local)
    manifest = json.loads((kiosk_copy / "manifest.json").read_text())
    manifest["site_url"] = "http://127.0.0.1:8000/"
    (kiosk_copy / "manifest.json").write_text(json.dumps(manifest))
    result = start(kiosk_copy, "--port", "0")
    assert "kiosk: warning: the kiosk's QR codes lead to http://127.0.0.1:8000/" in result.stderr


def test_the_loopback_server_sends_the_kiosks_content_security_policy(kiosk_copy):
    """The airport machines serve the kiosk themselves: the policy nginx sends
    for /kiosk/ holds there too, and the two are one text."""
    from hanoi_info.kiosk.launcher import KIOSK_CONTENT_SECURITY_POLICY, serve_in_thread

    nginx = (ROOT / "deploy" / "nginx" / "hanoi-info-site.conf").read_text(encoding="utf-8")
    assert f'set $hanoi_csp_kiosk "{KIOSK_CONTENT_SECURITY_POLICY}";' in nginx
    running = serve_in_thread(kiosk_copy, port=0)
    try:
        port = running.server.server_address[1]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html", timeout=10) as response:
            assert response.headers["Content-Security-Policy"] == KIOSK_CONTENT_SECURITY_POLICY
    finally:
        running.stop()
