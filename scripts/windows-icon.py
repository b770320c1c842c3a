#!/usr/bin/env python3
"""Draws parscore's Windows icon (assets/windows/parscore.ico): a blue tile with three
rising white bars and a red target line, at 16, 32, 48 and 256 pixels, each stored as a
PNG inside the .ico (Windows Vista and later read those). Pure Python, no image library:
run it again after changing the drawing and commit both."""
import struct
import zlib

BLUE = (0x1F, 0x4E, 0x9A, 255)
WHITE = (255, 255, 255, 255)
RED = (0xD9, 0x3B, 0x2B, 255)
CLEAR = (0, 0, 0, 0)


def pixel(x, y):
    """The colour at (x, y) in a unit square, y downwards, sampled at pixel centres."""
    r = 0.16  # corner radius of the tile
    cx = min(max(x, r), 1 - r)
    cy = min(max(y, r), 1 - r)
    if (x - cx) ** 2 + (y - cy) ** 2 > r * r:
        return CLEAR
    if 0.26 <= y <= 0.30 and 0.14 <= x <= 0.86:
        return RED
    for left, top in ((0.18, 0.62), (0.42, 0.46), (0.66, 0.32)):
        if left <= x <= left + 0.16 and top <= y <= 0.84:
            return WHITE
    return BLUE


def png(size):
    samples = 4  # 4x4 supersampling for smooth edges
    rows = []
    for py in range(size):
        row = bytearray([0])
        for px in range(size):
            acc = [0, 0, 0, 0]
            for sy in range(samples):
                for sx in range(samples):
                    c = pixel((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size)
                    a = c[3]
                    acc[0] += c[0] * a
                    acc[1] += c[1] * a
                    acc[2] += c[2] * a
                    acc[3] += a
            alpha = acc[3] / (samples * samples)
            if acc[3]:
                row += bytes([round(acc[0] / acc[3]), round(acc[1] / acc[3]), round(acc[2] / acc[3]), round(alpha)])
            else:
                row += bytes([0, 0, 0, 0])
        rows.append(bytes(row))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b"")


def ico(sizes):
    images = [png(s) for s in sizes]
    out = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    for s, data in zip(sizes, images):
        out += struct.pack("<BBBBHHII", s % 256, s % 256, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return out + b"".join(images)


if __name__ == "__main__":
    import os

    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "assets", "windows", "parscore.ico")
    with open(path, "wb") as f:
        f.write(ico([16, 32, 48, 256]))
