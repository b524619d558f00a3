"""Render-speed helpers for Cairo at 1080p60 (see /tmp/lead/perf.md for the measurements behind them).

``install_fast_frame_repeat()``
    manim 0.22 converts a held frame (``wait``, voice-over pauses) from RGBA to YUV once per
    repeated frame (~5 ms each at 1080p, ~0.3 s of CPU per second of held video). The patch
    converts it once per hold and hands the same YUV picture to the encoder for every repeat:
    identical output, a fraction of the cost. Idempotent; ``ExplainerScene`` installs it.

``install_fast_image_overlay()``
    Cairo's camera draws a moving ImageMobject (a heat-map fading in or zooming) by pasting it
    into a transparent full-frame image and alpha-compositing the whole 1920 x 1080 frame. The
    patch composites only the box where the image has any opacity: identical pixels, a fraction
    of the work. Idempotent; ``ExplainerScene`` installs it.

``install_skip_invisible()``
    The kit keeps many fully transparent VMobjects in its pictures (hidden step markers, the
    invisible anchors and rulers, hidden labels); Cairo still builds and fills their paths every
    frame. The patch skips a VMobject whose fill, stroke and background stroke are all
    invisible: drawing with zero alpha changes no pixel. ``ExplainerScene`` installs it.

``install_path_cache()``
    Cairo's camera rebuilds every redrawn VMobject's path curve by curve in Python, every frame,
    although most redrawn glyphs and lines do not change. The patch keeps the Cairo path of each
    VMobject with the exact bytes of its points and replays it while they are unchanged (2D
    ``Camera`` only). ``ExplainerScene`` installs it.

``plan_moving(scene, animations)``
    A finer split into moving and static mobjects for plays made of the kit's ``draw()``
    animations (``ExplainerScene`` uses it in 2D scenes; see its docstring).

``keep_static_first(scene, *mobs)``
    Cairo redraws, every frame, every mobject from the first "moving" one (animated, with an
    updater, or in the foreground) to the end of the scene's list. Moving ``mobs`` (static
    backgrounds: maps, axes, panels) to the bottom of the list lets them be drawn once per play.
"""

from __future__ import annotations

from fractions import Fraction

__all__ = ["install_fast_frame_repeat", "install_fast_image_overlay", "install_skip_invisible",
           "install_path_cache", "keep_static_first", "plan_moving"]

_INSTALLED = False


def install_fast_frame_repeat() -> bool:
    """Patch manim's segment encoder so repeated frames are colour-converted once. Returns whether it is active."""
    global _INSTALLED
    if _INSTALLED:
        return True
    try:
        import av
        from manim.scene.video_segment_encoder import VideoSegmentEncoder
    except Exception:  # another manim layout: leave it alone
        return False
    original = VideoSegmentEncoder.write_frame

    def write_frame(self, pixels, *, repeat: int = 1):
        stream = getattr(self, "_stream", None)
        pix_fmt = getattr(stream, "pix_fmt", None)
        if repeat <= 1 or stream is None or not pix_fmt or pix_fmt == "rgba":
            return original(self, pixels, repeat=repeat)
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

    write_frame.__wrapped__ = original
    VideoSegmentEncoder.write_frame = write_frame
    _INSTALLED = True
    return True


def install_fast_image_overlay() -> bool:
    """Patch ``Camera.overlay_PIL_image`` to composite only the image's opaque box. Returns whether it is active."""
    try:
        import numpy as np
        from manim.camera.camera import Camera
        from PIL import Image
    except Exception:
        return False
    if hasattr(Camera.overlay_PIL_image, "__wrapped__"):
        return True
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

    overlay_PIL_image.__wrapped__ = original
    Camera.overlay_PIL_image = overlay_PIL_image
    return True


def install_skip_invisible() -> bool:
    """Patch ``Camera.display_vectorized`` to skip fully transparent VMobjects. Returns whether it is active."""
    try:
        from manim.camera.camera import Camera
    except Exception:
        return False
    if hasattr(Camera.display_vectorized, "__wrapped__"):
        return True
    original = Camera.display_vectorized

    def visible(vmobject) -> bool:
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
        except Exception:
            return True

    def display_vectorized(self, vmobject, ctx):
        if not visible(vmobject):
            return self
        return original(self, vmobject, ctx)

    display_vectorized.__wrapped__ = original
    Camera.display_vectorized = display_vectorized
    return True


_PATHS: dict = {}


def install_path_cache(max_entries: int = 50000) -> bool:
    """Patch ``Camera.set_cairo_context_path`` to replay unchanged paths. Returns whether it is active."""
    try:
        from manim.camera.camera import Camera
    except Exception:
        return False
    if hasattr(Camera.set_cairo_context_path, "__wrapped__"):
        return True
    original = Camera.set_cairo_context_path

    def set_cairo_context_path(self, ctx, vmobject):
        pts = vmobject.points
        if type(self) is not Camera or len(pts) == 0:  # moving/3D cameras change the projection
            return original(self, ctx, vmobject)
        key = pts.tobytes()
        hit = _PATHS.get(id(vmobject))
        if hit is not None and hit[0] == key and hit[2] == vmobject.n_points_per_cubic_curve:
            ctx.new_path()
            ctx.append_path(hit[1])
            return self
        original(self, ctx, vmobject)
        if len(_PATHS) >= max_entries:
            _PATHS.clear()
        # the key is the points themselves: a recycled id with other points never matches
        _PATHS[id(vmobject)] = (key, ctx.copy_path(), vmobject.n_points_per_cubic_curve)
        return self

    set_cairo_context_path.__wrapped__ = original
    Camera.set_cairo_context_path = set_cairo_context_path
    return True


def keep_static_first(scene, *mobs) -> None:
    """Move ``mobs`` (already in the scene or not) to the bottom of the scene's drawing order,
    so that Cairo keeps them in its static frame while the things above them move."""
    for m in mobs:
        if m in scene.mobjects:
            scene.mobjects.remove(m)
    scene.mobjects[:0] = list(mobs)


# ---------------------------------------------------------------------- finer static frames
def bbox(mob, margin: float = 0.0):
    """``[x0, y0, x1, y1]`` of a mobject's own points (not its family's), widened by ``margin``."""
    import numpy as np

    pts = mob.points
    lo = pts[:, :2].min(axis=0) - margin
    hi = pts[:, :2].max(axis=0) + margin
    return np.array([lo[0], lo[1], hi[0], hi[1]])


def family_bbox(mob, margin: float = 0.0):
    """``[x0, y0, x1, y1]`` of a mobject's whole family (points only), widened by ``margin``."""
    import numpy as np

    pts = [m.points for m in mob.get_family() if len(m.points)]
    if not pts:
        return None
    pts = np.concatenate(pts)
    lo = pts[:, :2].min(axis=0) - margin
    hi = pts[:, :2].max(axis=0) + margin
    return np.array([lo[0], lo[1], hi[0], hi[1]])


def plan_moving(scene, animations):
    """The mobjects Cairo must redraw every frame of a play (``None``: let manim choose).

    manim redraws everything from the first moving mobject to the end of the scene's list.
    Here an animation may say which parts of its mobject change and where they can go
    (``moving_parts``, ``moving_region`` = ``[x0, y0, x1, y1]``, or ``moving_regions``, one box
    per part; the kit's ``draw()`` animations do). Those parts are redrawn, and so is every later mobject that overlaps a
    redrawn one; the static parts of the drawn pictures (axes, tick labels, titles) and
    later mobjects elsewhere on the screen stay in the static frame. Other animations,
    updaters and foreground mobjects count as moving anywhere (manim's rule). Drawing order
    is kept, so frames are identical to manim's.
    """
    import numpy as np
    from manim.animation.composition import AnimationGroup

    everywhere = np.array([-np.inf, -np.inf, np.inf, np.inf])
    leaves = []

    def collect(anims):
        for a in anims:
            if isinstance(a, AnimationGroup):
                collect(a.animations)
            else:
                leaves.append(a)

    collect(animations)
    region_of = {}
    hinted = False
    for a in leaves:
        parts = getattr(a, "moving_parts", None)
        region = getattr(a, "moving_region", None)
        if parts is None or region is None:
            continue
        hinted = True
        regions = getattr(a, "moving_regions", None)  # optional: one box per part
        if regions is None or len(regions) != len(parts):
            regions = [region] * len(parts)
        for p, r in zip(parts, regions):
            r = np.asarray(r, dtype=float).reshape(4)
            for m in p.get_family():
                region_of[id(m)] = r
    if not hinted:
        return None
    for a in leaves:
        if getattr(a, "moving_parts", None) is None or getattr(a, "moving_region", None) is None:
            for m in a.mobject.get_family():
                region_of[id(m)] = everywhere
    family = scene.get_mobject_family_members()
    for m in list(scene.foreground_mobjects) + [m for m in family if m.updaters]:
        for f in m.get_family():
            region_of[id(f)] = everywhere
    moving = []
    active = np.zeros((0, 4))
    seen_regions = set()
    for m in family:
        r = region_of.get(id(m))
        if r is not None:  # a changing part (groups too: glyphs added during the play are drawn)
            moving.append(m)
            if id(r) not in seen_regions:
                seen_regions.add(id(r))
                active = np.vstack([active, r[None, :]])
            continue
        if not len(m.points) or not len(active):
            continue
        # a static mobject drawn above a place where something moves: redraw it too, above it
        b = bbox(m, margin=0.05)
        hit = (b[0] <= active[:, 2]) & (active[:, 0] <= b[2]) & (b[1] <= active[:, 3]) & (active[:, 1] <= b[3])
        if hit.any():
            moving.append(m)
            active = np.vstack([active, b[None, :]])
    return moving


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
