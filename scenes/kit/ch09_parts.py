"""Chapter 9's own picture: a log-log chart of Adam's bias-correction factors against the step.

    chart = LogLogChart((1, 1000), (1, 1000), width=6.0, height=3.4, x_label="step t")
    curve = chart.curve(lambda t: bias_correction(0.9, t), color=VELOCITY_COLOR)
    self.play(FadeIn(chart)); self.play(Create(curve))
"""

from __future__ import annotations

import math

import numpy as np
from manim import DOWN, LEFT, Line, Rectangle, VGroup, VMobject

from .palette import MUTED
from .typeset import text

__all__ = ["LogLogChart"]


def _tick(v: float) -> str:
    return f"{v:g}"


class LogLogChart(VGroup):
    """Axes with both scales logarithmic (ticks at the powers of ten, written in full at the ``small`` size)."""

    def __init__(self, x_range, y_range, *, width: float = 6.0, height: float = 3.4, x_label: str = "step t",
                 y_label: str = "", **kwargs):
        super().__init__(**kwargs)
        self.lx = (math.log10(x_range[0]), math.log10(x_range[1]))
        self.ly = (math.log10(y_range[0]), math.log10(y_range[1]))
        self.frame = Rectangle(width=width, height=height, stroke_width=0, fill_opacity=0)
        self.add(self.frame)
        dl = self.frame.get_corner(DOWN + LEFT)
        axes = VGroup(Line(dl, self.c2p(x_range[1], y_range[0]), stroke_color=MUTED, stroke_width=2),
                      Line(dl, self.c2p(x_range[0], y_range[1]), stroke_color=MUTED, stroke_width=2))
        ticks, grid = VGroup(), VGroup()
        for k in range(int(self.lx[0]), int(self.lx[1]) + 1):
            p = self.c2p(10.0 ** k, y_range[0])
            ticks.add(Line(p, p + DOWN * 0.08, stroke_color=MUTED, stroke_width=1.5))
            ticks.add(text(_tick(10.0 ** k), "small", color=MUTED).next_to(p + DOWN * 0.08, DOWN, buff=0.06))
        for k in range(int(self.ly[0]), int(self.ly[1]) + 1):
            p = self.c2p(x_range[0], 10.0 ** k)
            ticks.add(Line(p, p + LEFT * 0.08, stroke_color=MUTED, stroke_width=1.5))
            ticks.add(text(_tick(10.0 ** k), "small", color=MUTED).next_to(p + LEFT * 0.08, LEFT, buff=0.06))
            if k > self.ly[0]:
                grid.add(Line(p, self.c2p(x_range[1], 10.0 ** k), stroke_color=MUTED, stroke_width=1,
                              stroke_opacity=0.25))
        self.axes = VGroup(axes, grid, ticks)
        self.add(self.axes)
        if x_label:
            self.x_label = text(x_label, "small", color=MUTED).next_to(ticks, DOWN, buff=0.1)
            self.x_label.set_x(self.frame.get_center()[0])
            self.add(self.x_label)
        if y_label:
            self.y_label = text(y_label, "small", color=MUTED).next_to(VGroup(self.frame, ticks), DOWN * -1, buff=0.1)
            self.y_label.align_to(ticks, LEFT)
            self.add(self.y_label)

    def c2p(self, x, y) -> np.ndarray:
        dl = self.frame.get_corner(DOWN + LEFT)
        fx = (math.log10(x) - self.lx[0]) / (self.lx[1] - self.lx[0])
        fy = (math.log10(y) - self.ly[0]) / (self.ly[1] - self.ly[0])
        return np.array([dl[0] + fx * self.frame.width, dl[1] + fy * self.frame.height, 0.0])

    def curve(self, fn, color, *, samples: int = 200, stroke_width: float = 5) -> VMobject:
        """The graph of ``fn`` (vectorised) over the x range, evenly sampled in log x."""
        ts = np.logspace(self.lx[0], self.lx[1], samples)
        ys = np.asarray(fn(ts), dtype=float)
        line = VMobject(stroke_color=color, stroke_width=stroke_width)
        line.set_points_smoothly([self.c2p(t, y) for t, y in zip(ts, ys)])
        return line
