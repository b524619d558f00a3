"""Run an optimizer on a landscape: the torch training loop, vectorised over many starts."""

from __future__ import annotations

import math

import numpy as np

from .landscapes import Landscape, landscape as _landscape
from .optimizers import Optimizer, _Workspace, optimizer as _optimizer
from .schedules import Schedule, resolve_lrs

__all__ = ["Trajectory", "run", "clip_grad_norm"]

#: per-step scalars in the optimizer state (shape ``(steps,)`` instead of ``(steps, *shape)``)
_SCALAR_STATE = frozenset({"mu_product"})


def clip_grad_norm(grads, max_norm: float) -> tuple[np.ndarray, np.ndarray]:
    """Clip each trajectory's gradient (the last axis) as ``torch.nn.utils.clip_grad_norm_``:
    ``g * min(max_norm / (||g|| + 1e-6), 1)``. Returns ``(clipped, norms)`` where ``norms``
    are the raw L2 norms (shape ``grads.shape[:-1]``)."""
    g = np.asarray(grads, dtype=np.float64)
    norms = np.sqrt(np.einsum("...i,...i->...", g, g))
    coef = np.minimum(max_norm / (norms + 1e-6), 1.0)
    return g * coef[..., None], norms


class Trajectory:
    """The record of :func:`run`. With ``shape = x0.shape`` (``(*batch, dim)``) and ``T`` steps:

    ``positions``      ``(T + 1, *shape)``  parameters before step 0 .. after step T-1
    ``losses``         ``(T + 1, *batch)``  loss at each position (full-data loss for data
                                            landscapes; computed on first access)
    ``grads``          ``(T, *shape)``      gradient used by step t (after clipping, before
                                            weight decay); ``None`` if ``record_grads=False``
    ``raw_grads``      ``(T, *shape)``      gradient before clipping (same array if no clip)
    ``grad_norms``     ``(T, *batch)``      L2 norm of ``raw_grads``
    ``lrs``            ``(T,)``             learning rate used by step t (after the schedule)
    ``state[name]``    ``(T, *shape)``      optimizer state *after* step t, torch's names:
        ``momentum_buffer`` (SGD/RMSprop momentum; also ``traj.velocity``), ``sum`` (AdaGrad),
        ``square_avg`` (RMSprop, AdaDelta), ``grad_avg`` (centered RMSprop), ``acc_delta``
        (AdaDelta), ``exp_avg``/``exp_avg_sq``/``max_exp_avg_sq`` (Adam family), ``exp_inf``
        (Adamax); derived: ``exp_avg_hat``/``exp_avg_sq_hat`` (bias-corrected moments, the
        amsgrad maximum for ``exp_avg_sq_hat``), ``mu_product`` (NAdam, shape ``(T,)``).
    ``effective_lr``   ``(T, *shape)``      the per-coordinate step size of step t: the factor
        that multiplies the optimizer's *direction* in ``theta -= effective_lr * direction``.
        SGD (all variants): ``lr`` (direction: gradient / momentum buffer); AdaGrad:
        ``lr_t / (sqrt(sum) + eps)``; RMSprop: ``lr / (sqrt(square_avg) + eps)`` (centered:
        ``sqrt(square_avg - grad_avg^2)``; with momentum it scales what enters the buffer);
        AdaDelta: ``lr * sqrt(acc_delta_prev + eps) / sqrt(square_avg + eps)``; Adam/AdamW:
        ``lr / (sqrt(exp_avg_sq_hat) + eps)`` (direction: ``exp_avg_hat``); Adamax:
        ``lr / exp_inf`` (direction: ``exp_avg_hat``); NAdam: ``lr / (sqrt(exp_avg_sq_hat) +
        eps)`` (direction: its mix of gradient and momentum).
    ``diverged_at``    ``(*batch)`` int     first position index that is non-finite or farther
        than ``diverge_radius`` from the landscape's centre, ``-1`` if none; ``diverged`` is the
        boolean mask. After divergence the record is NaN: ``positions[k+1:]`` (and
        ``positions[k]`` if non-finite), ``losses`` likewise, and every per-step array from step
        ``k`` on. ``valid_steps`` counts the finite leading positions; ``final`` is the last
        finite position; ``path(i)`` the finite part of trajectory ``i``.
    ``batch_indices``  list of ``T`` index arrays (mini-batch runs; else ``None``), and
    ``batch_losses``   ``(T, *batch)``      the mini-batch loss at ``positions[t]``.

    ``traj[i]`` is trajectory ``i`` (indexing the batch axes) as a :class:`Trajectory` view.
    """

    def __init__(self, *, positions, lrs, grads, raw_grads, state, effective_lr, diverged_at,
                 optimizer, landscape, schedule, clip_norm, batch_size, seed, batch_indices,
                 diverge_radius, losses=None):
        self.positions = positions
        self.lrs = lrs
        self.grads = grads
        self.raw_grads = raw_grads
        self.state = state
        self.effective_lr = effective_lr
        self.diverged_at = diverged_at
        self.optimizer = optimizer
        self.landscape = landscape
        self.schedule = schedule
        self.clip_norm = clip_norm
        self.batch_size = batch_size
        self.seed = seed
        self.batch_indices = batch_indices
        self.diverge_radius = diverge_radius
        self._losses = losses
        self._batch_losses = None

    # -- shapes --------------------------------------------------------------------------
    @property
    def n_steps(self) -> int:
        return self.positions.shape[0] - 1

    @property
    def shape(self) -> tuple[int, ...]:
        """Shape of one parameter set, ``x0.shape``."""
        return self.positions.shape[1:]

    @property
    def batch_shape(self) -> tuple[int, ...]:
        return self.positions.shape[1:-1]

    @property
    def n_trajectories(self) -> int:
        return int(np.prod(self.batch_shape, dtype=int))

    def __len__(self) -> int:
        if not self.batch_shape:
            raise TypeError("a single trajectory has no len(); use n_steps")
        return self.batch_shape[0]

    @property
    def x0(self) -> np.ndarray:
        return self.positions[0]

    # -- derived records -----------------------------------------------------------------
    @property
    def losses(self) -> np.ndarray:
        if self._losses is None:
            with np.errstate(all="ignore"):
                self._losses = np.asarray(self.landscape.f(self.positions), dtype=np.float64)
        return self._losses

    @property
    def batch_losses(self) -> np.ndarray | None:
        if self.batch_indices is None:
            return None
        if self._batch_losses is None:
            with np.errstate(all="ignore"):
                self._batch_losses = np.stack([
                    self.landscape.batch_loss(self.positions[t], idx)
                    for t, idx in enumerate(self.batch_indices)
                ]) if self.n_steps else np.zeros((0,) + self.batch_shape)
        return self._batch_losses

    @property
    def grad_norms(self) -> np.ndarray | None:
        if self.raw_grads is None:
            return None
        g = self.raw_grads
        return np.sqrt(np.einsum("...i,...i->...", g, g))

    @property
    def updates(self) -> np.ndarray:
        """The displacement of each step, ``positions[t + 1] - positions[t]``."""
        return np.diff(self.positions, axis=0)

    @property
    def velocity(self) -> np.ndarray | None:
        """The momentum buffer history (SGD momentum / RMSprop momentum), else ``None``."""
        return self.state.get("momentum_buffer")

    @property
    def diverged(self) -> np.ndarray:
        return np.asarray(self.diverged_at) >= 0

    @property
    def valid_steps(self) -> np.ndarray:
        """Number of finite leading rows of ``positions`` per trajectory."""
        fin = np.isfinite(self.positions).all(axis=-1)
        # finite rows are a prefix (everything after divergence is NaN)
        return fin.sum(axis=0)

    @property
    def final(self) -> np.ndarray:
        """Last finite position of each trajectory (shape ``x0.shape``)."""
        v = self.valid_steps
        idx = np.maximum(v - 1, 0)
        P = np.moveaxis(self.positions, 0, -2)  # (*batch, T+1, dim)
        return np.take_along_axis(P, np.asarray(idx)[..., None, None], axis=-2)[..., 0, :]

    @property
    def positions_frozen(self) -> np.ndarray:
        """``positions`` with every NaN row after a divergence replaced by the last finite
        position (a copy), for animations that want the point to stop where it left."""
        P = self.positions.copy()
        v = np.asarray(self.valid_steps)
        if np.all(v == P.shape[0]):
            return P
        fin = self.final
        t = np.arange(P.shape[0]).reshape((-1,) + (1,) * v.ndim)
        mask = t >= v
        P[mask] = np.broadcast_to(fin, P.shape)[mask]
        return P

    @property
    def final_loss(self) -> np.ndarray:
        with np.errstate(all="ignore"):
            return self.landscape.f(self.final)

    def path(self, i=None) -> np.ndarray:
        """The finite part of one trajectory's positions (shape ``(k, dim)``)."""
        t = self if i is None else self[i]
        if t.batch_shape:
            raise ValueError("path() needs a single trajectory: pass its index")
        return t.positions[: int(t.valid_steps)]

    # -- indexing ------------------------------------------------------------------------
    def __getitem__(self, idx) -> Trajectory:
        if not self.batch_shape:
            raise IndexError("a single trajectory cannot be indexed")
        if not isinstance(idx, tuple):
            idx = (idx,)
        full = (slice(None),) + idx

        def sel(a):
            return None if a is None else a[full]

        state = {k: (v if k in _SCALAR_STATE else v[full]) for k, v in self.state.items()}
        t = Trajectory(
            positions=self.positions[full], lrs=self.lrs, grads=sel(self.grads),
            raw_grads=sel(self.raw_grads), state=state, effective_lr=sel(self.effective_lr),
            diverged_at=np.asarray(self.diverged_at)[idx], optimizer=self.optimizer,
            landscape=self.landscape, schedule=self.schedule, clip_norm=self.clip_norm,
            batch_size=self.batch_size, seed=self.seed, batch_indices=self.batch_indices,
            diverge_radius=self.diverge_radius,
            losses=None if self._losses is None else self._losses[full],
        )
        if self._batch_losses is not None:
            t._batch_losses = self._batch_losses[full]
        return t

    def __iter__(self):
        for i in range(len(self)):
            yield self[i]

    def __repr__(self) -> str:
        return (f"Trajectory({self.optimizer!r} on {self.landscape.name!r}, steps={self.n_steps},"
                f" shape={self.shape}, diverged={int(self.diverged.sum())})")


def run(
    optimizer: Optimizer | str,
    landscape: Landscape | str,
    x0,
    steps: int = 100,
    *,
    schedule: Schedule | None = None,
    clip_norm: float | None = None,
    batch_size: int | None = None,
    seed: int | None = 0,
    record_state: bool = True,
    record_grads: bool = True,
    diverge_radius: float | None = None,
) -> Trajectory:
    """Run ``steps`` steps of ``optimizer`` on ``landscape`` from ``x0``, like a torch loop::

        for t in range(steps):
            g = grad(theta)                              # (mini-batch) gradient
            g = clip(g, clip_norm)                       # clip_grad_norm_, per trajectory
            theta = optimizer.step(g, lr=schedule(t))    # then scheduler.step()

    ``x0`` has shape ``(dim,)`` for one trajectory or ``(*batch, dim)`` for many independent
    ones (each row gives exactly what it gives alone). ``schedule`` is a :class:`Schedule`, a
    callable ``t -> lr`` or an array of ``steps`` learning rates; ``batch_size`` draws
    mini-batches of a data landscape (:class:`RegressionProblem`) with ``seed`` (epochs without
    replacement; ``None`` means full batch). ``record_state=False`` / ``record_grads=False``
    keep only positions (fast). ``diverge_radius`` (default ``1000 * landscape.span``) is how
    far from the landscape's centre a point may go before it counts as diverged.
    """
    opt = _optimizer(optimizer) if not isinstance(optimizer, Optimizer) else optimizer
    ls = _landscape(landscape) if not isinstance(landscape, Landscape) else landscape
    steps_i = int(steps) if not isinstance(steps, bool) else -1
    if steps_i != steps or steps_i < 0:
        raise ValueError(f"steps should be a non-negative integer, got {steps!r}")
    steps = steps_i

    try:
        x = np.array(x0, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"x0 should be an array of numbers, got {x0!r}") from None
    if x.ndim == 0:
        raise ValueError("x0 needs a trailing parameter axis: shape (dim,) or (n, dim)")
    if ls.dim is not None and x.shape[-1] != ls.dim:
        raise ValueError(
            f"x0 has shape {x.shape} but landscape {ls.name!r} takes parameters of shape "
            f"(..., {ls.dim})"
        )
    if x.size == 0:
        raise ValueError(f"x0 is empty (shape {x.shape})")
    if not np.all(np.isfinite(x)):
        bad = np.argwhere(~np.isfinite(x).all(axis=-1)) if x.ndim > 1 else "x0"
        raise ValueError(f"x0 must be finite; non-finite start(s) at {bad.tolist() if x.ndim > 1 else bad}")

    if clip_norm is not None:
        clip_norm = float(clip_norm)
        if not (clip_norm > 0 and math.isfinite(clip_norm)):
            raise ValueError(f"Invalid clip_norm value: {clip_norm} (should be positive)")
    lrs = resolve_lrs(schedule, opt.lr, steps)

    batches = None
    if batch_size is not None:
        if not hasattr(ls, "batch_grad"):
            raise ValueError(
                f"batch_size needs a data landscape (e.g. optim_core.regression_problem()); "
                f"{ls.name!r} has no samples"
            )
        batches = ls.batches(batch_size, steps, seed)

    if diverge_radius is None:
        diverge_radius = 1000.0 * ls.span if ls.bounds is not None else 1e8
    diverge_radius = float(diverge_radius)

    shape = x.shape
    P = np.empty((steps + 1,) + shape)
    P[0] = x
    G = np.empty((steps,) + shape) if record_grads else None
    RG = np.empty((steps,) + shape) if (record_grads and clip_norm is not None) else G
    hist: dict[str, np.ndarray] = {}
    E = None
    if record_state:
        for name in opt.state_keys:
            hist[name] = np.empty((steps,) if name in _SCALAR_STATE else (steps,) + shape)
        E = np.empty((steps,) + shape)

    params = x.copy()
    state = opt.init(params)
    ws = _Workspace(shape)
    gradf = ls._grad
    gbuf = None
    if ls._grad_into is not None and batches is None:
        gbuf = np.empty(shape)
        grad_into = ls._grad_into
    c = ls.center if ls.dim is not None else np.zeros(shape[-1])
    cmax = float(np.max(np.abs(c))) if c.size else 0.0
    lim = diverge_radius - cmax  # inside [-lim, lim] no coordinate can be beyond the radius
    suspicious = not (-lim <= x.min() and x.max() <= lim)
    step = opt._step
    record = opt._record
    eff = None
    with np.errstate(all="ignore"):
        for t in range(steps):
            if gbuf is not None:
                g = grad_into(params, gbuf)
            elif batches is None:
                g = gradf(params)
            else:
                g = ls.batch_grad(params, batches[t])
            if t == 0:
                g = np.asarray(g, dtype=np.float64)
                if g.shape != shape:
                    raise ValueError(
                        f"landscape {ls.name!r}: grad returned shape {g.shape} for parameters "
                        f"of shape {shape}"
                    )
            if clip_norm is not None:
                if RG is not None:
                    RG[t] = g
                norms = np.sqrt(np.einsum("...i,...i->...", g, g))
                coef = np.minimum(clip_norm / (norms + 1e-6), 1.0)
                g = g * np.asarray(coef)[..., None]
            if G is not None:
                G[t] = g
            if E is not None:
                eff = E[t]
            state = step(params, g, state, lrs[t], ws, eff)
            P[t + 1] = params
            # cheap running check (NaN fails it); the exact analysis runs after the loop
            if not suspicious and not (-lim <= params.min() and params.max() <= lim):
                suspicious = True
            if record_state:
                record(state, hist, t)

    # divergence: first position that is non-finite or beyond the radius
    batch_shape = shape[:-1]
    diverged_at = np.full(batch_shape, -1, dtype=np.int64)
    with np.errstate(all="ignore"):
        if suspicious:
            bad = ~(np.abs(P - c) <= diverge_radius).all(axis=-1)  # (T+1, *batch); NaN -> bad
            anybad = bad.any(axis=0)
            first = np.argmax(bad, axis=0)
            diverged_at = np.where(anybad, first, -1).astype(np.int64)
            if anybad.any():
                k = diverged_at.reshape(batch_shape)
                tpos = np.arange(steps + 1).reshape((steps + 1,) + (1,) * len(batch_shape))
                kk = np.where(k >= 0, k, steps + 10)
                pos_mask = (tpos > kk) | ((tpos == kk) & ~np.isfinite(P).all(axis=-1))
                P[pos_mask] = np.nan
                step_mask = tpos[:-1] >= kk
                for arr in [G, RG, E, *hist.values()]:
                    if arr is not None and arr.ndim > 1:
                        arr[step_mask] = np.nan
    if not batch_shape:
        diverged_at = np.int64(diverged_at)

    return Trajectory(
        positions=P, lrs=lrs, grads=G, raw_grads=RG, state=hist, effective_lr=E,
        diverged_at=diverged_at, optimizer=opt, landscape=ls, schedule=schedule,
        clip_norm=clip_norm, batch_size=batch_size, seed=seed, batch_indices=batches,
        diverge_radius=diverge_radius,
    )
