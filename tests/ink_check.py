#!/usr/bin/env python3
"""Looks for ink outside each chart's canvas, as Chromium draws it.

    ink_check.py FILE...          SVG files and HTML pages (their inline SVGs)

Every SVG is drawn by headless Chromium (Debian's chromium) onto a canvas
with a margin of MARGIN pixels around it on every side: its viewBox is
widened by the margin, so that whatever gnuplot placed outside the canvas
is drawn too, with the fonts the browser really has.  Any pixel drawn in
the margin is ink outside the canvas.  The drawing is scanned by a script
in the test's own page, and the answer read back from the page's DOM.
Prints one line per chart with ink outside and exits 1 if there is any.
"""
import html
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from chartfiles import svg_standalone  # noqa: E402

MARGIN = 400

PAGE = r"""<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
<pre id="out">pending</pre>
<script id="charts" type="application/json">%s</script>
<script>
const charts = JSON.parse(document.getElementById('charts').textContent);
const M = %d;
async function look(c) {
  const doc = new DOMParser().parseFromString(c.svg, 'image/svg+xml');
  const svg = doc.documentElement;
  const w = c.w, h = c.h;
  svg.setAttribute('viewBox', (-M) + ' ' + (-M) + ' ' + (w + 2 * M) + ' ' + (h + 2 * M));
  svg.setAttribute('width', w + 2 * M);
  svg.setAttribute('height', h + 2 * M);
  svg.setAttribute('overflow', 'visible');
  const text = new XMLSerializer().serializeToString(svg);
  const img = new Image();
  img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(text);
  await img.decode();
  const cv = document.createElement('canvas');
  cv.width = w + 2 * M; cv.height = h + 2 * M;
  const g = cv.getContext('2d');
  g.drawImage(img, 0, 0);
  const px = g.getImageData(0, 0, cv.width, cv.height).data;
  let ink = 0, first = null, inside = 0;
  for (let y = 0; y < cv.height; y++) {
    for (let x = 0; x < cv.width; x++) {
      const a = px[(y * cv.width + x) * 4 + 3];
      if (!a) continue;
      if (x >= M && x < M + w && y >= M && y < M + h) { inside++; continue; }
      ink++;
      if (!first) first = [x - M, y - M];
    }
  }
  return { name: c.name, ink: ink, first: first, inside: inside };
}
(async () => {
  const res = [];
  for (const c of charts) {
    try { res.push(await look(c)); } catch (e) { res.push({ name: c.name, error: String(e) }); }
  }
  document.getElementById('out').textContent = JSON.stringify(res);
})();
</script></body></html>
"""


def size_of(svg):
    head = svg[svg.index('<svg'):]
    head = head[:head.index('>')]
    w = re.search(r'\bwidth="([\d.]+)"', head)
    h = re.search(r'\bheight="([\d.]+)"', head)
    if w and h:
        return float(w.group(1)), float(h.group(1))
    vb = re.search(r'viewBox="([-\d. ]+)"', head).group(1).split()
    return float(vb[2]), float(vb[3])


def main(paths):
    charts = []
    for p in paths:
        text = open(p, encoding='utf-8').read()
        found = [text] if p.endswith('.svg') else re.findall(r'<svg.*?</svg>', text, re.S)
        for i, s in enumerate(found):
            w, h = size_of(s)
            name = p if p.endswith('.svg') else '%s (diagram %d)' % (p, i + 1)
            charts.append({'name': name, 'svg': svg_standalone(s), 'w': int(w), 'h': int(h)})
    if not charts:
        print('no charts')
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        page = os.path.join(tmp, 'ink.html')
        data = json.dumps(charts).replace('</', '<\\/')
        open(page, 'w', encoding='utf-8').write(PAGE % (data, MARGIN))
        out = subprocess.run(['chromium', '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
                              '--user-data-dir=' + os.path.join(tmp, 'profile'),
                              '--virtual-time-budget=60000', '--dump-dom', 'file://' + page],
                             capture_output=True, text=True, timeout=600)
    m = re.search(r'<pre id="out">(.*?)</pre>', out.stdout, re.S)
    if not m or m.group(1) == 'pending':
        print('Chromium gave no answer: ' + out.stderr[-600:])
        return 1
    res = json.loads(html.unescape(m.group(1)))
    bad = 0
    for r in res:
        if 'error' in r:
            print('%s: not drawn: %s' % (r['name'], r['error']))
            bad += 1
        elif r['inside'] == 0:
            print('%s: nothing drawn' % r['name'])
            bad += 1
        elif r['ink']:
            print('%s: %d pixels of ink outside the canvas, the first at (%d, %d)'
                  % (r['name'], r['ink'], r['first'][0], r['first'][1]))
            bad += 1
    print('%d charts drawn, %d with ink outside the canvas' % (len(res), bad))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
