"""optim_core against torch.optim: golden trajectories made by make_golden.py (float64)."""

import json
import pathlib

import numpy as np
import pytest

import optim_core as oc

GOLDEN = np.load(pathlib.Path(__file__).with_name("golden.npz"))
META = json.loads(str(GOLDEN["meta"]))
CASES = {c["id"]: c for c in META["cases"]}
RTOL = 1e-7


def _landscape(name):
    if name == "quad5":
        c = np.array(META["quad5"])
        return oc.Landscape("quad5", lambda p: (c * p * p).sum(-1), lambda p: 2 * c * p)
    if name == "regression":
        return oc.regression_problem(**META["regression"])
    return oc.landscape(name)


def _schedule(spec):
    if spec is None:
        return None
    name, kw = spec
    kw = dict(kw)
    if "then" in kw:
        kw["then"] = _schedule(kw["then"])
    return oc.schedule(name, **kw)


def _run(case, **kw):
    hp = dict(case["hyperparams"])
    if "betas" in hp:
        hp["betas"] = tuple(hp["betas"])
    mb = case["minibatch"] or {}
    return oc.run(
        oc.optimizer(case["optimizer"], **hp), _landscape(case["landscape"]),
        np.array(case["x0"]), case["steps"], schedule=_schedule(case["schedule"]),
        clip_norm=case["clip_norm"], batch_size=mb.get("batch_size"), seed=mb.get("seed"), **kw,
    )


def test_golden_covers_every_optimizer_and_option():
    seen = {(c["optimizer"], k) for c in CASES.values() for k in c["hyperparams"]}
    opts = {c["optimizer"] for c in CASES.values()}
    assert opts == set(oc.optimizer_names(aliases=False))
    for name in opts:
        for k in oc.optimizer(name).hyperparams:
            if name == "adamw" and k == "weight_decay":
                continue  # AdamW's default weight decay is on in every AdamW case
            assert (name, k) in seen, (name, k)
    scheds = {c["schedule"][0] for c in CASES.values() if c["schedule"]}
    assert {"step", "exponential", "cosine", "linear", "warmup", "linear_decay"} <= scheds
    assert any(c["clip_norm"] for c in CASES.values())
    assert any(c["minibatch"] for c in CASES.values())


@pytest.mark.parametrize("cid", list(CASES))
def test_matches_torch(cid):
    case = CASES[cid]
    want = GOLDEN[f"{cid}/positions"]
    traj = _run(case)
    np.testing.assert_allclose(traj.lrs, GOLDEN[f"{cid}/lrs"], rtol=RTOL, atol=0)
    got = traj.positions
    assert got.shape == want.shape
    if traj.diverged.any():
        # compare up to the divergence; after it the record is NaN by design
        assert cid.startswith("gd_diverges")
        for i, k in enumerate(np.atleast_1d(traj.diverged_at)):
            np.testing.assert_allclose(got[: k + 1, i], want[: k + 1, i], rtol=RTOL, atol=1e-12)
            assert np.isnan(got[k + 1 :, i]).all()
    else:
        # atol only for coordinates that pass through zero (relative error is meaningless there)
        np.testing.assert_allclose(got, want, rtol=RTOL, atol=1e-12)
    if case["minibatch"]:
        np.testing.assert_array_equal(np.concatenate(traj.batch_indices),
                                      GOLDEN[f"{cid}/batches"])


@pytest.mark.parametrize("cid", ["adam_rosenbrock", "nadam_wd_momentum_decay_cosine_camel",
                                 "nesterov_wd_steplr_clip_camel"])
def test_fast_path_identical(cid):
    """Recording nothing but positions gives bit-identical positions."""
    case = CASES[cid]
    a = _run(case)
    b = _run(case, record_state=False, record_grads=False)
    np.testing.assert_array_equal(a.positions, b.positions)
