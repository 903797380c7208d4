#!/usr/bin/env bash
# News pages with gold article texts for bench/html_pages.py: the test pages of newspaper4k 0.9.6 (MIT
# licence, kept beside them), downloaded once from PyPI as its source distribution into .cache/.
# Prints the folder that holds html/ and txt/.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cache="$root/.cache/html-bench"
pages="$cache/newspaper4k-0.9.6/tests/data"
if [ ! -d "$pages/html" ]; then
    mkdir -p "$cache"
    "$root/.venv/bin/python" -m pip download --quiet --no-deps --no-binary :all: --dest "$cache" newspaper4k==0.9.6 >&2
    tar -xzf "$cache/newspaper4k-0.9.6.tar.gz" -C "$cache" newspaper4k-0.9.6/tests/data newspaper4k-0.9.6/LICENSE
fi
echo "$pages"
