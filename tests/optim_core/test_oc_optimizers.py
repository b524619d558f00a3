"""Optimizers: torch-like validation, pure updates, LaTeX, conventions the videos explain."""

import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import optim_core as oc

TORCH = ["sgd", "adagrad", "adadelta", "rmsprop", "adam", "adamw", "adamax", "nadam"]

TORCH_DEFAULTS = {
    "sgd": dict(lr=1e-3, momentum=0, dampening=0, weight_decay=0, nesterov=False),
    "adagrad": dict(lr=1e-2, lr_decay=0, weight_decay=0, initial_accumulator_value=0,
                    eps=1e-10),
    "adadelta": dict(lr=1.0, rho=0.9, eps=1e-6, weight_decay=0),
    "rmsprop": dict(lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0, momentum=0, centered=False),
    "adam": dict(lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, amsgrad=False,
                 decoupled_weight_decay=False),
    "adamw": dict(lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2, amsgrad=False),
    "adamax": dict(lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0),
    "nadam": dict(lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, momentum_decay=4e-3,
                  decoupled_weight_decay=False),
}


def test_names_and_defaults():
    assert oc.optimizer_names(aliases=False) == TORCH
    assert {"gd", "momentum", "nesterov"} <= set(oc.optimizer_names())
    for name, d in TORCH_DEFAULTS.items():
        assert oc.optimizer(name).hyperparams == d, name


def test_aliases():
    assert oc.optimizer("gd").hyperparams == oc.optimizer("sgd").hyperparams
    m = oc.optimizer("momentum", lr=0.1)
    assert isinstance(m, oc.SGD) and m.momentum == 0.9 and m.lr == 0.1 and not m.nesterov
    n = oc.optimizer("nesterov", momentum=0.5)
    assert n.nesterov and n.momentum == 0.5
    assert oc.optimizer("Adam") == oc.optimizer("adam")
    a = oc.optimizer("adam", lr=0.1)
    assert oc.optimizer(a) is a and oc.optimizer(a, lr=0.2).lr == 0.2


@pytest.mark.parametrize("name,kw,msg", [
    ("sgd", dict(lr=-0.1), "Invalid learning rate: -0.1"),
    ("sgd", dict(momentum=-1), "Invalid momentum value: -1"),
    ("sgd", dict(weight_decay=-1e-3), "Invalid weight_decay value: -0.001"),
    ("sgd", dict(nesterov=True), "Nesterov momentum requires a momentum and zero dampening"),
    ("sgd", dict(nesterov=True, momentum=0.9, dampening=0.1),
     "Nesterov momentum requires a momentum and zero dampening"),
    ("adam", dict(betas=(1.2, 0.999)), "Invalid beta parameter at index 0: 1.2"),
    ("adam", dict(betas=(0.9, 1.0)), "Invalid beta parameter at index 1: 1.0"),
    ("adam", dict(eps=-1e-8), "Invalid epsilon value: -1e-08"),
    ("adamw", dict(weight_decay=-0.1), "Invalid weight_decay value: -0.1"),
    ("adamax", dict(betas=(-0.1, 0.9)), "Invalid beta parameter at index 0: -0.1"),
    ("nadam", dict(momentum_decay=-1), "Invalid momentum_decay value: -1"),
    ("nadam", dict(lr=-1), "Invalid learning rate: -1"),
    ("adagrad", dict(lr_decay=-1), "Invalid lr_decay value: -1"),
    ("adagrad", dict(initial_accumulator_value=-1),
     "Invalid initial_accumulator_value value: -1"),
    ("adagrad", dict(eps=-1), "Invalid epsilon value: -1"),
    ("adadelta", dict(rho=1.5), "Invalid rho value: 1.5"),
    ("rmsprop", dict(alpha=-0.5), "Invalid alpha value: -0.5"),
    ("rmsprop", dict(momentum=-0.5), "Invalid momentum value: -0.5"),
    ("adam", dict(lr=float("nan")), "Invalid learning rate: nan"),
])
def test_invalid_hyperparameters(name, kw, msg):
    with pytest.raises(ValueError, match=re.escape(msg)):
        oc.optimizer(name, **kw)


def test_unknown_names():
    with pytest.raises(ValueError, match="known optimizers: sgd, adagrad, adadelta, rmsprop, "
                                         "adam, adamw, adamax, nadam, gd, momentum, nesterov"):
        oc.optimizer("lion")
    with pytest.raises(ValueError, match="unknown hyper-parameter.*momentum.*valid ones: lr"):
        oc.optimizer("adam", momentum=0.9)
    with pytest.raises(ValueError, match="betas should be a pair"):
        oc.optimizer("adam", betas=0.9)


@pytest.mark.parametrize("name", TORCH + ["gd", "momentum", "nesterov"])
def test_latex_and_docstrings(name):
    opt = oc.optimizer(name)
    assert isinstance(opt.latex, str) and r"\theta_t" in opt.latex
    assert opt.latex == r" \\ ".join(opt.latex_lines)
    assert oc.update_rule_latex(name) == opt.latex
    doc = type(opt).__doc__
    assert ".. math::" in doc and ".. note::" in doc
    assert opt.label.startswith(opt.display_name)
    assert repr(opt).startswith(opt.torch_name + "(")


def test_latex_follows_options():
    assert "b_t" not in oc.update_rule_latex("gd")
    assert r"\mu\, b_t" in oc.update_rule_latex("nesterov")
    assert r"\max" in oc.update_rule_latex("adam", amsgrad=True)
    assert r"\bar g" in oc.update_rule_latex("rmsprop", centered=True)
    assert r"\gamma \lambda" in oc.update_rule_latex("adamw")
    assert r"\lambda" not in oc.update_rule_latex("adam")


def _cases():
    return [
        ("sgd", dict(lr=0.01, momentum=0.9, dampening=0.1, weight_decay=0.01)),
        ("nesterov", dict(lr=0.01, weight_decay=0.01)),
        ("adagrad", dict(lr=0.1, lr_decay=0.01, initial_accumulator_value=0.1, weight_decay=0.1)),
        ("adadelta", dict(weight_decay=0.1)),
        ("rmsprop", dict(momentum=0.5, centered=True, weight_decay=0.1)),
        ("adam", dict(lr=0.05, amsgrad=True, weight_decay=0.1)),
        ("adamw", dict(lr=0.05)),
        ("adamax", dict(lr=0.05, weight_decay=0.1)),
        ("nadam", dict(lr=0.05, weight_decay=0.1, decoupled_weight_decay=True)),
    ]


@pytest.mark.parametrize("name,kw", _cases())
def test_update_is_pure_and_matches_run(name, kw):
    ls = oc.landscape("himmelblau")
    opt = oc.optimizer(name, **kw)
    x = np.array([[-0.3, -0.9], [1.0, 1.0]])
    traj = oc.run(opt, ls, x, 25)
    params, state = x.copy(), opt.init(x)
    for t in range(25):
        g = ls.grad(params)
        p_before, s_before = params.copy(), [np.copy(s) for s in state]
        new_params, new_state = opt.update(g, state, params)
        np.testing.assert_array_equal(params, p_before)  # nothing modified in place
        for a, b in zip(state, s_before):
            np.testing.assert_array_equal(a, b)
        params, state = new_params, new_state
        np.testing.assert_array_equal(params, traj.positions[t + 1])
    assert state.step == 25
    assert type(state).__name__.endswith("State") and hasattr(state, "_fields")


def test_update_accepts_lr_override():
    opt = oc.optimizer("sgd", lr=0.1)
    p, _ = opt.update(np.array([1.0, 2.0]), opt.init(np.zeros(2)), np.zeros(2), lr=0.5)
    np.testing.assert_allclose(p, [-0.5, -1.0])
    with pytest.raises(ValueError, match="grads shape"):
        opt.update(np.zeros(3), opt.init(np.zeros(2)), np.zeros(2))


def test_momentum_buffer_starts_at_first_gradient():
    traj = oc.run(oc.optimizer("sgd", lr=0.1, momentum=0.9, dampening=0.5), "ravine",
                  [-5.0, 1.0], 3)
    v = traj.velocity
    np.testing.assert_array_equal(v[0], traj.grads[0])  # torch: b_1 = g_1, no (1 - tau)
    np.testing.assert_allclose(v[1], 0.9 * v[0] + 0.5 * traj.grads[1])


def test_adam_bias_correction_first_step_is_lr_sized():
    traj = oc.run(oc.optimizer("adam", lr=0.1), "ravine", [[-5.0, 1.0], [3.0, -2.0]], 1)
    np.testing.assert_allclose(np.abs(traj.updates[0]), 0.1, rtol=1e-6)
    st_ = traj.state
    np.testing.assert_allclose(st_["exp_avg_hat"][0], traj.grads[0])
    np.testing.assert_allclose(st_["exp_avg_sq_hat"][0], traj.grads[0] ** 2)


def test_adamw_decay_is_decoupled():
    """AdamW's step = Adam's step from the decayed point; Adam's L2 goes through the denominator."""
    ls = oc.landscape("bowl")
    x = np.array([1.0, -0.5])
    pw, _ = oc.optimizer("adamw", lr=0.1, weight_decay=0.5).update(ls.grad(x), None or
                                                                   oc.optimizer("adamw").init(x), x)
    pa, _ = oc.optimizer("adam", lr=0.1).update(ls.grad(x), oc.optimizer("adam").init(x),
                                                x * (1 - 0.1 * 0.5))
    np.testing.assert_allclose(pw, pa)
    pl, _ = oc.optimizer("adam", lr=0.1, weight_decay=0.5).update(
        ls.grad(x), oc.optimizer("adam").init(x), x)
    assert not np.allclose(pl, pw)


@pytest.mark.parametrize("name", ["sgd", "adagrad", "rmsprop", "adam", "adamax", "nadam",
                                  "adadelta"])
def test_effective_lr_definition(name):
    """updates == -effective_lr * direction, with the documented direction."""
    opt = oc.optimizer(name, lr=0.05) if name != "adadelta" else oc.optimizer(name)
    traj = oc.run(opt, "steep_flat", [[-5.0, 2.0], [3.0, -1.0]], 30)
    E, U, G, S = traj.effective_lr, traj.updates, traj.grads, traj.state
    direction = {"sgd": G, "adagrad": G, "rmsprop": G, "adadelta": G,
                 "adam": S.get("exp_avg_hat"), "adamax": S.get("exp_avg_hat")}.get(name)
    if direction is None:  # NAdam: its own mix, check the scale against its denominator
        denom = np.sqrt(S["exp_avg_sq_hat"]) + opt.eps
        np.testing.assert_allclose(E, opt.lr / denom, rtol=1e-12)
        return
    np.testing.assert_allclose(U, -E * direction, rtol=1e-9, atol=1e-14)


def test_adagrad_effective_lr_only_shrinks():
    traj = oc.run(oc.optimizer("adagrad", lr=0.5), "steep_flat", [-5.0, 2.0], 200)
    E = traj.effective_lr
    assert np.all(np.diff(E, axis=0) <= 0)
    np.testing.assert_allclose(E, 0.5 / (np.sqrt(traj.state["sum"]) + 1e-10))
    R = oc.run(oc.optimizer("rmsprop", lr=0.05), "steep_flat", [-5.0, 2.0], 200).effective_lr
    assert R[-1, 0] > E[-1, 0]  # RMSprop's rate stops collapsing


@settings(max_examples=40, deadline=None)
@given(
    name=st.sampled_from(TORCH + ["momentum", "nesterov"]),
    lr=st.floats(1e-4, 0.2),
    wd=st.sampled_from([0.0, 0.01, 0.3]),
    starts=st.lists(st.tuples(st.floats(-2, 2), st.floats(-1, 3)), min_size=1, max_size=5),
    clip=st.sampled_from([None, 0.5, 10.0]),
    ls=st.sampled_from(["rosenbrock", "himmelblau", "saddle_valleys", "bowl"]),
)
def test_batch_equals_single(name, lr, wd, starts, clip, ls):
    opt = oc.optimizer(name, lr=lr, weight_decay=wd)
    x = np.array(starts)
    sch = oc.schedule("cosine", T_max=20)
    batch = oc.run(opt, ls, x, 20, schedule=sch, clip_norm=clip)
    for i in range(len(x)):
        one = oc.run(opt, ls, x[i], 20, schedule=sch, clip_norm=clip)
        np.testing.assert_array_equal(batch.positions[:, i], one.positions)
        np.testing.assert_array_equal(batch.diverged_at[i], one.diverged_at)
        for k in one.state:
            if k == "mu_product":
                np.testing.assert_array_equal(batch.state[k], one.state[k])
            else:
                np.testing.assert_array_equal(batch.state[k][:, i], one.state[k])
        np.testing.assert_array_equal(batch[i].positions, one.positions)
