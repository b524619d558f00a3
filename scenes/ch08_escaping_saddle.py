"""Chapter 8: escaping a saddle. On a saddle the ground curves up along θ₁ and down along θ₂; gradient
descent started a hair off the ridge stalls in the middle, because the slope that would carry it off is
proportional to its tiny distance from the ridge. Then the same start on the saddle with its sides bent up
into two valleys (same ridge, so the same factor 1 + 2γ for gradient descent), raced
by the methods taught so far (GD, momentum, RMSprop), with each crossing of the half-way line marked on
the |θ₂|-against-step chart when it happens.

Render: ``manim -ql scenes/ch08_escaping_saddle.py EscapingASaddle``

Speed notes: the 3D surface is the expensive part (one Cairo path per face, re-drawn on every
frame the camera moves). Its shading is baked into the face colours once (kit ``bake_light``) and
the camera's per-frame shading is switched off; the faces have no outline stroke; the race runs
on the flat map, with the camera reset to the plain top view.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DEGREES,
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UP,
    UR,
    BackgroundRectangle,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    GrowFromEdge,
    Arrow,
    Group,
    Rectangle,
    Indicate,
    Line,
    ParametricFunction,
    ReplacementTransform,
    VGroup,
    linear,
    interpolate_color,
    ManimColor,
)

import optim_core as oc
from optim_core.analysis import crossing_step, escape_step
from optim_core.landscapes import Landscape
from scenes.kit import (
    BACKGROUND,
    MUTED,
    PANEL,
    TEXT,
    TITLE_SLOT,
    CornerCaption,
    DrawSteps,
    LandscapeMap,
    LandscapeSurface,
    LiveText,
    N,
    StepChart,
    TrajectoryPath,
    camera_rotation,
    format_value,
    display_name,
    optimizer_color,
    register_optimizer,
    tex,
    text,
)
from scenes.kit.cross_section import CrossSection
from scenes.kit.layout import SAFE_BOTTOM, SAFE_LEFT, SAFE_RIGHT
from scenes.kit.typeset import SIZES
from scenes.scene import ExplainerThreeDScene

__all__ = ["EscapingASaddle", "frame_center_for"]

#: the two cuts through the saddle drawn on the surface (not optimizer colours)
UP_CUT = "#FF8AD8"
DOWN_CUT = "#7FDBFF"
#: the two valley floors (their own colour: blue is the θ₂ cut)
FLOOR = "#FFD166"
#: the lesson's noisy run (gradient descent plus SGD's noise): a hue of its own, far from RMSprop's lavender
register_optimizer("sgd_noisy", "#7CFC8A", "SGD (noise)")


def frame_center_for(phi: float, theta: float, zoom: float, spot) -> np.ndarray:
    """The 3D camera's ``frame_center`` that shows the world origin at screen point ``spot``.

    A world vector ``w`` with ``R w = (x, y, 0)`` moves the picture by ``-zoom * (x, y)`` on screen
    (no perspective change). Fixed-in-frame mobjects do not move. (Cairo's context matrix keeps the
    frame centre it had when the first frame was drawn -- the origin here -- so only the projection
    uses it; image mobjects would be shifted twice, so the map only appears once it is back at 0.)
    """
    rot = camera_rotation(phi, theta)
    return rot.T @ np.array([-spot[0] / zoom, -spot[1] / zoom, 0.0])


def bent_saddle() -> Landscape:
    """The saddle θ₁² − θ₂² with its sides bent up by θ₂⁴/2: valley floors at θ₂ = ±1, and near the
    ridge the same downward curve as the plain saddle (so gradient descent keeps its factor 1 + 2γ).
    Defined here, not in ``optim_core`` (the shared ``saddle_valleys`` doubles the downward curve)."""

    def f(p):
        p = np.asarray(p, dtype=float)
        x, y = p[..., 0], p[..., 1]
        return x * x - y * y + 0.5 * y ** 4

    def grad(p):
        p = np.asarray(p, dtype=float)
        x, y = p[..., 0], p[..., 1]
        return np.stack([2.0 * x, 2.0 * y * (y * y - 1.0)], axis=-1)

    def hess(p):
        p = np.asarray(p, dtype=float)
        H = np.zeros(p.shape[:-1] + (2, 2))
        H[..., 0, 0] = 2.0
        H[..., 1, 1] = 6.0 * p[..., 1] ** 2 - 2.0
        return H

    return Landscape("saddle_bent", f, grad, ((-2.0, 2.0), (-1.6, 1.6)), title="Saddle with two valleys",
                     latex=r"f(\theta) = \theta_1^2 - \theta_2^2 + \tfrac{1}{2}\theta_2^4",
                     minima=[(0.0, 1.0), (0.0, -1.0)], saddles=[(0.0, 0.0)], f_min=-0.5, hessian=hess,
                     description="A saddle at the origin between two valleys at θ₂ = ±1 (f = −0.5).")


def sci(v: float) -> str:
    """A small number the way the chart's ticks write it: 1e−6, 2.55e−5, 7.9e−4 (one style everywhere)."""
    mantissa, exponent = f"{abs(v):.2e}".split("e")
    mantissa = mantissa.rstrip("0").rstrip(".")
    return f"{mantissa}e{int(exponent)}".replace("-", "\u2212")


def tex_sci(v: float) -> str:
    """A small number as LaTeX: 2\\times10^{-6}, 10^{-6} (a mantissa of 1 left out)."""
    mantissa, exponent = f"{abs(v):.1e}".split("e")
    mantissa = mantissa.rstrip("0").rstrip(".")
    power = rf"10^{{{int(exponent)}}}"
    return power if mantissa == "1" else rf"{mantissa}\times{power}"


def two(v: float) -> str:
    """A growth factor as shown and said: two decimals, trailing zeros dropped (1.1, 1.18, 1.32)."""
    return f"{round(float(v), 2):g}"


def growth_factor(values, k: int) -> float:
    """How much ``|values|`` grows from step ``k - 1`` to step ``k``."""
    v = np.abs(np.asarray(values, dtype=float))
    return float(v[k] / v[k - 1])


class EscapingASaddle(ExplainerThreeDScene):
    chapter = 8
    title = "Escaping a saddle"
    description = ("A saddle in 3D: up along θ₁, down along θ₂. Gradient descent stalls on the ridge; "
                   "from above, GD, momentum and RMSprop race off it, each crossing of the half-way line "
                   "marked on the distance chart when it happens.")
    on_grammar = True

    #: start almost on the ridge θ₂ = 0 (one millionth off it, on the side facing the camera)
    start = (-1.8, -1e-6)
    #: the intro run stops to show the stall at this step, then runs on until it reaches 1
    stall_step = 70
    race_steps = 150
    #: the runs of the race (only methods taught by now): name -> (optim_core name, hyper-parameters);
    #: one learning rate for all, untuned, stated on screen
    lr = 0.05
    runs = {
        "gd": ("sgd", dict(lr=0.05)),
        "momentum": ("sgd", dict(lr=0.05, momentum=0.9)),
        "rmsprop": ("rmsprop", dict(lr=0.05)),
    }
    #: "escaped" = this far from the ridge (half-way to a valley floor at |θ₂| = 1)
    escape_threshold = 0.5
    #: the step at which the growth factors are read (straight part of the log chart)
    factor_step = 20
    #: the lesson: SGD's noise, a seeded normal kick of this size added to each gradient
    noise, noise_seed = 0.02, 3
    surface_resolution = 22
    surface_width = 6.4
    #: 3D view: the surface sits left of centre (screen shift), leaving the right third for text
    phi, theta0, theta1, zoom3d = 62 * DEGREES, -78 * DEGREES, -58 * DEGREES, 0.9
    #: where the surface's centre appears on screen in the 3D beats
    screen_spot = (-2.3, -0.75)
    #: the bent surface, alone on screen: larger and nearer the middle
    zoom_bent, spot_bent = 1.0, (-1.0, -0.8)
    #: the race's map (plot width), the right ~45 % of the frame: the race is seen on it, the chart beside it
    map_width = 4.4
    #: the race map's window: θ₁ cropped at 1.2 (no run goes further right), so the map is square and larger
    map_bounds = ((-2.0, 1.2), (-1.6, 1.6))
    #: the race chart's log axis: its floor (10^zero_level) and the row for |θ₂| = 0 exactly below 10⁻⁶
    zero_level, row_level = -8, -7.55

    def construct(self):
        self.compute_runs()
        self.open_chapter()
        self.play_beats(self.a_saddle, self.gd_stalls_on_the_ridge, self.why_it_stalls, self.two_valleys,
                        self.from_above, self.the_race, self.rmsprop_escapes, self.momentum_escapes,
                        self.gd_escapes_last, self.the_lesson)
        self.final_hold(self.caption(), replacing=self.noise_note)

    # ------------------------------------------------------------------ numbers (all computed)
    def compute_runs(self):
        self.saddle = oc.landscape("saddle")
        self.valleys = bent_saddle()
        self.opts = {name: oc.optimizer(torch, **hp) for name, (torch, hp) in self.runs.items()}
        x0 = np.array(self.start)
        # steps from one millionth to half-way (the race's line, 0.5): the intro run goes that far
        long_run = oc.run(self.opts["gd"], self.saddle, x0, steps=self.race_steps)
        self.steps_to_half = crossing_step(np.abs(long_run.positions[:, 1]), self.escape_threshold, "above")
        self.intro_traj = oc.run(self.opts["gd"], self.saddle, x0, steps=self.steps_to_half)
        self.race = {name: oc.run(opt, self.valleys, x0, steps=self.race_steps) for name, opt in self.opts.items()}
        self.dist = {name: np.abs(t.positions[:, 1]) for name, t in self.race.items()}
        self.escapes = {name: escape_step(t.positions, self.escape_threshold) for name, t in self.race.items()}
        self.crossings = {name: crossing_step(d, self.escape_threshold, "above") for name, d in self.dist.items()}
        # per step on the ridge: GD multiplies |θ₂| by 1 + 2γ (on both saddles); momentum's factor grows
        self.intro_factor = growth_factor(self.intro_traj.positions[:, 1], self.factor_step)
        self.factors = {n: growth_factor(self.dist[n], self.factor_step) for n in ("gd", "momentum")}
        step1 = self.race["rmsprop"].positions[1] - self.race["rmsprop"].positions[0]
        self.rms_first = np.abs(step1)
        self.rms_grad = np.abs(self.valleys.grad(x0))
        # RMSprop's average of squared gradients starts at zero: after one step it is (1 - α) g², so the
        # first step is γ / sqrt(1 - α) = 10 γ along both axes
        self.rms_boost = 1.0 / np.sqrt(1.0 - self.opts["rmsprop"].alpha)
        # started exactly on the ridge, no method leaves it; gradient descent with SGD's noise (seeded) does
        on_ridge = np.array([self.start[0], 0.0])
        self.on_ridge = {name: oc.run(opt, self.valleys, on_ridge, steps=self.race_steps)
                         for name, opt in self.opts.items()}
        ls = self.valleys

        def noisy_run(seed: int):
            rng = np.random.default_rng(seed)

            def noisy_grad(p):
                return ls.grad(p) + self.noise * rng.standard_normal(np.shape(p))

            noisy = Landscape("saddle_bent_noisy", ls.f, noisy_grad, ls.bounds)
            run = oc.run(self.opts["gd"], noisy, on_ridge, steps=self.race_steps)
            return run, crossing_step(np.abs(run.positions[:, 1]), self.escape_threshold, "above")

        self.noisy, self.noisy_crossing = noisy_run(self.noise_seed)
        #: the crossing is one draw's: other seeds of the same noise cross at other steps
        self.seed_crossings = [noisy_run(seed)[1] for seed in range(6)]

    # ------------------------------------------------------------------ helpers
    @staticmethod
    def spoken(tracker) -> float:
        """Seconds of the current voice-over line already spoken."""
        return tracker.duration - tracker.get_remaining_duration()

    def surface(self, landscape, z_height: float) -> LandscapeSurface:
        # shading baked into the faces once (the camera's own per-frame shading is switched off)
        return LandscapeSurface(landscape, width=self.surface_width, resolution=self.surface_resolution,
                                z_height=z_height, stroke_width=0, z_clip_percentile=100,
                                bake_light=self.renderer.camera.light_source)

    def frame_center_for(self, theta: float) -> np.ndarray:
        """The camera's frame centre that shows the world origin at ``screen_spot``."""
        return frame_center_for(self.phi, theta, self.zoom3d, self.screen_spot)

    def on_screen(self, point) -> np.ndarray:
        """Screen position of 3D ``point`` (the camera must stay still while it is used)."""
        camera = self.renderer.camera
        camera.reset_rotation_matrix()
        p = camera.project_point(np.asarray(point, dtype=float))
        return np.array([p[0], p[1], 0.0])

    def screen_label(self, point, words: str, color=TEXT, away_from=None, direction=DOWN) -> VGroup:
        """A flat label on a panel beside the screen position of 3D ``point`` (away from ``away_from``)."""
        p = self.on_screen(point)
        label = text(words, "label", color=color)
        box = VGroup(BackgroundRectangle(label, color=PANEL, fill_opacity=0.85, buff=0.1, corner_radius=0.06), label)
        if away_from is not None:
            d = p - self.on_screen(away_from)
            direction = d / (np.linalg.norm(d) + 1e-9)
        box.next_to(p, direction, buff=0.15)
        return box

    def fade_in_fixed(self, *mobs, run_time: float = 0.8):
        """Fade in flat (fixed-in-frame) mobjects in the 3D scene."""
        self.add_fixed_in_frame_mobjects(*mobs)
        self.remove(*mobs)
        self.play(*[FadeIn(m) for m in mobs], run_time=run_time)

    def ridge_readout(self, path) -> VGroup:
        """Live 'step k   |θ₂| = v' for a path on the saddle (fixed glyph pools: registered once as fixed-in-frame)."""
        step_label = text("step", "label", color=MUTED)
        step = LiveText("888", font_size=32, color=TEXT, max_chars=3)  # widest text: sets the layout
        dist_label = tex(rf"|{N.theta2}| =", "label")
        dist = LiveText("8.88e\u22128", font_size=32, color=optimizer_color(path.optimizer), max_chars=7)
        row = VGroup(VGroup(step_label, step).arrange(RIGHT, buff=0.2, aligned_edge=DOWN),
                     VGroup(dist_label, dist).arrange(RIGHT, buff=0.2, aligned_edge=DOWN))
        row.arrange(DOWN, buff=0.2, aligned_edge=LEFT)
        back = BackgroundRectangle(row, color=PANEL, fill_opacity=0.85, buff=0.15, corner_radius=0.08)
        box = VGroup(back, row)
        box.next_to(self.formula, DOWN, buff=0.35).align_to(self.formula, RIGHT)
        self.add_fixed_in_frame_mobjects(box)

        def update(_):
            k = int(np.floor(path.progress + 1e-9))
            step.set_text(str(k))
            v = abs(path.positions[k][1])
            dist.set_text(f"{v:.2f}" if v >= 0.01 else sci(v))

        box.dist = dist

        update(box)
        box.add_updater(update)
        return box

    def surface_cut(self, axis: int, color, surf=None) -> ParametricFunction:
        """The surface's cut through the saddle point along θ₁ (axis 0) or θ₂ (axis 1)."""
        surf = surf or self.surf
        lo, hi = surf.landscape.bounds[axis] if hasattr(surf, "landscape") else self.saddle.bounds[axis]

        def point(s):
            return surf.c2p(s, 0.0) if axis == 0 else surf.c2p(0.0, s)

        return ParametricFunction(point, t_range=[lo, hi], stroke_color=color, stroke_width=6)

    def caption(self) -> CornerCaption:
        # each run's own constant, RMSprop's α too (the kit leaves out values equal to the default); the one
        # step size shared by all and the noisy run's kicks (their standard deviation) on the last line;
        # under the map, bottom right, as large as fits there
        own = {"gd": (), "momentum": ("momentum",), "rmsprop": ("alpha",)}
        runs = [(n, {k: getattr(self.opts[n], k) for k in own[n]}) for n in self.opts]
        shared = f"all \u03b3 {self.lr:g} \u00b7 noise std {self.noise:g}"
        for size in (30, 28, 26):
            cap = CornerCaption(runs, extra=shared, max_width=SAFE_RIGHT - self.column_left, font_size=size)
            cap.move_to([SAFE_RIGHT, SAFE_BOTTOM - 0.12, 0], aligned_edge=DOWN + RIGHT)
            if cap.get_top()[1] < self.lmap.get_bottom()[1] - 0.03 and cap.get_left()[0] > self.column_left - 0.1:
                break
        else:
            raise ValueError(f"the caption does not fit under the map: {cap.get_top()[1]:.2f} "
                             f"{self.lmap.get_bottom()[1]:.2f} {cap.height:.2f}")
        return cap

    # ------------------------------------------------------------------ beats: the saddle in 3D
    def a_saddle(self):
        self.renderer.camera.should_apply_shading = False  # baked into the faces
        self.set_camera_orientation(phi=self.phi, theta=self.theta0, zoom=self.zoom3d,
                                    frame_center=self.frame_center_for(self.theta0))
        self.surf = self.surface(self.saddle, 2.6)
        self.formula = tex(self.saddle.latex, "formula")
        self.formula.move_to([SAFE_RIGHT, TITLE_SLOT.y - TITLE_SLOT.height / 2 - 0.15, 0], aligned_edge=UR)
        self.claim("it curves up along theta one, and falls off a ridge along theta two",
                   self.saddle.hessian(np.zeros(2))[0, 0] > 0 > self.saddle.hessian(np.zeros(2))[1, 1])
        self.claim("in the middle the slope is zero", np.allclose(self.saddle.grad(np.zeros(2)), 0.0))
        with self.voiceover(text="Not every flat spot is a valley. This saddle curves up along theta one, "
                                 "and falls off a ridge along theta two. In the middle, the slope is zero."
                            ) as tracker:
            self.set_heading("A saddle: up along \u03b8\u2081, down along \u03b8\u2082")
            self.play(FadeIn(self.surf), run_time=1.0)
            self.fade_in_fixed(self.formula, run_time=0.6)
            move = max(1.0, 0.3 * tracker.duration - 2.3)
            self.move_camera(theta=self.theta1, frame_center=self.frame_center_for(self.theta1),
                             run_time=move, rate_func=linear)
            up_cut, down_cut = self.surface_cut(0, UP_CUT), self.surface_cut(1, DOWN_CUT)
            centre = self.surf.c2p(0.0, 0.0)
            axes = self.base_axes()
            # one label for the pink cut: it is the ridge line θ₂ = 0, and along it the ground curves up
            # at the ridge's back end, clear of the middle where the two cuts cross
            up_label = self.screen_label(self.surf.c2p(-1.7, 0.0), "ridge (\u03b8\u2082 = 0):\ncurves up along \u03b8\u2081",
                                         UP_CUT, direction=UP)
            down_label = self.screen_label(self.surf.c2p(0.0, -2.0), "\u03b8\u2082: down", DOWN_CUT,
                                           away_from=centre)
            for lab in (up_label, down_label):  # clear of the frame's left edge
                lab.shift(RIGHT * max(0.0, SAFE_LEFT + 0.3 - lab.get_left()[0]))
            self.add_fixed_in_frame_mobjects(axes, up_label, down_label)
            self.remove(axes, up_label, down_label)
            self.play(FadeIn(axes), run_time=0.6)
            self.play(Create(up_cut), FadeIn(up_label), run_time=1.2)
            self.until(tracker, 0.42)
            self.play(Create(down_cut), FadeIn(down_label), run_time=1.0)
            self.until(tracker, 0.76)
            self.saddle_mark = self.screen_label(centre, "slope 0", TEXT)
            self.saddle_dot = Dot(self.on_screen(centre), radius=0.08, color=TEXT, stroke_color=BACKGROUND,
                                  stroke_width=2)
            self.add_fixed_in_frame_mobjects(self.saddle_dot, self.saddle_mark)
            self.remove(self.saddle_dot, self.saddle_mark)
            self.play(FadeIn(self.saddle_dot), FadeIn(self.saddle_mark), run_time=0.6)
        self.cuts = VGroup(up_cut, down_cut)
        self.cut_labels = VGroup(up_label, down_label, axes)

    def base_axes(self) -> VGroup:
        """θ₁ and θ₂ arrows on the surface's base plane (its front corners), drawn flat where the camera
        shows them now (the camera must stay still while they are on screen)."""
        (x0, x1), (y0, y1) = self.saddle.bounds
        s, o = self.surf.xy_scale, self.surf.get_offset()

        def base(t1, t2):
            return self.on_screen(o + np.array([t1 * s, t2 * s, 0.0]))

        parts = VGroup()
        # both start a little off the front corner (θ₁ along its left edge, θ₂ along its right edge)
        for a, b, name in [((x1 - 1.1, y0), (x1 - 0.05, y0), "\u03b8\u2081"),
                           ((x1, y0 + 0.4), (x1, y0 + 2.0), "\u03b8\u2082")]:
            arrow = Arrow(base(*a), base(*b), buff=0.0, stroke_width=5, color=MUTED,
                          max_tip_length_to_length_ratio=0.25)
            side = DOWN + LEFT if name == "\u03b8\u2081" else RIGHT
            label = text(name, "label", color=MUTED).next_to(arrow.get_center() if name == "\u03b8\u2081"
                                                             else arrow.get_end(), side, buff=0.12)
            parts.add(VGroup(arrow, label))
        return parts

    def hump_inset(self) -> VGroup:
        """A small cut along θ₂ through the middle (the −θ₂² hump) with the ball at its top, '10⁻⁶ off'."""
        cut = CrossSection(self.saddle, axis=1, at=0.0, value_range=(-1.5, 1.5), width=3.4, height=1.3,
                           color=DOWN_CUT, n_ticks=3)
        ball = Dot(cut.c2p(abs(self.start[1])), radius=0.11, color=optimizer_color("gd"), stroke_color=BACKGROUND,
                   stroke_width=2).shift(UP * 0.1)
        off = VGroup(tex(r"10^{-6}", "label", color=optimizer_color("gd")), text("off the top", "label",
                                                                                   color=optimizer_color("gd")))
        off.arrange(RIGHT, buff=0.15, aligned_edge=DOWN).next_to(ball, UP, buff=0.15)
        group = VGroup(cut, ball, off)
        group.next_to(self.readout, DOWN, buff=0.4).align_to(self.readout, LEFT)
        if group.get_right()[0] > SAFE_RIGHT:
            group.shift(LEFT * (group.get_right()[0] - SAFE_RIGHT))
        return group

    def gd_stalls_on_the_ridge(self):
        end = self.intro_traj.positions[self.stall_step]
        self.claim("it rolls into the middle and stalls there", abs(end[0]) < 0.01 and abs(end[1]) < 1e-3,
                   f"step {self.stall_step}: {end}")
        self.gd_intro = TrajectoryPath(self.intro_traj, self.surf, "gd", stroke_width=6, dot_radius=0.11,
                                       markers=False)
        with self.voiceover(text="Start gradient descent one millionth off the ridge. "
                                 "It rolls to the middle, and there it stalls.") as tracker:
            self.set_heading("Gradient descent stalls in the middle")
            self.play(FadeOut(self.saddle_mark), FadeOut(self.saddle_dot), run_time=0.4)
            # the start first: step 0, one millionth off the ridge
            self.readout = self.ridge_readout(self.gd_intro)
            self.inset = self.hump_inset()
            self.add_fixed_in_frame_mobjects(self.inset)
            self.remove(self.inset)
            self.add(self.gd_intro)
            self.play(Indicate(self.readout.dist, color=optimizer_color("gd")), FadeIn(self.inset), run_time=0.8)
            self.play(self.gd_intro.draw(end=self.stall_step), run_time=max(1.0, tracker.duration - 2.5))

    def why_it_stalls(self):
        g = 1 + 2 * self.opts["gd"].lr
        n = self.steps_to_half
        half = self.escape_threshold
        self.claim(f"each step multiplies the distance by {g:g}", abs(self.intro_factor - g) < 1e-6,
                   f"{self.intro_factor}")
        d = np.abs(self.intro_traj.positions[:, 1])
        self.claim(f"{n} steps to reach {half:g}", d[n] >= half > d[n - 1] and np.all(d[:n] < half))
        th, lr = N.theta2, N.lr
        lines = VGroup(
            tex(rf"\frac{{\partial f}}{{\partial {th}}} = -2{th} \approx 0"),
            tex(rf"{th} \leftarrow {th} - {lr}\,(-2{th})"),
            tex(rf"= {g:g}\,{th}"),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        lines[2].align_to(lines[1][0][2], LEFT)  # under the arrow
        lines.next_to(self.readout, DOWN, buff=0.45).align_to(self.readout, LEFT).shift(RIGHT * 0.15)
        if lines.get_right()[0] > SAFE_RIGHT:  # the update line is the widest: keep it inside the frame
            lines.shift(LEFT * (lines.get_right()[0] - SAFE_RIGHT))
        lr_note = text(f"{lr.unicode} = {self.lr:g}: \u00d7{g:g} a step,", "label", color=optimizer_color("gd"))
        slow = VGroup(lr_note, text(f"{n} steps to reach {half:g}", "label", color=optimizer_color("gd")))
        slow.arrange(DOWN, buff=0.12, aligned_edge=LEFT)
        slow.next_to(lines, DOWN, buff=0.3).align_to(lines, LEFT)
        if slow.get_right()[0] > SAFE_RIGHT:
            slow.shift(LEFT * (slow.get_right()[0] - SAFE_RIGHT))
        self.add_fixed_in_frame_mobjects(lines, slow)
        self.remove(lines, slow)
        # the readout stays at the stall (|θ₂| ≈ 8e−4: the slope −2θ₂ is almost zero) while the slope is
        # explained; with "each step multiplies" the counter runs on and the dot slides off
        k2 = n - 13
        d_stall = abs(self.intro_traj.positions[self.stall_step][1])
        self.claim("at the stall the slope along theta two is almost zero (|2 theta2| < 0.002)", 2 * d_stall < 2e-3,
                   f"{d_stall}")
        with self.voiceover(text="Along theta two, the slope is minus two theta two: almost zero. Each step "
                                 f"multiplies the distance by only {g:g}: {n} steps to reach {half:g}."
                            ) as tracker:
            self.play(FadeOut(self.inset), run_time=0.4)
            self.play(FadeIn(lines[0]), run_time=0.6)
            self.play(Indicate(self.readout.dist, color=optimizer_color("gd")), run_time=0.8)
            self.until(tracker, 0.4)
            # ("≈ 0" held only at the stall: it dims as the distance, and with it the slope, grows)
            self.play(FadeIn(lines[1]), FadeIn(lines[2]), lines[0].animate.set_opacity(0.35),
                      self.gd_intro.draw(end=k2),
                      run_time=max(0.5, 0.62 * tracker.duration - self.spoken(tracker)))
            self.play(FadeIn(slow), self.gd_intro.draw(end=n),
                      run_time=max(0.5, 0.87 * tracker.duration - self.spoken(tracker)))
            self.until(tracker, 1.0)  # step n held
        self.why_lines = VGroup(lines, slow)

    def two_valleys(self):
        new_surf = self.surface(self.valleys, 2.2)
        new_formula = tex(self.valleys.latex, "formula").move_to(self.formula, aligned_edge=UR)
        self.readout.clear_updaters()
        self.add_fixed_in_frame_mobjects(new_formula)
        self.remove(new_formula)
        self.claim("bend the sides up into two valleys (the ridge stays the same)", len(self.valleys.minima) == 2 and
                   np.allclose(self.valleys.hessian(np.zeros(2)), self.saddle.hessian(np.zeros(2))))
        # the blue θ₂ cut stays and bends from ∩ to W; its two bottoms are the valley floors
        old_cut = self.cuts[1]
        new_cut = self.surface_cut(1, DOWN_CUT, surf=new_surf)
        floors = sorted(float(m[1]) for m in self.valleys.minima)
        self.claim("the cut along theta two has its lowest points at plus and minus one",
                   floors == [-1.0, 1.0] and all(np.allclose(self.valleys.grad(np.array([0.0, v])), 0.0)
                                                 for v in floors))
        with self.voiceover(text="Real losses do not drop forever: bend the sides up into two valleys.") as tracker:
            self.set_heading("Bend the sides up: two valleys")
            self.play(FadeOut(self.gd_intro), FadeOut(self.readout), FadeOut(self.why_lines),
                      FadeOut(self.cuts[0]), FadeOut(self.cut_labels), FadeOut(self.formula), run_time=0.6)
            self.remove(self.gd_intro, self.readout)
            # (FadeTransform would draw its in-between copies in 3D space: fade the fixed formulas instead)
            # the surface bends while it moves to the middle of the frame, larger (the right half was empty)
            self.move_camera(zoom=self.zoom_bent, frame_center=frame_center_for(self.phi, self.theta1, self.zoom_bent,
                                                                                self.spot_bent), run_time=1.4,
                             added_anims=[ReplacementTransform(self.surf, new_surf),
                                          ReplacementTransform(old_cut, new_cut)])
            self.surf = new_surf
            floor_dots, floor_label = self.floor_marks(new_surf)
            axes = self.base_axes()  # where the camera shows the (same) base now
            self.add_fixed_in_frame_mobjects(axes)
            self.remove(axes)
            self.play(FadeIn(new_formula), FadeIn(floor_dots, scale=2), FadeIn(floor_label), FadeIn(axes),
                      run_time=0.5)
            self.until(tracker, 1.0)
        self.formula = new_formula
        self.bent_marks = VGroup(new_cut, floor_dots, floor_label, axes)

    def floor_marks(self, surf):
        """The two valley floors on the bent surface's θ₂ cut, marked where the camera now shows them."""
        floors = sorted(float(m[1]) for m in self.valleys.minima)
        dots = VGroup(*[Dot(self.on_screen(surf.c2p(0.0, v)), radius=0.1, color=FLOOR, stroke_color=BACKGROUND,
                            stroke_width=2) for v in floors])
        label = self.screen_label(surf.c2p(0.0, floors[-1]), "floors: \u03b8\u2082 = \u00b11", FLOOR, direction=RIGHT)
        label.shift(RIGHT * 0.15)  # clear of the floor's dot
        self.add_fixed_in_frame_mobjects(dots, label)
        self.remove(dots, label)
        return dots, label

    def from_above(self):
        ls = self.valleys
        (x0, x1), (y0, y1) = ls.bounds
        width = self.surf.xy_scale * (x1 - x0)  # the surface's footprint, in world units
        # the race's map (with its axes) in its side slot, top right, shown only once the race starts
        # θ₂'s name half-way between the ticks 1 and 0 (beside −1 it read as "θ₂ − 1")
        self.lmap = LandscapeMap(ls, width=self.map_width, n_contours=9, bounds=self.map_bounds)
        self.lmap.y_label.set_y(self.lmap.c2p(0.0, 0.5)[1])
        # θ₁'s name left of its tick row (not under it): the map gets the column's height, the caption room below
        self.lmap.x_label.next_to(self.lmap.x_ticks, LEFT, buff=0.2)
        self.lmap.move_to([SAFE_RIGHT, TITLE_SLOT.y - TITLE_SLOT.height / 2 - 0.05, 0], aligned_edge=UR)
        # the top view lands as a big map in the middle of the stage (the whole surface, its height filling the
        # space under the title): the surface slides (in world space) while the camera turns, so that seen from
        # straight above (frame centre back at the origin) it covers the big map's plot
        top, bottom = TITLE_SLOT.y - TITLE_SLOT.height / 2 - 0.08, SAFE_BOTTOM + 0.05
        big_height = top - bottom
        zoom = big_height * (x1 - x0) / (y1 - y0) / width
        spot = np.array([0.0, (top + bottom) / 2, 0.0])  # where the surface's centre lands
        world_map = LandscapeMap(ls, width=width, n_contours=9, show_axes=False, value_scale=self.lmap.value_scale)
        world_map.shift(spot / zoom - world_map.frame.get_center())
        big = world_map.copy().scale(zoom, about_point=ORIGIN)
        self.claim("the top view is the hero: at least 55 % of the frame's width",
                   big.frame.width >= 0.55 * (128 / 9), f"{big.frame.width}")
        frame = big.frame

        def at(t1, t2):
            return frame.get_corner(DOWN + LEFT) + RIGHT * frame.width * (t1 - x0) / (x1 - x0) \
                + UP * frame.height * (t2 - y0) / (y1 - y0)

        # the ridge and the two valley floors dashed on the top view, each named on its line (left half,
        # clear of the middle's markers)
        floors = [float(m[1]) for m in ls.minima]
        marks = VGroup()
        for t2, color, words in [(0.0, UP_CUT, "ridge: \u03b8\u2082 = 0")] + [
                (v, FLOOR, f"valley: \u03b8\u2082 = {format_value(v)}") for v in sorted(floors, reverse=True)]:
            line = DashedLine(at(x0, t2), at(x1, t2), stroke_color=color, stroke_width=5, dash_length=0.16)
            label = text(words, "body", color=color)
            tag = VGroup(BackgroundRectangle(label, color=PANEL, fill_opacity=0.9, buff=0.1, corner_radius=0.06),
                         label).move_to(at(x0, t2) + RIGHT * 0.2, aligned_edge=LEFT)
            marks.add(VGroup(line, tag))
        self.claim("the valley floors are at theta two = plus and minus one", sorted(floors) == [-1.0, 1.0])
        with self.voiceover(text="From above: the ridge at theta two equals zero, and valley floors at plus "
                                 "and minus one.") as tracker:
            self.set_heading("From above: a ridge between two valleys")
            self.play(FadeOut(self.formula), FadeOut(self.bent_marks), run_time=0.3)
            self.move_camera(phi=0, theta=-90 * DEGREES, zoom=zoom, frame_center=ORIGIN, run_time=1.3,
                             added_anims=[self.surf.animate.shift(spot / zoom).stretch(0.2, 2)])
            # the flat map covers the surface (the surface's edges fade with it)
            self.play(FadeIn(world_map), FadeOut(self.surf), run_time=0.3)
            # swap to a plain camera (world = screen): nothing visible moves
            self.remove(self.surf, world_map)
            self.set_camera_orientation(zoom=1.0)
            self.add(big)
            self.play(Create(marks[0][0]), FadeIn(marks[0][1]), run_time=0.5)
            self.until(tracker, 0.6)
            self.play(*[Create(m[0]) for m in marks[1:]], *[FadeIn(m[1]) for m in marks[1:]], run_time=0.6)
            self.until(tracker, 1.0)
        # the race starts: the big map shrinks into its side slot (its part right of the race's window, θ₁ > 1.2,
        # dims away first), where the race map with its axes takes over
        cut = self.map_bounds[0][1]
        cover = Rectangle(width=frame.get_right()[0] - at(cut, 0.0)[0], height=frame.height + 0.1,
                          stroke_width=0, fill_color=BACKGROUND, fill_opacity=1.0)
        cover.move_to(frame.get_right(), aligned_edge=RIGHT).shift(RIGHT * 0.03)
        self.play(FadeOut(marks), FadeIn(cover), run_time=0.3)
        moving = Group(big, cover)
        s = self.lmap.plot_width / (at(cut, 0.0)[0] - at(x0, 0.0)[0])
        target = self.lmap.c2p(0.0, 0.0)
        self.play(moving.animate.scale(s, about_point=at(0.0, 0.0)).shift(target - at(0.0, 0.0)), run_time=0.7)
        self.play(FadeIn(self.lmap), run_time=0.3)
        self.remove(big, cover)

    # ------------------------------------------------------------------ beats: the race
    def build_race(self):
        names = ["gd", "momentum", "rmsprop"]
        self.names = names
        # gradient descent drawn last, on top: its run shares the ridge with momentum's first steps
        on_top = ["momentum", "rmsprop", "gd"]
        # map and chart agree: each run is drawn up to its crossing of the half-way line (the race's finish)
        self.paths = {n: TrajectoryPath(self.race[n].positions[: self.crossings[n] + 1], self.lmap, n, markers=False,
                                        stroke_width=4) for n in on_top}
        # the chart is the hero: the left ~60 % of the frame, as tall as the stage; the map in the right column
        top = TITLE_SLOT.y - TITLE_SLOT.height / 2 - 0.1
        left = SAFE_LEFT + 0.75
        chart_width = self.lmap.get_left()[0] - 0.35 - left

        def make(height):
            c = StepChart(self.race_steps, y_range=(10.0 ** self.zero_level, 10.0), log_y=True, width=chart_width,
                          height=height, y_label="distance from the ridge  |\u03b8\u2082|", font_size=26)
            c.shift(RIGHT * (left - c.frame.get_left()[0]) + UP * (top - c.get_top()[1]))
            return c

        probe = make(4.0)
        chart = make(4.0 + probe.get_bottom()[1] - (SAFE_BOTTOM + 0.05))
        self.one_tick_style(chart)
        chart.y_label.shift(UP * 0.08)  # room for the stamps in the band below it
        # the axis's title is the key to the chart: white, a size up from the tick labels
        chart.y_label.set_color(TEXT).scale(SIZES["label"] / SIZES["small"], about_edge=DOWN + LEFT)
        for n in on_top:  # each line ends where its run crosses the half-way line, as on the map
            chart.add_series(self.dist[n][: self.crossings[n] + 1], optimizer=n, stroke_width=4.5)
        chart.set_progress(0)
        self.chart = chart
        self.zero_row = self.zero_row_axis()
        thr = self.escape_threshold
        self.guide = DashedLine(chart.c2p(0, thr), chart.c2p(self.race_steps, thr), stroke_color=TEXT,
                                stroke_width=3, dash_length=0.1, stroke_opacity=0.8)
        # the crossing stamps stand in the band above the finish line (the lines stop there)
        top_run = max(float(self.dist[n][self.crossings[n]]) for n in names)
        self.band_y = chart.c2p(0, top_run)[1] + 0.12
        self.band_right = chart.frame.get_left()[0] - 0.1
        # the finish line's value on the axis, in white (in place of the tick 1 just above it); "half-way" on the map
        one = next(m for m in chart.ticks if getattr(m, "tick_level", None) == 0)
        chart.ticks.remove(one)
        self.guide_label = text(f"{thr:g}", "small", color=TEXT)
        self.guide_label.next_to(chart.c2p(0, thr) + LEFT * 0.08, LEFT, buff=0.05)
        (x0, x1), _ = self.map_bounds
        self.map_guides = VGroup(*[DashedLine(self.lmap.c2p(x0, s * thr), self.lmap.c2p(x1, s * thr),
                                              stroke_color=TEXT, stroke_width=2, dash_length=0.08,
                                              stroke_opacity=0.8) for s in (1, -1)])
        # (the map's half-way lines are not named: the racers' names stand at the left above the upper one, the
        # runs cross the lower one; the chart names the line by its value, 0.5)
        # no legend: the lines carry their names (GD's and momentum's beside their factors, RMSprop's beside
        # its first step), the map names each run where it crosses
        self.factor_texts = {"momentum": self.live_factor("momentum"),
                             "gd": self.factor_label("gd", 10 ** -2.3, None, named=True)}
        self.rms_name = text("RMSprop", "label", color=optimizer_color("rmsprop"))
        self.rms_name.next_to(chart.c2p(1, self.dist["rmsprop"][1]), RIGHT, buff=0.2)
        self.rms_name.set_y(chart.c2p(1, self.dist["rmsprop"][1])[1] - 0.05, direction=UP)
        # the three racers named at their shared start, on the map (above the ridge, where no run goes)
        # (no names panel on the map: it covered the θ₂ = +1 valley; the chart names every run)
        # the map's upper half-way line named at its left end, just above it (no run goes there)
        self.half_label = self.map_tag("half-way\nto a floor", TEXT, self.lmap.c2p(x0, thr), UP)
        self.half_label.set_x(self.lmap.frame.get_left()[0] + 0.08, direction=LEFT)
        self.half_label.set_y(self.lmap.c2p(x0, thr)[1] + 0.08, direction=DOWN)
        self.column_left = self.lmap.get_left()[0]

    def zero_row_axis(self) -> VGroup:
        """Below 10⁻⁶ the log axis breaks to a row for |θ₂| = 0 exactly (a log axis has no 0): the axis cut
        by two slashes, the row's value "0" in the tick column."""
        chart = self.chart
        y_row = chart.c2p(0, 10.0 ** self.row_level)[1]
        x_axis = chart.frame.get_left()[0]
        # the kit's bottom tick (10⁻⁸, the frame's floor) is not a value any run takes: gone
        for m in [m for m in chart.ticks if getattr(m, "tick_level", None) == self.zero_level]:
            chart.ticks.remove(m)
        y_cut = chart.c2p(0, 10.0 ** (self.row_level + 0.75))[1]
        gap = Line([x_axis, y_cut - 0.1, 0], [x_axis, y_cut + 0.1, 0], stroke_color=BACKGROUND, stroke_width=8)
        slashes = VGroup(*[Line([x_axis - 0.12, y - 0.05, 0], [x_axis + 0.12, y + 0.05, 0], stroke_color=MUTED,
                                stroke_width=2) for y in (y_cut - 0.1, y_cut + 0.1)])
        zero = text("0", "small", color=MUTED).next_to([x_axis - 0.08, y_row, 0], LEFT, buff=0.05)
        tick = Line([x_axis, y_row, 0], [x_axis - 0.08, y_row, 0], stroke_color=MUTED, stroke_width=1.5)
        row = VGroup(gap, slashes, tick, zero)
        chart.axes.add(row)
        self.row_y = y_row
        return row

    def noisy_name(self, honest, first: int, k: int):
        """'SGD' just above the noisy run's chart line (between steps ``first`` and ``k``), where it touches no line."""
        label = text("SGD", "label", color=optimizer_color("sgd_noisy"))
        steps = np.linspace(0, self.race_steps, 4 * self.race_steps + 1)

        def points(values, n):
            v = np.interp(steps[steps <= n], np.arange(n + 1), np.log10(np.maximum(values[: n + 1], 1e-300)))
            return self.chart.c2p(steps[steps <= n], 10.0 ** v)

        others = [points(self.dist[m], self.crossings[m]) for m in self.names]
        mine = points(np.where(np.isnan(honest), 1e-300, honest), k)
        for s in range(first + 4, k - 10):
            label.move_to(self.chart.c2p(s, 1.0)[0] * RIGHT, aligned_edge=LEFT)
            span = (mine[:, 0] > label.get_left()[0] - 0.05) & (mine[:, 0] < label.get_right()[0] + 0.05)
            label.set_y(float(mine[span, 1].max()) + 0.12, direction=DOWN)
            (x0, y0, _), (x1, y1, _) = label.get_corner(DOWN + LEFT) - 0.06, label.get_corner(UP + RIGHT) + 0.06
            if not any(np.any((o[:, 0] > x0) & (o[:, 0] < x1) & (o[:, 1] > y0) & (o[:, 1] < y1)) for o in others):
                return label
        raise ValueError("no room for the noisy run's name above its line")

    def zero_lanes(self) -> VGroup:
        """The three runs started exactly on the ridge, on the chart's "0" row: three thin lanes, one per run,
        drawn along the whole race (their |θ₂| stays exactly 0)."""
        x0, x1 = self.chart.c2p(0, 1.0)[0], self.chart.c2p(self.race_steps, 1.0)[0]
        return VGroup(*[Line([x0, self.row_y + dy, 0], [x1, self.row_y + dy, 0], stroke_width=4,
                             stroke_color=optimizer_color(n))
                        for n, dy in (("momentum", 0.09), ("rmsprop", 0.0), ("gd", -0.09))])

    def map_tag(self, words: str, color, point, direction) -> VGroup:
        """A name on a panel beside a point of the race map."""
        label = text(words, "label", color=color)
        tag = VGroup(BackgroundRectangle(label, color=PANEL, fill_opacity=0.85, buff=0.08, corner_radius=0.05), label)
        tag.next_to(point, direction, buff=0.18)
        return tag

    def note_in_chart(self, note, top_level: float, right_step: float | None = None) -> VGroup:
        """A note on a panel inside the chart, where no line is drawn yet: its top at height ``top_level``
        (log10 |θ₂|), its right edge at step ``right_step`` (default: the chart's right edge)."""
        panel = BackgroundRectangle(note, color=PANEL, fill_opacity=0.92, buff=0.14, corner_radius=0.08)
        note = VGroup(panel, note)
        x = self.chart.c2p(right_step if right_step is not None else self.race_steps, 1.0)[0]
        note.move_to([x - 0.08, self.chart.c2p(0, 10.0 ** top_level)[1], 0], aligned_edge=UP + RIGHT)
        if note.get_left()[0] < self.chart.frame.get_left()[0] or note.get_bottom()[1] < self.row_y + 0.2:
            raise ValueError(f"the note does not fit in the chart: {note.get_left()[0]:.2f} "
                             f"{self.chart.frame.get_left()[0]:.2f} {note.get_bottom()[1]:.2f} {self.row_y:.2f}")
        return note

    def place_note(self, note, under) -> None:
        """A note in the right column, under ``under`` (the map), left-aligned with the map."""
        note.next_to(under, DOWN, buff=0.12).set_x(self.column_left,
                                                                                         direction=LEFT)
        if note.get_right()[0] > SAFE_RIGHT or note.get_bottom()[1] < SAFE_BOTTOM:
            raise ValueError(f"the note does not fit under the map: {note.get_right()[0]:.2f} {note.get_bottom()[1]:.2f}")

    def one_tick_style(self, chart: StepChart) -> None:
        """The axes' numbers all in the kit's one tick font (1e−6, 1e−4, 0.01; the steps; 0.5 and 0 added here);
        each y tick tagged with its power of ten, the axis's floor (10⁻⁸, a value no run takes) taken away."""
        from manim import Text

        frame = chart.frame
        (y0, y1), bottom, height = chart._y_box(), frame.get_bottom()[1], frame.height
        for m in [m for m in chart.ticks if isinstance(m, Text) and m.get_right()[0] < frame.get_left()[0]]:
            m.tick_level = int(round(y0 + (m.get_center()[1] - bottom) / height * (y1 - y0)))
            if m.tick_level == self.zero_level:
                chart.ticks.remove(m)

    def factor_label(self, name: str, top: float, right_of=None, named: bool = False):
        """Run ``name``'s growth factor, horizontal, two short lines: its top-left corner just right of the
        run's line at height ``top`` (|θ₂|); kept left of run ``right_of``'s line at its bottom. ``named``:
        the run's name first."""
        color = optimizer_color(name)
        first = f"\u00d7{two(self.factors[name])}"
        first = f"{display_name(name)} {first}" if named else first
        lab = VGroup(text(first, "small", color=color))  # one line: the name and the factor per step
        if named and name == "momentum":  # a long name: on a line of its own, over its factor
            lab = VGroup(text(display_name(name), "small", color=color), text(f"\u00d7{two(self.factors[name])}",
                                                                                "small", color=color))
            lab.arrange(DOWN, buff=0.08, aligned_edge=LEFT)
        d = self.dist[name]
        k = int(np.argmax(d >= top))  # the run's line reaches height ``top`` at step k
        corner = np.array([self.chart.c2p(k, top)[0] + 0.15, self.chart.c2p(0, top)[1], 0.0])
        lab.move_to(corner, aligned_edge=UP + LEFT)
        if right_of is not None:
            bottom = 10 ** self.chart_level(lab.get_bottom()[1])
            k2 = int(np.argmax(self.dist[right_of] >= bottom))
            if lab.get_right()[0] > self.chart.c2p(k2, bottom)[0] - 0.05:
                raise ValueError(f"the {name} factor label would touch the {right_of} line")
        return lab

    def gap_factor_label(self) -> VGroup:
        """Momentum's factor as a fixed label in the gap between its line and GD's: the lowest height where
        it fits (below the noisy run's line, which passes left of momentum's there)."""
        # (unnamed: a name would reach the noisy run's line; its name goes with its step in the band above)
        k = self.noisy_crossing
        noisy = np.abs(self.noisy.positions[: k + 1, 1])
        steps = np.linspace(1, k, 40 * (k - 1) + 1)
        pts = self.chart.c2p(steps, np.exp(np.interp(steps, np.arange(k + 1), np.log(np.maximum(noisy, 1e-300)))))
        for named in (True, False):
            for level in np.arange(-3.0, -0.6, 0.1):
                try:
                    lab = self.factor_label("momentum", 10 ** level, right_of="gd", named=named)
                except ValueError:
                    continue
                (x0, y0, _), (x1, y1, _) = lab.get_corner(DOWN + LEFT) - 0.05, lab.get_corner(UP + RIGHT) + 0.05
                if np.any((pts[:, 0] > x0) & (pts[:, 0] < x1) & (pts[:, 1] > y0) & (pts[:, 1] < y1)):
                    continue
                self.momentum_named = named
                return lab
        raise ValueError("no room for momentum's factor between its line and GD's")

    def live_factor(self, name: str) -> VGroup:
        """'×1.3 a step' riding just right of the tip of run ``name``'s chart line: this step's growth factor."""
        color = optimizer_color(name)
        value = LiveText("\u00d78.88", font_size=SIZES["small"], color=color, max_chars=5)
        # (the factor only: the racers are named under the start, and the push strip takes the corner right of it)
        lab = VGroup(value)
        series = self.chart.series[0]  # the first line added: momentum
        d = self.dist[name]

        def update(m):
            k = int(np.clip(np.floor(series.progress + 1e-9), 1, len(d) - 1))
            value.set_text(f"\u00d7{two(growth_factor(d, k))}")
            m.next_to(self.chart.c2p(k, d[k]), RIGHT, buff=0.15).shift(UP * 0.12)

        lab.add_updater(update)
        update(lab)
        return lab

    def chart_level(self, y: float) -> float:
        """log10 |θ₂| at screen height ``y`` on the chart."""
        y0 = self.chart.c2p(0, abs(self.start[1]))[1]
        y1 = self.chart.c2p(0, 1.0)[1]
        return np.log10(abs(self.start[1])) * (y1 - y) / (y1 - y0)

    def draw_to(self, k: float, run_time: float):
        """Every run on the map and its line on the chart, in step, up to step ``k``."""
        self.play(*[self.paths[n].draw(end=min(k, self.crossings[n])) for n in self.names],
                  *[DrawSteps(s, end=k) for s in self.chart.series], run_time=max(0.3, run_time), rate_func=linear)

    def mark_crossing(self, name: str):
        """Mark run ``name``'s first step past the half-way line: on its chart line with the step, and on the map."""
        k = self.crossings[name]
        color = optimizer_color(name)
        p = self.chart.c2p(k, self.dist[name][k])
        ring = Dot(p, radius=0.1, color=color, stroke_color=BACKGROUND, stroke_width=2)
        point = self.paths[name].point_at_step(k)
        on_map = VGroup(Dot(point, radius=0.075, fill_opacity=0.0).set_stroke(color, width=4))
        # one tag per run: GD's and momentum's step goes under their name and factor beside the line
        row = self.step_row(name, k)
        if row is not None:
            self.play(FadeIn(ring, scale=2), FadeIn(on_map, scale=2), FadeIn(row), run_time=0.6)
            return VGroup(ring, row, on_map)
        # RMSprop's stamp carries its name (its name beside the line gives way to it)
        # the stamps stand in the band above the lines, left to right in the order the runs cross, each tied
        # to its marker by a stem; each with the run's name if there is room for it
        # (room kept at the band's right end for the noisy run's stamp, which comes later)
        stamp = self.band_stamp((f"{display_name(name)}: step {k}", f"step {k}"), p, color,
                                reserve=1.8 if name == "momentum" else 0.0)
        # (no name on the small map: its rings share the colours of the named chart lines)
        # one tag per run: RMSprop's name beside its line gives way to its stamp, which carries the name
        gone = [FadeOut(self.rms_name)] if name == "rmsprop" else []
        self.play(FadeIn(ring, scale=2), FadeIn(on_map, scale=2), FadeIn(stamp), *gone, run_time=0.6)
        return VGroup(ring, stamp, on_map)

    def band_stamp(self, options, p, color, reserve: float = 0.0) -> VGroup:
        """A crossing's stamp in the band above the lines (the first of ``options`` that fits), right of the
        stamps already there, tied to its marker at ``p`` by a stem."""
        for words in options:
            stamp = self.stamp(words, color=color, size="small")
            stamp.next_to([p[0], self.band_y, 0], UP, buff=0.0)
            stamp.set_x(max(stamp.get_x(), self.band_right + 0.1 + stamp.width / 2))
            limit = self.lmap.frame.get_left()[0] - 0.5 - reserve  # clear of the map's tick labels
            if stamp.get_right()[0] > limit:
                stamp.shift(LEFT * (stamp.get_right()[0] - limit))
            if stamp.get_left()[0] >= self.band_right + 0.05:
                break
        else:
            raise ValueError(f"no room in the band for {options[-1]}: {stamp.get_left()[0]:.2f} {stamp.get_right()[0]:.2f} "
                             f"{self.band_right:.2f} {limit:.2f}")
        foot = [np.clip(p[0], stamp.get_left()[0] + 0.1, stamp.get_right()[0] - 0.1), stamp.get_bottom()[1], 0]
        # a thin grey dotted leader (a solid coloured one read as the run's line going on past its finish)
        stem = DashedLine(p + UP * 0.1, foot, stroke_color=MUTED, stroke_width=2, dash_length=0.05,
                          dashed_ratio=0.45)
        stamp = VGroup(stem, *stamp)
        self.band_right = stamp.get_right()[0]
        self.stamp_words = words
        return stamp

    def step_row(self, name: str, k: int):
        """'step k' under run ``name``'s name-and-factor label beside its line, if it fits there (clear of GD's
        line and inside the chart); None otherwise (then the step goes in the band above the lines)."""
        lab = self.factor_texts.get(name)
        if lab is None or (name == "momentum" and not self.momentum_named):  # then its stamp carries the name
            return None
        row = text(f"step {k}", "small", color=optimizer_color(name)).next_to(lab, DOWN, buff=0.08,
                                                                              aligned_edge=LEFT)
        frame = self.chart.frame
        if row.get_right()[0] > frame.get_right()[0] - 0.05 or row.get_bottom()[1] < self.row_y + 0.3:
            return None
        if name != "gd":  # left of GD's line all the way down the row's height
            level = 10 ** self.chart_level(row.get_bottom()[1])
            k2 = int(np.argmax(self.dist["gd"] >= level))
            if row.get_right()[0] > self.chart.c2p(k2, level)[0] - 0.1:
                return None
        return row

    def the_race(self):
        self.build_race()
        for n in self.names:
            self.claim(f"{n} reaches the half-way line within {self.race_steps} steps",
                       self.escapes[n] is not None and self.escapes[n] == self.crossings[n])
        self.claim("half-way to a valley floor", self.escape_threshold == 0.5 * abs(self.valleys.minima[0][1]))
        # the three racers named at their shared start on the chart, under the lines (nothing is drawn there)
        names = VGroup(*[text(display_name(n), "label", color=optimizer_color(n)) for n in self.names])
        names.arrange(RIGHT, buff=0.35, aligned_edge=DOWN)
        names.move_to(self.chart.c2p(4, 10.0 ** (self.row_level + 0.85)), aligned_edge=LEFT)
        if names.get_bottom()[1] < self.row_y + 0.12 or names.get_top()[1] > self.chart.c2p(0, abs(self.start[1]))[1]:
            raise ValueError("the racers' names do not fit under the start")
        self.racer_names = names
        with self.voiceover(text=f"Race GD, momentum and RMSprop to half-way, step size {self.lr:g}."
                            ) as tracker:
            self.set_heading(f"Race to half-way, all with step size \u03b3 = {self.lr:g}")
            self.play(*[FadeIn(self.paths[n].dot) for n in self.paths],
                      FadeIn(self.chart), run_time=0.7)
            self.play(FadeIn(names, lag_ratio=0.3), run_time=0.8)
            self.add(*self.paths.values())
            self.play(Create(self.guide), Create(self.map_guides), FadeIn(self.guide_label), FadeIn(self.half_label),
                      run_time=0.8)
            # the first step already: RMSprop's jumps off the ridge
            self.until(tracker, 0.45)
            self.draw_to(1, 1.0)
            self.play(FadeIn(self.rms_name), run_time=0.4)

    def rmsprop_escapes(self):
        k = self.crossings["rmsprop"]
        first, boost = self.rms_first, self.rms_boost
        slope = self.rms_grad[1]
        alpha = self.opts["rmsprop"].alpha
        root = float(np.sqrt(1 - alpha))
        eps = self.opts["rmsprop"].eps
        # along θ₂ the root (2e−7) is not much bigger than ε (1e−8): the step is γ|g|/(0.1|g| + ε), a bit under 10γ
        trimmed = self.lr * slope / (root * slope + eps)
        self.claim("it divides each slope by the root of its average, which starts at zero (√v₁ = 0.1|g₁|): its first "
                   "step is about ten gamma",
                   abs(root - 0.1) < 1e-9 and abs(boost - 10.0) < 1e-9
                   and all(abs(f / (boost * self.lr) - 1) < 0.06 for f in first), f"{first} {boost}")
        self.claim(f"epsilon trims the step along theta two to {first[1]:.2f}",
                   abs(trimmed / first[1] - 1) < 1e-6 and first[1] < boost * self.lr, f"{trimmed} {first}")
        self.claim("RMSprop crosses first", k < min(self.crossings["gd"], self.crossings["momentum"]))
        color = optimizer_color("rmsprop")
        g, lr = N.grad.tex.replace("t", "1"), N.lr
        d0 = abs(self.start[1])
        # step 1: the average of squared slopes starts at 0, so after one slope it is (1 − α) g₁²; its root is
        # 0.1 |g₁| and the step γ |g₁| / (0.1 |g₁|) = 10 γ, whatever the slope's size
        rows = VGroup(
            tex(rf"\sqrt{{v_1}} = \sqrt{{1-{alpha:g}}}\,|{g}|", "label", color=color),
            tex(rf"\text{{step}} \approx {lr} / {root:g} = {boost:.0f}{lr}", "label", color=color),
            tex(rf"|{N.theta2}|:\ {tex_sci(d0)} \to {first[1]:.2f}", "label", color=color),
        ).arrange(DOWN, buff=0.22, aligned_edge=LEFT)
        # inside the chart, under the RMSprop line's name, where momentum's and GD's lines are not drawn yet
        self.rms_note = self.note_in_chart(rows, -1.3)
        with self.voiceover(text="RMSprop divides each slope by the root of its average, which starts at zero: "
                                 "its first step is about ten gamma.") as tracker:
            self.play(FadeIn(self.rms_note[0]), FadeIn(rows[0]), run_time=0.5)
            self.until(tracker, 0.42)
            self.play(FadeIn(rows[1]), run_time=0.5)
            self.until(tracker, 0.64)
            self.play(FadeIn(rows[2]), Indicate(self.paths["rmsprop"].dot, color=color), run_time=0.6)
            self.until(tracker, 0.8)
            self.draw_to(k, 0.6)
            self.marks = VGroup(self.mark_crossing("rmsprop"))

    #: momentum's push strip: the steps shown as rows, and the most pushes drawn one by one in a row (older
    #: ones, decayed to slivers, are drawn as one piece)
    strip_steps = (1, 2, 3, 20)
    strip_pieces = 5

    def momentum_pushes(self, t: int) -> np.ndarray:
        """Step ``t``'s speed b_t = Σ μ^(t−s) g_s split into its pushes, oldest first, in units of the newest
        push g_t (all along θ₂, from the run's own gradients)."""
        pos = self.race["momentum"].positions
        g = np.abs(self.valleys.grad(pos[:t])[:, 1])  # g_1 .. g_t (the slope at θ_0 .. θ_{t−1})
        mu = self.opts["momentum"].momentum
        return np.array([mu ** (t - s) * g[s - 1] for s in range(1, t + 1)]) / g[-1]

    def push_strip(self):
        """The momentum rule, b_t = 0.9 b_{t−1} + g_t, over one row per step of ``strip_steps``: the step, its
        speed as a bar of stacked pushes (the newest, g_t, bright; the carried 0.9 b_{t−1} dim; the newest
        push is the unit), and the factor it multiplies the distance by. Returns (rule, rows)."""
        color = optimizer_color("momentum")
        mu = self.opts["momentum"].momentum
        dim = 0.6
        # (in the notation's plain-text form: the TeX one at its smallest size is wider than the chart's free corner)
        carried = f"{mu:g} b\u209c\u208b\u2081"
        faint = interpolate_color(ManimColor(color), ManimColor(BACKGROUND), 1 - dim)  # the carried part, dimmed
        rule = text(f"{N.velocity.unicode} = {carried} + {N.grad.unicode}", "label", color=TEXT,
                    t2c={carried: faint, N.grad.unicode: color})
        unit, height = 0.5, 0.3
        d = self.dist["momentum"]
        rows = VGroup()
        for t in self.strip_steps:
            pieces = self.momentum_pushes(t)
            if len(pieces) > self.strip_pieces:  # the slivers of the oldest pushes as one piece
                pieces = np.concatenate([[pieces[: -self.strip_pieces + 1].sum()], pieces[-self.strip_pieces + 1:]])
            bar = VGroup(*[Rectangle(width=unit * w, height=height, stroke_color=BACKGROUND, stroke_width=2,
                                     fill_color=color if j == len(pieces) - 1 else faint, fill_opacity=1.0)
                           for j, w in enumerate(pieces)]).arrange(RIGHT, buff=0.0)
            step = text(f"{t}", "label", color=MUTED)
            factor = text(f"\u00d7{two(growth_factor(d, t))}", "label", color=color)
            rows.add(VGroup(step, bar, factor))
        widest = max(r[1].width for r in rows)
        for i, r in enumerate(rows):
            r[0].move_to([0.0, -0.46 * i, 0.0], aligned_edge=RIGHT)
            r[1].move_to([0.15, -0.46 * i, 0.0], aligned_edge=LEFT)
            r[2].move_to([0.15 + widest + 0.15, -0.46 * i, 0.0], aligned_edge=LEFT)
        head = VGroup(text(N.step.unicode, "small", color=MUTED), text("speed in pushes", "small", color=MUTED))
        head[0].next_to(rows[0][0], UP, buff=0.16).align_to(rows[0][0], RIGHT)
        head[1].next_to(rows[0][1], UP, buff=0.16).align_to(rows[0][1], LEFT)
        head[1].align_to(head[0], DOWN)
        rule.next_to(head, UP, buff=0.16).align_to(rows, LEFT)
        return rule, VGroup(head, rows)

    def momentum_speed(self) -> np.ndarray:
        """Momentum's speed along θ₂ in pushes: entry t is step t's length over γ times the slope it started from."""
        pos = self.race["momentum"].positions
        push = self.lr * np.abs(self.valleys.grad(pos[:-1])[:, 1])
        return np.abs(pos[1:, 1] - pos[:-1, 1]) / push

    def momentum_escapes(self):
        k = self.crossings["momentum"]
        f_gd, f_mom = self.factors["gd"], self.factors["momentum"]
        self.claim("momentum's speed builds until each step multiplies the distance by more than GD's",
                   f_mom > f_gd + 0.15, f"{f_mom} vs {f_gd}")
        self.claim("momentum crosses second", self.crossings["rmsprop"] < k < self.crossings["gd"])
        climbs = [round(growth_factor(self.dist["momentum"], j), 2) for j in range(1, self.factor_step + 1)]
        self.claim(f"the factor grows from {two(f_gd)} to {two(f_mom)}", climbs[0] == round(f_gd, 2) and
                   all(b >= a for a, b in zip(climbs, climbs[1:])) and climbs[-1] == round(f_mom, 2), f"{climbs}")
        # the mechanism, checked on the run: its speed b_t (step / γ) is 0.9 b_{t−1} + g_t, the pushes added up;
        # in units of the newest push it grows 1, 1.8, 2.4, ... to over three, and the factor is 1 + 2γ b_t / g_t
        pos = self.race["momentum"].positions
        b = -(pos[1:, 1] - pos[:-1, 1]) / self.lr
        g = self.valleys.grad(pos[:-1])[:, 1]
        mu = self.opts["momentum"].momentum
        self.claim("momentum adds the pushes to its speed: b_t = 0.9 b_{t-1} + g_t along the run",
                   np.allclose(b[1:self.race_steps], mu * b[:self.race_steps - 1] + g[1:self.race_steps], rtol=1e-9,
                               atol=1e-12), f"{b[:4]} {g[:4]}")
        speed = self.momentum_speed()
        self.claim("its speed piles up the pushes: it grows step by step to over three pushes",
                   abs(speed[0] - 1) < 1e-6 and all(y > x for x, y in zip(speed[:8], speed[1:8]))
                   and speed[self.factor_step - 1] > 3.0, f"{speed[:8]}")
        for t in self.strip_steps:
            self.claim(f"step {t}: the bar of pushes sums to the speed, and the factor is 1 + 2 gamma times it",
                       abs(self.momentum_pushes(t).sum() - speed[t - 1]) < 1e-9
                       and abs(growth_factor(self.dist["momentum"], t) - (1 + 2 * self.lr * speed[t - 1])) < 1e-6,
                       f"{speed[t - 1]}")
        rule, strip = self.push_strip()
        head, rows = strip
        # the rule and the strip inside the chart, low and right of momentum's crossing (its line runs left
        # of it; GD's line, drawn to step k, stays below 10⁻³ and left of it)
        box = self.note_in_chart(VGroup(rule, strip), np.log10(self.escape_threshold) - 0.5)
        if box.get_bottom()[1] < self.racer_names.get_top()[1] + 0.05:
            raise ValueError("the push strip would cover the racers' names")
        x0 = self.chart.frame.get_left()[0]
        s_left = (box.get_left()[0] - x0) / (self.chart.c2p(1, 1.0)[0] - x0)  # the step at the box's left edge
        if s_left <= k + 2:
            raise ValueError(f"the push strip would touch momentum's or GD's line: step {s_left:.1f} "
                             f"{box.width:.2f} {rule.width:.2f} {strip.width:.2f} {head.width:.2f}")
        live = self.factor_texts["momentum"]  # where the live label rides at its last step: clear of the box
        d = self.dist["momentum"]
        ghost = live.copy().clear_updaters().next_to(self.chart.c2p(self.factor_step, d[self.factor_step]), RIGHT,
                                                     buff=0.15).shift(UP * 0.12)
        if ghost.get_right()[0] > box.get_left()[0] and ghost.get_bottom()[1] < box.get_top()[1]:
            raise ValueError("momentum's live label would run into the push strip")
        with self.voiceover(text="Momentum adds the pushes to its speed: its factor grows from "
                                 f"{two(f_gd)} to {two(f_mom)}. It crosses at step {k}.") as tracker:
            self.play(FadeOut(self.rms_note), FadeIn(box[0]), FadeIn(rule), FadeIn(head),
                      run_time=0.5)
            self.add(live)
            # step by step: each row is the last row's bar shrunk by 0.9 (carried) plus the new push, as the run
            # takes that step
            for i, t in enumerate(self.strip_steps[:3]):
                row = rows[i]
                bar = row[1]
                grow = [GrowFromEdge(bar[-1], LEFT)]
                if i > 0:
                    grow.append(ReplacementTransform(rows[i - 1][1].copy(), VGroup(*bar[:-1])))
                self.play(FadeIn(row[0]), *grow, run_time=0.35)
                self.draw_to(t, 0.45)
                self.play(FadeIn(row[2]), run_time=0.25)
            self.draw_to(self.factor_step, max(0.5, 0.6 * tracker.duration - self.spoken(tracker)))
            self.play(FadeIn(rows[3]), run_time=0.4)
            live.clear_updaters()
            fixed = self.gap_factor_label()
            self.play(ReplacementTransform(live, fixed), run_time=0.5)
            self.factor_texts["momentum"] = fixed
            self.until(tracker, 0.72)
            self.draw_to(k, max(0.5, 0.92 * tracker.duration - self.spoken(tracker)))
            self.marks.add(self.mark_crossing("momentum"))
        self.factor_note = VGroup(box[0], rule, strip)

    def gd_escapes_last(self):
        k = self.crossings["gd"]
        f = self.factors["gd"]
        g = 1 + 2 * self.lr
        self.claim(f"gradient descent keeps its factor, {two(f)}", abs(f - g) < 1e-6
                   and abs(growth_factor(self.dist["gd"], 80) - g) < 1e-3, f"{f}")
        self.claim("gradient descent crosses last", k > self.crossings["momentum"])
        # "about": the θ₂⁴ bend trims the factor only near the finish (so 139 steps here, 138 on the plain saddle);
        # on the log chart a constant factor is a straight line
        per_step = [growth_factor(self.dist["gd"], j) for j in range(1, k + 1)]
        self.claim(f"gradient descent keeps about {two(f)} every step: a straight line on the log chart to step {k}",
                   max(per_step) <= g + 1e-9 and min(per_step) > g - 0.025 and round(min(per_step), 1) == round(g, 1)
                   and k == self.steps_to_half + 1, f"{min(per_step)} {max(per_step)} {k} {self.steps_to_half}")
        with self.voiceover(text=f"Gradient descent keeps about {two(f)} a step: a straight line to step {k}."
                            ) as tracker:
            self.play(FadeOut(self.factor_note), run_time=0.4)
            self.draw_to(100, max(1.0, 0.3 * tracker.duration - 0.4))
            self.play(FadeIn(self.factor_texts["gd"]), run_time=0.4)
            self.until(tracker, 0.45)
            self.draw_to(k, max(0.5, 0.76 * tracker.duration - self.spoken(tracker)))
            self.marks.add(self.mark_crossing("gd"))

    def the_lesson(self):
        stays = {n: float(np.max(np.abs(t.positions[:, 1]))) for n, t in self.on_ridge.items()}
        k = self.noisy_crossing
        noisy_dist = np.abs(self.noisy.positions[:, 1])
        first = int(np.argmax(noisy_dist > 0))  # its first step off θ₂ = 0
        # the kick actually added on each slope: (step taken) / γ minus the true slope
        pos = self.noisy.positions
        kicks = -(pos[1:] - pos[:-1]) / self.lr - self.valleys.grad(pos[:-1])
        self.claim("exactly on the ridge, no method leaves", all(v == 0.0 for v in stays.values()),
                   f"{stays}")
        self.claim(f"gradient noise of {self.noise:g} (its standard deviation)",
                   abs(float(np.std(kicks)) / self.noise - 1) < 0.1 and abs(float(np.mean(kicks))) < 0.2 * self.noise,
                   f"{np.std(kicks)}")
        # the nudge to the position is γ times the gradient's noise: about a thousandth
        nudge = self.lr * self.noise
        self.claim(f"nudges of about a thousandth ({nudge:g})", abs(nudge - 1e-3) < 1e-12
                   and abs(float(np.std(self.lr * kicks)) / nudge - 1) < 0.1
                   and 0.3 * nudge < noisy_dist[1] < 3 * nudge, f"{np.std(self.lr * kicks)} {noisy_dist[1]}")
        self.claim(f"it gets off: half-way at step {k} in this draw, before gradient descent from one millionth "
                   "off; so does every draw of seeds 0-5",
                   k is not None and k < self.crossings["gd"] and first == 1
                   and all(c is not None and c < self.crossings["gd"] for c in self.seed_crossings),
                   f"{k} {first} {self.seed_crossings}")
        color = optimizer_color("sgd_noisy")
        # all three runs started exactly on the ridge, drawn together: each stays on the line θ₂ = 0
        parks = VGroup(*[TrajectoryPath(self.on_ridge[n], self.lmap, n, markers=False, stroke_width=4)
                         for n in ("momentum", "rmsprop", "gd")])
        lanes = self.zero_lanes()  # the same three on the chart's "0" row
        # map and chart agree: the noisy run too is drawn up to its crossing of the half-way line
        slides = TrajectoryPath(self.noisy.positions[: k + 1], self.lmap, "sgd_noisy", markers=False, stroke_width=4)
        # its distance on the chart: step 0 is exactly 0 (off the log axis), so the line starts at step 1
        honest = noisy_dist[: k + 1].copy()
        honest[:first] = np.nan
        line = self.chart.add_series(honest, optimizer="sgd_noisy", stroke_width=4.5)
        line.set_progress(0)
        # the noisy line passes no label of the race (its points, sampled finely, outside their boxes)
        steps = np.linspace(first, k, 40 * (k - first) + 1)
        pts = self.chart.c2p(steps, np.exp(np.interp(steps, np.arange(k + 1), np.log(np.maximum(honest, 1e-300)))))
        for lab in self.factor_texts.values():
            (x0, y0, _), (x1, y1, _) = lab.get_corner(DOWN + LEFT) - 0.05, lab.get_corner(UP + RIGHT) + 0.05
            if np.any((pts[:, 0] > x0) & (pts[:, 0] < x1) & (pts[:, 1] > y0) & (pts[:, 1] < y1)):
                raise ValueError(f"the noisy run's line crosses a label: {lab}")
        on_map = VGroup(*[m[2] for m in self.marks])
        parts = [text(f"+ gradient noise {self.noise:g}:", "label", color=color),
                 text(f"nudges \u2248 {nudge:g}", "label", color=color),
                 # one draw's step, beside the spread over several seeds of the same noise
                 text(f"{len(self.seed_crossings)} draws: steps {min(self.seed_crossings)}\u2013"
                      f"{max(self.seed_crossings)}", "label", color=color)]
        # two short lines under the map, faded in one by one with the sentence
        note = VGroup(*parts).arrange(DOWN, buff=0.06, aligned_edge=LEFT)
        self.place_note(note, under=self.lmap)
        note.shift(RIGHT * min(0.3, SAFE_RIGHT - note.get_right()[0]))  # clear of the chart's "150"
        # on the map the three runs from exactly on the ridge stop in the middle: frozen there
        stuck = self.map_tag("without noise:\nstuck", TEXT, self.lmap.c2p(0.0, 0.0), DOWN)
        stuck.shift(RIGHT * max(0.0, self.lmap.frame.get_left()[0] + 0.08 - stuck.get_left()[0]))
        stuck.shift(LEFT * max(0.0, stuck.get_right()[0] - (self.lmap.frame.get_right()[0] - 0.08)))
        # the chart's three lanes on the "0" row named once, just above their right end
        lanes_label = text(f"all stuck at {format_value(max(stays.values()))}", "label", color=TEXT)
        lanes_label.next_to(lanes, UP, buff=0.1).align_to(lanes, RIGHT).shift(LEFT * 0.1)
        # the race's lines, marks and labels dim while the lesson is told
        race_lines = VGroup(*[s.line for s in self.chart.series[:3]])
        race_parts = VGroup(*[s.head for s in self.chart.series[:3]], *[VGroup(m[0], m[1]) for m in self.marks],
                            *self.factor_texts.values())
        # its crossing ringed on the chart; the step in the note (the band and the gap by the ring are taken)
        p = self.chart.c2p(k, noisy_dist[k])
        ring = Dot(p, radius=0.1, color=color, stroke_color=BACKGROUND, stroke_width=2)
        ring_map = Dot(slides.point_at_step(k), radius=0.11, fill_opacity=0.0).set_stroke(color, width=4)
        # the noisy run named on the chart, just above its line, clear of the race's lines
        stamp = self.band_stamp((f"SGD: step {k}", f"step {k}"), p, color)
        # (named by its stamp if it has room there, else just above its line)
        name = VGroup() if self.stamp_words.startswith("SGD") else self.noisy_name(honest, first, k)
        with self.voiceover(text="Exactly on the ridge, no method leaves.") as tracker:
            self.set_heading("Saddles stall; any nudge gets you off")
            # the map clears for the runs from exactly on the ridge; the chart's race dims
            self.play(FadeOut(VGroup(*self.paths.values())), FadeOut(self.racer_names),
                      FadeOut(on_map), race_parts.animate.set_opacity(0.25),
                      race_lines.animate.set_stroke(opacity=0.25), run_time=0.6)
            self.add(parks, slides)
            self.play(*[FadeIn(p.dot) for p in parks], FadeIn(slides.dot), run_time=0.4)
            # all three reach the middle on the ridge, their lanes along the "0" row
            self.play(*[p.draw() for p in parks], *[Create(ln) for ln in lanes],
                      run_time=max(1.0, 0.75 * tracker.duration - self.spoken(tracker)), rate_func=linear)
            self.play(FadeIn(stuck), FadeIn(lanes_label),
                      *[Indicate(p.dot, scale_factor=1.6, color=optimizer_color(p.optimizer)) for p in parks],
                      run_time=0.7)
        # the noisy run slides off with its sentence: its line lands on the half-way line as "step k" is said
        with self.voiceover(text=f"Add SGD-like noise of {self.noise:g} to the gradient: nudges of about a "
                                 f"thousandth. This draw: half-way at step {k}.") as tracker:
            self.play(FadeIn(note[0]), run_time=0.4)
            # one steady pace from here to the landing; "nudges" (and its note line) about half-way through
            t_land = max(1.5, 0.9 * tracker.duration - self.spoken(tracker))
            t_nudge = max(0.5, 0.38 * tracker.duration - self.spoken(tracker))
            k1 = max(first + 1, int(round(k * t_nudge / t_land)))
            self.play(slides.draw(end=k1), DrawSteps(line, end=k1), rate_func=linear, run_time=t_nudge)
            self.play(FadeIn(note[1]), slides.draw(end=k), DrawSteps(line, end=k), rate_func=linear,
                      run_time=max(0.8, t_land - t_nudge))
            self.play(FadeIn(ring, scale=2), FadeIn(ring_map, scale=2), FadeIn(stamp), FadeIn(name), FadeIn(note[2]),
                      run_time=0.5)
            self.until(tracker, 1.0)
        # the final picture is the race again with the noisy run beside it, and its caption (under the map)
        # (the noise note stays until the caption takes its place under the map)
        self.noise_note = note
        self.play(FadeOut(stuck), FadeOut(parks), FadeOut(lanes), FadeOut(lanes_label),
                  FadeOut(ring_map), race_parts.animate.set_opacity(1.0), race_lines.animate.set_stroke(opacity=1.0),
                  FadeIn(VGroup(*self.paths.values())), FadeIn(on_map), FadeIn(self.racer_names), run_time=0.6)
