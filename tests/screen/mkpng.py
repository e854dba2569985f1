#!/usr/bin/env python3
"""mkpng.py OUT W H R G B [pattern]: writes a PNG for tests (no libraries needed).
pattern 'split' paints the left half in the colour and the right half in its inverse."""
import struct, sys, zlib

def png(path, w, h, rgb, pattern):
    rows = []
    for y in range(h):
        row = bytearray([0])
        for x in range(w):
            c = rgb if pattern != 'split' or x < w // 2 else tuple(255 - v for v in rgb)
            row += bytes(c)
        rows.append(bytes(row))
    raw = b''.join(rows)
    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)
    with open(path, 'wb') as f:
        f.write(b'\x89PNG\r\n\x1a\n')
        f.write(chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0)))
        f.write(chunk(b'IDAT', zlib.compress(raw)))
        f.write(chunk(b'IEND', b''))

if __name__ == '__main__':
    out, w, h, r, g, b = sys.argv[1], *map(int, sys.argv[2:7])
    png(out, w, h, (r, g, b), sys.argv[7] if len(sys.argv) > 7 else '')
