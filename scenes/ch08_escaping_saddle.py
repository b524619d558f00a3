"""Chapter 8: escaping a saddle. Plain gradient descent creeps off a ridge; momentum and Adam escape fast.

Render: ``manim -ql scenes/ch08_escaping_saddle.py EscapingASaddle``

Speed notes: the 3D surface is the expensive part (one Cairo path per face, re-drawn on every
frame the camera moves). Its shading is baked into the face colours once (kit ``bake_light``) and
the camera's per-frame shading is switched off; the faces have no outline stroke; 90-step paths
carry no per-step marker dots; the 2-D part runs with the camera reset to the plain top view.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DEGREES,
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UL,
    UP,
    UR,
    BackgroundRectangle,
    DashedLine,
    Dot,
    FadeIn,
    Line,
    ReplacementTransform,
    FadeOut,
    Indicate,
    MathTex,
    Text,
    VGroup,
    Write,
    linear,
)

import optim_core as oc
from scenes.kit import (
    BACKGROUND,
    FONT,
    MAP_SLOT,
    MUTED,
    PANEL,
    PANEL_SLOT,
    SAFE_RIGHT,
    SAFE_TOP,
    TEXT,
    TITLE_SLOT,
    CornerCaption,
    DrawSteps,
    LandscapeMap,
    LandscapeSurface,
    Legend,
    LiveText,
    StepChart,
    TrajectoryPath,
    camera_rotation,
    format_value,
    optimizer_color,
    place,
    place_caption,
)
from scenes.scene import ExplainerThreeDScene

__all__ = ["EscapingASaddle", "escape_step", "frame_center_for"]


def escape_step(traj, threshold: float) -> int | None:
    """First step at which the run is farther than ``threshold`` from the ridge ``y = 0`` (``None``: never)."""
    far = np.abs(traj.positions[:, 1]) > threshold
    return int(np.argmax(far)) if far.any() else None


def frame_center_for(phi: float, theta: float, zoom: float, spot) -> np.ndarray:
    """The 3D camera's ``frame_center`` that shows the world origin at screen point ``spot``.

    A world vector ``w`` with ``R w = (x, y, 0)`` moves the picture by ``-zoom * (x, y)`` on screen
    (no perspective change). Fixed-in-frame mobjects do not move. (Cairo's context matrix keeps the
    frame centre it had when the first frame was drawn -- the origin here -- so only the projection
    uses it; image mobjects would be shifted twice, so the map only appears once it is back at 0.)
    """
    rot = camera_rotation(phi, theta)
    return rot.T @ np.array([-spot[0] / zoom, -spot[1] / zoom, 0.0])


class EscapingASaddle(ExplainerThreeDScene):
    chapter = 8
    title = "Escaping a saddle"
    description = ("A saddle in 3D and from above: gradient descent creeps off the ridge, "
                   "momentum and Adam escape quickly.")

    #: start almost on the ridge y = 0 (one millionth off it)
    start = (-1.8, 1e-6)
    intro_steps = 70
    race_steps = 90
    #: the runs of the race: kit name -> (optim_core name, torch hyper-parameters)
    runs = {
        "gd": ("sgd", dict(lr=0.05)),
        "momentum": ("sgd", dict(lr=0.05, momentum=0.9)),
        "adam": ("adam", dict(lr=0.05)),
    }
    #: "escaped" = this far from the ridge (half-way to a valley floor at |y| = 1)
    escape_threshold = 0.5
    surface_resolution = 22
    #: 3D view: the surface sits left of centre (screen shift), leaving the right third for text
    phi, theta0, theta1, zoom3d = 62 * DEGREES, -62 * DEGREES, -42 * DEGREES, 0.78
    #: where the surface's centre appears on screen in the 3D beats
    screen_spot = (-2.4, -0.45)

    def construct(self):
        self.compute_runs()
        self.open_chapter()
        self.show_saddle()
        self.gd_creeps_on_the_ridge()
        self.why_it_creeps()
        self.two_valleys()
        self.race_in_3d()
        self.view_from_above()
        self.race_with_chart()
        self.takeaway()
        self.hold()

    # ------------------------------------------------------------------ data
    def compute_runs(self):
        self.saddle = oc.landscape("saddle")
        self.valleys = oc.landscape("saddle_valleys")
        self.opts = {name: oc.optimizer(torch, **hp) for name, (torch, hp) in self.runs.items()}
        x0 = np.array(self.start)
        self.intro_traj = oc.run(self.opts["gd"], self.saddle, x0, steps=self.intro_steps)
        self.race = {name: oc.run(opt, self.valleys, x0, steps=self.race_steps) for name, opt in self.opts.items()}
        self.escapes = {name: escape_step(t, self.escape_threshold) for name, t in self.race.items()}

    # ------------------------------------------------------------------ helpers
    def surface(self, landscape, z_height: float) -> LandscapeSurface:
        # shading baked into the faces once (the camera's own per-frame shading is switched off)
        return LandscapeSurface(landscape, resolution=self.surface_resolution, z_height=z_height, stroke_width=0,
                                z_clip_percentile=100, bake_light=self.renderer.camera.light_source)

    def frame_center_for(self, theta: float) -> np.ndarray:
        """The camera's frame centre that shows the world origin at ``screen_spot``."""
        return frame_center_for(self.phi, theta, self.zoom3d, self.screen_spot)

    def screen_marker(self, point, text: str) -> VGroup:
        """A flat dot and label at the screen position of 3D ``point`` (the camera must stay still)."""
        camera = self.renderer.camera
        camera.reset_rotation_matrix()
        p = camera.project_point(np.asarray(point, dtype=float))
        p = np.array([p[0], p[1], 0.0])
        dot = Dot(p, radius=0.07, color=TEXT, stroke_color=BACKGROUND, stroke_width=2)
        label = Text(text, font=FONT, font_size=26, color=TEXT)
        box = VGroup(BackgroundRectangle(label, color=PANEL, fill_opacity=0.85, buff=0.1, corner_radius=0.06), label)
        box.next_to(dot, DOWN, buff=0.55)
        lead = Line(dot.get_center(), box.get_top(), stroke_color=TEXT, stroke_width=2)
        mark = VGroup(lead, dot, box)
        self.add_fixed_in_frame_mobjects(mark)
        self.remove(mark)
        return mark

    def fade_in_fixed(self, *mobs, run_time: float = 0.8):
        """Fade in flat (fixed-in-frame) mobjects in the 3D scene."""
        self.add_fixed_in_frame_mobjects(*mobs)
        self.remove(*mobs)
        self.play(*[FadeIn(m) for m in mobs], run_time=run_time)

    def ridge_readout(self, path) -> VGroup:
        """Live 'step k   |y| = v' for a path on the saddle (fixed glyph pools: registered once as fixed-in-frame)."""
        step_label = Text("step", font=FONT, font_size=30, color=MUTED)
        step = LiveText("888", font_size=32, color=TEXT, max_chars=3)  # widest text: sets the layout
        dist_label = MathTex(r"|y| =", font_size=40, color=TEXT)
        dist = LiveText("8.88e\u22128", font_size=32, color=optimizer_color(path.optimizer), max_chars=7)
        row = VGroup(step_label, step, dist_label, dist).arrange(RIGHT, buff=0.2, aligned_edge=DOWN)
        back = BackgroundRectangle(row, color=PANEL, fill_opacity=0.85, buff=0.15, corner_radius=0.08)
        box = VGroup(back, row)
        box.next_to(self.formula, DOWN, buff=0.35).align_to(self.formula, RIGHT)
        self.add_fixed_in_frame_mobjects(box)

        def update(_):
            k = int(np.floor(path.progress + 1e-9))
            step.set_text(str(k))
            dist.set_text(format_value(abs(path.positions[k][1])))

        update(box)
        box.add_updater(update)
        return box

    # ------------------------------------------------------------------ beats
    def show_saddle(self):
        self.renderer.camera.should_apply_shading = False  # baked into the faces
        self.set_camera_orientation(phi=self.phi, theta=self.theta0, zoom=self.zoom3d,
                                    frame_center=self.frame_center_for(self.theta0))
        self.surf = self.surface(self.saddle, 2.6)
        formula = MathTex(self.saddle.latex, font_size=44, color=TEXT)
        formula.move_to([SAFE_RIGHT, SAFE_TOP, 0], aligned_edge=UR)
        self.formula = formula
        with self.voiceover(text="Not every flat spot is a valley. This surface is a saddle. "
                                 "Along x, the ground curves up. Along y, it curves down. "
                                 "Right in the middle, the slope is exactly zero.") as tracker:
            self.play(FadeIn(self.surf), run_time=1.0)
            self.fade_in_fixed(formula)
            move = min(3.5, max(1.0, tracker.duration - 3.0))
            self.move_camera(theta=self.theta1, frame_center=self.frame_center_for(self.theta1),
                             run_time=move, rate_func=linear)
            self.saddle_mark = self.screen_marker(self.surf.c2p(0.0, 0.0), "saddle point: slope 0")
            self.play(FadeIn(self.saddle_mark), run_time=0.6)
            self.wait(max(0.0, tracker.duration - move - 2.4))

    def gd_creeps_on_the_ridge(self):
        self.gd_intro = TrajectoryPath(self.intro_traj, self.surf, "gd", stroke_width=5, dot_radius=0.1,
                                       markers=False)
        self.readout = self.ridge_readout(self.gd_intro)
        self.add(self.gd_intro)
        with self.voiceover(text="Start gradient descent one millionth away from the ridge. "
                                 "It rolls into the middle quickly. "
                                 "Then it stalls there, step after step.") as tracker:
            self.play(self.gd_intro.draw(), run_time=tracker.duration)

    def why_it_creeps(self):
        g = 1 + 2 * self.opts["gd"].lr
        lines = VGroup(
            MathTex(r"\frac{\partial f}{\partial y} = -2y \approx 0", font_size=40, color=TEXT),
            MathTex(r"y_t = y_{t-1} + 2\gamma\, y_{t-1}", font_size=40, color=TEXT),
            MathTex(r"= " + f"{g:g}" + r"\; y_{t-1}", font_size=40, color=TEXT),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        lines[2].align_to(lines[1][0][4], LEFT)  # under the first "="
        lines.next_to(self.readout, DOWN, buff=0.45).align_to(self.readout, LEFT).shift(RIGHT * 0.15)
        with self.voiceover(text="The way out is sideways, along y. But the slope in that direction is "
                                 "two times y, and y is tiny. "
                                 f"So each step only multiplies the distance by {g:g}. "
                                 "It grows, but from almost nothing.") as tracker:
            self.fade_in_fixed(lines[0], run_time=0.8)
            self.wait(max(0.0, tracker.duration * 0.45 - 0.8))
            self.fade_in_fixed(lines[1], lines[2], run_time=0.8)
            self.play(Indicate(self.readout[1][3], color=optimizer_color("gd")), run_time=1.2)
            self.wait(max(0.0, tracker.duration * 0.55 - 2.0))
        self.why_lines = lines

    def two_valleys(self):
        new_surf = self.surface(self.valleys, 2.2)
        new_formula = MathTex(self.valleys.latex, font_size=44, color=TEXT).move_to(self.formula, aligned_edge=UR)
        self.readout.clear_updaters()
        self.add_fixed_in_frame_mobjects(new_formula)
        self.remove(new_formula)
        with self.voiceover(text="Real losses do not drop forever. Bend the sides up, and the saddle gets "
                                 "a valley on each side. Same start, one millionth off the ridge.") as tracker:
            self.play(FadeOut(self.gd_intro), FadeOut(self.readout), FadeOut(self.why_lines),
                      FadeOut(self.saddle_mark), run_time=0.7)
            self.remove(self.gd_intro, self.readout)
            # (FadeTransform would draw its in-between copies in 3D space: fade the fixed formulas instead)
            self.play(ReplacementTransform(self.surf, new_surf), FadeOut(self.formula), FadeIn(new_formula),
                      run_time=1.3)
            self.surf = new_surf
            self.wait(max(0.0, tracker.duration - 2.0))
        self.formula = new_formula

    def race_in_3d(self):
        names = list(self.race)
        self.paths3d = [TrajectoryPath(self.race[n], self.surf, n, stroke_width=5, dot_radius=0.1, markers=False)
                        for n in names]
        self.legend = Legend(names, font_size=32)
        self.legend.next_to(self.formula, DOWN, buff=0.4).align_to(self.formula, RIGHT)
        self.fade_in_fixed(self.legend, run_time=0.6)
        self.add(*self.paths3d)
        with self.voiceover(text="Now race three methods from there. Momentum collects the tiny pushes "
                                 "and builds up speed. Adam divides each step by the recent size of the "
                                 "gradient, so even a tiny slope gets a full-size step.") as tracker:
            self.play(*[p.draw() for p in self.paths3d], run_time=tracker.duration)

    def view_from_above(self):
        ls = self.valleys
        width = self.surf.xy_scale * (ls.bounds[0][1] - ls.bounds[0][0])  # the surface's footprint
        # the map where the 2-D part shows it, and a copy centred on the screen, as large as the
        # surface appears from straight above (zoom 0.9, frame centre back at the origin)
        zoom = 0.9
        self.lmap = LandscapeMap(ls, width=width, labels=("x", "y"))
        place(self.lmap, MAP_SLOT)
        start_map = self.lmap.copy()
        start_map.shift(-start_map.frame.get_center()).scale(zoom, about_point=ORIGIN)
        world_map = start_map.copy().scale(1 / zoom, about_point=ORIGIN)
        self.map_at_center = start_map
        with self.voiceover(text="Let's look from straight above, and count the steps.") as tracker:
            self.play(FadeOut(self.formula), FadeOut(self.legend), run_time=0.5)
            self.move_camera(phi=0, theta=-90 * DEGREES, zoom=zoom, frame_center=ORIGIN,
                             run_time=max(1.5, tracker.duration - 1.1))
            self.play(FadeIn(world_map), run_time=0.6)
        # swap to a plain camera (world = screen): nothing visible moves
        self.remove(self.surf, *self.paths3d, world_map)
        self.set_camera_orientation(zoom=1.0)
        self.add(start_map)

    def race_with_chart(self):
        names = list(self.race)
        self.paths = [TrajectoryPath(self.race[n], self.lmap, n, markers=False, stroke_width=4) for n in names]
        chart = StepChart(self.race_steps, y_range=(self.start[1], 2.0), log_y=True, width=4.5, height=2.5,
                          y_label="distance from the ridge  |y|", font_size=24)
        chart.set_progress(0)
        thr = self.escape_threshold
        guide = DashedLine(chart.c2p(0, thr), chart.c2p(self.race_steps, thr), stroke_color=TEXT,
                           stroke_width=2, dash_length=0.08, stroke_opacity=0.7)
        guide_label = Text("half-way", font=FONT, font_size=22, color=TEXT)
        # below the line where no run passes (GD is still far down there, the others are above)
        guide_label.next_to(chart.c2p(44, thr), DOWN, buff=0.1, aligned_edge=LEFT)
        legend = Legend(names, font_size=30)
        self.legend2 = legend
        chart_group = VGroup(chart, guide, guide_label)
        panel = VGroup(legend, chart_group).arrange(DOWN, buff=0.45, aligned_edge=LEFT)
        place(panel, PANEL_SLOT, aligned_edge=UL)
        for n in names:
            chart.add_series(np.abs(self.race[n].positions[:, 1]), optimizer=n)
        caption = place_caption(CornerCaption(list(self.opts.values()), landscape=self.valleys, seed=0,
                                              extra=f"start ({self.start[0]:g}, 10\u207b\u2076)", font_size=22))
        self.chart, self.panel, self.caption = chart, panel, caption
        self.play(self.map_at_center.animate.scale(self.lmap.width / self.map_at_center.width)
                  .move_to(self.lmap), run_time=0.8)
        self.remove(self.map_at_center)
        self.add(self.lmap)
        self.play(FadeIn(panel), FadeIn(caption), run_time=0.8)
        self.add(*self.paths)
        e = self.escapes
        with self.voiceover(text="The chart shows the distance from the ridge on a log scale. "
                                 f"Gradient descent needs {e['gd']} steps to get half-way to a valley. "
                                 f"Momentum needs {e['momentum']}. "
                                 f"Adam needs only {e['adam']}.") as tracker:
            # draw the chart's lines one by one: animating the whole chart would redraw its axes every frame
            self.play(*[p.draw() for p in self.paths], *[DrawSteps(s) for s in chart.series],
                      run_time=tracker.duration)

    def takeaway(self):
        e = self.escapes
        counts = VGroup()
        for n in self.race:
            row = self.legend2.entry(n)
            t = Text(f"{e[n]} steps", font=FONT, font_size=30, color=TEXT)
            t.next_to(row, RIGHT, buff=0.6).align_to(row.label, DOWN)
            counts.add(t)
        x = max(t.get_left()[0] for t in counts)
        for t in counts:
            t.set_x(x, direction=LEFT)
        note = Text("to get half-way", font=FONT, font_size=20, color=MUTED)
        note.next_to(counts, DOWN, buff=0.12).align_to(counts, LEFT)
        counts.add(note)
        line = Text("Saddles stall gradient descent; momentum and adaptive steps escape.",
                    font=FONT, font_size=34, color=TEXT)
        line.scale_to_fit_width(min(line.width, TITLE_SLOT.width)).move_to(TITLE_SLOT.center)
        with self.voiceover(text="So a saddle does not trap gradient descent. It stalls it. "
                                 "Momentum and adaptive step sizes get it moving again.") as tracker:
            self.play(FadeIn(counts), run_time=0.8)
            self.play(Write(line), run_time=min(2.0, tracker.duration - 0.8))
            self.wait(max(0.0, tracker.duration - 2.8))
