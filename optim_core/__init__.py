"""Optimizer maths for the explainer: landscapes, optimizers, schedules, trajectories.

Pure numpy/scipy (never imports manim). Every optimizer reproduces ``torch.optim`` step for
step in float64; see ``tests/optim_core`` for the golden comparison.

    import optim_core as oc
    ls = oc.landscape("rosenbrock")
    opt = oc.optimizer("adam", lr=0.05)
    traj = oc.run(opt, ls, ls.start, steps=300, schedule=oc.schedule("cosine", T_max=300))
"""

from . import analysis
from .landscapes import (
    Landscape,
    RegressionProblem,
    landscape,
    landscape_names,
    regression_problem,
)
from .optimizers import (
    SGD,
    Adadelta,
    Adagrad,
    Adam,
    Adamax,
    AdamW,
    NAdam,
    Optimizer,
    RMSprop,
    optimizer,
    optimizer_names,
    update_rule_latex,
)
from .run import Trajectory, clip_grad_norm, run
from .schedules import Schedule, schedule, schedule_names

__all__ = [
    "analysis",
    "Landscape",
    "RegressionProblem",
    "landscape",
    "landscape_names",
    "regression_problem",
    "Optimizer",
    "SGD",
    "Adagrad",
    "Adadelta",
    "RMSprop",
    "Adam",
    "AdamW",
    "Adamax",
    "NAdam",
    "optimizer",
    "optimizer_names",
    "update_rule_latex",
    "Schedule",
    "schedule",
    "schedule_names",
    "Trajectory",
    "run",
    "clip_grad_norm",
]
