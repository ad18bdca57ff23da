#!/bin/sh
# Renders a rectification report (ledger rectify --format html) in headless Chromium: a PNG screenshot of the
# first screen and an A4 PDF, to check by eye that it displays and prints. Without an argument it builds the
# sample ledger from testdata/sample and renders its list as of 2025-12-31.
#
#   scripts/check_rectify_html.sh [REPORT.html] [OUTDIR]
#
# Needs chromium (apt-get install chromium) and, for Chinese text, a CJK font (apt-get install fonts-noto-cjk).
set -eu
out=${2:-/tmp/rectify-html-check}
mkdir -p "$out"
html=${1:-}
if [ -z "$html" ]; then
    swift build --product ledger >/dev/null
    ledger=$(swift build --show-bin-path)/ledger
    dir="$out/ledger"
    rm -rf "$dir"
    "$ledger" init --ledger "$dir" --name sample >/dev/null
    for f in testdata/sample/*.jsonl; do "$ledger" append --ledger "$dir" --file "$f" --actor sample-clerk >/dev/null; done
    html="$out/rectify.html"
    "$ledger" rectify --ledger "$dir" --as-of 2025-12-31 --format html --out "$html"
fi
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$browser" ] || { echo "chromium not found: apt-get install chromium" >&2; exit 2; }
url="file://$(cd "$(dirname "$html")" && pwd)/$(basename "$html")"
flags="--headless --no-sandbox --disable-gpu --hide-scrollbars --no-pdf-header-footer"
"$browser" $flags --window-size=1000,1400 --screenshot="$out/rectify.png" "$url" 2>/dev/null
"$browser" $flags --print-to-pdf="$out/rectify.pdf" "$url" 2>/dev/null
echo "screenshot: $out/rectify.png"
echo "A4 PDF:     $out/rectify.pdf"
if command -v pdfinfo >/dev/null; then pdfinfo "$out/rectify.pdf" | grep -E "Pages|Page size"; fi
