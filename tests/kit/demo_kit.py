"""Demo scenes showing every kit picture, for looking at (``manim -ql -s tests/kit/demo_kit.py KitRavine``).

Not part of the video. Each scene ends on the still worth checking by eye.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DEGREES,
    DOWN,
    LEFT,
    RIGHT,
    UL,
    UP,
    Group,
    Scene,
    Text,
    ThreeDScene,
    VGroup,
    config,
)

import optim_core as oc
from scenes.kit import (
    BACKGROUND,
    FONT,
    FULL_SLOT,
    MAP_SLOT,
    PANEL_SLOT,
    TEXT,
    TITLE_SLOT,
    ClipCircle,
    CoordinateBars,
    CornerCaption,
    EffectiveLRChart,
    LandscapeMap,
    LandscapeSurface,
    Legend,
    LookAhead,
    LossChart,
    ParamArrow,
    ScheduleChart,
    TrajectoryPath,
    UpdateRule,
    place,
    place_caption,
    place_legend,
)

config.background_color = BACKGROUND


def title(text: str) -> Text:
    return Text(text, font=FONT, font_size=40, color=TEXT).move_to(TITLE_SLOT.center)


class KitRavine(Scene):
    """Map, three synchronised paths with readouts, legend, caption, update rule with highlights."""

    def construct(self):
        ls = oc.landscape("ravine")
        lmap = LandscapeMap(ls, max_width=MAP_SLOT.width - 0.8, max_height=MAP_SLOT.height - 0.8)
        place(lmap, MAP_SLOT)
        opts = {
            "gd": oc.optimizer("gd", lr=0.4),
            "momentum": oc.optimizer("momentum", lr=0.05, momentum=0.8),
            "nesterov": oc.optimizer("nesterov", lr=0.05, momentum=0.8),
        }
        paths = [TrajectoryPath(oc.run(o, ls, ls.start, steps=40), lmap, n, readout="free") for n, o in opts.items()]
        readouts = VGroup(*[p.readout for p in paths]).arrange(DOWN, aligned_edge=LEFT, buff=0.14)
        rule = UpdateRule(opts["momentum"]).highlight("lr", "grad", "momentum")
        panel = VGroup(readouts, rule).arrange(DOWN, aligned_edge=LEFT, buff=0.5)
        place(panel, PANEL_SLOT, aligned_edge=UL)
        legend = place_legend(Legend(list(opts)))
        panel.shift(DOWN * (panel.get_top()[1] - legend.get_bottom()[1] + 0.3))
        caption = place_caption(CornerCaption(list(opts.values()), landscape=ls, seed=0))
        self.add(lmap, title("Momentum damps the zig-zag"), legend, caption, rule)
        self.play(*[p.draw() for p in paths], run_time=2)
        self.wait(0.2)


class KitLearningRates(Scene):
    """Three step sizes side by side; the large one diverges, leaves its map and is labelled."""

    def construct(self):
        ls = oc.landscape("ravine")
        maps, paths = Group(), []
        for lr, name, label in [(0.02, "gd", "too small"), (0.3, "gd", "good"), (0.7, "gd", "too large")]:
            m = LandscapeMap(ls, max_width=3.4, max_height=2.5, tick_font_size=20, label_font_size=28)
            t = oc.run(oc.optimizer("gd", lr=lr), ls, ls.start, steps=60)
            p = TrajectoryPath(t, m, name, readout="free", label=f"lr {lr}", readout_font_size=22)
            maps.add(Group(Text(label, font=FONT, font_size=32, color=TEXT), m).arrange(DOWN, buff=0.25))
            paths.append(p)
        maps.arrange(RIGHT, buff=0.55).move_to(UP * 0.6)
        for g, p in zip(maps, paths):
            p.readout.next_to(g, DOWN, buff=0.25)
        caption = place_caption(CornerCaption([("gd", {"lr": "0.02 / 0.3 / 0.7"})], landscape=ls, seed=0))
        self.add(maps, title("Three learning rates, same start"), caption)
        self.play(*[p.draw() for p in paths], run_time=2)
        self.wait(0.2)


class KitCharts(Scene):
    """Loss chart (log), effective-lr chart and bars for AdaGrad, schedule chart with cursor."""

    def construct(self):
        ls = oc.landscape("steep_flat")
        runs = {
            "adagrad": oc.run(oc.optimizer("adagrad", lr=0.5), ls, ls.start, steps=100),
            "rmsprop": oc.run(oc.optimizer("rmsprop", lr=0.05), ls, ls.start, steps=100),
            "gd": oc.run(oc.optimizer("gd", lr=0.15), ls, ls.start, steps=100),
        }
        loss = LossChart(100, width=4.2, height=1.9)
        for n, t in runs.items():
            loss.add_losses(t.losses, n)
        eff = EffectiveLRChart(runs["adagrad"].effective_lr, optimizer="adagrad", width=4.2, height=1.9,
                               y_label="AdaGrad: effective learning rate")
        bars = CoordinateBars(runs["adagrad"].effective_lr, optimizer="adagrad", title="lr / \u221aG", length=3.2)
        sched = ScheduleChart(oc.run(oc.optimizer("gd", lr=0.1), ls, ls.start, steps=100,
                                     schedule=oc.schedule("cosine", T_max=100, eta_min=0.01)).lrs,
                              width=4.2, height=1.9, y_label="cosine schedule: learning rate")
        left = VGroup(loss, eff).arrange(DOWN, buff=0.6, aligned_edge=LEFT)
        right = VGroup(bars, sched).arrange(DOWN, buff=0.8, aligned_edge=LEFT)
        body = VGroup(left, right).arrange(RIGHT, buff=1.2)
        legend = Legend(list(runs), direction=RIGHT).move_to(TITLE_SLOT.center).to_edge(RIGHT, buff=0.72)
        place(body, FULL_SLOT)
        self.add(body, legend, title("Charts").to_edge(LEFT, buff=0.72))
        self.play(loss.draw(), eff.draw(), bars.draw(), sched.draw(), run_time=2)
        self.wait(0.2)


class KitArrows(Scene):
    """Gradient, step, velocity, look-ahead, decay arrows and the clipping circle; the rule tied to the picture."""

    def construct(self):
        ls = oc.landscape("bowl")
        lmap = LandscapeMap(ls, max_width=MAP_SLOT.width - 0.8, max_height=MAP_SLOT.height - 0.6)
        place(lmap, MAP_SLOT)
        opt = oc.optimizer("momentum", lr=0.1, momentum=0.9)
        t = oc.run(opt, ls, ls.start, steps=12)
        path = TrajectoryPath(t, lmap, "momentum").set_progress(4)
        k = 4
        xy = t.positions[k]
        grad = ParamArrow.gradient(lmap, xy, scale=0.25)
        vel = ParamArrow.velocity(lmap, xy, -opt.lr * opt.momentum * t.velocity[k - 1], scale=1.0,
                                  label=r"-\gamma\mu b_{t-1}")
        look = LookAhead(lmap, xy, -opt.lr * opt.momentum * t.velocity[k - 1])
        decay = ParamArrow.decay(lmap, t.positions[1], lr=0.1, weight_decay=2.0)
        clip = ClipCircle(lmap, xy, radius=0.5)
        rule = UpdateRule(opt, font_size=40)
        place(rule, PANEL_SLOT)
        rule.highlight("grad", "momentum", "lr")
        tie = rule.tie("grad", grad.arrow)
        self.add(lmap, path, grad, vel, look, decay, clip, rule, tie, title("Arrows"))
        self.wait(0.1)


class KitSurface(ThreeDScene):
    """The saddle as a surface with GD and momentum lifted onto it."""

    def construct(self):
        ls = oc.landscape("saddle")
        surf = LandscapeSurface(ls, resolution=24)
        self.set_camera_orientation(phi=62 * DEGREES, theta=-55 * DEGREES, zoom=0.95)
        x0 = np.array([-1.8, 0.05])
        a = TrajectoryPath(oc.run(oc.optimizer("gd", lr=0.05), ls, x0, steps=40), surf, "gd")
        b = TrajectoryPath(oc.run(oc.optimizer("momentum", lr=0.05, momentum=0.9), ls, x0, steps=40), surf, "momentum")
        legend = place_legend(Legend(["gd", "momentum"]))
        self.add_fixed_in_frame_mobjects(legend)
        self.add(surf)
        self.play(a.draw(), b.draw(), run_time=2)
        self.wait(0.1)


class KitMaps(Scene):
    """Every built-in landscape as a small map (readability of ticks is not the point here)."""

    def construct(self):
        maps = Group(*[
            Group(Text(oc.landscape(n).title, font=FONT, font_size=18, color=TEXT),
                  LandscapeMap(oc.landscape(n), max_width=2.5, max_height=1.9, tick_font_size=14, label_font_size=20))
            .arrange(DOWN, buff=0.1)
            for n in oc.landscape_names()
        ])
        maps.arrange_in_grid(rows=3, buff=(0.5, 0.3)).scale_to_fit_height(7.2)
        self.add(maps)
