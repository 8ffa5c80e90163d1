#!/usr/bin/env bash
# Headless Chromium + chromedriver for the dashboard's end-to-end tests (tests/e2e).
# Debian's packages; no browser download at test time (the Arabic font is vendored).
set -euo pipefail
if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
command -v chromium && command -v chromedriver
