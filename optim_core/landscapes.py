"""Loss landscapes: textbook test functions with analytic gradients, and a seeded data problem."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

__all__ = [
    "Landscape",
    "RegressionProblem",
    "landscape",
    "landscape_names",
    "regression_problem",
]


def _as_points(points, dim) -> np.ndarray:
    """``points`` as a float64 array of shape (k, dim) (k may be 0)."""
    if points is None:
        points = ()
    arr = np.asarray(points, dtype=np.float64)
    if arr.size == 0:
        return np.zeros((0, dim if dim is not None else 0))
    if arr.ndim == 1:
        arr = arr[None, :]
    return arr


class Landscape:
    """A differentiable loss surface over parameters with a trailing axis of size ``dim``.

    ``f`` maps an array of shape ``(..., dim)`` to losses of shape ``(...)``; ``grad`` maps it
    to gradients of shape ``(..., dim)``. Both must broadcast over any leading axes, so one call
    evaluates a whole grid or a whole batch of trajectories.

    Attributes the video kit uses: ``name``, ``title`` (short caption), ``latex`` (the formula
    for ``MathTex``), ``bounds`` (display box, one ``(lo, hi)`` per coordinate), ``minima`` and
    ``saddles`` (arrays of shape ``(k, dim)``), ``f_min`` (the global minimum value, or ``None``
    if unbounded below), ``log_scale`` (whether contour levels / loss charts read better on a
    log scale of ``f - f_min``) and ``start`` (a start point that tells the landscape's story).
    """

    def __init__(
        self,
        name: str,
        f: Callable[[np.ndarray], np.ndarray],
        grad: Callable[[np.ndarray], np.ndarray],
        bounds: Sequence[tuple[float, float]] | None = None,
        *,
        title: str | None = None,
        latex: str | None = None,
        minima=(),
        saddles=(),
        maxima=(),
        f_min: float | None = None,
        log_scale: bool = False,
        start: Sequence[float] | None = None,
        hessian: Callable[[np.ndarray], np.ndarray] | None = None,
        dim: int | None = None,
        description: str = "",
        grad_into: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None,
    ):
        if not callable(f) or not callable(grad):
            raise ValueError("Landscape needs callables f and grad")
        if bounds is not None:
            bounds = tuple((float(lo), float(hi)) for lo, hi in bounds)
            for i, (lo, hi) in enumerate(bounds):
                if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
                    raise ValueError(f"Invalid bounds at index {i}: {(lo, hi)}")
            if dim is None:
                dim = len(bounds)
            elif dim != len(bounds):
                raise ValueError(f"bounds has {len(bounds)} entries but dim is {dim}")
        self.name = str(name)
        self._f = f
        self._grad = grad
        self._hessian = hessian
        #: optional ``grad_into(p, out)`` writing the gradient into ``out`` (bit-identical to
        #: ``grad``); :func:`optim_core.run` uses it to allocate nothing in its loop
        self._grad_into = grad_into
        self.bounds = bounds
        self.dim = dim
        self.title = title if title is not None else self.name.replace("_", " ").capitalize()
        self.latex = latex if latex is not None else r"f(\theta)"
        self.minima = _as_points(minima, dim)
        self.saddles = _as_points(saddles, dim)
        self.maxima = _as_points(maxima, dim)
        if f_min is None and len(self.minima):
            f_min = float(np.min(self.f(self.minima)))
        self.f_min = f_min
        self.log_scale = bool(log_scale)
        self.start = None if start is None else np.asarray(start, dtype=np.float64)
        self.description = description

    # -- evaluation ------------------------------------------------------------------------
    def _check(self, p) -> np.ndarray:
        p = np.asarray(p, dtype=np.float64)
        if p.ndim == 0:
            raise ValueError(f"{self.name}: parameters need a trailing axis of size {self.dim}")
        if self.dim is not None and p.shape[-1] != self.dim:
            raise ValueError(
                f"{self.name}: expected parameters of shape (..., {self.dim}), got {p.shape}"
            )
        return p

    def f(self, p) -> np.ndarray:
        """Loss at ``p`` (shape ``(..., dim)`` -> ``(...)``)."""
        return self._f(self._check(p))

    __call__ = f

    def grad(self, p) -> np.ndarray:
        """Gradient at ``p`` (shape ``(..., dim)`` -> ``(..., dim)``)."""
        return self._grad(self._check(p))

    def hessian(self, p, h: float = 1e-5) -> np.ndarray:
        """Hessian at ``p`` (shape ``(..., dim, dim)``): analytic when given, otherwise central
        differences of the analytic gradient (accurate to about 1e-8 relative)."""
        p = self._check(p)
        if self._hessian is not None:
            return self._hessian(p)
        d = p.shape[-1]
        cols = []
        for i in range(d):
            e = np.zeros(d)
            e[i] = h
            cols.append((self._grad(p + e) - self._grad(p - e)) / (2 * h))
        H = np.stack(cols, axis=-1)
        return 0.5 * (H + np.swapaxes(H, -1, -2))

    # -- helpers for pictures --------------------------------------------------------------
    def grid(self, n: int = 200, bounds=None):
        """``(X, Y, Z)`` on an ``n x n`` grid over the display bounds (2-D landscapes only)."""
        b = bounds if bounds is not None else self.bounds
        if b is None or len(b) != 2:
            raise ValueError(f"{self.name}: grid needs 2-D bounds")
        xs = np.linspace(b[0][0], b[0][1], n)
        ys = np.linspace(b[1][0], b[1][1], n)
        X, Y = np.meshgrid(xs, ys)
        with np.errstate(all="ignore"):
            Z = self.f(np.stack([X, Y], axis=-1))
        return X, Y, Z

    def value_range(self, n: int = 200, bounds=None) -> tuple[float, float]:
        """``(min, max)`` of the loss over the display bounds (sampled on an ``n x n`` grid;
        the known minima are included so the minimum is exact when they lie inside)."""
        _, _, Z = self.grid(n, bounds)
        lo, hi = float(np.nanmin(Z)), float(np.nanmax(Z))
        if self.f_min is not None and len(self.minima):
            inside = self.in_bounds(self.minima)
            if inside.any():
                lo = min(lo, float(np.min(self.f(self.minima[inside]))))
        return lo, hi

    def levels(self, n: int = 12, bounds=None) -> np.ndarray:
        """``n`` suggested contour levels: geometric in ``f - f_min`` when ``log_scale``,
        evenly spaced otherwise."""
        lo, hi = self.value_range(bounds=bounds)
        if self.log_scale:
            base = self.f_min if self.f_min is not None else lo
            span = max(hi - base, 1e-12)
            gaps = np.geomspace(span * 1e-4, span, n)
            return base + gaps
        return np.linspace(lo, hi, n + 2)[1:-1]

    def in_bounds(self, p) -> np.ndarray:
        """Boolean mask (shape ``p.shape[:-1]``): the point lies inside the display bounds."""
        p = np.asarray(p, dtype=np.float64)
        if self.bounds is None:
            return np.isfinite(p).all(axis=-1)
        lo = np.array([b[0] for b in self.bounds])
        hi = np.array([b[1] for b in self.bounds])
        with np.errstate(invalid="ignore"):
            return ((p >= lo) & (p <= hi)).all(axis=-1)

    @property
    def center(self) -> np.ndarray:
        if self.bounds is None:
            return np.zeros(self.dim or 0)
        return np.array([(lo + hi) / 2 for lo, hi in self.bounds])

    @property
    def span(self) -> float:
        """Largest side length of the display bounds (``1.0`` if unbounded)."""
        if self.bounds is None:
            return 1.0
        return max(hi - lo for lo, hi in self.bounds)

    def __repr__(self) -> str:
        return f"Landscape({self.name!r}, dim={self.dim}, bounds={self.bounds})"


# ---------------------------------------------------------------------------------------------
# Built-ins
# ---------------------------------------------------------------------------------------------


def _xy(p):
    return p[..., 0], p[..., 1]


def _stack(gx, gy):
    out = np.empty(np.broadcast_shapes(np.shape(gx), np.shape(gy)) + (2,))
    out[..., 0] = gx
    out[..., 1] = gy
    return out


def _refine(grad, points, hess=None, iters=30):
    """Polish stationary points with Newton's method on the analytic gradient."""
    pts = np.array(points, dtype=np.float64)
    h = 1e-6
    for _ in range(iters):
        g = grad(pts)
        H = np.stack(
            [(grad(pts + h * e) - grad(pts - h * e)) / (2 * h) for e in np.eye(pts.shape[-1])],
            axis=-1,
        )
        step = np.linalg.solve(H, g[..., None])[..., 0]
        pts = pts - step
        if np.max(np.abs(step)) < 1e-15:
            break
    return pts


def _quadratic(name, a, c, bounds, *, title, latex, start, description):
    """f = a x^2 + c y^2."""
    a, c = float(a), float(c)

    def f(p):
        x, y = _xy(p)
        return a * x * x + c * y * y

    def grad(p):
        x, y = _xy(p)
        return _stack(2 * a * x, 2 * c * y)

    def hess(p):
        H = np.zeros(p.shape[:-1] + (2, 2))
        H[..., 0, 0] = 2 * a
        H[..., 1, 1] = 2 * c
        return H

    return Landscape(
        name, f, grad, bounds, title=title, latex=latex, minima=[(0.0, 0.0)], f_min=0.0,
        start=start, hessian=hess, description=description,
    )


def _bowl():
    return _quadratic(
        "bowl", 1.0, 1.0, ((-2.0, 2.0), (-2.0, 2.0)), title="Bowl",
        latex=r"f(\theta) = \theta_1^2 + \theta_2^2", start=(-1.5, 1.2),
        description="A round bowl: the gradient points straight at the minimum.",
    )


def _ravine():
    return _quadratic(
        "ravine", 0.1, 2.0, ((-6.0, 6.0), (-3.0, 3.0)), title="Ravine",
        latex=r"f(\theta) = 0.1\,\theta_1^2 + 2\,\theta_2^2", start=(-5.5, 1.5),
        description=(
            "A long narrow canyon (curvatures 0.2 and 4, condition number 20): with lr near 0.45 "
            "gradient descent zig-zags across the walls and crawls along the floor; momentum "
            "damps the zig-zag and builds speed along the floor."
        ),
    )


def _steep_flat():
    return _quadratic(
        "steep_flat", 0.05, 5.0, ((-6.0, 6.0), (-3.0, 3.0)), title="Steep and flat",
        latex=r"f(\theta) = 0.05\,\theta_1^2 + 5\,\theta_2^2", start=(-5.0, 2.0),
        description=(
            "One flat coordinate (x, curvature 0.1) and one steep one (y, curvature 10): a "
            "single learning rate is too small for x or too large for y; per-coordinate steps "
            "(AdaGrad, RMSprop, Adam) treat the two alike."
        ),
    )


def _rosenbrock(a=1.0, b=100.0):
    def f(p):
        x, y = _xy(p)
        return (a - x) ** 2 + b * (y - x * x) ** 2

    def grad(p):
        x, y = _xy(p)
        t = y - x * x
        return _stack(-2.0 * (a - x) - 4.0 * b * x * t, 2.0 * b * t)

    def hess(p):
        x, y = _xy(p)
        H = np.empty(p.shape[:-1] + (2, 2))
        H[..., 0, 0] = 2.0 - 4.0 * b * (y - 3.0 * x * x)
        H[..., 0, 1] = H[..., 1, 0] = -4.0 * b * x
        H[..., 1, 1] = 2.0 * b
        return H

    scratch: dict = {}

    def grad_into(p, out):
        # the same floating-point operations as grad(), without temporaries
        x, y = p[..., 0], p[..., 1]
        key = x.shape
        if scratch.get("shape") != key:
            scratch.update(shape=key, s1=np.empty(key), s2=np.empty(key))
        s1, s2 = scratch["s1"], scratch["s2"]
        np.multiply(x, x, out=s1)
        np.subtract(y, s1, out=s1)  # t = y - x^2
        np.multiply(s1, 2.0 * b, out=out[..., 1])
        np.multiply(x, 4.0 * b, out=s2)
        s2 *= s1
        ox = out[..., 0]
        np.subtract(x, a, out=ox)
        ox *= 2.0  # -2 (a - x), exactly
        ox -= s2
        return out

    return Landscape(
        "rosenbrock", f, grad, ((-2.0, 2.0), (-1.0, 3.0)), title="Rosenbrock", grad_into=grad_into,
        latex=r"f(\theta) = (1 - \theta_1)^2 + 100\,(\theta_2 - \theta_1^2)^2", minima=[(a, a * a)], f_min=0.0,
        log_scale=True, start=(-1.5, 2.0), hessian=hess,
        description="A curved banana-shaped valley: easy to reach, slow to follow to (1, 1).",
    )


_BEALE_C = (1.5, 2.25, 2.625)


def _beale():
    def f(p):
        x, y = _xy(p)
        return sum((c - x + x * y ** (i + 1)) ** 2 for i, c in enumerate(_BEALE_C))

    def grad(p):
        x, y = _xy(p)
        gx = 0.0
        gy = 0.0
        for i, c in enumerate(_BEALE_C):
            k = i + 1
            r = c - x + x * y**k
            gx = gx + 2.0 * r * (y**k - 1.0)
            gy = gy + 2.0 * r * (k * x * y ** (k - 1))
        return _stack(gx + 0.0 * y, gy + 0.0 * x)

    return Landscape(
        "beale", f, grad, ((-4.5, 4.5), (-4.5, 4.5)), title="Beale",
        latex=(
            r"f(\theta) = (1.5 - \theta_1 + \theta_1\theta_2)^2 + (2.25 - \theta_1 + \theta_1\theta_2^2)^2 + (2.625 - \theta_1 + \theta_1\theta_2^3)^2"
        ),
        minima=[(3.0, 0.5)], saddles=[(0.0, 1.0)], f_min=0.0, log_scale=True,
        start=(-1.0, -1.5),
        description="Flat plateaus and sharp ridges; the minimum (3, 0.5) sits in a narrow arm.",
    )


_HIMMELBLAU = {
    "minima": [(3.0, 2.0), (-2.80511809, 3.13131252), (-3.77931025, -3.28318599),
               (3.58442834, -1.84812653)],
    "saddles": [(0.0866775, 2.8842547), (-3.07302575, -0.08135304), (3.38515418, 0.07385188),
                (-0.12796135, -1.95371498)],
    "maxima": [(-0.27084459, -0.92303856)],
}


def _himmelblau():
    def f(p):
        x, y = _xy(p)
        return (x * x + y - 11.0) ** 2 + (x + y * y - 7.0) ** 2

    def grad(p):
        x, y = _xy(p)
        a = x * x + y - 11.0
        b = x + y * y - 7.0
        return _stack(4.0 * x * a + 2.0 * b, 2.0 * a + 4.0 * y * b)

    pts = {k: _refine(grad, v) for k, v in _HIMMELBLAU.items()}
    pts["minima"][0] = (3.0, 2.0)
    return Landscape(
        "himmelblau", f, grad, ((-5.0, 5.0), (-5.0, 5.0)), title="Himmelblau",
        latex=r"f(\theta) = (\theta_1^2 + \theta_2 - 11)^2 + (\theta_1 + \theta_2^2 - 7)^2", f_min=0.0, log_scale=True,
        start=(-0.3, -0.9), **pts,
        description="Four equal minima: where you end up depends on where you start.",
    )


def _saddle():
    def f(p):
        x, y = _xy(p)
        return x * x - y * y

    def grad(p):
        x, y = _xy(p)
        return _stack(2.0 * x, -2.0 * y)

    def hess(p):
        H = np.zeros(p.shape[:-1] + (2, 2))
        H[..., 0, 0] = 2.0
        H[..., 1, 1] = -2.0
        return H

    return Landscape(
        "saddle", f, grad, ((-2.0, 2.0), (-2.0, 2.0)), title="Saddle",
        latex=r"f(\theta) = \theta_1^2 - \theta_2^2", saddles=[(0.0, 0.0)], f_min=None, start=(-1.8, 1e-3),
        hessian=hess,
        description="A pure saddle, unbounded below along y: a start on the ridge y = 0 "
        "creeps, because the escape direction's gradient is tiny there.",
    )


def _saddle_valleys():
    def f(p):
        x, y = _xy(p)
        y2 = y * y
        return x * x - 2.0 * y2 + y2 * y2

    def grad(p):
        x, y = _xy(p)
        return _stack(2.0 * x, 4.0 * y * (y * y - 1.0))

    def hess(p):
        x, y = _xy(p)
        H = np.zeros(p.shape[:-1] + (2, 2))
        H[..., 0, 0] = 2.0
        H[..., 1, 1] = 12.0 * y * y - 4.0
        return H

    return Landscape(
        "saddle_valleys", f, grad, ((-2.0, 2.0), (-1.6, 1.6)), title="Saddle with two valleys",
        latex=r"f(\theta) = \theta_1^2 - 2\theta_2^2 + \theta_2^4", minima=[(0.0, 1.0), (0.0, -1.0)],
        saddles=[(0.0, 0.0)], f_min=-1.0, start=(-1.8, 1e-3), hessian=hess,
        description="A saddle at the origin between two valleys at y = +-1 (f = -1).",
    )


def _rastrigin(A=10.0):
    two_pi = 2.0 * np.pi

    def f(p):
        x, y = _xy(p)
        return 2 * A + (x * x - A * np.cos(two_pi * x)) + (y * y - A * np.cos(two_pi * y))

    def grad(p):
        x, y = _xy(p)
        return _stack(2.0 * x + A * two_pi * np.sin(two_pi * x),
                      2.0 * y + A * two_pi * np.sin(two_pi * y))

    def hess(p):
        x, y = _xy(p)
        H = np.zeros(p.shape[:-1] + (2, 2))
        H[..., 0, 0] = 2.0 + A * two_pi**2 * np.cos(two_pi * x)
        H[..., 1, 1] = 2.0 + A * two_pi**2 * np.cos(two_pi * y)
        return H

    return Landscape(
        "rastrigin", f, grad, ((-5.12, 5.12), (-5.12, 5.12)), title="Rastrigin",
        latex=r"f(\theta) = 20 + \theta_1^2 - 10\cos 2\pi \theta_1 + \theta_2^2 - 10\cos 2\pi \theta_2",
        minima=[(0.0, 0.0)], f_min=0.0, start=(-3.2, 2.3), hessian=hess,
        description="An egg-crate of local minima around one global minimum at the origin "
        "(only the global minimum is listed in minima).",
    )


_CAMEL = {
    "minima": [(0.08984201, -0.7126564), (-0.08984201, 0.7126564),
               (-1.70360671, 0.79608357), (1.70360671, -0.79608357),
               (-1.60710475, -0.56865145), (1.60710475, 0.56865145)],
    "saddles": [(0.0, 0.0), (-1.63806798, -0.22867407), (1.63806798, 0.22867407),
                (-1.29607027, -0.60508439), (1.29607027, 0.60508439),
                (-1.10920534, 0.76826809), (1.10920534, -0.76826809)],
    "maxima": [(-1.23022988, -0.16233458), (1.23022988, 0.16233458)],
}


def _six_hump_camel():
    def f(p):
        x, y = _xy(p)
        x2 = x * x
        y2 = y * y
        return (4.0 - 2.1 * x2 + x2 * x2 / 3.0) * x2 + x * y + (-4.0 + 4.0 * y2) * y2

    def grad(p):
        x, y = _xy(p)
        x2 = x * x
        return _stack(8.0 * x - 8.4 * x2 * x + 2.0 * x2 * x2 * x + y,
                      x - 8.0 * y + 16.0 * y * y * y)

    pts = {k: _refine(grad, v) for k, v in _CAMEL.items()}
    pts["saddles"][0] = (0.0, 0.0)
    return Landscape(
        "six_hump_camel", f, grad, ((-2.0, 2.0), (-1.2, 1.2)), title="Six-hump camel",
        latex=r"f(\theta) = \left(4 - 2.1\theta_1^2 + \tfrac{\theta_1^4}{3}\right)\theta_1^2 + \theta_1\theta_2 + (4\theta_2^2 - 4)\,\theta_2^2",
        log_scale=False, start=(-1.5, -1.0), **pts,
        description="Six minima (two global, f = -1.0316) separated by low saddles.",
    )


_BUILTINS: dict[str, Callable[[], Landscape]] = {
    "bowl": _bowl,
    "ravine": _ravine,
    "steep_flat": _steep_flat,
    "rosenbrock": _rosenbrock,
    "beale": _beale,
    "himmelblau": _himmelblau,
    "saddle": _saddle,
    "saddle_valleys": _saddle_valleys,
    "rastrigin": _rastrigin,
    "six_hump_camel": _six_hump_camel,
    "regression": lambda: regression_problem(),
}


def landscape_names() -> list[str]:
    """Names accepted by :func:`landscape`, in curriculum order."""
    return list(_BUILTINS)


def landscape(name: str, **kwargs) -> Landscape:
    """A built-in landscape by name (``"regression"`` accepts :func:`regression_problem`'s
    keywords)."""
    if isinstance(name, Landscape):
        return name
    key = str(name).lower().replace("-", "_").replace(" ", "_")
    if key not in _BUILTINS:
        raise ValueError(
            f"Unknown landscape {name!r}; known landscapes: {', '.join(_BUILTINS)}"
        )
    if kwargs and key != "regression":
        raise ValueError(f"Landscape {key!r} takes no options, got {sorted(kwargs)}")
    if key == "regression":
        return regression_problem(**kwargs)
    return _BUILTINS[key]()


# ---------------------------------------------------------------------------------------------
# Data problem
# ---------------------------------------------------------------------------------------------


class RegressionProblem(Landscape):
    """Mean-squared error of the line ``y = w x + b`` on a fixed data set, as a landscape over
    ``(w, b)``.

    .. math::
        L(w, b) = \\frac{1}{m} \\sum_{i=1}^{m} (w x_i + b - y_i)^2

    (the same as ``torch.nn.functional.mse_loss(w * x + b, y)``). ``f`` and ``grad`` are the
    full-data loss; ``batch_loss`` / ``batch_grad`` take the sample indices of a mini-batch;
    ``per_sample_loss`` / ``per_sample_grad`` give every sample's own term; ``batch_landscape``
    returns a mini-batch's loss as a :class:`Landscape` of its own (with its own minimum).
    """

    def __init__(self, x, y, *, name="regression", title=None, bounds=None, seed=None,
                 true_params=None):
        x = np.asarray(x, dtype=np.float64).ravel()
        y = np.asarray(y, dtype=np.float64).ravel()
        if x.shape != y.shape or x.size == 0:
            raise ValueError(f"x and y need the same non-zero length, got {x.shape}, {y.shape}")
        self.x = x
        self.y = y
        self.seed = seed
        self.true_params = None if true_params is None else np.asarray(true_params, float)
        A = np.stack([x, np.ones_like(x)], axis=1)
        sol = np.linalg.lstsq(A, y, rcond=None)[0]
        if bounds is None:
            bounds = ((sol[0] - 3.0, sol[0] + 3.0), (sol[1] - 3.0, sol[1] + 3.0))
        super().__init__(
            name, self._full_loss, self._full_grad, bounds,
            title=title if title is not None else "Line fit (MSE)",
            latex=r"f(\theta) = \frac{1}{n}\sum_{i=1}^{n} \left(\theta_1 x_i + \theta_2 - y_i\right)^2",
            minima=[sol], log_scale=False,
            start=(bounds[0][0] + 0.5, bounds[1][1] - 0.5),
            description=f"Least-squares line fit on {x.size} seeded samples.",
        )

    @property
    def n_samples(self) -> int:
        return self.x.size

    # sufficient statistics of a sample subset: means of x^2, x, x y, y, y^2
    def _stats(self, idx):
        if idx is None:
            x, y = self.x, self.y
        else:
            idx = np.asarray(idx, dtype=np.intp)
            if idx.ndim != 1 or idx.size == 0:
                raise ValueError("mini-batch indices must be a non-empty 1-D integer array")
            x, y = self.x[idx], self.y[idx]
        m = x.size
        return (np.dot(x, x) / m, x.sum() / m, np.dot(x, y) / m, y.sum() / m, np.dot(y, y) / m)

    @staticmethod
    def _loss_from_stats(p, s):
        sxx, sx, sxy, sy, syy = s
        w, b = p[..., 0], p[..., 1]
        return w * w * sxx + 2.0 * w * b * sx + b * b - 2.0 * w * sxy - 2.0 * b * sy + syy

    @staticmethod
    def _grad_from_stats(p, s):
        sxx, sx, sxy, sy, _ = s
        w, b = p[..., 0], p[..., 1]
        return _stack(2.0 * (w * sxx + b * sx - sxy), 2.0 * (w * sx + b - sy))

    def _full_loss(self, p):
        if not hasattr(self, "_s_full"):
            self._s_full = self._stats(None)
        return self._loss_from_stats(p, self._s_full)

    def _full_grad(self, p):
        if not hasattr(self, "_s_full"):
            self._s_full = self._stats(None)
        return self._grad_from_stats(p, self._s_full)

    def batch_loss(self, p, indices) -> np.ndarray:
        """Mean loss over the samples ``indices`` at ``p`` (shape ``(..., 2)`` -> ``(...)``)."""
        return self._loss_from_stats(self._check(p), self._stats(indices))

    def batch_grad(self, p, indices) -> np.ndarray:
        """Gradient of :meth:`batch_loss` (shape ``(..., 2)``)."""
        return self._grad_from_stats(self._check(p), self._stats(indices))

    def residuals(self, p, indices=None) -> np.ndarray:
        """``w x_i + b - y_i`` for each sample (shape ``(..., m)``)."""
        p = self._check(p)
        x = self.x if indices is None else self.x[np.asarray(indices, dtype=np.intp)]
        y = self.y if indices is None else self.y[np.asarray(indices, dtype=np.intp)]
        return p[..., 0, None] * x + p[..., 1, None] - y

    def per_sample_loss(self, p, indices=None) -> np.ndarray:
        """Each sample's squared error (shape ``(..., m)``)."""
        r = self.residuals(p, indices)
        return r * r

    def per_sample_grad(self, p, indices=None) -> np.ndarray:
        """Each sample's gradient ``2 r_i (x_i, 1)`` (shape ``(..., m, 2)``)."""
        r = self.residuals(p, indices)
        x = self.x if indices is None else self.x[np.asarray(indices, dtype=np.intp)]
        return np.stack([2.0 * r * x, 2.0 * r], axis=-1)

    def batch_landscape(self, indices, name=None) -> RegressionProblem:
        """The loss of one mini-batch as a landscape of its own (same display bounds)."""
        idx = np.asarray(indices, dtype=np.intp)
        if idx.ndim != 1 or idx.size == 0:
            raise ValueError("mini-batch indices must be a non-empty 1-D integer array")
        return RegressionProblem(
            self.x[idx], self.y[idx], name=name or f"{self.name}[batch of {idx.size}]",
            title=f"Mini-batch loss ({idx.size} samples)", bounds=self.bounds, seed=self.seed,
            true_params=self.true_params,
        )

    def batches(self, batch_size: int, steps: int, seed: int | None = 0) -> list[np.ndarray]:
        """The mini-batch index arrays for ``steps`` steps: each epoch is a fresh permutation
        drawn from ``numpy.random.default_rng(seed)``, cut into consecutive batches of
        ``batch_size`` (the last one of an epoch may be smaller, like a ``DataLoader`` with
        ``shuffle=True, drop_last=False``)."""
        batch_size = int(batch_size)
        if batch_size <= 0:
            raise ValueError(f"batch_size should be a positive integer, got {batch_size}")
        rng = np.random.default_rng(seed)
        out: list[np.ndarray] = []
        n = self.n_samples
        while len(out) < steps:
            perm = rng.permutation(n)
            for s in range(0, n, batch_size):
                out.append(perm[s : s + batch_size])
                if len(out) == steps:
                    break
        return out

    def __repr__(self) -> str:
        return f"RegressionProblem(n={self.n_samples}, seed={self.seed}, bounds={self.bounds})"


def regression_problem(
    n: int = 64,
    seed: int = 0,
    *,
    w: float = 2.0,
    b: float = -1.0,
    noise: float = 0.5,
    x_range: tuple[float, float] = (-1.0, 1.0),
) -> RegressionProblem:
    """A seeded synthetic line-fit problem: ``x ~ U(x_range)``, ``y = w x + b + noise * N(0, 1)``,
    drawn from ``numpy.random.default_rng(seed)``."""
    n = int(n)
    if n <= 0:
        raise ValueError(f"n should be a positive integer, got {n}")
    rng = np.random.default_rng(seed)
    x = rng.uniform(x_range[0], x_range[1], size=n)
    y = w * x + b + noise * rng.standard_normal(n)
    sol = np.linalg.lstsq(np.stack([x, np.ones_like(x)], 1), y, rcond=None)[0]
    # a display box around the fit that keeps the true line and a generous margin
    bounds = ((sol[0] - 3.0, sol[0] + 3.0), (sol[1] - 2.5, sol[1] + 2.5))
    return RegressionProblem(x, y, bounds=bounds, seed=seed, true_params=(w, b))
