"""Chapter 12: the race, run as a fair experiment. Nine optimizers (AdamW with its weight decay at 0 is Adam),
the same grid of learning rates for each, four starts per landscape, one budget of steps; a start counts as
settled only if its run never leaves the map (``tune_lr(bounded=True)``: a run that leaves and comes back
does not settle), and on Himmelblau only in the pit nearest it (every run has one target, its start's own minimum); a rate is safe
only if it and both its grid neighbours settle (an edge-of-stability rate does not win), the pick is the safe
rate with the lowest mean settle step, and that mean is the score everywhere (bars, untuned table, recap);
a margin under TIE (20%) is called a tie, in the verdicts and in the recap. Three rounds (Rosenbrock, Himmelblau, Beale) as a race clock of ranked
bars beside the map; then an untuned round with PyTorch's default learning rates (momentum and Nesterov at
the usual mu 0.9: torch.optim.SGD's own default is no momentum); a recap checked against the table.

Render: ``manim -ql scenes/ch12_the_race.py TheRace``

The grid search is ``optim_core.analysis.tune_lr`` (cached on disk, so a render does not redo it).
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    BackgroundRectangle,
    Circle,
    Create,
    Cross,
    DashedLine,
    DashedVMobject,
    Dot,
    FadeIn,
    FadeOut,
    Group,
    Line,
    Rectangle,
    Square,
    Star,
    VMobject,
    ValueTracker,
    VGroup,
)

import optim_core as oc
from optim_core.analysis import lr_grid, nearest_minimum, settle_step, tune_lr
from scenes.kit import (
    MUTED,
    PANEL,
    STAGE,
    TEXT,
    LandscapeMap,
    TrajectoryPath,
    display_name,
    optimizer_color,
    text,
)
from scenes.kit.layout import SAFE_BOTTOM, SAFE_LEFT, SAFE_RIGHT
from scenes.scene import ExplainerScene

__all__ = ["TheRace", "RACERS", "LANDSCAPES", "STEPS", "TOLERANCE", "GRID", "race_starts"]

#: the racers (AdamW runs with weight decay 0, which makes its steps Adam's: it races as Adam)
RACERS = ("gd", "momentum", "nesterov", "adagrad", "adadelta", "rmsprop", "adam", "adamax", "nadam")
LANDSCAPES = ("rosenbrock", "himmelblau", "beale")
#: the budget: steps per run, "settled" = the loss stays within TOLERANCE of the minimum from that step on
STEPS = 1000
TOLERANCE = 1e-3
#: one grid of learning rates for every optimizer: 1, 1.5, 2, 3, 5, 7 times 0.0001 ... 10
GRID = lr_grid(-4, 1, (1, 1.5, 2, 3, 5, 7))
#: four starts per landscape: its story start and three around it (Himmelblau: one near each of its pits)
START_OFFSETS = ((0.0, 0.0), (0.3, 0.3), (-0.3, 0.3), (0.3, -0.3))
#: Himmelblau's starts: 40% of the way from its hilltop to each of its four minima (rounded to 0.1)
PIT_FRACTION = 0.4
#: a run counts as settled only if it never leaves the map (the landscape's display bounds), in every round
BOUNDED = True
#: a margin under this fraction of the leader's score is a tie (verdicts and recap alike)
TIE = 0.2
#: the example of the safe-rate rule
EXAMPLE = ("himmelblau", "gd")
ROUND_TITLES = {
    "rosenbrock": "Round 1 \u00b7 Rosenbrock: a long, curved valley",
    "himmelblau": "Round 2 \u00b7 Himmelblau: four equal minima",
    "beale": "Round 3 \u00b7 Beale: a curving valley, a flat plateau",
}
EDGE_COLOR = "#FF6B6B"
#: the fastest rate of the example (not safe): its own colour, apart from its failing neighbour's
FAST_COLOR = "#56B4E9"
PICK_COLOR = TEXT
#: the loss panel's runs: too small, the pick, too large
LOSS_COLORS = ("#FFB000", PICK_COLOR, EDGE_COLOR)
#: one colour per optimizer across the rounds (the palette's momentum and AdaGrad are both orange)
CHAPTER_COLORS = {"momentum": "#F0E442"}


def racer_color(name: str):
    return CHAPTER_COLORS.get(name, optimizer_color(name))
BAR_GREY = "#AEB6C2"
INK = "#0E1117"
NO_BAR = "#343A45"
#: the race clock runs on a log scale of steps (1 -> STEPS, equal time per decade); paths run in step
DECADES = float(np.log10(STEPS))


def CLOCK(t: float) -> float:
    return 10.0 ** (DECADES * t) / STEPS


def slow_clock(lo: float, hi: float, gain: float = 3.0):
    """A race clock (time -> fraction of STEPS, like CLOCK) that slows down between steps ``lo`` and ``hi``,
    where the round's verdict is decided: its speed on the log axis is 1 / (1 + gain * a bump there)."""
    u = np.linspace(0.0, 1.0, 2001)
    c, w = (log_frac(lo) + log_frac(hi)) / 2, max(0.06, (log_frac(hi) - log_frac(lo)) / 2 + 0.04)
    dens = 1.0 + gain * np.exp(-0.5 * ((u - c) / w) ** 2)
    T = np.concatenate([[0.0], np.cumsum((dens[1:] + dens[:-1]) / 2 * np.diff(u))])
    T /= T[-1]

    def clock(t: float) -> float:
        return 10.0 ** (DECADES * float(np.interp(t, T, u))) / STEPS

    return clock


def log_frac(k: float) -> float:
    """Where step k sits on the bars' log axis (1 -> 0, STEPS -> 1)."""
    return float(np.clip(np.log10(max(k, 1.0)) / DECADES, 0.0, 1.0))


def race_starts(landscape) -> np.ndarray:
    ls = oc.landscape(landscape) if isinstance(landscape, str) else landscape
    if len(ls.minima) > 1:  # one start in each pit's half of the map, nearer that pit than any other
        top, pits = np.asarray(ls.maxima[0], dtype=float), np.asarray(ls.minima, dtype=float)
        return np.round(top + PIT_FRACTION * (pits - top), 1)
    return np.asarray(ls.start, dtype=float) + np.asarray(START_OFFSETS)


def torch_sgd_default_mu() -> float:
    """torch.optim.SGD's own default momentum (optim_core's SGD mirrors torch's defaults; the race's "momentum"
    and "nesterov" set it to 0.9, the usual choice)."""
    return float(oc.optimizer("sgd").hyperparams["momentum"])


def spoken(name: str) -> str:
    """An optimizer's name as the voice says it."""
    return "gradient descent" if name == "gd" else display_name(name)


def steps_text(score: float) -> str:
    return f"{score:.0f}"


class TheRace(ExplainerScene):
    chapter = 12
    title = "The race, and which one is best"
    description = ("Nine optimizers under one stated budget (one learning-rate grid, four starts, 1000 steps, "
                   "a run that leaves the map does not count, the fastest rate whose grid neighbours also "
                   "settle, margins under 20% called ties) on "
                   "Rosenbrock, Himmelblau and Beale, as ranked bars that "
                   "grow like a race clock beside the map; an untuned round at PyTorch's default learning rates "
                   "(momentum at the usual \u03bc 0.9); a recap "
                   "built from the table.")
    on_grammar = True

    # ------------------------------------------------------------------ numbers (all computed)
    def compute(self):
        self.tuned, self.default = {}, {}
        for lname in LANDSCAPES:
            starts = race_starts(lname)
            self.tuned[lname] = {n: tune_lr(n, lname, starts, steps=STEPS, grid=GRID, tol=TOLERANCE,
                                        basin=True, robust=False, bounded=BOUNDED) for n in RACERS}
            self.default[lname] = {n: tune_lr(n, lname, starts, steps=STEPS, grid=(self.default_lr(n),),
                                              tol=TOLERANCE, basin=True, bounded=BOUNDED) for n in RACERS}
        self.score = {l: {n: self.tuned[l][n].score for n in RACERS} for l in LANDSCAPES}
        self.dscore = {l: {n: self.default[l][n].scores[self.default_lr(n)] for n in RACERS} for l in LANDSCAPES}
        self.order = {l: sorted(RACERS, key=lambda n, l=l: (self.score[l][n], RACERS.index(n))) for l in LANDSCAPES}
        self.settlers = {l: [n for n in self.order[l] if np.isfinite(self.score[l][n])] for l in LANDSCAPES}
        # the leaders: every settler within TIE of the best score (one name: a win; more: a tie)
        self.leaders = {l: [n for n in self.settlers[l] if self.score[l][n] < (1 + TIE) * self.score[l][self.settlers[l][0]]]
                        for l in LANDSCAPES}
        # settles at some rate of the grid, but every such rate has a neighbour that fails: no safe rate
        self.no_safe = {l: [n for n in self.order[l] if not np.isfinite(self.score[l][n])
                            and any(self.tuned[l][n].settles(g) for g in GRID)] for l in LANDSCAPES}
        # multi-pit landscapes: no safe rate in its own pit, but a safe rate if any pit counted: it only
        # settles by walking into another valley
        self.anypit = {l: {n: tune_lr(n, l, race_starts(l), steps=STEPS, grid=GRID, tol=TOLERANCE, basin=False,
                                      robust=False, bounded=BOUNDED) for n in RACERS}
                       for l in LANDSCAPES if len(oc.landscape(l).minima) > 1}
        self.other_valley = {l: [n for n in self.order[l] if l in self.anypit and not np.isfinite(self.score[l][n])
                                 and np.isfinite(self.anypit[l][n].score)] for l in LANDSCAPES}
        self.no_safe = {l: [n for n in v if n not in self.other_valley[l]] for l, v in self.no_safe.items()}
        # each start's own settle step at the picked rate (the bars' dots: the mean hides how they spread)
        self.per_start = {}
        for l in LANDSCAPES:
            ls = oc.landscape(l)
            self.per_start[l] = {}
            for n in self.settlers[l]:
                t = oc.run(oc.optimizer(n, lr=self.tuned[l][n].lr), ls, race_starts(l), steps=STEPS,
                           record_state=False)
                self.per_start[l][n] = [settle_step(t.losses[:, j], ls.f_min, TOLERANCE)
                                        for j in range(len(race_starts(l)))]
        # the runs drawn on the maps: the top two (settlers only) from each landscape's story start
        self.shown = {l: self.settlers[l][:2] for l in LANDSCAPES}
        self.runs = {}
        for l in LANDSCAPES:
            ls = oc.landscape(l)
            self.runs[l] = {n: oc.run(oc.optimizer(n, lr=self.tuned[l][n].lr), ls, race_starts(l)[0], steps=STEPS,
                                      record_state=False) for n in self.shown[l]}
        # AdamW with weight decay 0 takes exactly Adam's steps
        self.adamw_is_adam = True
        for l in LANDSCAPES:
            lr = self.tuned[l]["adam"].lr or self.default_lr("adam")
            a = oc.run(oc.optimizer("adam", lr=lr), l, race_starts(l), steps=STEPS, record_state=False)
            w = oc.run(oc.optimizer("adamw", lr=lr, weight_decay=0.0), l, race_starts(l), steps=STEPS,
                       record_state=False)
            self.adamw_is_adam &= bool(np.array_equal(a.positions, w.positions))
        # Himmelblau without the pit rule: Adam's best rate lands some start in another pit
        l = "himmelblau"
        self.adam_anypit = tune_lr("adam", l, race_starts(l), steps=STEPS, grid=GRID, tol=TOLERANCE, basin=False,
                                   robust=False, bounded=BOUNDED)
        jump = oc.run(oc.optimizer("adam", lr=self.adam_anypit.lr), l, race_starts(l), steps=STEPS,
                      record_state=False)
        home = nearest_minimum(l, race_starts(l))
        land = nearest_minimum(l, jump.positions[-1])
        self.jumpers = [i for i in range(len(home)) if home[i] != land[i]]
        i = self.jumpers[0] if self.jumpers else 0
        self.jump_home, self.jump_land = int(home[i]), int(land[i])
        # at every rate where all four Adam runs settle in some pit (on the map), that start's run settles in another one
        self.adam_elsewhere = []
        for g in GRID:
            t = oc.run(oc.optimizer("adam", lr=g), l, race_starts(l), steps=STEPS, record_state=False)
            ks = [settle_step(t.losses[:, j], oc.landscape(l).f_min, TOLERANCE) for j in range(len(home))]
            on_map = bool(oc.landscape(l).in_bounds(t.positions).all()) or not BOUNDED
            if all(k is not None for k in ks) and on_map:
                self.adam_elsewhere.append(bool(nearest_minimum(l, t.positions[-1])[i] != home[i]))
        # whether, at some rate of the grid, every start's loss gets within TOLERANCE at some step (any pit)
        self.reach = {}
        for l in ("rosenbrock",):
            ls = oc.landscape(l)
            self.reach[l] = {}
            for n in RACERS:
                ok = False
                for g in GRID:
                    t = oc.run(oc.optimizer(n, lr=g), ls, race_starts(l), steps=STEPS, record_state=False)
                    with np.errstate(invalid="ignore"):
                        lo = np.nanmin(np.where(np.isfinite(t.losses), t.losses, np.inf), axis=0) - ls.f_min
                    if bool(np.all(lo <= TOLERANCE)):
                        ok = True
                        break
                self.reach[l][n] = ok
        # Adam at its default rate: how far from each start it ever gets in the budget, and how far the minimum is
        self.adam_default = {}
        for l in LANDSCAPES:
            ls = oc.landscape(l)
            s = race_starts(l)
            t = oc.run(oc.optimizer("adam"), ls, s, steps=STEPS, record_state=False)
            moved = np.linalg.norm(t.positions - t.positions[0], axis=-1).max(axis=0)  # its farthest reach
            gap = np.array([np.min(np.linalg.norm(np.asarray(ls.minima) - p, axis=-1)) for p in s])
            self.adam_default[l] = (moved, gap)

    @staticmethod
    def default_lr(name: str) -> float:
        return float(oc.optimizer(name).hyperparams["lr"])

    def wins(self, name) -> int:
        """Rounds won outright (alone in the lead)."""
        return sum(self.leaders[l] == [name] for l in LANDSCAPES)

    def verdict(self, l) -> str:
        """The round's verdict as spoken: 'A wins' or 'A and B tie'."""
        names = [spoken(n) for n in self.leaders[l]]
        return f"{names[0]} wins" if len(names) == 1 else ", ".join(names[:-1]) + f" and {names[-1]} tie"

    def default_settles(self, name) -> int:
        return sum(bool(np.isfinite(self.dscore[l][name])) for l in LANDSCAPES)

    # ------------------------------------------------------------------ script
    def construct(self):
        self.compute()
        self.open_chapter(seconds=1.5)  # a short card: the last chapter needs its time for the recap
        self.play_beats(self.the_rules, self.edge_rule, self.round_rosenbrock, self.round_himmelblau,
                        self.round_beale, self.untuned, self.recap)
        # the closing card stays up (the budget was shown at the start)
        self.final_hold(self.caption(), seconds=1.6, replacing=self.heading)

    def caption(self):
        """What was run, in one line in the title's place (the final hold): the grid, the starts, the budget."""
        cap = text(f"\u03b3: {len(GRID)} rates, {GRID[0]:g} to {GRID[-1]:g} \u00b7 {len(START_OFFSETS)} starts "
                   f"\u00b7 {STEPS} steps \u00b7 settled: loss < {TOLERANCE:g}", "label", color=TEXT)
        cap.scale_to_fit_width(min(cap.width, SAFE_RIGHT - SAFE_LEFT))
        return cap.move_to(self.heading.get_center())

    # ------------------------------------------------------------------ pictures
    def build_rules(self):
        """The budget (side, top), the loss of three runs against the tolerance line (side): what settles and
        what fails; and the example of the grid search (hero): mean settle step against rate."""
        lo, hi = GRID[0], GRID[-1]
        rings = VGroup(*[Circle(radius=0.09, stroke_color=TEXT, stroke_width=3) for _ in START_OFFSETS])
        rings.arrange(RIGHT, buff=0.1)
        card = VGroup(text(f"{len(GRID)} rates, {lo:g} to {hi:g}", "label"),
                      VGroup(text(f"{len(START_OFFSETS)} starts", "label"), rings).arrange(RIGHT, buff=0.2),
                      text(f"{STEPS} steps", "label"),
                      # the two ways a settled run still fails: off the map, or not at its start's own minimum
                      text("\u2717 leaves the map", "label", color=EDGE_COLOR),
                      text("\u2717 a farther valley", "label", color=EDGE_COLOR))
        card.arrange(DOWN, aligned_edge=LEFT, buff=0.08)
        self.card_rings = rings
        card.move_to([min(SAFE_RIGHT - 4.3 + card.width / 2, SAFE_RIGHT - card.width / 2),
                      STAGE.top - 0.1 - card.height / 2, 0])
        # the fail rules come in where the budget was, once the budget is said (it fades: the final caption
        # repeats it); the loss panel gets the room below them
        for k in (3, 4):
            card[k].align_to(card[k - 3], LEFT).set_y(card[k - 3].get_y())
        self.rules = card
        self.rule_groups = [card]
        self.build_loss_panel(x0=SAFE_RIGHT - 3.6, x1=SAFE_RIGHT - 0.1, top=card[4].get_bottom()[1] - 0.75)
        self.build_example()
        self.build_starts_inset()

    def build_starts_inset(self):
        """Himmelblau small, in the example's empty lower right (right of its settling rates, under the
        budget line): the four starts, each joined to its own pit, the pits ringed (the valley rule)."""
        lname = EXAMPLE[0]
        ls = oc.landscape(lname)
        at = self.ex_at
        y_lo = at(GRID[0], 1.0)[1]
        lo = at(GRID[0], STEPS)[1]  # the budget line
        settled = [g for g in GRID if self.ex_res.settles(g)]
        x_l = at(max(settled), STEPS)[0] + 0.5
        x_r = at(GRID[-1], STEPS)[0]
        size = min(x_r - x_l, lo - 0.45 - (y_lo + 0.45), 3.0)
        lmap = LandscapeMap(ls, width=size, height=size, n_contours=7, show_axes=False)
        lmap.move_to([x_r - size / 2, y_lo + 0.45 + size / 2, 0])
        starts = race_starts(lname)
        home = nearest_minimum(lname, starts)
        pits = np.asarray(ls.minima, dtype=float)
        links = VGroup(*[DashedLine(lmap.c2p(*s0), lmap.c2p(*pits[h]), stroke_color=TEXT, stroke_width=2.5,
                                    dash_length=0.07) for s0, h in zip(starts, home)])
        rings = VGroup(*[Circle(radius=0.11, stroke_color=TEXT, stroke_width=3).move_to(lmap.c2p(*s0))
                         for s0 in starts])
        pit_rings = VGroup(*[Circle(radius=0.2, stroke_color=TEXT, stroke_width=3).move_to(lmap.c2p(*p))
                             for p in pits])
        self.claim("the inset's starts each join a different pit (their nearest)",
                   sorted(home.tolist()) == list(range(len(pits))), str(home))
        self.inset = {"map": lmap, "starts": rings, "links": links, "pits": pit_rings}

    #: the three runs of the loss panel: too small, the pick, too large (gradient descent from start 1)
    LOSS_FLOOR = 1e-6

    def build_loss_panel(self, x0: float, x1: float, top: float):
        lname, name = EXAMPLE
        ls = oc.landscape(lname)
        res = self.tuned[lname][name]
        # too small: the grid's smallest rate; too large: the fastest rate's neighbour that fails, shown from
        # the first start where it does not settle
        i = GRID.index(res.edge_lr)
        big = next(GRID[j] for j in (i - 1, i + 1) if 0 <= j < len(GRID) and not res.settles(GRID[j]))
        starts = race_starts(lname)
        t = oc.run(oc.optimizer(name, lr=big), ls, starts, steps=STEPS, record_state=False)
        self.ex_start = next(j for j in range(len(starts))
                             if settle_step(t.losses[:, j], ls.f_min, TOLERANCE) is None)
        s1 = starts[self.ex_start:self.ex_start + 1]
        small = GRID[0]
        self.ex_small, self.ex_big = small, big
        rates = (small, res.lr, big)
        H = 2.3
        y0 = top - H
        ylo, yhi = np.log10(self.LOSS_FLOOR), 3.0

        def at(k, v):
            return np.array([x0 + log_frac(k) * (x1 - x0),
                             y0 + (np.log10(max(v, self.LOSS_FLOOR)) - ylo) / (yhi - ylo) * H, 0.0])

        axes = VGroup(Line(at(1, self.LOSS_FLOOR), at(STEPS, self.LOSS_FLOOR), stroke_color=MUTED, stroke_width=2),
                      Line(at(1, self.LOSS_FLOOR), at(1, 10 ** yhi), stroke_color=MUTED, stroke_width=2))
        for k in (1, 10, 100, 1000):
            axes.add(text(f"{k}", "small", color=MUTED).next_to(at(k, self.LOSS_FLOOR), DOWN, buff=0.12))
        for v in (100, 1):
            axes.add(text(f"{v}", "small", color=MUTED).next_to(at(1, v), LEFT, buff=0.12))
        # the tolerance's own tick: under its line at the right end (only the settled run is down there)
        axes.add(text(f"{TOLERANCE:g}", "small", color=TEXT).next_to(at(STEPS, TOLERANCE), DOWN, buff=0.1)
                 .align_to(at(STEPS, TOLERANCE), RIGHT))
        # the axis name left of the first step number (the rows below hold the key)
        xl = text("step", "small", color=MUTED).next_to(axes[2], LEFT, buff=0.2)
        yl = text(f"loss of {name.upper()}, start {self.ex_start + 1}", "label", color=MUTED)
        yl.next_to(at(1, 10 ** yhi), UP, buff=0.15).align_to(axes[1], LEFT)
        tol = DashedLine(at(1, TOLERANCE), at(STEPS, TOLERANCE), stroke_color=TEXT, stroke_width=2.5, dash_length=0.1)
        # its key is the first row of the legend under the panel (inside, the curves cross it)
        tol_lab = VGroup(DashedLine(ORIGIN_ALIGN, RIGHT * 0.3, stroke_color=TEXT, stroke_width=2.5, dash_length=0.07),
                         text(f"settled: < {TOLERANCE:g}", "label")).arrange(RIGHT, buff=0.12)
        self.loss_axes = VGroup(axes, xl, yl)
        self.loss_tol = VGroup(tol, tol_lab)
        curves, labs = [], []
        self.loss_runs = {}
        for g in rates:
            run = oc.run(oc.optimizer(name, lr=g), ls, s1, steps=STEPS, record_state=False)
            loss = np.asarray(run.losses[:, 0], dtype=float) - ls.f_min
            on_map = bool(ls.in_bounds(run.positions[:, 0]).all())
            k = settle_step(loss + ls.f_min, ls.f_min, TOLERANCE)
            self.loss_runs[g] = (loss, k, on_map)
            ks = np.unique(np.round(np.logspace(0, DECADES, 160)).astype(int))
            pts = [at(j, loss[j]) for j in ks if np.isfinite(loss[j])]
            col = LOSS_COLORS[rates.index(g)]
            c = VMobject(stroke_color=col, stroke_width=4).set_points_as_corners(pts)
            curves.append(c)
            words = {small: "too slow", res.lr: "settles", big: "loss climbs"}[g]
            labs.append(VGroup(Line(ORIGIN_ALIGN, RIGHT * 0.3, stroke_color=col, stroke_width=5),
                               text(f"\u03b3 {g:g}: {words}", "label", color=col)).arrange(RIGHT, buff=0.12))
        self.loss_curves = curves
        legend = VGroup(tol_lab, *labs).arrange(DOWN, aligned_edge=LEFT, buff=0.04)
        legend.next_to(axes[2:6], DOWN, buff=0.12).align_to(axes[1], LEFT)
        self.loss_legend_bottom = legend.get_bottom()[1]
        if legend.get_right()[0] > SAFE_RIGHT:
            legend.shift(LEFT * (legend.get_right()[0] - SAFE_RIGHT))
        self.loss_labels = labs
        kp = self.loss_runs[res.lr][1]
        self.loss_dot = Dot(at(kp, TOLERANCE), radius=0.08, color=PICK_COLOR)
        self.loss_at = at

    def build_example(self):
        lname, name = EXAMPLE
        res = self.tuned[lname][name]
        x0 = SAFE_LEFT + 1.25
        W, H = (SAFE_RIGHT - 4.3 - 0.5) - x0 - 0.2, 4.0
        y0 = STAGE.top - 1.45 - H
        lmin, lmax = np.log10(GRID[0]), np.log10(GRID[-1])
        finite = [v for v in res.scores.values() if np.isfinite(v)]
        smin, smax = float(np.floor(np.log10(min(finite)))), DECADES

        def at(lr, s):
            return np.array([x0 + (np.log10(lr) - lmin) / (lmax - lmin) * W,
                             y0 + (np.log10(max(s, 10 ** smin)) - smin) / (smax - smin) * H, 0.0])

        self.ex_at = at
        axis_x = Line(at(GRID[0], 10 ** smin) + LEFT * 0.15, at(GRID[-1], 10 ** smin) + RIGHT * 0.15, stroke_color=MUTED,
                      stroke_width=2)
        axis_y = Line(at(GRID[0], 10 ** smin) + LEFT * 0.15, at(GRID[0], STEPS) + LEFT * 0.15, stroke_color=MUTED,
                      stroke_width=2)
        ticks = VGroup()
        for e in range(-4, 2):
            lr = 10.0 ** e
            p = at(lr, 10 ** smin)
            ticks.add(Line(p, p + DOWN * 0.1, stroke_color=MUTED, stroke_width=2))
            if e % 2 == 0:
                ticks.add(text(f"{lr:g}" if e > -4 else "0.0001", "label", color=MUTED).next_to(p, DOWN, buff=0.15))
        for e in range(int(smin) + 1, int(round(smax))):
            s = int(10 ** e)
            p = at(GRID[0], s) + LEFT * 0.15
            ticks.add(text(f"{s}", "label", color=MUTED).next_to(p, LEFT, buff=0.12))
        budget = DashedLine(at(GRID[0], STEPS) + LEFT * 0.15, at(GRID[-1], STEPS) + RIGHT * 0.15,
                            stroke_color=MUTED, stroke_width=2, dash_length=0.08)
        budget_lab = text(f"{STEPS}", "label", color=MUTED).next_to(budget.get_start(), LEFT, buff=0.12)
        x_lab = text("learning rate \u03b3 (log scale)", "label", color=MUTED)
        x_lab.next_to(ticks, DOWN, buff=0.15).set_x(x0 + W / 2)
        y_lab = text("mean settle step", "label", color=MUTED)
        y_lab.next_to(at(GRID[0], STEPS), UP, buff=0.35).align_to(budget_lab, LEFT)
        title = text(f"example: {display_name(name)} on {lname.capitalize()}", "label")
        title.move_to([x0 + W / 2, STAGE.top - 0.3, 0])
        color = optimizer_color(name)
        stems, fails = VGroup(), VGroup()
        for lr in GRID:
            s = res.scores[lr]
            if np.isfinite(s):
                stems.add(VGroup(Line(at(lr, 10 ** smin), at(lr, s), stroke_color=color, stroke_width=3, stroke_opacity=0.7),
                                 Dot(at(lr, s), radius=0.07, color=color)))
            else:
                fails.add(Cross(Dot(at(lr, STEPS), radius=0.08), stroke_color=MUTED, stroke_width=3,
                                scale_factor=1.0))
        fail_lab = text("\u00d7 not settled", "label", color=MUTED)
        fail_lab.next_to(budget, UP, buff=0.22).align_to(budget, RIGHT).shift(LEFT * 0.2)
        self.example = VGroup(axis_x, axis_y, ticks, budget, budget_lab, x_lab, y_lab, title)
        # the grid: one short tick per rate on the rate axis, lit as the voice says how many
        self.ex_grid_ticks = VGroup(*[Line(at(g, 10 ** smin), at(g, 10 ** smin) + UP * 0.24, stroke_color=TEXT,
                                           stroke_width=4) for g in GRID])
        self.ex_points = VGroup(stems, fails, fail_lab)
        # the fastest rate sits next to one that fails; the pick's neighbours all settle
        edge, pick = res.edge_lr, res.lr
        i = GRID.index(edge)
        self.ex_edge_fail = next(GRID[j] for j in (i - 1, i + 1) if 0 <= j < len(GRID) and not res.settles(GRID[j]))
        self.ex_res = res
        ring_e = Circle(radius=0.15, stroke_color=FAST_COLOR, stroke_width=4).move_to(at(edge, res.scores[edge]))
        ring_f = Circle(radius=0.17, stroke_color=EDGE_COLOR, stroke_width=4).move_to(at(self.ex_edge_fail, STEPS))
        lab_e = VGroup(text(f"fastest: {edge:g}", "label", color=FAST_COLOR),
                       text(f"but {self.ex_edge_fail:g} fails", "label", color=EDGE_COLOR))
        lab_e.arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        # the pick: the fastest safe rate (it and its two neighbours settle); its score is its own mean
        j = GRID.index(pick)
        trio = GRID[j - 1:j + 2]
        own = res.scores[pick]
        lo_y = min(at(g, res.scores[g])[1] for g in trio)
        hi_y = max(at(g, res.scores[g])[1] for g in trio)
        xl, xr = at(trio[0], own)[0] - 0.2, at(trio[-1], own)[0] + 0.2
        box = DashedVMobject(Rectangle(width=xr - xl, height=hi_y - lo_y + 0.4, stroke_color=PICK_COLOR,
                                       stroke_width=3), num_dashes=28)
        box.move_to([(xl + xr) / 2, (hi_y + lo_y) / 2, 0])
        ring = Circle(radius=0.15, stroke_color=PICK_COLOR, stroke_width=4).move_to(at(pick, own))
        ring_p = VGroup(box, ring)
        lab_p = VGroup(text(f"picked: {pick:g}, safe:", "label", color=PICK_COLOR),
                       text("both neighbours settle", "label", color=PICK_COLOR),
                       text(f"mean of {len(START_OFFSETS)} starts: {steps_text(own)}", "label", color=PICK_COLOR))
        lab_p.arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        lab_p.next_to(box.get_corner(UP + RIGHT), UP + RIGHT, buff=0.2)
        lab_e.next_to(lab_p, UP, buff=0.35, aligned_edge=LEFT)
        con_e = Line(ring_e.get_right() + UP * 0.05, lab_e.get_corner(DOWN + LEFT) + LEFT * 0.08,
                     stroke_color=FAST_COLOR, stroke_width=2.5)
        con_p = VGroup(Line(box.get_corner(UP + RIGHT), lab_p.get_corner(DOWN + LEFT) + LEFT * 0.05,
                            stroke_color=PICK_COLOR, stroke_width=2.5))
        self.ex_edge = VGroup(ring_e, ring_f, con_e, lab_e)
        # the loss panel's two failing rates, ringed in their colours where they sit on the grid
        self.ex_fail_rings = VGroup(*[Circle(radius=0.17, stroke_color=c, stroke_width=4).move_to(at(g, STEPS))
                                      for g, c in ((self.ex_small, LOSS_COLORS[0]), (self.ex_big, LOSS_COLORS[2]))])
        self.ex_pick = VGroup(ring_p, con_p, lab_p)

    def build_round(self, lname):
        ls = oc.landscape(lname)
        b = ls.bounds if lname != "rosenbrock" else (ls.bounds[0], (ls.bounds[1][0], ls.bounds[1][1] + 0.4))
        if lname == "himmelblau":  # wide enough for every drawn run (they stay on the map: the rule)
            reach = max(float(np.abs(self.runs[lname][n].positions).max()) for n in self.shown[lname])
            r = max(float(ls.bounds[0][1]), float(np.ceil(reach + 0.3)))
            b = ((-r, r), (-r, r))
        aspect = (b[0][1] - b[0][0]) / (b[1][1] - b[1][0])
        # as tall as the keys' row below it allows, and short enough that the bars keep MIN_BAR of track
        for h in np.arange(STAGE.top - (SAFE_BOTTOM + 0.55), 3.5, -0.1):
            if not self.bars_fit(lname, h * aspect):
                continue
            lmap = LandscapeMap(ls, height=h, n_contours=9, bounds=b, show_axes=False)
            lmap.move_to([SAFE_RIGHT - lmap.width / 2, STAGE.top - 0.05 - lmap.height / 2, 0])
            if lmap.get_bottom()[1] >= SAFE_BOTTOM + 0.5 and self.bars_fit(lname, None, lmap.get_left()[0]):
                break
        for stretch in np.arange(self.MAP_STRETCH, 0.99, -0.05):  # then wider, until the bars' values fit
            lmap = LandscapeMap(ls, width=h * aspect * stretch, height=h, n_contours=9, bounds=b, show_axes=False)
            lmap.move_to([SAFE_RIGHT - lmap.width / 2, STAGE.top - 0.05 - lmap.height / 2, 0])
            if (self.bar_width(lname, lmap.get_left()[0] - 0.35) or 0.0) >= self.MIN_BAR:
                break
        paths = []
        # where the two runs share their path (median gap under 2% of the map), the runner-up is drawn wide
        # under the leader and shows as a border
        pos = [np.asarray(self.runs[lname][n].positions).reshape(STEPS + 1, -1)[:, :2] for n in self.shown[lname]]
        span = max(hi - lo for lo, hi in ls.bounds)
        shared = len(pos) == 2 and float(np.median(np.linalg.norm(pos[0] - pos[1], axis=-1))) < 0.02 * span
        for r, n in enumerate(self.shown[lname]):
            wide = shared and r == 1
            p = TrajectoryPath(self.runs[lname][n], lmap, n, color=racer_color(n), markers=False,
                               stroke_width=9 if wide else 4, dot_radius=0.13 if wide else 0.09,
                               stop_at_exit=True)
            paths.append(p)
        labels = self.path_labels(paths, lmap)
        others = VGroup(*[Circle(radius=0.09, stroke_color=TEXT, stroke_width=3).move_to(lmap.c2p(*s))
                          for s in race_starts(lname)])
        bars = self.bar_chart(lname, right=lmap.get_left()[0] - 0.35)
        ring = Circle(radius=0.09, stroke_color=TEXT, stroke_width=3)
        star = Star(5, outer_radius=0.11, inner_radius=0.05, fill_color=TEXT, fill_opacity=1, stroke_width=0)
        diamond = Square(side_length=0.13, stroke_color=TEXT, stroke_width=2.5, fill_opacity=0).rotate(np.pi / 4)

        def item(icon, s):
            return VGroup(icon, text(s, "label", color=MUTED)).arrange(RIGHT, buff=0.12)

        # the bottom-left key: the dots under the bars
        swatch = Rectangle(width=0.45, height=0.3, stroke_width=0, fill_color=BAR_GREY, fill_opacity=0.95)
        swatch.add(Line(swatch.get_bottom(), swatch.get_top(), stroke_color=INK, stroke_width=3))
        left = VGroup(swatch, text("each start", "label", color=MUTED)).arrange(RIGHT, buff=0.12)
        keys = [item(star, "minimum")] + ([item(diamond, "saddle")] if len(lmap.saddle_markers) else [])
        right = VGroup(*keys, item(ring, f"{len(race_starts(lname))} starts (paths: start 1)"))
        right.arrange(RIGHT, buff=0.3)
        right.move_to([lmap.get_right()[0] - right.width / 2, SAFE_BOTTOM + right.height / 2 + 0.02, 0])
        left.move_to([SAFE_LEFT + left.width / 2, right.get_center()[1], 0])
        note = VGroup(left, right)
        return lmap, paths, labels, others, note, bars

    def bars_fit(self, lname, map_w, map_left=None) -> bool:
        """Whether the bars keep MIN_BAR of track beside a map ``map_w`` wide (no axes: a small gap)
        or whose left edge, labels included, is at ``map_left``."""
        left = SAFE_RIGHT - map_w - 0.1 if map_left is None else map_left
        return (self.bar_width(lname, left - 0.35) or 0.0) >= self.MIN_BAR

    def path_labels(self, paths, lmap):
        """Names beside the path ends (runs that end at the same minimum share one stack of names),
        on the side of the end with the most room inside the map."""
        pts = np.concatenate([np.array([p.point_at_step(k) for k in range(p.n_steps + 1)]) for p in paths])[:, :2]
        # minima, saddles and starts stay uncovered too
        marks = [m.get_center()[:2] for m in lmap.markers.family_members_with_points()]
        if marks:
            pts = np.concatenate([pts, np.array(marks)])
        (fx0, fy0), (fx1, fy1) = lmap.frame.get_corner(DOWN + LEFT)[:2], lmap.frame.get_corner(UP + RIGHT)[:2]
        groups: dict = {}
        for p in paths:
            key = tuple(np.round(p.positions[-1], 1))
            groups.setdefault(key, []).append(p)
        labels = []
        for members in groups.values():
            stack = VGroup(*[text(display_name(p.optimizer), "label", color=p.color) for p in members])
            stack.arrange(DOWN, aligned_edge=LEFT, buff=0.1)
            back = Rectangle(width=stack.width + 0.2, height=stack.height + 0.18, stroke_width=0, fill_color=PANEL,
                             fill_opacity=0.92)
            card = VGroup(back, stack)
            end = members[0].point_at_step(members[0].n_steps)[:2]
            hw, hh = card.width / 2, card.height / 2
            # every spot inside the map on a 0.05 grid: clear of the paths and marks first, then nearest the end
            best, best_c = (-np.inf, 0.0), None
            for cx in np.arange(fx0 + hw + 0.05, fx1 - hw - 0.05 + 1e-9, 0.05):
                for cy in np.arange(fy0 + hh + 0.05, fy1 - hh - 0.05 + 1e-9, 0.05):
                    dx = np.maximum(np.abs(pts[:, 0] - cx) - hw, 0)
                    dy = np.maximum(np.abs(pts[:, 1] - cy) - hh, 0)
                    gap = float(np.min(np.hypot(dx, dy)))
                    key = (min(gap, 0.15), -float(np.hypot(cx - end[0], cy - end[1])))
                    if key > best:
                        best, best_c = key, np.array([cx, cy, 0.0])
            # the next card keeps clear of this one
            gx, gy = np.meshgrid(np.linspace(-hw, hw, 9), np.linspace(-hh, hh, 5))
            if best_c is not None:
                pts = np.concatenate([pts, np.stack([gx.ravel() + best_c[0], gy.ravel() + best_c[1]], axis=1)])
            card.move_to(best_c if best_c is not None else [*end, 0.0])
            labels.append(card)
        return labels

    NAME_W = 2.15
    #: the maps are drawn this much wider than tall per unit at most (1: to scale; distances are spoken)
    MAP_STRETCH = 1.0
    MIN_BAR = 2.6

    def wrong_valley(self, lname, n) -> bool:
        """No safe rate in its own pit, but one if any pit counted: it settles only in another valley."""
        return n in self.other_valley[lname]

    def never_settles(self, lname, n) -> bool:
        """At none of the grid's rates do all four starts settle (on the map, in their own valley)."""
        return not any(self.tuned[lname][n].settles(g) for g in GRID)

    def only_elsewhere(self, lname, n) -> bool:
        """Never settles in its own valley, at any rate, but has a safe rate if any valley counted."""
        return self.wrong_valley(lname, n) and self.never_settles(lname, n)

    def fail_word(self, lname, n) -> str:
        """A failing bar's word, from the tuning result: the runs settle only elsewhere, at no rate, or only
        at rates whose neighbours fail."""
        if self.only_elsewhere(lname, n):
            return "other valley"
        return "never settles" if self.never_settles(lname, n) else "no safe \u03b3"

    def bar_values(self, lname):
        return {n: steps_text(self.score[lname][n])
                for n in self.order[lname] if np.isfinite(self.score[lname][n])}

    def bar_readout(self, lname, n, shown=()):
        """A bar's readout, in light text past its end: its score, then its picked rate, small."""
        col = racer_color(n) if n in shown else TEXT
        return VGroup(text(self.bar_values(lname)[n], "label", color=col),
                      text(f"\u03b3 {self.tuned[lname][n].lr:g}", "label", color=MUTED)).arrange(
            RIGHT, buff=0.14, aligned_edge=DOWN)

    def bar_reach(self, lname, n) -> float:
        """How far along the track a bar's row is drawn: its end, or its last start's tick past it."""
        return max(log_frac(self.score[lname][n]), *[log_frac(k) for k in self.per_start[lname][n]])

    def bar_width(self, lname, right: float):
        """The longest bar track for which every readout fits past its bar (and its ticks), short of the map."""
        bar_x0 = SAFE_LEFT + self.NAME_W
        widths = {n: self.bar_readout(lname, n).width for n in self.bar_values(lname)}

        def fits(bw):
            return all(bar_x0 + self.bar_reach(lname, n) * bw + 0.15 + w <= right - self.MAP_LABELS
                       for n, w in widths.items())

        return next((float(bw) for bw in np.arange(right - bar_x0 - 0.1, 2.0, -0.05) if fits(bw)), None)

    #: the map's tick labels and axis name stick out this far left of its frame
    MAP_LABELS = 0.05

    def bar_chart(self, lname, right: float):
        """Ranked bars: one row per racer, its length the mean settle step; a clock grows them together."""
        order = self.order[lname]
        name_w = self.NAME_W
        left = SAFE_LEFT
        bar_x0 = left + name_w
        bar_w = self.bar_width(lname, right) or right - bar_x0 - 0.3
        pitch = 0.5
        top = STAGE.top - 1.1
        head = text("mean settle step, at the picked \u03b3", "label", color=MUTED).move_to([bar_x0, top + 0.62, 0], aligned_edge=LEFT)
        axis = VGroup()
        for e in range(0, int(round(DECADES)) + 1):
            s = int(10 ** e)
            x = bar_x0 + log_frac(s) * bar_w
            axis.add(Line([x, top + 0.3, 0], [x, top - pitch * len(order) + 0.15, 0], stroke_color=MUTED,
                          stroke_width=1.2, stroke_opacity=0.5))
            axis.add(text(f"{s}", "small", color=MUTED).next_to([x, top + 0.3, 0], UP, buff=0.06))
        head.next_to(axis[1], UP, buff=0.06).align_to([SAFE_LEFT, 0, 0], LEFT)
        rows = {}
        shown = self.shown[lname]
        for r, n in enumerate(order):
            y = top - r * pitch
            s = self.score[lname][n]
            col = racer_color(n) if n in shown else BAR_GREY if np.isfinite(s) else NO_BAR
            name = text(display_name(n), "label", color=racer_color(n) if n in shown else TEXT)
            name.move_to([bar_x0 - 0.2, y, 0], aligned_edge=RIGHT)
            bar = Rectangle(width=bar_w, height=0.3, stroke_width=0, fill_color=col, fill_opacity=0.95)
            bar.move_to([bar_x0, y, 0], aligned_edge=LEFT)
            tick = VGroup()
            if np.isfinite(s):
                # one short tick per start at its own settle step, in the bar's own row (dark on the bar,
                # light past its end)
                for k in self.per_start[lname][n]:
                    x = bar_x0 + log_frac(k) * bar_w
                    d = Line([x, y - 0.18, 0], [x, y + 0.18, 0], stroke_width=4.5,
                             stroke_color=INK if log_frac(k) < log_frac(s) else TEXT)
                    d.step = k
                    tick.add(d)
                # the bar ends at the score (the picked rate's own mean settle step); the readout just past it
                val = self.bar_readout(lname, n, shown)
                val.move_to([bar_x0 + self.bar_reach(lname, n) * bar_w + 0.15, y, 0], aligned_edge=LEFT)
                val.shift(UP * (y - 0.1 - val[0].get_bottom()[1]))
            else:  # why it has no bar: it settles only in another valley, at no rate, or at no safe rate
                val = text(self.fail_word(lname, n), "small", color=TEXT)
                val.move_to([bar_x0 + bar_w - 0.1, y, 0], aligned_edge=RIGHT)
            rows[n] = VGroup(name, bar, val, tick)
            rows[n].score = s
            rows[n].y = y
        chart = VGroup(head, axis, *[rows[n] for n in order])
        chart.rows = rows
        chart.bar_x0, chart.bar_w = bar_x0, bar_w
        return chart

    def build_table(self):
        """The untuned round: default learning rate and mean settle step per landscape. The racers that settle
        nowhere share one row (Adam keeps its own: the voice talks about it)."""
        cols = ["", "\u03b3"] + [l.capitalize() for l in LANDSCAPES]  # the heading says: PyTorch's default
        widths = [4.1, 1.6, 2.7, 2.6, 1.8]
        xs = SAFE_LEFT + 0.05 + np.cumsum([0.0] + widths[:-1])
        top = STAGE.top - 0.2
        pitch = 0.52
        head = VGroup(*[text(c, "label", color=MUTED).move_to([xs[i] + (0 if i == 0 else widths[i] / 2), top, 0],
                                                               aligned_edge=LEFT if i == 0 else ORIGIN_ALIGN)
                        for i, c in enumerate(cols) if c])
        rule = Line([xs[0], top - 0.34, 0], [xs[-1] + widths[-1], top - 0.34, 0], stroke_color=MUTED, stroke_width=1.5)
        everyone = RACERS  # the tuned rounds' racers, no more (AdamW with weight decay 0 is Adam)

        def score(n, l):
            return self.dscore[l][n]

        nowhere = [n for n in everyone if n != "adam" and not any(np.isfinite(score(n, l)) for l in LANDSCAPES)]
        self.table_nowhere = nowhere
        rows = {}
        self.table_y = {}
        for r, n in enumerate([n for n in everyone if n not in nowhere] + ["others"]):
            y = top - 0.72 - r * pitch
            self.table_y[n] = y
            if n == "others":
                lrs = [self.default_lr(m) for m in nowhere]
                name, lr_txt = f"the other {len(nowhere)}", f"{min(lrs):g} to {max(lrs):g}"
                vals = [float("inf")] * len(LANDSCAPES)
            else:
                mu_ = oc.optimizer(n).hyperparams.get("momentum") if n in ("momentum", "nesterov") else None
                name = display_name(n)
                lr_txt, vals = f"{self.default_lr(n):g}", [score(n, l) for l in LANDSCAPES]
            cells = [text(name, "body").move_to([xs[0], y, 0], aligned_edge=LEFT) if n == "others" or not mu_ else
                     VGroup(text(name, "body"), text(f"\u03bc {mu_:g}", "label", color=MUTED)).arrange(
                         RIGHT, buff=0.15, aligned_edge=DOWN).move_to([xs[0], y, 0], aligned_edge=LEFT),
                     text(lr_txt, "body", color=TEXT if n == "momentum" else MUTED).move_to([xs[1] + widths[1] / 2, y, 0])]
            for i, s in enumerate(vals):
                # not settled: the recap's cross (a dash there means "no safe rate", which needs a grid)
                cells.append(text(steps_text(s) if np.isfinite(s) else "\u2717", "body",
                                  color=TEXT if np.isfinite(s) else EDGE_COLOR).move_to([xs[2 + i] + widths[2 + i] / 2, y, 0]))
            for c in cells:
                # on the row's baseline (the first glyph's bottom; a name with its mu: the name's first glyph)
                first = c[0][0] if isinstance(c, VGroup) else c[0]
                if getattr(c, "text", None) != "\u2717":
                    c.shift(UP * (y - 0.16 - first.get_bottom()[1]))
            rows[n] = VGroup(*cells)
        self.table_rows = rows
        self.table = VGroup(head, rule, *rows.values())
        mu = float(oc.optimizer("momentum").hyperparams["momentum"])
        self.table_mu = mu
        names = [display_name(n) for n in nowhere]
        foot = VGroup(VGroup(text(f"mean settle step, {len(START_OFFSETS)} starts \u00b7", "label", color=MUTED),
                             text("\u2717", "label", color=EDGE_COLOR),
                             text("not settled", "label", color=MUTED)).arrange(RIGHT, buff=0.15),
                      # the momentum is ours: torch.optim.SGD's own default is none
                      text(f"\u03bc {mu:g}: the usual choice (PyTorch's default \u03bc is "
                           f"{torch_sgd_default_mu():g})", "label", color=MUTED),
                      text(f"the other {len(nowhere)}: " + ", ".join(names), "label", color=MUTED))
        foot.arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        foot.next_to(self.table, DOWN, buff=0.25).align_to(self.table, LEFT)
        self.table_foot = foot
        # Adam at its default rate: the start where it comes closest to reaching a minimum (its farthest
        # distance from the start, over the budget, against that start's nearest minimum)
        best = max(((l, j) for l in LANDSCAPES for j in range(len(race_starts(l)))),
                   key=lambda lj: self.adam_default[lj[0]][0][lj[1]] / self.adam_default[lj[0]][1][lj[1]])
        moved, gap = (float(self.adam_default[best[0]][k][best[1]]) for k in (0, 1))
        self.adam_note_nums = (moved, gap)
        self.adam_best = best
        self.build_adam_reach(best, moved, gap)
        m = self.tuned["rosenbrock"]["momentum"]
        self.mom_window = sum(m.settles(g) for g in GRID)
        self.mom_note = text(f"Momentum on Rosenbrock: {self.mom_window} of {len(GRID)} rates settle",
                             "label", color=racer_color("momentum"))
        # the grid as a full-width strip of cells, lit where momentum settles on Rosenbrock; its default ringed
        cw = (SAFE_RIGHT - SAFE_LEFT - 0.2) / len(GRID)
        cells = VGroup(*[Rectangle(width=cw - 0.05, height=0.5, stroke_width=0,
                                   fill_color=racer_color("momentum") if m.settles(g) else NO_BAR, fill_opacity=1.0)
                         for g in GRID]).arrange(RIGHT, buff=0.05)
        self.mom_note.next_to(foot, DOWN, buff=0.2).align_to(foot, LEFT)
        cells.next_to(self.mom_note, DOWN, buff=0.14).set_x(0)
        dflt = GRID.index(self.default_lr("momentum"))
        ring = Rectangle(width=cw + 0.04, height=0.62, stroke_color=TEXT, stroke_width=3).move_to(cells[dflt])
        ticks = VGroup()
        for g in (GRID[0], 0.01, 1.0):
            c = cells[GRID.index(g)]
            t = text(f"{g:g}" if g >= 0.001 else "0.0001", "label", color=MUTED).next_to(c, DOWN, buff=0.1)
            if g == GRID[0]:
                t.align_to(c, LEFT)
            ticks.add(t)
        ring_lab = text(f"{self.default_lr('momentum'):g}", "label", color=TEXT).next_to(ring, DOWN, buff=0.07)
        ring_lab.align_to(ticks[0], DOWN)
        self.mom_strip = VGroup(self.mom_note, cells, ring, ticks, ring_lab)
        self.mom_strip_parts = (cells, VGroup(ring, ring_lab), ticks)
        mid = text("H", "body").height / 2
        # a band behind the row (an outline this close to the text would cut its glyphs)
        self.table_box = {n: Rectangle(width=xs[-1] + widths[-1] - xs[0] + 0.3, height=pitch - 0.04, stroke_width=0,
                                       fill_color=c, fill_opacity=o).move_to([(xs[0] + xs[-1] + widths[-1]) / 2,
                                                                              self.table_y[n] - 0.16 + mid, 0])
                          for n, c, o in (("momentum", racer_color("momentum"), 0.2), ("adam", MUTED, 0.22))}
        for band in self.table_box.values():
            band.set_z_index(-1)

    def build_adam_reach(self, best, moved: float, gap: float):
        """Adam's closest case at its default rate, as the hero: a map zoomed on the start, the circle through
        the start's nearest minimum (radius ``gap``), Adam's whole run inside it and its farthest point
        (``moved`` from the start); the two numbers large beside it."""
        l, j = best
        ls = oc.landscape(l)
        start = race_starts(l)[j]
        run = oc.run(oc.optimizer("adam"), ls, start, steps=STEPS, record_state=False)
        pos = np.asarray(run.positions).reshape(STEPS + 1, -1)[:, :2]
        far = pos[int(np.argmax(np.linalg.norm(pos - start, axis=-1)))]
        mins = np.asarray(ls.minima, dtype=float)
        near = mins[int(np.argmin(np.linalg.norm(mins - start, axis=-1)))]
        half = np.ceil(gap + 0.5)
        h = STAGE.top - 0.15 - (SAFE_BOTTOM + 0.55)
        w = 6.6  # wider than tall, at the same scale: more of the landscape around the circle
        b = ((start[0] - half * w / h, start[0] + half * w / h), (start[1] - half, start[1] + half))
        lmap = LandscapeMap(ls, width=w, height=h, n_contours=9, bounds=b)
        lmap.shift(np.array([SAFE_LEFT + 1.0 + w / 2, SAFE_BOTTOM + 0.55 + h / 2, 0]) - lmap.frame.get_center())
        c0 = lmap.c2p(*start)
        r = float(np.linalg.norm(lmap.c2p(start[0] + gap, start[1]) - c0))
        self.adam_reach_scale = (r, float(np.linalg.norm(lmap.c2p(start[0], start[1] + gap) - c0)))
        circle = DashedVMobject(Circle(radius=r, stroke_color=TEXT, stroke_width=3), num_dashes=48).move_to(c0)
        s_ring = Circle(radius=0.11, stroke_color=TEXT, stroke_width=3).move_to(c0)
        s_lab = text(f"start {j + 1}", "label").next_to(s_ring, UP + LEFT, buff=0.08)
        s_lab.add_background_rectangle(color=PANEL, opacity=0.85, buff=0.06)
        col = racer_color("adam")
        path = TrajectoryPath(run, lmap, "adam", color=col, markers=False, stroke_width=5, dot_radius=0.1)
        to_far = Line(c0, lmap.c2p(*far), stroke_color=col, stroke_width=4)
        to_min = DashedLine(c0, lmap.c2p(*near), stroke_color=TEXT, stroke_width=3, dash_length=0.12)

        def tag(line, s, c):
            t = text(s, "label", color=c)
            d = line.get_end() - line.get_start()
            nrm = np.array([-d[1], d[0], 0.0]) / (np.linalg.norm(d) + 1e-9)
            t.move_to(line.get_center() + nrm * 0.3)
            t.add_background_rectangle(color=PANEL, opacity=0.85, buff=0.05)
            return t

        far_lab, min_lab = tag(to_far, f"{moved:.2f}", col), tag(to_min, f"{gap:.2f}", TEXT)
        # where it is going: its last point is nearest another minimum, and nearing it (not its own)
        mins_d = np.linalg.norm(mins[None, :, :] - pos[:, None, :], axis=-1)
        home, land = int(np.argmin(mins_d[0])), int(np.argmin(mins_d[-1]))
        tail = slice(STEPS - STEPS // 10, None)
        self.adam_heads = (home != land and bool(np.all(np.diff(mins_d[tail, land]) < 0))
                           and bool(np.all(np.diff(mins_d[tail, home]) > 0)), home, land)
        end = lmap.c2p(*pos[-1])
        aim = lmap.c2p(*mins[land]) - end
        heads = Arrow(end, end + 0.9 * aim / np.linalg.norm(aim), buff=0.12, stroke_width=5, color=col,
                      max_tip_length_to_length_ratio=0.35)
        x = lmap.frame.get_right()[0] + 0.45
        where = VGroup(text(f"Adam, \u03b3 {self.default_lr('adam'):g}", "body", color=col),
                       text(f"{l.capitalize()}, start {j + 1}", "label", color=MUTED))
        where.arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        big_far = VGroup(text(f"{moved:.2f}", "stamp", color=col),
                         text("farthest from start", "label", color=col)).arrange(DOWN, aligned_edge=LEFT,
                                                                                          buff=0.1)
        big_min = VGroup(text(f"{gap:.2f}", "stamp"),
                         text("nearest minimum", "label")).arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        going = VGroup(text("\u2192 heading for", "label", color=col),
                       text("another valley", "label", color=col)).arrange(DOWN, aligned_edge=LEFT, buff=0.08)
        side = VGroup(where, big_far, going, big_min).arrange(DOWN, aligned_edge=LEFT, buff=0.4)
        going.shift(UP * 0.2)
        side.move_to([x, lmap.frame.get_center()[1], 0], aligned_edge=LEFT)
        self.adam_reach = {"map": Group(lmap, s_ring, s_lab), "where": where, "path": path,
                           "far": VGroup(to_far, far_lab, big_far), "heads": VGroup(heads, going),
                           "min": VGroup(circle, to_min, min_lab, big_min)}

    # ------------------------------------------------------------------ beats
    def the_rules(self):
        self.build_rules()
        self.claim("AdamW with weight decay 0 takes exactly Adam's steps", self.adamw_is_adam)
        self.claim("the loss panel's key fits above the frame's bottom", self.loss_legend_bottom >= SAFE_BOTTOM - 0.02,
                   str(self.loss_legend_bottom))
        small, pick, big = self.ex_small, self.ex_res.lr, self.ex_big
        ls_, k_, m_ = self.loss_runs[small], self.loss_runs[pick], self.loss_runs[big]
        j = self.ex_start + 1
        self.claim(f"from start {j}, gradient descent at {small:g} is still above {TOLERANCE:g} at step {STEPS}",
                   ls_[1] is None and ls_[0][STEPS] > TOLERANCE and ls_[2])
        self.claim(f"from start {j}, gradient descent at {pick:g} settles", k_[1] is not None and k_[2])
        tail = m_[0][STEPS // 2:]
        self.claim(f"from start {j}, gradient descent at {big:g} bounces on the map: its loss stays far above "
                   f"{TOLERANCE:g}", m_[1] is None and m_[2] and bool(np.all(tail > 100 * TOLERANCE)))
        self.claim(f"{small:g} and {big:g} also fail as means over the four starts",
                   not self.ex_res.settles(small) and not self.ex_res.settles(big))
        with self.voiceover(text=f"Each optimizer gets {len(GRID)} rates, {len(START_OFFSETS)} starts "
                                 f"and {STEPS} steps.") as tracker:
            self.set_heading("The race, run fairly")
            card = self.rules
            # each part of the budget as it is said: the grid's rates on the rate axis, the starts, a step clock
            self.play(FadeIn(self.example), FadeIn(card[0]), run_time=0.6)
            self.play(Create(self.ex_grid_ticks, lag_ratio=0.5), run_time=1.0)
            self.until(tracker, 0.45)
            self.play(FadeIn(card[1][0]), Create(self.card_rings, lag_ratio=0.4), FadeIn(self.inset["map"]),
                      Create(self.inset["starts"], lag_ratio=0.4), run_time=0.6)
            self.play(self.card_rings.animate.set_stroke(color=EDGE_COLOR),
                      self.inset["starts"].animate.set_stroke(color=EDGE_COLOR), rate_func=lambda t: np.sin(np.pi * t),
                      run_time=0.4)
            self.until(tracker, 0.7)
            steps = ValueTracker(0.0)
            spot = card[2].get_left()
            counter = text("0 steps", "label")

            def count(m):
                m.become(text(f"{int(round(steps.get_value()))} steps", "label").move_to(spot, aligned_edge=LEFT))

            counter.add_updater(count)
            count(counter)
            self.add(counter)
            self.play(steps.animate.set_value(STEPS), run_time=0.9)
            counter.clear_updaters()
            self.remove(counter)
            self.add(card[2])
        with self.voiceover(text=f"A run settles once its loss stays under {TOLERANCE:g}, on the map, "
                                 "in its start's own valley: one target for all.") as tracker:
            self.play(FadeOut(VGroup(*self.rules[:3])), FadeIn(self.loss_axes), FadeIn(self.loss_tol), run_time=0.5)
            self.play(Create(self.loss_curves[1]), FadeIn(self.loss_labels[1]), run_time=1.0)
            self.play(FadeIn(self.loss_dot, scale=1.5), FadeIn(self.ex_points[0], lag_ratio=0.1), run_time=0.6)
            # the two fail rules join the budget card as they are said
            self.until(tracker, 0.42)
            self.play(FadeIn(self.rules[3], shift=0.1 * LEFT), run_time=0.4)
            self.until(tracker, 0.62)
            self.play(FadeIn(self.rules[4], shift=0.1 * LEFT), Create(self.inset["links"]),
                      Create(self.inset["pits"]), run_time=0.6)
        low = float(np.nanmin(m_[0]))
        self.claim(f"from start {j}, gradient descent at {big:g} falls to near the line, then its loss climbs back "
                   "up: its last loss is over 100 times its lowest",
                   low < 10 * TOLERANCE and m_[0][STEPS] > 100 * low, str((low, m_[0][STEPS])))
        with self.voiceover(text=f"{small:g} is too slow; at {big:g}, the loss climbs back up.") as tracker:
            self.play(FadeOut(VGroup(*[v for k, v in self.inset.items() if k != "map"])), FadeOut(self.inset["map"]),
                      run_time=0.3)
            self.play(Create(self.loss_curves[0]), FadeIn(self.loss_labels[0]), FadeIn(self.ex_points[1], lag_ratio=0.05),
                      FadeIn(self.ex_points[2]), Create(self.ex_fail_rings[0]), run_time=1.0)
            self.until(tracker, 0.5)
            self.play(Create(self.loss_curves[2]), FadeIn(self.loss_labels[2]), Create(self.ex_fail_rings[1]),
                      run_time=1.0)

    def edge_rule(self):
        res = self.ex_res
        edge, pick, fail = res.edge_lr, res.lr, self.ex_edge_fail
        self.claim(f"{edge:g} is the fastest rate on the grid", res.edge_lr == edge and res.settles(edge))
        self.claim(f"its neighbour {fail:g} does not settle", not res.settles(fail))
        safe = self.safe(*EXAMPLE)
        self.claim(f"the pick is {pick:g}: the safe rate (both neighbours settle) with the lowest mean settle step",
                   pick in safe and res.scores[pick] == min(res.scores[g] for g in safe) and res.score == res.scores[pick],
                   str(safe))
        self.claim("the fastest rate is not safe (a neighbour fails)", edge not in safe)
        with self.voiceover(text=f"Fastest is {edge:g}, but {fail:g} fails.") as tracker:
            self.play(Create(self.ex_edge[0]), FadeIn(self.ex_edge[3][0]), run_time=0.6)
            self.until(tracker, 0.4)
            self.play(Create(self.ex_edge[1]), Create(self.ex_edge[2]), FadeIn(self.ex_edge[3][1]), run_time=0.7)
            self.until(tracker, 0.8)
            self.play(Create(self.ex_pick[0][0]), run_time=0.7)  # the safe box: the next rates down all settle
        with self.voiceover(text=f"We pick the fastest rate whose neighbours settle too: {pick:g}."):
            self.play(Create(self.ex_pick[0][1]), Create(self.ex_pick[1]), FadeIn(self.ex_pick[2]), run_time=0.8)
        self.wait(0.15)
        self.rules_all = VGroup(self.rules, self.example, self.ex_grid_ticks, self.ex_points, self.ex_edge, self.ex_pick, self.loss_axes,
                                self.loss_tol, *self.loss_curves, *self.loss_labels, self.loss_dot,
                                self.ex_fail_rings)

    def race(self, lname, intro: str, result: str, race_min: float = 2.5, hold: float = 0.0, then=None,
             tie_label=None):
        """One round: map, bars and race clock while ``intro`` is said (no numbers); the names on the map and
        ``result`` (the verdict) once every bar has stopped. The leader's path is drawn on top. ``then(bars)``:
        more animations for the end of the verdict's line. ``tie_label``: the verdict's
        line under the bars, in place of the default one."""
        lmap, paths, labels, others, note, bars = self.build_round(lname)
        old = getattr(self, "round_parts", None) or self.rules_all
        clock = ValueTracker(1.0)
        # the clock slows where the verdict is decided: from the leader's score to the last leader's
        # (a sole winner: to the runner-up's)
        sc = self.score[lname]
        lead = self.leaders[lname]
        nxt = self.settlers[lname][len(lead)] if len(lead) == 1 and len(self.settlers[lname]) > 1 else lead[-1]
        warp = slow_clock(sc[lead[0]], sc[nxt])
        readout = text(f"step {STEPS}", "label")
        # the race clock under the bars, at the end of their track (the header's row is too narrow for both)
        last = bars.rows[self.order[lname][-1]]
        readout.move_to([bars.bar_x0 + bars.bar_w, last.y - 0.6, 0], aligned_edge=RIGHT)
        spot = readout.get_right()

        def tick(m):
            m.become(text(f"step {int(round(clock.get_value()))}", "label").move_to(spot, aligned_edge=RIGHT))

        readout.add_updater(tick)
        tick(readout)
        x0, w = bars.bar_x0, bars.bar_w
        rows = [bars.rows[n] for n in self.order[lname]]
        for row in rows:
            bar, val, whisk = row[1], row[2], row[3]
            full = bar.copy()

            def grow(m, row=row, full=full):
                k = min(clock.get_value(), row.score)
                m.become(full.copy().stretch_to_fit_width(max(log_frac(k) * w, 1e-3)).move_to(
                    [x0, row.y, 0], aligned_edge=LEFT))
                if not log_frac(k) > 0:
                    m.set_fill(opacity=0).set_stroke(opacity=0)

            def show(m, row=row, at=None):
                done = clock.get_value() >= min(row.score if at is None else at, STEPS) - 1e-9
                m.set_opacity(1.0 if done else 0.0)

            bar.add_updater(grow)
            val.add_updater(show)
            grow(bar)
            show(val)
            for d in whisk:  # each start's dot appears as the clock passes its settle step
                d.add_updater(lambda m, row=row: show(m, row, m.step))
                show(d, row, d.step)
        with self.voiceover(text=intro) as tracker:
            # the title changes with the picture
            self.play(FadeOut(old), FadeOut(self.heading), run_time=0.4)
            self.remove(self.heading)
            self.heading = None
            head = self.set_heading(ROUND_TITLES[lname], animate=False)
            self.remove(head)
            self.play(FadeIn(head), FadeIn(lmap), FadeIn(others), FadeIn(note), FadeIn(bars[0]), FadeIn(bars[1]),
                      *[FadeIn(row[0]) for row in rows], run_time=0.7)
            front = lmap.markers.copy()  # minima and starts stay visible over the paths
            self.add(*reversed(paths), *[row[1] for row in rows], *[row[3] for row in rows],
                     *[row[2] for row in rows], readout, front)
            self.bring_to_front(others)
            self.play(clock.animate(rate_func=lambda t: (warp(t) * STEPS - 1) / (STEPS - 1)).set_value(STEPS),
                      *[p.draw(rate_func=warp) for p in paths], run_time=max(race_min, tracker.duration - 1.1))
            readout.clear_updaters()
            for row in rows:
                for m in row[1:]:
                    m.clear_updaters()
                for d in row[3]:
                    d.clear_updaters()
        tie = VGroup()
        o = self.settlers[lname]
        if len(self.leaders[lname]) > 1:
            tie = text(f"tie: under {TIE:.0%} apart", "label", color=TEXT)
        elif len(o) > 1:
            tie = text(f"{display_name(o[0])} by {self.margin(lname):.0%} (tie line {TIE:.0%})", "label",
                       color=racer_color(o[0]))
        if tie_label is not None:
            tie = tie_label
        if len(tie):  # under the bars, in the step readout's place, from the names' edge
            tie.move_to([SAFE_LEFT, readout.get_center()[1], 0], aligned_edge=LEFT)
            self.claim(f"{lname}: the verdict's line under the bars ends short of the map",
                       tie.get_right()[0] < lmap.get_left()[0] - 0.1, str((tie.get_right()[0], lmap.get_left()[0])))
        with self.voiceover(text=result) as tracker:
            self.play(*[FadeIn(l) for l in labels], *([FadeOut(readout)] if len(tie) else []), run_time=0.4)
            if len(tie):
                bars.add(tie)
                self.play(FadeIn(tie), run_time=0.3)
            if then is not None:
                self.until(tracker, 0.6)
                self.play(*then(bars), run_time=0.6)
        if hold:  # the verdict and its tie label stay up before the next picture
            self.wait(hold)
        self.round_parts = Group(lmap, VGroup(*paths), VGroup(*labels), others, note, bars,
                                 *([] if len(tie) else [readout]), front)
        self.round_map = lmap

    def margin(self, lname) -> float:
        """How far the runner-up trails the leader, as a fraction of the leader's score."""
        o = self.settlers[lname]
        return self.score[lname][o[1]] / self.score[lname][o[0]] - 1.0

    def round_rosenbrock(self):
        l = "rosenbrock"
        s, o = self.score[l], self.settlers[l]
        self.claim("on Rosenbrock only two optimizers settle at a safe rate", len(o) == 2, str(o))
        self.claim(f"on Rosenbrock {self.verdict(l)}, under {TIE:.0%} apart",
                   self.leaders[l] == o and s[o[1]] < (1 + TIE) * s[o[0]], str({n: s[n] for n in o}))
        self.claim("on Rosenbrock Nesterov settles at one rate only: no safe rate",
                   "nesterov" in self.no_safe[l] and sum(self.tuned[l]["nesterov"].settles(g) for g in GRID) == 1)
        self.claim("on Rosenbrock the other seven have no safe rate",
                   len(RACERS) - len(o) == 7 and all(self.tuned[l][n].lr is None for n in RACERS if n not in o))
        rest = [n for n in RACERS if n not in o and n != "nesterov"]
        self.claim(f"on Rosenbrock the other {len(rest)} never bring all four starts within tolerance, at any rate",
                   len(rest) == 6 and not any(self.reach[l][n] for n in rest), str(rest))
        m = self.tuned[l]["momentum"]
        self.claim("momentum's Rosenbrock bar (its picked rate's own mean) is the untuned table's number",
                   m.lr == self.default_lr("momentum") and self.score[l]["momentum"] == self.dscore[l]["momentum"])
        self.claim("each bar is the mean settle step at the fastest safe rate, and sets the order",
                   all(self.score[l][a] <= self.score[l][b] for a, b in zip(o, o[1:]))
                   and all(self.score[l][n] == min(self.tuned[l][n].scores[g] for g in self.safe(l, n)) for n in o))
        self.claim("each bar is the mean of its starts' settle steps (its dots)",
                   all(abs(np.mean(self.per_start[m][n]) - self.score[m][n]) < 1e-9
                       for m in LANDSCAPES for n in self.settlers[m]))
        never = [n for n in RACERS if self.never_settles(l, n)]
        unsafe = [n for n in RACERS if n not in o and n not in never]
        self.claim("on Rosenbrock six never settle at any rate; Nesterov settles, but has no safe rate",
                   len(never) == 6 and unsafe == ["nesterov"] and self.fail_word(l, "nesterov") == "no safe \u03b3",
                   str((never, unsafe)))
        # Adam ties only far above its default rate: said, and tagged under the bars
        a_lr, a_def = self.tuned[l]["adam"].lr, self.default_lr("adam")
        times = a_lr / a_def
        other = next(n for n in self.leaders[l] if n != "adam")
        self.claim(f"on Rosenbrock Adam ties {other} (the two leaders)", sorted(self.leaders[l]) == sorted(["adam", other]))
        self.claim(f"Adam's Rosenbrock pick {a_lr:g} is {times:.0f} times its default {a_def:g}",
                   "adam" in self.leaders[l] and abs(times - round(times)) < 1e-6 and times >= 100, str(times))
        line = VGroup(text("tie \u00b7", "label"),
                      text(f"Adam's \u03b3 {a_lr:g} = {times:.0f}\u00d7 default", "label", color=racer_color("adam")))
        line.arrange(RIGHT, buff=0.15, aligned_edge=DOWN)
        self.race(l, "Round one, Rosenbrock: each bar is a mean settle step.",
                  f"Adam ties {spoken(other)}, at {times:.0f} times its default rate.", race_min=2.5, tie_label=line)

    def safe(self, lname, n) -> list:
        """The safe rates: it and both its grid neighbours settle."""
        r = self.tuned[lname][n]
        return [g for i, g in enumerate(GRID) if all(r.settles(h) for h in GRID[max(i - 1, 0):i + 2])]

    def round_himmelblau(self):
        l = "himmelblau"
        s, o = self.score[l], self.order[l]
        starts = race_starts(l)
        home = nearest_minimum(l, starts)
        self.claim("Himmelblau's four starts each sit nearest a different pit",
                   sorted(home.tolist()) == list(range(len(oc.landscape(l).minima))), str(home))
        lead = self.leaders[l]
        self.claim(f"on Himmelblau {self.verdict(l)}, under {TIE:.0%} apart",
                   len(lead) >= 2 and s[lead[-1]] < (1 + TIE) * s[lead[0]], str({n: s[n] for n in o[:4]}))
        self.claim("on Himmelblau Adam's row reads wrong valley: where all four settle, one is in another pit",
                   self.wrong_valley(l, "adam"))
        fm = [float(oc.landscape(l).f(np.asarray(m, dtype=float))) for m in oc.landscape(l).minima]
        self.claim("Himmelblau's four minima are equally low", max(fm) - min(fm) < 1e-6, str(fm))
        self.claim("Adam never settles in its own pit from all four starts, at any rate",
                   not any(self.tuned[l]["adam"].settles(g) for g in GRID))
        elsewhere = [n for n in self.order[l] if self.only_elsewhere(l, n)]
        self.claim("on Himmelblau Adam and NAdam settle at no rate in their own valley, but safely in another",
                   elsewhere == ["adam", "nadam"], str(elsewhere))
        self.claim("AdaGrad and AdaMax settle in their own valley at a rate, but no safe one",
                   all(self.fail_word(l, n) == "no safe \u03b3" for n in ("adagrad", "adamax")))
        box = VGroup()

        def mark_elsewhere(bars):
            """One box per run of adjacent "other valley" rows, drawn as the verdict ends."""
            idx = [self.order[l].index(n) for n in elsewhere]
            runs_ = [[idx[0]]]
            for k in idx[1:]:
                if k == runs_[-1][-1] + 1:
                    runs_[-1].append(k)
                else:
                    runs_.append([k])
            right = max(bars.rows[n].get_right()[0] for n in elsewhere)
            for run_ in runs_:
                rows = [bars.rows[self.order[l][k]] for k in run_]
                top_, bot_ = rows[0][1].get_top()[1], rows[-1][1].get_bottom()[1]
                b = Rectangle(width=right - SAFE_LEFT + 0.2, height=top_ - bot_ + 0.16,
                              stroke_color=racer_color("adam"), stroke_width=3)
                box.add(b.move_to([(SAFE_LEFT - 0.1 + right + 0.1) / 2, (top_ + bot_) / 2, 0]))
            return [Create(box)]

        self.race(l, "Round two, Himmelblau: four equal minima.",
                  f"{self.verdict(l)}.", race_min=2.1, then=mark_elsewhere)
        lr = self.adam_anypit.lr
        i = self.jumpers[0]
        self.claim(f"from start {i + 1}, Adam at {lr:g} lands in another pit",
                   lr is not None and self.jump_home != self.jump_land)
        self.claim(f"from start {i + 1}, at every rate where Adam's four runs settle, it settles in another pit",
                   len(self.adam_elsewhere) > 0 and all(self.adam_elsewhere), str(self.adam_elsewhere))
        parts = self.round_parts
        # then the bars and the race map make way for two maps side by side: gradient descent and Adam from the
        # same start, at the same rate (and Adam at its best rate if any valley counted)
        gd_lr, rates = self.tuned[l]["gd"].lr, (self.tuned[l]["gd"].lr, lr)
        demo = self.demo_runs(l, i, gd_lr, rates)
        self.claim(f"from start {i + 1}, gradient descent at {gd_lr:g} settles in its nearest valley",
                   demo["gd"][0][1] and demo["gd"][0][2] == self.jump_home)
        self.claim(f"from start {i + 1}, Adam at {rates[0]:g} and at {rates[1]:g} settles, in the valley it was not "
                   "nearest", all(k and land == self.jump_land != self.jump_home for _, k, land in demo["adam"]))
        self.claim(f"at {rates[0]:g} and {rates[1]:g} all four Adam runs settle somewhere on the map",
                   all(self.anypit[l]["adam"].settles(g) for g in rates))
        maps = self.build_demo(l, i, demo, gd_lr, rates)
        self.claim(f"{rates[1]:g} is a rate of the grid, and Adam's best (safe) rate if any valley counted",
                   rates[1] in GRID and rates[1] == self.anypit[l]["adam"].lr)
        # why Adam leaves: its first step scales each coordinate alone (about lr * sign of the gradient), so it
        # goes diagonally while -grad L points almost along x
        ls_ = oc.landscape(l)
        s0 = race_starts(l)[i]
        g0 = -np.asarray(ls_.grad(s0), dtype=float)
        g_ang = abs(np.degrees(np.arctan2(g0[1], g0[0])))
        for r in rates:
            st = oc.run(oc.optimizer("adam", lr=r), ls_, s0, steps=1, record_state=False).positions[1] - s0
            a_ang = np.degrees(np.arccos(np.dot(st, g0) / np.linalg.norm(st) / np.linalg.norm(g0)))
            self.claim(f"from start {i + 1}, Adam's first step at {r:g} moves both coordinates equally (diagonal), "
                       "at least 40 degrees off -grad L, which points within 5 degrees of the x axis",
                       abs(abs(st[0]) - abs(st[1])) < 1e-3 * abs(st[0]) and a_ang > 40 and g_ang < 5,
                       str((st, a_ang, g_ang)))
        for s1 in race_starts(l):
            st, sg = self.first_step("adam", l, s1, gd_lr), self.first_step("gd", l, s1, gd_lr)
            g1 = -np.asarray(ls_.grad(s1), dtype=float)
            self.claim(f"the map's arrows: from {s1}, Adam's first step at {gd_lr:g} is diagonal (both coordinates "
                       "move equally), gradient descent's is along -grad f",
                       abs(abs(st[0]) - abs(st[1])) < 1e-3 * abs(st[0])
                       and np.allclose(sg, gd_lr * g1, rtol=1e-6, atol=1e-12), str((st, sg)))
        with self.voiceover(text=f"From start {i + 1}, gradient descent stays in its own valley; Adam scales "
                                 "each coordinate, steps diagonally, and lands in the next.") as tracker:
            self.play(FadeOut(Group(*parts, box)), FadeIn(maps["base"]), run_time=0.6)
            self.play(Create(maps["steps"][0][0], lag_ratio=0.2), FadeIn(maps["steps"][0][1]), run_time=0.6)
            self.play(maps["paths"][0].draw(rate_func=CLOCK), FadeIn(maps["tags"][0]),
                      run_time=max(1.0, tracker.duration * 0.4 - 1.2))
            self.play(FadeIn(maps["ticks"][0]), run_time=0.3)
            self.until(tracker, 0.45)
            self.play(Create(maps["steps"][1][0], lag_ratio=0.2), FadeIn(maps["steps"][1][1]), run_time=0.7)
            self.until(tracker, 0.68)
            self.play(*[p.draw(rate_func=CLOCK) for p in maps["paths"][1:]], FadeIn(maps["tags"][1:]),
                      run_time=max(1.0, tracker.duration * 0.32 - 0.4))
            self.play(FadeIn(maps["ticks"][1]), run_time=0.3)
        self.wait(0.3)
        self.round_parts = Group(*maps.values())

    def demo_runs(self, l, i, gd_lr, rates):
        """Gradient descent at its pick and Adam at ``rates``, from start ``i``: (run, settled, landing pit)."""
        ls = oc.landscape(l)
        out = {}
        for n, lrs in (("gd", (gd_lr,)), ("adam", rates)):
            out[n] = []
            for g in lrs:
                t = oc.run(oc.optimizer(n, lr=g), ls, race_starts(l)[i], steps=STEPS, record_state=False)
                k = settle_step(t.losses, ls.f_min, TOLERANCE)
                ok = k is not None and bool(ls.in_bounds(t.positions).all())
                out[n].append((t, ok, int(nearest_minimum(l, t.positions[-1:])[0])))
        return out

    def build_demo(self, l, i, demo, gd_lr, rates):
        """Two maps side by side (the hero): gradient descent's run from start i (left), Adam's at two rates
        (right); each map rings the start's nearest minimum; a tick where a run settles there, a cross where not."""
        ls = oc.landscape(l)
        pts = np.concatenate([t.positions.reshape(-1, 2) for runs in demo.values() for t, _, _ in runs[:1]])
        r = max(float(ls.bounds[0][1]), float(np.ceil(np.abs(pts).max() + 0.3)))
        b = ((-r, r), (-r, r))
        # the frames: room for the names above, the tick labels left of and below each map
        h = min(STAGE.top - 0.55 - (SAFE_BOTTOM + 0.8), (SAFE_RIGHT - SAFE_LEFT - 0.9 - 1.05 - 0.05) / 2)
        base, paths, tags, ticks, steps = Group(), VGroup(), VGroup(), VGroup(), VGroup()
        home = np.asarray(ls.minima[self.jump_home])
        start = race_starts(l)[i]
        cols = {("gd", 0): racer_color("gd"), ("adam", 0): racer_color("adam")}
        for side, n in enumerate(("gd", "adam")):
            lmap = LandscapeMap(ls, width=h, height=h, n_contours=9, bounds=b)
            x = (SAFE_LEFT + 0.9 + h / 2) if side == 0 else (SAFE_RIGHT - 0.05 - h / 2)
            lmap.shift(np.array([x, SAFE_BOTTOM + 0.8 + h / 2, 0]) - lmap.frame.get_center())
            name = text(spoken(n).capitalize() if n == "gd" else display_name(n), "body", color=racer_color(n))
            name.next_to(lmap.frame, UP, buff=0.12).align_to(lmap.frame, LEFT)
            ring = DashedVMobject(Circle(radius=0.32, stroke_color=TEXT, stroke_width=3), num_dashes=14)
            ring.move_to(lmap.c2p(*home))
            s_ring = Circle(radius=0.11, stroke_color=TEXT, stroke_width=3).move_to(lmap.c2p(*start))
            s_lab = text(f"start {i + 1}", "label")
            s_lab.next_to(s_ring, LEFT, buff=0.12)
            s_back = Rectangle(width=s_lab.width + 0.16, height=s_lab.height + 0.14, stroke_width=0,
                               fill_color=PANEL, fill_opacity=0.85).move_to(s_lab)
            base.add(lmap, name, ring, s_back, s_lab)
            for j, (t, ok, land) in enumerate(demo[n][:1]):
                g = (gd_lr,) if n == "gd" else rates
                col = cols[(n, j)]
                p = TrajectoryPath(t, lmap, n, color=col, markers=False, stroke_width=5, dot_radius=0.1,
                                   stop_at_exit=True)
                paths.add(p)
                tag = text(f"\u03b3 {g[j]:g}", "label", color=col)
                tags.add(tag)
            end = lmap.c2p(*demo[n][0][0].positions[-1])
            # each start's first step, drawn at one length: its direction is the point
            col = racer_color(n)
            arrows = VGroup()
            for s0 in race_starts(l):
                d = self.first_step(n, l, s0, gd_lr)
                p0 = lmap.c2p(*s0)
                arrows.add(Arrow(p0, p0 + 0.95 * np.array([d[0], d[1], 0.0]) / np.linalg.norm(d), buff=0.0,
                                 stroke_width=6, color=col, max_tip_length_to_length_ratio=0.4))
            what = text("first steps: along \u2212\u2207f" if n == "gd" else "first steps: diagonal", "small",
                        color=col)
            # gradient descent's at the top; Adam's at the bottom (its miss is marked at the top)
            if n == "gd":
                what.next_to(lmap.frame.get_top(), DOWN, buff=0.12)
            else:
                what.next_to(lmap.frame.get_bottom(), UP, buff=0.12)
            what.add_background_rectangle(color=PANEL, opacity=0.85, buff=0.06)
            steps.add(VGroup(arrows, what))
            # the verdict, under the ring (its nearest valley) or under the cross (where it ends), inside the frame
            if n == "gd":
                mark = VGroup(text("\u2713 its own valley", "label", color=TEXT))
                mark.next_to(ring, DOWN, buff=0.12)
            else:  # above the cross: the runs come in from below
                cross = Cross(Dot(end, radius=0.2), stroke_color=EDGE_COLOR, stroke_width=7, scale_factor=1.0)
                miss = VGroup(text("\u2717 another valley:", "label", color=EDGE_COLOR),
                              text("a miss", "label", color=EDGE_COLOR)).arrange(DOWN, aligned_edge=RIGHT, buff=0.08)
                mark = VGroup(cross, miss.next_to(cross, UP, buff=0.4))
            lab = mark[-1]
            if lab.get_right()[0] > lmap.frame.get_right()[0] - 0.1:
                lab.shift(LEFT * (lab.get_right()[0] - lmap.frame.get_right()[0] + 0.1))
            lab.add_background_rectangle(color=PANEL, opacity=0.85, buff=0.06)
            ticks.add(mark)
        # the rate tags: on the name's row, after the name, in their runs' colours
        for side in range(2):
            name = base[5 * side + 1]
            own = tags[:1] if side == 0 else tags[1:]
            VGroup(*own).arrange(RIGHT, buff=0.3).next_to(name, RIGHT, buff=0.35).align_to(name, DOWN)
        return {"base": base, "paths": paths, "tags": tags, "ticks": ticks, "steps": steps}

    @staticmethod
    def first_step(n, l, s0, lr):
        """An optimizer's first step from ``s0`` on landscape ``l`` at rate ``lr``."""
        return oc.run(oc.optimizer(n, lr=lr), oc.landscape(l), s0, steps=1, record_state=False).positions[1] - s0

    def round_beale(self):
        l = "beale"
        s, lead = self.score[l], self.leaders[l]
        o = self.order[l]
        self.claim(f"on Beale {self.verdict(l)} outright, by more than {TIE:.0%}",
                   lead == [o[0]] and s[o[1]] >= (1 + TIE) * s[o[0]], str({n: s[n] for n in o[:3]}))
        m = self.margin(l)
        self.claim(f"on Beale the runner-up trails by {m:.0%}", m >= TIE, str(m))
        self.claim(f"the margin is just past the {TIE:.0%} tie line (under 5 points past it)", TIE <= m < TIE + 0.05,
                   str(m))
        self.claim("on Beale Nesterov leads alone", lead == ["nesterov"])
        # on average only: start by start, the two split the starts
        a, b = self.per_start[l][o[0]], self.per_start[l][o[1]]
        won = sum(x < y for x, y in zip(a, b))
        self.claim(f"on Beale, start by start, {display_name(o[0])} is faster at {won} of {len(a)} starts and "
                   f"{display_name(o[1])} at the rest: a split", 0 < won < len(a) and not any(x == y for x, y in zip(a, b)),
                   str((a, b)))
        self.claim("on Beale the two leaders win the same number of starts", 2 * won == len(a), str((a, b)))
        line = VGroup(text(f"by {m:.0%} on average", "label", color=racer_color(o[0])),
                      text(f"\u00b7 starts won {won}\u2013{len(a) - won}", "label"))
        line.arrange(RIGHT, buff=0.15, aligned_edge=DOWN)

        def point_at_ticks(bars):
            """The two leaders' per-start ticks swell once: the split is there."""
            ticks = VGroup(*[bars.rows[n][3] for n in o[:2]])
            return [ticks.animate(rate_func=lambda t: np.sin(np.pi * t)).set_stroke(width=10)]

        self.race(l, "Round three, Beale: a curving valley, a flat plateau.",
                  f"Nesterov: {m * 100:.0f} percent faster on average; starts split.",
                  race_min=2.7, hold=0.15, then=point_at_ticks, tie_label=line)

    def untuned(self):
        self.build_table()
        full = [n for n in RACERS if self.default_settles(n) == len(LANDSCAPES)]
        adam_moved_short = all((self.adam_default[l][0] < self.adam_default[l][1]).all() for l in LANDSCAPES)
        self.claim("untuned, only momentum settles on all three", full == ["momentum"], str(full))
        self.claim("untuned, Adam settles on none", self.default_settles("adam") == 0)
        self.claim("untuned, momentum beats Adam everywhere",
                   all(self.dscore[l]["momentum"] < self.dscore[l]["adam"] for l in LANDSCAPES))
        self.claim("in 1000 default steps Adam never gets as far from any start as that start's nearest minimum",
                   adam_moved_short)
        self.claim(f"Adam's closest case ({self.adam_best[0]}, start {self.adam_best[1] + 1}): its farthest reach is "
                   "shorter than the distance to its nearest minimum",
                   round(self.adam_note_nums[0], 2) < round(self.adam_note_nums[1], 2), str(self.adam_note_nums))
        self.claim("the table's last row: every racer in it settles on no landscape at its default rate",
                   len(self.table_nowhere) >= 2
                   and all(not np.isfinite(self.dscore[l][n]) for n in self.table_nowhere for l in LANDSCAPES),
                   str(self.table_nowhere))
        d = self.default_lr("adam")
        self.claim("momentum and Nesterov race with the same momentum",
                   oc.optimizer("nesterov").hyperparams["momentum"] == self.table_mu)
        self.claim(f"momentum races with mu {self.table_mu:g}", self.table_mu == 0.9)
        self.claim("torch.optim.SGD's own default momentum is 0 (the footnote says so)", torch_sgd_default_mu() == 0.0)
        m = self.tuned["rosenbrock"]["momentum"]
        k = sum(m.settles(g) for g in GRID)
        dm = self.default_lr("momentum")
        self.claim(f"on Rosenbrock momentum settles at just {k} of {len(GRID)} rates, its default {dm:g} among them",
                   k == self.mom_window and m.settles(dm) and k <= 3)
        self.claim("momentum's default is its tuned pick on Rosenbrock", m.lr == dm)
        with self.voiceover(text=f"At PyTorch's default rates, only momentum, with mu {self.table_mu:g}, "
                                 "settles everywhere.") as tracker:
            old, self.heading = self.heading, None
            head = self.set_heading("Untuned: PyTorch's default \u03b3", animate=False)
            self.remove(head)
            # the race leaves first, then the table comes in (no text over text)
            self.play(FadeOut(self.round_parts), FadeOut(old), run_time=0.35)
            self.play(FadeIn(head), FadeIn(self.table[:2]), FadeIn(VGroup(*self.table[2:]), lag_ratio=0.06),
                      FadeIn(self.table_foot), run_time=0.9)
            self.until(tracker, 0.7)
            self.play(FadeIn(self.table_box["momentum"]), run_time=0.6)
        cells, ring, ticks = self.mom_strip_parts
        # its default (ringed on the strip) is one of them: said by the picture, to keep the chapter short
        with self.voiceover(text=f"On Rosenbrock, momentum settles at {k} of {len(GRID)} rates; the default is "
                                 "one.") as tracker:
            self.play(FadeIn(self.mom_note), FadeIn(cells, lag_ratio=0.03), FadeIn(ticks), run_time=1.2)
            self.until(tracker, 0.5)
            self.play(Create(ring[0]), FadeIn(ring[1]), run_time=0.5)
        gaps = np.concatenate([self.adam_default[l][1] for l in LANDSCAPES])
        self.claim("the starts are a few units from the nearest minimum", 1.0 <= gaps.min() and gaps.max() < 10.0,
                   str(gaps))
        moved, gap = self.adam_note_nums
        rx, ry = self.adam_reach_scale
        self.claim("the reach map is drawn to scale (the circle is a circle)", abs(rx - ry) < 1e-6 * max(rx, 1.0))
        a = self.adam_reach
        ok, home, land = self.adam_heads
        self.claim(f"at {d:g}, from that start, Adam heads away from its nearest minimum: its last point is nearest minimum "
                   f"{land + 1}, not its start's nearest ({home + 1}), and over the last 100 steps it nears the one "
                   "and leaves the other", ok)
        with self.voiceover(text=f"At {d:g}, Adam gets at most {moved:.2f} from its start; the nearest minimum "
                                 f"is {gap:.2f} away: it falls short.") as tracker:
            # the table leaves first, then Adam's closest case, drawn large
            self.play(FadeOut(VGroup(self.table, self.table_foot, self.table_box["momentum"], self.mom_strip)),
                      run_time=0.3)
            self.play(FadeIn(a["map"]), FadeIn(a["where"]), run_time=0.4)
            self.play(a["path"].draw(rate_func=CLOCK), run_time=1.3)
            self.play(Create(a["far"][0]), FadeIn(a["far"][1:]), run_time=0.5)
            self.until(tracker, 0.4)
            self.play(Create(a["heads"][0]), FadeIn(a["heads"][1]), run_time=0.5)
            self.until(tracker, 0.68)
            self.play(Create(a["min"][0]), Create(a["min"][1]), FadeIn(a["min"][2:]), run_time=0.8)
        self.wait(0.3)
        self.untuned_parts = Group(*a.values())

    def build_recap(self):
        """The results on one card: each racer's place in each tuned round (the leaders within TIE share
        first place), and at how many of the grid's rates it settles on its best map (the closing line's
        number). Rows sit on a fixed baseline grid."""
        name_w, col_w = 2.95, 2.3
        x0 = -(name_w + col_w * 4) / 2
        # the last column a little left: its header stays inside the frame's safe area
        xs = [x0 + name_w + col_w * (i + 0.5) - (0.25 if i == 3 else 0.0) for i in range(4)]
        top, pitch, first = STAGE.top - 0.1, self.RECAP_PITCH, 1.12
        # group headers over their columns, each with a span line; the column names below them
        span = [(xs[0] - col_w / 2 + 0.2, xs[2] + col_w / 2 - 0.2), (xs[3] - col_w / 2 + 0.45, xs[3] + col_w / 2 - 0.2)]
        head1 = VGroup(text("tuned: place", "label", color=MUTED), text("rates that settle", "label", color=MUTED))
        for t, x in zip(head1, (xs[1], xs[3])):  # both group headers on one baseline
            self.on_baseline(t, x, top - 0.12)
        spans = VGroup(*[Line([a, top - 0.3, 0], [b, top - 0.3, 0], stroke_color=MUTED, stroke_width=1.5)
                         for a, b in span])
        head2 = VGroup(*[text(c, "small", color=MUTED) for c in [l.capitalize() for l in LANDSCAPES] + ["(best map)"]])
        for t, x in zip(head2, xs):
            self.on_baseline(t, x, top - 0.62)
        rule = Line([x0, top - 0.78, 0], [xs[-1] + col_w / 2, top - 0.78, 0], stroke_color=MUTED, stroke_width=1.5)
        place = {}
        for l in LANDSCAPES:
            place[l] = {n: (1 if n in self.leaders[l] else i + 1) for i, n in enumerate(self.settlers[l])}
        suffix = {1: "st", 2: "nd", 3: "rd"}
        rows, marks = {}, VGroup()
        box_h = pitch - 0.08
        mid = text("H", "body").height / 2  # a box's centre: half a capital above the baseline
        for r, n in enumerate(RACERS):
            base = top - first - r * pitch
            name = text(display_name(n), "body")
            self.on_baseline(name, x0 + name.width / 2, base)
            cells = [name]
            for i, l in enumerate(LANDSCAPES):
                k = place[l].get(n)
                tie = k == 1 and len(self.leaders[l]) > 1
                # a place where it has a safe rate (in its own valley); else why not, from the tuning result
                if k:
                    c = text(f"{k}{suffix.get(k, 'th')}" + (" (tie)" if tie else ""), "body",
                             color=TEXT if k == 1 else MUTED)
                else:
                    sym, col = self.FAIL_SYMBOLS[self.fail_word(l, n)]
                    c = text(sym, "body", color=col)
                self.on_baseline(c, xs[i], base)
                cells.append(c)
                if k == 1:
                    marks.add(Rectangle(width=c.width + 0.24, height=box_h, stroke_width=0, fill_color=racer_color(n),
                                        fill_opacity=0.38).move_to([xs[i], base + mid - 0.03, 0]).set_z_index(-1))
            k = self.settle_count[n]
            c = text(f"{k} of {len(GRID)}", "body", color=TEXT)
            self.on_baseline(c, xs[-1], base)
            cells.append(c)
            if k == max(self.settle_count.values()):  # the most: the closing line's number
                marks.add(Rectangle(width=c.width + 0.24, height=box_h, stroke_width=0, fill_color=MUTED,
                                    fill_opacity=0.4).move_to([xs[-1], base + mid - 0.03, 0]).set_z_index(-1))
            rows[n] = VGroup(*cells)
        # the key to the failing cells' symbols, under the table
        key = VGroup(*[VGroup(text(sym, "body", color=col), text(word, "label", color=MUTED)).arrange(RIGHT, buff=0.12)
                       for word, (sym, col) in self.FAIL_SYMBOLS.items()]).arrange(RIGHT, buff=0.6)
        key.move_to([0, top - first - (len(RACERS) - 1) * pitch - 0.4, 0])  # under the table: why no place
        self.recap_key = key
        self.recap_table = VGroup(VGroup(head1, head2, spans), rule, *rows.values())
        self.recap_marks = marks
        self.recap_place = place

    #: the recap's row pitch (room for the bands behind the first places)
    RECAP_PITCH = 0.48

    #: a failing cell of the recap: its symbol and colour, by the reason it has no place
    FAIL_SYMBOLS = {"never settles": ("\u2717", EDGE_COLOR), "no safe \u03b3": ("\u2013", TEXT),
                    "other valley": ("\u21b7", "#E69F00")}

    @staticmethod
    def on_baseline(t, x: float, base: float) -> None:
        """Centre ``t`` on ``x`` with its baseline (the bottom of its glyphs without descenders) at ``base``;
        a lone dash sits at half the x-height."""
        chars = [c for c in t.text if not c.isspace()]
        glyphs = list(t.submobjects)
        t.set_x(x)
        if len(glyphs) == len(chars):
            flat = [g.get_bottom()[1] for g, c in zip(glyphs, chars) if c.isalnum() and c not in "gjpqy"]
            if flat:
                t.shift(UP * (base - float(np.median(flat))))
                return
        t.set_y(base + 0.1)

    def recap(self):
        # at how many of the grid's rates each racer settles (all four starts), on its best map
        self.settle_count = {n: max(sum(self.tuned[l][n].settles(g) for g in GRID) for l in LANDSCAPES)
                             for n in RACERS}
        self.build_recap()
        w = {n: self.wins(n) for n in RACERS}
        champs = [n for n in RACERS if w[n]]
        ties = [l for l in LANDSCAPES if len(self.leaders[l]) > 1]
        solo = [l for l in LANDSCAPES if len(self.leaders[l]) == 1]
        self.claim("tuned, one round has a sole winner and the other two are ties",
                   len(solo) == 1 and len(ties) == 2, str(self.leaders))
        a, ls = self.leaders[solo[0]][0], solo[0]
        self.claim(f"tuned, {display_name(a)} won {ls.capitalize()}; {ties[0].capitalize()} and "
                   f"{ties[1].capitalize()} were ties", champs == [a], str(w))
        self.claim("untuned, only momentum settled on all three",
                   [n for n in RACERS if self.default_settles(n) == len(LANDSCAPES)] == ["momentum"])
        self.claim("the best optimizer depends on the problem and on the tuning",
                   len({tuple(v) for v in self.leaders.values()}) > 1
                   and self.default_settles(a) < self.default_settles("momentum"))
        self.claim("tuned, no racer wins more than one round", max(w.values()) == 1, str(w))
        self.claim("tuned, Nesterov won Beale and tied on Himmelblau; Adam tied on Rosenbrock",
                   self.leaders["beale"] == ["nesterov"] and "nesterov" in self.leaders["himmelblau"]
                   and len(self.leaders["himmelblau"]) == 2 and "adam" in self.leaders["rosenbrock"]
                   and len(self.leaders["rosenbrock"]) == 2, str(self.leaders))
        # the lesson: no racer leads every round, and every racer fails at most rates of the grid
        self.claim("no optimizer leads (wins or ties) all three rounds",
                   not any(all(n in self.leaders[l] for l in LANDSCAPES) for n in RACERS), str(self.leaders))
        kmax = max(sum(self.tuned[l][n].settles(g) for g in GRID) for l in LANDSCAPES for n in RACERS)
        self.claim(f"on every map, each optimizer settles at no more than {kmax} of the {len(GRID)} rates: "
                   "most rates fail for every one", kmax < len(GRID) / 2, str(kmax))
        self.claim("the recap's last column's largest count is the closing line's number",
                   max(self.settle_count.values()) == kmax)
        # the lesson: the rate matters more than the name; at default rates all but one fail somewhere
        self.claim("untuned, every racer but momentum fails on some landscape; tuned, each round has a leader",
                   sum(self.default_settles(n) < len(LANDSCAPES) for n in RACERS) == len(RACERS) - 1
                   and all(self.leaders[l] for l in LANDSCAPES))
        card = self.takeaway(f"Tune the rate first: none settles at more than {kmax} of {len(GRID)}")
        # a tighter panel than the kit's, so the key above keeps clear of it
        card[0].become(BackgroundRectangle(card[1], color=PANEL, fill_opacity=0.94, buff=0.18, corner_radius=0.12))
        card.move_to([0, SAFE_BOTTOM + card.height / 2, 0])
        self.claim("the closing card sits under the key", card.get_top()[1] < self.recap_key.get_bottom()[1] - 0.05,
                   str((card.get_top()[1], self.recap_key.get_bottom()[1])))
        self.recap_card = card
        rows = self.recap_table[2:]
        (head1, head2, spans), rule = self.recap_table[0], self.recap_table[1]
        tuned = VGroup(head1[0], spans[0], *head2[:3], rule, *[VGroup(*row[:4]) for row in rows])
        untuned = VGroup(head1[1], spans[1], head2[3], *[row[4] for row in rows])
        with self.voiceover(text=f"No optimizer wins every round; none settles at over {kmax} of "
                                 f"{len(GRID)} rates: tune the rate first.") as tracker:
            old, self.heading = self.heading, None
            head = self.set_heading("What the race says", animate=False)
            self.remove(head)
            # Adam's map leaves first, then the recap comes in (no text over text)
            self.play(FadeOut(self.untuned_parts), FadeOut(old), run_time=0.3)
            self.play(FadeIn(head), FadeIn(tuned, lag_ratio=0.03), run_time=0.8)
            self.play(*[FadeIn(m) for m in self.recap_marks], FadeIn(untuned, lag_ratio=0.05), FadeIn(self.recap_key),
                      run_time=0.7)
            self.until(tracker, 0.4)
            self.play(FadeIn(card, shift=0.1 * UP), run_time=0.5)


ORIGIN_ALIGN = np.zeros(3)
