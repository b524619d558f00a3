"""Learning-rate schedules: torch's closed forms (the recursive forms are in the golden file)."""

import math

import numpy as np
import pytest

import optim_core as oc


def test_names():
    assert {"step", "exponential", "cosine", "linear", "warmup", "linear_decay", "constant"} <= set(
        oc.schedule_names())


def test_step_lr():
    s = oc.schedule("step", step_size=3, gamma=0.5)
    np.testing.assert_allclose(s.lrs(1.0, 8), [1, 1, 1, .5, .5, .5, .25, .25])
    assert oc.schedule("StepLR", step_size=30).params == {"step_size": 30, "gamma": 0.1}


def test_exponential_lr():
    s = oc.schedule("exponential", gamma=0.9)
    np.testing.assert_allclose(s.lrs(0.2, 5), 0.2 * 0.9 ** np.arange(5))


def test_cosine_lr_closed_form_and_period():
    s = oc.schedule("cosine", T_max=10, eta_min=0.01)
    lrs = s.lrs(1.0, 21)
    assert lrs[0] == 1.0 and math.isclose(lrs[10], 0.01) and math.isclose(lrs[20], 1.0)
    assert math.isclose(lrs[5], 0.01 + 0.99 * 0.5)
    assert np.all(np.diff(lrs[:11]) < 0)


def test_linear_warmup_and_decay():
    np.testing.assert_allclose(oc.schedule("linear", start_factor=0.5, total_iters=4).lrs(2, 6),
                               [1.0, 1.25, 1.5, 1.75, 2.0, 2.0])
    np.testing.assert_allclose(oc.schedule("linear_decay", total_steps=4).lrs(1, 6),
                               [1.0, 0.75, 0.5, 0.25, 0.0, 0.0])
    w = oc.schedule("warmup", warmup_steps=4, then=oc.schedule("exponential", gamma=0.5))
    np.testing.assert_allclose(w.lrs(1.0, 7), [0, .25, .5, .75, 1, .5, .25])
    np.testing.assert_allclose(oc.schedule("warmup", warmup_steps=2).lrs(1.0, 4), [0, .5, 1, 1])


def test_schedule_metadata():
    for name, kw in [("step", dict(step_size=5)), ("exponential", dict(gamma=0.9)),
                     ("cosine", dict(T_max=5)), ("linear", {}), ("warmup", dict(warmup_steps=3)),
                     ("linear_decay", dict(total_steps=5)), ("constant", {})]:
        s = oc.schedule(name, **kw)
        assert isinstance(s.latex, str) and s.latex.startswith(r"\gamma_t")
        assert s.title and s(0, 1.0) == s.lrs(1.0, 1)[0]


def test_schedule_errors():
    with pytest.raises(ValueError, match="known schedules: constant, step"):
        oc.schedule("onecycle")
    with pytest.raises(ValueError, match="step_size should be a positive integer"):
        oc.schedule("step", step_size=0)
    with pytest.raises(ValueError, match="T_max should be a positive integer"):
        oc.schedule("cosine", T_max=-3)
    with pytest.raises(ValueError, match="Starting multiplicative factor expected"):
        oc.schedule("linear", start_factor=0)
    with pytest.raises(ValueError, match="Ending multiplicative factor expected"):
        oc.schedule("linear", end_factor=2)
    with pytest.raises(ValueError, match="schedule 'cosine'"):
        oc.schedule("cosine", T_max=3, gamma=2)


def test_run_accepts_callable_and_array_schedules():
    opt = oc.optimizer("sgd", lr=0.1)
    a = oc.run(opt, "bowl", [1.0, 1.0], 5, schedule=lambda t: 0.1 / (t + 1))
    np.testing.assert_allclose(a.lrs, 0.1 / np.arange(1, 6))
    b = oc.run(opt, "bowl", [1.0, 1.0], 5, schedule=0.1 / np.arange(1, 6))
    np.testing.assert_array_equal(a.positions, b.positions)
    with pytest.raises(ValueError, match=r"needs shape \(5,\)"):
        oc.run(opt, "bowl", [1.0, 1.0], 5, schedule=np.ones(4))
    with pytest.raises(ValueError, match="Invalid learning rate in schedule"):
        oc.run(opt, "bowl", [1.0, 1.0], 2, schedule=[0.1, -1.0])
