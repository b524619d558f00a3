"""A magnified view of part of a map, for action a few pixels wide (a look-ahead, endpoints close together).

Usage::

    inset = MapInset(lmap, center=(0.0, 0.0), half_width=0.4, width=3.2)   # a 4x-or-so zoom of a small box
    inset.next_to(lmap, RIGHT)                     # or place it anywhere; the connectors follow
    self.play(FadeIn(inset))
    path_zoomed = inset.path(traj, "nesterov")     # the same run drawn on the magnified map
    self.play(path.draw(), path_zoomed.draw())     # in step with each other

The inset is a second ``LandscapeMap`` over the small box (its own heat-map and contours at the
finer scale, so nothing is blurred), an outline of the box on the main map, and two connector
lines from the outline to the inset. Paths on it are ordinary ``TrajectoryPath`` objects, clipped
to the box by the kit.
"""

from __future__ import annotations

import numpy as np
from manim import DL, DR, UL, UR, Group, Line, Rectangle, VGroup

from .landscape_map import LandscapeMap
from .palette import ACCENT
from .trajectory import TrajectoryPath

__all__ = ["MapInset"]


class MapInset(Group):
    """A zoomed second map of ``main`` around ``center`` (parameters), ``width`` scene units wide.

    Parts: ``map`` (the magnified LandscapeMap), ``outline`` (the box on the main map),
    ``connectors`` (two lines from the outline's corners to the inset's), ``zoom`` (the factor).
    """

    def __init__(self, main: LandscapeMap, center, half_width: float, *, half_height: float | None = None,
                 width: float = 3.2, color=ACCENT, stroke_width: float = 2.5, resolution: int = 200,
                 n_contours: int = 9, show_axes: bool = False, **map_kwargs):
        super().__init__()
        cx, cy = map(float, center)
        hw = float(half_width)
        hh = float(half_height) if half_height is not None else hw
        self.main = main
        self.bounds = ((cx - hw, cx + hw), (cy - hh, cy + hh))
        map_kwargs.setdefault("value_scale", main.value_scale)  # the same colours as the main map
        map_kwargs.setdefault("cmap", main.cmap.name)
        map_kwargs.setdefault("cmap_range", main.cmap_range)
        map_kwargs.setdefault("brightness", main.brightness)
        self.map = LandscapeMap(main.landscape, width=width, bounds=self.bounds, resolution=resolution,
                                n_contours=n_contours, show_axes=show_axes, show_markers=True, **map_kwargs)
        self.map.frame.set_stroke(color, width=stroke_width, opacity=1.0)
        self.zoom = self.map.plot_width / (2 * hw * main.units_per_param()[0])
        lo = main.c2p(cx - hw, cy - hh)
        hi = main.c2p(cx + hw, cy + hh)
        self.outline = Rectangle(width=hi[0] - lo[0], height=hi[1] - lo[1], stroke_color=color,
                                 stroke_width=stroke_width).move_to((lo + hi) / 2)
        self.connectors = VGroup(Line(stroke_color=color, stroke_width=stroke_width * 0.6, stroke_opacity=0.8),
                                 Line(stroke_color=color, stroke_width=stroke_width * 0.6, stroke_opacity=0.8))
        self.add(self.outline, self.map, self.connectors)
        self.paths: list[TrajectoryPath] = []
        self._connect()

    def _connect(self) -> None:
        """Join the two corners of the outline that face the inset to the inset's matching corners."""
        a, b = self.outline, self.map.frame
        d = b.get_center() - a.get_center()
        if abs(d[0]) >= abs(d[1]):  # side by side: the near vertical edges
            pairs = ((UR, UL), (DR, DL)) if d[0] > 0 else ((UL, UR), (DL, DR))
        else:  # above or below
            pairs = ((UL, DL), (UR, DR)) if d[1] > 0 else ((DL, UL), (DR, UR))
        for line, (ca, cb) in zip(self.connectors, pairs):
            p, q = a.get_corner(ca), b.get_corner(cb)
            if np.linalg.norm(q - p) > 1e-6:
                line.put_start_and_end_on(p, q)

    def next_to(self, *args, **kwargs):
        """Place the magnified map (the outline stays on the main map)."""
        self.map.next_to(*args, **kwargs)
        self._connect()
        return self

    def move_map_to(self, point, **kwargs):
        self.map.move_to(point, **kwargs)
        self._connect()
        return self

    def path(self, trajectory, optimizer: str = "gd", **kwargs) -> TrajectoryPath:
        """A run drawn on the magnified map (markers on by default, thicker strokes)."""
        kwargs.setdefault("markers", True)
        kwargs.setdefault("stroke_width", 5)
        kwargs.setdefault("dot_radius", 0.1)
        p = TrajectoryPath(trajectory, self.map, optimizer, **kwargs)
        self.paths.append(p)
        return p
