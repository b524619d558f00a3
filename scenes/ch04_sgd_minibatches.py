"""Chapter 4: SGD and mini-batches. A real line fit: full-batch GD, one-sample SGD and mini-batches on the (w, b) map.

Render: ``manim -ql scenes/ch04_sgd_minibatches.py SGDAndMiniBatches``
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Axes,
    Circle,
    Dot,
    FadeIn,
    FadeOut,
    Line,
    MathTex,
    Text,
    VGroup,
    Write,
)

import optim_core as oc
from scenes.kit import (
    BACKGROUND,
    FONT,
    GRADIENT_COLOR,
    MAP_SLOT,
    MUTED,
    PANEL_SLOT,
    TEXT,
    TITLE_SLOT,
    CornerCaption,
    LandscapeMap,
    Legend,
    ParamArrow,
    StepChart,
    TrajectoryPath,
    optimizer_color,
    place,
    place_caption,
)
from scenes.kit.data_plot import LineFitPlot  # re-exported: it used to live here
from scenes.kit.speed import keep_static_first
from scenes.scene import ExplainerScene

__all__ = ["SGDAndMiniBatches", "LineFitPlot"]


class SGDAndMiniBatches(ExplainerScene):
    chapter = 4
    title = "SGD and mini-batches"
    description = ("A seeded line fit: full-batch gradient descent, one-sample SGD and mini-batches on the "
                   "(w, b) landscape; noisy steps, each batch's own landscape, and the cost/noise trade-off.")

    lr = 0.2
    steps = 48
    seed = 0
    #: canonical name -> samples per step (None: the whole data set)
    batch_sizes = {"gd": None, "sgd": 1, "minibatch": 8}
    #: the SGD step whose per-sample gradients are shown
    noise_step = 6
    #: the per-sample steps are short on the map: draw them this many times longer
    noise_zoom = 2.5
    #: mini-batch steps shown with their own landscape
    n_batch_maps = 4
    #: trade-off chart: samples looked at (8 epochs of the 64 samples)
    budget = 512

    def construct(self):
        self.compute_runs()
        self.open_chapter()
        self.show_problem()
        self.full_batch()
        self.one_sample()
        self.noisy_gradients()
        self.mini_batches()
        self.trade_off()
        self.takeaway()
        self.hold()

    # ------------------------------------------------------------------ data
    def compute_runs(self):
        self.ls = oc.landscape("regression")
        self.n = self.ls.n_samples
        self.opt = oc.optimizer("gd", lr=self.lr)
        x0 = self.ls.start
        self.runs = {name: oc.run(self.opt, self.ls, x0, steps=self.steps, batch_size=bs, seed=self.seed)
                     for name, bs in self.batch_sizes.items()}
        # the same runs, continued to the same number of samples looked at
        self.budget_runs = {}
        for name, bs in self.batch_sizes.items():
            per = bs or self.n
            t = oc.run(self.opt, self.ls, x0, steps=self.budget // per, batch_size=bs, seed=self.seed,
                       record_state=False)
            self.budget_runs[name] = (per, t)

    def per_step(self, name) -> int:
        return self.batch_sizes[name] or self.n

    # ------------------------------------------------------------------ helpers
    def follow(self, plot, path, name):
        """Keep the plot's line on the path's current parameters and ring the samples of the current step."""
        run = self.runs[name]
        size = self.batch_sizes[name] or 0
        rings = VGroup(*[Circle(radius=0.1, color=optimizer_color(name), stroke_width=3) for _ in range(size)])
        state = {"k": None}

        def update_line(_):
            s = path.progress
            k = int(np.floor(s + 1e-9))
            pos = path.positions
            p = pos[min(k, path.n_steps)] if k >= path.n_steps else pos[k] + (s - k) * (pos[k + 1] - pos[k])
            plot.set_params(*p)

        def update_rings(_):
            k = int(np.floor(path.progress + 1e-9))
            if run.batch_indices is not None and k != state["k"]:
                state["k"] = k
                idx = run.batch_indices[k] if k < path.n_steps else []
                # a fixed pool of circles: the family never changes while an animation plays
                for j, ring in enumerate(rings):
                    if j < len(idx):
                        ring.move_to(plot.dots[idx[j]]).set_stroke(opacity=1.0)
                    else:
                        ring.set_stroke(opacity=0.0)

        plot.line.set_color(optimizer_color(name))
        plot.line.add_updater(update_line)
        rings.add_updater(update_rings)
        update_line(plot.line)
        update_rings(rings)
        return rings

    def stop_following(self, plot, rings):
        plot.line.clear_updaters()
        rings.clear_updaters()

    # ------------------------------------------------------------------ beats
    def show_problem(self):
        ls = self.ls
        self.lmap = LandscapeMap(ls, max_width=MAP_SLOT.width - 0.9, max_height=MAP_SLOT.height - 0.9)
        place(self.lmap, MAP_SLOT)
        self.plot = LineFitPlot(ls, width=4.6, height=2.5)
        self.plot.set_params(*ls.start)
        self.loss_tex = MathTex(ls.latex, font_size=34, color=TEXT)
        self.loss_tex.scale_to_fit_height(min(self.loss_tex.height, TITLE_SLOT.height))
        self.loss_tex.move_to(TITLE_SLOT.center)
        self.paths = {n: TrajectoryPath(self.runs[n], self.lmap, n, readout="free", readout_font_size=24,
                                        label=self.run_label(n), markers=False, stroke_width=3.5)
                      for n in self.batch_sizes}
        for p in self.paths.values():
            p.remove(p.readout)  # the readouts live in the panel, not on the map
        readouts = VGroup(*[p.readout for p in self.paths.values()]).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        self.panel = VGroup(self.plot, readouts).arrange(DOWN, buff=0.45, aligned_edge=LEFT)
        place(self.panel, PANEL_SLOT, aligned_edge=UP)
        self.plot.shift(RIGHT * 0.35)
        self.readouts = readouts
        self.caption = place_caption(CornerCaption(
            [(n, {"lr": self.lr, "batch_size": self.per_step(n)}) for n in self.batch_sizes],
            landscape=ls, seed=self.seed, font_size=20))
        # the kit puts "b" level with the tick "-1"; lift it between two ticks
        self.lmap.y_label.shift(UP * 0.5 * self.lmap.units_per_param()[1])
        start_dot = Dot(self.lmap.c2p(*ls.start), radius=0.08, color=TEXT)
        with self.voiceover(text="Time for a real model: a straight line, y equals w x plus b, "
                                 "fitted to sixty-four noisy points. "
                                 "Each line is one point on this map of w and b, "
                                 "coloured by its mean squared error on all the data.") as tracker:
            self.play(FadeIn(self.plot.frame_lines), FadeIn(self.plot.labels), run_time=0.5)
            self.play(FadeIn(self.plot.dots, lag_ratio=0.02), FadeIn(self.plot.line), run_time=1.0)
            self.wait(max(0.0, tracker.duration * 0.4 - 1.5))
            self.play(FadeIn(self.lmap), FadeIn(start_dot), run_time=0.8)
            self.play(Write(self.loss_tex), FadeIn(self.caption), run_time=1.2)
            self.wait(max(0.0, tracker.duration * 0.6 - 2.0))
        self.remove(start_dot)
        # the map (a heat-map image) at the bottom of the drawing order: the plot's line, added
        # before it and later driven by an updater, would otherwise make Cairo redraw it every frame
        # (the title formula and the caption never overlap the plot: static too)
        keep_static_first(self, self.lmap, self.loss_tex, self.caption)

    def run_label(self, name):
        return {"gd": "GD, 64 per step", "sgd": "SGD, 1 per step", "minibatch": "Mini-batch, 8"}[name]

    def draw_run(self, name, duration, start=None, end=None):
        path = self.paths[name]
        rings = self.follow(self.plot, path, name)
        self.add(rings)
        self.play(path.draw(start=start, end=end), run_time=duration)
        self.stop_following(self.plot, rings)
        self.remove(rings)

    def full_batch(self):
        path = self.paths["gd"]
        self.play(FadeIn(path), FadeIn(path.readout), run_time=0.4)
        with self.voiceover(text="Full-batch gradient descent averages the gradient over all sixty-four points "
                                 "for every step. It is smooth, but every step reads the whole data set.") as tracker:
            self.draw_run("gd", tracker.duration)

    def one_sample(self):
        path = self.paths["sgd"]
        self.play(FadeIn(path), FadeIn(path.readout), run_time=0.4)
        with self.voiceover(text="Stochastic gradient descent reads one random point per step, circled on the right. "
                                 "That is sixty-four times cheaper, but noisy: the path wanders, "
                                 "and it never quite settles.") as tracker:
            self.draw_run("sgd", tracker.duration)

    def noisy_gradients(self):
        k = self.noise_step
        run = self.runs["sgd"]
        p = run.positions[k]
        per = -self.lr * self.ls.per_sample_grad(p)
        zoom = self.noise_zoom
        fan = VGroup(*[ParamArrow(self.lmap, p, v, color=optimizer_color("sgd"), stroke_width=2, scale=zoom)
                       for v in per])
        fan.set_opacity(0.4)
        taken = ParamArrow.step(self.lmap, p, p + zoom * (run.positions[k + 1] - p), color=optimizer_color("sgd"),
                                stroke_width=6)
        full = ParamArrow(self.lmap, p, per.mean(axis=0), scale=zoom, color=optimizer_color("gd"), stroke_width=7)
        ring = Circle(radius=0.14, color=TEXT, stroke_width=3).move_to(self.lmap.c2p(*p))
        note = VGroup(
            self.note_row(optimizer_color("sgd"), "one point's step"),
            self.note_row(optimizer_color("gd"), "their average = full-batch step"),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        note.add(Text(f"(arrows \u00d7{zoom:g})", font=FONT, font_size=22, color=MUTED)
                 .next_to(note[0], RIGHT, buff=0.3))
        note.next_to(self.readouts, DOWN, buff=0.25).align_to(self.readouts, LEFT)
        lines = [self.paths[n].path for n in ("gd", "sgd")]
        with self.voiceover(text=f"Why? At step {k}, each point pulls its own way: the thin arrows. "
                                 "Their average, in white, is exactly the full-batch step. "
                                 "One random point is an honest guess of it, but a noisy one.") as tracker:
            self.play(FadeIn(ring), *[ln.animate.set_stroke(opacity=0.25) for ln in lines], run_time=0.6)
            t_fan = min(2.0, tracker.duration * 0.25)
            self.play(FadeIn(fan, lag_ratio=0.02), FadeIn(note[0]), FadeIn(note[2]), run_time=t_fan)
            self.play(FadeIn(taken), run_time=0.6)
            self.wait(tracker.duration * 0.2)
            self.play(FadeIn(full), FadeIn(note[1]), run_time=0.8)
            self.wait(max(0.0, tracker.duration - 2.0 - t_fan - tracker.duration * 0.2))
        self.play(FadeOut(VGroup(fan, taken, full, ring, note)),
                  *[ln.animate.set_stroke(opacity=1.0) for ln in lines], run_time=0.6)

    def note_row(self, color, text):
        sw = Line(LEFT * 0.22, RIGHT * 0.22, stroke_color=color, stroke_width=6)
        return VGroup(sw, Text(text, font=FONT, font_size=24, color=TEXT)).arrange(RIGHT, buff=0.15)

    def batch_contours(self, idx) -> VGroup:
        """Faint contours and the minimum of one mini-batch's own landscape, laid over the main map."""
        bl = self.ls.batch_landscape(idx)
        bm = LandscapeMap(bl, max_width=MAP_SLOT.width - 0.9, max_height=MAP_SLOT.height - 0.9, resolution=140,
                          n_contours=9, show_axes=False, show_markers="global", scale="linear")
        bm.scale(self.lmap.frame.width / bm.frame.width)
        bm.shift(self.lmap.frame.get_center() - bm.frame.get_center())
        color = optimizer_color("minibatch")
        group = VGroup(bm.contours.set_stroke(color=color, width=1.6, opacity=0.7), bm.minimum_markers)
        for m in bm.minimum_markers:
            m.set_fill(color, opacity=1.0)
        return group

    def mini_batches(self):
        name = "minibatch"
        path = self.paths[name]
        run = self.runs[name]
        maps = [self.batch_contours(run.batch_indices[k]) for k in range(self.n_batch_maps)]
        label = Text("this step's own landscape", font=FONT, font_size=24, color=optimizer_color(name))
        label.set_stroke(BACKGROUND, width=4, background=True)
        label.next_to(self.lmap.frame.get_corner(UP + RIGHT), DOWN + LEFT, buff=0.15)
        self.play(FadeIn(path), FadeIn(path.readout), run_time=0.4)
        with self.voiceover(text="Mini-batches sit in between: eight random points per step. "
                                 "Those eight make a landscape of their own, drawn faintly, with its own minimum. "
                                 "Each step follows a slightly different map, "
                                 "but eight points agree far better than one.") as tracker:
            per = min(1.6, tracker.duration * 0.55 / self.n_batch_maps)
            rings = self.follow(self.plot, path, name)
            self.add(rings)
            current = None
            for k, m in enumerate(maps):
                anims = [FadeIn(m)] + ([FadeOut(current)] if current is not None else [FadeIn(label)])
                self.play(*anims, run_time=0.35 * per)
                self.play(path.draw(start=k, end=k + 1), run_time=0.65 * per)
                current = m
            self.play(FadeOut(current), FadeOut(label), run_time=0.4)
            self.play(path.draw(), run_time=max(0.5, tracker.duration - per * self.n_batch_maps - 0.4))
            self.stop_following(self.plot, rings)
            self.remove(rings)

    def trade_off(self):
        chart = StepChart(self.budget, log_y=True, y_range=(1e-4, 10.0), width=4.6, height=2.4, font_size=22,
                          x_label="samples read", y_label="loss above the minimum")
        f_min = float(self.ls.f(self.ls.minima[0]))
        s = np.arange(self.budget + 1)
        for name, (per, t) in self.budget_runs.items():
            chart.add_series((t.losses - f_min)[s // per], optimizer=name, stroke_width=3)
        legend = Legend(list(self.batch_sizes), labels={n: self.run_label(n) for n in self.batch_sizes},
                        font_size=24)
        panel = VGroup(legend, chart).arrange(DOWN, buff=0.6, aligned_edge=LEFT)
        place(panel, PANEL_SLOT, aligned_edge=UP)
        panel.shift(RIGHT * 0.3)
        self.chart_panel = panel
        with self.voiceover(text="Now count the work in samples read, not in steps. "
                                 "Single points race ahead early but stay noisy. "
                                 "Full batch is smooth but slow. Mini-batches get most of both.") as tracker:
            self.play(FadeOut(self.panel), run_time=0.6)
            self.play(FadeIn(legend), FadeIn(chart.axes), run_time=0.6)
            self.add(chart)
            self.play(chart.draw(), run_time=max(1.0, tracker.duration - 1.2))

    def takeaway(self):
        line = Text("Small batches: cheap, noisy steps.  Large batches: costly, smooth steps.",
                    font=FONT, font_size=30, color=TEXT)
        line.scale_to_fit_width(min(line.width, TITLE_SLOT.width)).move_to(TITLE_SLOT.center)
        with self.voiceover(text="That, and hardware that handles many samples at once, "
                                 "is why nearly all deep learning trains on mini-batches.") as tracker:
            self.play(FadeOut(self.loss_tex), run_time=0.5)
            self.play(Write(line), run_time=min(2.0, tracker.duration - 0.5))
            self.wait(max(0.0, tracker.duration - 2.5))
