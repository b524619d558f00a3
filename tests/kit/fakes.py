"""Small stand-ins for optim_core objects (landscapes, trajectories) so the kit's tests pin their own data."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class FakeLandscape:
    name: str
    f: object
    grad: object
    bounds: tuple
    minima: list = field(default_factory=list)
    saddles: list = field(default_factory=list)
    title: str = ""
    latex: str = ""


def bowl():
    return FakeLandscape(
        "bowl", lambda p: p[..., 0] ** 2 + p[..., 1] ** 2, lambda p: 2 * p, ((-2, 2), (-2, 2)), [(0, 0)], [], "Bowl", r"x^2+y^2"
    )


def ravine():
    return FakeLandscape(
        "ravine",
        lambda p: 0.5 * p[..., 0] ** 2 + 10 * p[..., 1] ** 2,
        lambda p: np.stack([p[..., 0], 20 * p[..., 1]], axis=-1),
        ((-4, 4), (-2, 2)),
        [(0, 0)],
        [],
        "Ravine",
    )


def rosenbrock():
    def f(p):
        x, y = p[..., 0], p[..., 1]
        return (1 - x) ** 2 + 100 * (y - x**2) ** 2

    def g(p):
        x, y = p[..., 0], p[..., 1]
        return np.stack([-2 * (1 - x) - 400 * x * (y - x**2), 200 * (y - x**2)], axis=-1)

    return FakeLandscape("rosenbrock", f, g, ((-2, 2), (-1, 3)), [(1, 1)], [], "Rosenbrock")


def saddle():
    return FakeLandscape(
        "saddle",
        lambda p: p[..., 0] ** 2 - p[..., 1] ** 2,
        lambda p: np.stack([2 * p[..., 0], -2 * p[..., 1]], axis=-1),
        ((-2, 2), (-2, 2)),
        [],
        [(0, 0)],
        "Saddle",
    )


@dataclass
class FakeTrajectory:
    positions: np.ndarray
    losses: np.ndarray
    grads: np.ndarray
    lrs: np.ndarray
    diverged_at: object = None


def gd(landscape, x0, lr, steps, blowup=1e6, nan_after_divergence=False):
    """Plain gradient descent, recording divergence like optim_core (non-finite or |x| > blowup).

    ``nan_after_divergence``: like optim_core, every position after the diverged one is NaN
    (otherwise the record goes on with huge finite values).
    """
    pos = [np.asarray(x0, float)]
    grads = []
    diverged = None
    with np.errstate(all="ignore"):
        for k in range(steps):
            g = landscape.grad(pos[-1])
            grads.append(g)
            nxt = pos[-1] - lr * g
            pos.append(nxt)
            if diverged is None and (not np.all(np.isfinite(nxt)) or np.abs(nxt).max() > blowup):
                diverged = k + 1
        pos = np.array(pos)
        if nan_after_divergence and diverged is not None:
            pos[diverged + 1 :] = np.nan
        grads.append(landscape.grad(pos[-1]))
        losses = landscape.f(pos)
    return FakeTrajectory(pos, losses, np.array(grads), np.full(steps, lr), diverged)
