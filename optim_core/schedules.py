"""Learning-rate schedules with torch.optim.lr_scheduler's names and closed forms."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

__all__ = ["Schedule", "schedule", "schedule_names", "resolve_lrs"]


class Schedule:
    """A learning-rate schedule: ``sched(t, base_lr)`` is the learning rate used by step ``t``
    (0-based: the ``t``-th ``optimizer.step()``, i.e. after ``t`` calls of
    ``scheduler.step()``).

    ``name``, ``params`` (its hyper-parameters), ``latex`` (the formula for ``MathTex``) and
    :meth:`lrs` (the whole curve as an array) are what the scenes use.
    """

    def __init__(self, name: str, fn: Callable[[int, float], float], params: dict, latex: str,
                 title: str):
        self.name = name
        self._fn = fn
        self.params = params
        self.latex = latex
        self.title = title

    def __call__(self, t: int, base_lr: float) -> float:
        return self._fn(int(t), float(base_lr))

    def lrs(self, base_lr: float, steps: int) -> np.ndarray:
        """Learning rates of steps ``0 .. steps - 1`` (shape ``(steps,)``)."""
        return np.array([self._fn(t, float(base_lr)) for t in range(int(steps))], dtype=float)

    def factors(self, steps: int) -> np.ndarray:
        """``lrs(1.0, steps)`` for multiplicative schedules (``eta_min`` shifts cosine)."""
        return self.lrs(1.0, steps)

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"schedule({self.name!r}, {args})"


def _pos_int(name, v):
    if isinstance(v, bool) or int(v) != v or int(v) <= 0:
        raise ValueError(f"{name} should be a positive integer, got {v}")
    return int(v)


def _step_lr(step_size: int, gamma: float = 0.1) -> Schedule:
    step_size = _pos_int("step_size", step_size)
    gamma = float(gamma)

    def fn(t, base):  # torch StepLR._get_closed_form_lr
        return base * gamma ** (t // step_size)

    return Schedule("step", fn, dict(step_size=step_size, gamma=gamma),
                    r"\gamma_t = \gamma_0 \cdot " + f"{gamma:g}" + r"^{\lfloor t / "
                    + f"{step_size}" + r" \rfloor}", "Step decay")


def _exponential_lr(gamma: float) -> Schedule:
    gamma = float(gamma)

    def fn(t, base):  # torch ExponentialLR._get_closed_form_lr
        return base * gamma**t

    return Schedule("exponential", fn, dict(gamma=gamma),
                    r"\gamma_t = \gamma_0 \cdot " + f"{gamma:g}" + r"^{t}", "Exponential decay")


def _cosine_lr(T_max: int, eta_min: float = 0.0) -> Schedule:
    T_max = _pos_int("T_max", T_max)
    eta_min = float(eta_min)

    def fn(t, base):  # torch CosineAnnealingLR._get_closed_form_lr (periodic beyond T_max)
        return eta_min + (base - eta_min) * (1 + math.cos(math.pi * t / T_max)) / 2

    return Schedule(
        "cosine", fn, dict(T_max=T_max, eta_min=eta_min),
        r"\gamma_t = \eta_{\min} + \tfrac{1}{2}(\gamma_0 - \eta_{\min})"
        r"\left(1 + \cos\frac{\pi t}{" + f"{T_max}" + r"}\right)",
        "Cosine annealing",
    )


def _linear_lr(start_factor: float = 1.0 / 3, end_factor: float = 1.0,
               total_iters: int = 5) -> Schedule:
    if start_factor > 1.0 or start_factor <= 0:
        raise ValueError(
            "Starting multiplicative factor expected to be greater than 0 and less or equal to 1."
        )
    if end_factor > 1.0 or end_factor < 0:
        raise ValueError("Ending multiplicative factor expected to be between 0 and 1.")
    total_iters = _pos_int("total_iters", total_iters)
    sf, ef = float(start_factor), float(end_factor)

    def fn(t, base):  # torch LinearLR._get_closed_form_lr
        return base * (sf + (ef - sf) * min(total_iters, t) / total_iters)

    return Schedule("linear", fn, dict(start_factor=sf, end_factor=ef, total_iters=total_iters),
                    r"\gamma_t = \gamma_0 \left(s + (e - s)\,\frac{\min(t, T)}{T}\right)",
                    "Linear")


def _warmup(warmup_steps: int, then: Schedule | None = None, start_factor: float = 0.0
            ) -> Schedule:
    """Linear warm-up from ``start_factor * lr`` to ``lr`` over ``warmup_steps`` steps, then
    ``then`` (restarted at step 0 as torch's ``SequentialLR`` does) or a constant."""
    warmup_steps = _pos_int("warmup_steps", warmup_steps)
    if not 0.0 <= start_factor <= 1.0:
        raise ValueError(f"start_factor should be in [0, 1], got {start_factor}")
    if then is not None and not isinstance(then, Schedule):
        raise ValueError("then should be a Schedule (from optim_core.schedule)")
    sf = float(start_factor)

    def fn(t, base):
        if t < warmup_steps:
            return base * (sf + (1.0 - sf) * t / warmup_steps)
        return base if then is None else then(t - warmup_steps, base)

    return Schedule("warmup", fn, dict(warmup_steps=warmup_steps, then=then, start_factor=sf),
                    r"\gamma_t = \gamma_0 \frac{t}{T_{\text{warm}}} \quad (t < T_{\text{warm}})",
                    "Linear warm-up")


def _linear_decay(total_steps: int, end_factor: float = 0.0) -> Schedule:
    """Linear decay from ``lr`` to ``end_factor * lr`` over ``total_steps`` steps (torch's
    ``LinearLR(start_factor=1, end_factor=end_factor, total_iters=total_steps)``)."""
    s = _linear_lr(1.0, end_factor, total_steps)
    s.name = "linear_decay"
    s.params = dict(total_steps=s.params["total_iters"], end_factor=s.params["end_factor"])
    s.title = "Linear decay"
    return s


def _constant() -> Schedule:
    return Schedule("constant", lambda t, base: base, {}, r"\gamma_t = \gamma_0", "Constant")


_SCHEDULES = {
    "constant": _constant,
    "step": _step_lr,
    "exponential": _exponential_lr,
    "cosine": _cosine_lr,
    "linear": _linear_lr,
    "warmup": _warmup,
    "linear_decay": _linear_decay,
}
_ALIASES = {"steplr": "step", "exponentiallr": "exponential", "cosineannealinglr": "cosine",
            "cosine_annealing": "cosine", "linearlr": "linear", "exp": "exponential"}


def schedule_names() -> list[str]:
    """Names accepted by :func:`schedule`."""
    return list(_SCHEDULES)


def schedule(name: str, **params) -> Schedule:
    """A learning-rate schedule by name, with torch's parameter names.

    ``"step"`` (StepLR: ``step_size``, ``gamma=0.1``), ``"exponential"`` (ExponentialLR:
    ``gamma``), ``"cosine"`` (CosineAnnealingLR: ``T_max``, ``eta_min=0``), ``"linear"``
    (LinearLR: ``start_factor=1/3``, ``end_factor=1``, ``total_iters=5``), ``"warmup"``
    (``warmup_steps``, ``then=None``, ``start_factor=0``), ``"linear_decay"``
    (``total_steps``, ``end_factor=0``), ``"constant"``.
    """
    if isinstance(name, Schedule):
        return name
    key = str(name).lower()
    key = _ALIASES.get(key, key)
    if key not in _SCHEDULES:
        raise ValueError(f"Unknown schedule {name!r}; known schedules: {', '.join(_SCHEDULES)}")
    try:
        return _SCHEDULES[key](**params)
    except TypeError as e:
        raise ValueError(f"schedule {key!r}: {e}") from None


def resolve_lrs(sched, base_lr: float, steps: int) -> np.ndarray:
    """Per-step learning rates (shape ``(steps,)``) from ``None`` (constant), a
    :class:`Schedule`, a callable ``t -> lr`` (optax style) or an array of length ``steps``."""
    if sched is None:
        return np.full(steps, float(base_lr))
    if isinstance(sched, Schedule):
        out = sched.lrs(base_lr, steps)
    elif isinstance(sched, str):
        raise ValueError("pass a Schedule (optim_core.schedule(name, ...)), not a name")
    elif callable(sched):
        out = np.array([float(sched(t)) for t in range(steps)], dtype=float)
    else:
        out = np.asarray(sched, dtype=float)
        if out.shape != (steps,):
            raise ValueError(f"a learning-rate array needs shape ({steps},), got {out.shape}")
    if not np.all(np.isfinite(out)) or np.any(out < 0):
        raise ValueError("Invalid learning rate in schedule: rates must be finite and >= 0")
    return out
