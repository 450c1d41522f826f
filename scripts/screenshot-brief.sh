#!/usr/bin/env bash
# Renders a brief HTML page in headless Chromium and saves a PNG screenshot.
# Usage: scripts/screenshot-brief.sh <path/to/brief.html> [out.png]
# Needs chromium (Debian: apt-get update && apt-get install -y chromium). The page is self-contained, so the
# network-related switches below only stop Chromium's own background traffic.
set -euo pipefail
html="${1:?usage: $0 <brief.html> [out.png]}"
out="${2:-/tmp/brief.png}"
[[ -f "$html" ]] || { echo "error: '$html' not found" >&2; exit 2; }
abs="$(cd "$(dirname "$html")" && pwd)/$(basename "$html")"
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --screenshot="$out" --window-size=1200,1600 "file://$abs"
echo "$out"
