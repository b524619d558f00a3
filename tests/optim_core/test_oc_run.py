"""run() and Trajectory: shapes, views, clipping, mini-batches, divergence, errors."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import optim_core as oc


def test_trajectory_shapes_single_and_batch():
    opt = oc.optimizer("adam", lr=0.05, amsgrad=True)
    t1 = oc.run(opt, "rosenbrock", [-1.5, 2.0], 40, clip_norm=1.0)
    assert t1.positions.shape == (41, 2) and t1.losses.shape == (41,)
    assert t1.grads.shape == t1.raw_grads.shape == t1.effective_lr.shape == (40, 2)
    assert t1.grad_norms.shape == (40,) and t1.lrs.shape == (40,)
    assert t1.diverged_at == -1 and not t1.diverged and t1.valid_steps == 41
    assert t1.n_steps == 40 and t1.final.shape == (2,) and t1.batch_shape == ()
    for k in ("exp_avg", "exp_avg_sq", "max_exp_avg_sq", "exp_avg_hat", "exp_avg_sq_hat"):
        assert t1.state[k].shape == (40, 2)
    x = np.array([[-1.5, 2.0], [0.0, 0.0], [1.5, 1.5]])
    t3 = oc.run(opt, "rosenbrock", x, 40, clip_norm=1.0)
    assert t3.positions.shape == (41, 3, 2) and t3.losses.shape == (41, 3)
    assert t3.diverged_at.shape == (3,) and t3.diverged.dtype == bool
    assert len(t3) == 3 and t3.n_trajectories == 3
    np.testing.assert_array_equal(t3[0].positions, t1.positions)
    np.testing.assert_array_equal(t3[0].state["exp_avg"], t1.state["exp_avg"])
    np.testing.assert_array_equal([t.final for t in t3], t3.final)
    np.testing.assert_array_equal(t3.losses, oc.landscape("rosenbrock").f(t3.positions))
    np.testing.assert_array_equal(t3.updates, np.diff(t3.positions, axis=0))
    assert t3.path(1).shape == (41, 2)


def test_grid_of_starts():
    x = np.stack(np.meshgrid(np.linspace(-1, 1, 4), np.linspace(-1, 1, 3)), -1)  # (3, 4, 2)
    t = oc.run(oc.optimizer("momentum", lr=0.05), "himmelblau", x, 10)
    assert t.positions.shape == (11, 3, 4, 2) and t.diverged_at.shape == (3, 4)
    np.testing.assert_array_equal(t[2, 1].positions,
                                  oc.run(t.optimizer, "himmelblau", x[2, 1], 10).positions)


def test_clipping_matches_clip_grad_norm():
    ls = oc.landscape("rosenbrock")
    t = oc.run(oc.optimizer("sgd", lr=1e-3), ls, [[-1.5, 2.0], [1.0, 1.01]], 30, clip_norm=2.0)
    norms = np.linalg.norm(t.grads, axis=-1)
    raw = np.linalg.norm(t.raw_grads, axis=-1)
    np.testing.assert_allclose(t.grad_norms, raw)
    big = raw > 2.0
    assert big.any() and (~big).any()
    np.testing.assert_allclose(norms[big], 2.0 * raw[big] / (raw[big] + 1e-6))
    np.testing.assert_array_equal(t.grads[~big], t.raw_grads[~big])  # coef clamped to 1
    np.testing.assert_array_equal(t.raw_grads[0], ls.grad(t.positions[0]))
    g, n = oc.clip_grad_norm(t.raw_grads, 2.0)
    np.testing.assert_array_equal(g, t.grads)


def test_order_clip_then_update_then_schedule():
    t = oc.run(oc.optimizer("sgd", lr=1.0), "bowl", [1.0, 0.0], 3, clip_norm=0.5,
               schedule=oc.schedule("step", step_size=1, gamma=0.5))
    np.testing.assert_allclose(t.lrs, [1.0, 0.5, 0.25])
    c = 0.5 / (2.0 + 1e-6)
    np.testing.assert_allclose(t.positions[1], [1.0 - 1.0 * 2.0 * c, 0.0])


def test_divergence_is_recorded_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        t = oc.run(oc.optimizer("gd", lr=1.1), "bowl", [[1.0, 1.0], [0.5, 0.0]], 100)
        t_nan = oc.run(oc.optimizer("gd", lr=0.2), "rosenbrock", [[-1.5, 2.0], [1.0, 1.0]], 100)
        t.losses, t_nan.losses, t.final, t_nan.final_loss
    assert t.diverged.all()
    k = t.diverged_at[0]
    assert 0 < k < 100
    assert np.abs(t.positions[k, 0]).max() > t.diverge_radius  # the point that left
    assert np.isfinite(t.positions[: k + 1, 0]).all() and np.isnan(t.positions[k + 1 :, 0]).all()
    assert np.isnan(t.losses[k + 1 :, 0]).all() and np.isnan(t.grads[k:, 0]).all()
    assert t.valid_steps[0] == k + 1 and np.isfinite(t.final).all()
    assert t.path(0).shape == (k + 1, 2)
    F = t.positions_frozen
    assert np.isfinite(F).all() and (F[k:, 0] == t.positions[k, 0]).all()
    # rosenbrock with a large step overflows; the minimum itself stays put
    assert t_nan.diverged.tolist() == [True, False]
    assert np.isfinite(t_nan.final).all()
    np.testing.assert_array_equal(t_nan.positions[:, 1], 1.0)


def test_divergence_radius_option():
    t = oc.run(oc.optimizer("gd", lr=1.05), "bowl", [1.0, 1.0], 50, diverge_radius=10.0)
    assert t.diverged and np.abs(t.positions[t.diverged_at]).max() > 10.0
    assert np.abs(t.positions[t.diverged_at - 1]).max() <= 10.0


def test_data_landscape_minibatches():
    prob = oc.regression_problem(n=64, seed=0)
    opt = oc.optimizer("sgd", lr=0.1)
    a = oc.run(opt, prob, [[0.0, 0.0], [4.0, 1.0]], 50, batch_size=8, seed=5)
    b = oc.run(opt, prob, [[0.0, 0.0], [4.0, 1.0]], 50, batch_size=8, seed=5)
    c = oc.run(opt, prob, [[0.0, 0.0], [4.0, 1.0]], 50, batch_size=8, seed=6)
    np.testing.assert_array_equal(a.positions, b.positions)  # bit-identical
    assert not np.array_equal(a.positions, c.positions)
    assert len(a.batch_indices) == 50 and a.batch_losses.shape == (50, 2)
    for t in (0, 17, 49):
        np.testing.assert_array_equal(a.grads[t], prob.batch_grad(a.positions[t],
                                                                  a.batch_indices[t]))
    np.testing.assert_allclose(a.losses, prob.f(a.positions))
    full = oc.run(oc.optimizer("sgd", lr=0.5), prob, [0.0, 0.0], 300)
    assert full.batch_indices is None and full.batch_losses is None
    np.testing.assert_allclose(full.final, prob.minima[0], atol=1e-6)
    np.testing.assert_array_equal(oc.run(opt, "regression", [0.0, 0.0], 5).positions,
                                  oc.run(opt, oc.regression_problem(), [0.0, 0.0], 5).positions)


def test_user_landscape_in_5d():
    c = np.array([0.1, 0.5, 1.0, 2.0, 4.0])
    ls = oc.Landscape("quad5", lambda p: (c * p * p).sum(-1), lambda p: 2 * c * p)
    x = np.ones((3, 5))
    t = oc.run(oc.optimizer("adam", lr=0.1), ls, x, 200, clip_norm=1.0)
    assert t.positions.shape == (201, 3, 5) and t.losses.shape == (201, 3)
    assert np.all(t.losses[-1] < 1e-2 * t.losses[0])
    assert oc.run("adam", ls, np.ones(5), 3).positions.shape == (4, 5)


def test_steps_zero_and_names():
    t = oc.run("adam", "bowl", [1.0, 1.0], 0)
    assert t.positions.shape == (1, 2) and t.grads.shape == (0, 2) and t.lrs.shape == (0,)
    assert isinstance(t.optimizer, oc.Adam) and t.landscape.name == "bowl"


@pytest.mark.parametrize("kw,msg", [
    (dict(x0=[1.0, 2.0, 3.0]), r"x0 has shape \(3,\) but landscape 'bowl' takes parameters"),
    (dict(x0=5.0), "trailing parameter axis"),
    (dict(x0=[np.nan, 1.0]), "x0 must be finite"),
    (dict(x0=[[0.0, 1.0], [np.inf, 1.0]]), r"x0 must be finite; non-finite start\(s\) at \[\[1\]\]"),
    (dict(steps=-1), "steps should be a non-negative integer"),
    (dict(steps=2.5), "steps should be a non-negative integer"),
    (dict(clip_norm=0), "Invalid clip_norm value"),
    (dict(batch_size=4), "batch_size needs a data landscape"),
    (dict(x0="ab"), "x0 should be an array of numbers"),
])
def test_run_errors(kw, msg):
    args = dict(x0=[1.0, 1.0], steps=5)
    args.update(kw)
    with pytest.raises(ValueError, match=msg):
        oc.run("adam", "bowl", args.pop("x0"), **args)


def test_bad_user_gradient_shape():
    ls = oc.Landscape("bad", lambda p: (p * p).sum(-1), lambda p: p[..., :1])
    with pytest.raises(ValueError, match="grad returned shape"):
        oc.run("adam", ls, np.ones(3), 2)


def test_batch_size_errors():
    prob = oc.regression_problem()
    with pytest.raises(ValueError, match="batch_size should be a positive integer"):
        oc.run("sgd", prob, [0.0, 0.0], 3, batch_size=0)


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["sgd", "adam", "rmsprop", "adagrad"]), st.integers(0, 2**32 - 1),
       st.integers(1, 64))
def test_determinism(name, seed, bs):
    prob = oc.regression_problem(n=32, seed=1)
    opt = oc.optimizer(name, lr=0.05)
    a = oc.run(opt, prob, [1.0, 1.0], 30, batch_size=bs, seed=seed)
    b = oc.run(opt, prob, [1.0, 1.0], 30, batch_size=bs, seed=seed)
    np.testing.assert_array_equal(a.positions, b.positions)
    np.testing.assert_array_equal(a.batch_losses, b.batch_losses)


@settings(max_examples=40, deadline=None)
@given(st.floats(0.01, 3.0), st.floats(-3, 3), st.floats(-3, 3))
def test_gd_on_bowl_converges_or_is_flagged(lr, x, y):
    """Exactly: GD on x^2 + y^2 multiplies by (1 - 2 lr); |1 - 2 lr| > 1 must be flagged."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        t = oc.run(oc.optimizer("gd", lr=lr), "bowl", [x, y], 400)
    grows = abs(1 - 2 * lr) > 1.0 + 1e-9 and (abs(x) > 1e-3 or abs(y) > 1e-3)
    if grows and abs(1 - 2 * lr) ** 400 * max(abs(x), abs(y)) > 1e4:
        assert t.diverged
    if abs(1 - 2 * lr) < 1:
        assert not t.diverged
        assert np.all(np.isfinite(t.positions))


def test_never_imports_manim_or_torch():
    import subprocess
    import sys

    code = "import sys, optim_core; optim_core.run('adam', 'bowl', [1.0, 1.0], 3); " \
           "print(sorted(m for m in ('manim', 'torch', 'matplotlib') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
