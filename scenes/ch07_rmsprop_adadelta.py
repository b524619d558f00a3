"""Chapter 7: RMSprop and AdaDelta. A decaying average instead of a sum keeps the step sizes alive.

Render: ``manim -ql scenes/ch07_rmsprop_adadelta.py RMSpropAndAdaDelta``
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UL,
    UP,
    FadeIn,
    FadeOut,
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
    PANEL_SLOT,
    SAFE_BOTTOM,
    SYMBOL_COLORS,
    TEXT,
    TITLE_SLOT,
    CornerCaption,
    LandscapeMap,
    StepChart,
    TrajectoryPath,
    UpdateRule,
    display_name,
    optimizer_color,
    place_caption,
    readout_table,
)
from scenes.kit.charts import DrawSteps
from scenes.scene import ExplainerScene

__all__ = ["RMSpropAndAdaDelta"]

G_COLOR = SYMBOL_COLORS["G"]
LR_COLOR = SYMBOL_COLORS["lr"]


class RMSpropAndAdaDelta(ExplainerScene):
    chapter = 7
    title = "RMSprop and AdaDelta"
    description = ("A decaying average of squared gradients instead of AdaGrad's sum: the step size stops "
                   "collapsing. AdaGrad vs RMSprop from the same start; AdaDelta's unit-free step.")

    landscape_name = "steep_flat"
    steps = 300
    #: AdaGrad as in chapter 6; RMSprop's lr chosen so that its first step equals AdaGrad's
    #: (with alpha = 0.99 the first step is lr / sqrt(0.01) = 10 lr per coordinate)
    runs = {
        "adagrad": dict(lr=0.2),
        "rmsprop": dict(lr=0.02),
        "adadelta": dict(rho=0.95, eps=1e-4),
    }
    early_steps = 40

    def construct(self):
        self.compute_runs()
        self.open_chapter()
        self.recall_adagrad()
        self.decaying_average()
        self.race()
        self.adadelta_rule()
        self.adadelta_run()
        self.takeaway()
        self.hold()

    # ------------------------------------------------------------------ data
    def compute_runs(self):
        self.ls = oc.landscape(self.landscape_name)
        self.opts = {n: oc.optimizer(n, **hp) for n, hp in self.runs.items()}
        self.trajs = {n: oc.run(o, self.ls, self.ls.start, steps=self.steps, seed=0) for n, o in self.opts.items()}
        #: step size of the flat coordinate x, per step
        self.eff_x = {n: t.effective_lr[:, 0] for n, t in self.trajs.items()}

    # ------------------------------------------------------------------ layout
    def build_stage(self):
        ls = self.ls
        self.heading = Text("RMSprop: forget the old gradients", font=FONT, font_size=36, color=TEXT)
        self.heading.move_to(TITLE_SLOT.center)
        lmap = LandscapeMap(ls, max_width=5.0, max_height=2.5, labels=("x", "y"))
        lmap.shift([MAP_SLOT.left + 0.9 - lmap.frame.get_left()[0],
                    TITLE_SLOT.bottom - 0.65 - lmap.frame.get_top()[1], 0])
        formula = MathTex(ls.latex, font_size=34, color=TEXT)
        formula.next_to(lmap.frame, UP, buff=0.12).align_to(lmap.frame, RIGHT)
        self.lmap, self.formula = lmap, formula
        self.paths = {n: TrajectoryPath(t, lmap, n, readout="free", markers=False, stroke_width=4.5,
                                        readout_font_size=24)
                      for n, t in self.trajs.items()}
        readouts = readout_table(self.paths.values())
        readouts.next_to(lmap.x_label, DOWN, buff=0.2).align_to(lmap.frame, LEFT).shift(LEFT * 0.3)
        self.caption = place_caption(CornerCaption(list(self.opts.values()), landscape=ls, seed=0,
                                                   font_size=20, max_width=6.7))

    def build_chart(self):
        chart = StepChart(self.steps, y_range=(0.02, 1.0), log_y=True, width=4.0, height=1.7,
                          y_label="step size of x  (log scale)", font_size=22, n_x_ticks=4)
        self.series = {}
        for n in ("adagrad", "rmsprop"):
            # effective_lr[t] belongs to step t+1: repeat the first value for step 0
            vals = np.concatenate([self.eff_x[n][:1], self.eff_x[n]])
            self.series[n] = chart.add_series(vals, optimizer=n)
        self.chart = chart

    # ------------------------------------------------------------------ beats
    def recall_adagrad(self):
        self.build_stage()
        ag = self.opts["adagrad"]
        rule_ag = UpdateRule(ag.latex_lines[1:2], font_size=34)
        name_ag = Text("AdaGrad", font=FONT, font_size=28, color=optimizer_color("adagrad"))
        rule_ag.highlight("G")
        self.row_ag = VGroup(name_ag, rule_ag).arrange(RIGHT, buff=0.35)
        self.row_ag.move_to([PANEL_SLOT.left + 0.3, TITLE_SLOT.bottom - 0.35, 0], aligned_edge=UL)
        self.rule_ag = rule_ag
        ag_path = self.paths["adagrad"]
        with self.voiceover(text="Remember AdaGrad on this valley: its total G only grows, "
                                 "so it crawls along the flat direction.") as tracker:
            self.play(FadeIn(self.heading), FadeIn(self.lmap), FadeIn(self.formula), run_time=1.0)
            self.add(ag_path)
            self.play(FadeIn(self.row_ag), FadeIn(self.caption), run_time=0.8)
            self.play(ag_path.draw(end=self.steps), run_time=max(1.0, tracker.duration - 2.2))

    def decaying_average(self):
        rms = self.opts["rmsprop"]
        rule = UpdateRule(rms.latex_lines[1:], font_size=34)
        rule.highlight("v", "alpha")
        name = Text("RMSprop", font=FONT, font_size=28, color=optimizer_color("rmsprop"))
        row = VGroup(name, rule).arrange(RIGHT, buff=0.35, aligned_edge=UP)
        row.next_to(self.row_ag, DOWN, buff=0.45, aligned_edge=LEFT)
        # the two accumulators start at the same x
        rule.shift(RIGHT * (self.rule_ag.get_left()[0] - rule.get_left()[0]))
        self.row_rms, self.rule_rms = row, rule
        a = rms.alpha
        with self.voiceover(text="RMSprop changes one thing: instead of a sum, "
                                 "it keeps a decaying average of squared gradients, v.") as tracker:
            self.play(FadeIn(row, shift=0.2 * DOWN), run_time=1.0)
            self.play(rule.circumscribe("v", run_time=1.2))
            self.wait(max(0.0, tracker.duration - 2.2))
        with self.voiceover(text=f"Each step keeps {a * 100:.0f} percent of the old average "
                                 f"and mixes in {(1 - a) * 100:.0f} percent of the new square. "
                                 "Old gradients fade, so the step size can grow back.") as tracker:
            self.play(rule.indicate("alpha", scale_factor=1.4), run_time=1.2)
            self.wait(max(0.0, tracker.duration - 1.2))

    def race(self):
        self.build_chart()
        self.chart.move_to([PANEL_SLOT.left + 0.6, SAFE_BOTTOM + 0.05, 0], aligned_edge=DOWN + LEFT)
        names = ("adagrad", "rmsprop")
        paths = [self.paths[n] for n in names]
        d1 = self.trajs["adagrad"].updates[0]
        with self.voiceover(text="Race them from the same start. RMSprop's learning rate is chosen "
                                 f"so both take the same first step, {abs(d1[0]):g} in each coordinate.") as tracker:
            self.paths["adagrad"].set_progress(0)  # rewind AdaGrad for the race
            self.play(FadeIn(self.chart), FadeIn(self.paths["rmsprop"]), run_time=0.8)
            self.play(*[p.draw(end=self.early_steps) for p in paths], self.chart.draw(end=self.early_steps),
                      run_time=max(1.0, tracker.duration - 0.8))
        goal = self.ls.minima[0]
        gap_ag = float(np.linalg.norm(self.trajs["adagrad"].positions[-1] - goal))
        gap_rm = float(np.linalg.norm(self.trajs["rmsprop"].positions[-1] - goal))
        with self.voiceover(text="They follow almost the same path, at different speeds. "
                                 "AdaGrad's step size keeps falling; RMSprop's levels off and climbs again. "
                                 f"By step {self.steps}, RMSprop is {gap_ag / gap_rm:.0f} times closer "
                                 "to the minimum.") as tracker:
            self.play(*[p.draw(end=self.steps) for p in paths], self.chart.draw(end=self.steps),
                      run_time=max(1.0, tracker.duration * 0.75))
            self.wait(max(0.0, tracker.duration * 0.25))

    def adadelta_rule(self):
        dd = self.opts["adadelta"]
        rule = UpdateRule(dd, font_size=30)
        rule.highlight("v", "u", "delta")
        name = Text("AdaDelta", font=FONT, font_size=28, color=optimizer_color("adadelta"))
        block = VGroup(name, rule).arrange(DOWN, buff=0.2, aligned_edge=LEFT)
        block.move_to([PANEL_SLOT.left + 0.1, TITLE_SLOT.bottom - 0.05, 0], aligned_edge=UL)
        self.rule_dd = rule
        heading = Text("AdaDelta: a step in the units of the parameters", font=FONT, font_size=34, color=TEXT)
        heading.move_to(TITLE_SLOT.center)
        ratio = self.ratio_glyphs(rule)
        box = SurroundingRectangle(ratio, color=LR_COLOR, buff=0.08, corner_radius=0.06)
        units = MathTex(r"\frac{[\theta]}{[g]}\, [g] = [\theta]", font_size=30, color=LR_COLOR)
        with self.voiceover(text="AdaDelta goes further. "
                                 "It also keeps a decaying average of its own past steps, u.") as tracker:
            self.play(FadeOut(self.row_ag), FadeOut(self.row_rms), FadeOut(self.heading), run_time=0.6)
            self.play(FadeIn(heading), FadeIn(block), run_time=1.0)
            self.play(rule.circumscribe("u", run_time=1.2))
            self.wait(max(0.0, tracker.duration - 2.8))
        with self.voiceover(text="Each step is the gradient times a ratio: "
                                 "the typical size of past steps over the typical size of gradients. "
                                 "The gradient's units cancel, so no learning rate is needed.") as tracker:
            self.play(FadeIn(box), run_time=0.6)
            units.next_to(rule, RIGHT, buff=0.3).match_y(box)
            self.wait(max(0.0, tracker.duration * 0.45 - 0.6))
            self.play(FadeIn(units, shift=0.2 * LEFT), run_time=0.8)
            self.wait(max(0.0, tracker.duration * 0.55 - 0.8))
        self.heading, self.dd_block, self.dd_box, self.units = heading, block, box, units

    @staticmethod
    def ratio_glyphs(rule):
        """Glyphs of the fraction sqrt(u + eps) / sqrt(v + eps) in AdaDelta's Delta-x line."""
        glyphs = rule.tex.family_members_with_points()
        delta = rule.part("delta")[0]  # the Delta of "Delta x_t = ..."
        y = delta.get_center()[1]
        x0 = delta.get_right()[0] + 0.55  # past "x_t ="
        g_here = [m for m in rule.part("grad") if abs(m.get_center()[1] - y) < 0.2]
        x1 = min(m.get_left()[0] for m in g_here) - 0.01
        return VGroup(*[m for m in glyphs if abs(m.get_center()[1] - y) < 0.6 and x0 < m.get_center()[0] < x1])

    def adadelta_run(self):
        dd_path = self.paths["adadelta"]
        vals = np.concatenate([self.eff_x["adadelta"][:1], self.eff_x["adadelta"]])
        series = self.chart.add_series(vals, optimizer="adadelta")
        series.set_progress(0)
        with self.voiceover(text="It starts slowly: at first there are no past steps, and epsilon sets their size. "
                                 "Then each step makes the next one bigger.") as tracker:
            self.play(FadeOut(self.units), FadeOut(self.dd_box), FadeIn(dd_path), run_time=0.6)
            self.play(dd_path.draw(end=self.steps), DrawSteps(series, end=self.steps),
                      run_time=max(1.0, tracker.duration - 0.6))

    def takeaway(self):
        line = Text("Average, don't sum: the step sizes stay alive", font=FONT, font_size=34, color=TEXT)
        line.move_to(TITLE_SLOT.center)
        with self.voiceover(text="So the cure for AdaGrad's decay is to forget: "
                                 "an average keeps the steps alive.") as tracker:
            self.play(FadeOut(self.heading), run_time=0.5)
            self.play(FadeIn(line), run_time=1.0)
            self.wait(max(0.0, tracker.duration - 1.5))
