#!/usr/bin/env bash
# Renders a results folder's report.html in headless Chromium and writes a
# full-page PNG, to check by eye that every figure shows with readable axes and
# labels (what a planner sees when opening the page from disk).
#
# Usage: scripts/report-screenshot.sh RESULTS_DIR [OUT.png] [HEIGHT]
#   RESULTS_DIR  a folder with report.html (edgesim run --report, or edgesim report)
#   OUT.png      default: RESULTS_DIR/report-screenshot.png
#   HEIGHT       page height in pixels (default 5200; the width is 1300)
# Needs Chromium (Debian: apt-get install chromium). Exit status 2 when the
# page or the browser is missing.
set -euo pipefail
dir=${1:?usage: scripts/report-screenshot.sh RESULTS_DIR [OUT.png] [HEIGHT]}
out=${2:-$dir/report-screenshot.png}
height=${3:-5200}
page=$(cd "$dir" 2>/dev/null && pwd)/report.html
[ -f "$page" ] || { echo "report-screenshot: no report.html in $dir (run edgesim report $dir first)" >&2; exit 2; }
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$browser" ] || { echo "report-screenshot: Chromium not found (Debian: apt-get install chromium)" >&2; exit 2; }
"$browser" --headless --disable-gpu --no-sandbox --hide-scrollbars --allow-file-access-from-files \
    --window-size=1300,"$height" --screenshot="$out" "file://$page" >/dev/null 2>&1
[ -s "$out" ] || { echo "report-screenshot: Chromium wrote no image" >&2; exit 2; }
echo "wrote $out"
