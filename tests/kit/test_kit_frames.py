"""Graphical tests of the kit: each picture rendered at low resolution and compared with committed control frames.

manim's ``frames_comparison`` renders the last frame at 854x480 and compares it pixel by pixel
with ``control_data/kit_frames/<test>.npz`` (tolerance: 1 unit per channel, and up to 0.001 % of
the values may differ more, for OS-level anti-aliasing noise). The data are the kit tests' own
stand-ins (``fakes.py``), so a change in optim_core does not change these pictures; a change in
the kit does, on purpose.

After a deliberate change of a picture: regenerate with ``--set_test`` (see ``conftest.py``), then
look at the PNGs that ``dump_control_frames.py`` writes before committing the ``.npz`` files.

The tests never call ``scene.play``: in manim 0.22 the harness renders the last frame of a scene
that played an animation from the *moving* mobjects only, on an empty background (everything
added before the ``play`` is missing). Animations are run with ``_run`` instead, which drives
them exactly as ``play`` does (``begin``, ``interpolate``, ``finish``).
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import numpy as np
import pytest
from manim import DEGREES, DOWN, RIGHT, UP, Text, ThreeDScene, VGroup
from manim.utils.testing.frames_comparison import frames_comparison

import kit_fakes as fk
from scenes.kit import (
    BACKGROUND,
    FONT,
    FULL_SLOT,
    LEFT_HALF,
    MAP_SLOT,
    PANEL_SLOT,
    RIGHT_HALF,
    TEXT,
    TITLE_SLOT,
    ClipCircle,
    CoordinateBars,
    CornerCaption,
    EffectiveLRChart,
    LandscapeMap,
    LandscapeSurface,
    Legend,
    LookAhead,
    LossChart,
    ParamArrow,
    ScheduleChart,
    TrajectoryPath,
    UpdateRule,
    assert_in_safe_area,
    place,
    place_caption,
    place_legend,
)

__module_test__ = "kit_frames"

pytestmark = pytest.mark.kit_graphical

# one LaTeX / text cache for the whole module (the harness would give each test an empty one:
# every θ₁ label compiled again), removed when the test run ends
_CACHE = Path(tempfile.mkdtemp(prefix="kit_frames_cache_"))
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)
for _sub in ("Tex", "texts"):
    (_CACHE / _sub).mkdir()

# the project's dark background (manim's test config would use black)
FRAMES = {"background_color": BACKGROUND, "tex_dir": str(_CACHE / "Tex"), "text_dir": str(_CACHE / "texts")}

# a small, fast map: the heat-map resolution only changes the image, not the geometry
MAP_KW = {"resolution": 120}


def _run(*animations) -> None:
    """Run animations to their end the way ``Scene.play`` does, without the harness's ``play`` path."""
    for anim in animations:
        anim.begin()
    for alpha in (0.0, 0.5, 1.0):
        for anim in animations:
            anim.interpolate(alpha)
    for anim in animations:
        anim.finish()


def _title(text: str) -> Text:
    return Text(text, font=FONT, font_size=36, color=TEXT).move_to(TITLE_SLOT.center)


def _ravine_map(**kw) -> LandscapeMap:
    lmap = LandscapeMap(fk.ravine(), max_width=MAP_SLOT.width - 0.8, max_height=MAP_SLOT.height - 0.6,
                        **{**MAP_KW, **kw})
    return place(lmap, MAP_SLOT)


@frames_comparison(**FRAMES)
def test_map_contours_colorbar(scene):
    """Rosenbrock from above: log heat-map, contour lines, axes with ticks, the star at (1, 1), colour bar."""
    lmap = LandscapeMap(fk.rosenbrock(), max_width=FULL_SLOT.width - 3, max_height=FULL_SLOT.height - 0.8,
                        colorbar=True, **MAP_KW)
    place(lmap, FULL_SLOT)
    assert lmap.value_scale.kind == "log"
    assert len(lmap.contours) >= 8
    assert lmap.colorbar is not None
    scene.add(lmap, _title("Rosenbrock"))
    assert_in_safe_area(scene.mobjects)


@frames_comparison(**FRAMES)
def test_saddle_map_markers(scene):
    """The saddle (linear scale): a diamond at the saddle point, contours on both sides."""
    lmap = LandscapeMap(fk.saddle(), max_width=LEFT_HALF.width, max_height=LEFT_HALF.height - 0.5, **MAP_KW)
    place(lmap, LEFT_HALF)
    assert lmap.value_scale.kind == "linear"
    assert len(lmap.saddle_markers) == 1
    bowl = LandscapeMap(fk.bowl(), max_width=RIGHT_HALF.width, max_height=RIGHT_HALF.height - 0.5,
                        show_markers="global", **MAP_KW)
    place(bowl, RIGHT_HALF)
    assert len(bowl.minimum_markers) == 1
    scene.add(lmap, bowl, _title("Saddle and bowl"))
    assert_in_safe_area(scene.mobjects)


@frames_comparison(**FRAMES)
def test_trajectory_readout(scene):
    """GD on the ravine, drawn part way (step 12 of 30) with the step counter and loss readout in the map's corner."""
    lmap = _ravine_map()
    traj = fk.gd(fk.ravine(), (-3.5, 1.5), 0.09, 30)
    path = TrajectoryPath(traj, lmap, "gd", readout="corner")
    _run(path.draw(end=12))
    assert path.progress == 12
    assert path.step_value.text.strip() == "12"
    assert path.loss_value.text == "0.743"  # losses[12] = 0.5 * 1.1291**2 + 10 * 0.1031**2
    scene.add(lmap, path, _title("Gradient descent, step 12"))


@frames_comparison(**FRAMES)
def test_three_paths_legend(scene):
    """Three optimizers in their colours, fully drawn, with a legend in the corner and a caption."""
    ls = fk.ravine()
    lmap = _ravine_map()
    runs = {"gd": 0.09, "momentum": 0.03, "adam": 0.05}
    starts = {"gd": (-3.5, 1.5), "momentum": (3.5, -1.5), "adam": (-3.5, -1.5)}
    paths = [TrajectoryPath(fk.gd(ls, starts[name], lr, 30), lmap, name).show_all() for name, lr in runs.items()]
    legend = place_legend(Legend(list(runs)))
    caption = place_caption(CornerCaption([(n, {"lr": lr}) for n, lr in runs.items()], landscape="Ravine", seed=0))
    scene.add(lmap, *paths, legend, caption, _title("Three runs"))
    assert_in_safe_area([lmap, legend, caption])


@frames_comparison(**FRAMES)
def test_diverging_trajectory_labelled(scene):
    """A run that blows up: drawn to the map's edge (never clamped), crossed at the exit and labelled."""
    lmap = _ravine_map()
    traj = fk.gd(fk.ravine(), (-3.5, 0.1), 0.15, 20, blowup=1e3, nan_after_divergence=True)
    assert traj.diverged_at == 14
    path = TrajectoryPath(traj, lmap, "adamax", readout="corner")
    _run(path.draw())
    assert path.diverged_label is not None
    assert path.diverged_text.get_fill_opacity() == 1.0
    # the last point inside the frame is the exit on the top/bottom edge, not a clamped step
    exit_step, exit_point = path.exit_point
    assert exit_step == 14  # every zig-zag step crosses the map; the last one leaves it at step 14
    assert abs(abs(exit_point[1] - lmap.frame.get_center()[1]) - lmap.frame.height / 2) < 1e-6
    scene.add(lmap, path, _title("Too large a step: diverged"))


@frames_comparison(**FRAMES)
def test_legend_highlight(scene):
    """Vertical legend with one entry highlighted (others dimmed) and a one-line horizontal legend."""
    column = Legend(["adagrad", "rmsprop", "adadelta", "adam"], labels={"adam": "Adam + L2"}).highlight("rmsprop")
    row = Legend(["gd", "sgd", "minibatch"], direction=RIGHT)
    VGroup(column, row).arrange(DOWN, buff=0.6).move_to(FULL_SLOT.center)
    scene.add(column, row, _title("Legends"))
    assert_in_safe_area(scene.mobjects)


@frames_comparison(**FRAMES)
def test_update_rule_highlight(scene):
    """Momentum's rule over three aligned lines, gradient / momentum / learning-rate symbols in their colours, one boxed."""
    rule = UpdateRule([r"g_t = \nabla f(\theta_{t-1})", r"b_t = \mu\, b_{t-1} + g_t",
                       r"\theta_t = \theta_{t-1} - \gamma\, b_t"], font_size=44)
    rule.highlight("grad", "momentum", "lr")
    place(rule, FULL_SLOT)
    box = rule.box("lr")
    scene.add(rule, box, _title("Momentum"))
    assert_in_safe_area(scene.mobjects)


@frames_comparison(**FRAMES)
def test_loss_chart(scene):
    """Loss (log y) of three runs, drawn to step 20 of 40, with the head dots on the lines."""
    ls = fk.ravine()
    chart = LossChart(40, width=6.5, height=3.6)
    for i, (name, lr) in enumerate({"gd": 0.09, "momentum": 0.03, "rmsprop": 0.06}.items()):
        chart.add_losses(fk.gd(ls, (-3.5, 1.5), lr, 40).losses, name)
    place(chart, FULL_SLOT)
    _run(chart.draw(end=20))
    scene.add(chart, _title("Loss against step"))
    assert all(s.progress == 20 for s in chart.series)
    assert_in_safe_area(scene.mobjects)


@frames_comparison(**FRAMES)
def test_effective_lr_chart_and_bars(scene):
    """AdaGrad-like effective learning rates falling per coordinate: chart with end labels, and live bars."""
    steps = np.arange(1, 41, dtype=float)[:, None]
    eff = 0.5 / np.sqrt(np.array([[1.0, 40.0]]) * steps)  # (40, 2): coordinate 2 sees larger gradients
    chart = EffectiveLRChart(eff, optimizer="adagrad", width=4.6, height=2.6)
    bars = CoordinateBars(eff, optimizer="adagrad", title="lr / \u221aG", length=3.0)
    place(chart, LEFT_HALF)
    place(bars, RIGHT_HALF)
    chart.set_progress(25)
    bars.set_progress(25)
    scene.add(chart, bars, _title("Effective learning rate"))
    assert_in_safe_area(scene.mobjects)


@frames_comparison(**FRAMES)
def test_schedule_chart(scene):
    """A cosine schedule with its cursor near the end (step 96 of 100): the value sits left of the cursor, above the curve."""
    t = np.arange(101)
    lrs = 0.01 + 0.5 * (0.1 - 0.01) * (1 + np.cos(np.pi * t / 100))
    sched = ScheduleChart(lrs, width=6.5, height=3.4, y_label="cosine schedule: learning rate")
    place(sched, FULL_SLOT)
    sched.set_progress(96)
    assert sched.value.text == format(lrs[96], ".4f")
    assert sched.value.get_right()[0] < sched.cursor_dot.get_center()[0]
    scene.add(sched, _title("Schedule"))
    assert_in_safe_area(scene.mobjects)


@frames_comparison(**FRAMES)
def test_corner_caption(scene):
    """Captions: several runs with hyper-parameters wrapping onto two lines, and a one-run caption at the top right."""
    runs = [("adam", {"lr": 0.05, "betas": (0.9, 0.999)}), ("adamw", {"lr": 0.05, "weight_decay": 0.01}),
            ("nadam", {"lr": 0.05}), ("adamax", {"lr": 0.1, "eps": 1e-8})]
    long = place_caption(CornerCaption(runs, landscape="Beale", seed=3, extra="batch 8"))
    short = place_caption(CornerCaption("gd", {"lr": 0.1}, landscape="Bowl"), corner=UP + RIGHT)
    assert len(long.lines) >= 2  # wrapped to fit
    scene.add(long, short)
    assert_in_safe_area(scene.mobjects)


@frames_comparison(**FRAMES)
def test_arrows(scene):
    """Gradient (inside a clipping circle), velocity, decay and look-ahead arrows on the bowl; the rule tied to the gradient."""
    ls = fk.bowl()
    lmap = LandscapeMap(ls, max_width=MAP_SLOT.width - 0.8, max_height=MAP_SLOT.height - 0.6, n_contours=7, **MAP_KW)
    place(lmap, MAP_SLOT)
    xy = np.array([-1.2, 1.1])
    grad = ParamArrow.gradient(lmap, xy, scale=0.25)
    clip = ClipCircle(lmap, xy, radius=0.45)
    vel = ParamArrow.velocity(lmap, np.array([0.2, 1.65]), np.array([0.8, -0.2]), label="b_t")
    look = LookAhead(lmap, np.array([-1.5, -1.4]), np.array([0.7, 0.5]))
    decay = ParamArrow.decay(lmap, np.array([1.4, -1.2]), lr=0.5, weight_decay=0.6)
    rule = UpdateRule(r"\theta_t = \theta_{t-1} - \gamma\, \nabla f(\theta_{t-1})", font_size=40)
    place(rule, PANEL_SLOT).highlight("grad")
    tie = rule.tie("grad", grad.arrow)
    scene.add(lmap, clip, grad, vel, look, decay, rule, tie, _title("Arrows"))
    assert_in_safe_area([lmap, rule, tie])


@frames_comparison(base_scene=ThreeDScene, **FRAMES)
def test_surface_with_path(scene):
    """The saddle as a 3-D surface with a momentum path lifted onto it and a fixed legend."""
    ls = fk.saddle()
    surf = LandscapeSurface(ls, resolution=16)
    scene.set_camera_orientation(phi=62 * DEGREES, theta=-55 * DEGREES, zoom=0.9)
    traj = fk.gd(ls, (-1.8, 0.05), 0.1, 14)
    path = TrajectoryPath(traj, surf, "momentum").show_all()
    legend = place_legend(Legend(["momentum"]))
    scene.add_fixed_in_frame_mobjects(legend)
    scene.add(surf, path)
