"""The race (chapter 12) is a fair experiment: its methodology, checked on the numbers the chapter computes.

``TheRace.compute()`` is the chapter's own computation (the same numbers its bars, tables, verdicts and
recap are built from; tune_lr results come from the optim_core cache when present). These tests hold it
to the rules the chapter states: one learning-rate grid, several starts and one step budget for every
optimizer; a run counts only if it never leaves the map; the picked rate away from the edge of stability
(both grid neighbours settle too) and the fastest such rate; an untuned round at PyTorch's defaults; no silent handicap; verdicts from the scores.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import optim_core as oc


@pytest.fixture(scope="module")
def race():
    from scenes import ch12_the_race as ch12

    scene = ch12.TheRace.__new__(ch12.TheRace)  # the numbers only: no manim scene is set up or rendered
    scene.compute()
    return ch12, scene


def test_one_grid_one_budget_several_starts_for_everyone(race):
    ch12, s = race
    assert len(ch12.GRID) >= 20 and list(ch12.GRID) == sorted(ch12.GRID)
    for lname in ch12.LANDSCAPES:
        assert set(s.tuned[lname]) == set(ch12.RACERS)
        starts = ch12.race_starts(lname)
        assert len(starts) >= 4, lname
        for name, res in s.tuned[lname].items():
            assert tuple(res.grid) == tuple(sorted(ch12.GRID)), (lname, name)
            assert res.steps == ch12.STEPS and res.tol == ch12.TOLERANCE, (lname, name)
            assert np.array_equal(res.starts, starts), (lname, name)
            assert set(res.scores) == set(res.grid), (lname, name)  # every rate was tried


def test_the_pick_is_the_fastest_rate_whose_neighbours_also_settle(race):
    ch12, s = race
    grid = sorted(ch12.GRID)
    picked = 0
    for lname in ch12.LANDSCAPES:
        for name, res in s.tuned[lname].items():
            safe = [g for i, g in enumerate(grid) if res.settles(g)
                    and (i == 0 or res.settles(grid[i - 1])) and (i == len(grid) - 1 or res.settles(grid[i + 1]))]
            if res.lr is None:
                assert not safe and math.isinf(s.score[lname][name]), (lname, name)
                continue
            picked += 1
            i = grid.index(res.lr)
            # away from the edge of stability: both neighbours on the grid settle too
            assert 0 < i < len(grid) - 1, (lname, name, res.lr)
            assert res.settles(grid[i - 1]) and res.settles(grid[i + 1]), (lname, name, res.lr)
            # the fastest safe rate, and the score shown is that rate's own mean settle step
            assert res.scores[res.lr] == min(res.scores[g] for g in safe), (lname, name)
            assert s.score[lname][name] == res.scores[res.lr], (lname, name)
            # a run that leaves the map and comes back does not count: every picked run stays on it
            assert res.bounded, (lname, name)
            t = oc.run(oc.optimizer(name, lr=res.lr), lname, ch12.race_starts(lname), steps=ch12.STEPS,
                       record_state=False)
            assert oc.landscape(lname).in_bounds(t.positions).all(), (lname, name, res.lr)
    assert picked >= 8  # the rule leaves a real race, not a field of non-finishers


def test_an_untuned_round_at_pytorchs_defaults(race):
    ch12, s = race
    torch_default_lr = {"gd": 1e-3, "momentum": 1e-3, "nesterov": 1e-3, "adagrad": 1e-2, "adadelta": 1.0,
                        "rmsprop": 1e-2, "adam": 1e-3, "adamax": 2e-3, "nadam": 2e-3, "adamw": 1e-3}
    for lname in ch12.LANDSCAPES:
        for name in ch12.RACERS:
            res = s.default[lname][name]
            assert res.grid == (torch_default_lr[name],), (lname, name, res.grid)
            assert s.dscore[lname][name] == res.scores[torch_default_lr[name]]
    # the untuned round runs exactly the tuned rounds' racers (AdamW is not raced: with no decay it is Adam)
    for lname in ch12.LANDSCAPES:
        assert set(s.default[lname]) == set(ch12.RACERS), lname
    assert "adamw" not in ch12.RACERS


def test_no_silent_handicap_adamw_with_no_decay_is_adam(race):
    _, s = race
    assert s.adamw_is_adam
    # and AdamW's default decay does change its steps (so racing it as Adam needs its decay at 0)
    a = oc.run(oc.optimizer("adam", lr=0.5), "beale", [(1.0, 1.0)], steps=50, record_state=False)
    w = oc.run(oc.optimizer("adamw", lr=0.5), "beale", [(1.0, 1.0)], steps=50, record_state=False)
    assert not np.array_equal(a.positions, w.positions)


def test_verdicts_come_from_the_scores(race):
    ch12, s = race
    for lname in ch12.LANDSCAPES:
        scores = s.score[lname]
        finite = {n: v for n, v in scores.items() if math.isfinite(v)}
        assert finite, lname
        best = min(finite.values())
        leaders = {n for n, v in finite.items() if v < (1 + ch12.TIE) * best}
        assert set(s.leaders[lname]) == leaders, lname
        assert s.order[lname][0] in leaders
        # the ranking is by score
        ranked = [scores[n] for n in s.order[lname]]
        assert ranked == sorted(ranked), lname
