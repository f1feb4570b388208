#!/usr/bin/env python3
"""Checks that charts are fit to publish, from the files themselves.

    chart_check.py FILE...        SVG, PNG and HTML pages (their inline SVGs)

For every SVG (a file, or each chart inline in an HTML page):
  - every text lies inside the canvas: its extent is measured with DejaVu
    Sans's own advance widths, read from the font file (tools/fontmetrics.py),
    at the position, anchor, size and rotation gnuplot wrote;
  - every colour drawn (lines, bars, markers, text) other than white and the
    light grid has at least 3:1 contrast against white (WCAG 2.1, 1.4.11);
  - text is at least 12 px at the size the SVG is drawn.
For every PNG: it says its resolution (pHYs) and is at least 150 dpi when
printed 16 cm wide, and its outermost pixels are background (a text cut
off at the edge leaves ink there).
Prints one line per fault and exits 1 if there is any.
"""
import math
import os
import re
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tools'))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fontmetrics import Font  # noqa: E402
from chartfiles import read_png, svg_standalone  # noqa: E402

FONT = Font()
ASC = FONT.ascent / FONT.upem
DESC = -FONT.descent / FONT.upem
GRID_OK = {(0xff, 0xff, 0xff), (0xd9, 0xd9, 0xd9)}
MIN_FONT = 12.0
faults = []


def contrast(c):
    def ch(x):
        x /= 255
        return x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4
    lum = 0.2126 * ch(c[0]) + 0.7152 * ch(c[1]) + 0.0722 * ch(c[2])
    return 1.05 / (lum + 0.05)


def parse_colour(v):
    v = v.strip()
    m = re.match(r'rgb\(\s*(\d+),\s*(\d+),\s*(\d+)\)', v)
    if m:
        return tuple(int(x) for x in m.groups())
    m = re.match(r'#([0-9a-fA-F]{6})$', v)
    if m:
        h = m.group(1)
        return (int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16))
    named = {'black': (0, 0, 0), 'white': (255, 255, 255)}
    return named.get(v)


def transform_of(t):
    x = y = rot = 0.0
    m = re.search(r'translate\(\s*([-\d.]+)\s*,\s*([-\d.]+)\s*\)', t or '')
    if m:
        x, y = float(m.group(1)), float(m.group(2))
    m = re.search(r'rotate\(\s*([-\d.]+)', t or '')
    if m:
        rot = float(m.group(1))
    return x, y, rot


def check_svg(svg, where):
    svg = svg_standalone(svg)
    root = ET.fromstring(svg)
    if root.get('width') and root.get('height'):
        w, h = float(root.get('width')), float(root.get('height'))
    else:
        w, h = (float(x) for x in root.get('viewBox').split()[2:4])
    ns = '{http://www.w3.org/2000/svg}'
    texts = 0

    def walk(el, inherited):
        nonlocal texts
        attrs = dict(inherited)
        for k in ('font-size', 'text-anchor', 'transform', 'fill', 'stroke', 'color'):
            if el.get(k) is not None:
                attrs[k] = el.get(k)
        tag = el.tag.replace(ns, '')
        for k in ('fill', 'stroke'):
            v = el.get(k)
            if v and v not in ('none', 'currentColor') and not v.startswith('url('):
                c = parse_colour(v)
                if c and c not in GRID_OK and contrast(c) < 3.0:
                    faults.append('%s: colour %s has contrast %.2f:1 against white (want 3:1)'
                                  % (where, v, contrast(c)))
        if tag == 'text':
            content = ''.join(el.itertext())
            if content.strip():
                texts += 1
                size = float(attrs.get('font-size', '12'))
                if size < MIN_FONT:
                    faults.append('%s: text "%s" is %.1f px (want %g)' % (where, content, size, MIN_FONT))
                x, y, rot = transform_of(attrs.get('transform'))
                tw = FONT.width(content, size)
                anchor = attrs.get('text-anchor', 'start')
                x0 = {'start': 0, 'middle': -tw / 2, 'end': -tw}.get(anchor, 0)
                # along the baseline: [x0, x0 + tw]; across it: [-ASC, DESC] × size; then rotated
                a = math.radians(rot)
                corners = [(u, v) for u in (x0, x0 + tw) for v in (-ASC * size, DESC * size)]
                xs = [x + u * math.cos(a) - v * math.sin(a) for u, v in corners]
                ys = [y + u * math.sin(a) + v * math.cos(a) for u, v in corners]
                box = (min(xs), min(ys), max(xs), max(ys))
                if box[0] < -0.5 or box[1] < -0.5 or box[2] > w + 0.5 or box[3] > h + 0.5:
                    faults.append('%s: text "%s" leaves the %gx%g canvas: x %.1f..%.1f, y %.1f..%.1f'
                                  % (where, content, w, h, box[0], box[2], box[1], box[3]))
        for child in el:
            walk(child, attrs)

    walk(root, {})
    if texts == 0:
        faults.append('%s: no text at all' % where)
    return texts


def check_png(path):
    w, h, ch, rows, chunks = read_png(path)
    phys = chunks.get('pHYs')
    if not phys:
        faults.append('%s: no pHYs chunk: no print size' % path)
    else:
        import struct
        ppm_x, ppm_y, unit = struct.unpack('>IIB', phys[0])
        width_cm = w / ppm_x * 100 if unit == 1 and ppm_x else 0
        dpi = ppm_x * 0.0254
        if unit != 1 or dpi < 150 or abs(width_cm - 16) > 0.2:
            faults.append('%s: prints %.1f cm wide at %.0f dpi (want 16 cm, 150 dpi or more)'
                          % (path, width_cm, dpi))
    if w / (16 / 2.54) < 150:
        faults.append('%s: %d px is under 150 dpi at 16 cm' % (path, w))
    border = 3

    def ink(px):
        if ch >= 3 and min(px[:3]) < 245:
            return True
        return ch < 3 and px[0] < 245

    for y in range(h):
        row = rows[y]
        xs = range(w) if y < border or y >= h - border else list(range(border)) + list(range(w - border, w))
        for x in xs:
            px = row[x * ch:(x + 1) * ch]
            if ink(px):
                faults.append('%s: ink at the edge, pixel (%d, %d)' % (path, x, y))
                return


def main(paths):
    svgs = pngs = 0
    for p in paths:
        if p.endswith('.png'):
            check_png(p)
            pngs += 1
        elif p.endswith('.svg'):
            check_svg(open(p, encoding='utf-8').read(), p)
            svgs += 1
        elif p.endswith('.html'):
            page = open(p, encoding='utf-8').read()
            for i, m in enumerate(re.finditer(r'<svg.*?</svg>', page, re.S)):
                check_svg(m.group(0), '%s (diagram %d)' % (p, i + 1))
                svgs += 1
        else:
            faults.append('%s: not an SVG, PNG or HTML file' % p)
    for f in faults:
        print(f)
    print('%d SVG, %d PNG, %d faults' % (svgs, pngs, len(faults)))
    return 1 if faults else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
