#!/usr/bin/env bash
# System packages the test suite needs that pip cannot install: Debian's chromium, with which
# tests/report/test_report.py opens the report's index.html headless. Does nothing where
# /usr/bin/chromium already exists; otherwise installs it with apt-get (as root, or through sudo).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
if ! command -v apt-get >/dev/null; then
    echo "install_system_packages.sh: no apt-get here; install Chromium at /usr/bin/chromium by hand" >&2
    exit 1
fi
as_root=""
if [ "$(id -u)" -ne 0 ]; then
    as_root="sudo"
fi
$as_root apt-get update -qq
$as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
