"""Generate golden trajectories with torch.optim (float64) for tests/optim_core/test_oc_golden.py.

Run with an interpreter that has torch (tests never need it)::

    PYTHONPATH=/work/main /tmp/torchenv/bin/python tests/optim_core/make_golden.py

Each case runs ``torch.optim.<Optimizer>(..., foreach=False)`` on a torch transcription of the
landscape's formula (gradients by autograd, not by optim_core), with torch's own
``lr_scheduler`` (its recursive form) and ``clip_grad_norm_``. The output ``golden.npz`` holds,
per case, the positions ``(steps + 1, n, dim)`` and the learning rates ``(steps,)``, plus the
case table as JSON so the test needs nothing from this file.
"""

from __future__ import annotations

import json
import math
import pathlib

import numpy as np

import optim_core as oc

HERE = pathlib.Path(__file__).parent
OUT = HERE / "golden.npz"

STARTS = {
    "bowl": [[-1.5, 1.2], [0.3, -1.9], [1.0, 0.5]],
    "ravine": [[-5.5, 1.5], [4.0, -2.5], [-1.0, 0.2]],
    "steep_flat": [[-5.0, 2.0], [3.0, -1.0], [0.5, 2.8]],
    "rosenbrock": [[-1.5, 2.0], [-0.5, -0.5], [1.5, 1.5]],
    "beale": [[-1.0, -1.5], [1.0, 1.5], [2.0, -1.0]],
    "himmelblau": [[-0.3, -0.9], [0.5, 4.0], [-4.0, 0.5]],
    "saddle_valleys": [[-1.8, 1e-3], [1.5, -0.3], [0.2, 1.5]],
    "rastrigin": [[-3.2, 2.3], [0.4, -0.6], [1.1, 1.7]],
    "six_hump_camel": [[-1.5, -1.0], [1.2, 0.9], [0.1, 0.1]],
    "regression": [[0.0, 0.0], [4.0, 1.0], [-0.5, -3.0]],
    "quad5": [[1.0, -1.0, 0.5, 2.0, -0.3], [-2.0, 0.1, 0.0, 0.7, 1.2]],
}

QUAD5_C = [0.1, 0.5, 1.0, 2.0, 4.0]

# (id, optimizer, hyper-parameters, landscape, steps, schedule or None, clip_norm or None,
#  mini-batch spec {"batch_size", "seed"} or None)
CASES = [
    ("gd_default_rosenbrock", "sgd", {}, "rosenbrock", 300, None, None, None),
    ("gd_ravine_zigzag", "sgd", {"lr": 0.45}, "ravine", 200, None, None, None),
    ("momentum_ravine", "sgd", {"lr": 0.05, "momentum": 0.9}, "ravine", 300, None, None, None),
    ("momentum_damp_wd_himmelblau", "sgd",
     {"lr": 0.005, "momentum": 0.9, "dampening": 0.5, "weight_decay": 0.01}, "himmelblau", 300,
     None, None, None),
    ("nesterov_rosenbrock", "sgd", {"lr": 0.001, "momentum": 0.9, "nesterov": True},
     "rosenbrock", 300, None, None, None),
    ("nesterov_wd_steplr_clip_camel", "sgd",
     {"lr": 0.05, "momentum": 0.8, "nesterov": True, "weight_decay": 0.05}, "six_hump_camel",
     300, ("step", {"step_size": 50, "gamma": 0.5}), 1.0, None),
    ("gd_diverges_bowl", "sgd", {"lr": 1.1}, "bowl", 120, None, None, None),
    ("adagrad_steep_flat", "adagrad", {"lr": 0.5}, "steep_flat", 300, None, None, None),
    ("adagrad_all_options_beale", "adagrad",
     {"lr": 0.1, "lr_decay": 0.01, "weight_decay": 0.01, "initial_accumulator_value": 0.1,
      "eps": 1e-8}, "beale", 300, None, None, None),
    ("adadelta_default_saddle_valleys", "adadelta", {}, "saddle_valleys", 300, None, None, None),
    ("adadelta_options_himmelblau", "adadelta",
     {"lr": 0.5, "rho": 0.95, "eps": 1e-5, "weight_decay": 0.01}, "himmelblau", 300, None,
     None, None),
    ("rmsprop_rosenbrock", "rmsprop", {"lr": 0.01}, "rosenbrock", 300, None, None, None),
    ("rmsprop_centered_momentum_himmelblau", "rmsprop",
     {"lr": 0.005, "momentum": 0.9, "centered": True}, "himmelblau", 300, None, None, None),
    ("rmsprop_centered_wd_alpha_beale", "rmsprop",
     {"lr": 0.005, "alpha": 0.95, "centered": True, "weight_decay": 0.1, "eps": 1e-3}, "beale",
     300, None, None, None),
    ("rmsprop_momentum_explr_ravine", "rmsprop", {"lr": 0.05, "momentum": 0.5}, "ravine", 300,
     ("exponential", {"gamma": 0.99}), None, None),
    ("adam_rosenbrock", "adam", {"lr": 0.05}, "rosenbrock", 300, None, None, None),
    ("adam_amsgrad_wd_beale", "adam", {"lr": 0.02, "amsgrad": True, "weight_decay": 0.1},
     "beale", 300, None, None, None),
    ("adam_betas_eps_cosine_clip_himmelblau", "adam",
     {"lr": 0.1, "betas": (0.8, 0.99), "eps": 1e-6}, "himmelblau", 300,
     ("cosine", {"T_max": 100, "eta_min": 1e-3}), 5.0, None),
    ("adam_decoupled_camel", "adam", {"lr": 0.05, "weight_decay": 0.1,
                                      "decoupled_weight_decay": True},
     "six_hump_camel", 300, None, None, None),
    ("adam_rastrigin", "adam", {"lr": 0.01}, "rastrigin", 200, None, None, None),
    ("adamw_default_wd_rosenbrock", "adamw", {"lr": 0.05}, "rosenbrock", 300, None, None, None),
    ("adamw_amsgrad_linear_saddle_valleys", "adamw",
     {"lr": 0.1, "weight_decay": 0.5, "amsgrad": True, "betas": (0.9, 0.99), "eps": 1e-7},
     "saddle_valleys", 300,
     ("linear", {"start_factor": 0.25, "end_factor": 1.0, "total_iters": 40}), None, None),
    ("adamax_beale", "adamax", {"lr": 0.05, "eps": 1e-6}, "beale", 300, None, None, None),
    ("adamax_wd_betas_steplr_himmelblau", "adamax",
     {"lr": 0.1, "weight_decay": 0.05, "betas": (0.95, 0.99)}, "himmelblau", 300,
     ("step", {"step_size": 60, "gamma": 0.3}), None, None),
    ("nadam_rosenbrock", "nadam", {"lr": 0.05}, "rosenbrock", 300, None, None, None),
    ("nadam_decoupled_himmelblau", "nadam",
     {"lr": 0.05, "weight_decay": 0.1, "decoupled_weight_decay": True, "betas": (0.85, 0.995),
      "eps": 1e-7}, "himmelblau", 300,
     None, None, None),
    ("nadam_wd_momentum_decay_cosine_camel", "nadam",
     {"lr": 0.02, "weight_decay": 0.05, "momentum_decay": 0.01}, "six_hump_camel", 300,
     ("cosine", {"T_max": 300, "eta_min": 1e-3}), None, None),
    ("sgd_warmup_cosine_bowl", "sgd", {"lr": 0.2, "momentum": 0.5}, "bowl", 200,
     ("warmup", {"warmup_steps": 20, "start_factor": 0.1,
                 "then": ("cosine", {"T_max": 180, "eta_min": 1e-3})}), None, None),
    ("sgd_linear_decay_clip_rosenbrock", "sgd", {"lr": 0.002, "momentum": 0.9}, "rosenbrock",
     300, ("linear_decay", {"total_steps": 300, "end_factor": 0.05}), 2.0, None),
    ("adam_quad5", "adam", {"lr": 0.05}, "quad5", 200, None, 1.0, None),
    ("regression_gd_full", "sgd", {"lr": 0.3}, "regression", 100, None, None, None),
    ("regression_sgd_b8", "sgd", {"lr": 0.1}, "regression", 200, None, None,
     {"batch_size": 8, "seed": 1}),
    ("regression_momentum_b1", "sgd", {"lr": 0.02, "momentum": 0.9}, "regression", 200, None,
     None, {"batch_size": 1, "seed": 2}),
    ("regression_adam_b16_clip", "adam", {"lr": 0.05}, "regression", 200, None, 1.0,
     {"batch_size": 16, "seed": 3}),
]


def _torch_f(name, torch, problem):
    """Torch transcriptions of the landscapes (written from the formulas, not from optim_core)."""
    if name == "bowl":
        return lambda p: p[..., 0] ** 2 + p[..., 1] ** 2
    if name == "ravine":
        return lambda p: 0.1 * p[..., 0] ** 2 + 2.0 * p[..., 1] ** 2
    if name == "steep_flat":
        return lambda p: 0.05 * p[..., 0] ** 2 + 5.0 * p[..., 1] ** 2
    if name == "rosenbrock":
        return lambda p: (1 - p[..., 0]) ** 2 + 100 * (p[..., 1] - p[..., 0] ** 2) ** 2
    if name == "beale":
        def f(p):
            x, y = p[..., 0], p[..., 1]
            return ((1.5 - x + x * y) ** 2 + (2.25 - x + x * y**2) ** 2
                    + (2.625 - x + x * y**3) ** 2)
        return f
    if name == "himmelblau":
        return lambda p: ((p[..., 0] ** 2 + p[..., 1] - 11) ** 2
                          + (p[..., 0] + p[..., 1] ** 2 - 7) ** 2)
    if name == "saddle_valleys":
        return lambda p: p[..., 0] ** 2 - 2 * p[..., 1] ** 2 + p[..., 1] ** 4
    if name == "rastrigin":
        return lambda p: (20 + p[..., 0] ** 2 - 10 * torch.cos(2 * math.pi * p[..., 0])
                          + p[..., 1] ** 2 - 10 * torch.cos(2 * math.pi * p[..., 1]))
    if name == "six_hump_camel":
        def f(p):
            x, y = p[..., 0], p[..., 1]
            return (4 - 2.1 * x**2 + x**4 / 3) * x**2 + x * y + (-4 + 4 * y**2) * y**2
        return f
    if name == "quad5":
        c = torch.tensor(QUAD5_C, dtype=torch.float64)
        return lambda p: (c * p * p).sum(-1)
    if name == "regression":
        X = torch.tensor(problem.x)
        Y = torch.tensor(problem.y)

        def f(p, idx=None):
            xs = X if idx is None else X[torch.as_tensor(idx)]
            ys = Y if idx is None else Y[torch.as_tensor(idx)]
            pred = p[..., 0, None] * xs + p[..., 1, None]
            return ((pred - ys) ** 2).mean(-1)
        return f
    raise KeyError(name)


def _torch_sched(torch, opt, spec):
    if spec is None:
        return None
    name, kw = spec
    S = torch.optim.lr_scheduler
    if name == "step":
        return S.StepLR(opt, **kw)
    if name == "exponential":
        return S.ExponentialLR(opt, **kw)
    if name == "cosine":
        return S.CosineAnnealingLR(opt, **kw)
    if name == "linear":
        return S.LinearLR(opt, **kw)
    if name == "linear_decay":
        return S.LinearLR(opt, start_factor=1.0, end_factor=kw["end_factor"],
                          total_iters=kw["total_steps"])
    if name == "warmup":
        w = kw["warmup_steps"]
        first = S.LinearLR(opt, start_factor=kw["start_factor"], end_factor=1.0, total_iters=w)
        then = _torch_sched(torch, opt, kw["then"])
        return S.SequentialLR(opt, [first, then], milestones=[w])
    raise KeyError(name)


def _run_torch(torch, case, problem):
    cid, opt_name, hp, ls_name, steps, sched, clip, mb = case
    f = _torch_f(ls_name, torch, problem)
    x0 = np.array(STARTS[ls_name], dtype=np.float64)
    cls = {"sgd": torch.optim.SGD, "adagrad": torch.optim.Adagrad,
           "adadelta": torch.optim.Adadelta, "rmsprop": torch.optim.RMSprop,
           "adam": torch.optim.Adam, "adamw": torch.optim.AdamW, "adamax": torch.optim.Adamax,
           "nadam": torch.optim.NAdam}[opt_name]
    batches = None
    if mb is not None:
        batches = problem.batches(mb["batch_size"], steps, mb["seed"])
    # clipping is per trajectory, so clipped cases run each start as its own parameter
    groups = [x0[i : i + 1] for i in range(len(x0))] if clip is not None else [x0]
    outs, lrs = [], None
    for start in groups:
        p = torch.tensor(start, dtype=torch.float64, requires_grad=True)
        opt = cls([p], foreach=False, **hp)
        sch = _torch_sched(torch, opt, sched)
        pos = [p.detach().clone().numpy()]
        lr_hist = []
        for t in range(steps):
            opt.zero_grad()
            loss = (f(p, batches[t]) if batches is not None else f(p)).sum()
            loss.backward()
            if clip is not None:
                torch.nn.utils.clip_grad_norm_([p], clip)
            lr_hist.append(opt.param_groups[0]["lr"])
            opt.step()
            if sch is not None:
                sch.step()
            pos.append(p.detach().clone().numpy())
        outs.append(np.stack(pos))
        lrs = np.array(lr_hist, dtype=np.float64)
    return np.concatenate(outs, axis=1), lrs, batches


def main():
    import torch

    torch.set_default_dtype(torch.float64)
    problem = oc.regression_problem()
    data = {}
    table = []
    for case in CASES:
        pos, lrs, batches = _run_torch(torch, case, problem)
        cid = case[0]
        data[f"{cid}/positions"] = pos
        data[f"{cid}/lrs"] = lrs
        if batches is not None:
            data[f"{cid}/batches"] = np.concatenate(batches).astype(np.int16)
        cid, opt_name, hp, ls_name, steps, sched, clip, mb = case
        table.append(dict(id=cid, optimizer=opt_name, hyperparams=hp, landscape=ls_name,
                          steps=steps, schedule=sched, clip_norm=clip, minibatch=mb,
                          x0=STARTS[ls_name]))
        print(f"{cid:45s} {pos.shape} final {np.round(pos[-1, 0], 4)}")
    meta = dict(torch=torch.__version__, numpy=np.__version__, quad5=QUAD5_C, cases=table,
                regression=dict(n=64, seed=0))
    np.savez_compressed(OUT, meta=np.array(json.dumps(meta)), **data)
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e3:.0f} kB, torch {torch.__version__})")


if __name__ == "__main__":
    main()
