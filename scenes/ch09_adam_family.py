"""Chapter 9: Adam, AdaMax and NAdam. Momentum plus RMSprop, bias correction, the infinity norm, a Nesterov look-ahead.

Render: ``manim -ql scenes/ch09_adam_family.py AdamAdaMaxNAdam``
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
)

import optim_core as oc
from scenes.kit import (
    FONT,
    MAP_SLOT,
    MUTED,
    PANEL_SLOT,
    SAFE_BOTTOM,
    SAFE_RIGHT,
    SYMBOL_COLORS,
    TEXT,
    TITLE_SLOT,
    VELOCITY_COLOR,
    CornerCaption,
    LandscapeMap,
    Legend,
    LossChart,
    TrajectoryPath,
    UpdateRule,
    display_name,
    format_value,
    optimizer_color,
    place,
    place_caption,
    readout_table,
)
from scenes.scene import ExplainerScene

__all__ = ["AdamAdaMaxNAdam", "bias_table_values"]

V_COLOR = SYMBOL_COLORS["v"]
HAT_COLOR = "#FFD166"


def bias_table_values(traj, coord: int, rows: int, lr: float, eps: float) -> dict:
    """Adam's first ``rows`` steps for one coordinate, from optim_core's recorded state:
    gradient, m, m-hat, v, v-hat, and the step with and without bias correction."""
    s = traj.state
    m, mh = s["exp_avg"][:rows, coord], s["exp_avg_hat"][:rows, coord]
    v, vh = s["exp_avg_sq"][:rows, coord], s["exp_avg_sq_hat"][:rows, coord]
    return dict(
        g=traj.grads[:rows, coord], m=m, m_hat=mh, v=v, v_hat=vh,
        step=np.abs(traj.updates[:rows, coord]),
        step_uncorrected=np.abs(lr * m / (np.sqrt(v) + eps)),
    )


class AdamAdaMaxNAdam(ExplainerScene):
    chapter = 9
    title = "Adam, AdaMax, NAdam"
    description = ("Adam = momentum (first moment) + RMSprop (second moment); bias correction on the first steps; "
                   "AdaMax's infinity norm; NAdam's Nesterov look-ahead; the three paths compared.")

    landscape_name = "ravine"
    lr = 0.3
    steps = 80
    names = ("adam", "adamax", "nadam")
    #: the coordinate and the number of first steps in the bias-correction table
    table_coord = 1
    table_rows = 3

    def construct(self):
        self.compute_runs()
        self.open_chapter()
        self.adam_is_momentum_plus_rmsprop()
        self.bias_correction()
        self.adamax()
        self.nadam()
        self.race()
        self.takeaway()
        self.hold()

    # ------------------------------------------------------------------ data
    def compute_runs(self):
        self.ls = oc.landscape(self.landscape_name)
        self.opts = {n: oc.optimizer(n, lr=self.lr) for n in self.names}
        self.trajs = {n: oc.run(o, self.ls, self.ls.start, steps=self.steps, seed=0) for n, o in self.opts.items()}
        adam = self.opts["adam"]
        self.table = bias_table_values(self.trajs["adam"], self.table_coord, self.table_rows, adam.lr, adam.eps)

    # ------------------------------------------------------------------ helpers
    @staticmethod
    def line_glyphs(rule, anchor, tol: float = 0.2) -> VGroup:
        """All glyphs of ``rule`` on the line of the glyph group ``anchor``."""
        y = anchor.get_center()[1]
        return VGroup(*[m for m in rule.tex.family_members_with_points() if abs(m.get_center()[1] - y) < tol])

    def tag(self, box, text, color):
        label = Text(text, font=FONT, font_size=22, color=color)
        label.next_to(box, RIGHT, buff=0.15)
        if label.get_right()[0] > SAFE_RIGHT:
            label.shift(LEFT * (label.get_right()[0] - SAFE_RIGHT))
        return label

    # ------------------------------------------------------------------ beats
    def build_stage(self):
        ls = self.ls
        self.heading = Text("Adam: momentum plus RMSprop", font=FONT, font_size=36, color=TEXT)
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

    def adam_is_momentum_plus_rmsprop(self):
        self.build_stage()
        rule = UpdateRule(self.opts["adam"], font_size=28)
        rule.move_to([PANEL_SLOT.left - 0.05, TITLE_SLOT.bottom - 0.1, 0], aligned_edge=UL)
        self.rule = rule
        m_line = self.line_glyphs(rule, rule.part("m")[0])
        v_line = self.line_glyphs(rule, rule.part("v")[0])
        m_box = SurroundingRectangle(m_line, color=VELOCITY_COLOR, buff=0.07, corner_radius=0.05)
        v_box = SurroundingRectangle(v_line, color=V_COLOR, buff=0.07, corner_radius=0.05)
        m_tag = self.tag(m_box, "momentum", VELOCITY_COLOR)
        v_tag = self.tag(v_box, "RMSprop", V_COLOR)
        adam = self.paths["adam"]
        with self.voiceover(text="Adam combines the last two ideas.") as tracker:
            self.play(FadeIn(self.heading), FadeIn(self.lmap), FadeIn(self.formula), FadeIn(self.caption),
                      run_time=1.0)
            self.play(FadeIn(rule), run_time=1.0)
            self.wait(max(0.0, tracker.duration - 2.0))
        with self.voiceover(text="Its first moment, m, is a decaying average of gradients: that is momentum.") as tracker:
            self.play(rule.part("m").animate.set_color(VELOCITY_COLOR), FadeIn(m_box), FadeIn(m_tag), run_time=0.8)
            self.wait(max(0.0, tracker.duration - 0.8))
        with self.voiceover(text="Its second moment, v, averages squared gradients: that is RMSprop. "
                                 "The step is m over the root of v.") as tracker:
            self.play(rule.part("v").animate.set_color(V_COLOR), FadeIn(v_box), FadeIn(v_tag), run_time=0.8)
            self.add(adam)
            self.play(FadeIn(adam.readout), run_time=0.4)
            self.play(adam.draw(), run_time=max(1.0, tracker.duration - 1.2))
        self.play(FadeOut(m_box), FadeOut(v_box), FadeOut(m_tag), FadeOut(v_tag), run_time=0.5)

    def build_table(self) -> VGroup:
        T = self.table
        heads = ["t", "g_t", "m_t", r"\hat m_t", "v_t", r"\hat v_t"]
        colors = [MUTED, MUTED, VELOCITY_COLOR, HAT_COLOR, V_COLOR, HAT_COLOR]
        cells = [MathTex(h, font_size=30, color=c) for h, c in zip(heads, colors)]
        for k in range(self.table_rows):
            row = [str(k + 1)] + [format_value(T[key][k]) for key in ("g", "m", "m_hat", "v", "v_hat")]
            cells += [Text(s, font=FONT, font_size=22, color=TEXT) for s in row]
        grid = VGroup(*cells).arrange_in_grid(rows=self.table_rows + 1, cols=6, buff=(0.26, 0.16),
                                              col_alignments="rrrrrr")
        coord = "y" if self.table_coord == 1 else "x"
        title = Text(f"Adam's first steps, coordinate {coord}", font=FONT, font_size=24, color=MUTED)
        return VGroup(title, grid).arrange(DOWN, buff=0.2, aligned_edge=LEFT)

    def bias_correction(self):
        rule = self.rule
        hat_line = self.line_glyphs(rule, rule.part("m_hat")[0], tol=0.35)
        hat_box = SurroundingRectangle(hat_line, color=HAT_COLOR, buff=0.07, corner_radius=0.05)
        table = self.build_table()
        table.next_to(rule, DOWN, buff=0.4).align_to(rule, LEFT)
        T = self.table
        b1, b2 = self.opts["adam"].betas
        with self.voiceover(text="Both averages start at zero, so at first they are too small: "
                                 f"after one step, m is {1 - b1:g} of the gradient, "
                                 f"and v only {1 - b2:g} of its square.") as tracker:
            self.play(FadeOut(self.heading), run_time=0.3)
            self.heading = Text("Bias correction", font=FONT, font_size=36, color=TEXT).move_to(TITLE_SLOT.center)
            self.play(FadeIn(self.heading), FadeIn(table), run_time=1.0)
            self.wait(max(0.0, tracker.duration - 1.3))
        step_line = VGroup(
            Text(f"first step in y:  {format_value(T['step'][0])} with correction", font=FONT, font_size=24,
                 color=HAT_COLOR),
            Text(f"{format_value(T['step_uncorrected'][0])} without it", font=FONT, font_size=24, color=TEXT),
        ).arrange(DOWN, buff=0.1, aligned_edge=RIGHT)
        step_line.next_to(table, DOWN, buff=0.3).align_to(table, LEFT)
        with self.voiceover(text="Dividing by one minus beta to the t scales them back up; the fix fades as t grows. "
                                 "Without it, the errors would not cancel: "
                                 f"the first step would be {T['step_uncorrected'][0] / T['step'][0]:.1f} times too big.") as tracker:
            self.play(rule.part("m_hat").animate.set_color(HAT_COLOR), rule.part("v_hat").animate.set_color(HAT_COLOR),
                      FadeIn(hat_box), run_time=0.8)
            self.wait(max(0.0, tracker.duration * 0.6 - 0.8))
            self.play(FadeIn(step_line), run_time=0.8)
            self.wait(max(0.0, tracker.duration * 0.4 - 0.8))
        self.play(FadeOut(table), FadeOut(step_line), FadeOut(hat_box), run_time=0.5)

    def variant_block(self, name, lines, font_size=30, max_width=None):
        rule = UpdateRule(lines, font_size=font_size)
        if max_width is not None and rule.width > max_width:
            rule.scale_to_fit_width(max_width)
        label = Text(display_name(name), font=FONT, font_size=28, color=optimizer_color(name))
        block = VGroup(label, rule).arrange(DOWN, buff=0.2, aligned_edge=LEFT)
        block.next_to(self.rule, DOWN, buff=0.45).align_to(self.rule, LEFT)
        return block, rule

    def adamax(self):
        amax = self.opts["adamax"]
        block, rule = self.variant_block("adamax", amax.latex_lines[2:])
        rule.highlight("u")
        u_line = self.line_glyphs(rule, rule.part("u")[0])
        box = SurroundingRectangle(u_line, color=optimizer_color("adamax"), buff=0.07, corner_radius=0.05)
        with self.voiceover(text="AdaMax replaces the average of squares by a running maximum "
                                 "of the gradient's size: the infinity norm.") as tracker:
            self.play(FadeOut(self.heading), run_time=0.3)
            self.heading = Text("AdaMax: the infinity norm", font=FONT, font_size=36, color=TEXT).move_to(TITLE_SLOT.center)
            self.play(FadeIn(self.heading), FadeIn(block), run_time=1.0)
            self.play(FadeIn(box), run_time=0.6)
            self.wait(max(0.0, tracker.duration - 1.9))
        self.play(FadeOut(block), FadeOut(box), run_time=0.5)

    def nadam(self):
        nad = self.opts["nadam"]
        block, rule = self.variant_block("nadam", nad.latex_lines[-1:], font_size=40,
                                         max_width=SAFE_RIGHT - PANEL_SLOT.left - 0.2)
        look = rule.part(r"\mu_{t+1}")
        ahead = VGroup(*look, *rule.part("m"))
        box = SurroundingRectangle(ahead, color=optimizer_color("nadam"), buff=0.07, corner_radius=0.05)
        note = Text("the next step's momentum weight", font=FONT, font_size=24, color=optimizer_color("nadam"))
        note.next_to(rule, DOWN, buff=0.3).align_to(rule, RIGHT)
        with self.voiceover(text="NAdam puts Nesterov's look-ahead inside Adam: "
                                 "its step already uses the next step's momentum weight, so it brakes earlier.") as tracker:
            self.play(FadeOut(self.heading), run_time=0.3)
            self.heading = Text("NAdam: Adam with a look-ahead", font=FONT, font_size=36, color=TEXT).move_to(TITLE_SLOT.center)
            self.play(FadeIn(self.heading), FadeIn(block), run_time=1.0)
            self.play(rule.part(r"\mu_{t+1}").animate.set_color(VELOCITY_COLOR),
                      rule.part("m").animate.set_color(VELOCITY_COLOR), FadeIn(box), FadeIn(note), run_time=0.8)
            self.wait(max(0.0, tracker.duration - 2.1))
        self.play(FadeOut(block), FadeOut(box), FadeOut(note), run_time=0.5)

    def race(self):
        chart = LossChart(self.steps, width=4.5, height=2.9, font_size=24, y_range=(1e-6, 1e4),
                          y_label="loss  (log scale)", n_x_ticks=5)
        paths = [self.paths[n] for n in self.names]
        for p in paths:
            chart.add_trajectory(p)
        place(chart, PANEL_SLOT)
        # the legend sits in the chart's empty upper-right corner (the losses fall to the right)
        legend = Legend(list(self.names), font_size=24)
        legend.move_to(chart.frame.get_corner(UP + RIGHT), aligned_edge=UP + RIGHT)
        panel = VGroup(chart, legend)
        self.chart, self.legend = chart, legend
        hits = {n: int(np.argmax(self.trajs[n].losses < 1e-3)) for n in self.names}
        with self.voiceover(text="Now race all three: same start, same learning rate.") as tracker:
            self.play(FadeOut(self.heading), FadeOut(self.rule), run_time=0.5)
            self.heading = Text("Adam, AdaMax, NAdam: one start, one learning rate", font=FONT, font_size=34,
                                color=TEXT).move_to(TITLE_SLOT.center)
            self.paths["adam"].set_progress(0)
            self.play(FadeIn(self.heading), FadeIn(panel), FadeIn(self.paths["adamax"]),
                      FadeIn(self.paths["nadam"]), run_time=1.0)
            self.wait(max(0.0, tracker.duration - 1.5))
        with self.voiceover(text="Adam swings widest. AdaMax swings less. "
                                 f"NAdam brakes early: it reaches a loss of one thousandth at step {hits['nadam']}, "
                                 f"Adam only at step {hits['adam']}.") as tracker:
            self.play(*[p.draw() for p in paths], chart.draw(), run_time=tracker.duration)

    def takeaway(self):
        line = Text("Adam = momentum + RMSprop, with bias correction", font=FONT, font_size=34, color=TEXT)
        line.move_to(TITLE_SLOT.center)
        key = UpdateRule(self.opts["adam"].latex_lines[-1:], font_size=36)
        key.part("m_hat").set_color(VELOCITY_COLOR)
        key.part("v_hat").set_color(V_COLOR)
        key.next_to(self.chart, DOWN, buff=0.3)
        if key.get_bottom()[1] < SAFE_BOTTOM:
            key.shift(UP * (SAFE_BOTTOM - key.get_bottom()[1]))
        with self.voiceover(text="Adam is momentum plus RMSprop, corrected for its cold start; "
                                 "AdaMax and NAdam each change one part.") as tracker:
            self.play(FadeOut(self.heading), run_time=0.5)
            self.play(FadeIn(line), FadeIn(key), run_time=1.0)
            self.wait(max(0.0, tracker.duration - 1.5))

