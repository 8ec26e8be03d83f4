#!/usr/bin/env bash
# Installs what the project needs on a Debian machine: system packages (fonts
# with Vietnamese and CJK coverage, WeasyPrint's libraries, Chromium and nginx
# for the tests) and a virtual environment with the pinned Python packages.
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(
  fonts-noto-core        # Noto Sans: Latin with Vietnamese diacritics
  fonts-noto-cjk         # Noto Sans CJK: Chinese, Japanese, Korean
  libpango-1.0-0         # WeasyPrint (print handouts)
  libpangoft2-1.0-0
  libharfbuzz-subset0    # WeasyPrint's font subsetting (fontTools fallback is far slower)
  chromium               # browser tests (Playwright drives Debian's Chromium)
  nginx-light            # tests of the production server configuration
  poppler-utils          # pdftoppm, to look at handouts
  nodejs                 # npm ci: axe-core, the W3C validator (vnu-jar) and Lighthouse (make audit)
  default-jre-headless   # runs the W3C Nu HTML validator (node_modules/vnu-jar) in the tests
)
# Debian packages npm apart from nodejs; NodeSource's nodejs includes it.
command -v npm >/dev/null 2>&1 || SYSTEM_PACKAGES+=(npm)
VENV=${VENV:-.venv}
PYTHON=${PYTHON:-python3}

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for package in "${SYSTEM_PACKAGES[@]%% *}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$package")
    fi
  done
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
      echo "setup: installing system packages: ${missing[*]}"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      echo "setup: installing system packages: ${missing[*]}"
      sudo apt-get update -qq
      sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
      echo "setup: missing system packages. Install them with:" >&2
      echo "  sudo apt-get install ${missing[*]}" >&2
      exit 1
    fi
  fi
else
  echo "setup: not a Debian system; make sure these (or your system's equivalents) are installed:" >&2
  echo "  ${SYSTEM_PACKAGES[*]%% *}" >&2
fi

if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "setup: Python 3.11 or newer is required (found: $("$PYTHON" --version 2>&1))" >&2
  exit 1
fi

stamp="$VENV/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check "setuptools==80.9.0"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check --no-build-isolation -e ".[test]"
  rm -f "$VENV"/.installed-*
  touch "$stamp"
fi

# Node packages of the tests (axe-core, vnu-jar) and of `make audit` (lighthouse),
# exactly as package-lock.json pins them.
node_stamp="node_modules/.installed-$(sha256sum package-lock.json | cut -c1-16)"
if [ ! -f "$node_stamp" ]; then
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  touch "$node_stamp"
fi
