"""Charts as server-side SVG: no JavaScript, no CDN, no chart library shipped to the browser.

Each chart is an inline ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` that reads out every value, so a
screen reader gets the data; the pages also render the same figures as a table (the WCAG "text alternative").
Colours are chosen for at least 3:1 contrast against white (WCAG 1.4.11, non-text contrast) and are never the only
carrier of meaning: every bar has its label and value written next to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

# Dark enough on white (contrast ≥ 4.5:1, so also readable as text colour).
PALETTE = ("#1a3d6d", "#8a2c0d", "#1d5e2e", "#6b2a83", "#7a5b00", "#005f73", "#7b2d26", "#3b3b3b")
SEVERITY_COLOURS = {"critical": "#7b1010", "high": "#a33a00", "medium": "#7a5b00", "low": "#1d5e2e",
                    "info": "#005f73", "unknown": "#3b3b3b"}


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: int | float
    colour: str | None = None


def _num(value: int | float) -> str:
    return f"{value:,.1f}" if isinstance(value, float) and not value.is_integer() else f"{int(value):,}"


def bar_chart(title: str, bars: Sequence[Bar], *, width: int = 560, row: int = 26, label_w: int = 170) -> SafeString:
    """Horizontal bars, one per row, label left and value right; empty data gives an empty string."""
    if not bars:
        return mark_safe("")
    top = max((b.value for b in bars), default=0) or 1
    plot = width - label_w - 70
    height = row * len(bars) + 8
    desc = "; ".join(f"{b.label}: {_num(b.value)}" for b in bars)
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="100%" '
             f'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">',
             f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>"]
    for i, b in enumerate(bars):
        y = 4 + i * row
        w = max(1.0, plot * b.value / top) if b.value else 0
        colour = b.colour or PALETTE[i % len(PALETTE)]
        label = b.label if len(b.label) <= 26 else b.label[:25] + "…"
        parts.append(f'<text x="{label_w - 6}" y="{y + row * 0.62:.1f}" text-anchor="end" font-size="13" '
                     f'fill="#1b1b1b">{escape(label)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row - 8}" fill="{colour}"/>')
        parts.append(f'<text x="{label_w + w + 6:.1f}" y="{y + row * 0.62:.1f}" font-size="13" '
                     f'fill="#1b1b1b">{_num(b.value)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every interpolated text is escaped above


@dataclass(frozen=True, slots=True)
class Series:
    label: str
    values: Sequence[int | float]
    colour: str


def line_chart(title: str, x_labels: Sequence[str], series: Sequence[Series], *, width: int = 640,
               height: int = 220) -> SafeString:
    """Lines over time (one point per x label). Markers differ in shape as well as colour (not colour alone)."""
    if not x_labels or not series:
        return mark_safe("")
    left, right, top_m, bottom = 56, 16, 12, 40
    plot_w, plot_h = width - left - right, height - top_m - bottom
    top = max((v for s in series for v in s.values), default=0) or 1
    n = len(x_labels)

    def x(i: int) -> float:
        return left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def y(v: float) -> float:
        return top_m + plot_h - plot_h * v / top

    desc = " ".join(f"{s.label}: " + ", ".join(f"{x_labels[i]} {_num(v)}" for i, v in enumerate(s.values)) + "."
                    for s in series)
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {width} {height + 20 * len(series)}" width="100%" '
             f'xmlns="http://www.w3.org/2000/svg">', f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>",
             f'<line x1="{left}" y1="{top_m + plot_h}" x2="{width - right}" y2="{top_m + plot_h}" stroke="#595959"/>',
             f'<line x1="{left}" y1="{top_m}" x2="{left}" y2="{top_m + plot_h}" stroke="#595959"/>',
             f'<text x="{left - 6}" y="{top_m + 10}" text-anchor="end" font-size="12" '
             f'fill="#1b1b1b">{_num(top)}</text>',
             f'<text x="{left - 6}" y="{top_m + plot_h}" text-anchor="end" font-size="12" fill="#1b1b1b">0</text>']
    step = max(1, n // 6)
    for i in range(0, n, step):
        parts.append(f'<text x="{x(i):.1f}" y="{top_m + plot_h + 16}" text-anchor="middle" font-size="11" '
                     f'fill="#1b1b1b">{escape(x_labels[i])}</text>')
    for k, s in enumerate(series):
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(s.values))
        dash = ' stroke-dasharray="6 3"' if k % 2 else ""
        parts.append(f'<polyline points="{points}" fill="none" stroke="{s.colour}" stroke-width="2"{dash}/>')
        for i, v in enumerate(s.values):
            cx, cy = x(i), y(v)
            if k % 2:
                parts.append(f'<rect x="{cx - 3:.1f}" y="{cy - 3:.1f}" width="6" height="6" fill="{s.colour}"/>')
            else:
                parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="3" fill="{s.colour}"/>')
        ly = height + 20 * k
        parts.append(f'<line x1="{left}" y1="{ly}" x2="{left + 24}" y2="{ly}" stroke="{s.colour}" '
                     f'stroke-width="2"{dash}/><text x="{left + 30}" y="{ly + 4}" font-size="12" '
                     f'fill="#1b1b1b">{escape(s.label)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every interpolated text is escaped above
