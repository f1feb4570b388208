#!/usr/bin/env python3
"""How big the charts' text is in the HTML pages, as Chromium lays them out.

    page_check.py PAGE.html...

Each page is opened in headless Chromium (Debian's chromium), in a frame as
wide as a desktop browser's (1280 CSS px) and a phone's (390 CSS px), with
a script of the test's own appended to a copy of it.  At each width, every chart shown
must have all its text at MIN_PX CSS pixels or more (its font size times
the scale the page draws the SVG at), one chart of each pair must be shown,
and the page itself must not be wider than the screen (tables scroll in
their own box).  Prints a line per fault and the smallest text seen; exits
1 on any fault.
"""
import html
import json
import os
import re
import subprocess
import sys
import tempfile

MIN_PX = 12.0
WIDTHS = (1280, 390)

PROBE = r"""<script>
(function () {
  const res = { charts: 0, smallest: 1e9, wide: document.documentElement.scrollWidth, faults: [] };
  document.querySelectorAll('figure').forEach((fig, i) => {
    const shown = [...fig.querySelectorAll('svg')].filter(s => s.getBoundingClientRect().width > 0);
    if (shown.length !== 1) res.faults.push('figure ' + (i + 1) + ': ' + shown.length + ' charts shown');
    shown.forEach(svg => {
      res.charts++;
      const vb = svg.viewBox.baseVal;
      const scale = svg.getBoundingClientRect().width / (vb && vb.width ? vb.width : svg.width.baseVal.value);
      svg.querySelectorAll('text').forEach(t => {
        if (!t.textContent.trim()) return;
        const px = parseFloat(getComputedStyle(t).fontSize) * scale;
        if (px < res.smallest) res.smallest = px;
      });
    });
  });
  parent.postMessage(JSON.stringify(res), '*');
})();
</script>
"""

# The page in a frame as wide as the screen: a headless window is never narrower than 500 px.
FRAME = """<!DOCTYPE html><html><body style="margin:0">
<iframe src="page.html" width="%d" height="900" style="border:0;display:block"></iframe>
<pre id="page-check"></pre>
<script>
window.addEventListener('message', e => { document.getElementById('page-check').textContent = e.data; });
</script></body></html>
"""


def probe(path, width, tmp):
    page = open(path, encoding='utf-8').read()
    copy = os.path.join(tmp, 'page.html')
    open(copy, 'w', encoding='utf-8').write(page.replace('</body>', PROBE + '</body>'))
    frame = os.path.join(tmp, 'frame.html')
    open(frame, 'w', encoding='utf-8').write(FRAME % width)
    out = subprocess.run(['chromium', '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--hide-scrollbars',
                          '--user-data-dir=' + os.path.join(tmp, 'profile'), '--virtual-time-budget=10000',
                          '--window-size=%d,1000' % (width + 100), '--dump-dom', 'file://' + frame],
                         capture_output=True, text=True, timeout=300)
    m = re.search(r'<pre id="page-check">(.+?)</pre>', out.stdout, re.S)
    if not m:
        return None
    return json.loads(html.unescape(m.group(1)))


def main(paths):
    faults, smallest = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        for p in paths:
            for w in WIDTHS:
                r = probe(p, w, tmp)
                if r is None:
                    faults.append('%s at %d px: Chromium gave no answer' % (p, w))
                    continue
                faults += ['%s at %d px: %s' % (p, w, f) for f in r['faults']]
                if r['wide'] > w:
                    faults.append('%s at %d px: the page is %d px wide' % (p, w, r['wide']))
                if r['charts']:
                    smallest[w] = min(smallest.get(w, 1e9), r['smallest'])
                    if r['smallest'] < MIN_PX:
                        faults.append('%s at %d px: chart text %.1f px (want %g)' % (p, w, r['smallest'], MIN_PX))
    for f in faults:
        print(f)
    print('smallest chart text: ' + ', '.join('%.1f px at %d px' % (smallest[w], w) for w in sorted(smallest, reverse=True)))
    return 1 if faults else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
