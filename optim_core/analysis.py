"""Numbers the narration says, computed from runs: when a run settles, crosses a line, escapes a ridge;
how a step splits; how big each coordinate's step is; which learning rate to use under a stated budget.

Every claim a chapter makes ("settles by step 15", "5 times closer", "escapes first") is checked
with these functions when the scene is built, so one metric means one thing everywhere:

``settle_step``
    the first step from which a sequence *stays* within ``tol`` of its target (not a first dip).
``crossing_step``
    the first step at which a sequence goes past a level (a first dip: for "reaches").
``escape_step``
    the first step at which a run is farther than ``distance`` from a line through the start's
    axis (the half-way line of a saddle).
``contraction_factor`` / ``stability_limit``
    what one gradient-descent step does to the distance along a principal axis of a quadratic:
    ``1 - lr * curvature``; the largest stable learning rate ``2 / curvature_max``.
``l2_split``
    Adam with L2: step ``k`` split into its gradient part and its weight-decay part (both pass
    through the same adaptive denominator); ``decoupled_decay`` is AdamW's ``-lr * wd * theta``.
``bias_correction``
    Adam's two correction factors ``1 / (1 - beta^t)``; ``bias_table_values``, ``steady_gradient_moments``,
    ``steady_v_hat``, ``adam_denominator``: Adam's moments term by term; ``nadam_mu``, ``nadam_parts``,
    ``nadam_weight``, ``fresh_gradient_weight``: NAdam's step split into its momentum and fresh-gradient parts.
``tune_lr``
    the learning-rate grid search of a fair race: one grid for every optimizer, several starts,
    a settle-step score, and the chosen rate kept away from the edge of stability (its grid
    neighbours must settle too); with ``basin=True`` a run counts as settled only in the minimum
    nearest its start (``nearest_minimum``), so a jump to another pit does not score; with
    ``bounded=True`` a run counts as settled only if it stays inside the landscape's display bounds at
    every step (a run that leaves the map does not count: it settled by luck); with
    ``robust=True`` each rate is scored by the worst of itself and its grid neighbours
    (``window_scores``), so a lucky dip between two slow rates does not win. Results are cached on disk (``$OPTIM_CORE_CACHE``, default
    ``~/.cache/optim_core``; ``off`` disables), keyed by every argument and by optim_core's code.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from .landscapes import Landscape, landscape as _landscape
from .optimizers import optimizer as _optimizer
from .run import Trajectory, run

__all__ = [
    "settle_step",
    "loss_settle_step",
    "crossing_step",
    "escape_step",
    "distance_to",
    "contraction_factor",
    "stability_limit",
    "steps_to_shrink",
    "l2_split",
    "decoupled_decay",
    "bias_correction",
    "bias_table_values",
    "steady_gradient_moments",
    "steady_v_hat",
    "adam_denominator",
    "nadam_mu",
    "nadam_parts",
    "nadam_weight",
    "fresh_gradient_weight",
    "lr_grid",
    "TuneResult",
    "nearest_minimum",
    "window_scores",
    "tune_lr",
    "CACHE_ENV",
    "cache_dir",
    "Claim",
    "ClaimError",
]


def _seq(values) -> np.ndarray:
    v = np.asarray(values, dtype=float)
    if v.ndim != 1:
        raise ValueError(f"expected a 1-D sequence, got shape {v.shape}")
    return v


def settle_step(values, target: float = 0.0, tol: float = 1e-3) -> int | None:
    """First index ``k`` with ``|values[j] - target| <= tol`` for every ``j >= k`` (finite values
    only); ``None`` if the sequence does not end settled."""
    v = _seq(values)
    ok = np.isfinite(v) & (np.abs(v - target) <= tol)
    if not len(ok) or not ok[-1]:
        return None
    bad = np.where(~ok)[0]
    return int(bad[-1]) + 1 if len(bad) else 0


def loss_settle_step(traj: Trajectory, tol: float = 1e-3, f_min: float | None = None) -> int | None:
    """``settle_step`` of a run's loss against the landscape's minimum value (``f_min``)."""
    fmin = traj.landscape.f_min if f_min is None else f_min
    return settle_step(traj.losses, fmin, tol)


def crossing_step(values, level: float, direction: str = "below") -> int | None:
    """First index where ``values`` is below (or ``"above"``) ``level``; ``None`` if never."""
    v = _seq(values)
    if direction not in ("below", "above"):
        raise ValueError(f"direction must be 'below' or 'above', got {direction!r}")
    hit = (v < level) if direction == "below" else (v > level)
    hit &= np.isfinite(v)
    return int(np.argmax(hit)) if hit.any() else None


def escape_step(positions, distance: float, axis: int = 1, line: float = 0.0) -> int | None:
    """First step at which ``|positions[:, axis] - line| > distance`` (``None``: never)."""
    p = np.asarray(positions, dtype=float)
    far = np.abs(p[:, axis] - line) > distance
    return int(np.argmax(far)) if far.any() else None


def distance_to(positions, point) -> np.ndarray:
    """Euclidean distance of every position to ``point`` (NaN where a position is not finite)."""
    p = np.asarray(positions, dtype=float)
    return np.linalg.norm(p - np.asarray(point, dtype=float), axis=-1)


def contraction_factor(landscape: Landscape | str, lr: float, axis: int, at=None) -> float:
    """What one gradient-descent step multiplies the distance along ``axis`` by, on a quadratic:
    ``1 - lr * H[axis, axis]`` (the Hessian at the minimum, or at ``at``)."""
    ls = _landscape(landscape) if isinstance(landscape, str) else landscape
    point = np.asarray(at if at is not None else ls.minima[0], dtype=float)
    return float(1.0 - lr * ls.hessian(point)[axis, axis])


def stability_limit(landscape: Landscape | str, at=None) -> float:
    """The largest learning rate for which gradient descent does not blow up near ``at``: ``2 / λ_max``."""
    ls = _landscape(landscape) if isinstance(landscape, str) else landscape
    point = np.asarray(at if at is not None else ls.minima[0], dtype=float)
    return float(2.0 / np.max(np.linalg.eigvalsh(ls.hessian(point))))


def steps_to_shrink(factor: float, fraction: float = 0.01) -> int | None:
    """How many steps that each multiply a distance by ``factor`` it takes to bring it below
    ``fraction`` of where it started: ``ceil(log(fraction) / log|factor|)`` (``None`` if it never shrinks)."""
    f = abs(float(factor))
    if f >= 1.0:
        return None
    if f == 0.0:
        return 1
    return int(np.ceil(np.log(fraction) / np.log(f) - 1e-12))


def l2_split(traj: Trajectory, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Adam (``weight_decay`` added to the gradient, i.e. L2): step ``k`` as (gradient part, decay part).

    Adam's first moment is linear in what it averages, so ``m_hat = m_hat(grad f) + m_hat(wd theta)``,
    and both parts are divided by the same ``sqrt(v_hat) + eps``: the decay part is
    ``-effective_lr * m_hat(wd theta)``; the rest of the recorded step is the gradient part.
    """
    opt = traj.optimizer
    beta1 = opt.betas[0]
    m = np.zeros_like(traj.positions[0])
    for t in range(k + 1):
        m = beta1 * m + (1 - beta1) * opt.weight_decay * traj.positions[t]
    m_hat = m / (1 - beta1 ** (k + 1))
    decay = -traj.effective_lr[k] * m_hat
    step = traj.positions[k + 1] - traj.positions[k]
    return step - decay, decay


def decoupled_decay(traj: Trajectory, k: int) -> np.ndarray:
    """AdamW's decay at step ``k``: ``-lr_k * wd * theta_k``, the same factor for every coordinate."""
    return -traj.lrs[k] * traj.optimizer.weight_decay * traj.positions[k]


def bias_correction(beta: float, t) -> np.ndarray:
    """Adam's correction factor ``1 / (1 - beta^t)`` at steps ``t`` (1-based)."""
    t = np.asarray(t, dtype=float)
    if np.any(t < 1):
        raise ValueError("steps count from 1")
    return 1.0 / (1.0 - beta ** t)


# --------------------------------------------------------------------------- the Adam family, term by term
def bias_table_values(traj: Trajectory, coord: int, rows: int, lr: float, eps: float) -> dict:
    """Adam's first ``rows`` steps for one coordinate, from optim_core's recorded state: gradient,
    m, m-hat, v, v-hat, and the step with and without bias correction (the factors from
    ``optim_core.analysis.bias_correction``)."""
    s = traj.state
    b1, b2 = traj.optimizer.betas
    t = np.arange(1, rows + 1)
    m, v = s["exp_avg"][:rows, coord], s["exp_avg_sq"][:rows, coord]
    return dict(
        g=traj.grads[:rows, coord], m=m, m_hat=m * bias_correction(b1, t), v=v, v_hat=v * bias_correction(b2, t),
        step=np.abs(traj.updates[:rows, coord]),
        step_uncorrected=np.abs(lr * m / (np.sqrt(v) + eps)),
    )


def steady_gradient_moments(beta1: float, steps: int, g: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """Adam's m_t and m̂_t for a gradient that stays ``g`` (index 0 = before the first step, m_0 = 0)."""
    m = np.zeros(steps + 1)
    for k in range(1, steps + 1):
        m[k] = beta1 * m[k - 1] + (1 - beta1) * g
    m_hat = np.r_[np.nan, m[1:] * bias_correction(beta1, np.arange(1, steps + 1))]
    return m, m_hat


def adam_denominator(grads, beta2: float) -> np.ndarray:
    """Adam's √v̂_t for a given gradient sequence (one coordinate): v_t = β₂ v + (1 − β₂) g², v̂ = v / (1 − β₂^t)."""
    g = np.asarray(grads, dtype=float)
    v = np.zeros_like(g)
    acc = 0.0
    for k, gk in enumerate(g):
        acc = beta2 * acc + (1 - beta2) * gk * gk
        v[k] = acc
    return np.sqrt(v * bias_correction(beta2, np.arange(1, len(g) + 1)))


def nadam_mu(opt, t) -> np.ndarray:
    """NAdam's momentum weight μ_t in PyTorch's schedule: β₁ (1 − ½ · 0.96^(t ψ))."""
    return opt.betas[0] * (1.0 - 0.5 * 0.96 ** (np.asarray(t, dtype=float) * opt.momentum_decay))


def nadam_parts(traj, k: int) -> tuple[np.ndarray, np.ndarray]:
    """NAdam's move from positions[k] to positions[k+1] (step t = k + 1) split into its momentum term
    -γ μ_{t+1} m_t / ((1 − Πμ) (√v̂_t + ε)) and its fresh-gradient term -γ (1 − μ_t) g_t / ((1 − Πμ) (√v̂_t + ε)),
    Πμ the recorded ``mu_product``."""
    opt = traj.optimizer
    t = k + 1
    prod = float(traj.state["mu_product"][k])
    den = np.sqrt(traj.state["exp_avg_sq_hat"][k]) + opt.eps
    grad_part = -opt.lr * (1 - nadam_mu(opt, t)) * traj.grads[k] / (1 - prod) / den
    mom_part = -opt.lr * nadam_weight(traj, k) * traj.state["exp_avg"][k] / den
    return mom_part, grad_part


def nadam_weight(traj, k: int) -> float:
    """The weight NAdam's step t = k + 1 puts on m_t: μ_{t+1} / (1 − Π_{i ≤ t+1} μ_i)."""
    opt = traj.optimizer
    mu_next = float(nadam_mu(opt, k + 2))
    return mu_next / (1 - float(traj.state["mu_product"][k]) * mu_next)


def momentum_split(traj, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Adam's or NAdam's move from positions[k] to positions[k+1] (step t = k + 1) split into what the old
    momentum carries (every term in β₁ m_{t-1}) and today's pull (every term in g_t), each through the rest
    of the rule. Adam: m̂_t = (β₁ m_{t-1} + (1 − β₁) g_t) / (1 − β₁ᵗ); NAdam: μ_{t+1} m_t (m_t written out
    the same way) plus (1 − μ_t) g_t, with its own corrections (``nadam_parts``). The two parts add up to
    the recorded step. Plain Adam and NAdam only (no weight decay, no amsgrad)."""
    opt = traj.optimizer
    if getattr(opt, "weight_decay", 0) or getattr(opt, "amsgrad", False) or opt.name not in ("adam", "nadam"):
        raise ValueError(f"momentum_split takes plain Adam or NAdam (no weight decay, no amsgrad), not {opt!r}")
    t, b1 = k + 1, opt.betas[0]
    m_old = traj.state["exp_avg"][k - 1] if k > 0 else np.zeros_like(traj.grads[k])
    g = traj.grads[k]
    if opt.name == "nadam":
        den = np.sqrt(traj.state["exp_avg_sq_hat"][k]) + opt.eps
        w = nadam_weight(traj, k)
        carried = -opt.lr * w * b1 * m_old / den
        pull = nadam_parts(traj, k)[1] - opt.lr * w * (1 - b1) * g / den
    else:
        b2 = opt.betas[1]
        den = np.sqrt(traj.state["exp_avg_sq"][k] * bias_correction(b2, t)) + opt.eps
        f = -opt.lr * float(bias_correction(b1, t)) / den
        carried, pull = f * b1 * m_old, f * (1 - b1) * g
    return carried, pull


def fresh_gradient_weight(beta1: float, mu: float, mu_next: float) -> float:
    """How much of a step's momentum average the fresh gradient g_t gets once m̂_{t-1} is corrected: Adam's
    (mu = mu_next = 0 meaning "no look-ahead") is 1 − β₁; NAdam's (1 − μ_t) + μ_{t+1} (1 − β₁) out of the
    total weight (1 − μ_t) + μ_{t+1}."""
    if mu == 0 and mu_next == 0:
        return 1 - beta1
    return ((1 - mu) + mu_next * (1 - beta1)) / ((1 - mu) + mu_next)


def steady_v_hat(beta2: float, steps: int, g: float = 1.0) -> np.ndarray:
    """Adam's v̂_t for a gradient that stays ``g``, steps 1..``steps``."""
    v, out = 0.0, []
    for k in range(1, steps + 1):
        v = beta2 * v + (1 - beta2) * g * g
        out.append(v * float(bias_correction(beta2, k)))
    return np.array(out)


# --------------------------------------------------------------------------- tuning
def lr_grid(lo_decade: int = -4, hi_decade: int = 1, mantissas=(1, 2, 5)) -> tuple[float, ...]:
    """A log grid of learning rates: ``mantissas`` times powers of ten from ``10^lo`` to ``10^hi``."""
    return tuple(sorted({round(m * 10.0 ** e, 12) for e in range(lo_decade, hi_decade + 1) for m in mantissas}))


@dataclass
class TuneResult:
    """The outcome of ``tune_lr`` for one optimizer on one landscape.

    ``scores[lr]`` is the mean settle step over the starts (``inf`` if any start fails to settle
    within the budget, or, with ``basin``, settles in a pit other than the one nearest it, or, with
    ``bounded``, leaves the landscape's display bounds at some step); ``lr`` is the chosen rate: the best score among rates whose grid
    neighbours also settle (``None`` if no rate qualifies), ``edge`` the best score among all
    rates (possibly at the edge of stability). With ``robust``, ``score`` is the chosen rate's window
    score (the worst of it and its grid neighbours, ``window_scores``) and ``lr`` minimises it.
    """

    optimizer: str
    landscape: str
    grid: tuple[float, ...]
    steps: int
    tol: float
    starts: np.ndarray
    hyper: dict
    basin: bool = False
    robust: bool = False
    bounded: bool = False
    scores: dict = field(default_factory=dict)
    lr: float | None = None
    edge_lr: float | None = None

    @property
    def window(self) -> dict:
        """Each rate's window score: the worst mean settle step of it and its grid neighbours."""
        return window_scores(self.grid, self.scores)

    @property
    def score(self) -> float:
        if self.lr is None:
            return float("inf")
        return self.window[self.lr] if self.robust else self.scores.get(self.lr, float("inf"))

    def settles(self, lr: float) -> bool:
        return np.isfinite(self.scores.get(lr, float("inf")))


def nearest_minimum(landscape: Landscape | str, points) -> np.ndarray:
    """Index into ``landscape.minima`` of the minimum nearest each point (shape ``(..., dim)`` -> ``(...)``)."""
    ls = _landscape(landscape) if isinstance(landscape, str) else landscape
    p = np.asarray(points, dtype=float)
    m = np.asarray(ls.minima, dtype=float)
    if not len(m):
        raise ValueError(f"{ls.name} lists no minima")
    return np.argmin(np.linalg.norm(p[..., None, :] - m, axis=-1), axis=-1)


def window_scores(grid, scores: dict) -> dict:
    """``{lr: max(scores of lr and its neighbours on grid)}``: a rate counts only as fast as the slowest
    of its window of three (two at the grid's ends); ``inf`` if any of them fails to settle."""
    grid = tuple(grid)
    return {lr: max(scores.get(g, float("inf")) for g in grid[max(i - 1, 0):i + 2]) for i, lr in enumerate(grid)}


def _score(name, ls, lr, starts, steps, tol, hyper, basin=False, bounded=False) -> float:
    traj = run(_optimizer(name, lr=lr, **hyper), ls, starts, steps=steps, record_state=False, record_grads=False)
    if bounded and not np.all(ls.in_bounds(traj.positions)):
        # a run that leaves the map (or diverges: NaN is out of bounds) and comes back settled by luck
        return float("inf")
    if basin:
        # settled in some pit is not enough: the run must end in the pit nearest its start
        end = traj.positions[-1]
        if not np.all(np.isfinite(end)) or np.any(nearest_minimum(ls, end) != nearest_minimum(ls, starts)):
            return float("inf")
    settled = []
    for i in range(len(starts)):
        k = settle_step(traj.losses[:, i], ls.f_min, tol)
        if k is None:
            return float("inf")
        settled.append(k)
    return float(np.mean(settled))


def tune_lr(name: str, landscape: Landscape | str, starts, *, steps: int, grid=None, tol: float = 1e-3,
            hyper: dict | None = None, basin: bool = False, robust: bool = False, bounded: bool = False,
            cache: bool = True) -> TuneResult:
    """Pick ``name``'s learning rate on ``landscape`` from ``grid`` (default ``lr_grid()``), scoring each
    rate by the mean step at which the loss settles within ``tol`` of the minimum, over every start.

    A rate is eligible only if it settles from every start *and* its neighbours on the grid do too:
    a rate whose neighbour diverges or stalls sits at the edge of stability and wins by luck.
    With ``basin``, a start counts as settled only if its run ends in the minimum nearest the start:
    on a landscape with several pits, a big step that jumps to another pit does not score.
    With ``bounded``, a start counts as settled only if its run stays finite and inside the landscape's
    display bounds (``Landscape.bounds``) at every step: a run that leaves the map does not count, it
    settled by luck.
    With ``robust``, the pick minimises the window score (``window_scores``: the worst of the rate and
    its grid neighbours) instead of the rate's own score; ties go to the smaller rate either way.

    With ``cache`` (and ``landscape`` given by name), the result is read from / written to the cache
    folder (``cache_dir()``), keyed by every argument and by a hash of optim_core's source files.
    """
    by_name = isinstance(landscape, str)
    ls = _landscape(landscape) if by_name else landscape
    starts = np.atleast_2d(np.asarray(starts, dtype=float))
    grid = tuple(sorted(grid or lr_grid()))
    hyper = dict(hyper or {})
    basin, robust, bounded = bool(basin), bool(robust), bool(bounded)
    path = (_cache_path(name, ls.name, starts, steps, grid, tol, hyper, basin, robust, bounded)
            if cache and by_name else None)
    if path is not None:
        cached = _cache_read(path, name, ls.name, grid, steps, tol, starts, hyper, basin, robust, bounded)
        if cached is not None:
            return cached
    res = TuneResult(name, ls.name, grid, steps, tol, starts, hyper, basin, robust, bounded)
    for lr in grid:
        res.scores[lr] = _score(name, ls, lr, starts, steps, tol, hyper, basin, bounded)
    finite = [lr for lr in grid if res.settles(lr)]
    if finite:
        res.edge_lr = min(finite, key=lambda lr: (res.scores[lr], lr))
    eligible = [lr for i, lr in enumerate(grid) if res.settles(lr)
                and (i == 0 or res.settles(grid[i - 1])) and (i == len(grid) - 1 or res.settles(grid[i + 1]))]
    if eligible:
        rank = res.window if robust else res.scores
        res.lr = min(eligible, key=lambda lr: (rank[lr], lr))
    if path is not None:
        _cache_write(path, res)
    return res


# --------------------------------------------------------------------------- tuning cache
#: the cache folder of ``tune_lr`` (``off``, ``0`` or ``none``: no cache)
CACHE_ENV = "OPTIM_CORE_CACHE"
_CODE_FILES = ("optimizers.py", "landscapes.py", "run.py", "analysis.py")


def cache_dir() -> Path | None:
    """Where ``tune_lr`` keeps its results: ``$OPTIM_CORE_CACHE`` or ``~/.cache/optim_core`` (None: off)."""
    value = os.environ.get(CACHE_ENV, "").strip()
    if value.lower() in ("off", "0", "none", "false"):
        return None
    return (Path(value) if value else Path.home() / ".cache" / "optim_core") / "tune_lr"


@lru_cache(maxsize=1)
def _code_version() -> str:
    """A hash of the source files a tuning result depends on: a change to them misses the cache."""
    h = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for fname in _CODE_FILES:
        h.update((here / fname).read_bytes())
    return h.hexdigest()[:16]


def _cache_key(name, landscape, starts, steps, grid, tol, hyper, basin=False, robust=False, bounded=False) -> str:
    return json.dumps({"code": _code_version(), "optimizer": str(name), "landscape": str(landscape),
                       "basin": bool(basin), "robust": bool(robust), "bounded": bool(bounded),
                       "starts": [[float(x) for x in s] for s in starts], "steps": int(steps),
                       "grid": [float(g) for g in grid], "tol": float(tol),
                       "hyper": {str(k): hyper[k] for k in sorted(hyper)}}, sort_keys=True, default=repr)


def _cache_path(name, landscape, starts, steps, grid, tol, hyper, basin=False, robust=False,
                bounded=False) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    key = _cache_key(name, landscape, starts, steps, grid, tol, hyper, basin, robust, bounded)
    return folder / f"{hashlib.sha256(key.encode()).hexdigest()[:32]}.json"


def _cache_read(path: Path, name, landscape, grid, steps, tol, starts, hyper, basin=False,
                robust=False, bounded=False) -> TuneResult | None:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    key = _cache_key(name, landscape, starts, steps, grid, tol, hyper, basin, robust, bounded)
    if data.get("key") != key:
        return None
    res = TuneResult(name, landscape, grid, steps, tol, starts, hyper, basin, robust, bounded)
    res.scores = {float(lr): (float("inf") if s is None else float(s)) for lr, s in data["scores"]}
    res.lr, res.edge_lr = data["lr"], data["edge_lr"]
    return res


def _cache_write(path: Path, res: TuneResult) -> None:
    """Write atomically (a temporary file renamed into place); a cache that cannot be written is skipped."""
    key = _cache_key(res.optimizer, res.landscape, res.starts, res.steps, res.grid, res.tol, res.hyper, res.basin,
                     res.robust, res.bounded)
    data = {"key": key, "scores": [[lr, s if np.isfinite(s) else None] for lr, s in res.scores.items()],
            "lr": res.lr, "edge_lr": res.edge_lr}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w") as fh:
            json.dump(data, fh)
        os.replace(tmp, path)
    except OSError:
        try:
            os.unlink(tmp)
        except (OSError, UnboundLocalError):
            pass


# --------------------------------------------------------------------------- claims
class ClaimError(AssertionError):
    """A sentence of the narration that the computed run does not support."""


@dataclass(frozen=True)
class Claim:
    """A sentence and the check behind it: ``Claim("settles by step 15", k == 15).verify()``."""

    text: str
    holds: bool
    detail: str = ""

    def verify(self) -> "Claim":
        if not bool(self.holds):
            raise ClaimError(f"claim not supported by the computed run: {self.text!r}"
                             + (f" ({self.detail})" if self.detail else ""))
        return self
