#!/usr/bin/env python3
"""Draws the heap curves of `benchmarks/sessions.sh soak` runs as one SVG (no libraries needed).

    benchmarks/soak-plot.py out.svg "label one=curve-one.csv" "label two=curve-two.csv" ...

Each CSV is the block the soak prints after "Curve (CSV):" (header line included). The last row
(every board gone) is drawn as a separate dot.
"""
import csv
import sys

COLOURS = ["#c0392b", "#2471a3", "#1e8449", "#7d3c98"]
WIDTH, HEIGHT = 720, 400
LEFT, RIGHT, TOP, BOTTOM = 64, 20, 36, 48


def read(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    return [(float(r["minutes"]), float(r["heap_mib"])) for r in rows]


def main():
    out = sys.argv[1]
    curves = []
    for arg in sys.argv[2:]:
        label, path = arg.rsplit("=", 1)
        curves.append((label, read(path)))
    max_x = max(x for _, points in curves for x, _ in points)
    max_y = max(y for _, points in curves for _, y in points) * 1.1
    step_y = 50 if max_y <= 400 else 100 if max_y <= 800 else 200
    max_y = (int(max_y / step_y) + 1) * step_y
    step_x = 10 if max_x > 20 else 1

    def px(x):
        return LEFT + x / max_x * (WIDTH - LEFT - RIGHT)

    def py(y):
        return HEIGHT - BOTTOM - y / max_y * (HEIGHT - TOP - BOTTOM)

    svg = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" font-family="sans-serif" font-size="12">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
        f'<text x="{LEFT}" y="20" font-size="14">Portal heap after full GC during simulated use (MiB)</text>',
    ]
    y = 0
    while y <= max_y:
        svg.append(f'<line x1="{LEFT}" y1="{py(y):.1f}" x2="{WIDTH - RIGHT}" y2="{py(y):.1f}" stroke="#ddd"/>')
        svg.append(f'<text x="{LEFT - 6}" y="{py(y) + 4:.1f}" text-anchor="end">{y}</text>')
        y += step_y
    x = 0
    while x <= max_x:
        svg.append(f'<text x="{px(x):.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle">{x}</text>')
        x += step_x
    svg.append(f'<text x="{(LEFT + WIDTH - RIGHT) / 2}" y="{HEIGHT - 10}" text-anchor="middle">minutes</text>')
    for i, (label, points) in enumerate(curves):
        colour = COLOURS[i % len(COLOURS)]
        churn, gone = points[:-1], points[-1]
        path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in churn)
        svg.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        svg.append(f'<circle cx="{px(gone[0]):.1f}" cy="{py(gone[1]):.1f}" r="4" fill="{colour}"/>')
        svg.append(f'<text x="{LEFT + 10}" y="{TOP + 16 + 16 * i}" fill="{colour}">{label}</text>')
    svg.append(
        f'<text x="{WIDTH - RIGHT}" y="{TOP + 16}" text-anchor="end" fill="#555">dot: every board gone, 150 s later</text>'
    )
    svg.append("</svg>")
    with open(out, "w") as f:
        f.write("\n".join(svg) + "\n")


if __name__ == "__main__":
    main()
