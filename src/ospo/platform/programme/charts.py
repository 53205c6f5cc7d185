"""Radar, trend and bar charts as inline SVG strings: no JavaScript, no CDN, and the same markup in the PDF.

Every chart is ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` listing every value, so assistive
technology reads the data; pages and reports also print the figures as a table next to the chart (the WCAG text
alternative). Colours have at least 3:1 contrast on white and never carry meaning alone (labels and values are
written). Pure functions over plain numbers: unit-testable without Django, safe to call from a report renderer.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

PALETTE = ("#1a3d6d", "#a33a00", "#1d5e2e", "#6b2a83", "#7a5b00", "#005f73")


def _n(v: float) -> str:
    return f"{v:.1f}"


def _open(width: int, height: int, title: str, desc: str, css: str = "chart") -> list[str]:
    return [f'<svg class="{css}" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
            f'xmlns="http://www.w3.org/2000/svg" font-family="sans-serif">',
            f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>"]


def _short(label: str, limit: int = 24) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def radar(title: str, axes: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]],
          size: int = 420, maximum: float = 100.0) -> str:
    """One polygon per series over ``axes`` (values 0..maximum; None drawn at the centre and said in the desc)."""
    if len(axes) < 3 or not series:
        return ""
    cx = cy = size / 2
    r = size / 2 - 90
    n = len(axes)

    def point(i: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        k = max(0.0, min(1.0, value / maximum)) * r
        return cx + k * math.cos(angle), cy + k * math.sin(angle)

    desc = "; ".join(f"{name}: " + ", ".join(f"{a} {'–' if v is None else _n(v)}" for a, v in zip(axes, vals,
                                                                                                  strict=False))
                     for name, vals in series)
    parts = _open(size, size, title, desc, "chart radar")
    for ring in (0.25, 0.5, 0.75, 1.0):
        pts = " ".join(f"{_n(x)},{_n(y)}" for x, y in (point(i, ring * maximum) for i in range(n)))
        parts.append(f'<polygon points="{pts}" fill="none" stroke="#b0b0b0" stroke-width="1"/>')
    for i, label in enumerate(axes):
        x, y = point(i, maximum)
        parts.append(f'<line x1="{_n(cx)}" y1="{_n(cy)}" x2="{_n(x)}" y2="{_n(y)}" stroke="#b0b0b0"/>')
        lx, ly = point(i, maximum * 1.12)
        anchor = "middle" if abs(lx - cx) < 8 else ("start" if lx > cx else "end")
        parts.append(f'<text x="{_n(lx)}" y="{_n(ly + 4)}" font-size="11" text-anchor="{anchor}" fill="#1b1b1b">'
                     f"{escape(_short(label))}</text>")
    for k, (name, vals) in enumerate(series):
        colour = PALETTE[k % len(PALETTE)]
        pts = " ".join(f"{_n(x)},{_n(y)}" for x, y in (point(i, v or 0.0) for i, v in enumerate(vals)))
        dash = ' stroke-dasharray="6 3"' if k else ""
        parts.append(f'<polygon points="{pts}" fill="{colour}" fill-opacity="0.18" stroke="{colour}" '
                     f'stroke-width="2.5"{dash}><title>{escape(name)}</title></polygon>')
        parts.append(f'<rect x="8" y="{8 + 18 * k}" width="12" height="12" fill="{colour}"/>'
                     f'<text x="26" y="{18 + 18 * k}" font-size="12" fill="#1b1b1b">{escape(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def trend(title: str, points: Sequence[tuple[str, float | None]], width: int = 560, height: int = 240,
          maximum: float = 100.0) -> str:
    """A line over labelled points (dates), y from 0 to ``maximum``; a None point breaks nothing, it is skipped."""
    if not points:
        return ""
    left, right, top, bottom = 44, 16, 16, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / max(1, len(points) - 1)
    desc = "; ".join(f"{label}: {'–' if v is None else _n(v)}" for label, v in points)
    parts = _open(width, height, title, desc, "chart trend")
    for frac in (0, 0.25, 0.5, 0.75, 1):
        y = top + plot_h * (1 - frac)
        parts.append(f'<line x1="{left}" y1="{_n(y)}" x2="{width - right}" y2="{_n(y)}" stroke="#d0d0d0"/>'
                     f'<text x="{left - 6}" y="{_n(y + 4)}" font-size="11" text-anchor="end" fill="#1b1b1b">'
                     f"{frac * maximum:.0f}</text>")
    xy = []
    for i, (label, v) in enumerate(points):
        x = left + (step * i if len(points) > 1 else plot_w / 2)
        parts.append(f'<text x="{_n(x)}" y="{height - 14}" font-size="11" text-anchor="middle" fill="#1b1b1b">'
                     f"{escape(_short(label, 12))}</text>")
        if v is not None:
            xy.append((x, top + plot_h * (1 - max(0.0, min(1.0, v / maximum))), v))
    if len(xy) > 1:
        parts.append('<polyline fill="none" stroke="#1a3d6d" stroke-width="2.5" points="'
                     + " ".join(f"{_n(x)},{_n(y)}" for x, y, _ in xy) + '"/>')
    for x, y, v in xy:
        parts.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="4" fill="#1a3d6d"/>'
                     f'<text x="{_n(x)}" y="{_n(y - 8)}" font-size="11" text-anchor="middle" fill="#1b1b1b">'
                     f"{_n(v)}</text>")
    parts.append("</svg>")
    return "".join(parts)


def bars(title: str, rows: Sequence[tuple[str, float]], width: int = 560, row: int = 24, label_w: int = 220,
         maximum: float | None = None, unit: str = "") -> str:
    """Horizontal bars with the label left and the value written right of the bar."""
    if not rows:
        return ""
    top = maximum or max((v for _, v in rows), default=0) or 1
    plot = width - label_w - 70
    height = row * len(rows) + 8
    desc = "; ".join(f"{label}: {_n(v)}{unit}" for label, v in rows)
    parts = _open(width, height, title, desc, "chart bars")
    for i, (label, v) in enumerate(rows):
        y = 4 + i * row
        w = max(0.0, min(1.0, v / top)) * plot
        parts.append(f'<text x="{label_w - 6}" y="{_n(y + row * 0.62)}" font-size="12" text-anchor="end" '
                     f'fill="#1b1b1b">{escape(_short(label, 34))}</text>'
                     f'<rect x="{label_w}" y="{y + 3}" width="{_n(w)}" height="{row - 8}" '
                     f'fill="{PALETTE[i % len(PALETTE)]}"/>'
                     f'<text x="{_n(label_w + w + 6)}" y="{_n(y + row * 0.62)}" font-size="12" fill="#1b1b1b">'
                     f"{_n(v)}{escape(unit)}</text>")
    parts.append("</svg>")
    return "".join(parts)
