"""Chapter 11: schedules and clipping. Decaying learning rates let noisy steps settle; clipping tames a cliff.

Render: ``manim -ql scenes/ch11_schedules_clipping.py SchedulesAndClipping``
"""

from __future__ import annotations

import numpy as np
from manim import (
    DR,
    DOWN,
    LEFT,
    RIGHT,
    UP,
    FadeIn,
    FadeOut,
    GrowArrow,
    Group,
    Indicate,
    MathTex,
    Text,
    VGroup,
    Write,
)

import optim_core as oc
from scenes.kit import (
    FONT,
    FULL_SLOT,
    MAP_SLOT,
    MUTED,
    PANEL_SLOT,
    TEXT,
    TITLE_SLOT,
    ClipCircle,
    CornerCaption,
    LandscapeMap,
    Legend,
    LiveText,
    ParamArrow,
    ScheduleChart,
    TrajectoryPath,
    format_value,
    optimizer_color,
    place,
    place_caption,
)
from scenes.scene import ExplainerScene

__all__ = ["SchedulesAndClipping"]


class SchedulesAndClipping(ExplainerScene):
    chapter = 11
    title = "Schedules and clipping"
    description = ("Step, exponential and cosine learning-rate schedules let noisy mini-batch steps settle; "
                   "gradient clipping caps a step on a steep cliff that would otherwise explode.")

    # --- schedules: mini-batch SGD on the line fit of chapter 4
    lr = 0.5
    batch_size = 4
    seed = 0
    steps = 60
    #: a close-up of the line-fit landscape around the path
    zoom_bounds = ((-0.8, 3.2), (-1.9, 1.3))
    schedules = {
        "step": dict(step_size=20, gamma=0.2),
        "exponential": dict(gamma=0.95),
        "cosine": dict(T_max=60),
    }
    # --- clipping: gradient descent on Rosenbrock, starting on the steep wall below the valley
    clip_lr = 0.002
    clip_norm = 200.0
    clip_start = (-1.5, -0.5)
    clip_steps = 200

    def construct(self):
        self.compute_runs()
        self.open_chapter()
        self.constant_never_settles()
        self.three_schedules()
        self.schedules_settle()
        self.the_cliff()
        self.clip_the_gradient()
        self.clipped_run()
        self.takeaway()
        self.hold()

    # ------------------------------------------------------------------ data
    def compute_runs(self):
        self.ls = oc.landscape("regression")
        self.opt = oc.optimizer("gd", lr=self.lr)
        x0 = self.ls.start
        kw = dict(steps=self.steps, batch_size=self.batch_size, seed=self.seed)
        self.constant = oc.run(self.opt, self.ls, x0, **kw)
        self.sched = {name: oc.schedule(name, **p) for name, p in self.schedules.items()}
        self.runs = {name: oc.run(self.opt, self.ls, x0, schedule=s, **kw) for name, s in self.sched.items()}
        self.f_min = float(self.ls.f(self.ls.minima[0]))

        self.rosen = oc.landscape("rosenbrock")
        self.clip_opt = oc.optimizer("gd", lr=self.clip_lr)
        x0 = np.array(self.clip_start)
        self.raw = oc.run(self.clip_opt, self.rosen, x0, steps=self.clip_steps)
        self.clipped = oc.run(self.clip_opt, self.rosen, x0, steps=self.clip_steps, clip_norm=self.clip_norm)
        norms = self.clipped.grad_norms
        self.n_clipped = int((norms > self.clip_norm).sum())

    @staticmethod
    def chart_lrs(traj):
        """The learning rate of each step, padded to one value per position (so chart and path share a step axis)."""
        return np.append(traj.lrs, traj.lrs[-1])

    def excess(self, traj) -> float:
        return float(traj.losses[-1]) - self.f_min

    def make_heading(self, text: str) -> Text:
        return self.heading_text(text, font_size=34)

    # ------------------------------------------------------------------ beats: schedules
    def constant_never_settles(self):
        lmap = LandscapeMap(self.ls, bounds=self.zoom_bounds, max_width=MAP_SLOT.width - 0.9,
                            max_height=MAP_SLOT.height - 0.9)
        place(lmap, MAP_SLOT)
        path = TrajectoryPath(self.constant, lmap, "minibatch", readout="free", label="constant lr",
                              markers=False, stroke_width=3.5)
        path.remove(path.readout)
        chart = ScheduleChart(self.chart_lrs(self.constant), optimizer="minibatch", width=4.6, height=1.8,
                              font_size=22, y_range=(0, 0.55))
        formula = MathTex(oc.schedule("constant").latex + r" = " + f"{self.lr:g}", font_size=36, color=TEXT)
        panel = VGroup(formula, chart, path.readout).arrange(DOWN, buff=0.5, aligned_edge=LEFT)
        place(panel, PANEL_SLOT)
        caption = place_caption(CornerCaption([("minibatch", {"lr": self.lr, "batch_size": self.batch_size})],
                                              landscape=self.ls, seed=self.seed, font_size=20))
        self.head = self.make_heading("A fixed learning rate never lets the point settle")
        self.add(lmap)
        self.play(FadeIn(lmap), FadeIn(self.head), run_time=0.6)
        self.play(FadeIn(panel), FadeIn(caption), FadeIn(path), run_time=0.6)
        with self.voiceover(text="Back to the noisy mini-batch line fit. With a fixed learning rate, "
                                 "late steps are as big as early ones, "
                                 "so the point keeps bouncing around the minimum.") as tracker:
            self.play(path.draw(), chart.draw(end=self.steps), run_time=tracker.duration)
        self.caption = caption
        self.intro = Group(lmap, path, panel)

    def column(self, name):
        """One schedule: title, formula, close-up map (constant run in grey beneath), readout, chart."""
        s = self.sched[name]
        traj = self.runs[name]
        title = Text(s.title, font=FONT, font_size=30, color=TEXT)
        if name == "cosine" and s.params["eta_min"] == 0:
            # optim_core's cosine formula with its eta_min = 0 (the same curve, shorter to read)
            latex = r"\gamma_t = \tfrac{1}{2}\gamma_0\left(1 + \cos\frac{\pi t}{" + f"{s.params['T_max']}" + r"}\right)"
        else:
            latex = s.latex
        formula = MathTex(latex, font_size=30, color=TEXT)
        if formula.width > 3.8:
            formula.scale_to_fit_width(3.8)
        lmap = LandscapeMap(self.ls, bounds=self.zoom_bounds, max_width=3.3, max_height=2.1, show_axes=False,
                            resolution=200, n_contours=9)
        ref = TrajectoryPath(self.constant, lmap, "minibatch", color=MUTED, markers=False, stroke_width=2.5)
        ref.show_all()
        ref.dot.set_opacity(0)
        ref.path.set_stroke(opacity=0.8)
        path = TrajectoryPath(traj, lmap, "minibatch", readout="free", label="", markers=False, stroke_width=3.5,
                              readout_font_size=24)
        path.remove(path.readout)
        chart = ScheduleChart(self.chart_lrs(traj), optimizer="minibatch", width=3.4, height=0.85, font_size=22,
                              y_range=(0, 0.55), y_label="", x_label="")
        col = Group(title, formula, Group(lmap, ref, path), path.readout, chart)
        col.lmap, col.path, col.chart, col.ref, col.formula = lmap, path, chart, ref, formula
        return col

    def three_schedules(self):
        cols = [self.column(n) for n in self.schedules]
        # rows line up across the columns: title, formula, map, readout, chart
        top = TITLE_SLOT.top - 0.05
        for i in range(5):
            h = max(c[i].height for c in cols)
            for j, c in enumerate(cols):
                c[i].move_to([(j - 1) * 4.3, top - h / 2, 0])
            top -= h + (0.15 if i != 3 else 0.35)
        grid = Group(*cols)
        legend = Legend(["minibatch", "constant"], labels={"minibatch": "scheduled lr",
                                                           "constant": "constant lr"},
                        colors={"constant": MUTED}, font_size=22)
        place_caption(legend, corner=DR)
        self.cols, self.legend = cols, legend
        with self.voiceover(text="A schedule lowers the learning rate as training goes on. "
                                 "Step decay cuts it sharply every twenty steps. Exponential decay shrinks it "
                                 "a little every step. Cosine annealing glides down half a cosine wave.") as tracker:
            self.play(FadeOut(self.intro), FadeOut(self.head), run_time=0.6)
            self.remove(*self.intro)
            for c in cols:  # static parts before anything moves
                self.add(c.lmap, c.ref)
            self.play(*[FadeIn(c) for c in cols], FadeIn(legend), run_time=1.0)
            # unpack the columns so the heat-maps stay at the bottom of the drawing order: a column Group
            # in the scene would make every later play that touches it redraw all three maps every frame
            self.remove(*cols)
            self.add(*[m for c in cols for m in (c.lmap, c.ref)])
            self.add(*[m for c in cols for m in (c[0], c[1], c.path, c[3], c.chart)])
            rest = max(0.5, tracker.duration - 1.6)
            for c in cols:
                self.play(Indicate(c.chart.curve, color=TEXT, scale_factor=1.0), Indicate(c.formula, scale_factor=1.08),
                          run_time=rest / 3)

    def schedules_settle(self):
        cols = self.cols
        finals = {n: self.excess(t) for n, t in self.runs.items()}
        worst = max(finals.values())
        with self.voiceover(text="Same data, same start, same batches. All three take big steps early and small ones late, "
                                 "and settle at the bottom, where the constant rate, in grey, kept bouncing.") as tracker:
            self.play(*[c.path.draw() for c in cols], *[c.chart.draw(end=self.steps) for c in cols],
                      run_time=tracker.duration)
        self.finals = finals
        self.worst = worst

    # ------------------------------------------------------------------ beats: clipping
    def the_cliff(self):
        ls = self.rosen
        lmap = LandscapeMap(ls, max_width=MAP_SLOT.width - 0.9, max_height=MAP_SLOT.height - 1.2)
        place(lmap, MAP_SLOT)
        self.rmap = lmap
        raw = TrajectoryPath(self.raw, lmap, "gd", readout="free", label="no clipping", markers=True,
                             stroke_width=3.5)
        raw.remove(raw.readout)
        formula = MathTex(ls.latex, font_size=34, color=TEXT)
        norm_label = MathTex(r"\|\nabla f\| =", font_size=36, color=TEXT)
        norm_value = LiveText("0000000", font_size=30, color=TEXT)
        norm_row = VGroup(norm_label, norm_value).arrange(RIGHT, buff=0.15, aligned_edge=DOWN)
        panel = VGroup(formula, raw.readout, norm_row).arrange(DOWN, buff=0.45, aligned_edge=LEFT)
        place(panel, PANEL_SLOT, aligned_edge=UP)
        caption = place_caption(CornerCaption([("gd", {"lr": self.clip_lr})], landscape=ls,
                                              extra=f"start ({self.clip_start[0]:g}, {self.clip_start[1]:g})",
                                              font_size=20))
        grads = self.raw.grad_norms

        def update_norm(m):
            k = int(np.floor(raw.progress + 1e-9))
            v = grads[k] if k < len(grads) else np.nan
            m.set_text(format_value(v) if np.isfinite(v) else "\u221e")

        with self.voiceover(text="Clipping guards against a different danger: one sudden, huge step. "
                                 "Here is the Rosenbrock valley; we start low on its steep wall.") as tracker:
            self.play(FadeOut(Group(*self.cols)), FadeOut(self.legend), FadeOut(self.caption), run_time=0.8)
            self.remove(*self.cols)
            self.add(lmap)
            self.head = self.make_heading("Gradient clipping: no single step too big")
            self.play(FadeIn(lmap), FadeIn(self.head), run_time=0.8)
            self.play(FadeIn(formula), FadeIn(caption), FadeIn(raw), run_time=0.8)
            self.wait(max(0.0, tracker.duration - 2.4))
        norm_value.add_updater(update_norm)
        update_norm(norm_value)
        self.add(raw.readout, norm_row)
        with self.voiceover(text="The wall is so steep that the gradient is huge, "
                                 f"about {grads[0]:.0f}. One plain gradient step flings the point right across "
                                 f"the map, and within {self.raw.diverged_at} steps it has flown off "
                                 "to infinity.") as tracker:
            self.play(raw.draw(end=self.raw.diverged_at + 1), run_time=tracker.duration)
        norm_value.clear_updaters()
        self.raw_path, self.rpanel, self.rcaption, self.norm_row = raw, panel, caption, norm_row

    def clip_the_gradient(self):
        lmap = self.rmap
        x0 = np.array(self.clip_start)
        g = self.raw.raw_grads[0]
        lr = self.clip_lr
        raw_arrow = ParamArrow(lmap, x0, -lr * g, color=optimizer_color("gd"), label=None, stroke_width=4)
        raw_arrow.set_opacity(0.6)
        clipped_g = self.clipped.grads[0]
        clip_arrow = ParamArrow(lmap, x0, -lr * clipped_g, color=optimizer_color("gd"), stroke_width=6)
        ring = ClipCircle(lmap, x0, radius=lr * self.clip_norm)
        rule = MathTex(r"g \leftarrow g \cdot \min\!\left(1,\ \frac{c}{\|g\|}\right)", font_size=40, color=TEXT)
        numbers = MathTex(r"c = " + f"{self.clip_norm:g}" + r",\quad \|g\| = " + f"{np.linalg.norm(g):.0f}",
                          font_size=34, color=MUTED)
        labels = VGroup(
            Text("raw step", font=FONT, font_size=24, color=TEXT).set_opacity(0.75),
            Text("clipped step", font=FONT, font_size=24, color=TEXT),
        )
        labels[0].next_to(raw_arrow.tip_point, UP, buff=0.15)
        labels[1].next_to(ring, RIGHT, buff=0.08).shift(DOWN * 0.3)
        for lab in labels:
            lab.set_stroke("#0E1117", width=4, background=True)
        box = VGroup(rule, numbers).arrange(DOWN, buff=0.3, aligned_edge=LEFT)
        box.next_to(self.rpanel[0], DOWN, buff=0.5).align_to(self.rpanel[0], LEFT)
        with self.voiceover(text="Clipping fixes this. If the gradient is longer than a limit c, "
                                 f"here {self.clip_norm:g}, shrink it to length c and keep its direction. "
                                 "The step can never leave this circle.") as tracker:
            self.play(FadeOut(self.raw_path), FadeOut(self.rpanel[1]), FadeOut(self.norm_row), run_time=0.6)
            self.remove(self.raw_path)
            self.play(Write(rule), run_time=1.2)
            self.play(GrowArrow(raw_arrow.arrow), FadeIn(labels[0]), FadeIn(numbers), run_time=1.0)
            self.play(FadeIn(ring), run_time=0.6)
            self.play(GrowArrow(clip_arrow.arrow), FadeIn(labels[1]), run_time=1.0)
            self.wait(max(0.0, tracker.duration - 4.4))
        self.clip_parts = VGroup(raw_arrow, clip_arrow, ring, labels)
        self.clip_box = box

    def clipped_run(self):
        lmap = self.rmap
        path = TrajectoryPath(self.clipped, lmap, "gd", readout="free", label=f"clip {self.clip_norm:g}",
                              markers=False, stroke_width=3.5)
        path.remove(path.readout)
        path.readout.next_to(self.clip_box, DOWN, buff=0.5).align_to(self.clip_box, LEFT)
        caption = place_caption(CornerCaption([("gd", {"lr": self.clip_lr, "clip_norm": self.clip_norm})],
                                              landscape=self.rosen,
                                              extra=f"start ({self.clip_start[0]:g}, {self.clip_start[1]:g})",
                                              font_size=20))
        legend = Legend(["gd"], labels={"gd": f"GD, clipped at {self.clip_norm:g}"}, font_size=24)
        legend.next_to(path.readout, DOWN, buff=0.4).align_to(path.readout, LEFT)
        with self.voiceover(text=f"With clipping, the same optimizer climbs down the wall in small steps. "
                                 f"Only the first {self.n_clipped} steps were clipped. "
                                 "Once the slope is gentle, clipping does nothing at all.") as tracker:
            self.play(FadeOut(self.clip_parts[0]), FadeOut(self.clip_parts[3][0]),
                      FadeIn(path), FadeIn(path.readout), FadeIn(legend),
                      FadeOut(self.rcaption), FadeIn(caption), run_time=0.6)
            self.play(path.draw(end=self.n_clipped), run_time=tracker.duration * 0.35)
            self.play(FadeOut(self.clip_parts[1:3]), FadeOut(self.clip_parts[3][1]), run_time=0.4)
            self.play(path.draw(), run_time=max(0.5, tracker.duration * 0.65 - 1.0))

    def takeaway(self):
        line = Text("Schedules shrink steps over time.  Clipping caps any single step.",
                    font=FONT, font_size=30, color=TEXT)
        line.scale_to_fit_width(min(line.width, TITLE_SLOT.width)).move_to(TITLE_SLOT.center)
        with self.voiceover(text="So: schedules shrink the steps as training settles, "
                                 "and clipping caps any single step, whatever the slope.") as tracker:
            self.play(FadeOut(self.head), run_time=0.4)
            self.play(Write(line), run_time=min(1.6, tracker.duration))
            self.wait(max(0.0, tracker.duration - 2.0))


def Slot_like(slot, extra_top: float = 0.0):
    """``slot`` grown upward by ``extra_top`` (the body plus the title row)."""
    from scenes.kit import Slot

    return Slot(slot.x, slot.y + extra_top / 2, slot.width, slot.height + extra_top)
