"""``hanoi-info kiosk``: run the airport kiosk on a kiosk machine.

1. Check that the kiosk build is complete (``kiosk/manifest.json``: every
   listed file present and unchanged); refuse to start otherwise.
2. Check that Chromium's managed policy that confines it to the kiosk is
   installed (``chromium-policy.json`` in this folder, copied to
   ``/etc/chromium/policies/managed/``); refuse otherwise.
3. Serve the kiosk build on 127.0.0.1 (a threading HTTP server: no directory
   listings, no caching headers that would fight the service worker).
4. Start Debian's Chromium in kiosk mode with a fresh profile, and start it
   again if it exits, until the launcher is stopped (Ctrl+C or SIGTERM).
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Sequence
from urllib.parse import urlsplit

from hanoi_info.kiosk.manifest import KioskBuildError, check_kiosk_build

HOST = "127.0.0.1"
DEFAULT_PORT = 8765
CHROMIUM = "/usr/bin/chromium"
POLICY_FILE = Path(__file__).parent / "chromium-policy.json"
POLICY_DIR = Path("/etc/chromium/policies/managed")
POLICY_NAME = "hanoi-kiosk.json"
# A browser that exits again within this many seconds of starting is failing, not closed by staff.
QUICK_EXIT_SECONDS = 10
MAX_QUICK_EXITS = 3

# What a public touch kiosk needs from Chromium, beyond --kiosk (full screen,
# no browser UI) and a fresh profile.
KIOSK_FLAGS: tuple[str, ...] = (
    "--kiosk",
    "--no-first-run",  # no first-run wizard or welcome page
    "--no-default-browser-check",
    "--disable-pinch",  # no pinch zoom
    "--overscroll-history-navigation=0",  # a horizontal swipe does not go back or forward
    "--disable-features=TranslateUI,OverscrollHistoryNavigation,TouchpadOverscrollHistoryNavigation",
    "--noerrdialogs",  # no error dialogs
    "--disable-session-crashed-bubble",  # no "restore pages?" bubble after a crash
    "--hide-crash-restore-bubble",
    "--disable-infobars",
    "--disable-translate",  # no translate bar (older Chromium; newer: TranslateUI above and the policy)
    "--disable-sync",
    "--disable-background-networking",  # nothing but the kiosk goes on the network
    "--disable-component-update",
    "--check-for-update-interval=31536000",
    "--autoplay-policy=document-user-activation-required",
    "--password-store=basic",  # no keyring prompt on a machine without a desktop session
)


class LauncherError(RuntimeError):
    """The kiosk cannot start; the message says why and what to do."""


def kiosk_url(port: int) -> str:
    return f"http://{HOST}:{port}/"


def chromium_command(
    url: str, profile_dir: Path, chromium: str = CHROMIUM, extra_flags: Sequence[str] = ()
) -> list[str]:
    """Chromium's command line for the kiosk (the URL last)."""
    return [chromium, *KIOSK_FLAGS, f"--user-data-dir={profile_dir}", *extra_flags, url]


# -- managed policy -------------------------------------------------------

def policy_for_port(port: int) -> dict:
    """The shipped policy, allowing the kiosk's origin on ``port`` and nothing else."""
    policy = json.loads(POLICY_FILE.read_text(encoding="utf-8"))
    policy["URLAllowlist"] = [f"http://{HOST}:{port}"]
    return policy


def policy_problem(port: int, policy_dir: Path = POLICY_DIR) -> str | None:
    """Why the installed managed policies do not confine Chromium to the kiosk, or None."""
    origin = f"http://{HOST}:{port}"
    blocked = allowed = False
    for path in sorted(policy_dir.glob("*.json")) if policy_dir.is_dir() else []:
        try:
            policy = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        blocked |= "*" in policy.get("URLBlocklist", [])
        allowed |= origin in policy.get("URLAllowlist", [])
    if blocked and allowed:
        return None
    return (
        f"Chromium's managed policy does not confine it to {origin}: "
        + ("no policy blocks every other address (URLBlocklist [\"*\"])" if not blocked else f"no policy allows {origin}")
        + f".\nInstall it (as root):\n  mkdir -p {policy_dir}\n"
        + (
            f"  cp {POLICY_FILE} {policy_dir / POLICY_NAME}"
            if port == DEFAULT_PORT
            else f"  hanoi-info kiosk --port {port} --print-policy > {policy_dir / POLICY_NAME}"
        )
        + "\n(or pass --no-policy-check to try the kiosk on a development machine)"
    )


def site_url_problem(site_url: str) -> str | None:
    """Why the kiosk's QR codes would not open on a traveller's phone, or None."""
    host = (urlsplit(site_url).hostname or "").lower()
    if not host or host == "localhost" or host.endswith(".localhost") or _is_loopback(host):
        return (
            f"the kiosk's QR codes lead to {site_url or '(no address)'}, which a traveller's phone cannot open; "
            "build the site with HANOI_SITE_URL set to the public address"
        )
    return None


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


# -- static server --------------------------------------------------------

# The kiosk's Content-Security-Policy, the same that deploy/nginx sends for
# /kiosk/ (a test keeps the two equal): the airport machines run the kiosk
# from this loopback server, and the policy must hold there too.
KIOSK_CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "worker-src 'self'; manifest-src 'self'; frame-src 'none'; child-src 'none'; object-src 'none'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


class KioskRequestHandler(SimpleHTTPRequestHandler):
    """Files of the kiosk build, with explicit types; no directory listings."""

    extensions_map = {
        ".html": "text/html; charset=utf-8",
        ".js": "text/javascript; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".json": "application/json",
        ".svg": "image/svg+xml",
        ".png": "image/png",
        ".jpg": "image/jpeg",
        ".jpeg": "image/jpeg",
        ".webp": "image/webp",
        "": "application/octet-stream",
    }

    def __init__(self, *args, quiet: bool = True, **kwargs) -> None:
        self.quiet = quiet
        super().__init__(*args, **kwargs)

    def end_headers(self) -> None:
        # The service worker decides what is cached; the browser revalidates the rest.
        self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Content-Security-Policy", KIOSK_CONTENT_SECURITY_POLICY)
        self.send_header("Referrer-Policy", "no-referrer")
        super().end_headers()

    def list_directory(self, path):  # noqa: ANN001 - signature of the base class
        self.send_error(404, "Not found")
        return None

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - name of the base class's parameter
        if not self.quiet:
            super().log_message(format, *args)


def make_server(kiosk_dir: Path, port: int = DEFAULT_PORT, quiet: bool = True) -> ThreadingHTTPServer:
    """A server for ``kiosk_dir`` on 127.0.0.1 (port 0: any free port)."""
    handler = partial(KioskRequestHandler, directory=str(kiosk_dir), quiet=quiet)
    try:
        server = ThreadingHTTPServer((HOST, port), handler)
    except OSError as error:
        raise LauncherError(
            f"cannot serve the kiosk on {HOST}:{port} ({error.strerror}); "
            "another program uses that port: stop it or choose another with --port (and install the matching policy)"
        ) from None
    server.daemon_threads = True
    return server


@dataclass
class RunningServer:
    server: ThreadingHTTPServer
    thread: threading.Thread

    @property
    def url(self) -> str:
        return kiosk_url(self.server.server_address[1])

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def serve_in_thread(kiosk_dir: Path, port: int = DEFAULT_PORT, quiet: bool = True) -> RunningServer:
    server = make_server(kiosk_dir, port, quiet)
    thread = threading.Thread(target=server.serve_forever, name="kiosk-server", daemon=True)
    thread.start()
    return RunningServer(server, thread)


# -- the command ----------------------------------------------------------

def default_kiosk_dir(project) -> Path:
    """``site_dir``/``directory`` of the project's hanoi-kiosk plugin."""
    return project.kiosk_dir or project.site_dir / "kiosk"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--kiosk-dir", help="the kiosk build (default: site_dir/kiosk of mkdocs.yml)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port on {HOST} (default {DEFAULT_PORT})")
    parser.add_argument("--chromium", default=CHROMIUM, help=f"the browser (default {CHROMIUM})")
    parser.add_argument("--no-browser", action="store_true", help="only serve the kiosk (open the address yourself)")
    parser.add_argument("--print-command", action="store_true", help="print Chromium's command line and exit")
    parser.add_argument("--print-policy", action="store_true", help="print the managed policy for --port and exit")
    parser.add_argument("--no-policy-check", action="store_true", help="start even if the managed policy is not installed")
    parser.add_argument("--once", action="store_true", help="stop when Chromium exits instead of starting it again")
    parser.add_argument("-v", "--verbose", action="store_true", help="log every request")


def _run_browser(command: list[str], once: bool, stopping: threading.Event) -> int:
    quick_exits = 0
    while not stopping.is_set():
        started = time.monotonic()
        process = subprocess.Popen(command)
        while process.poll() is None:
            if stopping.wait(0.5):
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                return 0
        if once:
            return process.returncode
        quick_exits = quick_exits + 1 if time.monotonic() - started < QUICK_EXIT_SECONDS else 0
        if quick_exits >= MAX_QUICK_EXITS:
            print(f"kiosk: Chromium exited {quick_exits} times right after starting (code {process.returncode}); giving up",
                  file=sys.stderr)
            return 1
        print(f"kiosk: Chromium exited (code {process.returncode}); starting it again", file=sys.stderr)
    return 0


def run(args: argparse.Namespace, project) -> int:
    if args.print_policy:
        print(json.dumps(policy_for_port(args.port), indent=2))
        return 0
    kiosk_dir = Path(args.kiosk_dir) if args.kiosk_dir else default_kiosk_dir(project)
    if args.print_command:
        # A real start makes a fresh profile folder each time; this shows where.
        profile = Path(tempfile.gettempdir()) / "hanoi-kiosk-profile"
        print(" ".join(chromium_command(kiosk_url(args.port), profile, args.chromium)))
        return 0
    try:
        manifest = check_kiosk_build(kiosk_dir)
        if not args.no_browser:
            if not (shutil.which(args.chromium) or os.access(args.chromium, os.X_OK)):
                raise LauncherError(f"{args.chromium}: Chromium not found; install it ('apt-get install chromium') or pass --chromium")
            problem = None if args.no_policy_check else policy_problem(args.port)
            if problem:
                raise LauncherError(problem)
        running = serve_in_thread(kiosk_dir, args.port, quiet=not args.verbose)
    except (KioskBuildError, LauncherError) as error:
        print(f"kiosk: not started: {error}", file=sys.stderr)
        return 1
    print(f"kiosk: serving {kiosk_dir} (build {manifest.version}, {len(manifest.files)} files) at {running.url}")
    warning = site_url_problem(manifest.site_url)
    if warning:
        print(f"kiosk: warning: {warning}", file=sys.stderr)
    stopping = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stopping.set())
    try:
        if args.no_browser:
            stopping.wait()
            return 0
        profile_dir = Path(tempfile.mkdtemp(prefix="hanoi-kiosk-profile-"))
        try:
            return _run_browser(chromium_command(running.url, profile_dir, args.chromium), args.once, stopping)
        finally:
            shutil.rmtree(profile_dir, ignore_errors=True)
    finally:
        running.stop()
