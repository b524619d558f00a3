"""Adam's and NAdam's steps taken apart term by term (``optim_core.analysis``), checked against the
optimizers' own runs (which match torch.optim, see test_oc_golden) and against the update written out."""

from __future__ import annotations

import numpy as np
import pytest

import optim_core as oc
from optim_core import analysis as an


@pytest.fixture(scope="module")
def ravine():
    return oc.landscape("ravine")


def nadam_written_out(ls, start, lr: float, steps: int, *, momentum_decay: float = 4e-3,
                      betas=(0.9, 0.999), eps: float = 1e-8) -> np.ndarray:
    """PyTorch's NAdam update written out: the momentum term divides m_t by 1 - prod_{i <= t+1} mu_i."""
    b1, b2 = betas
    p = np.array(start, dtype=float)
    m, v, prod = np.zeros_like(p), np.zeros_like(p), 1.0
    out = [p.copy()]
    for t in range(1, steps + 1):
        g = np.asarray(ls.grad(p), dtype=float)
        mu = b1 * (1 - 0.5 * 0.96 ** (t * momentum_decay))
        mu_next = b1 * (1 - 0.5 * 0.96 ** ((t + 1) * momentum_decay))
        prod *= mu
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        den = np.sqrt(v / (1 - b2 ** t)) + eps
        p = p - lr * (1 - mu) * g / (1 - prod) / den - lr * mu_next * m / (1 - prod * mu_next) / den
        out.append(p.copy())
    return np.array(out)


@pytest.mark.parametrize("decay", [4e-3, 0.0])
def test_nadam_written_out_matches_the_optimizer(ravine, decay):
    opt = oc.optimizer("nadam", lr=0.3, momentum_decay=decay)
    traj = oc.run(opt, ravine, ravine.start, steps=60, seed=0)
    np.testing.assert_allclose(nadam_written_out(ravine, ravine.start, 0.3, 60, momentum_decay=decay),
                               traj.positions, rtol=1e-10, atol=1e-12)


def test_nadam_parts_add_up_to_each_step(ravine):
    traj = oc.run(oc.optimizer("nadam", lr=0.3), ravine, ravine.start, steps=40, seed=0)
    for k in (0, 1, 7, 39):
        mom, grad = an.nadam_parts(traj, k)
        np.testing.assert_allclose(mom + grad, traj.updates[k], rtol=1e-9, atol=1e-12)
        assert not np.allclose(grad, 0) and not np.allclose(mom, 0) or k == 0


def test_nadam_mu_schedule():
    opt = oc.optimizer("nadam", lr=0.1)
    # PyTorch: mu_t = beta1 (1 - 0.5 * 0.96^(t psi)); half of beta1 at the start, beta1 only in the limit
    assert an.nadam_mu(opt, 1) == pytest.approx(0.9 * (1 - 0.5 * 0.96 ** 0.004))
    assert float(an.nadam_mu(opt, 1)) == pytest.approx(0.45, abs=1e-3)
    assert float(an.nadam_mu(opt, 10**6)) == pytest.approx(0.9)
    held = oc.optimizer("nadam", lr=0.1, momentum_decay=1e6)
    assert float(an.nadam_mu(held, 1)) == pytest.approx(0.9)


def test_fresh_gradient_weight():
    assert an.fresh_gradient_weight(0.9, 0.0, 0.0) == pytest.approx(0.1)   # Adam: 1 - beta1
    # NAdam with mu = beta1: (0.1 + 0.9 * 0.1) / (0.1 + 0.9) = 0.19
    assert an.fresh_gradient_weight(0.9, 0.9, 0.9) == pytest.approx(0.19)
    assert an.fresh_gradient_weight(0.9, 0.45, 0.45) == pytest.approx((0.55 + 0.045) / 1.0)


def test_steady_moments_and_bias_correction():
    m, m_hat = an.steady_gradient_moments(0.9, 5)
    np.testing.assert_allclose(m[1:4], [0.1, 0.19, 0.271])
    np.testing.assert_allclose(m_hat[1:], 1.0)           # corrected: exact from step 1
    np.testing.assert_allclose(an.steady_v_hat(0.999, 50), 1.0)


def test_moments_agree_with_the_optimizers_state(ravine):
    opt = oc.optimizer("adam", lr=0.05)
    traj = oc.run(opt, ravine, ravine.start, steps=12, seed=0)
    np.testing.assert_allclose(an.adam_denominator(traj.grads[:, 1], 0.999),
                               np.sqrt(traj.state["exp_avg_sq"][:, 1] * an.bias_correction(0.999, np.arange(1, 13))))
    table = an.bias_table_values(traj, 1, 3, opt.lr, opt.eps)
    np.testing.assert_allclose(table["step"], np.abs(traj.updates[:3, 1]))
    # uncorrected, the first step would be gamma * 0.1 / sqrt(0.001) = 3.16 gamma
    assert table["step_uncorrected"][0] / opt.lr == pytest.approx(0.1 / np.sqrt(0.001), rel=1e-6)
    assert table["step"][0] / opt.lr == pytest.approx(1.0, rel=1e-6)


def carried_written_out(ls, start, name: str, lr: float, steps: int, betas=(0.9, 0.999), eps: float = 1e-8,
                        momentum_decay: float = 4e-3) -> np.ndarray:
    """Each step's old-momentum term written out: Adam's -lr β₁ m_{t-1} / (1 - β₁ᵗ) / (√v̂_t + ε), NAdam's
    -lr μ_{t+1} β₁ m_{t-1} / (1 - Πμ μ_{t+1}) / (√v̂_t + ε) (the β₁ m_{t-1} inside its m_t)."""
    b1, b2 = betas
    p = np.array(start, dtype=float)
    m, v, prod = np.zeros_like(p), np.zeros_like(p), 1.0
    out = []
    for t in range(1, steps + 1):
        g = np.asarray(ls.grad(p), dtype=float)
        m_old = m
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        den = np.sqrt(v / (1 - b2 ** t)) + eps
        if name == "adam":
            out.append(-lr * b1 * m_old / (1 - b1 ** t) / den)
            p = p - lr * (m / (1 - b1 ** t)) / den
        else:
            mu = b1 * (1 - 0.5 * 0.96 ** (t * momentum_decay))
            mu_next = b1 * (1 - 0.5 * 0.96 ** ((t + 1) * momentum_decay))
            prod *= mu
            out.append(-lr * mu_next * b1 * m_old / (1 - prod * mu_next) / den)
            p = p - lr * (1 - mu) * g / (1 - prod) / den - lr * mu_next * m / (1 - prod * mu_next) / den
    return np.array(out)


@pytest.mark.parametrize("name", ["adam", "nadam"])
def test_momentum_split_carried_part_and_sum(ravine, name):
    traj = oc.run(oc.optimizer(name, lr=0.3), ravine, ravine.start, steps=40, seed=0)
    carried_ref = carried_written_out(ravine, ravine.start, name, 0.3, 40)
    for k in (0, 1, 6, 39):
        carried, pull = an.momentum_split(traj, k)
        np.testing.assert_allclose(carried + pull, traj.updates[k], rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(carried, carried_ref[k], rtol=1e-9, atol=1e-12)
    assert np.all(an.momentum_split(traj, 0)[0] == 0)  # no old momentum before the first step
    assert np.all(np.abs(an.momentum_split(traj, 6)[0]) > 0)


def test_momentum_split_nadam_holds_less_old_momentum(ravine):
    # with μ held at β₁ = 0.9, NAdam's step carries μ β₁ = 0.81 of m_{t-1} where Adam's carries β₁ = 0.9
    # (late in the run, where the bias corrections are ~1)
    k = 399
    adam = oc.run(oc.optimizer("adam", lr=0.01), ravine, ravine.start, steps=k + 1, seed=0)
    nadam = oc.run(oc.optimizer("nadam", lr=0.01, momentum_decay=1e6), ravine, ravine.start, steps=k + 1, seed=0)
    for traj, weight in ((adam, 0.9), (nadam, 0.81)):
        carried, _ = an.momentum_split(traj, k)
        den = np.sqrt(traj.state["exp_avg_sq"][k] / (1 - 0.999 ** (k + 1))) + 1e-8
        np.testing.assert_allclose(carried / (-0.01 * traj.state["exp_avg"][k - 1] / den), weight, rtol=1e-3)


@pytest.mark.parametrize("name, kwargs", [("adamw", {}), ("adam", {"weight_decay": 0.1}), ("adam", {"amsgrad": True}),
                                          ("sgd", {"momentum": 0.9})])
def test_momentum_split_refuses_other_rules(ravine, name, kwargs):
    traj = oc.run(oc.optimizer(name, lr=0.1, **kwargs), ravine, ravine.start, steps=3, seed=0)
    with pytest.raises(ValueError, match="plain Adam or NAdam"):
        an.momentum_split(traj, 1)
