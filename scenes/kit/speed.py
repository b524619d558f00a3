"""Render shortcuts for Cairo at 1080p60: each one gives exactly the pixels stock manim 0.22 draws, and is checked.

The switch: ``OPTIM_SPEEDUPS=0`` (or ``--no-speedups`` on ``python -m scenes render|clip|bench``)
renders with none of them, which is stock manim. ``install()`` is called by every scene that
uses them when it sets up (``ExplainerScene``, the clip scenes), never on import; it installs the
patches only on the manim version they were written for and otherwise falls back to stock
manim with one warning line. Any exception inside a shortcut makes it fall back to manim's own
code for that call, logged once.

The shortcuts
-------------
fast frame repeat
    manim converts a held frame (``wait``, voice-over pauses) from RGBA to YUV once per repeated
    frame (~5 ms each at 1080p). The patch converts it once per hold and hands the same picture
    to the encoder for every repeat.
fast image overlay
    Cairo's camera draws a moving ImageMobject (a heat-map fading in or zooming) by pasting it into
    a transparent full-frame image and alpha-compositing the whole frame. The patch composites
    only the box where the image has any opacity (outside it the composite changes nothing).
skip invisible
    A VMobject whose fill, stroke and background stroke are all fully transparent changes no pixel:
    the patch skips building and filling its path.
path cache
    Cairo's camera rebuilds every drawn VMobject's path curve by curve in Python, every frame. The
    patch keeps the Cairo path of each VMobject with the exact bytes of its points and the
    context's transformation, and replays it while both are unchanged (2D ``Camera`` only).
static plan (``StaticPlan``)
    manim redraws, every frame of a play, everything from the first moving mobject to the end of
    the scene's list. Kit animations say which of their parts change and where they can go
    (``moving_parts`` and ``moving_region`` or ``moving_regions``); the plan draws the other,
    later mobjects that cannot overlap a changing part once per play into the static frame. It
    is *checked on every frame*: if any mobject it treats as static changes (by its own updater,
    another mobject's updater, ``become``, a changed list of submobjects, colour, opacity ...),
    if a changing part leaves its region, or if a moving group adopts a static mobject, the play
    continues from that frame with manim's own split and manim's own static frame, so the pixels
    are manim's either way.

``keep_static_first(scene, *mobs)``
    Moves static backgrounds (maps, axes, panels) to the bottom of the scene's drawing order,
    so that even manim's own rule keeps them in the static frame.
"""

from __future__ import annotations

import logging
import os
from fractions import Fraction

import numpy as np

__all__ = [
    "ENV",
    "SUPPORTED_MANIM",
    "requested",
    "supported",
    "install",
    "uninstall",
    "installed",
    "StaticPlan",
    "plan_play",
    "keep_static_first",
    "bbox",
    "family_bbox",
    "split_parts",
]

#: the environment variable that switches every shortcut off (``0``, ``false``, ``no``, ``off``)
ENV = "OPTIM_SPEEDUPS"
#: the manim release whose internals these patches reproduce exactly
SUPPORTED_MANIM = "0.22.0"

log = logging.getLogger("optim.speed")
_WARNED: set[str] = set()


def _once(key: str, message: str, level: int = logging.WARNING) -> None:
    """Log ``message`` once per process (a fallback is worth one line, not one per frame)."""
    if key not in _WARNED:
        _WARNED.add(key)
        log.log(level, message)


def requested() -> bool:
    """Whether ``$OPTIM_SPEEDUPS`` allows the shortcuts (default yes)."""
    return os.environ.get(ENV, "1").strip().lower() not in ("0", "false", "no", "off")


def supported() -> bool:
    """Whether the installed manim is the release the patches were written for."""
    try:
        import manim
    except Exception:  # pragma: no cover - manim is a dependency
        return False
    return getattr(manim, "__version__", None) == SUPPORTED_MANIM


# ---------------------------------------------------------------------------- the patches
def _patch_frame_repeat():
    from manim.scene.video_segment_encoder import VideoSegmentEncoder

    original = VideoSegmentEncoder.write_frame

    def write_frame(self, pixels, *, repeat: int = 1):
        stream = getattr(self, "_stream", None)
        pix_fmt = getattr(stream, "pix_fmt", None)
        if repeat <= 1 or stream is None or not pix_fmt or pix_fmt == "rgba":
            return original(self, pixels, repeat=repeat)
        import av

        self._validate_frame(pixels, repeat)
        time_base = Fraction(self.spec.frame_rate.denominator, self.spec.frame_rate.numerator)
        try:
            # converted as the encoder itself would (same scaler settings and threads)
            ctx = stream.codec_context
            picture = av.video.reformatter.VideoReformatter().reformat(
                av.VideoFrame.from_ndarray(pixels, format="rgba"), ctx.width, ctx.height, pix_fmt,
                threads=ctx.thread_count)
            for _ in range(repeat):
                picture.pts = self._next_pts
                picture.time_base = time_base
                self._next_pts += 1
                # the encoder takes its own reference (pts included) on every send
                for packet in stream.encode(picture):
                    self._container.mux(packet)
        except BaseException as error:
            raise self._operation_error("encode", error) from error

    return VideoSegmentEncoder, "write_frame", original, write_frame


def _patch_image_overlay():
    from manim.camera.camera import Camera
    from PIL import Image

    original = Camera.overlay_PIL_image

    def overlay_PIL_image(self, pixel_array, image):
        if (image.mode != "RGBA" or self.image_mode != "RGBA" or pixel_array.dtype != np.uint8
                or pixel_array.ndim != 3 or pixel_array.shape[2] != 4
                or image.size != (pixel_array.shape[1], pixel_array.shape[0])):
            return original(self, pixel_array, image)
        box = image.getbbox()  # where alpha > 0 (outside it the composite leaves the frame as it is)
        if box is None:
            return None
        x0, y0, x1, y1 = box
        dst = Image.fromarray(np.ascontiguousarray(pixel_array[y0:y1, x0:x1]), mode="RGBA")
        pixel_array[y0:y1, x0:x1] = np.asarray(Image.alpha_composite(dst, image.crop(box)), dtype=np.uint8)
        return None

    return Camera, "overlay_PIL_image", original, overlay_PIL_image


def _visible(vmobject) -> bool:
    try:
        f = vmobject.get_fill_rgbas()
        if len(f) and f[:, 3].max() > 0:
            return True
        for background in (False, True):
            if vmobject.get_stroke_width(background) > 0:
                s = vmobject.get_stroke_rgbas(background)
                if len(s) and s[:, 3].max() > 0:
                    return True
        return False
    except Exception as error:  # draw it: manim decides
        _once("visible", f"speed: visibility test failed ({error!r}); drawing such mobjects as manim does")
        return True


def _patch_skip_invisible():
    from manim.camera.camera import Camera

    original = Camera.display_vectorized

    def display_vectorized(self, vmobject, ctx):
        if not _visible(vmobject):
            return self
        return original(self, vmobject, ctx)

    return Camera, "display_vectorized", original, display_vectorized


_PATHS: dict = {}
PATH_CACHE_SIZE = 50000


def _patch_path_cache():
    from manim.camera.camera import Camera

    original = Camera.set_cairo_context_path

    def set_cairo_context_path(self, ctx, vmobject):
        pts = vmobject.points
        if type(self) is not Camera or len(pts) == 0:  # moving/3D cameras change the projection
            return original(self, ctx, vmobject)
        try:
            # the path is stored in user space: it is valid only under the same transformation
            key = (pts.tobytes(), vmobject.n_points_per_cubic_curve, tuple(ctx.get_matrix()))
        except Exception as error:
            _once("path-key", f"speed: path cache off for an unusual mobject ({error!r})")
            return original(self, ctx, vmobject)
        hit = _PATHS.get(id(vmobject))
        if hit is not None and hit[0] == key:
            ctx.new_path()
            ctx.append_path(hit[1])
            return self
        original(self, ctx, vmobject)
        if len(_PATHS) >= PATH_CACHE_SIZE:
            _PATHS.clear()
        # the key holds the points themselves: a recycled id with other points never matches
        _PATHS[id(vmobject)] = (key, ctx.copy_path())
        return self

    return Camera, "set_cairo_context_path", original, set_cairo_context_path


_PATCHES = {
    "fast frame repeat": _patch_frame_repeat,
    "fast image overlay": _patch_image_overlay,
    "skip invisible": _patch_skip_invisible,
    "path cache": _patch_path_cache,
}
_ACTIVE: dict[str, tuple] = {}  # name -> (owner, attribute, original)


def installed() -> list[str]:
    """The names of the patches in place now."""
    return list(_ACTIVE)


def install() -> bool:
    """Put every patch in place if ``$OPTIM_SPEEDUPS`` allows it and manim is the supported release;
    otherwise make sure none is (stock manim). Returns whether the shortcuts are on. Idempotent."""
    if not requested():
        uninstall()
        return False
    if not supported():
        import manim

        _once("version", f"speed: render shortcuts are written for manim {SUPPORTED_MANIM}, this is "
                         f"{getattr(manim, '__version__', '?')}; rendering with stock manim")
        uninstall()
        return False
    for name, make in _PATCHES.items():
        if name in _ACTIVE:
            continue
        try:
            owner, attr, original, patched = make()
        except Exception as error:
            _once(f"install {name}", f"speed: {name} not installed ({error!r}); manim's own code is used")
            continue
        patched.__wrapped__ = original
        setattr(owner, attr, patched)
        _ACTIVE[name] = (owner, attr, original)
    return True


def uninstall() -> None:
    """Restore manim's own methods (stock manim)."""
    for name in list(_ACTIVE):
        owner, attr, original = _ACTIVE.pop(name)
        setattr(owner, attr, original)
    _PATHS.clear()


def keep_static_first(scene, *mobs) -> None:
    """Move ``mobs`` (already in the scene or not) to the bottom of the scene's drawing order,
    so that Cairo keeps them in its static frame while the things above them move."""
    for m in mobs:
        if m in scene.mobjects:
            scene.mobjects.remove(m)
    scene.mobjects[:0] = list(mobs)


# ---------------------------------------------------------------------- boxes
def bbox(mob, margin: float = 0.0):
    """``[x0, y0, x1, y1]`` of a mobject's own points (not its family's), widened by ``margin``."""
    pts = mob.points
    lo = pts[:, :2].min(axis=0) - margin
    hi = pts[:, :2].max(axis=0) + margin
    return np.array([lo[0], lo[1], hi[0], hi[1]])


def family_bbox(mob, margin: float = 0.0):
    """``[x0, y0, x1, y1]`` of a mobject's whole family (points only), widened by ``margin``."""
    pts = [m.points for m in mob.get_family() if len(m.points)]
    if not pts:
        return None
    pts = np.concatenate(pts)
    lo = pts[:, :2].min(axis=0) - margin
    hi = pts[:, :2].max(axis=0) + margin
    return np.array([lo[0], lo[1], hi[0], hi[1]])


def split_parts(root, static) -> list:
    """The parts of ``root`` that are not in (and contain none of) the families of ``static``:
    the biggest such submobjects, in drawing order."""
    static_ids = {id(m) for s in static if s is not None for m in s.get_family()}
    out = []

    def walk(mob):
        for child in mob.submobjects:
            if id(child) in static_ids:
                continue
            fam = child.get_family()
            if any(id(m) in static_ids for m in fam):
                walk(child)
            else:
                out.append(child)

    walk(root)
    return out


def _half_stroke(mob) -> float:
    """Half the widest stroke (background included) of ``mob`` alone, in scene units."""
    widths = []
    for background in (False, True):
        try:
            w = mob.get_stroke_width(background)
        except Exception:
            w = 0.0
        widths.append(float(np.max(w)) if np.size(w) else 0.0)
    return 0.005 * max(widths)  # Cairo's line width is stroke_width * 0.01 scene units


# ---------------------------------------------------------------------- the static plan
_SCALARS = (bool, int, float, str, bytes, type(None))


def _fingerprint(mob) -> tuple:
    """Everything about ``mob`` alone that can change what Cairo draws for it: which submobjects it
    has and, when it has points, its points, colours, widths, images (every array attribute) and
    plain settings (a group without points draws nothing itself)."""
    arrays, plain = [], []
    if not len(mob.points):
        return tuple(id(s) for s in mob.submobjects), (), arrays
    for key, value in mob.__dict__.items():
        if key in ("updaters", "submobjects", "animation_overrides"):
            continue
        if isinstance(value, np.ndarray):
            arrays.append((key, value.copy()))
        elif isinstance(value, _SCALARS):
            plain.append((key, value))
        elif isinstance(value, tuple) and all(isinstance(v, _SCALARS) for v in value):
            plain.append((key, value))
    return tuple(id(s) for s in mob.submobjects), tuple(plain), arrays


def _same(mob, fp) -> bool:
    subs, plain, arrays = fp
    if tuple(id(s) for s in mob.submobjects) != subs:
        return False
    now = _fingerprint(mob)
    if now[1] != plain or len(now[2]) != len(arrays):
        return False
    for (k0, a0), (k1, a1) in zip(arrays, now[2]):
        if k0 != k1 or a0.shape != a1.shape or a0.dtype != a1.dtype or not np.array_equal(a0, a1, equal_nan=True):
            return False
    return True


class StaticPlan:
    """A play drawn as: manim's static frame, plus the ``extras`` (later mobjects that cannot
    change or meet a changing part) drawn once into it, plus the ``moving`` mobjects every frame.

    Built by ``plan_play`` at the start of a play, after manim chose its own split
    (``stock_moving``, ``stock_static``). ``check()`` runs every frame before drawing; when it
    returns False the scene goes back to manim's split and manim's static frame (``stock_image``).
    """

    def __init__(self, stock_moving, moving, extras, watched, hinted):
        self.stock_moving = stock_moving
        self.moving = moving          # a sublist of stock_moving: what Cairo redraws every frame
        self.extras = extras          # mobjects with points drawn once into the static frame, in order
        self.watched = watched        # extras and partly moving groups, with their fingerprints
        self.hinted = hinted          # (mobject, region [x0, y0, x1, y1]) for each changing part
        self.stock_image = None
        self.reason = ""

    def draw_static(self, renderer) -> None:
        """Keep manim's static frame (just drawn) and draw the extras into it; fingerprint them."""
        camera = renderer.camera
        self.stock_image = renderer.static_image
        if self.stock_image is not None:
            camera.set_frame_to_background(self.stock_image)
        else:
            camera.reset()
        camera.capture_mobjects(self.extras, include_submobjects=False)
        renderer.static_image = camera.pixel_array.copy()
        self.fingerprints = [(m, _fingerprint(m)) for m in self.watched]
        self.extra_ids = {id(m) for m in self.extras}

    def check(self, camera, moving=None) -> bool:
        """Whether this frame can be drawn by the plan (else ``reason`` says why not). ``moving``:
        the scene's list of moving mobjects now (the plan's, plus what was added since it began)."""
        for m, fp in self.fingerprints:
            if not _same(m, fp):
                self.reason = f"a static {type(m).__name__} changed"
                return False
        for m, region in self.hinted:
            for f in m.get_family():
                if len(f.points):
                    b = bbox(f)
                    if b[0] < region[0] or b[1] < region[1] or b[2] > region[2] or b[3] > region[3]:
                        self.reason = f"a {type(f).__name__} left its region"
                        return False
                    if _half_stroke(f) > self.stroke_guard:
                        self.reason = f"a {type(f).__name__} got a wider stroke"
                        return False
        drawn = camera.get_mobjects_to_display(self.moving if moving is None else moving)
        if any(id(m) in self.extra_ids for m in drawn):
            self.reason = "a moving group (or the scene, by add) took in a static mobject"
            return False
        return True


#: scene units added around a changing part, besides the widest stroke: anti-aliasing at 480p is ~0.017
AA_MARGIN = 0.04


def plan_play(scene, animations, stock_moving) -> StaticPlan | None:
    """A ``StaticPlan`` for a play whose animations hint where they change, or ``None`` (manim's split).

    ``stock_moving`` is manim's own list of moving mobjects (families flattened, in drawing
    order). Hinted parts are redrawn every frame; so is everything from the first unhinted
    animation, updater or foreground mobject on (manim's rule), and every later mobject whose box
    (with its stroke and an anti-aliasing margin) meets a changing part's region.
    """
    from manim.animation.composition import AnimationGroup

    everywhere = np.array([-np.inf, -np.inf, np.inf, np.inf])
    leaves = []

    def collect(anims):
        for a in anims:
            if isinstance(a, AnimationGroup):
                leaves.append(a)  # the group's own mobject: moving anywhere unless its leaves say otherwise
                collect(a.animations)
            else:
                leaves.append(a)

    collect(animations)
    region_of: dict[int, np.ndarray] = {}
    hinted = []
    for a in leaves:
        parts = getattr(a, "moving_parts", None)
        region = getattr(a, "moving_region", None)
        if parts is None or region is None:
            continue
        regions = getattr(a, "moving_regions", None)  # optional: one box per part
        if regions is None or len(regions) != len(parts):
            regions = [region] * len(parts)
        for p, r in zip(parts, regions):
            r = np.asarray(r, dtype=float).reshape(4)
            hinted.append((p, r))
            for m in p.get_family():
                region_of.setdefault(id(m), r)
    if not hinted:
        return None
    for a in leaves:
        if isinstance(a, AnimationGroup):
            # a group of hinted animations moves only through them; any other group moves anywhere
            if all(getattr(x, "moving_parts", None) is not None for x in a.animations):
                continue
            members = a.mobject.get_family()
            hinted_ids = {id(m) for x in a.animations if getattr(x, "moving_parts", None) is not None
                          for m in x.mobject.get_family()}
            for m in members:
                if id(m) not in hinted_ids:
                    region_of[id(m)] = everywhere
            continue
        if getattr(a, "moving_parts", None) is None or getattr(a, "moving_region", None) is None:
            for m in a.mobject.get_family():
                region_of[id(m)] = everywhere
    for m in list(scene.foreground_mobjects) + [m for m in stock_moving if m.updaters]:
        for f in m.get_family():
            region_of[id(f)] = everywhere

    guard = max([_half_stroke(f) for p, _ in hinted for f in p.get_family()] + [0.0])
    moving_ids: set[int] = set()
    active = np.zeros((0, 4))
    seen_regions: set[int] = set()
    kept: list[np.ndarray] = []
    for m in stock_moving:
        r = region_of.get(id(m))
        if r is None and id(m) not in moving_ids and len(m.points) and len(active):
            b = bbox(m, margin=_half_stroke(m) + guard + AA_MARGIN)
            hit = (b[0] <= active[:, 2]) & (active[:, 0] <= b[2]) & (b[1] <= active[:, 3]) & (active[:, 1] <= b[3])
            if hit.any():
                r = b  # a static mobject drawn above a place where something moves: redraw it too, above it
        if r is None and id(m) not in moving_ids:
            continue
        if r is None:  # a descendant of a mobject redrawn because it overlaps: it goes with its parent
            r = bbox(m, margin=_half_stroke(m) + guard + AA_MARGIN) if len(m.points) else None
        for f in m.get_family():
            moving_ids.add(id(f))
        if r is not None and id(r) not in seen_regions:
            # shared hint regions are added once; the list keeps every region alive, so an id is
            # never reused by a new array (a reused id would silently drop a region)
            seen_regions.add(id(r))
            kept.append(r)
            active = np.vstack([active, r[None, :]])

    def fully_moving(m):
        return all(id(f) in moving_ids for f in m.get_family())

    moving = [m for m in stock_moving if fully_moving(m)]
    extras = [m for m in stock_moving if id(m) not in moving_ids and len(m.points)]
    watched = [m for m in stock_moving if not fully_moving(m)]
    plan = StaticPlan(stock_moving, moving, extras, watched, hinted)
    plan.stroke_guard = guard + 1e-9
    return plan
