"""The landscape as a 3-D surface (for a ThreeDScene) where height helps — the saddle — with trajectories lifted onto it.

Usage::

    class Saddle3D(ThreeDScene):
        def construct(self):
            ls = oc.landscape("saddle")
            surf = LandscapeSurface(ls)                 # ~ 6 x 6 units wide, 2.5 high, coloured like the map
            self.set_camera_orientation(phi=62 * DEGREES, theta=-50 * DEGREES, zoom=0.9)
            self.add(surf)
            path = TrajectoryPath(traj, surf, "momentum")   # the path hugs the surface
            self.play(path.draw(), run_time=5)

``surf.c2p(x, y)`` gives the scene point on the surface (slightly above it, so paths stay visible).
The same ``value_scale`` as ``LandscapeMap`` maps loss to height and colour (linear or log).
"""

from __future__ import annotations

import numpy as np
from manim import DEGREES, RIGHT, Line, MathTex, Rectangle, Surface, VGroup, VMobject
from manim.utils.space_ops import rotation_about_z, rotation_matrix

from .landscape_map import ValueScale, _hex_to_rgb
from .palette import BACKGROUND, MUTED, TEXT, colormap
from .typeset import TEX_SIZES

__all__ = ["LandscapeSurface", "ProjectedSurface", "camera_rotation", "view_matrix"]


def camera_rotation(phi: float, theta: float) -> np.ndarray:
    """The rotation manim's ``ThreeDCamera`` applies for ``(phi, theta)`` (radians): scene -> camera,
    +z toward the viewer. The one place the 3D view maths lives (chapter 8's camera moves, the clip
    scene's flattened surface)."""
    return rotation_matrix(-phi, RIGHT) @ rotation_about_z(-theta - 90 * DEGREES)


class LandscapeSurface(VGroup):
    """A coloured, gently shaded surface of the landscape over its bounds.

    Parameters
    ----------
    landscape
        optim_core Landscape.
    width
        Size of the longer horizontal side in scene units (the other follows the bounds).
    z_height
        Height in scene units of the range from the lowest to the highest (clipped) loss.
    resolution
        Faces along each side; 24 keeps Cairo fast while the camera moves.
    scale, cmap, cmap_range, brightness
        As in ``LandscapeMap`` (colour follows height).
    lift
        Height above the surface at which ``c2p`` places points (paths, dots).
    base
        Draw a faint outline of the bounds at the surface's lowest level.
    bake_light
        A light position (e.g. ``scene.camera.light_source.get_location()``): bake the 3D camera's
        shading into the face colours now (see ``bake_shading``). Then set
        ``scene.camera.should_apply_shading = False``: the same look, and the camera no longer
        computes normals and colours of every face every frame (~60 % of a surface chapter's time).
        ``stroke_width=0`` saves the face outlines too.
    """

    path_subdivisions = 6

    def __init__(self, landscape, *, bounds=None, width: float = 6.0, z_height: float = 2.5, resolution: int = 24,
                 scale: str = "auto", cmap: str = "viridis", cmap_range=(0.0, 0.9), brightness: float = 0.9,
                 fill_opacity: float = 0.92, stroke_width: float = 0.4, lift: float = 0.04, base: bool = True,
                 z_clip_percentile: float = 99.0, bake_light=None, **kwargs):
        super().__init__(**kwargs)
        self.landscape = landscape
        b = bounds if bounds is not None else landscape.bounds
        (x0, x1), (y0, y1) = b
        self.bounds = ((float(x0), float(x1)), (float(y0), float(y1)))
        span = max(x1 - x0, y1 - y0)
        self.xy_scale = width / span
        self.lift = lift
        gx, gy = np.meshgrid(np.linspace(x0, x1, 80), np.linspace(y0, y1, 80))
        with np.errstate(all="ignore"):
            Z = np.asarray(landscape.f(np.stack([gx, gy], -1)), dtype=float)
        if scale == "auto" and hasattr(landscape, "log_scale"):
            scale = "log" if landscape.log_scale else "linear"
        vs = ValueScale.fit(Z, scale, f_min=getattr(landscape, "f_min", None))
        # clip the height so a few huge values do not flatten the interesting part
        top = float(np.percentile(Z[np.isfinite(Z)], z_clip_percentile))
        self.value_scale = ValueScale(vs.kind, vs.vmin, max(top, vs.vmin + 1e-12), vs.offset)
        self.z_height = z_height
        self.center_xy = np.array([(x0 + x1) / 2, (y0 + y1) / 2])
        cm = colormap(cmap)
        lo, hi = cmap_range
        bg = _hex_to_rgb(BACKGROUND)

        def point(u, v):
            return self._raw_point(u, v)

        self.surface = Surface(
            point,
            u_range=[x0, x1],
            v_range=[y0, y1],
            resolution=(resolution, resolution),
            fill_opacity=fill_opacity,
            checkerboard_colors=False,
            stroke_width=stroke_width,
            stroke_color=BACKGROUND,
            stroke_opacity=0.5,
        )
        for face in self.surface:
            c = face.get_center()
            t = np.clip(c[2] / z_height, 0, 1)
            rgb = bg + (cm(lo + (hi - lo) * t) - bg) * brightness
            face.set_fill(rgb_to_hex(rgb), opacity=fill_opacity)
        self.add(self.surface)
        # an invisible reference point at the build origin: c2p follows shifts of the surface
        self._ref = VMobject(stroke_width=0, stroke_opacity=0, fill_opacity=0)
        self._ref.set_points_as_corners([np.zeros(3), np.array([1e-4, 0, 0])])
        self.add(self._ref)
        self.base = VGroup()
        if base:
            corners = [self._raw_point(x, y, z=0.0) for x, y in ((x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0))]
            for a, c in zip(corners[:-1], corners[1:]):
                self.base.add(Line(a, c, stroke_color=MUTED, stroke_width=1.5, stroke_opacity=0.5))
            self.add(self.base)
        self.baked_light = None
        if bake_light is not None:
            self.bake_shading(bake_light)

    def bake_shading(self, light_source) -> "LandscapeSurface":
        """Give each face the colours the 3D camera's shading would give it for a light fixed at
        ``light_source`` (a point, or a mobject such as ``camera.light_source``). Bake after
        placing the surface; use with ``camera.should_apply_shading = False``. Baking twice
        shades the already shaded colours: bake once."""
        from manim.mobject.three_d.three_d_utils import (
            get_3d_vmob_end_corner,
            get_3d_vmob_end_corner_unit_normal,
            get_3d_vmob_start_corner,
            get_3d_vmob_start_corner_unit_normal,
        )
        from manim.utils.color.core import ManimColor, get_shaded_rgb

        if hasattr(light_source, "points"):  # a Point mobject such as camera.light_source
            light_source = light_source.points[0]
        light = np.asarray(light_source, dtype=float)
        for face in self.surface:
            rgba = face.get_fill_rgbas()[0]
            c0 = get_shaded_rgb(rgba[:3].copy(), get_3d_vmob_start_corner(face),
                                get_3d_vmob_start_corner_unit_normal(face), light)
            c1 = get_shaded_rgb(rgba[:3].copy(), get_3d_vmob_end_corner(face),
                                get_3d_vmob_end_corner_unit_normal(face), light)
            face.set_fill([ManimColor.from_rgb(np.clip(c0, 0, 1)), ManimColor.from_rgb(np.clip(c1, 0, 1))],
                          opacity=float(rgba[3]))
        self.baked_light = light
        return self

    def height(self, f) -> np.ndarray:
        """Scene height of loss values (0 at the lowest, ``z_height`` at the clipped top)."""
        return self.value_scale(f) * self.z_height

    def _raw_point(self, x, y, z=None):
        if z is None:
            with np.errstate(all="ignore"):
                z = float(self.height(self.landscape.f(np.array([x, y], dtype=float))))
        return np.array([(x - self.center_xy[0]) * self.xy_scale, (y - self.center_xy[1]) * self.xy_scale, z])

    def c2p(self, x, y=None) -> np.ndarray:
        """Parameters -> scene points on the surface (``lift`` above it); arrays give (..., 3).

        Follows the surface if it was moved (shift only; keep the surface unscaled after creation).
        """
        if y is None:
            xy = np.asarray(x, dtype=float)
            x, y = xy[..., 0], xy[..., 1]
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
        with np.errstate(all="ignore"):
            f = np.asarray(self.landscape.f(np.stack([x, y], -1)), dtype=float)
        z = self.height(f) + self.lift
        offset = self.get_offset()
        return np.stack([(x - self.center_xy[0]) * self.xy_scale + offset[0],
                         (y - self.center_xy[1]) * self.xy_scale + offset[1], z + offset[2]], axis=-1)

    coords_to_point = c2p

    def get_offset(self) -> np.ndarray:
        """How far the surface has been shifted since it was built."""
        return self._ref.points[0].copy()

    def frame_points(self) -> np.ndarray:
        """Two points that move with the surface (trajectories use them to follow it)."""
        o = self.get_offset()
        return np.array([o, o + np.array([1.0, 1.0, 0.0])])

    def contains(self, x, y):
        (x0, x1), (y0, y1) = self.bounds
        return (np.asarray(x) >= x0) & (np.asarray(x) <= x1) & (np.asarray(y) >= y0) & (np.asarray(y) <= y1)


def rgb_to_hex(rgb) -> str:
    r, g, b = np.clip(np.round(np.asarray(rgb) * 255), 0, 255).astype(int)
    return f"#{r:02X}{g:02X}{b:02X}"


# --------------------------------------------------------------------------- a fixed view, flattened

VIEW_PHI = 62.0  # degrees off the vertical (manim's ThreeDScene phi)
VIEW_THETA = -55.0  # degrees around the vertical (manim's theta)


def view_matrix(phi_deg: float = VIEW_PHI, theta_deg: float = VIEW_THETA) -> np.ndarray:
    """``camera_rotation`` for (phi, theta) given in degrees."""
    return camera_rotation(phi_deg * DEGREES, theta_deg * DEGREES)


class ProjectedSurface(VGroup):
    """A ``LandscapeSurface`` seen from a fixed camera and flattened into the plane (the custom clips' surface view).

    A plain (2-D) Scene draws it: faces are sorted far to near once (painter's algorithm), so the
    picture matches a ThreeDScene at (phi, theta) in orthographic projection, costs nothing per
    frame, and lays out like any other mobject. ``c2p(x, y)`` gives the projected point on the
    surface (lifted slightly, so paths stay visible); it follows later shifts and uniform scaling.
    ``frame`` is an invisible box around the projection (for layout), ``bounds`` the landscape's.
    """

    path_subdivisions = 6

    def __init__(self, landscape, max_width: float, max_height: float, *, resolution: int = 28,
                 phi: float = VIEW_PHI, theta: float = VIEW_THETA, labels=("x", "y"), label_font_size: float = TEX_SIZES["label"]):
        super().__init__()
        surf = LandscapeSurface(landscape, width=6.0, z_height=2.2, resolution=resolution, lift=0.05,
                                stroke_width=0.35)
        self.inner = surf
        self.landscape = landscape
        self.bounds = surf.bounds
        self.R = view_matrix(phi, theta)
        faces = list(surf.surface)
        base = list(surf.base)
        for mob in faces + base:
            for m in mob.get_family():
                if len(m.points):
                    m.points = m.points @ self.R.T
        faces.sort(key=lambda face: face.get_center()[2])  # far (low z) first
        # axis names beside the middle of two base edges, pushed outward
        (x0, x1), (y0, y1) = self.bounds
        pad = 0.1 * max(x1 - x0, y1 - y0)
        self.axis_labels = VGroup()
        label_points = []
        if labels:
            for text, (lx, ly) in zip(labels, (((x0 + x1) / 2, y0 - pad), (x1 + pad, (y0 + y1) / 2))):
                p = self._raw(lx, ly, z=0.0) @ self.R.T
                label_points.append(p)
        self._anchor = VMobject(stroke_width=0, stroke_opacity=0, fill_opacity=0)
        self._anchor.set_points_as_corners([np.zeros(3), np.array([1.0, 1.0, 0.0])])
        parts = VGroup(*base, *faces)
        for mob in parts.get_family():
            if len(mob.points):
                mob.points[:, 2] = 0.0
        self.faces = VGroup(*faces)
        self.base = VGroup(*base)
        self.add(self.base, self.faces, self._anchor)
        if labels:
            for text, p in zip(labels, label_points):
                lab = MathTex(text, font_size=label_font_size, color=TEXT).move_to([p[0], p[1], 0])
                self.axis_labels.add(lab)
            self.add(self.axis_labels)
        # fit the box, centred on the origin
        scale = min(max_width / self.width, max_height / self.height)
        self.scale(scale, about_point=np.zeros(3))
        for lab in self.axis_labels:  # keep the labels' size readable after scaling
            lab.scale(1 / scale)
        self.shift(-self.get_center())
        self.frame = Rectangle(width=self.width, height=self.height, stroke_opacity=0, fill_opacity=0,
                               stroke_width=0).move_to(self.get_center())
        self.add(self.frame)

    def _raw(self, x, y, z=None) -> np.ndarray:
        """Scene point of (x, y) on the unrotated, unscaled surface (z from the loss unless given)."""
        s = self.inner
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
        if z is None:
            with np.errstate(all="ignore"):
                f = np.asarray(s.landscape.f(np.stack([x, y], -1)), dtype=float)
            z = s.height(f) + s.lift
        z = np.broadcast_to(np.asarray(z, dtype=float), np.broadcast(x, y).shape)
        return np.stack([(x - s.center_xy[0]) * s.xy_scale, (y - s.center_xy[1]) * s.xy_scale, z], axis=-1)

    def c2p(self, x, y=None) -> np.ndarray:
        """Parameters -> projected scene points on the surface; arrays give (..., 3)."""
        if y is None:
            xy = np.asarray(x, dtype=float)
            x, y = xy[..., 0], xy[..., 1]
        q = self._raw(x, y) @ self.R.T
        a, b = self._anchor.points[0], self._anchor.points[-1]
        k = b[0] - a[0]
        out = a + q * k
        out[..., 2] = a[2]
        return out

    coords_to_point = c2p

    def frame_points(self) -> np.ndarray:
        """Two points that move with the picture (trajectories use them to follow it)."""
        return np.array([self._anchor.points[0], self._anchor.points[-1]])

    def contains(self, x, y):
        (x0, x1), (y0, y1) = self.bounds
        return (np.asarray(x) >= x0) & (np.asarray(x) <= x1) & (np.asarray(y) >= y0) & (np.asarray(y) <= y1)
