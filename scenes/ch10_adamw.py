"""Chapter 10: AdamW and weight decay. L2 regularisation inside Adam is rescaled by the adaptive
denominator; AdamW shrinks the weights separately, so the same settings give a different path.

Render: ``manim -ql scenes/ch10_adamw.py AdamWAndWeightDecay``
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    DR,
    LEFT,
    RIGHT,
    UL,
    UR,
    UP,
    BackgroundRectangle,
    Cross,
    FadeIn,
    FadeOut,
    GrowArrow,
    Text,
    VGroup,
    Write,
)

import optim_core as oc
from optim_core.analysis import l2_split
from scenes.kit import (
    DECAY_COLOR,
    FONT,
    MAP_SLOT,
    MUTED,
    PANEL,
    PANEL_SLOT,
    SAFE_RIGHT,
    TEXT,
    CornerCaption,
    LandscapeMap,
    Legend,
    ParamArrow,
    TrajectoryPath,
    UpdateRule,
    optimizer_color,
    place,
    place_caption,
)
from scenes.scene import ExplainerScene

__all__ = ["AdamWAndWeightDecay"]


class AdamWAndWeightDecay(ExplainerScene):
    chapter = 10
    title = "AdamW and weight decay"
    description = ("L2 regularisation inside Adam is divided by the adaptive denominator; AdamW shrinks "
                   "the weights separately, so the same settings take a different path.")

    landscape_name = "regression"
    start = (4.5, -3.0)
    steps = 120
    lr = 0.05
    weight_decay = 0.5
    #: step whose update is taken apart with arrows, and their magnification on the map
    arrow_step = 6
    arrow_scale = 15.0

    def construct(self):
        self.compute_runs()
        self.open_chapter()
        self.show_decay_idea()
        self.l2_inside_adam()
        self.adamw_decoupled()
        self.race()
        self.takeaway()
        self.hold()

    # ------------------------------------------------------------------ data
    def compute_runs(self):
        self.ls = oc.landscape(self.landscape_name)
        hp = dict(lr=self.lr, weight_decay=self.weight_decay)
        self.opts = {"adam": oc.optimizer("adam", **hp), "adamw": oc.optimizer("adamw", **hp)}
        x0 = np.array(self.start)
        self.trajs = {k: oc.run(o, self.ls, x0, steps=self.steps) for k, o in self.opts.items()}

    # ------------------------------------------------------------------ helpers
    def set_heading(self, text: str, run_time: float = 0.6):
        new = self.heading_text(text, left=True)
        if getattr(self, "head", None) is None:
            self.play(FadeIn(new), run_time=run_time)
        else:
            self.play(FadeOut(self.head, shift=0.2 * UP), FadeIn(new, shift=0.2 * UP), run_time=run_time)
        self.head = new

    def rule_block(self, key: str, title: str) -> VGroup:
        rule = UpdateRule(self.opts[key], font_size=28).highlight("wd", "lr")
        head = Text(title, font=FONT, font_size=28, color=optimizer_color(key))
        block = VGroup(head, rule).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        block.rule = rule
        block.move_to([PANEL_SLOT.left + 0.1, PANEL_SLOT.top, 0], aligned_edge=UL)
        if block.get_right()[0] > SAFE_RIGHT:
            block.scale((SAFE_RIGHT - block.get_left()[0]) / block.width, about_edge=LEFT)
        return block

    def note(self, text: str) -> VGroup:
        t = Text(text, font=FONT, font_size=22, color=TEXT)
        n = VGroup(BackgroundRectangle(t, color=PANEL, fill_opacity=0.85, buff=0.08, corner_radius=0.05), t)
        return n.move_to(self.lmap.frame.get_corner(UR) + 0.1 * (DOWN + LEFT), aligned_edge=UR)

    def split_arrows(self, key: str, first, second, first_label: str, second_label: str) -> VGroup:
        """Two arrows head to tail from the point at ``arrow_step`` (magnified): the decay part ``first``
        (grey) and the rest of the step ``second`` (the optimizer's colour)."""
        k, s = self.arrow_step, self.arrow_scale
        xy = self.trajs[key].positions[k]
        a = ParamArrow(self.lmap, xy, first, scale=s, color=DECAY_COLOR, label=first_label, label_font_size=30,
                       label_side=LEFT)
        b = ParamArrow(self.lmap, xy + s * np.asarray(first), second, scale=s, color=optimizer_color(key),
                       label=second_label, label_font_size=30, label_side=RIGHT)
        return VGroup(a, b)

    def place_readout(self, tpath: TrajectoryPath, row: int):
        """Readouts (they name each run in its colour, like a legend) at the bottom of the right panel."""
        tpath.readout.move_to([PANEL_SLOT.left + 0.1, PANEL_SLOT.bottom + 1.2 - 0.52 * row, 0], aligned_edge=UL)

    # ------------------------------------------------------------------ beats
    def show_decay_idea(self):
        # a little shorter than the slot: the "w" axis label kept touching the caption
        self.lmap = LandscapeMap(self.ls, max_width=MAP_SLOT.width - 0.8, max_height=MAP_SLOT.height - 1.1)
        place(self.lmap, MAP_SLOT)
        # the kit puts "b" level with a tick label; lift it between two ticks
        self.lmap.y_label.shift(UP * 0.5 * self.lmap.units_per_param()[1])
        origin = VGroup(Cross(scale_factor=0.1, stroke_width=4, stroke_color=DECAY_COLOR))
        origin.move_to(self.lmap.c2p(0, 0))
        zero = Text("0", font=FONT, font_size=26, color=DECAY_COLOR).next_to(origin, DOWN + LEFT, buff=0.05)
        self.origin = VGroup(origin, zero)
        self.caption = place_caption(CornerCaption(
            [("adam", {"lr": self.lr, "weight_decay": self.weight_decay}),
             ("adamw", {"lr": self.lr, "weight_decay": self.weight_decay})],
            landscape=self.ls, seed=0, extra=f"start ({self.start[0]:g}, {self.start[1]:g})"))
        penalty = UpdateRule([r"g_t = \nabla f(\theta_{t-1}) + \lambda\,\theta_{t-1}"], font_size=36).highlight("wd")
        expl = Text("from the penalty  \u03bb \u2016\u03b8\u2016\u00b2 / 2", font=FONT, font_size=24, color=MUTED)
        self.penalty = VGroup(penalty, expl).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        self.penalty.move_to([PANEL_SLOT.left + 0.1, PANEL_SLOT.top - 0.2, 0], aligned_edge=UL)
        self.set_heading("Weight decay: pull the weights toward zero")
        self.add(self.lmap)
        with self.voiceover(text="This is the loss of a line fit, over its slope w and intercept b. "
                                 "Weight decay keeps the weights small by pulling them toward zero. "
                                 "The textbook way adds an L2 penalty to the loss, so every gradient "
                                 "gets an extra term: lambda times theta.") as tracker:
            self.play(FadeIn(self.lmap), FadeIn(self.caption), run_time=0.8)
            self.play(FadeIn(self.origin), run_time=0.6)
            self.wait(max(0.0, tracker.duration * 0.5 - 1.4))
            self.play(Write(penalty), FadeIn(expl), run_time=min(2.0, tracker.duration * 0.5))
            self.wait(max(0.0, tracker.duration * 0.5 - 2.0))

    def l2_inside_adam(self):
        t = self.trajs["adam"]
        k = self.arrow_step
        self.adam_path = TrajectoryPath(t, self.lmap, "adam", readout="free", label="Adam + L2",
                                        readout_font_size=22)
        self.place_readout(self.adam_path, 0)
        self.adam_path.set_progress(k)
        assert t.optimizer is self.opts["adam"]
        grad_part, decay_part = l2_split(t, k)
        asked = self.opts["adam"].lr * self.weight_decay * np.linalg.norm(t.positions[k])
        pct = int(5 * round(20 * np.linalg.norm(decay_part) / asked))
        self.l2_arrows = self.split_arrows("adam", decay_part, grad_part, r"\text{decay}", r"\text{gradient}")
        self.block_l2 = self.rule_block("adam", "Adam + L2  (weight_decay)")
        note = self.note(f"arrows drawn \u00d7{self.arrow_scale:g}")
        self.set_heading("Inside Adam, the penalty is divided by \u221av\u0302")
        self.add(self.adam_path)
        with self.voiceover(text="Adam puts this extra term through the same machinery as the gradient, "
                                 "and divides it by the square root of v hat. Out here the gradients are "
                                 "large, so the grey decay arrow is small: only about "
                                 f"{pct} percent of the pull that lambda asks for.") as tracker:
            self.play(FadeOut(self.penalty), FadeIn(self.block_l2), run_time=1.0)
            self.play(self.block_l2.rule.indicate("wd"), run_time=1.0)
            self.play(GrowArrow(self.l2_arrows[1].arrow), FadeIn(self.l2_arrows[1].label), FadeIn(note),
                      run_time=1.0)
            self.play(GrowArrow(self.l2_arrows[0].arrow), FadeIn(self.l2_arrows[0].label), run_time=1.0)
            self.wait(max(0.0, tracker.duration - 4.0))
        self.arrow_note = note

    def adamw_decoupled(self):
        t, opt = self.trajs["adamw"], self.opts["adamw"]
        k = self.arrow_step
        self.adamw_path = TrajectoryPath(t, self.lmap, "adamw", readout="free", label="AdamW",
                                         readout_font_size=22)
        self.place_readout(self.adamw_path, 1)
        self.adamw_path.set_progress(k)
        xy = t.positions[k]
        decay = -opt.lr * opt.weight_decay * xy
        adam_step = t.positions[k + 1] - (xy + decay)
        self.w_arrows = self.split_arrows("adamw", decay, adam_step, r"\text{decay}", r"\text{Adam step}")
        d = ParamArrow.decay(self.lmap, xy, lr=opt.lr, weight_decay=opt.weight_decay, scale=self.arrow_scale,
                             label=r"-\gamma\lambda\theta", label_font_size=30, label_side=LEFT)
        self.w_arrows.submobjects[0] = d
        self.block_w = self.rule_block("adamw", "AdamW  (decoupled decay)")
        self.set_heading("AdamW: shrink the weights first, then step")
        self.add(self.adamw_path)
        with self.voiceover(text="AdamW takes the decay out of the gradient. Each step it first shrinks the "
                                 "weights toward zero, by exactly gamma lambda theta, the same for every "
                                 "coordinate. Then it takes a plain Adam step on the loss alone.") as tracker:
            self.play(FadeOut(self.block_l2), FadeIn(self.block_w), FadeOut(self.l2_arrows), run_time=1.0)
            self.play(self.block_w.rule.indicate("wd"), run_time=1.0)
            self.play(GrowArrow(d.arrow), FadeIn(d.label), run_time=1.2)
            self.wait(max(0.0, tracker.duration * 0.5 - 3.2))
            self.play(GrowArrow(self.w_arrows[1].arrow), FadeIn(self.w_arrows[1].label), run_time=1.2)
            self.wait(max(0.0, tracker.duration * 0.5 - 1.2))

    def race(self):
        self.set_heading("Same lr, same weight decay, same start: different paths")
        with self.voiceover(text="Same learning rate, same weight decay, same start. Adam with L2 feels "
                                 "only a fraction of the decay at first. AdamW is pulled toward zero all the "
                                 f"way. The paths differ, and after {self.steps} steps they stand in "
                                 "different places.") as tracker:
            self.play(FadeOut(self.w_arrows), FadeOut(self.arrow_note), run_time=0.8)
            self.play(self.adam_path.draw(), self.adamw_path.draw(), run_time=tracker.duration - 0.8)

    def takeaway(self):
        self.set_heading("AdamW keeps weight decay out of the adaptive step")
        with self.voiceover(text="So in Adam, L2 regularisation and weight decay are not the same thing. "
                                 "AdamW keeps them apart, and the decay you set is the decay you get.") as tracker:
            self.wait(tracker.duration)
