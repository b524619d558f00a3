"""Unit tests of the kit's logic (no rendering): layout, palette, numbers, legend, trajectories, rules, charts, captions."""

from __future__ import annotations


import numpy as np
import pytest
from manim import DOWN, LEFT, RIGHT, UL, UP, UR, ManimColor, Rectangle, Square, Text, VGroup

import kit_fakes as fk
from scenes.kit import (
    BACKGROUND,
    FULL_SLOT,
    LEFT_HALF,
    MAP_SLOT,
    OPTIMIZER_NAMES,
    PANEL_SLOT,
    RIGHT_HALF,
    SAFE_BOTTOM,
    SAFE_LEFT,
    SAFE_RIGHT,
    SAFE_TOP,
    TITLE_SLOT,
    CoordinateBars,
    CornerCaption,
    EffectiveLRChart,
    LandscapeMap,
    LandscapeSurface,
    Legend,
    LiveText,
    LiveValue,
    LossChart,
    ScheduleChart,
    TrajectoryPath,
    UpdateRule,
    assert_in_safe_area,
    canonical_name,
    colormap,
    display_name,
    format_hyperparams,
    format_value,
    optimizer_color,
    out_of_safe_area,
    place,
    place_caption,
    place_legend,
)
from scenes.kit._text import baseline
from scenes.kit.landscape_map import ValueScale, format_tick, nice_ticks
from scenes.kit.trajectory import clip_segment, readout_table, trajectory_arrays


@pytest.fixture(scope="module", autouse=True)
def _media_in_tmp(tmp_path_factory):
    """Text and LaTeX caches in a temporary folder, not the project's media/ (for this module's tests only)."""
    from manim import tempconfig

    media = tmp_path_factory.getbasetemp() / "kit_media"
    media.mkdir(exist_ok=True)
    with tempconfig({"media_dir": str(media)}):
        yield


def small_map(landscape=None, **kw) -> LandscapeMap:
    """A fast map (coarse heat-map, no axes) for geometry tests."""
    kw = {"resolution": 40, "show_axes": False, "n_contours": 3, **kw}
    return LandscapeMap(landscape or fk.ravine(), **kw)


def same_colour(a, b) -> bool:
    return ManimColor(a).to_hex().upper() == ManimColor(b).to_hex().upper()


def box(m):
    """(left, right, bottom, top) of a mobject."""
    return m.get_left()[0], m.get_right()[0], m.get_bottom()[1], m.get_top()[1]


def overlaps(a, b) -> bool:
    al, ar, ab, at = box(a)
    bl, br, bb, bt = box(b)
    return not (ar <= bl or br <= al or at <= bb or bt <= ab)


# --------------------------------------------------------------------------- layout
class TestLayout:
    SLOTS = {"TITLE": TITLE_SLOT, "MAP": MAP_SLOT, "PANEL": PANEL_SLOT, "FULL": FULL_SLOT,
             "LEFT_HALF": LEFT_HALF, "RIGHT_HALF": RIGHT_HALF}

    def test_safe_area_is_five_percent_in(self):
        assert SAFE_RIGHT - SAFE_LEFT == pytest.approx(0.9 * 128 / 9)
        assert SAFE_TOP - SAFE_BOTTOM == pytest.approx(0.9 * 8)

    @pytest.mark.parametrize("name", list(SLOTS))
    def test_every_slot_inside_safe_area(self, name):
        s = self.SLOTS[name]
        assert s.left >= SAFE_LEFT - 1e-9 and s.right <= SAFE_RIGHT + 1e-9
        assert s.bottom >= SAFE_BOTTOM - 1e-9 and s.top <= SAFE_TOP + 1e-9

    def test_slots_do_not_overlap(self):
        assert MAP_SLOT.right <= PANEL_SLOT.left
        assert LEFT_HALF.right <= RIGHT_HALF.left
        for s in (MAP_SLOT, PANEL_SLOT, FULL_SLOT):
            assert s.top <= TITLE_SLOT.bottom + 1e-9
            assert s.bottom > SAFE_BOTTOM + 0.5  # room for the caption row

    def test_place_shrinks_to_fit_and_centres(self):
        big = Rectangle(width=20, height=3)
        place(big, PANEL_SLOT)
        assert big.width == pytest.approx(PANEL_SLOT.width)
        assert big.height == pytest.approx(3 * PANEL_SLOT.width / 20)
        assert np.allclose(big.get_center(), PANEL_SLOT.center)

    def test_place_does_not_grow_and_aligns_edges(self):
        sq = Square(side_length=1)
        place(sq, MAP_SLOT, aligned_edge=UL)
        assert sq.width == pytest.approx(1)
        assert sq.get_left()[0] == pytest.approx(MAP_SLOT.left)
        assert sq.get_top()[1] == pytest.approx(MAP_SLOT.top)

    def test_caption_and_legend_corners(self):
        cap = place_caption(Square(side_length=0.5))
        assert cap.get_left()[0] == pytest.approx(SAFE_LEFT)
        assert cap.get_bottom()[1] == pytest.approx(SAFE_BOTTOM)
        leg = place_legend(Square(side_length=0.5))
        assert leg.get_right()[0] == pytest.approx(SAFE_RIGHT)
        assert leg.get_top()[1] == pytest.approx(TITLE_SLOT.bottom)  # under the title row
        leg2 = place_legend(Square(side_length=0.5), corner=UR, below_title=False)
        assert leg2.get_top()[1] == pytest.approx(SAFE_TOP)

    def test_out_of_safe_area_names_the_culprit(self):
        inside = Square(side_length=1)
        outside = Square(side_length=1).move_to([SAFE_RIGHT, 0, 0])  # half over the margin
        assert out_of_safe_area([inside, outside]) == [outside]
        with pytest.raises(AssertionError, match="Square"):
            assert_in_safe_area([inside, outside])
        assert_in_safe_area([inside])
        # a hair over the edge is tolerated, a visible amount is not
        assert not out_of_safe_area([Square(side_length=1).move_to([SAFE_RIGHT - 0.5 + 1e-4, 0, 0])])
        assert out_of_safe_area([Square(side_length=1).move_to([SAFE_RIGHT - 0.5 + 0.05, 0, 0])])


# --------------------------------------------------------------------------- palette
def _hex_rgb(h: str) -> np.ndarray:
    h = h.lstrip("#")
    return np.array([int(h[i: i + 2], 16) for i in (0, 2, 4)]) / 255.0


def _linear(c):
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def _contrast(a: str, b: str) -> float:
    la, lb = (float(np.dot([0.2126, 0.7152, 0.0722], _linear(_hex_rgb(c)))) for c in (a, b))
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


class TestPalette:
    def test_one_colour_per_optimizer(self):
        assert len(OPTIMIZER_NAMES) == 12
        colours = [optimizer_color(n) for n in OPTIMIZER_NAMES]
        assert len({c.upper() for c in colours}) == len(colours)

    def test_every_colour_readable_on_the_background(self):
        for n in OPTIMIZER_NAMES:
            assert _contrast(optimizer_color(n), BACKGROUND) >= 4.5, n

    @pytest.mark.parametrize("spelling, key", [("Adam", "adam"), ("RMSprop", "rmsprop"), ("NAG", "nesterov"),
                                               ("mini-batch", "minibatch"), ("gradient descent", "gd"),
                                               ("heavy_ball", "momentum")])
    def test_canonical_names(self, spelling, key):
        assert canonical_name(spelling) == key
        assert optimizer_color(spelling) == optimizer_color(key)

    def test_unknown_optimizer_is_a_clear_error(self):
        with pytest.raises(ValueError, match="unknown optimizer 'adamx'.*register_optimizer"):
            optimizer_color("adamx")

    def test_display_names(self):
        assert display_name("adagrad") == "AdaGrad"
        assert display_name("minibatch") == "Mini-batch"

    def test_colormap(self):
        cm = colormap("viridis")
        rgb = cm(np.array([[0.0, 1.0], [-1.0, np.nan]]))
        assert rgb.shape == (2, 2, 3)
        assert np.allclose(rgb[0, 0], cm.table[0]) and np.allclose(rgb[0, 1], cm.table[-1])
        assert np.allclose(rgb[1, 0], cm.table[0])  # clipped
        assert np.allclose(rgb[1, 1], 0.0)  # NaN
        assert cm.hex(0.0) == "#440154"  # viridis starts dark purple
        with pytest.raises(ValueError):
            colormap("jet")


# --------------------------------------------------------------------------- numbers
class TestNumbers:
    @pytest.mark.parametrize("value, text", [
        (0.0123, "0.0123"), (1.23e-5, "1.23e\u22125"), (12300, "12300"), (123456, "1.23e5"), (-0.5, "\u22120.500"),
        (0.5, "0.500"), (1.5, "1.5"), (2.0, "2"), (0.00099, "9.90e\u22124"), (0, "0"), (float("inf"), "\u221e"),
        (float("-inf"), "\u2212\u221e"), (float("nan"), "nan"), (None, "nan"), (np.float64(0.25), "0.250"),
    ])
    def test_format_value(self, value, text):
        assert format_value(value) == text

    def test_format_value_is_short(self):
        for v in np.geomspace(1e-9, 1e9, 200):
            assert len(format_value(v)) <= 7, v

    def test_format_hyperparams(self):
        assert format_hyperparams({"lr": 0.1, "betas": (0.9, 0.999)}) == "\u03b3 0.1   \u03b2 (0.9, 0.999)"
        assert format_hyperparams({"nesterov": True, "eps": 1e-8}) == "nesterov on   \u03b5 1e\u22128"

    def test_nice_ticks_and_labels(self):
        assert list(nice_ticks(-2, 2)) == [-2, -1, 0, 1, 2]
        assert list(nice_ticks(0, 100)) == [0, 25, 50, 75, 100]
        for lo, hi in [(-6, 6), (-1, 3), (0, 7), (-0.5, 0.5), (0, 300), (-4.5, 4.5)]:
            t = nice_ticks(lo, hi)
            assert lo - 1e-9 <= t[0] and t[-1] <= hi + 1e-9 and 3 <= len(t) <= 8
            step = np.diff(t)
            assert np.allclose(step, step[0])
            mantissa = step[0] / 10 ** np.floor(np.log10(step[0]))
            assert any(np.isclose(mantissa, m) for m in (1, 2, 2.5, 5)), (lo, hi, t)
        assert format_tick(-2.0) == "\u22122" and format_tick(0.5) == "0.5" and format_tick(1e4) == "1e4"

    def test_value_scale(self):
        z = np.linspace(0, 1, 101) ** 2
        lin = ValueScale.fit(z)
        assert lin.kind == "linear"
        wide = ValueScale.fit(np.geomspace(1e-4, 1e3, 1000))
        assert wide.kind == "log"
        t = np.linspace(0, 1, 7)
        for vs in (lin, wide):
            assert np.allclose(vs(vs.inverse(t)), t)
            assert vs(-1e9) == 0.0 and vs(1e12) == 1.0
        with pytest.raises(ValueError):
            ValueScale.fit(z, "sqrt")


# --------------------------------------------------------------------------- legend
class TestLegend:
    def test_entries_colours_and_labels(self):
        leg = Legend(["gd", "momentum", "adam"], labels={"adam": "Adam + L2"})
        assert list(leg.entries) == ["gd", "momentum", "adam"]
        assert [r.label.original_text for r in leg.rows] == ["GD", "Momentum", "Adam + L2"]
        for name in leg.names:
            assert leg.entry(name).swatch.get_stroke_color().to_hex().upper() == optimizer_color(name).upper()
        assert leg.entry("Adam") is leg.entries["adam"]  # any spelling

    def test_highlight_dims_the_others_and_restores(self):
        leg = Legend(["gd", "momentum", "nesterov"]).highlight("momentum")
        assert leg.entry("momentum").label.get_fill_opacity() == pytest.approx(1.0)
        assert leg.entry("gd").label.get_fill_opacity() == pytest.approx(0.3)
        leg.highlight()
        assert leg.entry("gd").label.get_fill_opacity() == pytest.approx(1.0)

    def test_unknown_name_raises(self):
        with pytest.raises(ValueError):
            Legend(["gd", "sgdx"])

    def test_rows_evenly_spaced_whatever_the_descenders(self):
        leg = Legend(["adagrad", "rmsprop", "adadelta", "adam"])  # "RMSprop" has descenders, the others not
        gaps = np.diff([baseline(r.label) for r in leg.rows])
        assert np.allclose(gaps, gaps[0], atol=1e-3)
        for row in leg.rows:  # each swatch at the same height above its baseline
            assert row.swatch.get_y() - baseline(row.label) == pytest.approx(
                leg.rows[0].swatch.get_y() - baseline(leg.rows[0].label), abs=1e-3)

    def test_horizontal_legend_on_one_baseline(self):
        leg = Legend(["gd", "rmsprop", "adam"], direction=RIGHT)
        assert np.ptp([baseline(r.label) for r in leg.rows]) < 1e-3
        assert leg.rows[0].get_right()[0] < leg.rows[1].get_left()[0]


# --------------------------------------------------------------------------- trajectories
class TestClipSegment:
    BOUNDS = ((-2.0, 2.0), (-1.0, 1.0))

    def test_inside_crossing_outside(self):
        p = np.array([0.0, 0.0])
        assert clip_segment(p, np.array([1.0, 0.5]), self.BOUNDS) == (0.0, 1.0)
        t0, t1 = clip_segment(p, np.array([4.0, 0.0]), self.BOUNDS)
        assert (t0, t1) == (0.0, 0.5)
        assert clip_segment(np.array([3.0, 3.0]), np.array([4.0, 5.0]), self.BOUNDS) is None

    def test_passes_through_from_outside_and_huge_values(self):
        t0, t1 = clip_segment(np.array([0.0, -5.0]), np.array([0.0, 5.0]), self.BOUNDS)
        assert (t0, t1) == pytest.approx((0.4, 0.6))
        t0, t1 = clip_segment(np.array([0.0, 0.0]), np.array([1e300, 0.0]), self.BOUNDS)
        assert t0 == 0.0 and t1 == pytest.approx(2e-300)


class TestTrajectoryArrays:
    def test_batched_index_and_never_diverged(self):
        pos = np.zeros((5, 3, 2))
        pos[:, 1] = 1.0
        traj = fk.FakeTrajectory(pos, np.zeros((5, 3)), None, None, diverged_at=np.array([-1, 3, -1]))
        p, losses, div = trajectory_arrays(traj, index=1)
        assert p.shape == (5, 2) and np.all(p == 1.0) and losses.shape == (5,) and div == 3
        assert trajectory_arrays(traj, index=0)[2] is None

    def test_plain_array_and_bad_shape(self):
        p, losses, div = trajectory_arrays([[0, 0], [1, 1]])
        assert p.shape == (2, 2) and losses is None and div is None
        with pytest.raises(ValueError, match="shape"):
            trajectory_arrays(np.zeros((4, 3)))


class TestTrajectoryPath:
    def test_progress_moves_dot_and_readout(self):
        lmap = small_map()
        traj = fk.gd(fk.ravine(), (-3.5, 1.5), 0.09, 30)
        path = TrajectoryPath(traj, lmap, "gd", readout="corner")
        assert path.n_steps == 30 and same_colour(path.color, optimizer_color("gd"))
        assert path.step_value.text == " 0"
        path.set_progress(12)
        assert np.allclose(path.dot.get_center(), lmap.c2p(*traj.positions[12]))
        assert path.step_value.text == "12" and path.loss_value.text == format_value(traj.losses[12])
        path.set_progress(12.5)  # half way along step 13
        assert np.allclose(path.dot.get_center(), lmap.c2p(*(traj.positions[12] + traj.positions[13]) / 2))
        assert np.allclose(path.path.get_end(), path.dot.get_center(), atol=1e-6)
        assert len(path.markers) == 30  # one per step (<= 60 steps)
        assert sum(m.get_fill_opacity() > 0 for m in path.markers) == 12

    def test_readout_pieces_share_the_digits_baseline(self):
        traj = fk.gd(fk.ravine(), (-3.5, 1.5), 0.09, 30)
        path = TrajectoryPath(traj, small_map(), "rmsprop", readout="free")  # "RMSprop", "step": descenders
        base = path.step_value.ruler.get_start()[1]
        assert path.loss_value.ruler.get_start()[1] == pytest.approx(base, abs=1e-6)
        for piece in (path.readout_name, path.step_caption, path.loss_caption):
            assert baseline(piece) == pytest.approx(base, abs=0.01)
        assert path.readout_name.get_bottom()[1] < base - 0.03  # the p really hangs below the line

    def test_readout_table_lines_up_names_and_columns(self):
        traj = fk.gd(fk.ravine(), (-3.5, 1.5), 0.09, 30)
        lmap = small_map()
        paths = [TrajectoryPath(traj, lmap, n, readout="free") for n in ("gd", "adagrad", "rmsprop")]
        table = readout_table(paths)
        assert all(p.readout_background not in p.readout.submobjects for p in paths)
        rights = [p.readout_name.get_right()[0] for p in paths]
        assert max(rights) - min(rights) < 1e-6                       # names right-aligned
        steps = [p.step_caption.get_left()[0] for p in paths]
        assert max(steps) - min(steps) < 1e-6                         # the step column lines up
        tops = [p.readout.get_top()[1] for p in paths]
        assert tops == sorted(tops, reverse=True) and len(table) == 3  # stacked in order

    def test_readout_table_is_repainted_after_its_paths(self):
        """A table added to the scene before its paths would be painted once into Cairo's still
        background (showing step 0 through the whole drawing): drawing a path moves it in front."""
        from manim import Scene

        from scenes.kit.trajectory import DrawTrajectory, ReadoutTable

        traj = fk.gd(fk.ravine(), (-3.5, 1.5), 0.09, 30)
        lmap = small_map()
        paths = [TrajectoryPath(traj, lmap, n, readout="free") for n in ("gd", "adagrad")]
        table = readout_table(paths)
        assert isinstance(table, ReadoutTable)
        scene = Scene()
        scene.add(lmap, table, *paths)
        assert scene.mobjects.index(table) < scene.mobjects.index(paths[0])
        DrawTrajectory(paths[0])._setup_scene(scene)
        assert scene.mobjects.index(table) > scene.mobjects.index(paths[0])
        # a readout the path still holds stays where it is
        kept = TrajectoryPath(traj, lmap, "rmsprop", readout="corner")
        scene.add(kept)
        before = list(scene.mobjects)
        DrawTrajectory(kept)._setup_scene(scene)
        assert scene.mobjects == before

    def test_steps_truncates(self):
        traj = fk.gd(fk.ravine(), (-3.5, 1.5), 0.09, 30)
        path = TrajectoryPath(traj, small_map(), "momentum", steps=10)
        assert path.n_steps == 10 and len(path.positions) == 11

    def test_draw_animation_is_linear_in_steps(self):
        traj = fk.gd(fk.ravine(), (-3.5, 1.5), 0.09, 30)
        path = TrajectoryPath(traj, small_map(), "gd").set_progress(10)
        anim = path.draw(end=20)
        anim.begin()
        assert anim.start_step == 10
        anim.interpolate(0.5)
        assert path.progress == pytest.approx(15)
        anim.finish()
        assert path.progress == 20

    def test_follows_the_map_when_it_moves(self):
        lmap = small_map()
        traj = fk.gd(fk.ravine(), (-3.5, 1.5), 0.09, 30)
        path = TrajectoryPath(traj, lmap, "gd", readout="corner")
        lmap.shift(2 * LEFT + DOWN)
        lmap.scale(0.5)
        path.set_progress(5)
        assert np.allclose(path.dot.get_center(), lmap.c2p(*traj.positions[5]), atol=1e-6)
        assert overlaps(path.readout, lmap.frame)

    def test_corner_readout_avoids_the_run(self):
        lmap = small_map()
        traj = fk.gd(fk.ravine(), (-3.5, 1.5), 0.09, 30)  # starts in the top-left corner
        path = TrajectoryPath(traj, lmap, "gd", readout="corner")
        lo, hi = path.readout.get_corner(np.array([-1, -1, 0]))[:2], path.readout.get_corner(UR)[:2]
        pts = lmap.c2p(traj.positions)[:, :2]
        assert not np.any(np.all((pts >= lo) & (pts <= hi), axis=1))
        assert lmap.frame.get_left()[0] <= lo[0] and hi[0] <= lmap.frame.get_right()[0]
        assert lmap.frame.get_bottom()[1] <= lo[1] and hi[1] <= lmap.frame.get_top()[1]

    def test_path_leaving_the_map_is_clipped_not_clamped(self):
        lmap = small_map(fk.bowl())  # bounds [-2, 2]^2
        pos = np.array([[0.0, 0.0], [1.0, 0.1], [10.0, 1.0], [20.0, 2.0]])
        path = TrajectoryPath(pos, lmap, "adam").show_all()
        # the positions are kept as they are, and map to scene points outside the frame
        assert np.array_equal(path.positions, pos)
        assert path.point_at_step(2)[0] > lmap.frame.get_right()[0] + 1
        # the drawn line stops where the segment crosses x = 2 (y = 0.1 + 0.9 * (1 / 9) = 0.2), not at the
        # clamped point (2, 1)
        assert path.exit_point[0] == 2
        assert np.allclose(path.exit_point[1], lmap.c2p(2.0, 0.2))
        pts = path.path.points
        assert pts[:, 0].max() <= lmap.frame.get_right()[0] + 1e-9
        assert not np.any(np.all(np.isclose(pts, lmap.c2p(2.0, 1.0)), axis=1))
        # outside the map the dot is hidden, not parked on the edge
        assert path.dot.get_fill_opacity() == 0.0
        assert path.diverged_at is None and path.diverged_label is None  # left the map, not diverged

    def test_diverged_run_like_optim_core(self):
        lmap = small_map()
        traj = fk.gd(fk.ravine(), (-3.5, 0.1), 0.15, 20, blowup=1e3, nan_after_divergence=True)
        path = TrajectoryPath(traj, lmap, "adamax", readout="corner")
        assert path.diverged_at == 14
        assert np.isnan(path.positions[15:]).all() and np.isfinite(path.positions[:15]).all()
        path.set_progress(13)
        assert path.diverged_text.get_fill_opacity() == 0.0
        path.set_progress(14)
        assert path.diverged_text.get_fill_opacity() == 1.0
        assert path.diverged_text.original_text == "diverged at step 14"
        path.set_progress(16)
        assert path.loss_value.text == "diverged"
        # the label sits inside the map and clear of the readout
        f = lmap.frame
        t = path.diverged_text
        assert f.get_left()[0] <= t.get_left()[0] and t.get_right()[0] <= f.get_right()[0]
        assert f.get_bottom()[1] <= t.get_bottom()[1] and t.get_top()[1] <= f.get_top()[1]
        assert not overlaps(path.diverged_box, path.readout_background)

    def test_diverged_label_fits_a_small_map(self):
        lmap = small_map(max_width=2.5)
        traj = fk.gd(fk.ravine(), (-3.5, 0.1), 0.15, 20, blowup=1e3, nan_after_divergence=True)
        path = TrajectoryPath(traj, lmap, "gd").show_all()
        f, t = lmap.frame, path.diverged_text
        assert f.get_left()[0] <= t.get_left()[0] and t.get_right()[0] <= f.get_right()[0]

    def test_non_finite_record_marks_divergence_without_diverged_at(self):
        pos = np.array([[0.0, 0.0], [1.0, 1.0], [np.inf, 5.0], [np.nan, np.nan]])
        path = TrajectoryPath(pos, small_map(fk.bowl()), "gd")
        assert path.diverged_at == 2
        assert path.diverged_label is not None

    def test_diverged_at_from_batched_trajectory(self):
        ls = fk.ravine()
        a = fk.gd(ls, (-3.5, 0.1), 0.15, 20, blowup=1e3, nan_after_divergence=True)
        b = fk.gd(ls, (-3.5, 0.1), 0.05, 20)
        batch = fk.FakeTrajectory(np.stack([a.positions, b.positions], 1), np.stack([a.losses, b.losses], 1),
                                  None, None, diverged_at=np.array([a.diverged_at, -1]))
        lmap = small_map()
        assert TrajectoryPath(batch, lmap, "gd", index=0).diverged_at == 14
        assert TrajectoryPath(batch, lmap, "gd", index=1).diverged_at is None


class TestSurface:
    def test_c2p_lies_on_the_surface_and_follows_shifts(self):
        ls = fk.saddle()
        surf = LandscapeSurface(ls, resolution=8)
        p = surf.c2p(0.0, 0.0)
        assert p[2] == pytest.approx(surf.height(0.0) + surf.lift)
        corner_hi = surf.c2p(2.0, 0.0)  # f = 4: the top of the clipped range
        assert corner_hi[2] > p[2]
        surf.shift(RIGHT * 1.5 + UP)
        q = surf.c2p(0.0, 0.0)
        assert np.allclose(q - p, [1.5, 1.0, 0.0])
        path = TrajectoryPath(fk.gd(ls, (-1.8, 0.05), 0.1, 5), surf, "momentum")
        assert path.subdivisions == LandscapeSurface.path_subdivisions


# --------------------------------------------------------------------------- maps
class TestLandscapeMap:
    def test_c2p_p2c_round_trip_and_equal_scaling(self):
        lmap = small_map()  # ravine: 8 x 4
        xy = np.array([[-4.0, -2.0], [0.0, 0.0], [1.5, -0.5]])
        assert np.allclose(lmap.p2c(lmap.c2p(xy)), xy)
        ux, uy = lmap.units_per_param()
        assert ux == pytest.approx(uy)
        assert np.allclose(lmap.c2p(-4, -2), lmap.frame.get_corner(np.array([-1, -1, 0])))

    def test_contours_and_markers(self):
        lmap = LandscapeMap(fk.rosenbrock(), resolution=60, show_axes=False, n_contours=9)
        assert len(lmap.contour_levels) == 9 and np.all(np.diff(lmap.contour_levels) > 0)
        assert len(lmap.contours) >= 9
        assert len(lmap.minimum_markers) == 1
        assert np.allclose(lmap.minimum_markers[0].get_center(), lmap.c2p(1.0, 1.0))

    def test_colorbar_title_clear_of_its_numbers(self):
        lmap = LandscapeMap(fk.rosenbrock(), resolution=40, show_axes=False, colorbar=True)
        cb = lmap.colorbar
        for tick in cb.ticks:
            assert not overlaps(cb.title, tick[1])
        assert cb.title.get_bottom()[1] > cb.bar.get_top()[1]


# --------------------------------------------------------------------------- update rules
MOMENTUM_RULE = [r"g_t = \nabla f(\theta_{t-1})", r"b_t = \mu\, b_{t-1} + g_t", r"\theta_t = \theta_{t-1} - \gamma\, b_t"]


@pytest.fixture(scope="module")
def rule():
    return UpdateRule(MOMENTUM_RULE)


class TestUpdateRule:
    def test_parts_and_occurrences(self, rule):
        assert rule.isolated
        assert len(rule.occurrences("grad")) == 3  # g_t, ∇f(θ_{t-1}) and g_t again in the second line
        assert len(rule.occurrences("momentum")) == 3  # b_t, b_{t-1}, b_t
        assert len(rule.part("lr")) == 1
        assert rule.has("mu") and not rule.has("v_hat")

    def test_highlight_colours_only_the_symbol(self, rule):
        from scenes.kit import SYMBOL_COLORS, TEXT

        rule.reset_colors().highlight("lr")
        assert rule.part("lr")[0].get_fill_color().to_hex().upper() == SYMBOL_COLORS["lr"].upper()
        assert rule.part("mu")[0].get_fill_color().to_hex().upper() == TEXT.upper()
        rule.reset_colors()
        assert rule.part("lr")[0].get_fill_color().to_hex().upper() == TEXT.upper()

    def test_unknown_symbol_is_a_clear_error(self, rule):
        with pytest.raises(ValueError, match=r"unknown symbol 'grads'.*symbols="):
            rule.highlight("grads")
        with pytest.raises(ValueError, match="unknown symbol"):
            rule.box("nabla")
        with pytest.raises(ValueError, match="does not occur"):
            rule.tie("v_hat", Square())

    def test_known_symbol_absent_from_this_rule_is_no_error(self, rule):
        rule.highlight("v_hat")  # Adam's symbol, not in momentum's rule: nothing to colour

    def test_lines_aligned_at_equals(self, rule):
        assert rule.tex_source.count("&=") == 3
        assert UpdateRule([r"a_t = b", r"c = d_{t} = e"]).tex_source == r"a_t &= b \\ c &= d_{t} = e"
        assert UpdateRule([r"x_{t=1} = y", r"z \leftarrow w"]).tex_source == r"x_{t=1} &= y \\ z &\leftarrow w"

    def test_from_an_optimizer_object(self):
        class Opt:
            latex_lines = (r"\theta_t = \theta_{t-1} - \gamma\, \nabla f(\theta_{t-1})",)

        rule = UpdateRule(Opt())
        assert rule.lines == list(Opt.latex_lines)
        assert len(rule.occurrences("theta")) == 2

    def test_tie_starts_at_the_chosen_occurrence_and_bulges_away(self, rule):
        rule.move_to(RIGHT * 3)
        target = Square(side_length=0.4).move_to(LEFT * 3 + UP * 2.5)  # left of and above the rule
        first = rule.tie("grad", target, occurrence=0)
        occ = rule.occurrences("grad")[0]
        assert first.get_start()[0] == pytest.approx(occ.get_center()[0], abs=0.05)
        assert first.get_start()[1] > occ.get_top()[1]  # leaves the top: the target is above
        mid = first.point_from_proportion(0.5)
        chord_mid = (first.get_start() + first.get_end()) / 2
        assert mid[1] > chord_mid[1]  # bulges upward, away from the equation
        below = rule.tie("grad", Square(side_length=0.4).move_to(LEFT * 3 + DOWN * 3))
        assert below.point_from_proportion(0.5)[1] < ((below.get_start() + below.get_end()) / 2)[1]


    def test_tie_from_a_lower_line_crosses_no_other_glyph(self):
        import optim_core as oc

        rule = UpdateRule(oc.optimizer("momentum", lr=0.1, momentum=0.9)).move_to(RIGHT * 3)
        assert "b_1 = g_1" in rule.tex_source  # the last "grad" is g_1 at the end of the second line
        target = Square(side_length=0.3).move_to(LEFT * 3)
        tie = rule.tie("grad", target)
        src = rule.occurrences("grad")[-1]
        mine = {id(m) for m in src.get_family()}
        others = [g for g in rule.tex.family_members_with_points() if id(g) not in mine]
        pts = np.array([tie.point_from_proportion(a) for a in np.linspace(0, 1, 200)])
        for g in others:
            inside = ((pts[:, 0] > g.get_left()[0]) & (pts[:, 0] < g.get_right()[0])
                      & (pts[:, 1] > g.get_bottom()[1]) & (pts[:, 1] < g.get_top()[1]))
            assert not inside.any()
        assert np.linalg.norm(tie.get_end() - target.get_center()) < 0.4


# --------------------------------------------------------------------------- charts
class TestCharts:
    def test_loss_chart_log_range_and_mapping(self):
        chart = LossChart(40, width=5, height=3)
        losses = np.geomspace(30, 0.02, 41)
        s = chart.add_losses(losses, "gd")
        assert chart.y_range == (1e-2, 1e2)  # whole decades around the data
        assert np.allclose(chart.c2p(0, 1e-2), chart.frame.get_corner(np.array([-1, -1, 0])))
        assert np.allclose(chart.c2p(40, 1e2), chart.frame.get_corner(UR))
        chart.set_progress(20)
        assert np.allclose(s.head.get_center(), chart.c2p(20, losses[20]))
        assert same_colour(s.color, optimizer_color("gd"))

    def test_loss_chart_line_ends_at_divergence(self):
        chart = LossChart(10, y_range=(1e-2, 1e2))
        values = np.array([10, 5, 2, 1, 0.5, 1e9, np.nan, np.nan, np.nan, np.nan, np.nan])
        s = chart.add_losses(values, "adam")
        chart.set_progress(8)
        assert s.head.get_fill_opacity() == 0.0  # no head where there is no value
        top = chart.frame.get_top()[1]
        assert s.line.points[:, 1].max() <= top + 1e-9  # 1e9 is clipped at the top, not drawn beyond

    def test_y_label_clear_of_the_top_tick(self):
        chart = LossChart(40, y_range=(1e-3, 1e2), width=5, height=3, title="Loss")
        top_tick = max((m for m in chart.ticks if isinstance(m, Text)), key=lambda m: m.get_top()[1])
        assert not overlaps(chart.y_label, top_tick)
        assert chart.title.get_bottom()[1] >= chart.y_label.get_top()[1]

    def test_schedule_cursor(self):
        lrs = np.linspace(0.1, 0.01, 51)
        sched = ScheduleChart(lrs)
        sched.set_progress(20)
        assert np.allclose(sched.cursor_dot.get_center(), sched.c2p(20, lrs[20]))
        assert sched.value.text == format_value(lrs[20])
        assert sched.cursor_line.get_x() == pytest.approx(sched.c2p(20, 0)[0])
        assert sched.curve.progress == sched.curve.n_steps  # whole curve shown (reveal=False)

    def test_schedule_value_never_covers_the_curve(self):
        t = np.arange(101)
        lrs = 0.01 + 0.045 * (1 + np.cos(np.pi * t / 100))  # cosine from 0.1 to 0.01
        sched = ScheduleChart(lrs, width=4.2, height=1.9)
        sched.shift(LEFT * 2 + DOWN).scale(1.3)  # moved after it was built, like place() does
        line = sched.curve.line.points[:, :2]
        for k in (0, 30, 70, 90, 96, 100):
            sched.set_progress(k)
            v = sched.value
            lo, hi = v.get_corner(np.array([-1, -1, 0]))[:2], v.get_corner(UR)[:2]
            assert not np.any(np.all((line >= lo) & (line <= hi), axis=1)), k
            assert sched.frame.get_left()[0] <= lo[0] and hi[0] <= sched.frame.get_right()[0], k
        assert np.allclose(sched.cursor_dot.get_center(), sched.c2p(100, lrs[100]))

    def test_effective_lr_indexing(self):
        eff = np.array([[0.5, 0.05], [0.25, 0.04], [0.1, 0.02]])  # per step 1..3
        chart = EffectiveLRChart(eff, optimizer="adagrad")
        s1 = chart.coordinate_series[0]
        chart.set_progress(2)  # step 2 used eff[1]
        assert np.allclose(s1.head.get_center(), chart.c2p(2, 0.25))
        assert chart.end_labels[0].get_left()[0] > s1.head.get_right()[0]

    def test_coordinate_bars_log_length(self):
        vals = np.array([[1.0, 0.01], [0.1, 0.001]])
        bars = CoordinateBars(vals, optimizer="adagrad", length=4.0)
        assert bars.v_range == (1e-3, 1.0)
        bars.set_progress(1)  # step 1 shows values[0]
        (b0, t0), (b1, t1) = bars.bars
        assert b0.width == pytest.approx(4.0) and b1.width == pytest.approx(4.0 / 3)
        assert b0.get_left()[0] == pytest.approx(t0.get_left()[0])
        bars.set_progress(2)
        assert b0.width == pytest.approx(4.0 * 2 / 3) and bars.numbers[1].text == format_value(0.001)


# --------------------------------------------------------------------------- captions and live text
class TestCaption:
    def test_runs_footer_and_wrapping(self):
        runs = [("adam", {"lr": 0.05, "betas": (0.9, 0.999)}), ("adamw", {"lr": 0.05, "weight_decay": 0.01}),
                ("nadam", {"lr": 0.05}), ("adamax", {"lr": 0.1, "eps": 1e-8})]
        cap = CornerCaption(runs, landscape="Beale", seed=3, extra="batch 8", max_width=12.4)
        assert list(cap.rows) == ["adam", "adamw", "nadam", "adamax"]
        assert cap.footer.original_text == "Beale  \u00b7  seed 3  \u00b7  batch 8"
        assert len(cap.lines) >= 2 and all(line.width <= 12.4 + 1e-6 for line in cap.lines)  # wrapped, each line fits
        assert cap.rows["adamw"][0].get_fill_color().to_hex().upper() == optimizer_color("adamw").upper()

    def test_pieces_share_a_baseline(self):
        cap = CornerCaption([("rmsprop", {"lr": 0.01, "alpha": 0.99}), ("adam", {"betas": (0.9, 0.999)})],
                            landscape="Ravine")
        line = cap.lines[0]
        texts = [m for chip in line for m in (chip if isinstance(chip, VGroup) and not isinstance(chip, Text) else [chip])
                 if isinstance(m, Text)]
        assert len(texts) == 5  # two names, two hyper-parameter texts, the footer
        assert np.ptp([baseline(t) for t in texts]) < 2e-3

    def test_from_optimizer_object_shows_lr_and_non_defaults(self):
        class Opt:
            name = "momentum"
            hyperparams = {"lr": 0.05, "momentum": 0.8, "dampening": 0.0, "nesterov": False}
            defaults = {"lr": 0.001, "momentum": 0.0, "dampening": 0.0, "nesterov": False}

        cap = CornerCaption(Opt())
        texts = [m.original_text for m in cap.rows["momentum"] if isinstance(m, Text)]
        assert texts == ["Momentum", "\u03b3 0.05   \u03bc 0.8"]  # the learning rate as the notation writes it

    def test_fits_the_safe_area_in_a_corner(self):
        cap = place_caption(CornerCaption([(n, {"lr": 0.1}) for n in ("gd", "momentum", "nesterov")], landscape="Ravine",
                                          seed=0))
        assert_in_safe_area([cap])
        assert cap.get_top()[1] < MAP_SLOT.bottom + 0.1


class TestLiveText:
    def test_set_text_keeps_the_left_end_and_is_monospaced(self):
        t = LiveText("0.000", font_size=28).move_to(RIGHT * 2 + UP)
        left = t.ruler.get_start().copy()
        t.set_text("1111")
        assert t.text == "1111" and len(t.glyphs()) == 4  # one glyph per character
        assert len(t.submobjects) == 1 + 5  # the ruler and the slot's fixed pool
        assert np.allclose(t.ruler.get_start(), left)
        centres = [g.get_center()[0] for g in t.glyphs()]
        assert np.allclose(np.diff(centres), t.advance)
        t.set_text("1 1")  # a space takes a cell but no glyph
        g = t.glyphs()
        assert len(g) == 2
        assert g[1].get_center()[0] - g[0].get_center()[0] == pytest.approx(2 * t.advance)

    def test_scaled_text_follows(self):
        t = LiveText("00", font_size=28, width=4)
        w = t.glyphs()[-1].get_right()[0] - t.glyphs()[0].get_left()[0]
        t.scale(2)
        t.set_text("000")
        w3 = t.glyphs()[-1].get_right()[0] - t.glyphs()[0].get_left()[0]
        assert w3 == pytest.approx(2 * (w + t.advance), rel=1e-6)  # one more cell, all twice as big

    def test_right_aligned_keeps_the_right_end(self):
        t = LiveText("1", align="right", width=5).move_to(RIGHT)
        right = t.glyphs()[-1].get_right()[0]
        t.set_text("12341")
        assert t.glyphs()[-1].get_right()[0] == pytest.approx(right)
        assert t.glyphs()[0].get_center()[0] < right - 3 * t.advance

    def test_unused_glyphs_have_no_points_and_a_longer_text_still_shows(self):
        t = LiveText("0000", font_size=28)
        t.set_text("1315")
        t.set_text("13")
        assert [len(g.points) > 0 for g in t.submobjects[1:]] == [True, True, False, False]
        t.set_text("1234567")  # longer than the slot: the pool grows
        assert len(t.glyphs()) == 7

    def test_bad_align(self):
        with pytest.raises(ValueError, match="align"):
            LiveText("0", align="centre")


class TestLiveValue:
    def test_shows_the_value_of_each_step_and_clamps(self):
        v = LiveValue([0.0032, 0.0041, 0.1], chars=6)
        assert v.n_steps == 3 and v.num.text == "0.0032"  # step 1 on creation
        for s, shown in ((2, "0.0041"), (2.99, "0.0041"), (3, "0.1"), (7, "0.1"), (-4, "0.0032")):
            v.set_progress(s)
            assert v.num.text == shown, s
        assert v.progress == 1.0  # clamped to 1..n_steps

    def test_counter_format_and_fixed_slot(self):
        c = LiveValue(np.arange(1, 301), fmt=".0f", chars=3).move_to(RIGHT * 2)
        left = c.num.ruler.get_start().copy()
        family = list(c.num.submobjects)
        for s in (9, 99.5, 300):
            c.set_progress(s)
            assert np.allclose(c.num.ruler.get_start(), left) and c.num.submobjects == family
        assert c.num.text == "300"

    def test_driven_by_draw_steps(self):
        from scenes.kit import DrawSteps

        v = LiveValue(np.arange(10) * 1.5, fmt=".1f")
        anim = DrawSteps(v, run_time=1)
        anim.begin()
        anim.interpolate(1.0)
        assert v.num.text == "13.5"

    def test_bad_values(self):
        with pytest.raises(ValueError, match="1-D"):
            LiveValue([])


# ---------------------------------------------------------------------- additions (s7: kit issues)
class TestKitAdditions:
    def test_update_rule_line_gives_each_line_in_order(self):
        rule = UpdateRule(MOMENTUM_RULE)
        n = len(rule.lines)
        lines = [rule.line(i) for i in range(n)]
        assert sum(len(ln) for ln in lines) == len(rule.tex.family_members_with_points())
        ys = [ln.get_center()[1] for ln in lines]
        assert ys == sorted(ys, reverse=True)  # top to bottom
        assert rule.line(-1)[0] is lines[-1][0]  # the rule's own glyphs
        # every occurrence of a symbol on one line is inside that line's box
        v = rule.occurrences("velocity")[0] if rule.has("velocity") else None
        if v is not None:
            owner = [i for i, ln in enumerate(lines) if v[0] in ln.submobjects]
            assert len(owner) == 1

    def test_single_line_rule(self):
        rule = UpdateRule(r"\theta_t = \theta_{t-1} - \gamma g_t")
        assert len(rule.line(0)) == len(rule.tex.family_members_with_points())

    def test_readout_background_false_makes_readout_as_wide_as_its_text(self):
        traj = fk.gd(fk.bowl(), (1.5, 1.0), 0.1, 10)
        with_bg = TrajectoryPath(traj, small_map(fk.bowl()), "gd", readout="free")
        without = TrajectoryPath(traj, small_map(fk.bowl()), "gd", readout="free", readout_background=False)
        assert with_bg.readout_background in with_bg.readout.submobjects
        assert without.readout_background not in without.readout.submobjects
        assert without.readout.width < with_bg.readout.width
        without.set_progress(5)
        assert without.step_value.text.strip() == "5"

    def test_schedule_chart_steps_matches_a_trajectory(self):
        lrs = np.linspace(0.5, 0.05, 30)  # one rate per step of a 30-step run
        traj = fk.gd(fk.bowl(), (1.5, 1.0), 0.1, 30)
        path = TrajectoryPath(traj, small_map(fk.bowl()), "gd")
        chart = ScheduleChart(lrs, steps=path)
        assert chart.n_steps == path.n_steps == 30
        assert len(chart.lrs) == 31 and chart.lrs[-1] == lrs[-1] and chart.lrs[0] == lrs[0]
        assert ScheduleChart(lrs, steps=10).n_steps == 10
        assert ScheduleChart(lrs).n_steps == 29  # unchanged default

    def test_live_text_max_chars_keeps_one_family(self):
        t = LiveText("12", max_chars=8)
        family = list(t.submobjects)
        for s in ("1.23e\u22125", "3", "0.0042"):
            t.set_text(s)
            assert t.submobjects == family
            assert len(t.glyphs()) == len(s.replace(" ", ""))
        plain = LiveText("0.0042", width=8)
        assert abs(t.width - plain.width) < 1e-6

    def test_landscape_surface_bake_light_changes_face_colours_once(self):
        from manim import ThreeDCamera

        flat = LandscapeSurface(fk.saddle(), resolution=8)
        baked = LandscapeSurface(fk.saddle(), resolution=8, bake_light=ThreeDCamera().light_source)
        assert baked.baked_light is not None and flat.baked_light is None
        a = flat.surface[5].get_fill_rgbas()
        b = baked.surface[5].get_fill_rgbas()
        assert len(b) == 2 and not np.allclose(a[0, :3], b[0, :3])
        assert np.isclose(b[0, 3], a[0, 3])

    def test_line_fit_plot_lives_in_the_kit(self):
        from types import SimpleNamespace

        import scenes.kit as kit

        assert "LineFitPlot" in kit.__all__
        rng = np.random.default_rng(0)
        x = rng.uniform(-1, 1, 12)
        problem = SimpleNamespace(x=x, y=-2 * x + 0.5)
        plot = kit.LineFitPlot(problem)
        plot.set_params(-2.0, 0.5)
        assert np.allclose(plot.line.get_start(), plot.c2p(-1.0, 2.5))
        res = plot.residuals(-2.0, 0.5)
        assert len(res) == 12
        assert max(r.get_length() for r in res) < 1e-2  # the data lie on the line
        plot.set_residuals(res, 0.0, 0.0)
        assert max(r.get_length() for r in res) > 0.1

    def test_chapters_do_not_import_each_other(self):
        import pathlib
        import re as _re

        root = pathlib.Path(__file__).resolve().parents[2] / "scenes"
        for f in root.glob("ch[0-9]*.py"):
            assert not _re.search(r"^\s*(from|import)\s+scenes\.ch\d", f.read_text(), _re.M), f.name


class TestSpeedHelpers:
    def test_install_is_idempotent_and_uninstall_restores_manim(self, monkeypatch):
        from manim.camera.camera import Camera
        from manim.scene.video_segment_encoder import VideoSegmentEncoder

        from scenes.kit import speed

        monkeypatch.setenv(speed.ENV, "1")
        stock = (VideoSegmentEncoder.write_frame, Camera.set_cairo_context_path)
        speed.uninstall()
        assert speed.install() and speed.install()
        assert hasattr(VideoSegmentEncoder.write_frame, "__wrapped__")
        assert not hasattr(VideoSegmentEncoder.write_frame.__wrapped__, "__wrapped__")
        assert sorted(speed.installed()) == sorted(speed._PATCHES)
        speed.uninstall()
        assert not hasattr(VideoSegmentEncoder.write_frame, "__wrapped__")
        assert not hasattr(Camera.set_cairo_context_path, "__wrapped__")
        assert stock[1] is Camera.set_cairo_context_path or hasattr(stock[1], "__wrapped__")

    def test_switch_off_means_stock_manim(self, monkeypatch):
        from scenes.kit import speed

        for value in ("0", "false", "off", "NO"):
            monkeypatch.setenv(speed.ENV, value)
            assert not speed.install() and speed.installed() == []
        monkeypatch.setenv(speed.ENV, "1")
        assert speed.install()
        speed.uninstall()

    def test_other_manim_version_falls_back_with_one_warning(self, monkeypatch, caplog):
        import manim

        from scenes.kit import speed

        monkeypatch.setenv(speed.ENV, "1")
        monkeypatch.setattr(manim, "__version__", "0.23.0")
        monkeypatch.setattr(speed, "_WARNED", set())
        with caplog.at_level("WARNING", logger="optim.speed"):
            assert not speed.install() and not speed.install()
        lines = [r.getMessage() for r in caplog.records if r.name == "optim.speed"]
        assert len(lines) == 1 and "0.23.0" in lines[0] and speed.SUPPORTED_MANIM in lines[0]
        assert speed.installed() == []

    def test_importing_the_scene_base_installs_nothing(self):
        import subprocess
        import sys

        code = ("import scenes.scene, scenes.kit.speed as s; from manim.camera.camera import Camera; "
                "print(s.installed(), hasattr(Camera.set_cairo_context_path, '__wrapped__'))")
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        assert out.strip() == "[] False"

    def test_repeated_frames_encode_like_manim(self, tmp_path, monkeypatch):
        av = pytest.importorskip("av")
        from manim._config.output import OutputFormat, OutputSpec
        from manim._config.video_encoder import resolve_video_encoder
        from manim.scene.video_segment_encoder import VideoSegmentEncoder

        from scenes.kit import speed

        monkeypatch.setenv(speed.ENV, "1")
        speed.install()
        spec = resolve_video_encoder(OutputSpec(OutputFormat.MP4, False, False, False), width=64, height=48,
                                     frame_rate=60)
        rng = np.random.default_rng(1)
        a = rng.integers(0, 255, (48, 64, 4), dtype=np.uint8)
        a[..., 3] = 255
        outs = []
        for patched in (False, True):
            enc = VideoSegmentEncoder(target=tmp_path / f"{patched}.mp4", spec=spec)
            write = VideoSegmentEncoder.write_frame if patched else VideoSegmentEncoder.write_frame.__wrapped__
            write(enc, np.ascontiguousarray(a), repeat=7)
            enc.finish()
            with av.open(str(tmp_path / f"{patched}.mp4")) as c:
                frames = [f.to_ndarray(format="rgb24") for f in c.decode(video=0)]
            outs.append(frames)
        speed.uninstall()
        assert len(outs[0]) == len(outs[1]) == 7
        assert all(np.array_equal(x, y) for x, y in zip(*outs))

    def test_keep_static_first(self):
        from types import SimpleNamespace

        from scenes.kit.speed import keep_static_first

        a, b, c = Square(), Square(), Square()
        scene = SimpleNamespace(mobjects=[a, b, c])
        keep_static_first(scene, c)
        assert scene.mobjects == [c, a, b]


class TestStaticPlan:
    """``speed.plan_play``: which mobjects Cairo redraws during the kit's ``draw()`` plays."""

    @staticmethod
    def plan(mobs, anims, foreground=()):
        from types import SimpleNamespace

        from manim.utils.family import extract_mobject_family_members

        from scenes.kit.speed import plan_play

        for a in anims:
            a.begin()
        scene = SimpleNamespace(mobjects=list(mobs), foreground_mobjects=list(foreground))
        return plan_play(scene, anims, extract_mobject_family_members(list(mobs)))

    def setup_pictures(self):
        ls = fk.bowl()
        lmap = small_map(ls).to_edge(LEFT)
        traj = fk.gd(ls, (1.5, 1.0), 0.1, 20)
        path = TrajectoryPath(traj, lmap, "gd", readout="corner")
        vals = np.abs(np.asarray(traj.positions[1:])) + 1e-3
        chart = EffectiveLRChart(vals, optimizer="gd", labels=("x", "y"), width=3, height=1.2,
                                 title="values").to_corner(UR)
        bars = CoordinateBars(vals, optimizer="gd", labels=("x", "y"), title="bars").to_corner(DOWN + RIGHT)
        return lmap, path, chart, bars

    def test_static_parts_of_drawn_charts_stay_static(self):
        lmap, path, chart, bars = self.setup_pictures()
        plan = self.plan([lmap, path, chart, bars], [path.draw(), chart.draw(), bars.draw()])
        ids = {id(m) for m in plan.moving}
        extras = {id(m) for m in plan.extras}
        assert id(path.path) in ids and id(path.dot) in ids
        assert not any(id(m) in ids for m in chart.axes.get_family())  # ticks, labels, title: static
        assert any(id(m) in extras for m in chart.axes.get_family())
        assert not any(id(m) in ids for m in bars.title.get_family())
        assert all(id(m) in ids for m in bars.numbers[0].get_family())
        assert not any(id(m) in ids for m in lmap.get_family())  # the map is below everything
        # a group is redrawn only when its whole family is: a static child is never drawn twice
        for m in plan.moving:
            assert all(id(f) in ids for f in m.get_family())

    def test_unhinted_animation_or_updater_means_moving_everywhere(self):
        from manim import FadeIn

        lmap, path, chart, bars = self.setup_pictures()
        sq = Square(0.3)
        plan = self.plan([lmap, sq, path, chart, bars], [path.draw(), chart.draw(), FadeIn(sq)])
        ids = {id(m) for m in plan.moving}
        # everything after the square (drawn "everywhere") is redrawn: manim's own rule from there on
        assert all(id(m) in ids for m in chart.axes.family_members_with_points())
        assert not any(id(m) in ids for m in lmap.get_family())
        assert self.plan([sq], [FadeIn(sq)]) is None  # nothing hinted: manim decides

    def test_a_chain_of_overlaps_is_followed_to_its_end(self):
        """A static mobject drawn over a moving region is redrawn; so is every later one that overlaps
        *it*, however long the chain (regions made on the way must never be lost)."""
        lmap, path, chart, bars = self.setup_pictures()
        region = path._moving_hint()[1]
        x, y = region[2] - 0.05, (region[1] + region[3]) / 2
        chain = [Square(0.3).move_to([x + 0.25 * i, y, 0]) for i in range(60)]  # each overlaps the next
        plan = self.plan([lmap, path, *chain], [path.draw()])
        ids = {id(m) for m in plan.moving}
        assert all(id(sq) in ids for sq in chain)
        far = Square(0.3).move_to([x + 0.25 * 70 + 1.0, y, 0])
        plan = self.plan([lmap, path, *chain, far], [path.draw()])
        assert id(far) not in {id(m) for m in plan.moving}

    def test_detached_readout_stays_live(self):
        lmap, path, chart, bars = self.setup_pictures()
        ro = path.detach_readout()
        assert ro not in path.submobjects
        ro.to_corner(DOWN + LEFT)
        plan = self.plan([lmap, path, ro], [path.draw()])
        ids = {id(m) for m in plan.moving}
        assert all(id(m) in ids for m in path.loss_value.get_family())


def test_landscape_map_y_label_shift():
    a = LandscapeMap(fk.bowl(), resolution=30, n_contours=0)
    b = LandscapeMap(fk.bowl(), resolution=30, n_contours=0, y_label_shift=0.4)
    assert np.isclose(b.y_label.get_y() - a.y_label.get_y(), 0.4)
    assert np.isclose(b.y_label.get_x(), a.y_label.get_x())


def _patched(name):
    """(patched, original) of one shortcut, installed for the test."""
    from scenes.kit import speed

    owner, attr, original, patched = speed._PATCHES[name]()
    return patched, original


def test_fast_image_overlay_matches_manim():
    from manim.camera.camera import Camera
    from PIL import Image

    fast, slow = _patched("fast image overlay")
    cam = Camera(pixel_height=60, pixel_width=80)
    rng = np.random.default_rng(3)
    base = rng.integers(0, 255, (60, 80, 4), dtype=np.uint8)
    base[..., 3] = 255
    over = np.zeros((60, 80, 4), dtype=np.uint8)
    over[10:30, 20:50] = rng.integers(0, 255, (20, 30, 4), dtype=np.uint8)
    a, b = base.copy(), base.copy()
    slow(cam, a, Image.fromarray(over, mode="RGBA"))
    fast(cam, b, Image.fromarray(over, mode="RGBA"))
    assert np.array_equal(a, b) and not np.array_equal(a, base)


def test_skip_invisible_draws_nothing_for_transparent_vmobjects(monkeypatch):
    from manim import Circle
    from manim.camera.camera import Camera

    skip, _ = _patched("skip invisible")
    monkeypatch.setattr(Camera, "display_vectorized", skip)
    calls = []

    class Probe(Camera):
        def set_cairo_context_path(self, ctx, vmobject):
            calls.append(vmobject)
            return super().set_cairo_context_path(ctx, vmobject)

    cam = Probe(pixel_height=40, pixel_width=60)
    ctx = cam.get_cairo_context(cam.pixel_array)
    hidden = Circle(radius=1, stroke_width=3).set_stroke(opacity=0).set_fill(opacity=0)
    shown = Circle(radius=1, stroke_width=3).set_stroke(opacity=0).set_fill(opacity=0.5)
    bg_only = Circle(radius=1).set_stroke(opacity=0).set_fill(opacity=0)
    bg_only.set_background_stroke(color="#FFFFFF", width=4, opacity=1)
    for m in (hidden, shown, bg_only):
        cam.display_vectorized(m, ctx)
    assert calls == [shown, bg_only]


def test_path_cache_replays_identical_pixels(monkeypatch):
    from manim import Circle, Square
    from manim.camera.camera import Camera

    from scenes.kit import speed

    fast, slow = _patched("path cache")
    mobs = [Circle(radius=1.2).set_fill("#3366CC", 0.7), Square(1.0).set_stroke(width=6).shift(0.3 * RIGHT)]

    def frame(cached: bool, height: int = 90):
        monkeypatch.setattr(Camera, "set_cairo_context_path", fast if cached else slow)
        cam = Camera(pixel_height=height, pixel_width=16 * height // 9)
        for _ in range(2):  # the second pass replays cached paths
            cam.reset()
            cam.capture_mobjects(mobs)
        return cam.pixel_array.copy()

    speed._PATHS.clear()
    assert np.array_equal(frame(True), frame(False))
    mobs[1].shift(0.5 * UP)  # changed points: rebuilt, not replayed
    assert np.array_equal(frame(True), frame(False))
    # the same mobjects at another resolution: the stored user-space path is not reused
    assert np.array_equal(frame(True, 144), frame(False, 144))


# ---------------------------------------------------------------------- colour
#: optimizers the chapters show together (chapter 12 checks its own rounds frame by frame)
SHOWN_TOGETHER = [("gd", "sgd", "minibatch"), ("gd", "momentum", "nesterov"), ("gd", "adagrad"),
                  ("adagrad", "rmsprop", "adadelta"), ("gd", "momentum", "rmsprop"), ("adam", "adamax", "nadam"),
                  ("adam", "momentum", "rmsprop"), ("adam", "adamw")]


@pytest.mark.parametrize("group", SHOWN_TOGETHER, ids=["+".join(g) for g in SHOWN_TOGETHER])
def test_palette_groups_are_distinct_also_colour_blind(group):
    from scenes.kit.colour import distinct, worst_pair
    from scenes.kit.palette import optimizer_color

    colors = [optimizer_color(n) for n in group]
    assert distinct(colors), worst_pair(colors)


def test_run_colours_stand_out_from_maps_and_quantities():
    import numpy as np

    from scenes.kit.colour import delta_e
    from scenes.kit.palette import (BACKGROUND, DECAY_COLOR, GRADIENT_COLOR, OPTIMIZER_NAMES, VELOCITY_COLOR,
                                    colormap, optimizer_color)

    bg = np.array([int(BACKGROUND[i:i + 2], 16) / 255 for i in (1, 3, 5)])
    floor = ["#%02X%02X%02X" % tuple(int(round(v * 255)) for v in colormap("viridis")(t * 0.9) * 0.78 + bg * 0.22)
             for t in np.linspace(0, 0.55, 6)]  # the dimmed low half of a map, where runs travel
    for name in OPTIMIZER_NAMES:
        c = optimizer_color(name)
        assert min(delta_e(c, m) for m in floor) >= 28, name
        assert min(delta_e(c, q) for q in (GRADIENT_COLOR, VELOCITY_COLOR)) >= 20, name
    for name in ("adam", "adamw"):  # the decay arrow (chapter 10) is drawn beside these two
        assert delta_e(optimizer_color(name), DECAY_COLOR) >= 20, name


def test_delta_e_reference_values():
    """CIEDE2000 against Sharma et al. (2005) test data, pair 1: Lab (50, 2.6772, -79.7751) vs (50, 0, -82.7485) = 2.0425."""
    from coloraide import Color

    a = Color("lab-d65", [50.0, 2.6772, -79.7751])
    b = Color("lab-d65", [50.0, 0.0, -82.7485])
    assert a.delta_e(b, method="2000") == pytest.approx(2.0425, abs=1e-4)


def test_loss_axis_log_only_for_positive_losses_spanning_decades():
    from scenes.kit import loss_axis

    log, (lo, hi) = loss_axis([np.array([100.0, 1.0, 1e-3]), np.array([50.0, np.nan, np.inf])])
    assert log and (lo, hi) == (1e-3, 100.0)
    log, (lo, hi) = loss_axis([np.array([4.0, 2.0, 1.0])])  # a span of 4: linear, padded 5 %
    assert not log and np.isclose(lo, 1.0 - 0.15) and np.isclose(hi, 4.0 + 0.15)
    log, _ = loss_axis([np.array([4.0, -1.0])])  # a negative loss has no log
    assert not log
    # the top is the highest start: a diverging run leaves through the top edge
    log, (lo, hi) = loss_axis([np.array([10.0, 1e6]), np.array([10.0, 1e-4])])
    assert log and hi == 10.0 and lo == 1e-4
    log, (lo, _) = loss_axis([np.array([1.0, 1e-30])])  # never below 1e-12 of the top
    assert lo == pytest.approx(1e-12)


def test_fit_in_box_gives_the_overhang_to_the_plot_not_the_text():
    from scenes.kit import fit_in_box

    def build(w, h):
        chart = LossChart(200, log_y=True, y_range=(1e-6, 10.0), width=w, height=h, font_size=22)
        chart.add_series(np.geomspace(10.0, 1e-6, 201), "#56B4E9")
        return chart

    loose = build(4.0, 2.0)
    assert loose.width > 4.0 and loose.height > 2.0  # ticks and labels overhang the plot
    chart = fit_in_box(build, 4.0, 2.0)
    assert chart.width <= 4.0 + 1e-6 and chart.height <= 2.0 + 1e-6
    assert chart.width > 3.8 and chart.height > 1.8  # and the plot takes the rest
    size = [t.font_size for t in chart.ticks if isinstance(t, Text)]
    assert size and all(s == pytest.approx(22) for s in size)  # text never scaled


def test_step_chart_thins_value_ticks_when_asked():
    many = LossChart(100, log_y=True, y_range=(1e-10, 100.0), width=3.0, height=1.0)
    few = LossChart(100, log_y=True, y_range=(1e-10, 100.0), width=3.0, height=1.0, max_y_ticks=3)

    def n_labels(chart):
        return sum(isinstance(t, Text) for t in chart.ticks)

    assert n_labels(few) < n_labels(many)
    ys = sorted(t.get_center()[1] for t in few.ticks if isinstance(t, Text) and t.get_center()[0] < few.frame.get_left()[0])
    assert 2 <= len(ys) <= 3


def test_apart_and_inside_compare_boxes():
    from scenes.kit import apart, inside

    a = Square(side_length=1.0)  # [-0.5, 0.5]²
    b = Square(side_length=1.0).shift(RIGHT * 1.2)  # 0.2 to the right of a
    assert apart(a, b) and apart(b, a) and apart(a, b, gap=0.15)
    assert not apart(a, b, gap=0.25)
    c = Square(side_length=1.0).shift(RIGHT * 0.8 + UP * 0.8)  # overlaps a's corner
    assert not apart(a, c) and not apart(c, a)
    assert apart(a, Square(side_length=1.0).shift(DOWN * 1.1))  # one above the other
    big = Square(side_length=3.0)
    assert inside(a, big) and inside(a, big, pad=0.9) and not inside(a, big, pad=1.1)
    assert not inside(big, a) and not inside(b, Square(side_length=2.0))


def test_step_chart_exact_range_keeps_a_log_range_as_given():
    from scenes.kit import StepChart

    widened = StepChart(100, log_y=True, y_range=(0.015, 20.0))
    exact = StepChart(100, log_y=True, y_range=(0.015, 20.0), exact_range=True)
    assert widened.y_range == (0.01, 100.0)
    assert exact.y_range == (0.015, 20.0)
    # the plot's bottom and top edges are the range's ends
    assert np.allclose(exact.c2p(0, 0.015)[1], exact.frame.get_bottom()[1])
    assert np.allclose(exact.c2p(0, 20.0)[1], exact.frame.get_top()[1])
