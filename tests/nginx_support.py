"""Debian's nginx on a loopback port with the repository's server snippet
(deploy/nginx/hanoi-info-site.conf), serving a built site: what the server
tests, the browser tests and `make audit` (scripts/audit.py) run against."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNIPPET = ROOT / "deploy" / "nginx" / "hanoi-info-site.conf"
SERVER = ROOT / "deploy" / "nginx" / "hanoi-info.conf"
DEBIAN_PACKAGE = "nginx-light"


class NginxMissing(RuntimeError):
    pass


def nginx_binary() -> str:
    found = shutil.which("nginx", path=os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/sbin"]))
    if found is None:
        raise NginxMissing(f"nginx is missing: install the Debian package {DEBIAN_PACKAGE} "
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
events {{ worker_connections 256; }}
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


@contextlib.contextmanager
def nginx(site: Path, folder: Path | None = None):
    """Serve ``site`` with the production snippet; yields the base URL (no final slash)."""
    binary = nginx_binary()
    with contextlib.ExitStack() as stack:
        if folder is None:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="hanoi-nginx-")))
        port = free_port()
        config = folder / "nginx.conf"
        config.write_text(wrapper_config(folder, Path(site).resolve(), port))
        command = [binary, "-p", str(folder), "-c", str(config), "-e", str(folder / "error.log")]
        checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
        if checked.returncode != 0:
            raise RuntimeError(f"nginx -t failed: {checked.stderr}")
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            deadline = time.monotonic() + 10
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(f"nginx did not start: {process.stderr.read().decode()}") from None
                    time.sleep(0.05)
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            process.wait(timeout=10)


# One page of each type the site publishes, by language: (name, path below the
# site root). Vietnamese is at the root, the other languages below /<code>/;
# embed views are below /embed/<code>/ for every language; the kiosk is one app.
LANGUAGES = ("vi", "en", "fr", "zh", "ja", "ko")
PAGE_TYPES = (
    ("home", "{prefix}"),
    ("topic page", "{prefix}tourism/come-to-love/"),
    ("content page", "{prefix}tourism/hoan-kiem-lake-old-quarter/"),
    ("events", "{prefix}events/calendar/"),
    ("handouts", "{prefix}handouts/"),
    ("status", "{prefix}status/"),
    ("embed view", "embed/{lang}/tourism/hoan-kiem-lake-old-quarter/"),
    ("kiosk start", "kiosk/"),
)


def page_path(template: str, lang: str) -> str:
    return template.format(prefix="" if lang == "vi" else f"{lang}/", lang=lang)
