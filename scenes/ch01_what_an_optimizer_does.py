"""Chapter 1: what an optimizer does. A two-parameter model is a point on its loss landscape; training moves it downhill.

Render: ``manim -ql scenes/ch01_what_an_optimizer_does.py WhatAnOptimizerDoes``
"""

from __future__ import annotations

import numpy as np
from manim import (
    BackgroundRectangle,
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    FadeIn,
    FadeOut,
    Line,
    Rectangle,
    MathTex,
    Text,
    VGroup,
    Write,
)

import optim_core as oc
from scenes.kit import (
    LineFitPlot,
    BACKGROUND,
    PANEL,
    FONT,
    MAP_SLOT,
    MUTED,
    PANEL_SLOT,
    SAFE_RIGHT,
    TEXT,
    CornerCaption,
    LandscapeMap,
    LossChart,
    TrajectoryPath,
    optimizer_color,
    place,
    place_caption,
)
from scenes.scene import ExplainerScene

__all__ = ["WhatAnOptimizerDoes"]

RESIDUAL_COLOR = "#FF6B6B"


class WhatAnOptimizerDoes(ExplainerScene):
    chapter = 1
    title = "What an optimizer does"
    description = ("A line fit with two parameters: each (w, b) is a point on the loss landscape; training "
                   "moves the point downhill while the line settles and the loss falls.")

    optimizer_name = "gd"
    lr = 0.2
    steps = 40
    seed = 0

    def construct(self):
        self.compute_run()
        self.open_chapter()
        self.a_tiny_model()
        self.how_wrong()
        self.one_point_on_a_map()
        self.training_moves_downhill()
        self.the_line_settles()
        self.bigger_models()
        self.what_this_video_covers()
        self.hold()

    # ------------------------------------------------------------------ data
    def compute_run(self):
        self.ls = oc.landscape("regression", seed=self.seed)
        self.opt = oc.optimizer(self.optimizer_name, lr=self.lr)
        self.traj = oc.run(self.opt, self.ls, self.ls.start, steps=self.steps, seed=self.seed)

    # ------------------------------------------------------------------ helpers
    def set_title(self, text: str, run_time: float = 0.7):
        new = self.heading_text(text)
        old = getattr(self, "title_text", None)
        anims = [FadeIn(new, shift=0.15 * DOWN)] + ([FadeOut(old)] if old is not None else [])
        self.play(*anims, run_time=run_time)
        self.title_text = new

    def params_now(self) -> np.ndarray:
        """(w, b) where the path's dot is now (between steps: on the straight move)."""
        path = self.path
        s = path.progress
        k = int(np.floor(s + 1e-9))
        pos = path.positions
        if k >= path.n_steps:
            return pos[path.n_steps]
        return pos[k] + (s - k) * (pos[k + 1] - pos[k])

    def set_model(self, w: float, b: float):
        """Put the plot's line and the residual segments at parameters (w, b)."""
        self.plot.set_params(w, b)
        ls = self.ls
        for seg, x, y in zip(self.residuals, ls.x, ls.y):
            seg.put_start_and_end_on(self.plot.c2p(x, y), self.plot.c2p(x, w * x + b) + 1e-4 * UP)

    def follow(self, on: bool = True):
        """Line and residuals ride on the path's current parameters (one small updater)."""
        self.residuals.clear_updaters()
        if on:
            self.residuals.add_updater(lambda _: self.set_model(*self.params_now()))

    # ------------------------------------------------------------------ layout
    def build(self):
        ls = self.ls
        self.lmap = LandscapeMap(ls, max_width=MAP_SLOT.width - 1.7, max_height=4.0, colorbar=True,
                                 labels=("w", "b"))
        place(self.lmap, MAP_SLOT, aligned_edge=UP)
        # the kit puts "b" level with a tick label; lift it between two ticks
        self.lmap.y_label.shift(UP * 0.5 * self.lmap.units_per_param()[1])
        self.path = TrajectoryPath(self.traj, self.lmap, self.optimizer_name, readout="free", label="",
                                   readout_font_size=26, stroke_width=4, dot_radius=0.1)
        self.readout = self.path.readout
        self.path.remove(self.readout)
        self.loss_tex = MathTex(ls.latex, font_size=30, color=TEXT)
        self.loss_tex.next_to(self.lmap, DOWN, buff=0.2).set_x(self.lmap.frame.get_center()[0])

        self.plot = LineFitPlot(ls, width=4.6, height=2.0, line_color=optimizer_color(self.optimizer_name))
        self.residuals = VGroup(*[Line(ORIGIN3, UP, stroke_color=RESIDUAL_COLOR, stroke_width=2, stroke_opacity=0.8)
                                  for _ in range(ls.n_samples)])
        self.chart = LossChart(self.steps, log_y=False, width=4.4, height=1.5, y_label="", font_size=22,
                               y_range=(0.0, float(np.ceil(self.traj.losses[0]))))
        self.chart.add_trajectory(self.path)
        panel = VGroup(self.plot, self.readout, self.chart).arrange(DOWN, buff=0.45, aligned_edge=LEFT)
        place(panel, PANEL_SLOT, aligned_edge=UP)
        self.plot.shift(RIGHT * 0.35)
        self.chart.shift(RIGHT * 0.35)
        self.readout.align_to(self.chart.frame, LEFT)
        self.readout.next_to(self.chart, UP, buff=0.2).align_to(self.chart.frame, LEFT)
        self.caption = place_caption(CornerCaption(self.opt, landscape=ls, seed=self.seed,
                                                   extra=f"{ls.n_samples} samples", font_size=20))
        self.set_model(*ls.start)
        # the first beats show the data alone, large and centred; remember where it goes later
        self.model_view = VGroup(self.plot, self.residuals)
        self.model_home = (self.model_view.get_center(), self.model_view.width)
        self.tex_home = self.loss_tex.get_center()
        self.readout_home = self.readout.get_center()
        self.model_view.scale(1.55).move_to([0, 0.45, 0])
        self.loss_tex.next_to(self.plot, DOWN, buff=0.55)
        self.readout.next_to(self.loss_tex, RIGHT, buff=0.5)
        VGroup(self.loss_tex, self.readout).set_x(0)

    # ------------------------------------------------------------------ beats
    def a_tiny_model(self):
        self.build()
        plot = self.plot
        with self.voiceover(text="Every model has knobs, called parameters, and training means finding good "
                                 "values for them. This tiny model has just two: the slope w and the "
                                 "intercept b of a line, fitted to sixty-four noisy points.") as tracker:
            self.set_title("A model with two parameters: y = w x + b")
            self.play(FadeIn(plot.frame_lines), FadeIn(plot.labels), run_time=0.6)
            self.play(FadeIn(plot.dots, lag_ratio=0.02), run_time=1.0)
            self.wait(max(0.0, tracker.duration * 0.6 - 2.3))
            self.play(Create(plot.line), run_time=1.0)

    def how_wrong(self):
        with self.voiceover(text="How wrong is this line? Measure each point's vertical miss, square it, "
                                 "and average. That number is the loss.") as tracker:
            self.play(Create(self.residuals, lag_ratio=0.01), run_time=min(2.0, tracker.duration * 0.4))
            self.play(Write(self.loss_tex), run_time=1.5)
            self.play(FadeIn(self.readout), run_time=0.6)
        # redrawn every frame: it changes while the path (not its parent any more) draws
        self.add_foreground_mobject(self.readout)

    def one_point_on_a_map(self):
        ls = self.ls
        dot = self.path.dot
        label = MathTex(r"(w, b)", font_size=34, color=optimizer_color(self.optimizer_name))
        label.set_stroke(BACKGROUND, width=4, background=True)
        label.next_to(dot, DOWN + RIGHT, buff=0.08)
        with self.voiceover(text="Now draw every possible line at once. Each pair of w and b is one point on "
                                 "this map, coloured by its loss: dark is low, bright is high. Our line is "
                                 "this one point.") as tracker:
            self.set_title("Each line is one point on the loss landscape")
            center, width = self.model_home
            self.play(self.model_view.animate.scale(width / self.model_view.width).move_to(center),
                      self.loss_tex.animate.move_to(self.tex_home), self.readout.animate.move_to(self.readout_home),
                      run_time=1.2)
            self.play(FadeIn(self.lmap), FadeIn(self.caption), run_time=1.2)
            self.wait(max(0.0, tracker.duration * 0.75 - 3.1))
            self.play(FadeIn(dot, scale=2.0), FadeIn(label), run_time=0.8)
        self.add(self.path)
        self.point_label = label

    def training_moves_downhill(self):
        # static pictures first: Cairo redraws everything after the first mobject with an updater
        self.bring_to_back(self.lmap, self.loss_tex, self.caption)
        self.follow(True)
        split = 8
        with self.voiceover(text="Training moves this point downhill, toward the darkest spot, the star. "
                                 "An optimizer is the rule that picks each step.") as tracker:
            self.set_title("Training = moving the point downhill")
            self.play(FadeOut(self.point_label), FadeIn(self.chart), run_time=0.6)
            self.play(self.path.draw(end=split), self.chart.draw(end=split), run_time=max(1.0, tracker.duration - 1.4))

    def the_line_settles(self):
        with self.voiceover(text="As the point goes down, the line swings onto the data, and the loss falls, "
                                 "fast at first, then slowly, until it can hardly improve.") as tracker:
            self.play(self.path.draw(), self.chart.draw(), run_time=tracker.duration)
        self.follow(False)
        # static again: later overlays may cover it
        self.remove_foreground_mobject(self.readout)
        self.add(self.readout)

    def bigger_models(self):
        with self.voiceover(text="Real networks have millions of parameters, so their landscape has millions "
                                 "of dimensions. We cannot draw that, but the job is the same: go downhill.") as tracker:
            self.set_title("Real networks: millions of parameters, the same job", run_time=1.0)
            # the note takes the right panel's place for a moment; the map it talks about stays in view
            def block(head, *tail):
                return VGroup(Text(head, font=FONT, font_size=32, color=TEXT),
                              *[Text(t, font=FONT, font_size=28, color=MUTED) for t in tail]
                              ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
            arrow = Text("\u2190", font=FONT, font_size=32, color=TEXT)
            lines = VGroup(
                VGroup(arrow, block("2 parameters", "a map we can draw")).arrange(RIGHT, buff=0.2, aligned_edge=UP),
                block("millions of parameters", "millions of dimensions:", "we cannot draw it,",
                      "but we walk it downhill", "all the same"),
            ).arrange(DOWN, aligned_edge=LEFT, buff=0.55)
            lines[1].align_to(lines[0][1], LEFT)
            right = VGroup(self.plot, self.residuals, self.readout, self.chart)
            shade = Rectangle(width=right.width + 0.4, height=right.height + 0.4, stroke_width=0,
                              fill_color=BACKGROUND, fill_opacity=1.0).move_to(right)
            lines.move_to(shade)
            lines.shift(LEFT * max(0.0, lines.get_right()[0] - (SAFE_RIGHT - 0.2)))
            note = VGroup(shade, lines)
            self.play(FadeIn(note), run_time=0.8)
            self.wait(max(0.0, tracker.duration - 2.6))
            self.play(FadeOut(note), run_time=0.6)

    def what_this_video_covers(self):
        rows = VGroup(*[
            VGroup(Text(f"{n}", font=FONT, font_size=26, color=MUTED), Text(t, font=FONT, font_size=28, color=TEXT))
            .arrange(RIGHT, buff=0.25)
            for n, t in ROADMAP
        ])
        for r in rows:
            r[1].align_to(r[0].get_left() + RIGHT * 0.6, LEFT)
        half = (len(rows) + 1) // 2
        cols = VGroup(VGroup(*rows[:half]).arrange(DOWN, aligned_edge=LEFT, buff=0.22),
                      VGroup(*rows[half:]).arrange(DOWN, aligned_edge=LEFT, buff=0.22))
        cols.arrange(RIGHT, buff=1.0, aligned_edge=UP)
        head = Text("Coming up", font=FONT, font_size=34, color=TEXT)
        board = VGroup(head, cols).arrange(DOWN, buff=0.45)
        board.move_to([0, -0.2, 0])
        shade = Rectangle(width=14.3, height=8.1, stroke_width=0, fill_color=BACKGROUND, fill_opacity=0.9)
        with self.voiceover(text="In this video we start with plain gradient descent and its learning rate, "
                                 "then mini-batches, momentum, and adaptive methods like AdaGrad, RMSprop and "
                                 "Adam, then schedules and clipping, and end with a race between them all.") as tracker:
            self.play(FadeIn(shade), FadeIn(head), run_time=0.6)
            self.play(FadeIn(rows, lag_ratio=0.5, shift=0.1 * RIGHT), run_time=max(1.0, tracker.duration - 1.6))
            self.play(FadeOut(shade), FadeOut(board), run_time=0.6)
        self.set_title("Training = moving the point downhill", run_time=0.7)


ROADMAP = [
    (2, "The blindfolded canyon"),
    (3, "The learning rate"),
    (4, "SGD and mini-batches"),
    (5, "Momentum and Nesterov"),
    (6, "AdaGrad and its decay"),
    (7, "RMSprop and AdaDelta"),
    (8, "Escaping a saddle"),
    (9, "Adam, AdaMax, NAdam"),
    (10, "AdamW and weight decay"),
    (11, "Schedules and clipping"),
    (12, "The race"),
]
ORIGIN3 = np.zeros(3)
