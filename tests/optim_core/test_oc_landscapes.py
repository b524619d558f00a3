"""Built-in landscapes: analytic gradients, declared stationary points, helpers, data problem."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import approx_fprime, check_grad, minimize

import optim_core as oc

BUILTINS = oc.landscape_names()
SURFACES = [n for n in BUILTINS if n != "regression"]


def _points(ls, n=60, seed=0):
    rng = np.random.default_rng(seed)
    lo = np.array([b[0] for b in ls.bounds])
    hi = np.array([b[1] for b in ls.bounds])
    return rng.uniform(lo, hi, size=(n, ls.dim))


def test_required_builtins_present():
    need = {"bowl", "ravine", "rosenbrock", "beale", "himmelblau", "saddle", "saddle_valleys",
            "rastrigin", "six_hump_camel", "steep_flat", "regression"}
    assert need <= set(BUILTINS)


@pytest.mark.parametrize("name", BUILTINS)
def test_metadata(name):
    ls = oc.landscape(name)
    assert ls.name == name and ls.dim == 2
    assert isinstance(ls.title, str) and 0 < len(ls.title) <= 30
    assert isinstance(ls.latex, str) and "=" in ls.latex
    assert len(ls.bounds) == 2 and all(lo < hi for lo, hi in ls.bounds)
    assert ls.minima.ndim == 2 and ls.minima.shape[1] == 2
    assert ls.saddles.ndim == 2 and ls.saddles.shape[1] == 2
    assert ls.in_bounds(ls.start)
    if ls.f_min is not None:
        assert np.isclose(ls.f_min, np.min(ls.f(ls.minima)))
    lo, hi = ls.value_range()
    assert lo < hi
    lv = ls.levels(10)
    assert lv.shape == (10,) and np.all(np.diff(lv) > 0)
    X, Y, Z = ls.grid(50)
    assert X.shape == Y.shape == Z.shape == (50, 50) and np.isfinite(Z).all()


@pytest.mark.parametrize("name", BUILTINS)
def test_gradient_matches_finite_differences(name):
    ls = oc.landscape(name)
    for p in _points(ls):
        g = ls.grad(p)
        # scipy's forward differences, step scaled to the point
        fd = approx_fprime(p, ls.f, 1e-7 * max(1.0, np.abs(p).max()))
        assert np.allclose(g, fd, rtol=1e-4, atol=1e-4 * (1 + np.abs(g).max())), (p, g, fd)
        err = check_grad(ls.f, ls.grad, p, epsilon=1e-7)
        assert err <= 1e-4 * (1 + np.linalg.norm(g)), (p, err)


@pytest.mark.parametrize("name", BUILTINS)
def test_vectorized_equals_pointwise(name):
    ls = oc.landscape(name)
    P = _points(ls, 24).reshape(4, 6, 2)
    F, G = ls.f(P), ls.grad(P)
    assert F.shape == (4, 6) and G.shape == (4, 6, 2)
    for idx in np.ndindex(4, 6):
        assert F[idx] == ls.f(P[idx])
        np.testing.assert_array_equal(G[idx], ls.grad(P[idx]))


@pytest.mark.parametrize("name", BUILTINS)
def test_declared_minima(name):
    ls = oc.landscape(name)
    assert len(ls.minima) >= 1 or name == "saddle"  # x^2 - y^2 is unbounded below
    for m in ls.minima:
        g = ls.grad(m)
        assert np.abs(g).max() < 1e-9, (m, g)
        assert np.all(np.linalg.eigvalsh(ls.hessian(m)) > 0)
        for d in ([1e-2, 1e-2], [-2e-2, 1e-2], [1e-2, -2e-2]):
            res = minimize(ls.f, m + np.array(d), jac=ls.grad, method="BFGS",
                           options={"gtol": 1e-10})
            assert np.allclose(res.x, m, atol=1e-5), (m, res.x)
            assert res.fun >= ls.f(m) - 1e-12


@pytest.mark.parametrize("name", SURFACES)
def test_declared_saddles_and_maxima(name):
    ls = oc.landscape(name)
    for s in ls.saddles:
        assert np.abs(ls.grad(s)).max() < 1e-9
        ev = np.linalg.eigvalsh(ls.hessian(s))
        assert ev.min() < 0 < ev.max(), (s, ev)
    for m in ls.maxima:
        assert np.abs(ls.grad(m)).max() < 1e-9
        assert np.all(np.linalg.eigvalsh(ls.hessian(m)) < 0)


def test_saddle_lists():
    assert len(oc.landscape("saddle").saddles) == 1 and len(oc.landscape("saddle").minima) == 0
    sv = oc.landscape("saddle_valleys")
    np.testing.assert_allclose(sv.minima, [[0, 1], [0, -1]])
    np.testing.assert_allclose(sv.saddles, [[0, 0]])
    assert len(oc.landscape("himmelblau").minima) == 4
    assert len(oc.landscape("six_hump_camel").minima) == 6
    assert np.isclose(oc.landscape("six_hump_camel").f_min, -1.0316284534898774)


@pytest.mark.parametrize("name", SURFACES)
def test_analytic_hessian_matches_differences(name):
    ls = oc.landscape(name)
    for p in _points(ls, 10, seed=1):
        H = ls.hessian(p)
        Hfd = oc.Landscape("fd", ls.f, ls.grad, ls.bounds).hessian(p)
        np.testing.assert_allclose(H, Hfd, rtol=1e-5, atol=1e-5 * (1 + np.abs(H).max()))


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(SURFACES), st.floats(0, 1), st.floats(0, 1))
def test_gradient_property(name, u, v):
    ls = oc.landscape(name)
    (x0, x1), (y0, y1) = ls.bounds
    p = np.array([x0 + u * (x1 - x0), y0 + v * (y1 - y0)])
    g = ls.grad(p)
    h = 1e-6
    fd = np.array([(ls.f(p + h * e) - ls.f(p - h * e)) / (2 * h) for e in np.eye(2)])
    assert np.allclose(g, fd, rtol=1e-5, atol=1e-6 * (1 + abs(ls.f(p))))


def test_rosenbrock_fast_gradient_is_bit_identical():
    ls = oc.landscape("rosenbrock")
    P = _points(ls, 500)
    out = np.empty_like(P)
    np.testing.assert_array_equal(ls._grad_into(P, out), ls.grad(P))


def test_unknown_landscape_lists_known():
    with pytest.raises(ValueError, match="known landscapes: bowl, ravine"):
        oc.landscape("volcano")


def test_shape_errors():
    ls = oc.landscape("bowl")
    with pytest.raises(ValueError, match=r"shape \(\.\.\., 2\)"):
        ls.f(np.zeros(3))
    with pytest.raises(ValueError, match="Invalid bounds"):
        oc.Landscape("bad", ls.f, ls.grad, ((1, 0), (0, 1)))
    with pytest.raises(ValueError):
        oc.Landscape("bad", None, ls.grad)


def test_user_landscape_any_dimension():
    c = np.arange(1.0, 6.0)
    ls = oc.Landscape("quad5", lambda p: (c * p * p).sum(-1), lambda p: 2 * c * p,
                      minima=[np.zeros(5)])
    assert ls.dim is None and ls.f_min == 0.0
    p = np.linspace(-1, 1, 5)
    assert check_grad(ls.f, ls.grad, p) < 1e-5
    assert ls.hessian(p).shape == (5, 5)
    np.testing.assert_allclose(ls.hessian(p), np.diag(2 * c), atol=1e-6)


# -- data problem ---------------------------------------------------------------------------


def test_regression_problem_is_seeded_and_correct():
    a, b = oc.regression_problem(n=50, seed=3), oc.regression_problem(n=50, seed=3)
    np.testing.assert_array_equal(a.x, b.x)
    np.testing.assert_array_equal(a.y, b.y)
    assert not np.array_equal(a.x, oc.regression_problem(n=50, seed=4).x)
    assert a.n_samples == 50
    sol = np.polyfit(a.x, a.y, 1)
    np.testing.assert_allclose(a.minima[0], sol, rtol=1e-10)
    p = np.array([[0.5, -0.2], [3.0, 1.0]])
    r = p[:, :1] * a.x + p[:, 1:] - a.y
    np.testing.assert_allclose(a.f(p), (r**2).mean(-1), rtol=1e-12)
    np.testing.assert_allclose(a.per_sample_loss(p), r**2, rtol=1e-12)
    psg = a.per_sample_grad(p)
    assert psg.shape == (2, 50, 2)
    np.testing.assert_allclose(psg.mean(-2), a.grad(p), rtol=1e-10, atol=1e-12)


def test_minibatch_gradients_and_landscape():
    prob = oc.regression_problem()
    idx = np.array([3, 7, 11, 20, 41])
    p = np.array([1.0, 0.5])
    np.testing.assert_allclose(prob.batch_grad(p, idx), prob.per_sample_grad(p, idx).mean(0),
                               rtol=1e-10)
    np.testing.assert_allclose(prob.batch_loss(p, idx), prob.per_sample_loss(p)[idx].mean(),
                               rtol=1e-12)
    bl = prob.batch_landscape(idx)
    assert isinstance(bl, oc.Landscape) and bl.bounds == prob.bounds
    np.testing.assert_allclose(bl.f(p), prob.batch_loss(p, idx), rtol=1e-12)
    np.testing.assert_allclose(bl.grad(p), prob.batch_grad(p, idx), rtol=1e-12)
    assert np.abs(bl.grad(bl.minima[0])).max() < 1e-10
    assert not np.allclose(bl.minima, prob.minima)  # its own, slightly different minimum
    with pytest.raises(ValueError):
        prob.batch_landscape([])


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 70), st.integers(0, 2**31 - 1), st.integers(1, 200))
def test_batches_are_epochs_without_replacement(batch_size, seed, steps):
    prob = oc.regression_problem(n=64)
    batches = prob.batches(batch_size, steps, seed)
    assert len(batches) == steps
    assert all(1 <= len(b) <= batch_size for b in batches)
    flat = np.concatenate(batches)
    per_epoch = -(-64 // batch_size)
    for e in range(len(batches) // per_epoch):
        epoch = np.concatenate(batches[e * per_epoch : (e + 1) * per_epoch])
        np.testing.assert_array_equal(np.sort(epoch), np.arange(64))
    again = np.concatenate(prob.batches(batch_size, steps, seed))
    np.testing.assert_array_equal(flat, again)
