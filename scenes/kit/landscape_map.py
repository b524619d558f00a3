"""The loss landscape seen from above: perceptual heat-map, thin contour lines, axes, colour bar, markers.

Usage::

    import optim_core as oc
    from scenes.kit import LandscapeMap

    class Example(Scene):
        def construct(self):
            lmap = LandscapeMap(oc.landscape("rosenbrock"), colorbar=True).to_edge(LEFT)
            self.add(lmap)                       # static: add it before anything with an updater
            p = lmap.c2p(1.0, 1.0)               # scene point of (x, y) = (1, 1); arrays work too
            x, y = lmap.p2c(p)                   # and back

Parts: ``heatmap`` (ImageMobject), ``contours`` (VGroup), ``frame`` (the plot rectangle),
``axes`` (ticks, numbers, parameter names), ``markers`` (minima as stars, saddles as diamonds),
``colorbar`` (or ``None``). The map is a ``Group`` (it holds an image); move and scale it as a whole,
``c2p`` follows.
"""

from __future__ import annotations

import math

import contourpy
import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Group,
    ImageMobject,
    MathTex,
    Rectangle,
    Square,
    Star,
    Text,
    VGroup,
    VMobject,
    Line,
    Circle,
)
from manim.constants import RESAMPLING_ALGORITHMS

from .palette import BACKGROUND, FAINT, FONT, MUTED, TEXT, colormap

__all__ = ["LandscapeMap", "ValueScale", "nice_ticks", "format_tick"]


def _hex_to_rgb(color: str) -> np.ndarray:
    c = color.lstrip("#")
    return np.array([int(c[i : i + 2], 16) for i in (0, 2, 4)], dtype=float) / 255.0


def nice_ticks(lo: float, hi: float, target: int = 5) -> np.ndarray:
    """Round tick values inside [lo, hi], about ``target`` of them (steps of 1, 2, 2.5 or 5 x 10^k)."""
    span = hi - lo
    if span <= 0:
        return np.array([lo])
    raw = span / max(target - 1, 1)
    mag = 10 ** math.floor(math.log10(raw))
    step = min((m * mag for m in (1, 2, 2.5, 5, 10)), key=lambda s: abs(s - raw))
    start = math.ceil(lo / step - 1e-9) * step
    ticks = np.arange(start, hi + step * 1e-6, step)
    return np.round(ticks, 10)


def format_tick(v: float) -> str:
    """Short label for a tick value: ``-2``, ``0.5``, ``1e+03`` (uses a true minus sign)."""
    if v == 0:
        return "0"
    if abs(v) >= 1e4 or abs(v) < 1e-2:
        s = f"{v:.0e}".replace("e+0", "e").replace("e-0", "e-")
    elif float(v).is_integer():
        s = str(int(v))
    else:
        s = f"{v:g}"
    return s.replace("-", "\u2212")


class ValueScale:
    """Maps loss values to [0, 1] for colour and contour levels: linear, or log where the range is wide.

    ``ValueScale.fit(values, kind="auto")`` chooses log when the values span more than about an
    order of magnitude above their minimum (Rosenbrock, Beale), linear otherwise (bowl, saddle).
    """

    def __init__(self, kind: str, vmin: float, vmax: float, offset: float = 0.0):
        self.kind = kind
        self.vmin = float(vmin)
        self.vmax = float(vmax)
        self.offset = float(offset)  # log: log10(f - vmin + offset)

    @classmethod
    def fit(cls, values: np.ndarray, kind: str = "auto", f_min: float | None = None) -> "ValueScale":
        v = np.asarray(values, dtype=float)
        v = v[np.isfinite(v)]
        vmin = float(v.min())
        if f_min is not None and np.isfinite(f_min) and f_min <= vmin:
            vmin = float(f_min)
        vmax = float(np.percentile(v, 99.5))
        med = float(np.median(v))
        if kind == "auto":
            spread = (vmax - vmin) / max(med - vmin, 1e-300)
            kind = "log" if spread > 8.0 else "linear"
        if kind not in ("linear", "log"):
            raise ValueError(f"scale must be 'auto', 'linear' or 'log', not {kind!r}")
        offset = 0.0
        if kind == "log":
            # resolve the floor about three decades below the typical value
            offset = max((med - vmin) * 1e-3, 1e-12 * max(1.0, abs(vmax)))
        return cls(kind, vmin, vmax, offset)

    def _raw(self, f):
        f = np.asarray(f, dtype=float)
        if self.kind == "log":
            return np.log10(np.maximum(f - self.vmin, 0.0) + self.offset)
        return f

    def __call__(self, f) -> np.ndarray:
        """Loss values -> [0, 1] (clipped)."""
        lo, hi = self._raw(self.vmin), self._raw(self.vmax)
        return np.clip((self._raw(f) - lo) / (hi - lo), 0.0, 1.0)

    def inverse(self, t) -> np.ndarray:
        """[0, 1] -> loss values."""
        lo, hi = self._raw(self.vmin), self._raw(self.vmax)
        r = lo + np.asarray(t, dtype=float) * (hi - lo)
        if self.kind == "log":
            return 10**r - self.offset + self.vmin
        return r


class LandscapeMap(Group):
    """A 2-D landscape from above, with ``c2p``/``p2c`` between parameters and scene points.

    Parameters
    ----------
    landscape
        An ``optim_core`` Landscape (needs ``f``, ``bounds``; uses ``minima``, ``saddles`` if present).
    width, height
        Size of the plot area in scene units. With one of them (or neither) given, the other
        follows the bounds with equal scaling on both axes (so gradients look perpendicular to
        contours), limited by ``max_width`` x ``max_height``.
    bounds
        ``((xmin, xmax), (ymin, ymax))``; default the landscape's own.
    scale
        ``"auto"``, ``"linear"`` or ``"log"``: how loss maps to colour and contour levels.
    cmap
        A shipped perceptual colour map (``viridis``, ``cividis``, ``magma``, ``inferno``, ``plasma``).
    cmap_range
        The part of the colour map used (the top of viridis is a saturated yellow that would
        compete with the brightest optimizer colours).
    brightness
        Heat-map colours are blended toward the background by this factor (< 1 keeps the
        trajectories the brightest thing on screen).
    n_contours
        Number of contour lines, evenly spaced in the (linear or log) colour scale; 0 for none.
    labels
        Parameter names as LaTeX, default the landscape's ``param_names`` or ``("\\theta_1", "\\theta_2")``.
    colorbar
        Add a colour bar labelled "loss" right of the plot.
    show_axes
        Ticks, numbers and parameter names.
    value_scale
        A ``ValueScale`` to use instead of fitting one to this map's values, e.g. ``main.value_scale``
        for a close-up whose colours and contour levels must match the main map.
    y_label_shift
        Move the y parameter name up (positive) or down by this many scene units, e.g. half a
        tick spacing so it sits between two ticks instead of beside the middle number.
    show_markers
        ``True``: stars at global minima, rings at local minima, diamonds at saddle points;
        ``"global"``: only the stars; ``False``: none.
    """

    def __init__(
        self,
        landscape,
        width: float | None = None,
        height: float | None = None,
        *,
        bounds=None,
        max_width: float = 6.4,
        max_height: float = 5.4,
        scale: str = "auto",
        cmap: str = "viridis",
        brightness: float = 0.78,
        cmap_range=(0.0, 0.9),
        resolution: int = 360,
        n_contours: int = 11,
        contour_color: str = FAINT,
        contour_width: float = 1.1,
        contour_opacity: float = 0.38,
        labels=None,
        n_ticks: int = 5,
        tick_font_size: float = 26,
        label_font_size: float = 46,
        show_axes: bool = True,
        show_markers: bool | str = True,
        colorbar: bool = False,
        colorbar_label: str = "loss",
        y_label_shift: float = 0.0,
        value_scale=None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.landscape = landscape
        b = bounds if bounds is not None else landscape.bounds
        (x0, x1), (y0, y1) = b
        self.bounds = ((float(x0), float(x1)), (float(y0), float(y1)))
        self.x_range = (float(x0), float(x1))
        self.y_range = (float(y0), float(y1))
        aspect = (x1 - x0) / (y1 - y0)
        if width is None and height is None:
            width, height = max_width, max_width / aspect
            if height > max_height:
                width, height = max_height * aspect, max_height
        elif width is None:
            width = height * aspect
        elif height is None:
            height = width / aspect
        self.plot_width, self.plot_height = float(width), float(height)
        self.cmap = colormap(cmap)
        self.cmap_range = tuple(cmap_range)
        self.brightness = brightness

        # --- sample the landscape
        nx = int(resolution)
        ny = max(2, int(round(resolution * height / width)))
        xs = np.linspace(x0, x1, nx)
        ys = np.linspace(y0, y1, ny)
        X, Y = np.meshgrid(xs, ys)
        Z = self._f(np.stack([X, Y], axis=-1))
        if scale == "auto" and hasattr(landscape, "log_scale"):
            scale = "log" if landscape.log_scale else "linear"
        if value_scale is not None:  # share another map's colour scale (an inset, a close-up)
            self.value_scale = value_scale
        else:
            self.value_scale = ValueScale.fit(Z, scale, f_min=getattr(landscape, "f_min", None))

        # plot rectangle: the reference for c2p (kept invisible except its outline)
        self.frame = Rectangle(width=width, height=height, stroke_color=MUTED, stroke_width=1.5, stroke_opacity=0.6)
        self.heatmap = self._make_heatmap(Z)
        self.contours = self._make_contours(xs, ys, Z, n_contours, contour_color, contour_width, contour_opacity)
        self.add(self.heatmap, self.contours, self.frame)

        if labels is None:
            labels = getattr(landscape, "param_names", None)
            if not labels:
                labels = (r"\theta_1", r"\theta_2")
        self.axes = VGroup()
        if show_axes:
            self.axes = self._make_axes(labels, n_ticks, tick_font_size, label_font_size)
            if y_label_shift:
                self.y_label.shift(UP * float(y_label_shift))
            self.add(self.axes)
        self.markers = VGroup()
        if show_markers:
            self.markers = self._make_markers(show_markers)
            self.add(self.markers)
        self.colorbar = None
        if colorbar:
            self.colorbar = self._make_colorbar(colorbar_label, tick_font_size)
            self.add(self.colorbar)

    # ------------------------------------------------------------------ building
    def _f(self, xy: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            return np.asarray(self.landscape.f(xy), dtype=float)

    def colors_for(self, values) -> np.ndarray:
        """RGB floats (dimmed like the heat-map) for loss values."""
        lo, hi = self.cmap_range
        rgb = self.cmap(lo + (hi - lo) * self.value_scale(values))
        bg = _hex_to_rgb(BACKGROUND)
        return bg + (rgb - bg) * self.brightness

    def color_of_loss(self, value: float) -> str:
        """Hex colour the heat-map uses for a loss value."""
        r, g, b = np.round(self.colors_for(value) * 255).astype(int)
        return f"#{r:02X}{g:02X}{b:02X}"

    def _make_heatmap(self, Z: np.ndarray) -> ImageMobject:
        rgb = self.colors_for(Z)[::-1]  # image rows run top to bottom
        rgba = np.concatenate([rgb, np.ones(rgb.shape[:-1] + (1,))], axis=-1)
        img = ImageMobject((rgba * 255).round().astype(np.uint8))
        img.set_resampling_algorithm(RESAMPLING_ALGORITHMS["bilinear"])
        img.stretch_to_fit_width(self.plot_width)
        img.stretch_to_fit_height(self.plot_height)
        img.move_to(self.frame)
        return img

    def _make_contours(self, xs, ys, Z, n, color, width, opacity) -> VGroup:
        group = VGroup()
        self.contour_levels = np.array([])
        if n <= 0:
            return group
        # a coarser grid is plenty for smooth lines and keeps the point count low
        step = max(1, len(xs) // 180)
        T = self.value_scale(Z[::step, ::step])
        gen = contourpy.contour_generator(xs[::step], ys[::step], np.ma.masked_invalid(T), line_type="Separate")
        t_levels = (np.arange(n) + 0.5) / n
        self.contour_levels = self.value_scale.inverse(t_levels)
        for t in t_levels:
            for line in gen.lines(t):
                if len(line) < 3:
                    continue
                pts = self.c2p(line[:, 0], line[:, 1])
                vm = VMobject(stroke_color=color, stroke_width=width, stroke_opacity=opacity)
                vm.set_points_as_corners(pts)
                group.add(vm)
        return group

    def _make_axes(self, labels, n_ticks, tick_fs, label_fs) -> VGroup:
        axes = VGroup()
        tick_len = 0.1
        xt = nice_ticks(*self.x_range, n_ticks)
        yt = nice_ticks(*self.y_range, n_ticks)
        self.x_ticks = VGroup()
        self.y_ticks = VGroup()
        for v in xt:
            p = self.c2p(v, self.y_range[0])
            mark = Line(p, p + DOWN * tick_len, stroke_color=MUTED, stroke_width=1.5)
            num = Text(format_tick(v), font=FONT, font_size=tick_fs, color=MUTED).next_to(mark, DOWN, buff=0.06)
            self.x_ticks.add(VGroup(mark, num))
        for v in yt:
            p = self.c2p(self.x_range[0], v)
            mark = Line(p, p + LEFT * tick_len, stroke_color=MUTED, stroke_width=1.5)
            num = Text(format_tick(v), font=FONT, font_size=tick_fs, color=MUTED).next_to(mark, LEFT, buff=0.06)
            self.y_ticks.add(VGroup(mark, num))
        xl, yl = labels
        self.x_label = MathTex(xl, font_size=label_fs, color=TEXT).next_to(self.frame, DOWN, buff=0.1)
        self.x_label.next_to(self.x_ticks, DOWN, buff=0.08)
        self.y_label = MathTex(yl, font_size=label_fs, color=TEXT)
        self.y_label.next_to(self.y_ticks, LEFT, buff=0.18)
        if len(yt) >= 2:  # between two tick numbers, never level with one ("θ₂ −1" would read as a product)
            ys = np.array([self.c2p(self.x_range[0], v)[1] for v in yt])
            mids = (ys[:-1] + ys[1:]) / 2
            self.y_label.set_y(float(mids[np.argmin(np.abs(mids - self.frame.get_center()[1]))]))
        axes.add(self.x_ticks, self.y_ticks, self.x_label, self.y_label)
        return axes

    def _make_markers(self, show=True) -> VGroup:
        group = VGroup()
        self.minimum_markers = VGroup()
        self.saddle_markers = VGroup()
        minima = np.asarray(getattr(self.landscape, "minima", None) if getattr(self.landscape, "minima", None) is not None else np.zeros((0, 2)), dtype=float).reshape(-1, 2)
        if len(minima):
            fm = self._f(minima)
            f_min = getattr(self.landscape, "f_min", None)
            f_min = float(np.min(fm)) if f_min is None else float(f_min)
            tol = 1e-6 * max(1.0, abs(f_min))
        for i, pt in enumerate(minima):
            if not self.contains(*pt):
                continue
            if fm[i] > f_min + tol and show == "global":
                continue
            if fm[i] <= f_min + tol:  # global minimum: a star
                m = Star(5, outer_radius=0.11, inner_radius=0.05, stroke_color=BACKGROUND, stroke_width=1.5,
                         fill_color=TEXT, fill_opacity=0.95)
            else:  # local minimum: a small ring
                m = Circle(radius=0.06, stroke_color=TEXT, stroke_width=2.5, stroke_opacity=0.9)
            self.minimum_markers.add(m.move_to(self.c2p(*pt)))
        saddles = getattr(self.landscape, "saddles", None)
        saddles = np.asarray(saddles if saddles is not None else np.zeros((0, 2)), dtype=float).reshape(-1, 2)
        for pt in saddles if show is True else ():
            if self.contains(*pt):
                d = Square(side_length=0.13, stroke_color=TEXT, stroke_width=2.5, fill_opacity=0).rotate(math.pi / 4)
                self.saddle_markers.add(d.move_to(self.c2p(*pt)))
        group.add(self.minimum_markers, self.saddle_markers)
        return group

    def _make_colorbar(self, label, tick_fs) -> Group:
        h = self.plot_height * 0.8
        w = 0.22
        t = np.linspace(1, 0, 256)[:, None]  # top = high loss
        rgb = self.colors_for(self.value_scale.inverse(t))
        rgba = np.concatenate([rgb, np.ones(rgb.shape[:-1] + (1,))], axis=-1)
        bar = ImageMobject((rgba * 255).round().astype(np.uint8))
        bar.stretch_to_fit_width(w).stretch_to_fit_height(h)
        bar.next_to(self.frame, RIGHT, buff=0.3)
        outline = Rectangle(width=w, height=h, stroke_color=MUTED, stroke_width=1.2).move_to(bar)
        ticks = VGroup()
        for tv in (0.0, 0.5, 1.0):
            value = float(self.value_scale.inverse(tv))
            y = bar.get_bottom()[1] + tv * h
            mark = Line([bar.get_right()[0], y, 0], [bar.get_right()[0] + 0.08, y, 0], stroke_color=MUTED, stroke_width=1.5)
            num = Text(_fmt_loss(value), font=FONT, font_size=tick_fs, color=MUTED).next_to(mark, RIGHT, buff=0.06)
            ticks.add(VGroup(mark, num))
        # above the bar and clear of the top tick's number (which reaches above the bar)
        title = Text(label, font=FONT, font_size=tick_fs, color=MUTED).next_to(Group(bar, outline, ticks), UP, buff=0.12)
        title.set_x(bar.get_x())
        cb = Group(bar, outline, ticks, title)
        cb.bar, cb.outline, cb.ticks, cb.title = bar, outline, ticks, title
        return cb

    # ------------------------------------------------------------------ coordinates
    def c2p(self, x, y=None) -> np.ndarray:
        """Parameters -> scene points. ``c2p(x, y)`` with scalars or arrays, or ``c2p(xy)`` with shape (..., 2); returns (..., 3)."""
        if y is None:
            xy = np.asarray(x, dtype=float)
            x, y = xy[..., 0], xy[..., 1]
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
        dl = self.frame.get_corner(DOWN + LEFT)
        ur = self.frame.get_corner(UP + RIGHT)
        (x0, x1), (y0, y1) = self.bounds
        px = dl[0] + (x - x0) / (x1 - x0) * (ur[0] - dl[0])
        py = dl[1] + (y - y0) / (y1 - y0) * (ur[1] - dl[1])
        return np.stack([px, py, np.zeros_like(px) + dl[2]], axis=-1)

    coords_to_point = c2p

    def p2c(self, point) -> np.ndarray:
        """Scene points (..., 3) -> parameters (..., 2)."""
        p = np.asarray(point, dtype=float)
        dl = self.frame.get_corner(DOWN + LEFT)
        ur = self.frame.get_corner(UP + RIGHT)
        (x0, x1), (y0, y1) = self.bounds
        x = x0 + (p[..., 0] - dl[0]) / (ur[0] - dl[0]) * (x1 - x0)
        y = y0 + (p[..., 1] - dl[1]) / (ur[1] - dl[1]) * (y1 - y0)
        return np.stack([x, y], axis=-1)

    point_to_coords = p2c

    def contains(self, x, y) -> bool | np.ndarray:
        """Whether (x, y) lies inside the map's bounds (arrays give arrays)."""
        (x0, x1), (y0, y1) = self.bounds
        return (np.asarray(x) >= x0) & (np.asarray(x) <= x1) & (np.asarray(y) >= y0) & (np.asarray(y) <= y1)

    def loss_at(self, x, y) -> float:
        """The landscape's loss at (x, y)."""
        return float(self._f(np.array([x, y], dtype=float)))

    def units_per_param(self) -> np.ndarray:
        """Scene units per parameter unit along x and y (for arrows drawn from parameter vectors)."""
        (x0, x1), (y0, y1) = self.bounds
        return np.array([self.frame.width / (x1 - x0), self.frame.height / (y1 - y0)])


def _fmt_loss(v: float) -> str:
    a = abs(v)
    if a == 0:
        return "0"
    if a >= 1e4 or a < 1e-2:
        m, e = f"{v:.0e}".split("e")
        return f"{m}e{int(e)}".replace("-", "\u2212")
    if a >= 100:
        return f"{v:.0f}".replace("-", "\u2212")
    return f"{v:.2g}".replace("-", "\u2212")
