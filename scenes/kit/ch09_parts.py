"""Chapter 9's own pictures: a log-log chart of Adam's bias-correction factors against the step, and a
bar chart of one step's move split into its parts (NAdam's momentum and fresh-gradient terms beside
Adam's rule from the same state).

    chart = LogLogChart((1, 1000), (1, 1000), width=6.0, height=3.4, x_label="step t", y_label="factor")
    curve = chart.curve(lambda t: bias_correction(0.9, t), color=VELOCITY_COLOR)
    bars = MoveBars([(label, -0.17, colour), ...], x_range=(-0.2, 0.03), width=6.0)
    self.play(FadeIn(bars.frame_parts)); self.play(GrowFromEdge(bars.bars[0], RIGHT))
"""

from __future__ import annotations

import math

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Line, Rectangle, VGroup, VMobject

from .palette import MUTED, TEXT
from .typeset import text

__all__ = ["LogLogChart", "LookAheadDiagram", "MoveBars"]


def _tick(v: float) -> str:
    return f"{v:g}"


class LogLogChart(VGroup):
    """Axes with both scales logarithmic (ticks at the powers of ten, written in full at the ``label`` size)."""

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
            ticks.add(text(_tick(10.0 ** k), "label", color=MUTED).next_to(p + DOWN * 0.08, DOWN, buff=0.06))
        for k in range(int(self.ly[0]), int(self.ly[1]) + 1):
            p = self.c2p(x_range[0], 10.0 ** k)
            ticks.add(Line(p, p + LEFT * 0.08, stroke_color=MUTED, stroke_width=1.5))
            ticks.add(text(_tick(10.0 ** k), "label", color=MUTED).next_to(p + LEFT * 0.08, LEFT, buff=0.06))
            if k > self.ly[0]:
                grid.add(Line(p, self.c2p(x_range[1], 10.0 ** k), stroke_color=MUTED, stroke_width=1,
                              stroke_opacity=0.25))
        self.axes = VGroup(axes, grid, ticks)
        self.add(self.axes)
        if x_label:
            self.x_label = text(x_label, "label", color=MUTED).next_to(ticks, DOWN, buff=0.1)
            self.x_label.set_x(self.frame.get_center()[0])
            self.axes.add(self.x_label)
        if y_label:
            self.y_label = text(y_label, "label", color=MUTED).next_to(VGroup(self.frame, ticks), UP, buff=0.12)
            self.y_label.align_to(ticks, LEFT)
            self.axes.add(self.y_label)

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


class MoveBars(VGroup):
    """Horizontal bars from a zero line, one row per part of a move (``rows``: ``(label, value, colour)``,
    label a mobject), the value written at each bar's end. ``frame_parts`` (zero line, axis caption, row
    labels), ``bars`` and ``values`` are separate groups so they can come in one at a time."""

    def __init__(self, rows, *, x_range, width: float = 6.0, row_height: float = 0.9, bar_height: float = 0.42,
                 label_width: float = 3.6, axis_label: str = "", fmt=lambda v: f"{v:.3f}", **kwargs):
        super().__init__(**kwargs)
        self.x_range = x_range
        self.left = -width / 2 + label_width
        self.plot_width = width - label_width
        n = len(rows)
        self.top = n * row_height / 2
        self.row_height = row_height
        # an invisible point at the local origin: c2p follows it when the picture moves
        self.anchor = Rectangle(width=0.01, height=0.01, stroke_width=0, fill_opacity=0)
        self.add(self.anchor)
        zero_top, zero_bottom = self.c2p(0, -0.4), self.c2p(0, n - 0.6)
        self.zero = Line(zero_top, zero_bottom, stroke_color=MUTED, stroke_width=2)
        zero_lab = text("0", "label", color=MUTED).next_to(self.zero, DOWN, buff=0.08)
        self.labels, self.bars, self.values = VGroup(), VGroup(), VGroup()
        for i, (label, value, color) in enumerate(rows):
            y = self.c2p(0, i)[1]
            label.move_to([self.left - 0.25, y, 0], aligned_edge=RIGHT)
            self.labels.add(label)
            x0, x1 = self.c2p(0, i)[0], self.c2p(value, i)[0]
            bar = Rectangle(width=max(abs(x1 - x0), 0.02), height=bar_height, stroke_width=0, fill_color=color,
                            fill_opacity=0.9).move_to([(x0 + x1) / 2, y, 0])
            self.bars.add(bar)
            val = text(fmt(value).replace("-", "\u2212"), "label", color=color)
            # negative bars: the value just right of the zero line, clear of the row labels
            val.next_to(bar if value > 0 else self.zero, RIGHT, buff=0.12).set_y(y)
            self.values.add(val)
        self.frame_parts = VGroup(self.zero, zero_lab, self.labels)
        if axis_label:
            self.axis_label = text(axis_label, "label", color=TEXT).next_to(self.zero, UP, buff=0.15)
            self.axis_label.align_to(self.c2p(x_range[0], 0), LEFT)
            self.frame_parts.add(self.axis_label)
        self.add(self.frame_parts, self.bars, self.values)

    def c2p(self, value: float, row: float) -> np.ndarray:
        """Scene point of ``value`` on the move axis, at row ``row`` (0 at the top)."""
        lo, hi = self.x_range
        x = self.left + (value - lo) / (hi - lo) * self.plot_width
        y = self.top - (row + 0.5) * self.row_height
        return np.array([x, y, 0.0]) + self.anchor.get_center()


class LookAheadDiagram(VGroup):
    """Adam's step t beside NAdam's: NAdam takes the momentum part of step t + 1 (μ_{t+1} m_t, drawn dashed in
    step t + 1's column) into step t, beside the fresh gradient (1 − μ_t) g_t. A schematic: arrow lengths are
    not to scale. ``adam_parts``, ``nadam_parts``, ``ghost_parts`` and ``carry`` come in one at a time."""

    def __init__(self, *, width: float = 8.0, adam_color, nadam_color, momentum_color, gradient_color, **kwargs):
        from manim import Arrow, CurvedArrow

        from .typeset import tex

        super().__init__(**kwargs)

        def arrow(x0, x1, y, color, sw=9):
            return Arrow([x0, y, 0], [x1, y, 0], buff=0, color=color, stroke_width=sw,
                         max_tip_length_to_length_ratio=0.3, max_stroke_width_to_length_ratio=12)

        lab_w = 1.7
        xt0, xt1 = lab_w + 0.3, lab_w + 0.3 + 0.55 * (width - lab_w - 0.3)
        span = width - xt1 - 0.2
        unit = min(1.0, (xt1 - xt0 - 0.4) / 4.2)  # arrow lengths (schematic), scaled to the column
        y_head, y_a, y_n = 0.0, -1.15, -2.75
        heads = VGroup(text("step t", "label", color=MUTED).move_to([(xt0 + xt1 - 0.2) / 2, y_head, 0]),
                       text("step t + 1", "label", color=MUTED).move_to([xt1 + span / 2, y_head, 0]))
        sep = Line([xt1 - 0.2, y_head + 0.2, 0], [xt1 - 0.2, y_n - 1.0, 0], stroke_color=MUTED, stroke_width=2,
                   stroke_opacity=0.5)
        row_a = text("Adam", "label", color=adam_color).move_to([lab_w, y_a, 0], aligned_edge=RIGHT)
        row_n = text("NAdam", "label", color=nadam_color).move_to([lab_w, y_n, 0], aligned_edge=RIGHT)
        a_arrow = arrow(xt0, xt0 + 3.4 * unit, y_a, adam_color)
        a_lab = tex(r"\hat m_t", "label", color=adam_color).next_to(a_arrow, UP, buff=0.12)
        mom = arrow(xt0, xt0 + 2.2 * unit, y_n, momentum_color)
        grad = arrow(xt0 + 2.2 * unit, xt0 + 3.3 * unit, y_n, gradient_color)
        mom_lab = tex(r"\mu_{t+1}\, \hat m_t", "label", color=momentum_color).next_to(mom, UP, buff=0.12)
        grad_lab = tex(r"(1 - \mu_t)\, \hat g_t", "label", color=gradient_color).next_to(grad, DOWN, buff=0.15)
        grad_lab.align_to(grad, LEFT)
        g0 = arrow(xt1 + 0.2, xt1 + 0.2 + 2.2 * unit, y_n, momentum_color)
        ghost = g0.set_opacity(0.45)
        ghost_lab = tex(r"\mu_{t+1}\, \hat m_t", "label", color=momentum_color).next_to(g0, UP, buff=0.12)
        ghost_note = text("its momentum part", "label", color=MUTED).next_to(g0, DOWN, buff=0.2)
        ghost_note.align_to(g0, LEFT)
        carry = CurvedArrow([xt1 + 0.2 + 1.1 * unit, y_n + 0.95, 0], [xt0 + 1.1 * unit, y_n + 0.95, 0], angle=0.5,
                            color=momentum_color, stroke_width=5)
        carry_lab = text("taken now", "label", color=momentum_color).move_to([xt1 + span / 2, y_a, 0])
        self.heads = VGroup(heads, sep, row_a, row_n)
        self.adam_parts = VGroup(a_arrow, a_lab)
        self.ghost_parts = VGroup(ghost, ghost_lab, ghost_note)
        self.carry = VGroup(carry, carry_lab)
        self.nadam_parts = VGroup(mom, mom_lab, grad, grad_lab)
        self.add(self.heads, self.adam_parts, self.ghost_parts, self.carry, self.nadam_parts)
