#!/usr/bin/env bash
# Renders the demo report to HTML and has headless Chromium draw it: a PNG
# screenshot (the screen view) and a PDF (the A4 print view). Fails when the
# page lacks its charts, when the PDF is not A4, or when Chromium reports an
# error or an uncaught exception while loading or printing the page.
#
# Not part of `swift test` or .ci/run (Chromium is large and slow to start);
# run it by hand after changing reports/ or Sources/BijstandRender/HTML/:
#
#     bash Tests/scripts/render-html-check.sh            # builds, then checks
#     OUT=/tmp/check bash Tests/scripts/render-html-check.sh
#
# Then look at $OUT/rapport.png and $OUT/rapport-pagina-*.png (one PNG per
# printed page, when pdftoppm from poppler-utils is installed).
#
# Needs: chromium (Debian package `chromium`; installed here with apt-get when
# missing and running as root); optional: poppler-utils (pdfinfo,
# pdftoppm, pdftotext) for the page-size, page-image and text checks.
# Environment: BIJSTAND (the executable; default: swift build, then
# .build/debug/bijstand), CHROMIUM (default chromium), OUT (output folder),
# GEMEENTE and PERIODE (default GM0394 and 2026-T2, a period the demo covers).
set -euo pipefail
cd "$(dirname "$0")/../.."

OUT=${OUT:-/tmp/bijstand-render-check}
GEMEENTE=${GEMEENTE:-GM0394}
PERIODE=${PERIODE:-2026-T2}
CHROMIUM=${CHROMIUM:-chromium}

fail() { echo "render-html-check: FAIL: $*" >&2; exit 1; }
note() { echo "render-html-check: $*"; }

if ! command -v "$CHROMIUM" >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        note "installing chromium with apt-get"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
    else
        echo "render-html-check: chromium is missing; install it: sudo apt-get install chromium" >&2
        exit 2
    fi
fi

if [ -z "${BIJSTAND:-}" ]; then
    swift build >/dev/null
    BIJSTAND=.build/debug/bijstand
fi

rm -rf "$OUT"
mkdir -p "$OUT"
db="$OUT/demo.sqlite"
"$BIJSTAND" demo --db "$db" >"$OUT/demo.log" 2>&1 || fail "bijstand demo failed, see $OUT/demo.log"
"$BIJSTAND" report --db "$db" --gemeente "$GEMEENTE" --periode "$PERIODE" --output "$OUT/rapport.html"
"$BIJSTAND" report --db "$db" --gemeente "$GEMEENTE" --periode "$PERIODE" --openbaar --output "$OUT/rapport-openbaar.html"

# The file itself: three charts, no external resources.
for page in "$OUT/rapport.html" "$OUT/rapport-openbaar.html"; do
    charts=$(grep -c '<svg class="chart"' "$page" || true)
    [ "$charts" = 3 ] || fail "$page has $charts charts, expected 3"
    if grep -Eq 'http|src=|<link|<script' "$page"; then fail "$page refers to an external resource or a script"; fi
done

# Chromium's own messages that say something about this container, not about the page.
environment_noise='dbus/|bluez|Floss|UPower|vaapi|drmGetDevices|sandbox_linux|idle_linux|unexpected operator|gpu_init|viz_main|command_buffer|Fontconfig|ScreenSaver'

chromium_run() {
    local log=$1
    shift
    timeout 180 "$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
        --enable-logging=stderr --v=0 "$@" 2>"$log" || fail "chromium failed ($*), see $log"
    local problems
    problems=$(grep -Ev "$environment_noise" "$log" | grep -E 'ERROR|Uncaught|CONSOLE|Failed to load|net::ERR' || true)
    [ -z "$problems" ] || fail "chromium reported problems with the page ($log):
$problems"
}

for name in rapport rapport-openbaar; do
    url="file://$OUT/$name.html"
    chromium_run "$OUT/$name-screenshot.log" --window-size=900,3200 --screenshot="$OUT/$name.png" "$url"
    chromium_run "$OUT/$name-pdf.log" --no-pdf-header-footer --print-to-pdf="$OUT/$name.pdf" "$url"
    chromium_run "$OUT/$name-dom.log" --dump-dom "$url" >"$OUT/$name.dom.html"

    head -c 8 "$OUT/$name.png" | od -An -tx1 | grep -q '89 50 4e 47' || fail "$name.png is not a PNG"
    [ "$(stat -c %s "$OUT/$name.png")" -gt 20000 ] || fail "$name.png is suspiciously small"
    head -c 5 "$OUT/$name.pdf" | grep -q '%PDF-' || fail "$name.pdf is not a PDF"
    # Chromium parsed the charts as SVG elements of the page.
    for id in grafiek-volume grafiek-stroom grafiek-budget; do
        grep -q "<svg class=\"chart\" id=\"$id\"" "$OUT/$name.dom.html" || fail "the rendered page lacks the chart $id"
    done

    if command -v pdfinfo >/dev/null 2>&1; then
        size=$(pdfinfo "$OUT/$name.pdf" | sed -n 's/^Page size: *//p')
        pages=$(pdfinfo "$OUT/$name.pdf" | sed -n 's/^Pages: *//p')
        case "$size" in *"(A4)"*) ;; *) fail "$name.pdf is not A4: $size" ;; esac
        note "$name.pdf: $pages pages, $size"
    fi
    if command -v pdftotext >/dev/null 2>&1; then
        text=$(pdftotext -layout "$OUT/$name.pdf" -)
        for expected in "Figuur 1." "Figuur 2." "Figuur 3." "Bronnen" "pagina 1 van"; do
            grep -qF "$expected" <<<"$text" || fail "$name.pdf lacks \"$expected\""
        done
    fi
    if command -v pdftoppm >/dev/null 2>&1; then
        pdftoppm -r 80 -png "$OUT/$name.pdf" "$OUT/$name-pagina"
    fi
done

note "OK: screenshots and PDFs in $OUT (rapport.png, rapport.pdf, rapport-pagina-*.png, and the openbaar versions)"
