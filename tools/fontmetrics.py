#!/usr/bin/env python3
"""Advance widths of DejaVu Sans, read from its TrueType file.

Used two ways: tools/fontmetrics.py --c writes report/fontmetrics.c (the
table the charts lay their text out by), and tests/chart_check.py imports
it to measure the text gnuplot actually placed, from the font file itself.
"""
import struct
import sys

FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'


class Font:
    def __init__(self, path=FONT):
        data = open(path, 'rb').read()
        ntables = struct.unpack('>H', data[4:6])[0]
        tables = {}
        for i in range(ntables):
            tag, _, off, length = struct.unpack('>4sIII', data[12 + 16 * i:28 + 16 * i])
            tables[tag.decode('latin-1')] = data[off:off + length]
        self.upem = struct.unpack('>H', tables['head'][18:20])[0]
        nhm = struct.unpack('>H', tables['hhea'][34:36])[0]
        hmtx = tables['hmtx']
        adv = [struct.unpack('>H', hmtx[4 * i:4 * i + 2])[0] for i in range(nhm)]
        self.ascent, self.descent = struct.unpack('>hh', tables['hhea'][4:8])
        self.cmap = self._cmap(tables['cmap'])
        self.adv = adv

    @staticmethod
    def _cmap(cmap):
        n = struct.unpack('>H', cmap[2:4])[0]
        for i in range(n):
            pid, eid, off = struct.unpack('>HHI', cmap[4 + 8 * i:12 + 8 * i])
            if pid == 3 and eid == 1:
                sub = cmap[off:]
                break
        else:
            raise ValueError('no Unicode BMP cmap')
        assert struct.unpack('>H', sub[0:2])[0] == 4
        segx2 = struct.unpack('>H', sub[6:8])[0]
        seg = segx2 // 2
        ends = struct.unpack('>%dH' % seg, sub[14:14 + segx2])
        starts = struct.unpack('>%dH' % seg, sub[16 + segx2:16 + 2 * segx2])
        deltas = struct.unpack('>%dh' % seg, sub[16 + 2 * segx2:16 + 3 * segx2])
        roff_pos = 16 + 3 * segx2
        roffs = struct.unpack('>%dH' % seg, sub[roff_pos:roff_pos + segx2])
        out = {}
        for s in range(seg):
            for c in range(starts[s], ends[s] + 1):
                if c == 0xFFFF:
                    continue
                if roffs[s] == 0:
                    g = (c + deltas[s]) & 0xFFFF
                else:
                    p = roff_pos + 2 * s + roffs[s] + 2 * (c - starts[s])
                    g = struct.unpack('>H', sub[p:p + 2])[0]
                    if g:
                        g = (g + deltas[s]) & 0xFFFF
                if g:
                    out[c] = g
        return out

    def advance(self, ch):
        """Advance of one character in em, or None if the font lacks it."""
        g = self.cmap.get(ord(ch))
        if g is None:
            return None
        return self.adv[min(g, len(self.adv) - 1)] / self.upem

    def width(self, text, size):
        """Width in the unit of size; a character the font lacks counts as 1 em."""
        return size * sum(self.advance(c) or 1.0 for c in text)


# The characters the chart table holds: Latin-1 and the punctuation fotstat writes.
CHARS = [c for c in range(0x20, 0x7F)] + [c for c in range(0xA0, 0x100)] + \
        [0x2009, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x2212]


def write_c(font, out):
    out.write('/*\n * fontmetrics.c: advance widths of DejaVu Sans (fontmetrics.h).\n'
              ' * Written by tools/fontmetrics.py --c from %s; do not edit.\n */\n' % FONT)
    out.write('#include "report/fontmetrics.h"\n\n')
    out.write('const struct glyph_width font_widths[] = {\n')
    for c in CHARS:
        a = font.advance(chr(c))
        if a is not None:
            out.write('    { 0x%04X, %d },\n' % (c, round(a * 10000)))
    out.write('};\n\nconst unsigned font_nwidths = sizeof font_widths / sizeof font_widths[0];\n')
    out.write('const int font_ascent = %d, font_descent = %d;   /* in 1/10000 em */\n'
              % (round(font.ascent * 10000 / font.upem), round(-font.descent * 10000 / font.upem)))


if __name__ == '__main__':
    if sys.argv[1:] == ['--c']:
        write_c(Font(), sys.stdout)
    else:
        f = Font()
        for s in sys.argv[1:]:
            print('%s: %.3f em' % (s, f.width(s, 1)))
