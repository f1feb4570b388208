# chartfiles.py: the chart files as the tests read them: PNGs decoded (8-bit,
# not interlaced, with zlib only) and SVGs made to stand alone.
import struct, zlib

def read_png(path):
    """Decodes an 8-bit RGB/RGBA/grey PNG (non-interlaced): (width, height, channels, rows, chunks)."""
    data = open(path, 'rb').read()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        raise ValueError('not a PNG')
    pos, idat, chunks = 8, b'', {}
    while pos < len(data):
        n, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        chunks.setdefault(kind.decode('ascii'), []).append(body)
        if kind == b'IDAT':
            idat += body
        pos += 12 + n
    w, h, depth, ctype, _, _, interlace = struct.unpack('>IIBBBBB', chunks['IHDR'][0])
    if depth != 8 or interlace:
        raise ValueError('unsupported PNG')
    ch = {0: 1, 2: 3, 4: 2, 6: 4}[ctype]
    raw = zlib.decompress(idat)
    stride = w * ch
    rows, prev = [], bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - ch] if i >= ch else 0
            b = prev[i]
            c = prev[i - ch] if i >= ch else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line)); prev = line
    return w, h, ch, rows, chunks


def svg_standalone(svg):
    """An SVG file's or an HTML page's inline SVG, from <svg on, with its namespaces declared."""
    svg = svg[svg.index('<svg'):]
    head = svg[:svg.index('>')]
    if 'xmlns=' not in head:
        svg = svg.replace('<svg', '<svg xmlns="http://www.w3.org/2000/svg"', 1)
    if 'xmlns:xlink=' not in head:
        svg = svg.replace('<svg', '<svg xmlns:xlink="http://www.w3.org/1999/xlink"', 1)
    return svg
