"""Legend: a coloured swatch and the display name for each optimizer on screen.

Usage::

    legend = Legend(["gd", "momentum", "nesterov"]).to_corner(UR, buff=0.5)   # or place_legend(legend)
    legend.highlight("momentum")         # dims the others; returns self
    legend.entry("gd")                    # VGroup(swatch, name)
"""

from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, BackgroundRectangle, Line, Text, VGroup

from ._text import align_baseline, baseline, font_metrics
from .palette import FONT, PANEL, TEXT, canonical_name, display_name, optimizer_color

__all__ = ["Legend"]


class Legend(VGroup):
    """Swatches and names, one row per optimizer (``direction=RIGHT`` for one line).

    ``labels`` overrides names (dict name -> text, e.g. ``{"adam": "Adam + L2"}``); ``colors`` likewise.
    """

    def __init__(self, names, *, labels: dict | None = None, colors: dict | None = None,
                 font_size: float = 30, direction=DOWN, swatch_length: float = 0.45, background: bool = True,
                 **kwargs):
        super().__init__(**kwargs)
        labels = labels or {}
        colors = colors or {}
        self.names = list(names)
        self.entries: dict[str, VGroup] = {}
        rows = VGroup()
        cap, desc = font_metrics(FONT, font_size)
        for name in self.names:
            color = colors.get(name) or optimizer_color(name)
            text = labels.get(name) or display_name(name)
            swatch = Line(LEFT * swatch_length / 2, RIGHT * swatch_length / 2, stroke_color=color, stroke_width=7)
            label = Text(text, font=FONT, font_size=font_size, color=TEXT)
            row = VGroup(swatch, label).arrange(RIGHT, buff=0.18)
            swatch.set_y(baseline(label) + 0.36 * cap)  # at mid x-height, whatever the descenders
            row.swatch, row.label = swatch, label
            self.entries[name] = row
            rows.add(row)
        vertical = abs(direction[1]) > abs(direction[0])
        if vertical:
            rows.arrange(direction, buff=0.16, aligned_edge=LEFT)
            # even spacing: baselines one line pitch apart (bounding boxes differ with descenders)
            pitch = cap + desc + 0.08  # about the old spacing of rows without descenders
            sign = -1.0 if direction[1] < 0 else 1.0
            top = baseline(rows[0].label)
            for k, row in enumerate(rows):
                align_baseline(row, top + sign * k * pitch, row.label)
        else:
            rows.arrange(direction, buff=0.45)
            for row in rows[1:]:
                align_baseline(row, baseline(rows[0].label), row.label)
        self.rows = rows
        self.background = BackgroundRectangle(rows, color=PANEL, fill_opacity=0.85, buff=0.18, corner_radius=0.1)
        if background:
            self.add(self.background)
        self.add(rows)

    def entry(self, name: str) -> VGroup:
        """The row of one optimizer."""
        if name in self.entries:
            return self.entries[name]
        return self.entries[canonical_name(name)]

    def highlight(self, *names: str, dim: float = 0.3) -> "Legend":
        """Keep the named rows bright and dim the rest (``highlight()`` with no names restores all)."""
        keep = {canonical_name(n) if n not in self.entries else n for n in names}
        for name, row in self.entries.items():
            row.set_opacity(1.0 if (not keep or name in keep) else dim)
        return self
