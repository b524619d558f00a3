"""Chapter 5: momentum and Nesterov. A heavy ball damps gradient descent's zig-zag in a ravine; too much
momentum overshoots; Nesterov's look-ahead brakes earlier.

Render: ``manim -ql scenes/ch05_momentum_nesterov.py MomentumAndNesterov``
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    DR,
    LEFT,
    RIGHT,
    UL,
    UP,
    Circumscribe,
    BackgroundRectangle,
    Create,
    FadeIn,
    FadeOut,
    GrowArrow,
    Text,
    VGroup,
    Write,
)

import optim_core as oc
from scenes.kit import (
    FONT,
    GRADIENT_COLOR,
    MAP_SLOT,
    MUTED,
    PANEL,
    PANEL_SLOT,
    SAFE_LEFT,
    SAFE_RIGHT,
    TEXT,
    TITLE_SLOT,
    VELOCITY_COLOR,
    CornerCaption,
    LandscapeMap,
    Legend,
    LookAhead,
    ParamArrow,
    TrajectoryPath,
    UpdateRule,
    display_name,
    optimizer_color,
    place,
    place_caption,
)
from scenes.scene import ExplainerScene

__all__ = ["MomentumAndNesterov", "steps_to"]


def steps_to(traj, loss: float) -> int | None:
    """First step whose loss is below ``loss`` and stays below it (``None``: never within the run)."""
    ok = np.asarray(traj.losses) < loss
    if not ok[-1]:
        return None
    bad = np.where(~ok)[0]
    return int(bad[-1] + 1) if len(bad) else 0


class MomentumAndNesterov(ExplainerScene):
    chapter = 5
    title = "Momentum and Nesterov"
    description = ("In a narrow ravine gradient descent zig-zags; momentum builds velocity along the floor; "
                   "too much momentum overshoots; Nesterov looks ahead and brakes earlier.")

    steps = 60
    #: the runs: key -> (optim_core name, torch hyper-parameters); all start at the ravine's start
    runs = {
        "gd": ("gd", dict(lr=0.45)),
        "momentum": ("momentum", dict(lr=0.3, momentum=0.6)),
        "heavy": ("momentum", dict(lr=0.3, momentum=0.9)),
        "nesterov": ("nesterov", dict(lr=0.3, momentum=0.9)),
    }
    #: magnification of the velocity / gradient arrows (one step is short on this map); the look-ahead is true size
    arrow_scale = 2.0
    #: Nesterov step shown with its look-ahead (the slope there brakes the swing harder than here)
    look_step = 3
    #: "reached the bottom": loss below this for good
    target_loss = 1e-2

    def construct(self):
        self.compute_runs()
        self.open_chapter()
        self.show_ravine_and_gd()
        self.heavy_ball_rule()
        self.velocity_plus_gradient()
        self.momentum_race()
        self.too_much_momentum()
        self.nesterov_look_ahead()
        self.takeaway()
        self.hold()

    # ------------------------------------------------------------------ data
    def compute_runs(self):
        self.ls = oc.landscape("ravine")
        self.opts = {k: oc.optimizer(n, **hp) for k, (n, hp) in self.runs.items()}
        self.trajs = {k: oc.run(o, self.ls, self.ls.start, steps=self.steps) for k, o in self.opts.items()}
        self.reach = {k: steps_to(t, self.target_loss) for k, t in self.trajs.items()}

    # ------------------------------------------------------------------ helpers
    def heading(self, text: str) -> Text:
        return self.heading_text(text, left=True)

    def set_heading(self, text: str, run_time: float = 0.6):
        new = self.heading(text)
        if getattr(self, "head", None) is None:
            self.play(FadeIn(new), run_time=run_time)
        else:
            self.play(FadeOut(self.head, shift=0.2 * UP), FadeIn(new, shift=0.2 * UP), run_time=run_time)
        self.head = new

    def path(self, key: str, **kwargs) -> TrajectoryPath:
        name = "momentum" if key == "heavy" else key
        label = {k: f"{display_name(self.runs[k][0])} \u03bc {self.opts[k].momentum:g}"
                 for k in ("momentum", "heavy", "nesterov")}.get(key)
        return TrajectoryPath(self.trajs[key], self.lmap, name, readout="free", label=label,
                              readout_font_size=24, **kwargs)

    @staticmethod
    def fit_right(mob, right: float = SAFE_RIGHT):
        """Shrink ``mob`` about its left edge until it ends left of ``right``."""
        if mob.get_right()[0] > right:
            mob.scale((right - mob.get_left()[0]) / mob.width, about_edge=LEFT)
        return mob

    @staticmethod
    def dim(tpath: TrajectoryPath, opacity: float):
        """Fade a drawn path (line, dot, shown step markers) without touching its hidden parts."""
        tpath.path.set_stroke(opacity=opacity)
        tpath.path.set_stroke(opacity=0.85 * opacity, background=True)
        tpath.dot.set_fill(opacity=opacity).set_stroke(opacity=opacity)
        k = int(np.floor(tpath.progress + 1e-9))
        for m, step in zip(tpath.markers, tpath._marker_steps):
            if step <= k:
                m.set_fill(opacity=0.9 * opacity)
        return tpath

    def stack_readout(self, tpath: TrajectoryPath, row: int):
        """Readouts below the map: GD and momentum side by side, Nesterov under them (three rows did not
        fit above the caption)."""
        top = self.lmap.get_bottom()[1] - 0.1
        x = SAFE_LEFT + 0.1 + (self.gd.readout.width + 0.35 if row == 1 else 0.0)
        tpath.readout.move_to([x, top - (0.5 if row == 2 else 0.0), 0], aligned_edge=UL)
        self.fit_right(tpath.readout)

    # ------------------------------------------------------------------ beats
    def show_ravine_and_gd(self):
        self.lmap = LandscapeMap(self.ls, width=6.4)
        self.lmap.shift([SAFE_LEFT + 0.85, TITLE_SLOT.bottom - 0.15, 0] - self.lmap.frame.get_corner(UL))
        self.legend = Legend(["gd", "momentum", "nesterov"], font_size=28)
        o = self.opts
        self.caption = place_caption(CornerCaption(
            [("gd", {"lr": o["gd"].lr}),
             ("momentum", {"lr": o["momentum"].lr, "momentum": f"{o['momentum'].momentum:g} / {o['heavy'].momentum:g}"}),
             ("nesterov", {"lr": o["nesterov"].lr, "momentum": o["nesterov"].momentum})], landscape=self.ls, seed=0,
            max_width=12.8))
        self.gd = self.path("gd")
        self.stack_readout(self.gd, 0)
        self.set_heading("A narrow ravine: gradient descent zig-zags")
        self.add(self.lmap)  # static background before anything moves
        self.play(FadeIn(self.lmap), FadeIn(self.caption), run_time=0.8)
        self.add(self.gd)
        with self.voiceover(text="A long, narrow ravine. The slope points mostly across it, not along it. "
                                 "So gradient descent bounces from wall to wall, and creeps along the floor.") as tracker:
            self.play(self.gd.draw(), run_time=tracker.duration)

    def heavy_ball_rule(self):
        self.rule = UpdateRule(self.opts["momentum"], font_size=34).highlight("momentum", "grad", "lr", "mu")
        self.rule_title = Text("Momentum (heavy ball)", font=FONT, font_size=30, color=optimizer_color("momentum"))
        block = VGroup(self.rule_title, self.rule).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        block.move_to([self.lmap.frame.get_right()[0] + 0.5, self.lmap.frame.get_top()[1], 0], aligned_edge=UL)
        self.fit_right(block)
        self.rule_block = block
        self.set_heading("Momentum: give the point some mass")
        with self.voiceover(text="Momentum gives the point some mass. It keeps a velocity, b. "
                                 "Each step, the old velocity shrinks by a factor mu, and the new gradient "
                                 "is added. The point moves along the velocity.") as tracker:
            self.play(FadeIn(self.rule_title), run_time=0.5)
            self.play(Write(self.rule), run_time=min(2.5, tracker.duration * 0.3))
            rest = tracker.duration - 3.0
            self.play(self.rule.indicate("momentum"), run_time=max(0.5, rest * 0.4))
            self.play(self.rule.indicate("grad"), run_time=max(0.5, rest * 0.3))
            self.play(self.rule.indicate("theta"), run_time=max(0.5, rest * 0.3))

    def velocity_plus_gradient(self):
        opt, t = self.opts["momentum"], self.trajs["momentum"]
        # the step where the carried velocity and the new gradient push hardest against each other sideways
        vy = -opt.momentum * t.velocity[1:9, 1]
        gy = -t.grads[2:10, 1]
        k = 2 + int(np.argmax(np.where(vy * gy < 0, np.minimum(abs(vy), abs(gy)), -1)))
        self.mom = self.path("momentum")
        self.mom.set_progress(k)
        xy = t.positions[k]
        s = self.arrow_scale
        v = -opt.lr * opt.momentum * t.velocity[k - 1]
        vel = ParamArrow(self.lmap, xy, v, scale=s, color=VELOCITY_COLOR, label=r"-\gamma\mu\, b_{t-1}",
                         label_font_size=32, label_side=LEFT)
        grad = ParamArrow(self.lmap, xy + s * v, -opt.lr * t.grads[k], scale=s, color=GRADIENT_COLOR,
                          label=r"-\gamma\, g_t", label_font_size=32, label_side=RIGHT)
        step = ParamArrow.step(self.lmap, xy, xy + s * (t.positions[k + 1] - xy), color=optimizer_color("momentum"),
                               stroke_width=6)
        note = Text(f"arrows drawn \u00d7{s:g}", font=FONT, font_size=22, color=TEXT)
        note = VGroup(BackgroundRectangle(note, color=PANEL, fill_opacity=0.85, buff=0.08, corner_radius=0.05), note)
        note.move_to(self.lmap.frame.get_corner(DR) + 0.1 * (UP + LEFT), aligned_edge=DR)
        self.dim(self.gd, 0.35)
        self.stack_readout(self.mom, 1)
        self.add(self.mom)
        with self.voiceover(text="In blue, the velocity carried over. In red, the new gradient, pushing "
                                 "against the old swing. Their sum is the step, and it runs along the floor.") as tracker:
            self.play(GrowArrow(vel.arrow), FadeIn(vel.label), FadeIn(note), run_time=1.2)
            self.wait(max(0.0, tracker.duration * 0.3 - 1.2))
            self.play(GrowArrow(grad.arrow), FadeIn(grad.label), run_time=1.2)
            self.wait(max(0.0, tracker.duration * 0.35 - 1.2))
            self.play(GrowArrow(step.arrow), run_time=1.0)
            self.wait(max(0.0, tracker.duration * 0.35 - 1.0))
        self.arrows = VGroup(vel, grad, step, note)

    def momentum_race(self):
        self.dim(self.gd, 1.0)
        self.play(FadeOut(self.arrows), run_time=0.6)
        self.legend.next_to(self.rule_block, DOWN, buff=0.3).align_to(self.rule_block, LEFT)
        self.legend.entry("nesterov").set_opacity(0)
        self.set_heading("Sideways pushes cancel, pushes along the floor add up")
        r = self.reach
        with self.voiceover(text="Across the ravine the pushes change sign and cancel. Along the floor "
                                 "they add up. Even with a smaller step size, momentum settles in "
                                 f"{r['momentum']} steps. Gradient descent needs {r['gd']}.") as tracker:
            self.play(FadeIn(self.legend), run_time=0.5)
            self.play(self.mom.draw(), run_time=tracker.duration - 0.5)

    def too_much_momentum(self):
        self.heavy = self.path("heavy")
        self.stack_readout(self.heavy, 1)
        label = Text(f"\u03bc = {self.opts['heavy'].momentum:g}", font=FONT, font_size=28,
                     color=optimizer_color("momentum"))
        xmax = int(np.argmax(self.trajs["heavy"].positions[:, 0]))
        label.next_to(self.lmap.c2p(*self.trajs["heavy"].positions[xmax]), RIGHT, buff=0.2)
        label.set_stroke("#0E1117", width=4, background=True)
        self.set_heading("Too much momentum overshoots")
        with self.voiceover(text="But a heavy ball is hard to stop. With mu at "
                                 f"{self.opts['heavy'].momentum:g}, it races past the minimum, swings back, "
                                 "and overshoots again.") as tracker:
            self.dim(self.gd, 0.25)
            self.play(FadeOut(self.mom), run_time=0.6)
            self.play(FadeIn(self.heavy), run_time=0.3)
            self.play(self.heavy.draw(end=xmax), run_time=max(1.0, tracker.duration * 0.5 - 0.9))
            self.play(FadeIn(label), run_time=0.4)
            self.play(self.heavy.draw(), run_time=max(1.0, tracker.duration * 0.5 - 0.4))
        self.heavy_label = label

    def nesterov_look_ahead(self):
        opt, t = self.opts["nesterov"], self.trajs["nesterov"]
        k = self.look_step
        self.nes = self.path("nesterov")
        self.stack_readout(self.nes, 2)
        self.nes.set_progress(k)
        xy = t.positions[k]
        jump = -opt.lr * opt.momentum * t.velocity[k - 1]
        look = LookAhead(self.lmap, xy, jump)
        look.label.next_to(look.point, DOWN, buff=0.12)
        here = ParamArrow.gradient(self.lmap, xy, scale=opt.lr, label=None, stroke_width=4)
        here.set_opacity(0.5)
        grad = ParamArrow.gradient(self.lmap, xy + jump, scale=opt.lr, label=r"-\gamma\nabla f", label_font_size=32,
                                   label_side=RIGHT)
        note = VGroup()
        new_rule = UpdateRule(self.opts["nesterov"], font_size=34).highlight("momentum", "grad", "lr", "mu")
        new_title = Text("Nesterov (look-ahead)", font=FONT, font_size=30, color=optimizer_color("nesterov"))
        new_block = VGroup(new_title, new_rule).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        new_block.move_to(self.rule_block, aligned_edge=UL)
        self.fit_right(new_block)
        self.dim(self.heavy, 0.25)
        self.dim(self.gd, 0.15)
        self.heavy_label.set_opacity(0.25)
        self.add(self.nes)
        self.set_heading("Nesterov: look where you are going")
        with self.voiceover(text="Nesterov's fix: look ahead. Follow the velocity to where it is taking you, "
                                 "measure the slope there, and correct early. PyTorch stores the look-ahead "
                                 "point itself, so its rule adds mu times the new velocity.") as tracker:
            self.play(Create(look.arrow), FadeIn(look.point), FadeIn(look.label), run_time=1.5)
            self.play(GrowArrow(grad.arrow), FadeIn(grad.label), FadeIn(here), run_time=1.2)
            self.wait(max(0.0, tracker.duration * 0.5 - 2.7))
            self.play(FadeOut(self.rule_block), FadeIn(new_block), run_time=1.0)
            mu_b = VGroup(new_rule.part("mu")[-1], *new_rule.part("momentum")[-2:])  # the last "mu b_t"
            self.play(Circumscribe(mu_b, color=VELOCITY_COLOR),
                      run_time=max(1.0, tracker.duration * 0.5 - 1.0))
        self.rule_block = new_block
        self.look = VGroup(look, grad, here)
        self.legend.entry("nesterov").set_opacity(1)
        r = self.reach
        with self.voiceover(text="Same step size, same mu. Nesterov brakes earlier, swings less, "
                                 "and settles while the heavy ball is still rocking.") as tracker:
            self.play(FadeOut(self.look), FadeIn(self.legend.entry("nesterov")), run_time=0.6)
            self.play(self.nes.draw(), run_time=tracker.duration - 0.6)

    def takeaway(self):
        self.set_heading("Momentum glides; Nesterov keeps the speed in check")
        with self.voiceover(text="So momentum turns a zig-zag into a glide. Too much of it overshoots, "
                                 "and a look ahead keeps the speed under control.") as tracker:
            # all three stay readable: the glide (Nesterov) on top, the overshoot and the zig-zag behind it
            self.dim(self.heavy, 0.6)
            self.dim(self.gd, 0.4)
            self.play(self.heavy_label.animate.set_opacity(0.8), run_time=1.0)
            self.wait(max(0.0, tracker.duration - 1.0))
