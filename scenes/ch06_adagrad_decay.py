"""Chapter 6: AdaGrad. One step size per coordinate, from a running total of squared gradients that only grows.

Render: ``manim -ql scenes/ch06_adagrad_decay.py AdaGradDecay``
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UL,
    UP,
    DashedLine,
    FadeIn,
    FadeOut,
    GrowArrow,
    MathTex,
    SurroundingRectangle,
    Text,
    VGroup,
    Write,
)

import optim_core as oc
from scenes.kit import (
    FONT,
    MAP_SLOT,
    MUTED,
    PANEL,
    PANEL_SLOT,
    SYMBOL_COLORS,
    TEXT,
    TITLE_SLOT,
    CoordinateBars,
    CornerCaption,
    EffectiveLRChart,
    LandscapeMap,
    ParamArrow,
    TrajectoryPath,
    UpdateRule,
    format_value,
    optimizer_color,
    place_caption,
)
from scenes.scene import ExplainerScene

__all__ = ["AdaGradDecay"]

G_COLOR = SYMBOL_COLORS["G"]
LR_COLOR = SYMBOL_COLORS["lr"]


class AdaGradDecay(ExplainerScene):
    chapter = 6
    title = "AdaGrad and its decay"
    description = ("One step size per coordinate from a running sum of squared gradients; "
                   "the sum only grows, so the steps shrink until the point stalls short of the minimum.")

    landscape_name = "steep_flat"
    lr = 0.2
    steps = 150
    #: the run is drawn in three pieces: the first step, the early steps, the crawl
    early_step = 40

    def construct(self):
        self.compute_run()
        self.open_chapter()
        self.show_landscape()
        self.show_rule()
        self.first_step()
        self.both_slow_down()
        self.flat_crawls()
        self.why_it_stalls()
        self.takeaway()
        self.hold()

    # ------------------------------------------------------------------ data
    def compute_run(self):
        self.ls = oc.landscape(self.landscape_name)
        self.opt = oc.optimizer("adagrad", lr=self.lr)
        self.traj = oc.run(self.opt, self.ls, self.ls.start, steps=self.steps, seed=0)
        self.G = self.traj.state["sum"]
        self.eff = self.traj.effective_lr
        self.final = self.traj.positions[-1]

    # ------------------------------------------------------------------ beats
    def show_landscape(self):
        ls = self.ls
        self.heading = Text("AdaGrad: a step size for each coordinate", font=FONT, font_size=36, color=TEXT)
        self.heading.move_to(TITLE_SLOT.center)
        formula = MathTex(ls.latex, font_size=34, color=TEXT)
        lmap = LandscapeMap(ls, max_width=5.1, max_height=2.55, labels=("x", "y"))
        left = MAP_SLOT.left + 0.9  # room for the y tick labels
        lmap.shift([left - lmap.frame.get_left()[0], TITLE_SLOT.bottom - 0.65 - lmap.frame.get_top()[1], 0])
        formula.next_to(lmap.frame, UP, buff=0.12).align_to(lmap.frame, RIGHT)
        self.lmap, self.formula = lmap, formula
        self.caption = place_caption(CornerCaption(self.opt, landscape=ls, seed=0, font_size=20))
        x0 = ls.start
        g0 = ls.grad(x0)
        self.grad_arrow = ParamArrow.gradient(lmap, x0, scale=0.09, label=r"-\nabla f", label_side=RIGHT)
        slopes = VGroup(
            MathTex(r"\frac{\partial f}{\partial x} = 0.1\,x = " + f"{g0[0]:g}".replace("-", "-"), font_size=40, color=TEXT),
            MathTex(r"\frac{\partial f}{\partial y} = 10\,y = " + f"{g0[1]:g}", font_size=40, color=TEXT),
        ).arrange(DOWN, buff=0.4, aligned_edge=LEFT)
        slopes.move_to([PANEL_SLOT.x, lmap.frame.get_center()[1], 0])
        self.slopes = slopes
        self.build_panel()
        with self.voiceover(text="This valley is steep across, along y, "
                                 "and a hundred times flatter along x.") as tracker:
            self.play(FadeIn(self.heading), FadeIn(lmap), run_time=1.2)
            self.play(Write(formula), FadeIn(self.caption), run_time=1.2)
            self.wait(max(0.0, tracker.duration - 2.4))
        with self.voiceover(text=f"At the start the slope in y is {abs(g0[1]):g}, in x only {abs(g0[0]):g}. "
                                 "One learning rate cannot suit both.") as tracker:
            self.play(FadeIn(self.path), GrowArrow(self.grad_arrow.arrow), FadeIn(self.grad_arrow.label),
                      run_time=1.0)
            self.play(FadeIn(self.slopes, shift=0.2 * UP), run_time=0.8)
            self.wait(max(0.0, tracker.duration - 1.8))

    def show_rule(self):
        rule = UpdateRule(self.opt, font_size=32)
        rule.next_to(self.lmap.x_label, DOWN, buff=0.22)
        rule.align_to(self.lmap.frame, LEFT).shift(RIGHT * 0.4)
        self.rule = rule
        with self.voiceover(text="AdaGrad keeps a running total G for each coordinate. "
                                 "Every step adds the square of that coordinate's gradient.") as tracker:
            self.play(FadeOut(self.grad_arrow), FadeOut(self.slopes), FadeIn(rule), run_time=1.0)
            self.play(rule.part("G").animate.set_color(G_COLOR),
                      rule.part("grad_sq").animate.set_color(SYMBOL_COLORS["grad_sq"]), run_time=0.8)
            self.play(rule.circumscribe("grad_sq", run_time=1.2))
            self.wait(max(0.0, tracker.duration - 3.0))
        with self.voiceover(text="The step divides the learning rate by the root of that total. "
                                 "Steep coordinates take small steps; flat ones take big steps.") as tracker:
            self.play(rule.part("lr").animate.set_color(LR_COLOR), run_time=0.6)
            term = self.rule_pieces(rule)[1]
            box = SurroundingRectangle(term, color=LR_COLOR, buff=0.08, corner_radius=0.06)
            self.play(FadeIn(box), run_time=0.6)
            self.wait(max(0.0, tracker.duration - 1.8))
            self.play(FadeOut(box), run_time=0.6)

    @staticmethod
    def rule_pieces(rule):
        """(the glyphs of the line ``G_t = G_{t-1} + g_t^2``, the glyphs of the step ``gamma g_t / (sqrt(G_t) + eps)``)."""
        glyphs = rule.tex.family_members_with_points()
        y2 = rule.part("G")[0].get_center()[1]
        g_line = [m for m in glyphs if abs(m.get_center()[1] - y2) < 0.25]
        x_lr = rule.part("lr")[-1].get_left()[0] - 1e-3
        term = [m for m in glyphs if m.get_center()[1] < y2 - 0.3 and m.get_left()[0] >= x_lr]
        return VGroup(*g_line), VGroup(*term)

    def build_panel(self):
        path = TrajectoryPath(self.traj, self.lmap, "adagrad", readout="free", markers=False, stroke_width=4.5)
        path.readout.remove(path.readout_background)
        bars = CoordinateBars(self.G, optimizer="adagrad", labels=("x", "y"), length=2.7, font_size=26,
                              title="G = sum of squared gradients")
        bars.title.set_color(G_COLOR)
        steps = CoordinateBars(self.eff, optimizer="adagrad", labels=("x", "y"), length=2.7, font_size=26,
                               title="step size  \u03b3 / (\u221aG + \u03b5)")
        steps.title.set_color(LR_COLOR)
        chart = EffectiveLRChart(self.eff, optimizer="adagrad", labels=("x", "y"), width=3.9, height=1.12,
                                 y_label="step size, step after step", font_size=22, n_x_ticks=4)
        panel = VGroup(path.readout, bars, steps, chart).arrange(DOWN, buff=0.22, aligned_edge=LEFT)
        chart.shift(RIGHT * 0.45)
        panel.move_to([PANEL_SLOT.left + 0.1, TITLE_SLOT.bottom - 0.04, 0], aligned_edge=UL)
        self.path, self.bars, self.steps_bars, self.chart = path, bars, steps, chart
        self.drivers = [path, bars, steps, chart]

    def play_steps(self, end, run_time):
        self.play(*[d.draw(end=end) for d in self.drivers], run_time=run_time)

    def first_step(self):
        p0, p1 = self.traj.positions[0], self.traj.positions[1]
        d = p1 - p0
        delta = MathTex(r"\Delta = (" + f"{d[0]:+.1f}" + r",\ " + f"{d[1]:+.1f}".replace("-", "-") + ")",
                        font_size=30, color=TEXT)
        delta.set_stroke(PANEL, width=5, background=True)
        delta.next_to(self.lmap.c2p(*p1), RIGHT, buff=0.25).shift(UP * 0.1)
        with self.voiceover(text="On the first step, G is just the gradient squared. "
                                 f"So both coordinates move by exactly the learning rate, {self.lr:g}, "
                                 "however steep they are.") as tracker:
            self.play(self.path.draw(end=1), run_time=1.0)
            for d in self.drivers[1:]:
                d.set_progress(1)
            self.play(FadeIn(delta), FadeIn(self.bars), FadeIn(self.steps_bars),
                      FadeIn(self.chart), run_time=1.0)
            self.wait(max(0.0, tracker.duration - 2.0))
        self.delta = delta
        G1 = self.G[0]
        e = self.eff[0]
        with self.voiceover(text=f"But the totals already differ: {G1[1]:g} for y, only {G1[0]:g} for x. "
                                 f"So x's step size is {e[0] / e[1]:.0f} times larger than y's.") as tracker:
            box = SurroundingRectangle(self.steps_bars.rows, color=LR_COLOR, buff=0.1, corner_radius=0.06)
            gbox = SurroundingRectangle(self.bars.rows, color=G_COLOR, buff=0.1, corner_radius=0.06)
            self.play(FadeIn(gbox), run_time=0.5)
            self.wait(max(0.0, tracker.duration * 0.45 - 0.5))
            self.play(FadeOut(gbox), run_time=0.3)
            self.play(FadeIn(box), run_time=0.5)
            self.wait(max(0.0, tracker.duration * 0.55 - 1.4))
            self.play(FadeOut(box), FadeOut(delta), run_time=0.6)

    def both_slow_down(self):
        with self.voiceover(text="Run on. Every step adds to both totals, "
                                 "so both step sizes shrink, and the point slows down.") as tracker:
            self.play_steps(self.early_step, run_time=tracker.duration)

    def flat_crawls(self):
        e0, e1 = self.eff[0][0], self.eff[-1][0]
        with self.voiceover(text="The step size of x falls "
                                 f"from {e0:.2g} to {e1:.2g} by step {self.steps}, "
                                 "and y's stays tiny.") as tracker:
            self.play_steps(self.steps, run_time=tracker.duration)

    def why_it_stalls(self):
        goal = self.ls.minima[0]
        gap = float(np.linalg.norm(self.final - goal))
        a, b = self.lmap.c2p(*self.final), self.lmap.c2p(*goal)
        line = DashedLine(a, b, stroke_color=TEXT, stroke_width=3, dash_length=0.1)
        line.set_stroke(opacity=0.9)
        label = Text(f"{gap:.2f} still to go", font=FONT, font_size=26, color=TEXT)
        label.set_stroke(PANEL, width=5, background=True)
        label.next_to(line, DOWN, buff=0.2)
        self.gap_line, self.gap_label = VGroup(line), label
        with self.voiceover(text="Squares are never negative, so G can only grow. "
                                 "It never forgets the steep early steps.") as tracker:
            g_line = self.rule_pieces(self.rule)[0]
            g_box = SurroundingRectangle(g_line, color=G_COLOR, buff=0.08, corner_radius=0.06)
            self.play(FadeIn(g_box), run_time=0.6)
            self.play(self.rule.circumscribe("grad_sq", run_time=1.2))
            self.wait(max(0.0, tracker.duration - 2.4))
            self.play(FadeOut(g_box), run_time=0.6)
        with self.voiceover(text=f"After {self.steps} steps, AdaGrad is still {gap:.2f} from the minimum, "
                                 "and crawling. Its steps decayed before the job was done.") as tracker:
            self.play(FadeIn(line), FadeIn(label), run_time=1.0)
            self.wait(max(0.0, tracker.duration - 1.0))

    def takeaway(self):
        line = Text("AdaGrad: per-coordinate steps, but G only grows, so the steps only shrink",
                    font=FONT, font_size=32, color=TEXT)
        if line.width > TITLE_SLOT.width:
            line.scale_to_fit_width(TITLE_SLOT.width)
        line.move_to(TITLE_SLOT.center)
        with self.voiceover(text="So AdaGrad gives every coordinate its own step size, "
                                 "but since it sums the whole history, those steps only shrink.") as tracker:
            self.play(FadeOut(self.heading), run_time=0.5)
            self.play(FadeIn(line), run_time=1.0)
            self.wait(max(0.0, tracker.duration - 1.5))
