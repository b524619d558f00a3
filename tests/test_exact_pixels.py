"""Exact pixels: the render shortcuts (``scenes.kit.speed``) never change a frame, and readouts never keep old glyphs.

Each small scene below exercises one shortcut and one known trap of a static/moving split. It is
rendered twice in this process at the chapters' test quality (854x480, 15 fps): with the
shortcuts, and with ``OPTIM_SPEEDUPS=0`` (stock manim 0.22). Every frame handed to the encoder
is hashed; the two lists must be identical, frame for frame and hold for hold. The "bite" tests
break a shortcut on purpose and check that the same comparison then fails.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pytest
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Circle,
    Create,
    Dot,
    FadeIn,
    ImageMobject,
    Line,
    Square,
    Text,
    ValueTracker,
    VGroup,
    always_redraw,
    linear,
    tempconfig,
)

import optim_core as oc
from scenes.kit import (
    FONT,
    LandscapeMap,
    LandscapeSurface,
    LiveText,
    LossChart,
    TrajectoryPath,
    format_value,
    speed,
)
from scenes.scene import ExplainerScene, ExplainerThreeDScene

FPS = 15


def render_frames(scene_cls, speedups: bool, tmp_path, monkeypatch) -> tuple[list, object]:
    """``[(sha1 of the RGBA frame, repeats), ...]`` as handed to the encoder, and the scene."""
    monkeypatch.setenv(speed.ENV, "1" if speedups else "0")
    monkeypatch.setenv("OPTIM_VOICE", "none")
    media = tmp_path / ("on" if speedups else "off")
    frames: list = []
    with tempconfig({"media_dir": str(media), "quality": "low_quality", "frame_rate": FPS,
                     "disable_caching": True, "progress_bar": "none", "verbosity": "ERROR"}):
        scene = scene_cls()
        original = scene.renderer.add_frame

        def add_frame(frame, num_frames=1):
            frames.append((hashlib.sha1(np.ascontiguousarray(frame).tobytes()).hexdigest(), num_frames))
            return original(frame, num_frames)

        scene.renderer.add_frame = add_frame
        scene.render()
    assert speed.installed() == ([] if not speedups else list(speed._PATCHES)), speed.installed()
    return frames, scene


def assert_same_frames(scene_cls, tmp_path, monkeypatch):
    on, scene_on = render_frames(scene_cls, True, tmp_path, monkeypatch)
    off, _ = render_frames(scene_cls, False, tmp_path, monkeypatch)
    assert len(on) == len(off), f"{len(on)} frames with the shortcuts, {len(off)} without"
    bad = [i for i, (a, b) in enumerate(zip(on, off)) if a != b]
    assert not bad, (f"{len(bad)} of {len(on)} frames differ from stock manim, first at frame {bad[0]} "
                     f"({bad[0] / FPS:.2f} s)")
    return scene_on


# --------------------------------------------------------------------------- scenes with traps
class _Base(ExplainerScene):
    """A map and a diverging run drawn by the kit (a hinted play: the static plan is used)."""

    def map_and_run(self, lr=0.6, steps=30, readout="corner"):
        ls = oc.landscape("ravine")
        self.lmap = LandscapeMap(ls, width=5.5, resolution=60, n_contours=6).to_edge(LEFT, buff=0.6)
        traj = oc.run(oc.optimizer("gd", lr=lr), ls, ls.start, steps=steps)
        self.path = TrajectoryPath(traj, self.lmap, "gd", readout=readout)
        self.add(self.lmap, self.path)
        return self.path


class ReadoutWidths(_Base):
    """Readouts counting through values whose width grows and shrinks (the ch03/ch11 stale-glyph trap)."""

    def construct(self):
        path = self.map_and_run(lr=0.6, steps=30)  # the loss grows by orders of magnitude, then "diverged"
        chart = LossChart(30, width=4.0, height=1.6).to_edge(RIGHT, buff=0.6).shift(UP)
        chart.add_trajectory(path)
        free = LiveText("0000000", font_size=32).to_edge(RIGHT, buff=0.8).shift(2 * DOWN)
        values = [1315.0, 131.0, 2565.0, 25.6, 9805.0, 980.0, float("inf"), 0.51, 1e-5, 3.0]
        tracker = ValueTracker(0)
        free.add_updater(lambda m: m.set_text(format_value(values[int(tracker.get_value()) % len(values)])))
        self.add(chart, free)
        self.play(path.draw(), chart.draw(), tracker.animate.set_value(len(values) - 0.01),
                  run_time=3, rate_func=linear)
        self.play(path.draw(start=0, end=4), chart.draw(start=0, end=4), run_time=1)  # back to short values


class ChangedByAnotherUpdater(_Base):
    """A line inside a group, moved by the updater of its sibling (the ch01 trap), and a text after
    everything that another mobject's updater rewrites with ``become``."""

    def construct(self):
        path = self.map_and_run(lr=0.1, steps=30, readout=None)
        line = Line(LEFT, RIGHT, color="#FFAA00", stroke_width=6).move_to([3.5, 1.5, 0])
        ticks = VGroup(*[Dot([3.0 + 0.3 * i, 0.5, 0], radius=0.05) for i in range(5)])
        ticks.add_updater(lambda _: line.put_start_and_end_on(
            [2.5, 1.5, 0], [4.5, 1.5 + 1.5 * np.tanh(path.progress / 10), 0]))
        model = VGroup(line, ticks)
        note = Text("step 0", font=FONT, font_size=30).move_to([3.5, -2.0, 0])
        driver = Dot([6.0, -3.2, 0], radius=0.02)
        driver.add_updater(lambda _: note.become(
            Text(f"step {int(path.progress)}", font=FONT, font_size=30).move_to([3.5, -2.0, 0])))
        self.add(model, driver, note)
        self.play(path.draw(end=15), run_time=1.5)
        self.play(path.draw(), run_time=1.5)



class SwappedReadouts(_Base):
    """Sans readouts swapped mid-play (the ch03 "step 0 under step 22" report): a container whose
    updater swaps its text (stock manim itself keeps drawing the play's first text: its flattened
    list of moving mobjects still holds it), ``always_redraw``, and a driver that removes and adds
    texts with the scene, adds a new text, re-adds a static label on top and later recolours a
    static note (the plan falls back with manim's own list, additions included)."""

    def construct(self):
        path = self.map_and_run(lr=0.1, steps=30, readout=None)

        def text(s, y, size=30):
            return Text(s, font=FONT, font_size=size).move_to([3.2, y, 0], aligned_edge=LEFT)

        label = text("static label", 2.6, 24)
        note = text("note", 2.0, 24)
        box = VGroup(text("step 0", 1.2))
        box.add_updater(lambda g: setattr(g, "submobjects", [text(f"step {int(path.progress)}", 1.2)]))
        redrawn = always_redraw(lambda: text(f"step {int(path.progress)}", 0.4))
        self.current = text("step 0", -0.4)
        self.added = []
        driver = Dot([6.0, -3.2, 0], radius=0.02)

        def swap(_):
            k = int(path.progress)
            self.remove(self.current)
            self.current = text(f"step {k}", -0.4)
            self.add(self.current)
            if k >= 4 and not self.added:
                self.added.append(text("added", -1.2))
                self.add(self.added[0])
            if k >= 10 and label not in self.added:
                self.added.append(label)
                self.add(label)  # back on top: drawn once, as manim does
            if k >= 16:
                note.set_color("#FFAA00")

        driver.add_updater(swap)
        self.add(label, note, self.current, driver, box, redrawn)
        self.play(path.draw(end=20), run_time=2, rate_func=linear)
        driver.clear_updaters()
        self.play(path.draw(), run_time=1)

class BecomeAndCounts(_Base):
    """Submobject counts that change mid-play (a growing group, a static group that adopts a child)
    and ``become`` between different shapes, beside a hinted draw."""

    def construct(self):
        path = self.map_and_run(lr=0.1, steps=30)
        growing = VGroup().move_to([3.0, 2.0, 0])
        growing.add_updater(lambda g: g.add(Dot([2.4 + 0.15 * len(g), 2.0, 0], radius=0.05, color="#56B4E9"))
                            if len(g) < int(path.progress) else None)
        shelf = VGroup(Square(0.4).move_to([3.0, 0.5, 0]))  # static, after everything moving
        shape = Square(0.8, color="#E69F00").move_to([5.0, -1.0, 0])
        clock = Dot([6.0, -3.2, 0], radius=0.02)

        def tick(_):
            k = int(path.progress)
            if k and k % 6 == 0 and len(shelf) < 1 + k // 6:
                shelf.add(Square(0.4).move_to([3.0 + 0.5 * len(shelf), 0.5, 0]))
            if k == 12:
                shape.become(Circle(0.5, color="#CC79A7").move_to([5.0, -1.0, 0]))

        clock.add_updater(tick)
        self.add(growing, clock, shelf, shape)
        self.play(path.draw(), run_time=3)


class Images(_Base):
    """Images fading in, moving and zooming (the heat-map's overlay shortcut), over and beside a draw."""

    def construct(self):
        rng = np.random.default_rng(0)
        pixels = rng.integers(0, 255, (40, 60, 4), dtype=np.uint8)
        pixels[..., 3] = 200
        img = ImageMobject(pixels).scale_to_fit_width(2.0).move_to([3.5, 1.5, 0])
        ls = oc.landscape("bowl")
        lmap = LandscapeMap(ls, width=4.5, resolution=50, n_contours=4).to_edge(LEFT, buff=0.6)
        path = TrajectoryPath(oc.run(oc.optimizer("gd", lr=0.1), ls, (1.5, 1.2), steps=20), lmap, "gd")
        self.play(FadeIn(lmap), FadeIn(img), run_time=1)
        self.add(path)
        self.play(path.draw(end=10), img.animate.shift(DOWN * 2).scale(1.5), run_time=1.5)
        self.play(lmap.animate.scale(0.8).shift(RIGHT * 0.5), run_time=1)
        self.play(path.draw(), run_time=1)


class Holds(_Base):
    """Holds with and without updaters, and a hinted draw between them."""

    def construct(self):
        path = self.map_and_run(lr=0.1, steps=20)
        self.wait(0.6)
        self.play(path.draw(end=10), run_time=1)
        spinner = Square(0.5).move_to([4, 1, 0])
        spinner.add_updater(lambda m, dt: m.rotate(dt))
        self.add(spinner)
        self.wait(0.8)
        spinner.clear_updaters()
        self.hold(0.6)
        self.play(path.draw(), run_time=1)
        self.hold(0.5)


class TurnVisible(_Base):
    """Transparent objects turning visible: the kit's hidden step markers, and a transparent square
    that an updater makes opaque mid-play (it sits after the moving parts)."""

    def construct(self):
        path = self.map_and_run(lr=0.1, steps=20)
        ghost = Square(1.0, color="#F0E442").set_fill("#F0E442", opacity=0).set_stroke(opacity=0)
        ghost.move_to([4.0, 0.0, 0])
        watcher = Dot([6.0, -3.2, 0], radius=0.02)
        watcher.add_updater(lambda _: ghost.set_fill(opacity=0.8).set_stroke(opacity=1)
                            if path.progress > 8 else None)
        self.add(watcher, ghost)
        self.play(path.draw(), run_time=2)
        self.play(Create(Circle(0.4).move_to([4.0, -2.0, 0])), path.draw(start=0, end=5), run_time=1)


class Surface3D(ExplainerThreeDScene):
    """A 3D surface, a run on it, a moving camera and a fixed-in-frame readout."""

    def construct(self):
        ls = oc.landscape("saddle")
        surf = LandscapeSurface(ls, resolution=10, width=4.5)
        path = TrajectoryPath(oc.run(oc.optimizer("momentum", lr=0.05, momentum=0.9), ls, (-1.5, 0.05), steps=15),
                              surf, "momentum")
        counter = LiveText("000", font_size=32).to_corner(UP + LEFT)
        self.fix(counter)
        counter.add_updater(lambda m: m.set_text(str(int(path.progress))))
        self.set_camera_orientation(phi=60 * np.pi / 180, theta=-45 * np.pi / 180)
        self.add(surf, path, counter)
        self.begin_ambient_camera_rotation(rate=0.3)
        self.play(path.draw(), run_time=2)
        self.stop_ambient_camera_rotation()
        self.wait(0.4)


TRAPS = [ReadoutWidths, ChangedByAnotherUpdater, SwappedReadouts, BecomeAndCounts, Images, Holds, TurnVisible, Surface3D]


@pytest.mark.parametrize("scene_cls", TRAPS, ids=[c.__name__ for c in TRAPS])
def test_shortcuts_give_stock_frames(scene_cls, tmp_path, monkeypatch):
    assert_same_frames(scene_cls, tmp_path, monkeypatch)


def test_the_plan_is_used_and_drops_out_when_a_static_mobject_changes(tmp_path, monkeypatch):
    """The plan is really exercised: a plain hinted play keeps it; the traps make it fall back."""
    _, plain = render_frames(Holds, True, tmp_path, monkeypatch)
    assert plain.plan_counts["planned"] >= 2 and plain.plan_counts["fell back"] == 0
    _, trap = render_frames(ChangedByAnotherUpdater, True, tmp_path / "trap", monkeypatch)
    assert trap.plan_counts["planned"] >= 2 and trap.plan_counts["fell back"] >= 1


# --------------------------------------------------------------------------- the tests bite
def test_bite_unchecked_plan_shows_a_stale_line(tmp_path, monkeypatch):
    """Without its per-frame check, the static plan draws the ch01 trap wrong: the test above would fail."""
    monkeypatch.setattr(speed.StaticPlan, "check", lambda self, camera, moving=None: True)
    with pytest.raises(AssertionError, match="frames differ from stock manim"):
        assert_same_frames(ChangedByAnotherUpdater, tmp_path, monkeypatch)


def test_bite_path_cache_keyed_by_identity_only(tmp_path, monkeypatch):
    """A path cache that ignored the points (keyed by the mobject alone) would replay moved paths."""
    original = speed._patch_path_cache

    def broken():
        owner, attr, orig, _ = original()

        def set_path(self, ctx, vmobject):
            hit = speed._PATHS.get(id(vmobject))
            if hit is not None and len(vmobject.points):
                ctx.new_path()
                ctx.append_path(hit)
                return self
            orig(self, ctx, vmobject)
            if len(vmobject.points):
                speed._PATHS[id(vmobject)] = ctx.copy_path()
            return self

        return owner, attr, orig, set_path

    speed.uninstall()
    monkeypatch.setitem(speed._PATCHES, "path cache", broken)
    try:
        with pytest.raises(AssertionError, match="frames differ from stock manim"):
            assert_same_frames(Holds, tmp_path, monkeypatch)
    finally:
        speed.uninstall()


def test_bite_region_check(tmp_path, monkeypatch):
    """A part that leaves the region it declared is caught: with a too-small region and no check, frames differ."""
    monkeypatch.setattr(speed.StaticPlan, "check", lambda self, camera, moving=None: True)
    original_hint = TrajectoryPath._moving_hint

    def shrunk(self):
        hint = original_hint(self)
        if hint is None:
            return None
        parts, region = hint[0], hint[1]
        c = (region[:2] + region[2:]) / 2
        return parts, np.array([c[0] - 0.1, c[1] - 0.1, c[0] + 0.1, c[1] + 0.1])

    monkeypatch.setattr(TrajectoryPath, "_moving_hint", shrunk)

    class RunUnderText(_Base):
        def construct(self):
            path = self.map_and_run(lr=0.1, steps=20)
            label = Text("start", font=FONT, font_size=40).move_to(path.dot)
            self.add(label)
            self.play(path.draw(), run_time=1.5)

    with pytest.raises(AssertionError, match="frames differ from stock manim"):
        assert_same_frames(RunUnderText, tmp_path / "unchecked", monkeypatch)
    monkeypatch.undo()  # the real check, the same wrong hint: caught on the first frame, stock frames
    monkeypatch.setattr(TrajectoryPath, "_moving_hint", shrunk)
    assert_same_frames(RunUnderText, tmp_path / "checked", monkeypatch)


# --------------------------------------------------------------------------- readouts
def _pixels(mobjects) -> np.ndarray:
    from manim.camera.camera import Camera

    cam = Camera(pixel_height=120, pixel_width=320, frame_height=2.0, frame_width=16 / 3)
    cam.capture_mobjects(mobjects)
    return cam.pixel_array.copy()


@pytest.mark.parametrize("align", ["left", "right"])
def test_readout_never_keeps_an_old_glyph(align):
    """A readout that counted through wider values looks exactly like a new one showing the value."""
    seq = ["1315", "131", "2565", "256", "\u221e", "0.51", "9805", "980", "7", "1.23e\u22125", "42"]
    live = LiveText("0000000", font_size=40, align=align)
    for i, value in enumerate(seq):
        live.set_text(value)
        fresh = LiveText("0000000", font_size=40, align=align)
        fresh.set_text(value)
        assert np.array_equal(_pixels([live]), _pixels([fresh])), f"after {seq[:i + 1]}"


def test_readout_slot_keeps_its_box():
    """Numbers sit in a fixed-width slot: the readout's box does not change with the value."""
    live = LiveText("0.00000", font_size=36).move_to([1, 1, 0])
    box = (live.get_left()[0], live.get_right()[0])
    for value in ("3", "0.0123", "1.23e\u22125", "\u221e"):
        live.set_text(value)
        assert (live.get_left()[0], live.get_right()[0]) == pytest.approx(box)
