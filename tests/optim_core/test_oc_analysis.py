"""optim_core.analysis: the numbers the narration says, against values worked out by hand."""

from __future__ import annotations

import numpy as np
import pytest

import optim_core as oc
from optim_core import analysis as an


class TestSettle:
    def test_stays_within_tolerance_from_that_step_on(self):
        v = [5.0, 0.5, 0.0005, 0.002, 0.0009, 0.0001, 0.0]
        assert an.settle_step(v, 0.0, 1e-3) == 4  # the dip at index 2 does not count: index 3 leaves again
        assert an.crossing_step(v, 1e-3) == 2      # a first dip is a crossing, not settling

    def test_never_settles(self):
        assert an.settle_step([1.0, 0.0, 1.0], 0.0, 0.1) is None
        assert an.settle_step([np.nan, 0.0], 0.0, 0.1) == 1
        assert an.settle_step([0.0, np.nan], 0.0, 0.1) is None

    def test_loss_settle_step_on_a_quadratic(self):
        """GD on f = 0.1 x^2 + 2 y^2 with lr 0.35: y shrinks by |1 - 4*0.35| = 0.4, x by 1 - 0.07 = 0.93 per step."""
        ls = oc.landscape("ravine")
        traj = oc.run(oc.optimizer("gd", lr=0.35), ls, (-5.5, 1.5), steps=200)
        k = an.loss_settle_step(traj, tol=1e-3)
        # after step t: x = -5.5 * 0.93^t, y = 1.5 * (-0.4)^t; loss = 0.1 x^2 + 2 y^2
        t = np.arange(201)
        loss = 0.1 * (5.5 * 0.93 ** t) ** 2 + 2 * (1.5 * 0.4 ** t) ** 2
        expect = int(np.argmax(loss <= 1e-3))
        assert np.all(loss[expect:] <= 1e-3)
        assert k == expect

    def test_crossing_direction(self):
        assert an.crossing_step([0, 1, 3], 2, "above") == 2
        with pytest.raises(ValueError):
            an.crossing_step([0, 1], 2, "sideways")


class TestGeometry:
    def test_contraction_factor_and_stability_limit(self):
        ls = oc.landscape("ravine")  # Hessian diag(0.2, 4)
        assert an.contraction_factor(ls, 0.35, axis=1) == pytest.approx(1 - 0.35 * 4)
        assert an.contraction_factor("ravine", 0.35, axis=0) == pytest.approx(1 - 0.35 * 0.2)
        assert an.stability_limit(ls) == pytest.approx(0.5)

    def test_steps_to_shrink(self):
        assert an.steps_to_shrink(0.4) == 6          # 0.4^5 = 0.0102 > 0.01, 0.4^6 = 0.0041
        assert an.steps_to_shrink(-0.4) == 6
        assert an.steps_to_shrink(0.93) == 64        # 0.93^63 = 0.0103, 0.93^64 = 0.0096
        assert an.steps_to_shrink(0.5, 0.25) == 2
        assert an.steps_to_shrink(-1.0) is None and an.steps_to_shrink(1.4) is None

    def test_escape_step(self):
        p = np.array([[0, 0.01], [0, -0.05], [0, 0.2], [0, 0.6], [0, 2.0]])
        assert an.escape_step(p, 0.5) == 3
        assert an.escape_step(p, 5.0) is None

    def test_distance_to(self):
        assert np.allclose(an.distance_to([[3, 4], [0, 0]], [0, 0]), [5, 0])


class TestAdam:
    def test_bias_correction(self):
        assert an.bias_correction(0.9, 1) == pytest.approx(10.0)
        assert an.bias_correction(0.999, [1, 1000])[0] == pytest.approx(1000.0)
        assert an.bias_correction(0.999, 1000) == pytest.approx(1 / (1 - 0.999 ** 1000))
        with pytest.raises(ValueError):
            an.bias_correction(0.9, 0)

    def test_l2_split_adds_up_and_decay_is_rescaled(self):
        ls = oc.landscape("ravine")
        opt = oc.optimizer("adam", lr=0.1, weight_decay=0.5)
        traj = oc.run(opt, ls, (-5.5, 1.5), steps=30)
        for k in (0, 5, 29):
            g, d = an.l2_split(traj, k)
            assert np.allclose(g + d, traj.positions[k + 1] - traj.positions[k])
        # step 0: m_hat(wd theta) = wd theta_0, so the decay part is -eff_lr * wd * theta_0, per coordinate
        _, d0 = an.l2_split(traj, 0)
        assert np.allclose(d0, -traj.effective_lr[0] * 0.5 * traj.positions[0])

    def test_decoupled_decay_is_flat(self):
        ls = oc.landscape("ravine")
        traj = oc.run(oc.optimizer("adamw", lr=0.1, weight_decay=0.5), ls, (-5.5, 1.5), steps=5)
        assert np.allclose(an.decoupled_decay(traj, 2), -0.1 * 0.5 * traj.positions[2])


class TestTune:
    def test_grid(self):
        g = an.lr_grid(-2, 0)
        assert g == (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0)

    def test_gd_on_the_ravine_avoids_the_edge(self):
        """GD on the ravine diverges above lr 0.5 (2 / 4). The fastest settling rate on the grid that
        still settles may sit next to a diverging one; the chosen rate's neighbours all settle."""
        grid = (0.05, 0.1, 0.2, 0.3, 0.4, 0.45, 0.49, 0.55)
        res = an.tune_lr("gd", "ravine", [(-5.5, 1.5), (4.0, -2.0)], steps=300, grid=grid)
        assert not res.settles(0.55)                     # past the stability limit
        assert res.lr is not None and res.lr != 0.49     # 0.49's neighbour 0.55 diverges
        i = grid.index(res.lr)
        assert res.settles(grid[i - 1]) and res.settles(grid[i + 1])
        # slow x-direction dominates: settling is fastest with the largest safe rate
        assert res.lr == 0.45
        assert res.score == pytest.approx(np.mean([an.loss_settle_step(
            oc.run(oc.optimizer("gd", lr=0.45), "ravine", s, steps=300)) for s in [(-5.5, 1.5), (4.0, -2.0)]]))

    def test_nothing_settles(self):
        res = an.tune_lr("gd", "ravine", [(-5.5, 1.5)], steps=3, grid=(0.1, 0.2))
        assert res.lr is None and res.edge_lr is None and res.score == float("inf")

    def test_nearest_minimum(self):
        ls = oc.landscape("himmelblau")
        pts = np.asarray(ls.minima) * 0.9                  # a point near each pit, in the minima's order
        assert an.nearest_minimum(ls, pts).tolist() == list(range(len(ls.minima)))
        assert an.nearest_minimum("himmelblau", (2.9, 2.1)) == 0
        assert an.nearest_minimum("ravine", [(-5.5, 1.5), (4.0, -2.0)]).tolist() == [0, 0]   # one minimum

    def test_basin_counts_only_the_pit_nearest_the_start(self, monkeypatch):
        """Gradient descent on Himmelblau from (-0.3, -0.9), next to the hilltop: its nearest pit is
        (3.58, -1.85), but at 0.01 the run settles in (-3.78, -3.28), which scores only without ``basin``.
        From (1.3, -1.3) it settles in its nearest pit, which scores the same either way."""
        monkeypatch.setenv(an.CACHE_ENV, "off")
        ls = oc.landscape("himmelblau")
        away, home = (-0.3, -0.9), (1.3, -1.3)
        assert an.nearest_minimum(ls, away) == an.nearest_minimum(ls, home) == 3
        t_away = oc.run(oc.optimizer("gd", lr=0.01), ls, away, steps=400)
        t_home = oc.run(oc.optimizer("gd", lr=0.01), ls, home, steps=400)
        assert an.nearest_minimum(ls, t_away.positions[-1]) == 2 and an.loss_settle_step(t_away) is not None
        assert an.nearest_minimum(ls, t_home.positions[-1]) == 3 and an.loss_settle_step(t_home) is not None
        args = dict(steps=400, grid=(0.01,))
        plain = an.tune_lr("gd", "himmelblau", [away], **args)
        basin = an.tune_lr("gd", "himmelblau", [away], basin=True, **args)
        assert plain.settles(0.01) and not basin.settles(0.01) and basin.lr is None
        assert basin.basin and not plain.basin
        both = an.tune_lr("gd", "himmelblau", [home, away], basin=True, **args)
        assert not both.settles(0.01)                       # one start in another pit fails the rate
        ok = an.tune_lr("gd", "himmelblau", [home], basin=True, **args)
        assert ok.scores[0.01] == an.tune_lr("gd", "himmelblau", [home], **args).scores[0.01] \
            == an.loss_settle_step(t_home)


def test_claims():
    an.Claim("two is more than one", 2 > 1).verify()
    with pytest.raises(an.ClaimError, match="settles by step 3"):
        an.Claim("settles by step 3", False, "it settles at 7").verify()


class TestTuneCache:
    ARGS = dict(steps=120, grid=(0.05, 0.1, 0.2, 0.4, 0.55))
    STARTS = [(-5.5, 1.5), (4.0, -2.0)]

    @staticmethod
    def same(a, b):
        return (a.lr, a.edge_lr, a.scores, a.grid, a.steps, a.tol, a.hyper) == \
               (b.lr, b.edge_lr, b.scores, b.grid, b.steps, b.tol, b.hyper) and np.array_equal(a.starts, b.starts)

    def test_cached_equals_uncached_and_is_not_recomputed(self, tmp_path, monkeypatch):
        monkeypatch.setenv(an.CACHE_ENV, "off")
        plain = an.tune_lr("gd", "ravine", self.STARTS, **self.ARGS)
        monkeypatch.setenv(an.CACHE_ENV, str(tmp_path))
        first = an.tune_lr("gd", "ravine", self.STARTS, **self.ARGS)
        assert len(list(tmp_path.rglob("*.json"))) == 1
        assert not list(tmp_path.rglob(".tmp-*"))          # written atomically: no leftovers

        def boom(*a, **k):
            raise AssertionError("recomputed: the cache was missed")

        monkeypatch.setattr(an, "_score", boom)
        again = an.tune_lr("gd", "ravine", self.STARTS, **self.ARGS)
        assert self.same(plain, first) and self.same(first, again)
        assert any(np.isinf(s) for s in again.scores.values())   # inf survives the round trip

    def test_a_changed_argument_misses_the_cache(self, tmp_path, monkeypatch):
        monkeypatch.setenv(an.CACHE_ENV, str(tmp_path))
        an.tune_lr("gd", "ravine", self.STARTS, **self.ARGS)
        calls = []
        real = an._score
        monkeypatch.setattr(an, "_score", lambda *a, **k: calls.append(1) or real(*a, **k))
        for change in (dict(steps=121), dict(tol=2e-3), dict(grid=(0.05, 0.1, 0.2)), dict(hyper={"momentum": 0.5}),
                       dict(basin=True), dict(bounded=True)):
            calls.clear()
            an.tune_lr("gd", "ravine", self.STARTS, **{**self.ARGS, **change})
            assert calls, change
        calls.clear()
        an.tune_lr("gd", "ravine", [(-5.5, 1.5)], **self.ARGS)            # other starts
        an.tune_lr("momentum", "ravine", self.STARTS, **self.ARGS)        # other optimizer
        assert len(calls) == 2 * len(self.ARGS["grid"])


def test_basin_result_round_trips_through_the_cache(tmp_path, monkeypatch):
    args = dict(steps=400, grid=(0.005, 0.01), basin=True)
    starts = [(-0.3, -0.9), (1.3, -1.3)]
    monkeypatch.setenv(an.CACHE_ENV, "off")
    plain = an.tune_lr("gd", "himmelblau", starts, **args)
    monkeypatch.setenv(an.CACHE_ENV, str(tmp_path))
    first = an.tune_lr("gd", "himmelblau", starts, **args)
    monkeypatch.setattr(an, "_score", lambda *a, **k: (_ for _ in ()).throw(AssertionError("recomputed")))
    again = an.tune_lr("gd", "himmelblau", starts, **args)
    assert again.basin and TestTuneCache.same(plain, first) and TestTuneCache.same(first, again)


class TestRobust:
    def test_window_scores_take_the_worst_of_three(self):
        grid = (1.0, 2.0, 3.0, 4.0, 5.0)
        scores = {1.0: float("inf"), 2.0: 40.0, 3.0: 20.0, 4.0: 36.0, 5.0: 30.0}
        w = an.window_scores(grid, scores)
        assert w == {1.0: float("inf"), 2.0: float("inf"), 3.0: 40.0, 4.0: 36.0, 5.0: 36.0}

    def test_a_lucky_dip_does_not_win(self, monkeypatch):
        """Scores 33, 19.8 (a dip), 37.5, 28, 29, 31 on a six-rate grid: the plain pick is the dip; the robust
        pick is the rate whose window has the best worst case: windows 33, 37.5, 37.5, 37.5, 31, 31, so the
        fifth rate (31, tied with the sixth; the smaller rate wins the tie)."""
        monkeypatch.setenv(an.CACHE_ENV, "off")
        grid = (1.0, 2.0, 3.0, 4.0, 5.0, 6.0)
        fake = dict(zip(grid, (33.0, 19.8, 37.5, 28.0, 29.0, 31.0)))
        monkeypatch.setattr(an, "_score", lambda name, ls, lr, *a, **k: fake[lr])
        plain = an.tune_lr("gd", "ravine", [(1.0, 1.0)], steps=10, grid=grid)
        robust = an.tune_lr("gd", "ravine", [(1.0, 1.0)], steps=10, grid=grid, robust=True)
        assert plain.lr == 2.0 and plain.score == 19.8 and not plain.robust
        assert robust.lr == 5.0 and robust.score == 31.0 and robust.robust
        assert robust.scores == plain.scores and robust.edge_lr == plain.edge_lr == 2.0
        assert robust.window[2.0] == 37.5 and robust.window[1.0] == 33.0 and robust.window[6.0] == 31.0

    def test_robust_on_the_ravine_and_ties_go_to_the_smaller_rate(self, monkeypatch):
        monkeypatch.setenv(an.CACHE_ENV, "off")
        grid = (0.05, 0.1, 0.2, 0.3, 0.4, 0.45, 0.49, 0.55)
        res = an.tune_lr("gd", "ravine", [(-5.5, 1.5), (4.0, -2.0)], steps=300, grid=grid, robust=True)
        w = an.window_scores(grid, res.scores)
        assert res.score == w[res.lr] == min(w.values())
        assert res.lr == min(lr for lr in grid if w[lr] == res.score)
        assert not np.isfinite(w[0.49]) and not np.isfinite(w[0.55])

    def test_robust_misses_the_plain_cache_and_round_trips(self, tmp_path, monkeypatch):
        monkeypatch.setenv(an.CACHE_ENV, str(tmp_path))
        args = dict(steps=120, grid=(0.05, 0.1, 0.2, 0.4, 0.55))
        starts = [(-5.5, 1.5), (4.0, -2.0)]
        plain = an.tune_lr("gd", "ravine", starts, **args)
        first = an.tune_lr("gd", "ravine", starts, robust=True, **args)
        assert len(list(tmp_path.rglob("*.json"))) == 2
        monkeypatch.setattr(an, "_score", lambda *a, **k: (_ for _ in ()).throw(AssertionError("recomputed")))
        again = an.tune_lr("gd", "ravine", starts, robust=True, **args)
        assert again.robust and not plain.robust and TestTuneCache.same(first, again)
        assert again.score == first.score


class TestBounded:
    """AdaGrad on Himmelblau at 5 from (1.3, -1.3): its first steps leap off the map (|theta| 6.3, the map
    ends at 5) and come back to settle in the start's own pit by step 15. It scores only without ``bounded``."""
    START, ARGS = (1.3, -1.3), dict(steps=100, grid=(5.0,))

    def test_a_run_that_leaves_the_map_and_comes_back_does_not_count(self, monkeypatch):
        monkeypatch.setenv(an.CACHE_ENV, "off")
        ls = oc.landscape("himmelblau")
        t = oc.run(oc.optimizer("adagrad", lr=5.0), ls, self.START, steps=100)
        assert not ls.in_bounds(t.positions).all() and ls.in_bounds(t.positions[-1])
        assert np.abs(t.positions).max() > ls.bounds[0][1]
        k = an.loss_settle_step(t)
        assert k is not None and an.nearest_minimum(ls, t.positions[-1]) == an.nearest_minimum(ls, self.START)
        plain = an.tune_lr("adagrad", "himmelblau", [self.START], basin=True, **self.ARGS)
        bounded = an.tune_lr("adagrad", "himmelblau", [self.START], basin=True, bounded=True, **self.ARGS)
        assert plain.scores[5.0] == k and not plain.bounded
        assert bounded.bounded and not bounded.settles(5.0) and bounded.scores[5.0] == float("inf")
        assert bounded.lr is None and bounded.edge_lr is None

    def test_a_run_that_stays_on_the_map_scores_the_same(self, monkeypatch):
        monkeypatch.setenv(an.CACHE_ENV, "off")
        ls = oc.landscape("himmelblau")
        t = oc.run(oc.optimizer("gd", lr=0.01), ls, self.START, steps=400)
        assert ls.in_bounds(t.positions).all()
        args = dict(steps=400, grid=(0.01,))
        assert an.tune_lr("gd", ls, [self.START], bounded=True, **args).scores[0.01] \
            == an.tune_lr("gd", ls, [self.START], **args).scores[0.01] == an.loss_settle_step(t)

    def test_a_diverging_run_is_out_of_bounds(self, monkeypatch):
        monkeypatch.setenv(an.CACHE_ENV, "off")
        res = an.tune_lr("gd", "ravine", [(-5.5, 1.5)], steps=50, grid=(0.55,), bounded=True)
        assert not res.settles(0.55)

    def test_bounded_misses_the_plain_cache_and_round_trips(self, tmp_path, monkeypatch):
        monkeypatch.setenv(an.CACHE_ENV, str(tmp_path))
        args = dict(basin=True, **self.ARGS)
        plain = an.tune_lr("adagrad", "himmelblau", [self.START], **args)
        first = an.tune_lr("adagrad", "himmelblau", [self.START], bounded=True, **args)
        assert len(list(tmp_path.rglob("*.json"))) == 2
        assert plain.settles(5.0) and not first.settles(5.0)        # not read from the plain entry
        monkeypatch.setattr(an, "_score", lambda *a, **k: (_ for _ in ()).throw(AssertionError("recomputed")))
        again = an.tune_lr("adagrad", "himmelblau", [self.START], bounded=True, **args)
        assert again.bounded and TestTuneCache.same(first, again)
        assert an.tune_lr("adagrad", "himmelblau", [self.START], **args).settles(5.0)   # and the plain one too
