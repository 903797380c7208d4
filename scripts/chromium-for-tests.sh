#!/usr/bin/env bash
# Install Debian's chromium for the dashboard's browser tests (Playwright drives /usr/bin/chromium; it
# downloads no browser of its own). Idempotent; without root or apt it says so and leaves the tests to
# skip (CI sets COMMUNIQUE_REQUIRE_BROWSER=1, which makes a missing browser a failure).
set -uo pipefail
command -v /usr/bin/chromium >/dev/null 2>&1 && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "chromium is not installed and cannot be installed here (needs root and apt-get): the dashboard's browser tests will skip" >&2
  exit 0
fi
apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
  || echo "could not install chromium with apt-get: the dashboard's browser tests will skip" >&2
