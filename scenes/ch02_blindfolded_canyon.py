"""Chapter 2: the blindfolded canyon. A hiker in the dark feels only the slope; the camera rises; the update rule.

Render: ``manim -ql scenes/ch02_blindfolded_canyon.py BlindfoldedCanyon``
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UR,
    UP,
    Annulus,
    Circle,
    Create,
    FadeIn,
    FadeOut,
    Group,
    GrowArrow,
    Line,
    MathTex,
    SurroundingRectangle,
    Text,
    VGroup,
    Write,
    smooth,
)

import optim_core as oc
from scenes.kit import (
    BACKGROUND,
    FONT,
    GRADIENT_COLOR,
    MAP_SLOT,
    MUTED,
    PANEL_SLOT,
    SAFE_RIGHT,
    SAFE_TOP,
    SYMBOL_COLORS,
    TEXT,
    CornerCaption,
    LandscapeMap,
    ParamArrow,
    TrajectoryPath,
    UpdateRule,
    optimizer_color,
    place,
    place_caption,
)
from scenes.scene import ExplainerScene

__all__ = ["BlindfoldedCanyon", "Hiker", "Darkness"]

LR_COLOR = SYMBOL_COLORS["lr"]


class Hiker(VGroup):
    """A small blindfolded walker with a cane, standing with its feet at the origin (``feet`` point)."""

    def __init__(self, height: float = 1.2, color=TEXT, **kwargs):
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
        self.feet_ref = Line(np.zeros(3), RIGHT * 1e-3, stroke_width=0, stroke_opacity=0)
        self.add(self.feet_ref)

    @property
    def feet(self) -> np.ndarray:
        return self.feet_ref.get_start()

    def stand_at(self, point) -> "Hiker":
        return self.shift(np.asarray(point) - self.feet)


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


class BlindfoldedCanyon(ExplainerScene):
    chapter = 2
    title = "The blindfolded canyon"
    description = ("A hiker in the dark feels only the slope underfoot; the camera rises to show the canyon; "
                   "the update rule tied to the picture.")

    landscape_name = "ravine"
    #: the part of the ravine shown (its minimum and the whole walk fit)
    bounds = ((-6.0, 2.0), (-2.5, 2.5))
    lr = 0.35
    steps = 50
    #: steps walked in the dark: first one at a time, then continuously
    single_steps = 3
    dark_steps = 16
    #: scene units per parameter unit: in the dark (close up), revealed, and on the final slide
    zoom_dark = 2.0
    zoom_reveal = 1.0
    #: the step used to explain the rule (from position k to k + 1)
    explain_step = 1

    def construct(self):
        self.compute_run()
        self.open_chapter()
        self.in_the_dark()
        self.first_steps()
        self.keep_walking()
        self.camera_rises()
        self.what_she_never_saw()
        self.arrive()
        self.the_rule()
        self.tie_symbols()
        self.torch_notation()
        self.hold()

    # ------------------------------------------------------------------ data
    def compute_run(self):
        self.ls = oc.landscape(self.landscape_name)
        self.opt = oc.optimizer("gd", lr=self.lr)
        self.traj = oc.run(self.opt, self.ls, self.ls.start, steps=self.steps, seed=0)
        self.P = self.traj.positions

    # ------------------------------------------------------------------ helpers
    def set_title(self, text: str, run_time: float = 0.8):
        new = self.heading_text(text)
        old = getattr(self, "title_text", None)
        anims = [FadeIn(new, shift=0.15 * DOWN)]
        if old is not None:
            anims.append(FadeOut(old))
        self.play(*anims, run_time=run_time)
        self.add_foreground_mobject(new)      # the map zooms under it
        self.title_text = new

    def stride_arrow(self, k: int) -> ParamArrow:
        """The move of step k, -alpha * grad L at position k (the arrow's tip is the next position)."""
        return ParamArrow.step(self.lmap, self.P[k], self.P[k + 1], color=GRADIENT_COLOR, stroke_width=6)

    def follow(self, on: bool = True):
        """Hiker, darkness and stride arrow ride on the path's dot (cheap updaters on small groups)."""
        for m in (self.hiker, self.dark):
            m.clear_updaters()
        if not on:
            return
        self.hiker.add_updater(lambda m: m.stand_at(self.path.dot.get_center()))
        self.dark.add_updater(lambda m: m.move_to(self.path.dot.get_center()))

    def unpack(self, world):
        """After animating the map with its riders as one Group: put the static map back at the bottom
        of the stack, alone (Cairo redraws everything after the first mobject with an updater)."""
        self.remove(world)
        self.add(self.lmap)
        self.bring_to_back(self.lmap)
        self.add(self.path, self.hiker)

    # ------------------------------------------------------------------ beats
    def in_the_dark(self):
        ls = self.ls
        (x0, x1), (y0, y1) = self.bounds
        w = (x1 - x0) * self.zoom_reveal
        self.lmap = LandscapeMap(ls, width=w, bounds=self.bounds, n_contours=12, contour_opacity=0.45,
                                 tick_font_size=22, label_font_size=34)
        self.reveal_center = np.array([0.0, -0.35, 0.0])
        self.lmap.move_to(self.reveal_center)
        # the close-up: the walked region fills the screen
        z = self.zoom_dark / self.zoom_reveal
        focus = np.array([-4.1, 0.45])
        self.lmap.scale(z)
        self.lmap.shift(np.array([0.0, -0.6, 0.0]) - self.lmap.c2p(*focus))
        self.path = TrajectoryPath(self.traj, self.lmap, "gd", stroke_width=4, dot_radius=0.09,
                                   marker_radius=0.045, readout="free", label="", readout_font_size=28)
        self.readout = self.path.readout
        self.path.remove(self.readout)
        self.readout.move_to([SAFE_RIGHT, SAFE_TOP - 0.85, 0], aligned_edge=UR)
        self.dark = Darkness(radius=0.6).move_to(self.path.dot)
        self.hiker = Hiker(height=1.25, color=optimizer_color("gd")).stand_at(self.path.dot.get_center())
        self.add(self.lmap, self.dark)       # static background first
        self.add(self.path)
        with self.voiceover(text="Picture a hiker trying to reach the bottom of a canyon on a pitch-black night. "
                                 "She knows only how high she stands, and which way "
                                 "the ground tilts under her boots.") as tracker:
            self.set_title("In the dark: only the slope underfoot", run_time=1.0)
            self.play(FadeIn(self.hiker, shift=0.2 * DOWN), run_time=1.2)
            self.wait(max(0.2, tracker.duration * 0.55 - 2.2))
            self.play(FadeIn(self.readout), run_time=0.8)
            self.add_foreground_mobject(self.readout)

    def first_steps(self):
        self.follow(True)
        n = self.single_steps
        with self.voiceover(text="The tilt is enough. She turns downhill, against the slope, and takes one "
                                 "stride. Then she stops, feels the ground again, and takes another.") as tracker:
            per = tracker.duration / n
            for k in range(n):
                arrow = self.stride_arrow(k)
                anims = [GrowArrow(arrow.arrow)]
                label = None
                if k == 0:
                    label = Text("downhill", font=FONT, font_size=28, color=GRADIENT_COLOR)
                    label.set_stroke(BACKGROUND, width=4, background=True)
                    label.next_to(arrow.tip_point, RIGHT, buff=0.15)
                    anims.append(FadeIn(label))
                self.play(*anims, run_time=0.45 * per)
                self.play(self.path.draw(start=k, end=k + 1, rate_func=smooth), run_time=0.4 * per)
                self.play(FadeOut(arrow), *([FadeOut(label)] if label else []), run_time=0.15 * per)

    def keep_walking(self):
        arrow = self.stride_arrow(self.single_steps)
        state = {"k": self.single_steps}

        def ride(m):
            k = min(int(np.floor(self.path.progress + 1e-9)), self.steps - 1)
            if k != state["k"]:
                m.become(self.stride_arrow(k))
                state["k"] = k
            m.shift(self.path.dot.get_center() - m.arrow.get_start())

        arrow.add_updater(ride)
        self.add(arrow)
        with self.voiceover(text="Where the ground is steep, her strides are long. Where it flattens, "
                                 "they shrink. Step after step, she never sees more than the patch under "
                                 "her feet.") as tracker:
            self.play(self.path.draw(end=self.dark_steps), run_time=tracker.duration)
        arrow.clear_updaters()
        self.play(FadeOut(arrow), run_time=0.3)

    def camera_rises(self):
        self.follow(False)
        world = Group(self.lmap, self.path, self.hiker)
        z = self.zoom_reveal / self.zoom_dark
        feet = self.path.dot.get_center()
        target = world.copy().scale(z)
        shift = self.reveal_center - target[0].frame.get_center()
        with self.voiceover(text="Now let the camera rise, and look at what she never saw.") as tracker:
            self.play(FadeOut(self.title_text), run_time=0.4)
            self.remove_foreground_mobject(self.title_text)
            self.title_text = None
            self.play(self.dark.animate.scale(30, about_point=feet).set_opacity(0),
                      world.animate.scale(z).shift(shift),
                      run_time=max(2.0, tracker.duration - 0.4))
        self.remove(self.dark)
        self.unpack(world)
        self.set_title("From above: the canyon she never saw", run_time=0.8)

    def what_she_never_saw(self):
        star = self.lmap.minimum_markers
        with self.voiceover(text="She is in a long, narrow canyon. Its walls are steep, so her first strides "
                                 "bounced from wall to wall. Its floor is nearly flat, so there she crawls "
                                 "toward the lowest point, the star.") as tracker:
            self.wait(tracker.duration * 0.55)
            ring = Circle(radius=0.3, stroke_color=TEXT, stroke_width=3).move_to(star)
            self.play(Create(ring), run_time=0.8)
            self.play(FadeOut(ring), run_time=0.5)

    def arrive(self):
        self.hiker.add_updater(lambda m: m.stand_at(self.path.dot.get_center()))
        with self.voiceover(text="Given enough steps, she gets there without ever seeing the map.") as tracker:
            self.play(self.path.draw(end=self.steps), run_time=tracker.duration)
        self.hiker.clear_updaters()

    def the_rule(self):
        # final layout: map left, rule and its meaning right
        world = Group(self.lmap, self.path, self.hiker)
        target = world.copy()
        place(target[0], MAP_SLOT)
        s = target[0].width / self.lmap.width
        tmp = world.copy().scale(s)
        shift = target[0].get_center() - tmp[0].get_center()
        rule = UpdateRule(r"\theta \leftarrow \theta - \alpha\, \nabla L(\theta)", font_size=54)
        rule.move_to([PANEL_SLOT.x, PANEL_SLOT.top - 0.55, 0])
        self.rule = rule
        with self.voiceover(text="Her walk is gradient descent, and it fits in one line.") as tracker:
            self.play(world.animate.scale(s).shift(shift), FadeOut(self.readout), run_time=1.2)
            self.unpack(world)
            self.set_title("Gradient descent: step against the slope", run_time=0.6)
            # the map shrank with her: give the hiker back a readable size on the final slide
            self.play(self.hiker.animate.scale(1.8, about_point=self.hiker.feet), Write(rule),
                      run_time=max(1.0, tracker.duration - 1.8))

    def tie_symbols(self):
        k = self.explain_step
        p, q = self.P[k], self.P[k + 1]
        lmap = self.lmap
        g = self.ls.grad(p)
        # theta: where she stands at this step
        ring = Circle(radius=0.13, stroke_color=TEXT, stroke_width=4).move_to(lmap.c2p(*p))
        theta_lab = MathTex(r"\theta", font_size=40, color=TEXT).next_to(ring, DOWN + LEFT, buff=0.02)
        theta_lab.set_stroke(BACKGROUND, width=4, background=True)
        # grad: the full (negative) slope, dashed; alpha: the stride actually taken
        slope = ParamArrow(lmap, p, -g, color=GRADIENT_COLOR, dashed=True, stroke_width=4)
        slope_lab = MathTex(r"-\nabla L(\theta)", font_size=34, color=GRADIENT_COLOR)
        slope_lab.set_stroke(BACKGROUND, width=4, background=True)
        slope_lab.next_to(slope.tip_point, RIGHT, buff=0.12)
        stride = ParamArrow.step(lmap, p, q, color=LR_COLOR, stroke_width=6)
        stride_lab = MathTex(r"-\alpha\,\nabla L(\theta)", font_size=34, color=LR_COLOR)
        stride_lab.set_stroke(BACKGROUND, width=4, background=True)
        stride_lab.move_to(lmap.c2p(-3.75, -1.05))

        meanings = VGroup(
            self.meaning(r"\theta", TEXT, "where she stands:", "the model's parameters"),
            self.meaning(r"\nabla L", GRADIENT_COLOR, "the slope underfoot:", "it points uphill"),
            self.meaning(r"\alpha", LR_COLOR, "the length of her stride:", f"learning rate, here {self.lr:g}"),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.32)
        # symbols in one column, their meanings left-aligned in the next
        sym_x = meanings.get_left()[0] + max(r[0].width for r in meanings) / 2
        for r in meanings:
            r[0].set_x(sym_x)
            r[1].align_to([sym_x + 0.65, 0, 0], LEFT)
        meanings.next_to(self.rule, DOWN, buff=0.55).set_x(meanings.width / 2 + 1.0)
        assert meanings.get_right()[0] < SAFE_RIGHT
        self.meanings = meanings

        with self.voiceover(text="Theta is where she stands, here at her second step: the model's parameters, "
                                 "one point on the map.") as tracker:
            box = VGroup(*[SurroundingRectangle(g, color=TEXT, buff=0.06, corner_radius=0.05)
                           for g in self.rule.part("theta")])
            self.play(Create(box), Create(ring), FadeIn(theta_lab), run_time=1.0)
            tie = self.rule.tie("theta", ring, color=TEXT, occurrence=0, angle=0.5)
            self.play(Create(tie), FadeIn(meanings[0]), run_time=1.0)
            self.wait(max(0.0, tracker.duration - 2.6))
            self.play(FadeOut(tie), FadeOut(box), run_time=0.6)
        with self.voiceover(text="Grad L is the slope under her feet. It points uphill, so the rule "
                                 "subtracts it, and she heads downhill.") as tracker:
            self.rule.highlight("grad")
            box = self.rule.box("grad")
            self.play(Create(box), FadeIn(slope), FadeIn(slope_lab), FadeIn(meanings[1]), run_time=1.2)
            tie = self.rule.tie("grad", slope_lab, angle=0.5)
            self.play(Create(tie), run_time=0.8)
            self.wait(max(0.0, tracker.duration - 2.6))
            self.play(FadeOut(tie), FadeOut(box), run_time=0.6)
        with self.voiceover(text=f"And alpha, the learning rate, sets the length of her stride. Here, each stride "
                                 f"is {self.lr:g} times the slope.") as tracker:
            self.rule.highlight("alpha", color=LR_COLOR)
            box = self.rule.box("alpha", color=LR_COLOR)
            self.play(Create(box), GrowArrow(stride.arrow), FadeIn(stride_lab), FadeIn(meanings[2]), run_time=1.0)
            tie = self.rule.tie("alpha", stride_lab, color=LR_COLOR, angle=0.5)
            self.play(Create(tie), run_time=0.8)
            self.wait(max(0.0, tracker.duration - 2.4))
            self.play(FadeOut(tie), FadeOut(box), run_time=0.6)
        self.picture_parts = VGroup(ring, theta_lab, slope, slope_lab, stride, stride_lab)

    def meaning(self, symbol: str, color, head: str, tail: str) -> VGroup:
        sym = MathTex(symbol, font_size=40, color=color)
        words = VGroup(Text(head, font=FONT, font_size=26, color=TEXT),
                       Text(tail, font=FONT, font_size=24, color=MUTED)).arrange(DOWN, aligned_edge=LEFT, buff=0.08)
        row = VGroup(sym, words).arrange(RIGHT, buff=0.3)
        return row

    def torch_notation(self):
        torch_rule = UpdateRule(self.opt, font_size=34).highlight("lr", "grad")
        note = Text("as PyTorch writes it (\u03b3 is \u03b1, f is L):", font=FONT, font_size=22, color=MUTED)
        block = VGroup(note, torch_rule).arrange(DOWN, aligned_edge=LEFT, buff=0.14)
        block.next_to(self.meanings, DOWN, buff=0.5).align_to(self.meanings, LEFT)
        caption = place_caption(CornerCaption(self.opt, landscape=self.ls, seed=0,
                                              extra="start (\u22125.5, 1.5)", font_size=20))
        self.block, self.caption = block, caption
        with self.voiceover(text="Later chapters call alpha gamma, as PyTorch does. Every optimizer in this "
                                 "video is a variation on this one line.") as tracker:
            self.play(FadeIn(block), FadeIn(caption), run_time=1.0)
            self.wait(max(0.0, tracker.duration - 1.0))
