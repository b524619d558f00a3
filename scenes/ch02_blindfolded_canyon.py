"""Chapter 2: the blindfolded canyon. A hiker in the dark feels only the ground's tilt (which way, and how
steep: the felt arrow is longer where it is steeper) and steps against it: long steps on the steep
wall, short ones where it flattens. The lights come on over the canyon she never saw (a colour key says
purple is low); the loss is an across part plus an along part, so each cut shows one part honestly for
every step: cut across (the hero, the map a corner inset), its steep walls made her first steps hop from wall to
wall; cut along, beside it at one scale, its nearly flat floor makes her steps shrink (counted live) and she
creeps to the star; then one step, seen close (she stands on it), is the update rule θ_t = θ_{t-1} − γ g_t,
each symbol drawn where it acts: gradient descent, whose step −γ g_t is what every later optimizer changes.

Render: ``manim -ql scenes/ch02_blindfolded_canyon.py BlindfoldedCanyon``
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    UL,
    UR,
    Annulus,
    Arrow,
    Circle,
    Circumscribe,
    Create,
    DashedLine,
    FadeIn,
    FadeOut,
    FadeTransform,
    GrowFromEdge,
    Group,
    GrowArrow,
    Indicate,
    Line,
    MathTex,
    Rectangle,
    Star,
    SurroundingRectangle,
    Transform,
    UpdateFromAlphaFunc,
    VGroup,
    smooth,
)

import optim_core as oc
from optim_core.analysis import distance_to
from scenes.kit import (
    BACKGROUND,
    GRADIENT_COLOR,
    MUTED,
    STAGE,
    TEXT,
    CornerCaption,
    LandscapeMap,
    N,
    ParamArrow,
    TrajectoryPath,
    optimizer_color,
    place,
    text,
)
from scenes.kit._text import align_baseline, baseline
from scenes.kit.live_text import LiveText
from scenes.kit.colour import distinct
from scenes.kit.cross_section import CrossSection
from scenes.kit.layout import SAFE_BOTTOM, SAFE_LEFT, SAFE_RIGHT, SAFE_TOP
from scenes.scene import ExplainerScene

__all__ = ["BlindfoldedCanyon", "Hiker", "Darkness"]

#: her walk (the run's colour) and θ_{t-1}, where she stands
WALK_COLOR = optimizer_color("gd")
#: the slope she feels, g_t (points uphill)
SLOPE_COLOR = GRADIENT_COLOR
#: her step, −γ g_t
STEP_COLOR = "#FFD166"
#: θ_t, where she lands
LAND_COLOR = "#56B4E9"
SYMBOL_COLORS = (WALK_COLOR, SLOPE_COLOR, STEP_COLOR, LAND_COLOR)
#: the opacity of steps already taken (the trail of step arrows in the dark)
GHOST = 0.5


class Hiker(VGroup):
    """A small blindfolded walker with a cane; ``feet`` is the point she stands on: ``lift`` (scene units) below
    her soles, so arrows drawn along the ground from that point pass in front of her legs; ``cane_tip`` is
    where her cane touches the ground (``feel_at`` puts it on a point: arrows from there clear her body)."""

    def __init__(self, height: float = 1.2, color=TEXT, lift: float = 0.0, **kwargs):
        super().__init__(**kwargs)
        u = height / 1.2
        sw = 5 * u + 1
        head = Circle(radius=0.13 * u, stroke_width=0, fill_color=color, fill_opacity=1).move_to(UP * 1.05 * u)
        band = Line(head.get_left() + UP * 0.01 * u, head.get_right() + UP * 0.01 * u, stroke_width=4 * u + 1,
                    stroke_color=BACKGROUND)
        knot = Line(head.get_left() + UP * 0.01 * u, head.get_left() + (LEFT * 0.12 + DOWN * 0.08) * u,
                    stroke_width=3 * u + 1, stroke_color=color)
        neck, hip = UP * 0.9 * u, UP * 0.45 * u
        body = Line(neck, hip, stroke_width=sw, stroke_color=color)
        legs = VGroup(Line(hip, RIGHT * 0.14 * u, stroke_width=sw, stroke_color=color),
                      Line(hip, LEFT * 0.12 * u, stroke_width=sw, stroke_color=color))
        hand = (RIGHT * 0.3 + UP * 0.55) * u
        arm = Line(neck + DOWN * 0.06 * u, hand, stroke_width=sw * 0.8, stroke_color=color)
        cane = Line(hand, RIGHT * 0.48 * u, stroke_width=sw * 0.6, stroke_color=MUTED)
        back_arm = Line(neck + DOWN * 0.06 * u, (LEFT * 0.2 + UP * 0.52) * u, stroke_width=sw * 0.8,
                        stroke_color=color)
        self.add(cane, legs, body, back_arm, arm, head, band, knot)
        self.set_background_stroke(color=BACKGROUND, width=sw + 3, opacity=0.7)
        self.feet_ref = Line(DOWN * lift, DOWN * lift + RIGHT * 1e-3, stroke_width=0, stroke_opacity=0)
        self.tip_ref = Line(RIGHT * 0.48 * u, RIGHT * (0.48 * u + 1e-3), stroke_width=0, stroke_opacity=0)
        self.add(self.feet_ref, self.tip_ref)

    @property
    def feet(self) -> np.ndarray:
        return self.feet_ref.get_start()

    def stand_at(self, point) -> "Hiker":
        return self.shift(np.asarray(point) - self.feet)

    def feel_at(self, point) -> "Hiker":
        return self.shift(np.asarray(point) - self.tip_ref.get_start())


class Darkness(VGroup):
    """Everything black except a small soft-edged patch of ground (an iris that can open)."""

    def __init__(self, radius: float = 0.6, **kwargs):
        super().__init__(**kwargs)
        r = radius
        # a soft edge: thin rings that darken outward, then solid black out past the frame
        opacities = [0.1, 0.22, 0.36, 0.5, 0.64, 0.77, 0.88, 0.96]
        edges = r * (1.0 + 0.09 * np.arange(len(opacities) + 1))
        for inner, outer, opacity in zip(edges[:-1], edges[1:], opacities):
            self.add(Annulus(inner_radius=inner, outer_radius=outer + 0.004, fill_color=BACKGROUND,
                             fill_opacity=opacity, stroke_width=0))  # a hair of overlap: no light seams
        self.add(Annulus(inner_radius=edges[-1], outer_radius=40.0, fill_color=BACKGROUND, fill_opacity=1.0,
                         stroke_width=0))


def relabel_loss(path: TrajectoryPath, label: str = "loss f") -> None:
    """Name the readout's loss as the formulas do ("loss f" instead of "loss"), keeping its layout."""
    old = path.loss_caption
    new = text(label, "label", color=MUTED)
    new.scale(old.height / text("loss", "label").height)       # the readout's own size
    new.move_to(old, aligned_edge=LEFT)
    align_baseline(new, baseline(old))
    grow = new.get_right()[0] - old.get_right()[0]
    old.become(new)
    path.loss_value.shift(RIGHT * grow)
    back = path.readout_background
    back.stretch_to_fit_width(back.width + grow).shift(RIGHT * grow / 2)


class BlindfoldedCanyon(ExplainerScene):
    chapter = 2
    title = "The blindfolded canyon"
    description = ("A hiker in the dark feels only which way the ground tilts and steps against it; the lights come "
                   "on over the canyon: cut across, steep walls make her first steps hop; along the nearly flat "
                   "floor her steps shrink; one step seen close is the update rule of gradient descent, whose "
                   "step is what later optimizers change.")
    on_grammar = True

    landscape_name = "ravine"
    lr = 0.35
    steps = 50
    #: steps walked in the dark: the first one at a time, then on to ``dark_steps``
    single_steps = 3
    dark_steps = 9
    #: hops shown on the cut across the canyon
    hop_steps = 4
    #: the step looked at closely: from θ_{t-1} = positions[k] to θ_t = positions[k + 1]
    explain_step = 2
    #: "and repeats": the close-up walks on to this step (still inside the box)
    repeat_to = 6
    #: the box magnified for that step (parameters): g_t, the turned-around −g_t and the steps fit
    zoom_bounds = ((-6.1, -3.2), (-0.97, 1.36))
    zoom_width = 7.85
    #: the full map
    map_width = 10.6
    map_bounds = ((-7.0, 7.0), (-3.5, 3.5))
    #: the dark close-up: scene units per parameter, and where her start is on screen
    dark_unit = 2.0
    dark_start = (-4.9, 1.0)
    #: the slope felt in the dark: its first arrow is this long, later ones in proportion (steeper: longer)
    feel_length = 1.6
    #: the bars comparing slope and step (scene units per unit of either): one scale for both
    bar_unit = 0.45
    #: the lit patch's centre from her point (her cane tip): half way to her feet
    iris_offset = np.array([-0.4, 0.0, 0.0])
    #: both cuts: their part of f from 0 (the axis) to this height over ``cut_height`` scene units (one
    #: height scale throughout), the axis at ``cut_base``
    cut_f_max = 11.0
    cut_height = 5.0
    cut_base = -2.3
    across_range = (-2.0, 2.0)
    #: the height ticks of both cuts (f)
    cut_tick = 4.0
    along_range = (-5.7, 0.3)
    #: the cut across alone fills the stage (scene units per θ₂)
    across_unit = 2.1
    #: both cuts side by side: scene units per unit of θ (the same on both, so their steepness compares by eye)
    cut_unit = 1.1
    #: the left edges of the cut across (room for the height ticks to its left) and of the cut along
    cut_left = SAFE_LEFT + 1.0
    along_left = -0.3
    #: the map while the cuts are shown: a small inset in the top right corner
    mini_width = 2.5

    def mini_center(self, top: bool) -> np.ndarray:
        """Where the small map sits: the bottom right corner beside the cut across (its rulers' labels use the
        top right), the top right corner beside the cut along (the cut along uses the bottom)."""
        h = self.mini_width * self.lmap.frame.height / self.lmap.frame.width
        y = STAGE.top - 0.05 - h / 2 if top else SAFE_BOTTOM + 0.05 + h / 2
        return np.array([SAFE_RIGHT - self.mini_width / 2, y, 0.0])

    def construct(self):
        self.compute()
        self.open_chapter()
        self.play_beats(self.in_the_dark, self.first_steps, self.keep_walking, self.lights_on, self.cut_across,
                        self.along_the_floor, self.one_step, self.where_she_stands, self.the_slope, self.the_step,
                        self.where_she_lands, self.gradient_descent)
        self.final_hold(self.caption(), seconds=2.4)

    # ------------------------------------------------------------------ numbers (all computed)
    def compute(self):
        ls = self.ls = oc.landscape(self.landscape_name)
        self.start = np.asarray(ls.start, dtype=float)
        self.opt = oc.optimizer("gd", lr=self.lr)
        self.traj = oc.run(self.opt, ls, self.start, steps=self.steps)
        self.P = np.asarray(self.traj.positions, dtype=float)
        self.G = np.array([ls.grad(p) for p in self.P])
        self.stride = np.linalg.norm(np.diff(self.P, axis=0), axis=1)
        self.star = np.asarray(ls.minima[0], dtype=float)
        d = distance_to(self.P, self.star)
        self.d0, self.d_end = float(d[0]), float(d[-1])
        k = self.explain_step
        self.p_prev, self.p_next, self.g = self.P[k], self.P[k + 1], self.G[k]

    # ------------------------------------------------------------------ pictures
    def build(self):
        """The full map at its revealed place (with its colour key), the run on it, the readout."""
        self.lmap = LandscapeMap(self.ls, width=self.map_width, bounds=self.map_bounds, n_contours=10,
                                 colorbar=True, colorbar_label="loss f")
        place(self.lmap, STAGE)
        self.lmap.colorbar.title.shift(RIGHT * 0.1 + UP * 0.12)   # clear of the map's corner
        self.reveal_key = self.map_key()
        self.path = TrajectoryPath(self.traj, self.lmap, "gd", stroke_width=4, dot_radius=0.09,
                                   marker_radius=0.04, readout="free", label="", readout_font_size=30)
        self.readout = self.path.detach_readout()
        relabel_loss(self.path)
        self.readout.move_to(self.lmap.frame.get_corner(UL) + np.array([0.15, -0.15, 0]), aligned_edge=UL)
        self.reveal_readout = self.readout.get_center()

    def map_key(self):
        return self.lmap.frame.get_center().copy(), self.lmap.frame.width

    def go_dark(self):
        """Move the map (and the run on it) to the close-up: her start left of centre, the bottom far right."""
        z = self.dark_unit / self.lmap.units_per_param()[0]
        self.lmap.scale(z)
        self.lmap.shift(np.array([*self.dark_start, 0.0]) - self.lmap.c2p(*self.start))
        self.path.set_progress(0)
        self.readout.move_to([SAFE_RIGHT, SAFE_TOP - 0.85, 0], aligned_edge=UR)
        # she feels the ground with her cane: its tip is on her point, the lit patch takes in her and it
        self.dark = Darkness(radius=1.05).move_to(self.path.dot.get_center() + self.iris_offset)
        self.hiker = Hiker(height=1.6, color=WALK_COLOR).feel_at(self.path.dot.get_center())
        # what she wants and cannot see: the bottom, a faint star where it really is
        goal = Star(5, outer_radius=0.42, inner_radius=0.18, stroke_color=TEXT, stroke_width=4, fill_opacity=0,
                    stroke_opacity=0.75).move_to(self.lmap.c2p(*self.star))
        goal.shift(LEFT * max(0.0, goal.get_right()[0] - (SAFE_RIGHT - 0.1)))   # off the close-up: at its edge
        goal_label = text("the bottom?", "body", color=MUTED).next_to(goal, DOWN, buff=0.25)
        goal_label.shift(LEFT * max(0.0, goal_label.get_right()[0] - SAFE_RIGHT))
        self.hint = VGroup(goal, goal_label)

    def feel_arrow(self, k: int, label: bool = False) -> ParamArrow:
        """What she feels at step k: the tilt, pointing uphill, as long as the ground is steep (the slope
        g_k at one fixed scale: the first one is ``feel_length`` long)."""
        scale = self.feel_length / (np.linalg.norm(self.G[0]) * self.lmap.units_per_param()[0])
        a = ParamArrow(self.lmap, self.P[k], self.G[k], scale=scale, color=SLOPE_COLOR, stroke_width=7)
        if label:
            # its length only compares slopes (steeper: longer), drawn shrunk to fit (her step is to scale,
            # 0.35 × the slope: the slope itself would be ~3× the step); sizes are read off the bars beside
            shrink = np.linalg.norm(self.G[0]) * self.lmap.units_per_param()[0] / self.feel_length
            a.label = VGroup(text("uphill", "label", color=SLOPE_COLOR),
                             text(f"drawn {shrink:.0f}\u00d7 smaller", "label", color=TEXT)).arrange(
                DOWN, buff=0.1, aligned_edge=LEFT)
            a.label.set_stroke(BACKGROUND, width=5, background=True)
            a.label.next_to(a.tip_point, RIGHT, buff=0.3).shift(DOWN * 0.3)   # she stands left of it
            a.add(a.label)
        return a

    def step_arrow(self, k: int, label: bool = False) -> ParamArrow:
        """Her step k: from positions[k] to positions[k + 1] (to scale)."""
        a = ParamArrow.step(self.lmap, self.P[k], self.P[k + 1], color=STEP_COLOR, stroke_width=7)
        if label:
            a.label = text("her step: downhill", "label", color=STEP_COLOR)
            a.label.set_stroke(BACKGROUND, width=5, background=True)
            a.label.next_to(a.arrow.get_center(), RIGHT, buff=0.35)
            a.add(a.label)
        return a

    def follow(self, *mobs):
        """Hiker and darkness ride on the run's dot."""
        for m in (self.hiker, self.dark):
            m.clear_updaters()
        if self.hiker in mobs:
            self.hiker.add_updater(lambda m: m.feel_at(self.path.dot.get_center()))
        if self.dark in mobs:
            self.dark.add_updater(lambda m: m.move_to(self.path.dot.get_center() + self.iris_offset))

    def detach(self, *parts):
        """Take parts (axes, colour key) out of the map, onto the scene, so they can fade on their own."""
        for part in parts:
            self.lmap.remove(part)
            self.add(part)

    def caption(self):
        start = f"start ({self.start[0]:g}, {self.start[1]:g})".replace("-", "\u2212")
        # the landscape named as the voice names it
        room = SAFE_RIGHT - self.zmap.frame.get_right()[0] - 0.3               # beside the close-up, not on it
        cap = CornerCaption(self.opt, landscape="canyon", extra=start, font_size=30, max_width=room)
        if cap.width > room:
            cap = CornerCaption(self.opt, landscape="canyon", font_size=30, max_width=room)
        return cap.move_to([SAFE_RIGHT - cap.width / 2, SAFE_BOTTOM + cap.height / 2, 0])

    # ------------------------------------------------------------------ beats: in the dark
    def in_the_dark(self):
        self.build()
        self.go_dark()
        lid = Circle(radius=self.dark[-1].inner_radius + 0.05, stroke_width=0, fill_color=BACKGROUND,
                     fill_opacity=1.0).move_to(self.dark)
        self.add(self.lmap, self.dark, lid, self.path)     # static background first
        self.follow(self.hiker, self.dark)
        with self.voiceover(text="A hiker wants the bottom of a canyon, on a pitch-black night.") as tracker:
            self.set_heading("In the dark: she feels only the slope")
            self.play(FadeIn(self.hiker, shift=0.2 * DOWN), run_time=0.8)
            self.play(FadeIn(self.hint, scale=0.7), FadeIn(self.readout), run_time=0.9)
        self.feel = self.feel_arrow(0, label=True)
        with self.voiceover(text="She cannot see. She can only feel which way, and how steeply, the ground "
                                 "under her boots tilts.") as tracker:
            self.play(lid.animate.scale(0.01), run_time=1.0)
            self.remove(lid)
            self.until(tracker, 0.72)
            self.play(GrowArrow(self.feel.arrow), FadeIn(self.feel.label), run_time=1.0)

    def first_steps(self):
        self.claim("each step goes exactly against the slope",
                   np.allclose(np.diff(self.P, axis=0), -self.lr * self.G[:-1]))
        step0 = self.step_arrow(0, label=True)
        self.trail = VGroup()       # her steps so far, dimmed: long ones on the wall, short ones after
        self.add(self.trail)
        # the sizes of slope and step, on one scale, beside her walk (the arrows only show directions)
        self.bar_x = max(self.lmap.c2p(*self.P[self.dark_steps])[0] + 1.7, 2.4)
        self.steep = self.bars(0, note=True).shift(UP * 1.1)
        with self.voiceover(text="So she steps the other way, downhill.") as tracker:
            self.play(GrowArrow(step0.arrow), FadeIn(step0.label), FadeIn(self.steep[0]), FadeIn(self.steep[1]),
                      run_time=0.9)
            self.play(*[GrowFromEdge(b, LEFT) for b in self.steep[2]], FadeIn(self.steep[3]), run_time=0.6)
            self.play(self.path.draw(end=1, rate_func=smooth), run_time=max(0.8, tracker.duration - 1.5))
        self.play(FadeOut(self.feel), FadeOut(step0.label), step0.arrow.animate.set_opacity(GHOST), run_time=0.4)
        self.trail.add(step0.arrow)
        with self.voiceover(text="Then she stops, feels the tilt again, and steps again.") as tracker:
            per = max(1.2, (tracker.duration - 0.2) / (self.single_steps - 1))
            for k in range(1, self.single_steps):
                feel, step = self.feel_arrow(k), self.step_arrow(k)
                self.play(GrowArrow(feel.arrow), run_time=0.3 * per)
                self.play(GrowArrow(step.arrow), run_time=0.25 * per)
                self.play(self.path.draw(end=k + 1, rate_func=smooth), run_time=0.3 * per)
                self.play(FadeOut(feel), step.arrow.animate.set_opacity(GHOST), run_time=0.15 * per)
                self.trail.add(step.arrow)

    def bars(self, k: int, note: bool = False) -> VGroup:
        """Her step k + 1 in numbers, drawn to one scale: the slope she felt (red bar) and the step it gave
        (yellow bar, γ times as long): a title row, then "slope g" [bar], "step s" [bar] = γ × g."""
        g, step = float(np.linalg.norm(self.G[k])), float(self.stride[k])
        u = self.bar_unit
        # no step number here: the readout counts steps made, this is the step being made
        title = text("her first step" if k == 0 else "her step now", "label", color=MUTED)
        names = VGroup(text(f"slope {g:.2g}", "label", color=SLOPE_COLOR),
                       text(f"step {step:.2g}", "label", color=STEP_COLOR))
        bars = VGroup(*[Rectangle(width=max(v * u, 0.02), height=0.2, stroke_width=0, fill_color=c, fill_opacity=1)
                        for v, c in ((g, SLOPE_COLOR), (step, STEP_COLOR))])
        x0 = self.bar_x
        for name, bar, y in zip(names, bars, (0.0, -0.45)):
            name.move_to([x0 - 0.2, y, 0], aligned_edge=RIGHT)
            bar.move_to([x0, y, 0], aligned_edge=LEFT)
        times = text(f"= {self.lr:g} \u00d7 {g:.2g}", "label", color=STEP_COLOR).next_to(bars[1], RIGHT, buff=0.2)
        title.next_to(names[0], UP, buff=0.2, aligned_edge=LEFT)
        if note:   # γ is named later: say now that it never changes (under the product, where it acts)
            times = VGroup(times, text(f"(always {self.lr:g})", "label", color=STEP_COLOR).next_to(
                times, DOWN, buff=0.12, aligned_edge=LEFT))
        return VGroup(title, names, bars, times)

    def keep_walking(self):
        k0, n = self.single_steps, self.dark_steps
        self.claim("where the ground is steep her steps are long, where it flattens they shrink",
                   np.all(np.diff(self.stride[:n]) < 0) and np.all(np.diff(np.linalg.norm(self.G[:n], axis=1)) < 0))
        self.claim("her first two steps (on the steep wall) are longer than all later ones",
                   self.stride[1] > 1.5 * self.stride[2:].max())
        self.claim("each step is gamma times the slope", np.allclose(self.stride, self.lr * np.linalg.norm(
            self.G[:-1], axis=1)))
        # the bars, right of her walk (the empty half of the close-up): her first step and her latest one
        steep = self.steep
        now = self.bars(k0).shift(DOWN * 0.6)
        with self.voiceover(text="Where the ground is steep, her steps are long.") as tracker:
            # looking back at her first step: she steps aside (dimmed) so it reads
            self.play(self.trail[0].animate.set_opacity(1), self.hiker.animate.set_opacity(0.25), run_time=0.6)
            self.play(Indicate(steep[2], color=STEP_COLOR, scale_factor=1.1),
                      run_time=max(0.8, tracker.duration - 0.6))
        self.wait(0.6)
        arrows = VGroup(self.feel_arrow(k0), self.step_arrow(k0))
        state = {"k": k0}

        def ride(m):
            k = min(int(np.floor(self.path.progress + 1e-9)), n - 1)
            if k != state["k"]:
                m.become(VGroup(self.feel_arrow(k), self.step_arrow(k)))
                now.become(self.bars(k).shift(DOWN * 0.6))
                state["k"] = k

        with self.voiceover(text="Where it flattens, the tilt is gentle and her steps shrink.") as tracker:
            # only the step being made carries arrows; the rest of her walk is the path's plain dots
            self.play(*[FadeOut(a) for a in self.trail], FadeIn(arrows), FadeIn(now),
                      self.hiker.animate.set_opacity(1), run_time=0.6)
            self.remove(self.trail, *self.trail)
            arrows.add_updater(ride)
            self.play(self.path.draw(end=n), run_time=max(1.2, tracker.end_t - self.renderer.time - 0.1))
            arrows.clear_updaters()
        self.wait(1.0)
        self.play(FadeOut(arrows), FadeOut(steep), FadeOut(now), run_time=0.4)

    # ------------------------------------------------------------------ beats: the canyon revealed
    def lights_on(self):
        self.follow()
        center, width = self.reveal_key
        z = width / self.lmap.frame.width
        # the map (under the darkness), her trail and the faint goal zoom out together: same scale, same point
        about = self.lmap.frame.get_center()
        shift = center - about
        feet = self.path.dot.get_center()
        feet_after = about + z * (feet - about) + shift
        self.remove(self.path, self.hiker)
        self.add(self.path, self.hiker)
        bar = self.lmap.colorbar
        # what the map's axes are: chapter 1's two knobs
        self.knobs = self.stamp("\u03b8\u2081, \u03b8\u2082: the two knobs (a toy loss)", size="label")
        corner = center + np.array([width / 2 - 0.15, -z * self.lmap.frame.height / 2 + 0.15, 0.0])  # after the zoom
        self.knobs.move_to(corner, aligned_edge=DOWN + RIGHT)
        with self.voiceover(text="Now switch on the lights: the canyon she never saw. Purple is low "
                                 "ground.") as tracker:
            # the dark scene's words leave before the map comes in (the heading comes when it has settled)
            self.play(FadeOut(self.hint), FadeOut(self.heading), run_time=0.4)
            self.heading = None
            self.play(self.dark.animate.scale(25, about_point=feet).set_opacity(0),
                      self.lmap.animate.scale(z, about_point=about).shift(shift),
                      self.path.animate.scale(z, about_point=about).shift(shift),
                      self.hiker.animate.scale(0.6, about_point=feet).shift(feet_after - feet),
                      self.readout.animate.move_to(self.reveal_readout),
                      run_time=max(2.0, tracker.duration * 0.62 - 0.4))
            self.remove(self.dark)
            self.set_heading("Lights on: the canyon she never saw", run_time=0.5)
            self.path.set_progress(self.path.progress)   # the full path follows the map's new place
            self.play(Indicate(VGroup(bar.outline, bar.ticks[0], bar.title), color=TEXT, scale_factor=1.15),
                      FadeIn(self.knobs), run_time=1.0)
        self.wait(0.4)

    def cut_section(self, unit: float) -> CrossSection:
        """The cut across her start at ``unit`` scene units per θ₂: the across part of f (the loss minus its
        lowest value on the cut), its height ``cut_height`` for ``cut_f_max``, its left edge at ``cut_left``."""
        x = float(self.start[0])
        span = self.across_range[1] - self.across_range[0]
        section = CrossSection(self.ls, axis=1, at=x, value_range=self.across_range, width=unit * span,
                               height=self.cut_height, f_max=self.cut_f_max, subtract_floor=True, color=MUTED,
                               stroke_width=5)
        section.shift(np.array([self.cut_left, self.cut_base, 0]) - section.frame.get_corner(DOWN + LEFT))
        return section

    def cut_across(self):
        x = float(self.start[0])
        (_, _), (y0, y1) = self.lmap.bounds
        cut = DashedLine(self.lmap.c2p(x, y0), self.lmap.c2p(x, y1), stroke_color=TEXT, stroke_width=4)
        self.cut_line = cut
        cut_label = text("cut across", "label").next_to(cut, RIGHT, buff=0.15).align_to(cut, DOWN).shift(UP * 0.2)
        cut_label.set_stroke(BACKGROUND, width=5, background=True)
        # the loss is an across part plus an along part, so the cut's height (the across part) is honest for
        # every hop, wherever along the canyon it happens
        xs = np.array([[a, b] for a in (-5.0, -2.0, 1.0) for b in (-1.5, 0.3, 2.0)])
        parts = self.ls.f(xs * [1, 0]) + self.ls.f(xs * [0, 1]) - self.ls.f(np.zeros(2))
        self.claim("the loss is an across part plus an along part", np.allclose(self.ls.f(xs), parts))
        # the cut fills the stage (the map goes to a small inset in the corner)
        section = self.cut_section(self.across_unit)
        self.section = section
        self.section_axis = self.height_label(section, "across part of f")
        hop_values = self.P[: self.hop_steps + 1, 1]
        self.hops = section.hops(hop_values, color=WALK_COLOR, stroke_width=5, dot_radius=0.1, arc_angle=-0.9)
        across = abs(float(self.G[0][1]))   # the across part of the slope where she starts
        self.claim("the across-slope is most of her slope (6.1 in all)",
                   np.isclose(np.hypot(self.G[0][0], self.G[0][1]), np.linalg.norm(self.G[0])))
        left_wall = text("steep wall", "label", color=TEXT).next_to(section.c2p(-1.85), RIGHT, buff=0.3)
        # the tilt she felt at her start, across: the wall's tangent, its slope named beside it
        tilt = section.tangent(hop_values[0], half_length=0.6, stroke_color=SLOPE_COLOR, stroke_width=7)
        slope_label = VGroup(text(f"across-slope {across:.1f}", "label", color=SLOPE_COLOR),
                             text("at her start", "label", color=SLOPE_COLOR)).arrange(DOWN, buff=0.1,
                                                                                         aligned_edge=LEFT)
        slope_label.set_stroke(BACKGROUND, width=5, background=True)
        slope_label.next_to(tilt.get_end(), RIGHT, buff=0.25).shift(DOWN * 0.3)
        self.walls = left_wall
        self.tilt, self.slope_label = tilt, slope_label
        # why she hops: her first step (across) is longer than the way down to the floor; both measured on
        # rulers above the U, from her start
        floor_y = float(self.star[1])
        step_len, way_down = abs(hop_values[1] - hop_values[0]), abs(hop_values[0] - floor_y)
        self.claim("her first step is longer than the way down to the floor", step_len > way_down,
                   f"{step_len:.3g} > {way_down:.3g}")
        at = lambda v, h: np.array([section.c2p(v)[0], self.cut_base + h * self.cut_height / self.cut_f_max, 0.0])  # noqa: E731
        h_step, h_down = self.cut_f_max - 0.5, self.cut_f_max - 1.8
        first = Arrow(at(hop_values[0], h_step), at(hop_values[1], h_step), buff=0, color=STEP_COLOR,
                      stroke_width=7, max_tip_length_to_length_ratio=0.1)
        first_label = text(f"her step {step_len:.2g}", "label", color=STEP_COLOR).next_to(first, RIGHT, buff=0.2)
        down = VGroup(Line(at(hop_values[0], h_down), at(floor_y, h_down), stroke_color=TEXT, stroke_width=4),
                      *[Line(at(v, h_down - 0.3), at(v, h_down + 0.3), stroke_color=TEXT, stroke_width=4)
                        for v in (hop_values[0], floor_y)])
        down_label = text(f"to the floor: {way_down:.2g}", "label").next_to(down, RIGHT, buff=0.2)
        floor_mark = DashedLine(section.c2p(floor_y), at(floor_y, h_down - 0.3), stroke_color=MUTED,
                                stroke_width=2)
        start_mark = DashedLine(section.c2p(hop_values[0]), at(hop_values[0], h_down - 0.3), stroke_color=MUTED,
                                stroke_width=2)
        why = VGroup(floor_mark, start_mark, down, down_label, first, first_label)
        self.why = why
        self.claim("her first steps carry her over the floor from wall to wall",
                   np.all(np.sign(hop_values[1:]) == -np.sign(hop_values[:-1])))
        self.claim("each hop lands lower than the last", np.all(np.diff(np.abs(hop_values)) < 0))

        with self.voiceover(text="It is long and narrow. Cut it across, through her start.") as tracker:
            self.play(Create(cut), FadeIn(cut_label), FadeOut(self.knobs), run_time=1.0)
            self.set_heading("Cut across her start: steep walls")
            self.detach(self.lmap.axes, self.lmap.colorbar)
            s = self.mini_width / self.lmap.frame.width
            world = Group(self.lmap, self.path, cut)
            self.play(FadeOut(self.lmap.axes), FadeOut(self.lmap.colorbar), FadeOut(self.hiker),
                      FadeOut(self.readout), FadeOut(cut_label), run_time=0.4)
            fc = self.lmap.frame.get_center()
            self.play(world.animate.scale(s, about_point=fc).shift(self.mini_center(top=False) - fc),
                      FadeIn(section), FadeIn(self.section_axis), run_time=max(1.0, tracker.duration - 1.9))
            self.remove(world)
            self.add(self.lmap, self.path, cut)
        ring = Circle(radius=0.1, stroke_color=WALK_COLOR, stroke_width=4).move_to(self.lmap.c2p(*self.P[0]))
        self.add(self.hops, ring)

        def sync(m, a):
            s_ = a * self.hop_steps
            k = min(int(np.floor(s_)), self.hop_steps - 1)
            f = s_ - k
            m.move_to(self.lmap.c2p(*(self.P[k] + f * (self.P[k + 1] - self.P[k]))))

        with self.voiceover(text="Her first step was longer than the way down to the floor, so she hopped from "
                                 "wall to wall, each hop lower.") as tracker:
            self.play(FadeIn(left_wall), Create(tilt), FadeIn(slope_label), Create(floor_mark), Create(start_mark),
                      Create(down), FadeIn(down_label), run_time=0.8)
            self.play(GrowArrow(first), FadeIn(first_label), run_time=0.8)
            self.until(tracker, 0.42)
            self.play(self.hops.draw(), UpdateFromAlphaFunc(ring, sync),
                      run_time=max(1.5, tracker.end_t - self.renderer.time - 0.1))
        self.wait(0.6)
        self.ring = ring

    def height_label(self, section: CrossSection, name: str, step: float | None = None, above_ticks: bool = True):
        """The cut's height axis: ticks of f on the one scale both cuts share, and its name (above its top tick,
        or above the middle of the cut)."""
        lab = text(name, "small", color=MUTED)
        ticks = VGroup()
        step = step or self.cut_tick
        for v in np.arange(0.0, section.f_range[1] + 1e-9, step):
            y = section.frame.get_bottom()[1] + v / section.f_range[1] * section.frame.height
            x = section.frame.get_left()[0]
            ticks.add(Line([x - 0.08, y, 0], [x, y, 0], stroke_color=MUTED, stroke_width=2))
            ticks.add(text(f"{v:g}", "small", color=MUTED).next_to([x - 0.08, y, 0], LEFT, buff=0.14))
        if above_ticks:
            lab.next_to(ticks, UP, buff=0.2).align_to(ticks, LEFT)
        else:
            lab.next_to(section.frame, UP, buff=0.15).set_x(section.frame.get_center()[0])
        return VGroup(lab, ticks)

    def build_along(self):
        """The cut along the floor (θ₂ = 0: the along part of f) right of the cut across, both at one scale
        (scene units per θ and per unit of f), so steep and flat compare by eye; the run's θ₁ hopping on it,
        the hiker riding, the tilt under her, her step along θ₁ counting down."""
        lo, hi = self.along_range
        f_top = 1.15 * float(self.ls.f(np.array([lo, 0.0])))
        along = CrossSection(self.ls, axis=0, at=0.0, value_range=self.along_range, width=self.cut_unit * (hi - lo),
                             height=self.cut_height * f_top / self.cut_f_max, f_max=f_top,
                             subtract_floor=True, color=MUTED, stroke_width=5)
        along.shift(np.array([self.along_left, self.cut_base, 0]) - along.frame.get_corner(DOWN + LEFT))
        along_axis = self.height_label(along, "along part of f", step=self.cut_tick / 2, above_ticks=False)
        # its name above its right half, clear of the slope's label and of the star
        along_axis[0].align_to(along.c2p(-0.9), RIGHT)
        along.add(along_axis)
        self.along = along
        # the cut across, squeezed sideways to the same scale (its heights unchanged)
        self.section2 = self.cut_section(self.cut_unit)
        self.hops2 = self.section2.hops(self.hops.values, color=WALK_COLOR, stroke_width=4, dot_radius=0.08,
                                       arc_angle=-0.9)
        self.hops2.set_progress(self.hops.n_steps)
        self.hops2.arcs.set_stroke(opacity=0.6)
        self.hops2.dots.set_fill(opacity=0.6)
        self.tilt2 = self.section2.tangent(self.hops.values[0], half_length=0.5, stroke_color=SLOPE_COLOR,
                                           stroke_width=7)
        # the across-slope's label inside the squeezed cut, high between its walls (above the hops)
        across = abs(float(self.G[0][1]))
        self.slope_label2 = text(f"across-slope {across:.1f}", "label", color=SLOPE_COLOR)
        self.slope_label2.set_stroke(BACKGROUND, width=5, background=True)
        self.slope_label2.move_to([self.section2.frame.get_center()[0],
                                   self.section2.c2p(0.92 * self.across_range[1])[1], 0])
        values = self.P[:, 0]
        self.along_hops = along.hops(values, color=WALK_COLOR, stroke_width=4, dot_radius=0.08, arc_angle=-0.7)
        star_at = along.c2p(float(self.star[0]))
        star = Star(5, outer_radius=0.25, inner_radius=0.11, stroke_width=0, fill_color=TEXT,
                    fill_opacity=1).move_to(star_at + UP * 1.7)   # above her head
        self.along_star = VGroup(DashedLine(star.get_bottom() + DOWN * 0.1, star_at, stroke_color=TEXT,
                                            stroke_width=2, stroke_opacity=0.6), star)

        def at(hops):
            s_ = hops.progress
            k = min(int(np.floor(s_)), hops.n_steps - 1)
            return values[k] + (s_ - k) * (values[k + 1] - values[k])

        self.along_hiker = Hiker(height=0.9, color=WALK_COLOR).stand_at(along.c2p(values[0]))
        self.along_hiker.add_updater(lambda m: m.stand_at(along.c2p(at(self.along_hops))))
        slope = abs(float(self.ls.grad(np.array([values[0], 0.0]))[0]))
        self.along_slope = VGroup(text(f"along-slope {slope:.1f}", "label", color=SLOPE_COLOR),
                                  text("at her start", "label", color=SLOPE_COLOR)).arrange(DOWN, buff=0.1,
                                                                                           aligned_edge=LEFT)
        self.along_slope.set_stroke(BACKGROUND, width=5, background=True)
        self.along_slope.next_to(along.c2p(values[0]) + UP * 1.3, RIGHT, buff=0.45)
        self.along_tilt = along.tangent(values[0], half_length=0.6, stroke_color=SLOPE_COLOR, stroke_width=7)
        # her step along θ₁, live: the step being made (from θ at step k to step k + 1)
        along_steps = np.abs(np.diff(values))
        self.claim("her steps along the floor shrink from about 0.4 to about 0.01",
                   along_steps[0] > 0.3 and along_steps[-1] < 0.02)
        name = text("step along \u03b8\u2081:", "label", color=STEP_COLOR)
        value = LiveText(f"{along_steps[0]:.2f}", font_size=30, color=STEP_COLOR)
        value.next_to(name, RIGHT, buff=0.2)
        align_baseline(value, baseline(name))

        def count(m):
            k = min(int(np.floor(self.along_hops.progress + 1e-9)), len(along_steps) - 1)
            m.set_text(f"{along_steps[k]:.2f}")

        value.add_updater(count)
        self.step_live = VGroup(name, value)

    def along_the_floor(self):
        self.claim(f"after {self.steps} steps she is nearly at the bottom", self.d_end < 0.05 * self.d0,
                   f"{self.d_end:.3g} of {self.d0:.3g}")
        self.claim("on the flat floor her steps are short (a fraction of her first ones on the walls)",
                   self.stride[self.dark_steps:].max() < 0.25 * self.stride[: 2].min())
        self.claim("the floor is almost flat: its slope where she starts is a fraction of the wall's",
                   abs(self.G[0][0]) < 0.25 * abs(self.G[0][1]))
        self.claim("along the floor every step is shorter than the one before",
                   np.all(np.diff(np.abs(np.diff(self.P[:, 0]))) < 0))
        self.build_along()
        # the map stays in its corner; the cut along the floor runs through it
        (x0, x1), _ = self.lmap.bounds
        up = self.mini_center(top=True) - self.mini_center(top=False)   # the map moves to the top corner
        line = DashedLine(self.lmap.c2p(x0, 0.0) + up, self.lmap.c2p(x1, 0.0) + up, stroke_color=TEXT,
                          stroke_width=4)
        line_label = text("cut along", "label").next_to(self.lmap.frame.copy().shift(up), DOWN, buff=0.2)
        line_label.align_to(self.lmap.frame, RIGHT)
        # the run's readout top left, over the cut across; her step along and the distance to the star in a
        # column over the cut along, left of the map's corner
        self.readout.move_to([SAFE_LEFT, STAGE.top - 0.05, 0], aligned_edge=UL)
        stamp = self.stamp(f"distance to \u2605: {self.d_end:.2f}", size="label")
        self.step_live.move_to([self.along_left - 0.3, self.readout.get_center()[1], 0], aligned_edge=LEFT)
        stamp.next_to(self.step_live, DOWN, buff=0.3, aligned_edge=LEFT)
        self.along_extras = VGroup(line, line_label, stamp)
        n = self.dark_steps
        with self.voiceover(text="Along it, the floor is almost flat.") as tracker:
            self.set_heading("Along the floor: short steps")
            # straight from one picture to the next: the cut across squeezes aside as the cut along comes in
            self.play(Transform(self.section, self.section2), Transform(self.hops, self.hops2),
                      Transform(self.tilt, self.tilt2), FadeTransform(self.slope_label, self.slope_label2),
                      FadeOut(self.walls), FadeOut(self.why), FadeOut(self.ring), FadeOut(self.cut_line),
                      Group(self.lmap, self.path).animate.shift(up),
                      FadeIn(self.along), Create(line), FadeIn(line_label), run_time=1.0)
            self.remove(self.cut_line)
            self.slope_label = self.slope_label2
            # her walk replayed from her start: the readouts count with it
            self.path.set_progress(0)
            self.play(FadeIn(self.readout), FadeIn(self.along_hiker), FadeIn(self.along_tilt),
                      FadeIn(self.along_slope), FadeIn(self.step_live), run_time=0.6)
            self.add(self.path, self.readout)
            self.play(self.along_hops.draw(end=n), self.path.draw(end=n),
                      run_time=max(0.8, tracker.end_t - self.renderer.time))
        with self.voiceover(text="Her steps there are short, and she creeps toward the star.") as tracker:
            self.play(FadeIn(self.along_star, scale=0.5), Indicate(self.step_live[1], color=STEP_COLOR),
                      run_time=0.5)
            self.play(self.along_hops.draw(end=self.steps), self.path.draw(end=self.steps),
                      run_time=max(1.5, tracker.end_t - self.renderer.time - 0.1))
        with self.voiceover(text=f"After {self.steps} steps she is nearly there, without ever seeing the "
                                 "map.") as tracker:
            self.until(tracker, 0.2)
            # she steps back (dimmed) so the star and her last short steps read
            self.play(FadeOut(self.along_slope), FadeIn(stamp), Circumscribe(self.readout, color=TEXT),
                      self.along_hiker.animate.set_opacity(0.3), run_time=1.0)
            # on to the close-up: the box of the map about to be magnified
            self.until(tracker, 0.6)
            self.zoom_box = self.map_box()
            self.play(Create(self.zoom_box), run_time=0.8)

    # ------------------------------------------------------------------ beats: the rule
    def build_rule(self):
        """The close-up (the hero: >= 55 % of the frame), its arrows and labels; the rule and its legend."""
        # no axes: the close-up is the boxed part of the map just seen, and its only θ labels are the points'
        zmap = LandscapeMap(self.ls, width=self.zoom_width, bounds=self.zoom_bounds, n_contours=10,
                            value_scale=self.lmap.value_scale, resolution=300, show_axes=False)
        zmap.move_to([SAFE_LEFT, 0, 0], aligned_edge=LEFT)
        zmap.shift(UP * (STAGE.top - 0.05 - zmap.frame.get_top()[1]))
        self.zmap = zmap
        self.zpath = TrajectoryPath(self.traj, zmap, "gd", stroke_width=5, dot_radius=0.12, marker_radius=0.06,
                                    markers=True)
        self.zpath.set_progress(self.steps)
        self.zpath.path.set_stroke(opacity=0.6)   # her walk, behind the arrows of the step looked at
        p, q, g = self.p_prev, self.p_next, self.g
        a, b = zmap.c2p(*p), zmap.c2p(*q)
        r = 0.17   # the rings' radius: the step arrow ends on θ_t's ring, never under it
        # the picture's parts, in the order the voice names them
        self.ring_prev = Circle(radius=r, stroke_color=WALK_COLOR, stroke_width=5).move_to(a)
        self.lab_prev = MathTex(rf"{N.params}_{{t-1}}", font_size=48, color=WALK_COLOR)
        self.lab_prev.next_to(self.ring_prev, LEFT, buff=0.1).shift(DOWN * 0.12)
        self.g_arrow = ParamArrow(zmap, p, g, color=SLOPE_COLOR, stroke_width=7)
        self.lab_g = MathTex(N.grad.tex, font_size=48, color=SLOPE_COLOR).next_to(self.g_arrow.tip_point, LEFT,
                                                                                 buff=0.15)
        self.minus_g = ParamArrow(zmap, p, -g, color=SLOPE_COLOR, stroke_width=5, dashed=True)
        self.lab_minus_g = MathTex(rf"-{N.grad}", font_size=48, color=SLOPE_COLOR)
        self.lab_minus_g.next_to(self.minus_g.tip_point, RIGHT, buff=0.15)
        length = float(np.linalg.norm(b - a))
        self.full_step = ParamArrow(zmap, p, -g, color=STEP_COLOR, stroke_width=8)
        self.step = ParamArrow(zmap, p, q - p, scale=(length - r) / length, color=STEP_COLOR, stroke_width=8)
        self.lab_step = MathTex(rf"-{N.lr}\, {N.grad}", font_size=48, color=STEP_COLOR)
        d = (b - a) / length
        normal = np.array([-d[1], d[0], 0.0])
        if normal[1] < 0:
            normal = -normal
        self.lab_step.move_to((a + b) / 2 + normal * 0.7)
        self.ring_next = Circle(radius=r, stroke_color=LAND_COLOR, stroke_width=5).move_to(b)
        self.lab_next = MathTex(rf"{N.params}_t", font_size=48, color=LAND_COLOR).next_to(self.ring_next, DOWN,
                                                                                         buff=0.1)
        # she stands on θ_{t-1} (small, so the labels around her point stay clear)
        self.z_hiker = Hiker(height=0.6, color=WALK_COLOR).stand_at(a)
        for lab in (self.lab_prev, self.lab_g, self.lab_minus_g, self.lab_step, self.lab_next):
            lab.set_stroke(BACKGROUND, width=6, background=True)

        # the side panel, right of the close-up
        side_left = zmap.frame.get_right()[0] + 0.3
        side_w = SAFE_RIGHT - side_left
        side_x = (side_left + SAFE_RIGHT) / 2
        # the rule: its parts θ_t, =, θ_{t-1}, −, γ, g_t; and what g_t is
        rule = MathTex(rf"{N.params}_t", "=", rf"{N.params}_{{t-1}}", "-", rf"{N.lr}\,", N.grad.tex, font_size=56)
        if rule.width > side_w:
            rule.scale_to_fit_width(side_w)
        rule.move_to([side_x, STAGE.top - 0.2 - rule.height / 2, 0])
        self.rule = rule
        self.rule_parts = {"prev": rule[2], "slope": rule[5], "step": VGroup(rule[3], rule[4], rule[5]),
                           "next": rule[0]}
        self.g_def = MathTex(N.grad.tex, "=", rf"\nabla f({N.params}_{{t-1}})", font_size=48)
        self.g_def[0].set_color(SLOPE_COLOR)
        self.g_def.next_to(rule, DOWN, buff=0.3)
        self.g_def.shift(RIGHT * (rule[5].get_center()[0] - self.g_def[0].get_center()[0]))
        if self.g_def.get_right()[0] > SAFE_RIGHT:
            self.g_def.shift(LEFT * (self.g_def.get_right()[0] - SAFE_RIGHT))
        # what each symbol is, one row per sentence: symbols in one column, words in the next
        entries = [(rf"{N.params}_{{t-1}}", WALK_COLOR, "she stands"),
                   (N.grad.tex, SLOPE_COLOR, "slope: uphill"),
                   (rf"-{N.lr}\, {N.grad}", STEP_COLOR, "step: downhill"),
                   (rf"{N.params}_t", LAND_COLOR, "she lands")]
        syms = [MathTex(t, font_size=48, color=c) for t, c, _ in entries]
        words = [text(w, "label") for _, _, w in entries]
        col = max(m.width for m in syms)
        rows = VGroup()
        for sym, word in zip(syms, words):
            r_ = VGroup(sym, word)
            word.next_to(sym, RIGHT, buff=0.25 + col - sym.width)
            rows.add(r_)
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.34)
        for r_ in rows:  # words in one column
            r_[1].set_x(rows.get_left()[0] + col + 0.25, direction=LEFT)
        if rows.width > side_w:
            rows.scale_to_fit_width(side_w)
        rows.next_to(self.g_def, DOWN, buff=0.5)
        rows.set_x(side_x)
        self.rows = rows
        self.lr_stamp = self.stamp(f"\u03b3 = {self.lr:g}", color=STEP_COLOR, size="body")
        # which step this is (t counts steps from 1: her step from positions[k] to positions[k + 1])
        self.t_stamp = self.stamp(f"step t = {self.explain_step + 1}", size="body")
        self.t_stamp.move_to(zmap.frame.get_corner(UR), aligned_edge=UR).shift(LEFT * 0.2 + DOWN * 0.2)
        self.lr_stamp.next_to(self.t_stamp, DOWN, buff=0.15, aligned_edge=RIGHT)
        # the end: the part every later optimizer changes
        step_part = self.rule_parts["step"]
        self.change_box = SurroundingRectangle(step_part, color=STEP_COLOR, buff=0.1, corner_radius=0.08,
                                               stroke_width=5)
        self.change_tag = VGroup(text("what later", "label", color=STEP_COLOR),
                                 text("optimizers change", "label", color=STEP_COLOR)).arrange(DOWN, buff=0.08)
        self.change_tag.next_to(self.change_box, DOWN, buff=0.15)
        if self.change_tag.get_right()[0] > SAFE_RIGHT:
            self.change_tag.shift(LEFT * (self.change_tag.get_right()[0] - SAFE_RIGHT))

    def map_box(self) -> Rectangle:
        """The part of the map the close-up magnifies, outlined on the map."""
        zb = self.zoom_bounds
        lo, hi = self.lmap.c2p(zb[0][0], zb[1][0]), self.lmap.c2p(zb[0][1], zb[1][1])
        box = Rectangle(width=hi[0] - lo[0], height=hi[1] - lo[1], stroke_color=TEXT, stroke_width=3)
        return box.move_to((lo + hi) / 2)

    def one_step(self):
        self.build_rule()
        box = self.zoom_box
        frame = Rectangle(width=self.zmap.frame.width, height=self.zmap.frame.height, stroke_color=TEXT,
                          stroke_width=3).move_to(self.zmap.frame)
        with self.voiceover(text="Her whole walk is one rule. Look closely at one step.") as tracker:
            self.set_heading("One step, in one line")
            self.along_hiker.clear_updaters()
            self.along_tilt.clear_updaters()
            self.step_live[1].clear_updaters()
            old = (self.along, self.along_hops, self.along_hiker, self.along_tilt, self.along_star, self.along_extras,
                   self.along_slope, self.readout, self.step_live, self.section, self.section_axis, self.hops,
                   self.tilt, self.slope_label, self.lmap, self.path)
            # straight from the cuts to the close-up: the box on the map grows into it as the rest fades
            self.play(*[FadeOut(m) for m in old], Transform(box, frame), FadeIn(self.zmap), FadeIn(self.zpath),
                      FadeIn(self.rule), run_time=1.2)
            self.play(FadeOut(box), FadeIn(self.t_stamp), run_time=0.5)
            self.play(self.zpath.draw(end=self.explain_step), run_time=max(0.5, tracker.end_t - self.renderer.time))

    def mark(self, key: str, color):
        """Box a symbol of the rule (the box goes when the next symbol is named)."""
        part = self.rule_parts[key]
        box = SurroundingRectangle(part, color=color, buff=0.08, corner_radius=0.06, stroke_width=4)
        return box, part

    def where_she_stands(self):
        box, part = self.mark("prev", WALK_COLOR)
        with self.voiceover(text="Theta t minus one is where she stands before the step."):
            self.play(Create(box), Create(self.ring_prev), FadeIn(self.lab_prev), FadeIn(self.rows[0]),
                      FadeIn(self.z_hiker, shift=0.2 * DOWN), run_time=1.0)
            self.play(Indicate(self.lab_prev, color=WALK_COLOR), Indicate(part, color=WALK_COLOR), run_time=1.0)
        self.box = box

    def the_slope(self):
        p, g = self.p_prev, self.g
        self.claim("g_t points uphill", self.ls.f(p + 1e-3 * g) > self.ls.f(p))
        box, part = self.mark("slope", SLOPE_COLOR)
        with self.voiceover(text="g t is the slope she feels there: the gradient of the loss f. It points "
                                 "uphill.") as tracker:
            self.play(FadeOut(self.box), Create(box), part.animate.set_color(SLOPE_COLOR), FadeIn(self.rows[1]),
                      FadeIn(self.g_def), run_time=0.8)
            self.play(GrowArrow(self.g_arrow.arrow), FadeIn(self.lab_g), run_time=1.2)
            self.until(tracker, 0.8)
            self.play(Indicate(self.lab_g, color=SLOPE_COLOR), run_time=1.0)
        self.box = box

    def the_step(self):
        box, part = self.mark("step", STEP_COLOR)
        self.claim("her step is minus gamma times g_t",
                   np.allclose(self.p_next - self.p_prev, -self.lr * self.g))
        self.claim("gamma shrinks the turned-around slope", 0 < self.lr < 1)
        a = self.zmap.c2p(*self.p_prev)
        flip = self.g_arrow.arrow.copy()   # turned around through her point (a half turn would leave the map)
        with self.voiceover(text="Her step is minus gamma times g t: turned around to point downhill,") as tracker:
            self.play(FadeOut(self.box), Create(box), FadeIn(self.rows[2]), run_time=0.8)
            self.until(tracker, 0.45)
            self.play(flip.animate.scale(-1, about_point=a), run_time=1.0)
            self.play(FadeOut(flip), FadeIn(self.minus_g.arrow), FadeIn(self.lab_minus_g), run_time=0.4)
        shrink = self.full_step.arrow
        with self.voiceover(text=f"and shrunk by gamma, the learning rate, here {self.lr:g}.") as tracker:
            self.play(FadeIn(shrink), VGroup(part[0], part[1]).animate.set_color(STEP_COLOR), run_time=0.5)
            self.play(Transform(shrink, self.step.arrow), self.minus_g.animate.set_opacity(0.4),
                      self.lab_minus_g.animate.set_opacity(0.4), run_time=1.3)
            self.remove(shrink)
            self.add(self.step.arrow)
            self.play(FadeIn(self.lab_step), FadeIn(self.lr_stamp), run_time=0.6)
        self.box = box

    def where_she_lands(self):
        box, part = self.mark("next", LAND_COLOR)
        with self.voiceover(text="Theta t is where she lands. Then she feels again, and repeats.") as tracker:
            self.play(FadeOut(self.box), Create(box), part.animate.set_color(LAND_COLOR), FadeIn(self.rows[3]),
                      FadeOut(self.minus_g), FadeOut(self.lab_minus_g), run_time=0.8)
            # she walks the step with the run's dot, and on
            self.z_hiker.add_updater(lambda m: m.stand_at(self.zpath.dot.get_center()))
            self.play(self.zpath.draw(end=self.explain_step + 1, rate_func=smooth), run_time=0.9)
            self.play(Create(self.ring_next), FadeIn(self.lab_next), run_time=0.6)
            self.until(tracker, 0.62)
            self.play(self.zpath.draw(end=self.repeat_to), run_time=max(1.0, tracker.end_t - self.renderer.time - 0.1))
        self.box = box

    def gradient_descent(self):
        with self.voiceover(text="This is gradient descent. Every later optimizer changes how this step is "
                                 "made.") as tracker:
            self.set_heading("This is gradient descent")
            self.play(FadeOut(self.box), FadeOut(self.g_def), run_time=0.4)
            self.until(tracker, 0.42)
            self.play(Create(self.change_box), FadeIn(self.change_tag, shift=0.1 * UP), run_time=1.0)
            self.play(Indicate(self.step.arrow, color=STEP_COLOR, scale_factor=1.1), run_time=1.0)


assert distinct(SYMBOL_COLORS), "the rule's symbol colours must be told apart"
