#!/usr/bin/env bash
# Renders the BPMN models in processes/ to SVG images in docs/images/ with bpmn-js in a headless
# Chromium. Not part of the build: run it after changing a diagram, then commit the images.
# Needs npm (Node.js) and Chromium (Debian: apt-get install -y chromium).
#
#   docs/images/render-diagrams.sh                      # every model below
#   docs/images/render-diagrams.sh model-lifecycle      # one of them
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
out="$repo/docs/images"
chromium="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome)}"
bpmn_js_version="${BPMN_JS_VERSION:-17.11.1}"
models=("$@")
[ ${#models[@]} -gt 0 ] || models=(model-lifecycle model-retraining)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund "bpmn-js@$bpmn_js_version" >/dev/null)

for model in "${models[@]}"; do
  bpmn="$repo/processes/$model.bpmn"
  [ -f "$bpmn" ] || { echo "no such model: $bpmn" >&2; exit 1; }
  # The page imports the diagram, exports it with saveSVG() and writes the SVG, base64-encoded,
  # into the document, which Chromium prints with --dump-dom.
  node - "$bpmn" "$work/page.html" <<'JS'
const fs = require('fs');
const [bpmnFile, pageFile] = process.argv.slice(2);
const xml = fs.readFileSync(bpmnFile, 'utf8');
fs.writeFileSync(pageFile, `<!DOCTYPE html>
<html><head><meta charset="utf-8">
<script src="node_modules/bpmn-js/dist/bpmn-viewer.production.min.js"></script></head>
<body><div id="canvas" style="width:4000px;height:3000px"></div><pre id="out"></pre>
<script>
const viewer = new BpmnJS({ container: '#canvas' });
viewer.importXML(${JSON.stringify(xml)})
  .then(() => viewer.saveSVG())
  .then(({ svg }) => {
    document.getElementById('out').textContent =
      'SVG:' + btoa(unescape(encodeURIComponent(svg))) + ':SVG';
  })
  .catch(e => { document.getElementById('out').textContent = 'ERROR:' + e.message + ':ERROR'; });
</script></body></html>`);
JS
  dom="$("$chromium" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$work/profile" --allow-file-access-from-files \
    --virtual-time-budget=20000 --dump-dom "file://$work/page.html" 2>/dev/null)"
  if [[ "$dom" != *SVG:*:SVG* ]]; then
    echo "rendering $model failed: $(grep -o 'ERROR:.*:ERROR' <<<"$dom" || echo 'no output')" >&2
    exit 1
  fi
  svg="${dom#*SVG:}"
  svg="${svg%%:SVG*}"
  base64 -d <<<"$svg" >"$out/$model.svg"
  echo "wrote docs/images/$model.svg"
done
