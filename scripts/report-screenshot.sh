#!/usr/bin/env bash
# Writes RUN/report.html with `t2i report`, opens it in headless Chromium (Debian package
# `chromium`) and saves a 1200x3000 screenshot. Fails when the page logs console messages (the
# report has no scripts, so any is an error) or when the browser cannot show one of its images.
# Usage: scripts/report-screenshot.sh RUN [SCREENSHOT.png]
#   default screenshot: ${TMPDIR:-/tmp}/t2i-report-<run folder name>.png (not in RUN, where a
#   PNG would become one of the report's grids)
# Environment: CHROMIUM (default: chromium).
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: $0 RUN [SCREENSHOT.png]" >&2
  exit 2
fi
root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[[ -d "$1" ]] || { echo "report-screenshot: error: $1 is not a folder: pass a run folder" >&2; exit 1; }
run="$(cd "$1" && pwd)"
shot="$(realpath -m "${2:-${TMPDIR:-/tmp}/t2i-report-$(basename "$run").png}")"
chromium="${CHROMIUM:-chromium}"
if ! command -v "$chromium" >/dev/null; then
  echo "report-screenshot: error: $chromium not found: install it (apt-get install chromium) or set CHROMIUM" >&2
  exit 1
fi

"$root/t2i" report "$run"
report="$run/report.html"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A file URL for a path: the characters that would end or escape it, percent-encoded.
file_url() {
  local p="${1//%/%25}"
  p="${p// /%20}"; p="${p//#/%23}"; p="${p//\?/%3F}"; p="${p//\"/%22}"
  echo "file://$p"
}
browse() {
  local name="$1"
  shift
  "$chromium" --headless --disable-gpu --no-sandbox --hide-scrollbars --enable-logging=stderr \
    --v=0 --user-data-dir="$work/profile-$name" "$@" >"$work/$name.log" 2>&1 \
    || { cat "$work/$name.log" >&2; echo "report-screenshot: error: chromium failed (log above)" >&2; exit 1; }
}

rm -f "$shot"
mkdir -p "$(dirname "$shot")"
browse shot --screenshot="$shot" --window-size=1200,3000 "$(file_url "$report")"
[[ -s "$shot" ]] || { echo "report-screenshot: error: chromium wrote no screenshot to $shot" >&2; exit 1; }

# The report in an iframe of a checker page that counts, once all has loaded, the images the
# browser could not show. File URLs may read each other only with --allow-file-access-from-files.
cat >"$work/check.html" <<HTML
<!DOCTYPE html><html><body>
<iframe id="report" src="$(file_url "$report")" width="800" height="600"></iframe>
<script>
window.addEventListener("load", () => {
  const doc = document.getElementById("report").contentDocument;
  if (!doc) { console.log("T2I-CHECK unreadable"); return; }
  const images = Array.from(doc.images);
  const broken = images.filter(i => !i.complete || i.naturalWidth === 0);
  console.log("T2I-CHECK images=" + images.length + " broken=" + broken.length
      + broken.map(i => " [" + (i.alt || i.src.slice(0, 60)) + "]").join(""));
});
</script></body></html>
HTML
browse check --allow-file-access-from-files --dump-dom "$(file_url "$work/check.html")"

status=0
console="$(grep -hE ':CONSOLE[:(]' "$work/shot.log" "$work/check.log" | grep -v 'T2I-CHECK' || true)"
if [[ -n "$console" ]]; then
  echo "report-screenshot: error: the report logged console messages:" >&2
  echo "$console" >&2
  status=1
fi
check="$(grep -ohE 'T2I-CHECK [^"]*' "$work/check.log" | head -n 1 || true)"
if [[ ! "$check" =~ ^T2I-CHECK\ images=([0-9]+)\ broken=0$ ]]; then
  echo "report-screenshot: error: images the browser cannot show: ${check:-no answer from the checker page}" >&2
  status=1
else
  echo "report-screenshot: ${BASH_REMATCH[1]} images shown, no console messages"
fi
echo "report-screenshot: wrote $shot"
exit "$status"
