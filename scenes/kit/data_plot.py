"""The data of a line-fit problem: samples as dots, the model line ``y = w x + b``, rings, residuals.

Usage::

    ls = oc.landscape("regression")              # has .x, .y (the samples)
    plot = LineFitPlot(ls, width=4.6, height=2.5)
    plot.set_params(w, b)                        # move the line (e.g. from a trajectory's position)
    rings = plot.rings([3, 7], GRADIENT_COLOR)   # circles around the current mini-batch
    res = plot.residuals(w, b)                   # sample-to-line segments; plot.set_residuals(res, w, b)

A live picture: keep the parts fixed (hide, move) rather than replacing submobjects during a play.
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, ORIGIN, RIGHT, UP, Circle, Dot, Line, MathTex, Text, VGroup

from .palette import BACKGROUND, FONT, MUTED, TEXT
from .trajectory import clip_segment

__all__ = ["LineFitPlot"]


class LineFitPlot(VGroup):
    """The data of a line-fit problem as a scatter plot, with the line ``y = w x + b`` of given parameters.

    Parts: ``dots`` (one per sample, in data order), ``line``, ``frame_lines`` and ``labels``.
    ``set_params(w, b)`` moves the line; ``rings(indices, color)`` returns circles around samples.
    """

    def __init__(self, problem, *, width: float = 5.0, height: float = 2.9, x_range=(-1.0, 1.0),
                 y_range=(-4.5, 2.5), font_size: float = 26, line_color=TEXT, **kwargs):
        super().__init__(**kwargs)
        self.problem = problem
        self.box = (tuple(x_range), tuple(y_range))
        self.size = (float(width), float(height))
        dl, dr, ul = self.c2p(x_range[0], y_range[0]), self.c2p(x_range[1], y_range[0]), self.c2p(x_range[0], y_range[1])
        self.frame_lines = VGroup(Line(dl, dr, stroke_color=MUTED, stroke_width=2),
                                  Line(dl, ul, stroke_color=MUTED, stroke_width=2))
        self.labels = VGroup()
        for v in (-1, 0, 1):
            p = self.c2p(v, y_range[0])
            self.labels.add(Line(p, p + DOWN * 0.08, stroke_color=MUTED, stroke_width=1.5))
            self.labels.add(Text(f"{v}".replace("-", "\u2212"), font=FONT, font_size=font_size, color=MUTED)
                            .next_to(p + DOWN * 0.08, DOWN, buff=0.05))
        for v in (-4, -2, 0, 2):
            p = self.c2p(x_range[0], v)
            self.labels.add(Line(p, p + LEFT * 0.08, stroke_color=MUTED, stroke_width=1.5))
            self.labels.add(Text(f"{v}".replace("-", "\u2212"), font=FONT, font_size=font_size, color=MUTED)
                            .next_to(p + LEFT * 0.08, LEFT, buff=0.05))
        self.labels.add(MathTex("x", font_size=46, color=TEXT).next_to(dr, RIGHT, buff=0.12))
        self.labels.add(MathTex("y", font_size=46, color=TEXT).next_to(ul, UP, buff=0.1))
        self.dots = VGroup(*[Dot(self.c2p(x, y), radius=0.045, color=TEXT, fill_opacity=0.75)
                             for x, y in zip(problem.x, problem.y)])
        self.line = Line(self.c2p(-1, 0), self.c2p(1, 0), color=line_color, stroke_width=4)
        self.line.set_background_stroke(color=BACKGROUND, width=7, opacity=0.8)
        self.add(self.frame_lines, self.labels, self.dots, self.line)

    def c2p(self, x, y) -> np.ndarray:
        """Scene point of data coordinates (x, y) (follows the group when it moves, via the frame lines)."""
        (x0, x1), (y0, y1) = self.box
        if hasattr(self, "frame_lines"):
            dl = self.frame_lines[0].get_start()
            w = self.frame_lines[0].get_end()[0] - dl[0]
            h = self.frame_lines[1].get_end()[1] - dl[1]
        else:
            dl, (w, h) = np.zeros(3), self.size
        return dl + np.array([(x - x0) / (x1 - x0) * w, (y - y0) / (y1 - y0) * h, 0.0])

    def set_params(self, w: float, b: float) -> "LineFitPlot":
        """Put the line at slope ``w`` and intercept ``b`` (clipped to the plot's box)."""
        (x0, x1), _ = self.box
        p, q = np.array([x0, w * x0 + b]), np.array([x1, w * x1 + b])
        seg = clip_segment(p, q, self.box)
        if seg is None:
            self.line.set_stroke(opacity=0)
            return self
        a, c = p + seg[0] * (q - p), p + seg[1] * (q - p)
        self.line.put_start_and_end_on(self.c2p(*a), self.c2p(*c))
        self.line.set_stroke(opacity=1)
        return self

    def rings(self, indices, color) -> VGroup:
        """Circles around the samples ``indices``."""
        return VGroup(*[Circle(radius=0.1, color=color, stroke_width=3).move_to(self.dots[i])
                        for i in np.atleast_1d(indices)])

    def residuals(self, w: float = 0.0, b: float = 0.0, *, color=None, stroke_width: float = 2,
                  opacity: float = 0.8) -> VGroup:
        """One vertical segment per sample, from the sample to the line ``y = w x + b``; move them
        with ``set_residuals(segments, w, b)`` (e.g. in an updater, together with ``set_params``)."""
        color = MUTED if color is None else color
        segs = VGroup(*[Line(ORIGIN, UP, stroke_color=color, stroke_width=stroke_width, stroke_opacity=opacity)
                        for _ in range(len(self.dots))])
        return self.set_residuals(segs, w, b)

    def set_residuals(self, segments: VGroup, w: float, b: float) -> VGroup:
        """Put ``segments`` (from ``residuals``) between each sample and the line ``y = w x + b``."""
        for seg, x, y in zip(segments, self.problem.x, self.problem.y):
            seg.put_start_and_end_on(self.c2p(x, y), self.c2p(x, w * x + b) + 1e-4 * UP)
        return segments

