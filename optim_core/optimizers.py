"""Optimizers with torch.optim's names, defaults, checks and arithmetic, in optax's shape.

An optimizer is a small object with two pure functions, as in optax::

    state = opt.init(params)
    new_params, state = opt.update(grads, state, params, lr=None)

``state`` is a ``NamedTuple`` of arrays named like torch's ``optimizer.state[p]`` entries
(``momentum_buffer``, ``sum``, ``square_avg``, ``exp_avg``, ...). Unlike optax, ``update``
returns the *new parameters* rather than an additive update, because torch applies some steps
in two parts (decoupled weight decay, NAdam's two ``addcdiv_``) and we reproduce its floating
point operations in the same order. Every step follows the corresponding
``torch.optim._single_tensor_*`` function operation for operation, so trajectories agree with
``torch.optim`` in float64 to rounding error.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np

__all__ = [
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
]


# ---------------------------------------------------------------------------------------------
# States (torch's state names)
# ---------------------------------------------------------------------------------------------


class SGDState(NamedTuple):
    step: int
    momentum_buffer: np.ndarray | None  # None when momentum == 0


class AdagradState(NamedTuple):
    step: int
    sum: np.ndarray


class AdadeltaState(NamedTuple):
    step: int
    square_avg: np.ndarray
    acc_delta: np.ndarray


class RMSpropState(NamedTuple):
    step: int
    square_avg: np.ndarray
    grad_avg: np.ndarray | None  # centered only
    momentum_buffer: np.ndarray | None  # momentum > 0 only


class AdamState(NamedTuple):
    step: int
    exp_avg: np.ndarray
    exp_avg_sq: np.ndarray
    max_exp_avg_sq: np.ndarray | None  # amsgrad only


class AdamaxState(NamedTuple):
    step: int
    exp_avg: np.ndarray
    exp_inf: np.ndarray


class NAdamState(NamedTuple):
    step: int
    exp_avg: np.ndarray
    exp_avg_sq: np.ndarray
    mu_product: float


# ---------------------------------------------------------------------------------------------
# Base class
# ---------------------------------------------------------------------------------------------


def _check_nonneg(name: str, value, label: str | None = None):
    if not 0.0 <= value:
        raise ValueError(f"Invalid {label or name} value: {value}")


def _check_lr(lr):
    if not 0.0 <= lr:
        raise ValueError(f"Invalid learning rate: {lr}")


def _check_eps(eps):
    if not 0.0 <= eps:
        raise ValueError(f"Invalid epsilon value: {eps}")


def _check_betas(betas):
    try:
        b0, b1 = betas
    except (TypeError, ValueError):
        raise ValueError(f"betas should be a pair (beta1, beta2), got {betas!r}") from None
    if not 0.0 <= b0 < 1.0:
        raise ValueError(f"Invalid beta parameter at index 0: {b0}")
    if not 0.0 <= b1 < 1.0:
        raise ValueError(f"Invalid beta parameter at index 1: {b1}")
    return (float(b0), float(b1))


class _Workspace:
    """Scratch arrays reused across steps so the hot loop allocates nothing."""

    __slots__ = ("a", "b", "c")

    def __init__(self, shape):
        self.a = np.empty(shape)
        self.b = np.empty(shape)
        self.c = np.empty(shape)


class Optimizer:
    """Base class. Subclasses set ``name``, ``defaults`` and implement ``init``/``_step``.

    Attributes: ``name`` (torch's lower-case name), ``hyperparams`` (all hyper-parameters,
    defaults filled in), ``latex`` (the update rule as one LaTeX string, lines separated by
    ``\\\\``, ready for ``MathTex``), ``latex_lines`` (the same, one equation per entry),
    ``state_keys`` (the state arrays :func:`optim_core.run` records).
    """

    name: str = ""
    torch_name: str = ""
    defaults: dict[str, Any] = {}

    def __init__(self, **hyperparams):
        unknown = sorted(set(hyperparams) - set(self.defaults))
        if unknown:
            raise ValueError(
                f"{self.torch_name}: unknown hyper-parameter(s) {', '.join(unknown)}; "
                f"valid ones: {', '.join(self.defaults)}"
            )
        hp = dict(self.defaults)
        hp.update(hyperparams)
        self.hyperparams = self._validate(hp)
        for k, v in self.hyperparams.items():
            setattr(self, k, v)

    def _validate(self, hp):  # pragma: no cover - overridden
        return hp

    # -- optax-style interface -----------------------------------------------------------
    def init(self, params) -> NamedTuple:
        """A fresh state for parameters shaped like ``params``."""
        raise NotImplementedError

    def update(self, grads, state, params, lr: float | None = None):
        """One step, purely: returns ``(new_params, new_state)`` and modifies nothing.

        ``lr`` overrides the optimizer's learning rate for this step (a schedule's value).
        """
        params = np.array(params, dtype=np.float64)
        grads = np.asarray(grads, dtype=np.float64)
        if grads.shape != params.shape:
            raise ValueError(f"grads shape {grads.shape} != params shape {params.shape}")
        state = type(state)(*(np.array(s) if isinstance(s, np.ndarray) else s for s in state))
        with np.errstate(all="ignore"):
            state = self._step(params, grads, state, self.lr if lr is None else float(lr),
                               _Workspace(params.shape), None)
        return params, state

    # -- internals used by run() ---------------------------------------------------------
    def _step(self, p, g, st, lr, ws, eff):
        """Advance ``p`` and the arrays of ``st`` in place; return the new state tuple.

        ``g`` is read only. If ``eff`` is an array, the effective per-coordinate learning rate
        of this step is written into it.
        """
        raise NotImplementedError

    @property
    def state_keys(self) -> tuple[str, ...]:
        """Names of the state histories :func:`optim_core.run` records (torch's names, plus
        derived quantities such as the bias-corrected moments)."""
        return ()

    def _record(self, st, out: dict, k: int):
        """Copy this step's state into the history arrays ``out[name][k]``."""
        for name in self.state_keys:
            out[name][k] = getattr(st, name)

    # -- presentation --------------------------------------------------------------------
    @property
    def latex_lines(self) -> tuple[str, ...]:
        raise NotImplementedError

    @property
    def latex(self) -> str:
        return r" \\ ".join(self.latex_lines)

    @property
    def label(self) -> str:
        """A short caption: name and the hyper-parameters that differ from torch's defaults
        (``lr`` always shown)."""
        parts = [f"lr={_fmt(self.lr)}"]
        for k, v in self.hyperparams.items():
            if k != "lr" and v != self.defaults.get(k):
                parts.append(f"{k}={_fmt(v)}")
        return f"{self.display_name}({', '.join(parts)})"

    @property
    def display_name(self) -> str:
        return self.torch_name

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={_fmt(v)}" for k, v in self.hyperparams.items())
        return f"{self.torch_name}({args})"

    def __eq__(self, other):
        return type(self) is type(other) and self.hyperparams == other.hyperparams

    def __hash__(self):
        return hash((type(self).__name__, tuple(sorted(map(str, self.hyperparams.items())))))


def _fmt(v):
    if isinstance(v, tuple):
        return "(" + ", ".join(_fmt(x) for x in v) + ")"
    if isinstance(v, float):
        return f"{v:g}"
    return repr(v)


# ---------------------------------------------------------------------------------------------
# SGD
# ---------------------------------------------------------------------------------------------


class SGD(Optimizer):
    r"""Stochastic gradient descent with optional (Nesterov) momentum, as ``torch.optim.SGD``.

    .. math::
        g_t \leftarrow \nabla f(\theta_{t-1}) + \lambda \theta_{t-1} \\
        b_t \leftarrow \mu b_{t-1} + (1 - \tau) g_t, \quad b_1 = g_1 \\
        \theta_t \leftarrow \theta_{t-1} - \gamma b_t
        \quad (\text{Nesterov: } \theta_t \leftarrow \theta_{t-1} - \gamma (g_t + \mu b_t))

    Hyper-parameters (torch defaults): ``lr=1e-3``, ``momentum=0``, ``dampening=0``,
    ``weight_decay=0``, ``nesterov=False``.

    .. note::
        torch's convention differs from the textbook heavy ball
        :math:`v_t = \mu v_{t-1} - \eta g_t,\ \theta_t = \theta_{t-1} + v_t`: the learning rate
        multiplies the buffer *after* accumulation (the same path when ``lr`` is constant, a
        different one when a schedule changes ``lr``), and the buffer starts at the first
        gradient itself (``b_1 = g_1``, without the ``1 - dampening`` factor), not at zero.
        Nesterov momentum is the "look-ahead" in Sutskever et al.'s reformulation: the step uses
        ``g_t + mu b_t`` evaluated at the current point.
    """

    name = "sgd"
    torch_name = "SGD"
    defaults = dict(lr=1e-3, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False)

    def _validate(self, hp):
        _check_lr(hp["lr"])
        _check_nonneg("momentum", hp["momentum"])
        _check_nonneg("weight_decay", hp["weight_decay"])
        if hp["nesterov"] and (hp["momentum"] <= 0 or hp["dampening"] != 0):
            raise ValueError("Nesterov momentum requires a momentum and zero dampening")
        hp["lr"] = float(hp["lr"])
        hp["momentum"] = float(hp["momentum"])
        hp["dampening"] = float(hp["dampening"])
        hp["weight_decay"] = float(hp["weight_decay"])
        hp["nesterov"] = bool(hp["nesterov"])
        return hp

    def init(self, params):
        params = np.asarray(params, dtype=np.float64)
        buf = np.zeros_like(params) if self.momentum != 0 else None
        return SGDState(0, buf)

    def _step(self, p, g, st, lr, ws, eff):
        step = st.step + 1
        wd = self.weight_decay
        if wd != 0:
            g = _add_scaled(g, p, wd, ws.a, ws.b)
        buf = st.momentum_buffer
        mom = self.momentum
        if mom != 0:
            if step == 1:
                buf[...] = g  # torch: buf = grad.clone() on the first step
            else:
                buf *= mom
                damp = 1 - self.dampening
                np.multiply(g, damp, out=ws.b)
                buf += ws.b
            if self.nesterov:
                d = _add_scaled(g, buf, mom, ws.c, ws.b)
            else:
                d = buf
        else:
            d = g
        np.multiply(d, -lr, out=ws.b)
        p += ws.b
        if eff is not None:
            eff[...] = lr
        return SGDState(step, buf)

    @property
    def state_keys(self):
        return ("momentum_buffer",) if self.momentum != 0 else ()

    @property
    def latex_lines(self):
        g = r"g_t = \nabla f(\theta_{t-1})"
        if self.weight_decay != 0:
            g += r" + \lambda\,\theta_{t-1}"
        if self.momentum == 0:
            if self.weight_decay:
                return (g, r"\theta_t = \theta_{t-1} - \gamma\, g_t")
            return (r"\theta_t = \theta_{t-1} - \gamma\, \nabla f(\theta_{t-1})",)
        damp = r"(1 - \tau)\, g_t" if self.dampening != 0 else "g_t"
        lines = [g, r"b_t = \mu\, b_{t-1} + " + damp + r",\quad b_1 = g_1"]
        if self.nesterov:
            lines.append(r"\theta_t = \theta_{t-1} - \gamma\,(g_t + \mu\, b_t)")
        else:
            lines.append(r"\theta_t = \theta_{t-1} - \gamma\, b_t")
        return tuple(lines)

    @property
    def display_name(self):
        if self.momentum == 0:
            return "GD"
        return "Nesterov" if self.nesterov else "Momentum"


def _add_scaled(a, b, alpha, out, tmp):
    """``out = a + alpha * b`` (torch's ``a.add(b, alpha=alpha)``)."""
    np.multiply(b, alpha, out=tmp)
    np.add(a, tmp, out=out)
    return out


# ---------------------------------------------------------------------------------------------
# Adagrad
# ---------------------------------------------------------------------------------------------


class Adagrad(Optimizer):
    r"""AdaGrad, as ``torch.optim.Adagrad``.

    .. math::
        g_t \leftarrow \nabla f(\theta_{t-1}) + \lambda \theta_{t-1} \\
        \tilde\gamma_t \leftarrow \gamma / (1 + (t - 1)\,\eta) \\
        G_t \leftarrow G_{t-1} + g_t^2, \quad G_0 = \text{initial\_accumulator\_value} \\
        \theta_t \leftarrow \theta_{t-1} - \tilde\gamma_t \frac{g_t}{\sqrt{G_t} + \epsilon}

    Hyper-parameters (torch defaults): ``lr=1e-2``, ``lr_decay=0``, ``weight_decay=0``,
    ``initial_accumulator_value=0``, ``eps=1e-10``.

    .. note::
        ``eps`` is added *outside* the square root (the original paper writes
        :math:`\sqrt{G_t + \epsilon}`), and torch adds its own learning-rate decay ``lr_decay``
        (:math:`\eta`). The state ``sum`` is :math:`G_t`; the effective per-coordinate learning
        rate :math:`\tilde\gamma_t / (\sqrt{G_t} + \epsilon)` only ever shrinks.
    """

    name = "adagrad"
    torch_name = "Adagrad"
    defaults = dict(lr=1e-2, lr_decay=0.0, weight_decay=0.0, initial_accumulator_value=0.0,
                    eps=1e-10)

    def _validate(self, hp):
        _check_lr(hp["lr"])
        _check_nonneg("lr_decay", hp["lr_decay"])
        _check_nonneg("weight_decay", hp["weight_decay"])
        _check_nonneg("initial_accumulator_value", hp["initial_accumulator_value"])
        _check_eps(hp["eps"])
        return {k: float(v) for k, v in hp.items()}

    def init(self, params):
        params = np.asarray(params, dtype=np.float64)
        return AdagradState(0, np.full_like(params, self.initial_accumulator_value))

    def _step(self, p, g, st, lr, ws, eff):
        step = st.step + 1
        if self.weight_decay != 0:
            g = _add_scaled(g, p, self.weight_decay, ws.a, ws.b)
        clr = lr / (1 + (step - 1) * self.lr_decay)
        s = st.sum
        np.multiply(g, g, out=ws.b)
        s += ws.b
        std = np.sqrt(s, out=ws.c)
        std += self.eps
        # param.addcdiv_(grad, std, value=-clr): p + (-clr * g) / std
        np.multiply(g, -clr, out=ws.b)
        ws.b /= std
        p += ws.b
        if eff is not None:
            np.divide(clr, std, out=eff)
        return AdagradState(step, s)

    state_keys = ("sum",)

    @property
    def latex_lines(self):
        lines = [r"g_t = \nabla f(\theta_{t-1})" + (
            r" + \lambda\,\theta_{t-1}" if self.weight_decay else "")]
        lines.append(r"G_t = G_{t-1} + g_t^2")
        if self.lr_decay:
            lines.append(r"\tilde\gamma_t = \gamma / (1 + (t - 1)\,\eta)")
            lines.append(r"\theta_t = \theta_{t-1} - \tilde\gamma_t\,"
                         r"\frac{g_t}{\sqrt{G_t} + \epsilon}")
        else:
            lines.append(r"\theta_t = \theta_{t-1} - \gamma\,\frac{g_t}{\sqrt{G_t} + \epsilon}")
        return tuple(lines)


# ---------------------------------------------------------------------------------------------
# Adadelta
# ---------------------------------------------------------------------------------------------


class Adadelta(Optimizer):
    r"""AdaDelta, as ``torch.optim.Adadelta``.

    .. math::
        g_t \leftarrow \nabla f(\theta_{t-1}) + \lambda \theta_{t-1} \\
        v_t \leftarrow \rho v_{t-1} + (1 - \rho) g_t^2 \\
        \Delta_t \leftarrow \frac{\sqrt{u_{t-1} + \epsilon}}{\sqrt{v_t + \epsilon}}\, g_t \\
        u_t \leftarrow \rho u_{t-1} + (1 - \rho) \Delta_t^2 \\
        \theta_t \leftarrow \theta_{t-1} - \gamma\, \Delta_t

    Hyper-parameters (torch defaults): ``lr=1.0``, ``rho=0.9``, ``eps=1e-6``,
    ``weight_decay=0``. State names: ``square_avg`` (:math:`v`) and ``acc_delta``
    (:math:`u`).

    .. note::
        Zeiler's AdaDelta has no learning rate; torch keeps one (default 1.0, which is the
        paper's rule). ``eps`` sits *inside* both square roots, as in the paper; it also sets
        the size of the very first steps (:math:`\sqrt{\epsilon}` units), which is why AdaDelta
        starts slowly.
    """

    name = "adadelta"
    torch_name = "Adadelta"
    defaults = dict(lr=1.0, rho=0.9, eps=1e-6, weight_decay=0.0)

    def _validate(self, hp):
        _check_lr(hp["lr"])
        if not 0.0 <= hp["rho"] <= 1.0:
            raise ValueError(f"Invalid rho value: {hp['rho']}")
        _check_eps(hp["eps"])
        _check_nonneg("weight_decay", hp["weight_decay"])
        return {k: float(v) for k, v in hp.items()}

    def init(self, params):
        params = np.asarray(params, dtype=np.float64)
        return AdadeltaState(0, np.zeros_like(params), np.zeros_like(params))

    def _step(self, p, g, st, lr, ws, eff):
        step = st.step + 1
        if self.weight_decay != 0:
            g = _add_scaled(g, p, self.weight_decay, ws.a, ws.b)
        rho, eps = self.rho, self.eps
        v, u = st.square_avg, st.acc_delta
        # square_avg.mul_(rho).addcmul_(grad, grad, value=1 - rho)
        v *= rho
        np.multiply(g, 1 - rho, out=ws.b)
        ws.b *= g
        v += ws.b
        std = np.add(v, eps, out=ws.c)
        np.sqrt(std, out=std)
        delta = np.add(u, eps, out=ws.b)
        np.sqrt(delta, out=delta)
        delta /= std
        if eff is not None:
            np.multiply(delta, lr, out=eff)
        delta *= g
        # acc_delta.mul_(rho).addcmul_(delta, delta, value=1 - rho)
        u *= rho
        np.multiply(delta, 1 - rho, out=ws.c)
        ws.c *= delta
        u += ws.c
        # param.add_(delta, alpha=-lr)
        delta *= -lr
        p += delta
        return AdadeltaState(step, v, u)

    state_keys = ("square_avg", "acc_delta")

    @property
    def latex_lines(self):
        g = r"g_t = \nabla f(\theta_{t-1})" + (
            r" + \lambda\,\theta_{t-1}" if self.weight_decay else "")
        lines = (
            g,
            r"v_t = \rho\, v_{t-1} + (1 - \rho)\, g_t^2",
            r"\Delta_t = \frac{\sqrt{u_{t-1} + \epsilon}}{\sqrt{v_t + \epsilon}}\, g_t",
            r"u_t = \rho\, u_{t-1} + (1 - \rho)\, \Delta_t^2",
            r"\theta_t = \theta_{t-1} - \gamma\, \Delta_t" if self.lr != 1.0
            else r"\theta_t = \theta_{t-1} - \Delta_t",
        )
        return lines


# ---------------------------------------------------------------------------------------------
# RMSprop
# ---------------------------------------------------------------------------------------------


class RMSprop(Optimizer):
    r"""RMSprop, as ``torch.optim.RMSprop``.

    .. math::
        g_t \leftarrow \nabla f(\theta_{t-1}) + \lambda \theta_{t-1} \\
        v_t \leftarrow \alpha v_{t-1} + (1 - \alpha) g_t^2 \\
        \tilde v_t \leftarrow v_t - \bar g_t^2, \quad
            \bar g_t \leftarrow \alpha \bar g_{t-1} + (1 - \alpha) g_t \quad (\text{centered}) \\
        b_t \leftarrow \mu b_{t-1} + g_t / (\sqrt{\tilde v_t} + \epsilon) \quad (\mu > 0) \\
        \theta_t \leftarrow \theta_{t-1} - \gamma\, b_t
            \quad\text{or}\quad \theta_{t-1} - \gamma\, g_t / (\sqrt{\tilde v_t} + \epsilon)

    Hyper-parameters (torch defaults): ``lr=1e-2``, ``alpha=0.99``, ``eps=1e-8``,
    ``weight_decay=0``, ``momentum=0``, ``centered=False``. State names: ``square_avg``
    (:math:`v`), ``grad_avg`` (:math:`\bar g`, centered only), ``momentum_buffer`` (:math:`b`).

    .. note::
        ``eps`` is added *outside* the square root (Hinton's slides and many textbooks write
        :math:`\sqrt{v_t + \epsilon}`; TensorFlow/Keras put it inside). The smoothing constant
        is called ``alpha`` (often :math:`\rho` or :math:`\beta` elsewhere) and defaults to
        0.99, not 0.9. With momentum the buffer accumulates the *normalised* gradient and starts
        at zero.
    """

    name = "rmsprop"
    torch_name = "RMSprop"
    defaults = dict(lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0.0, momentum=0.0,
                    centered=False)

    def _validate(self, hp):
        _check_lr(hp["lr"])
        _check_eps(hp["eps"])
        _check_nonneg("momentum", hp["momentum"])
        _check_nonneg("weight_decay", hp["weight_decay"])
        _check_nonneg("alpha", hp["alpha"])
        out = {k: float(v) for k, v in hp.items() if k != "centered"}
        out["centered"] = bool(hp["centered"])
        return {k: out[k] for k in self.defaults}

    def init(self, params):
        params = np.asarray(params, dtype=np.float64)
        z = np.zeros_like(params)
        return RMSpropState(
            0, z, np.zeros_like(params) if self.centered else None,
            np.zeros_like(params) if self.momentum > 0 else None,
        )

    def _step(self, p, g, st, lr, ws, eff):
        step = st.step + 1
        if self.weight_decay != 0:
            g = _add_scaled(g, p, self.weight_decay, ws.a, ws.b)
        alpha = self.alpha
        v = st.square_avg
        v *= alpha
        np.multiply(g, 1 - alpha, out=ws.b)
        ws.b *= g
        v += ws.b
        if self.centered:
            ga = st.grad_avg
            _lerp_(ga, g, 1 - alpha, ws.b)
            # square_avg.addcmul(grad_avg, grad_avg, value=-1).sqrt_()
            np.multiply(ga, -1.0, out=ws.b)
            ws.b *= ga
            avg = np.add(v, ws.b, out=ws.c)
            np.sqrt(avg, out=avg)
        else:
            avg = np.sqrt(v, out=ws.c)
        avg += self.eps
        if eff is not None:
            np.divide(lr, avg, out=eff)
        if self.momentum > 0:
            buf = st.momentum_buffer
            buf *= self.momentum
            np.divide(g, avg, out=ws.b)
            buf += ws.b
            np.multiply(buf, -lr, out=ws.b)
            p += ws.b
        else:
            np.multiply(g, -lr, out=ws.b)
            ws.b /= avg
            p += ws.b
        return RMSpropState(step, v, st.grad_avg, st.momentum_buffer)

    @property
    def state_keys(self):
        keys = ["square_avg"]
        if self.centered:
            keys.append("grad_avg")
        if self.momentum > 0:
            keys.append("momentum_buffer")
        return tuple(keys)

    @property
    def latex_lines(self):
        lines = [r"g_t = \nabla f(\theta_{t-1})" + (
            r" + \lambda\,\theta_{t-1}" if self.weight_decay else "")]
        lines.append(r"v_t = \alpha\, v_{t-1} + (1 - \alpha)\, g_t^2")
        root = r"\sqrt{v_t}"
        if self.centered:
            lines.append(r"\bar g_t = \alpha\, \bar g_{t-1} + (1 - \alpha)\, g_t")
            root = r"\sqrt{v_t - \bar g_t^2}"
        if self.momentum > 0:
            lines.append(r"b_t = \mu\, b_{t-1} + \frac{g_t}{" + root + r" + \epsilon}")
            lines.append(r"\theta_t = \theta_{t-1} - \gamma\, b_t")
        else:
            lines.append(r"\theta_t = \theta_{t-1} - \gamma\, \frac{g_t}{" + root
                         + r" + \epsilon}")
        return tuple(lines)


def _lerp_(a, b, w, tmp):
    """torch's ``a.lerp_(b, w)`` (``a + w (b - a)`` for ``|w| < 0.5``)."""
    if abs(w) < 0.5:
        np.subtract(b, a, out=tmp)
        tmp *= w
        a += tmp
    else:
        # end - (end - self) * (1 - weight)
        np.subtract(b, a, out=tmp)
        tmp *= 1 - w
        np.subtract(b, tmp, out=a)
    return a


# ---------------------------------------------------------------------------------------------
# Adam / AdamW
# ---------------------------------------------------------------------------------------------


class Adam(Optimizer):
    r"""Adam, as ``torch.optim.Adam``.

    .. math::
        g_t \leftarrow \nabla f(\theta_{t-1}) + \lambda \theta_{t-1} \\
        m_t \leftarrow \beta_1 m_{t-1} + (1 - \beta_1) g_t \\
        v_t \leftarrow \beta_2 v_{t-1} + (1 - \beta_2) g_t^2 \\
        \hat m_t \leftarrow m_t / (1 - \beta_1^t), \quad \hat v_t \leftarrow v_t / (1 - \beta_2^t) \\
        \theta_t \leftarrow \theta_{t-1} - \gamma\, \frac{\hat m_t}{\sqrt{\hat v_t} + \epsilon}

    (``amsgrad=True`` replaces :math:`v_t` by its running maximum before the bias correction.)
    Hyper-parameters (torch defaults): ``lr=1e-3``, ``betas=(0.9, 0.999)``, ``eps=1e-8``,
    ``weight_decay=0``, ``amsgrad=False``, ``decoupled_weight_decay=False``. State names:
    ``exp_avg`` (:math:`m`), ``exp_avg_sq`` (:math:`v`), ``max_exp_avg_sq`` (amsgrad).

    .. note::
        ``eps`` is added to :math:`\sqrt{\hat v_t}` (outside the root), as in the paper; torch
        computes it as ``lr / (1 - beta1^t)`` times ``m / (sqrt(v) / sqrt(1 - beta2^t) + eps)``.
        ``weight_decay`` here is L2 regularisation added to the gradient, which the adaptive
        denominator then rescales; see :class:`AdamW` for decoupled decay.
    """

    name = "adam"
    torch_name = "Adam"
    defaults = dict(lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, amsgrad=False,
                    decoupled_weight_decay=False)

    def _validate(self, hp):
        _check_lr(hp["lr"])
        _check_eps(hp["eps"])
        betas = _check_betas(hp["betas"])
        _check_nonneg("weight_decay", hp["weight_decay"])
        return dict(lr=float(hp["lr"]), betas=betas, eps=float(hp["eps"]),
                    weight_decay=float(hp["weight_decay"]), amsgrad=bool(hp["amsgrad"]),
                    decoupled_weight_decay=bool(hp["decoupled_weight_decay"]))

    def init(self, params):
        params = np.asarray(params, dtype=np.float64)
        return AdamState(0, np.zeros_like(params), np.zeros_like(params),
                         np.zeros_like(params) if self.amsgrad else None)

    def _step(self, p, g, st, lr, ws, eff):
        step = st.step + 1
        beta1, beta2 = self.betas
        wd = self.weight_decay
        if wd != 0:
            if self.decoupled_weight_decay:
                p *= 1 - lr * wd
            else:
                g = _add_scaled(g, p, wd, ws.a, ws.b)
        m, v = st.exp_avg, st.exp_avg_sq
        _lerp_(m, g, 1 - beta1, ws.b)
        v *= beta2
        np.multiply(g, 1 - beta2, out=ws.b)
        ws.b *= g
        v += ws.b
        bias_correction1 = 1 - beta1**step
        bias_correction2 = 1 - beta2**step
        step_size = lr / bias_correction1
        bias_correction2_sqrt = bias_correction2**0.5
        if self.amsgrad:
            vm = st.max_exp_avg_sq
            np.maximum(vm, v, out=vm)
            denom = np.sqrt(vm, out=ws.c)
        else:
            denom = np.sqrt(v, out=ws.c)
        denom /= bias_correction2_sqrt
        denom += self.eps
        np.multiply(m, -step_size, out=ws.b)
        ws.b /= denom
        p += ws.b
        if eff is not None:
            np.divide(lr, denom, out=eff)
        return AdamState(step, m, v, st.max_exp_avg_sq)

    @property
    def state_keys(self):
        keys = ["exp_avg", "exp_avg_sq"]
        if self.amsgrad:
            keys.append("max_exp_avg_sq")
        return tuple(keys + ["exp_avg_hat", "exp_avg_sq_hat"])

    def _record(self, st, out, k):
        beta1, beta2 = self.betas
        out["exp_avg"][k] = st.exp_avg
        out["exp_avg_sq"][k] = st.exp_avg_sq
        np.divide(st.exp_avg, 1 - beta1**st.step, out=out["exp_avg_hat"][k])
        src = st.exp_avg_sq
        if self.amsgrad:
            out["max_exp_avg_sq"][k] = st.max_exp_avg_sq
            src = st.max_exp_avg_sq
        np.divide(src, 1 - beta2**st.step, out=out["exp_avg_sq_hat"][k])

    @property
    def latex_lines(self):
        lines = []
        if self.weight_decay and self.decoupled_weight_decay:
            lines.append(r"\theta_{t-1} \leftarrow \theta_{t-1} - \gamma \lambda\, \theta_{t-1}")
            lines.append(r"g_t = \nabla f(\theta_{t-1})")
        elif self.weight_decay:
            lines.append(r"g_t = \nabla f(\theta_{t-1}) + \lambda\,\theta_{t-1}")
        else:
            lines.append(r"g_t = \nabla f(\theta_{t-1})")
        lines += [
            r"m_t = \beta_1 m_{t-1} + (1 - \beta_1)\, g_t",
            r"v_t = \beta_2 v_{t-1} + (1 - \beta_2)\, g_t^2",
        ]
        if self.amsgrad:
            lines.append(r"v^{\max}_t = \max(v^{\max}_{t-1}, v_t)")
            lines.append(r"\hat m_t = \frac{m_t}{1 - \beta_1^t}, \quad "
                         r"\hat v_t = \frac{v^{\max}_t}{1 - \beta_2^t}")
        else:
            lines.append(r"\hat m_t = \frac{m_t}{1 - \beta_1^t}, \quad "
                         r"\hat v_t = \frac{v_t}{1 - \beta_2^t}")
        lines.append(r"\theta_t = \theta_{t-1} - \gamma\, \frac{\hat m_t}{\sqrt{\hat v_t} + \epsilon}")
        return tuple(lines)


class AdamW(Adam):
    r"""AdamW (Adam with decoupled weight decay), as ``torch.optim.AdamW``.

    .. math::
        \theta_{t-1} \leftarrow \theta_{t-1} - \gamma \lambda\, \theta_{t-1} \\
        g_t \leftarrow \nabla f(\theta_{t-1}) \\
        m_t \leftarrow \beta_1 m_{t-1} + (1 - \beta_1) g_t \\
        v_t \leftarrow \beta_2 v_{t-1} + (1 - \beta_2) g_t^2 \\
        \hat m_t \leftarrow m_t / (1 - \beta_1^t), \quad \hat v_t \leftarrow v_t / (1 - \beta_2^t) \\
        \theta_t \leftarrow \theta_{t-1} - \gamma\, \frac{\hat m_t}{\sqrt{\hat v_t} + \epsilon}

    Hyper-parameters (torch defaults): ``lr=1e-3``, ``betas=(0.9, 0.999)``, ``eps=1e-8``,
    ``weight_decay=1e-2``, ``amsgrad=False``.

    .. note::
        torch multiplies the decay by the *current* learning rate (``lr * weight_decay``), so a
        schedule also shrinks the decay; Loshchilov & Hutter's paper decouples the two (a
        separate schedule multiplier). The decay is applied to the parameters *before* the
        gradient step and is not rescaled by the adaptive denominator.
    """

    name = "adamw"
    torch_name = "AdamW"
    defaults = dict(lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2, amsgrad=False)

    def _validate(self, hp):
        hp = dict(hp, decoupled_weight_decay=True)
        out = super()._validate(hp)
        out.pop("decoupled_weight_decay")
        return out

    decoupled_weight_decay = True


# ---------------------------------------------------------------------------------------------
# Adamax
# ---------------------------------------------------------------------------------------------


class Adamax(Optimizer):
    r"""AdaMax (Adam with the infinity norm), as ``torch.optim.Adamax``.

    .. math::
        g_t \leftarrow \nabla f(\theta_{t-1}) + \lambda \theta_{t-1} \\
        m_t \leftarrow \beta_1 m_{t-1} + (1 - \beta_1) g_t \\
        u_t \leftarrow \max(\beta_2 u_{t-1}, |g_t| + \epsilon) \\
        \theta_t \leftarrow \theta_{t-1} - \frac{\gamma}{1 - \beta_1^t}\, \frac{m_t}{u_t}

    Hyper-parameters (torch defaults): ``lr=2e-3``, ``betas=(0.9, 0.999)``, ``eps=1e-8``,
    ``weight_decay=0``. State names: ``exp_avg`` (:math:`m`), ``exp_inf`` (:math:`u`).

    .. note::
        torch adds ``eps`` to :math:`|g_t|` inside the maximum (the paper has no eps), so
        :math:`u_t > 0` even for a zero gradient.
    """

    name = "adamax"
    torch_name = "Adamax"
    defaults = dict(lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0)

    def _validate(self, hp):
        _check_lr(hp["lr"])
        _check_eps(hp["eps"])
        betas = _check_betas(hp["betas"])
        _check_nonneg("weight_decay", hp["weight_decay"])
        return dict(lr=float(hp["lr"]), betas=betas, eps=float(hp["eps"]),
                    weight_decay=float(hp["weight_decay"]))

    def init(self, params):
        params = np.asarray(params, dtype=np.float64)
        return AdamaxState(0, np.zeros_like(params), np.zeros_like(params))

    def _step(self, p, g, st, lr, ws, eff):
        step = st.step + 1
        beta1, beta2 = self.betas
        if self.weight_decay != 0:
            g = _add_scaled(g, p, self.weight_decay, ws.a, ws.b)
        m, u = st.exp_avg, st.exp_inf
        _lerp_(m, g, 1 - beta1, ws.b)
        u *= beta2
        np.abs(g, out=ws.b)
        ws.b += self.eps
        np.maximum(u, ws.b, out=u)
        bias_correction = 1 - beta1**step
        clr = lr / bias_correction
        np.multiply(m, -clr, out=ws.b)
        ws.b /= u
        p += ws.b
        if eff is not None:
            np.divide(lr, u, out=eff)
        return AdamaxState(step, m, u)

    state_keys = ("exp_avg", "exp_inf", "exp_avg_hat")

    def _record(self, st, out, k):
        out["exp_avg"][k] = st.exp_avg
        out["exp_inf"][k] = st.exp_inf
        np.divide(st.exp_avg, 1 - self.betas[0] ** st.step, out=out["exp_avg_hat"][k])

    @property
    def latex_lines(self):
        return (
            r"g_t = \nabla f(\theta_{t-1})" + (
                r" + \lambda\,\theta_{t-1}" if self.weight_decay else ""),
            r"m_t = \beta_1 m_{t-1} + (1 - \beta_1)\, g_t",
            r"u_t = \max(\beta_2 u_{t-1}, |g_t| + \epsilon)",
            r"\theta_t = \theta_{t-1} - \frac{\gamma}{1 - \beta_1^t}\, \frac{m_t}{u_t}",
        )


# ---------------------------------------------------------------------------------------------
# NAdam
# ---------------------------------------------------------------------------------------------


class NAdam(Optimizer):
    r"""NAdam (Adam with Nesterov momentum), as ``torch.optim.NAdam``.

    .. math::
        g_t \leftarrow \nabla f(\theta_{t-1}) + \lambda \theta_{t-1} \\
        \mu_t \leftarrow \beta_1 \left(1 - \tfrac12\, 0.96^{t \psi}\right), \quad
        \mu_{t+1} \leftarrow \beta_1 \left(1 - \tfrac12\, 0.96^{(t+1) \psi}\right) \\
        m_t \leftarrow \beta_1 m_{t-1} + (1 - \beta_1) g_t \\
        v_t \leftarrow \beta_2 v_{t-1} + (1 - \beta_2) g_t^2, \quad
        \hat v_t \leftarrow v_t / (1 - \beta_2^t) \\
        \theta_t \leftarrow \theta_{t-1}
            - \gamma\, \frac{(1 - \mu_t)\, g_t}{(1 - \prod_{i \le t} \mu_i)(\sqrt{\hat v_t} + \epsilon)}
            - \gamma\, \frac{\mu_{t+1}\, m_t}{(1 - \prod_{i \le t+1} \mu_i)(\sqrt{\hat v_t} + \epsilon)}

    Hyper-parameters (torch defaults): ``lr=2e-3``, ``betas=(0.9, 0.999)``, ``eps=1e-8``,
    ``weight_decay=0``, ``momentum_decay=4e-3`` (:math:`\psi`), ``decoupled_weight_decay=False``
    (True: AdamW-style decay ``theta *= 1 - lr * weight_decay`` instead of L2).

    .. note::
        This is Dozat's NAdam with the *momentum schedule* :math:`\mu_t` of the paper (warming
        :math:`\mu_t` up from :math:`0.98\,\beta_1 / 2`-ish towards :math:`\beta_1`), not the
        simplified "Adam with a Nesterov look-ahead" :math:`\beta_1 \hat m_t + (1-\beta_1) g_t /
        (1-\beta_1^t)` found in many textbooks. The state ``mu_product`` is
        :math:`\prod_{i \le t} \mu_i`.
    """

    name = "nadam"
    torch_name = "NAdam"
    defaults = dict(lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0,
                    momentum_decay=4e-3, decoupled_weight_decay=False)

    def _validate(self, hp):
        _check_lr(hp["lr"])
        _check_eps(hp["eps"])
        betas = _check_betas(hp["betas"])
        _check_nonneg("weight_decay", hp["weight_decay"])
        _check_nonneg("momentum_decay", hp["momentum_decay"])
        return dict(lr=float(hp["lr"]), betas=betas, eps=float(hp["eps"]),
                    weight_decay=float(hp["weight_decay"]),
                    momentum_decay=float(hp["momentum_decay"]),
                    decoupled_weight_decay=bool(hp["decoupled_weight_decay"]))

    def init(self, params):
        params = np.asarray(params, dtype=np.float64)
        return NAdamState(0, np.zeros_like(params), np.zeros_like(params), 1.0)

    def _step(self, p, g, st, lr, ws, eff):
        step = st.step + 1
        beta1, beta2 = self.betas
        bias_correction2 = 1 - beta2**step
        wd = self.weight_decay
        if wd != 0:
            if self.decoupled_weight_decay:
                p *= 1 - lr * wd
            else:
                g = _add_scaled(g, p, wd, ws.a, ws.b)
        psi = self.momentum_decay
        mu = beta1 * (1.0 - 0.5 * (0.96 ** (step * psi)))
        mu_next = beta1 * (1.0 - 0.5 * (0.96 ** ((step + 1) * psi)))
        mu_product = st.mu_product * mu
        m, v = st.exp_avg, st.exp_avg_sq
        _lerp_(m, g, 1 - beta1, ws.b)
        v *= beta2
        np.multiply(g, 1 - beta2, out=ws.b)
        ws.b *= g
        v += ws.b
        denom = np.divide(v, bias_correction2, out=ws.c)
        np.sqrt(denom, out=denom)
        mu_product_next = mu_product * mu_next
        denom += self.eps
        np.multiply(g, -lr * (1.0 - mu) / (1.0 - mu_product), out=ws.b)
        ws.b /= denom
        p += ws.b
        np.multiply(m, (-lr * mu_next) / (1.0 - mu_product_next), out=ws.b)
        ws.b /= denom
        p += ws.b
        if eff is not None:
            np.divide(lr, denom, out=eff)
        return NAdamState(step, m, v, mu_product)

    state_keys = ("exp_avg", "exp_avg_sq", "exp_avg_sq_hat", "mu_product")

    def _record(self, st, out, k):
        out["exp_avg"][k] = st.exp_avg
        out["exp_avg_sq"][k] = st.exp_avg_sq
        np.divide(st.exp_avg_sq, 1 - self.betas[1] ** st.step, out=out["exp_avg_sq_hat"][k])
        out["mu_product"][k] = st.mu_product

    @property
    def latex_lines(self):
        lines = []
        if self.weight_decay and self.decoupled_weight_decay:
            lines.append(r"\theta_{t-1} \leftarrow \theta_{t-1} - \gamma \lambda\, \theta_{t-1}")
            lines.append(r"g_t = \nabla f(\theta_{t-1})")
        else:
            lines.append(r"g_t = \nabla f(\theta_{t-1})" + (
                r" + \lambda\,\theta_{t-1}" if self.weight_decay else ""))
        lines += [
            r"\mu_t = \beta_1 \left(1 - \tfrac{1}{2}\, 0.96^{t\psi}\right)",
            r"m_t = \beta_1 m_{t-1} + (1 - \beta_1)\, g_t",
            r"\hat v_t = \frac{\beta_2 v_{t-1} + (1 - \beta_2)\, g_t^2}{1 - \beta_2^t}",
            r"\theta_t = \theta_{t-1} - \gamma\, \frac{"
            r"\frac{(1 - \mu_t)\, g_t}{1 - \prod_{i=1}^{t} \mu_i}"
            r" + \frac{\mu_{t+1}\, m_t}{1 - \prod_{i=1}^{t+1} \mu_i}}{\sqrt{\hat v_t} + \epsilon}",
        ]
        return tuple(lines)


# ---------------------------------------------------------------------------------------------
# Registry
# ---------------------------------------------------------------------------------------------

_CLASSES: dict[str, type[Optimizer]] = {
    "sgd": SGD,
    "adagrad": Adagrad,
    "adadelta": Adadelta,
    "rmsprop": RMSprop,
    "adam": Adam,
    "adamw": AdamW,
    "adamax": Adamax,
    "nadam": NAdam,
}

#: friendly aliases: name -> (torch optimizer, default overrides)
_ALIASES: dict[str, tuple[str, dict]] = {
    "gd": ("sgd", {}),
    "momentum": ("sgd", {"momentum": 0.9}),
    "nesterov": ("sgd", {"momentum": 0.9, "nesterov": True}),
}


def optimizer_names(aliases: bool = True) -> list[str]:
    """Names accepted by :func:`optimizer` (torch's optimizers, then the aliases)."""
    return list(_CLASSES) + (list(_ALIASES) if aliases else [])


def optimizer(name: str, **hyperparams) -> Optimizer:
    """An optimizer by torch's (lower-case) name or a friendly alias, with torch's defaults.

    Aliases: ``gd`` (SGD without momentum), ``momentum`` (SGD, ``momentum=0.9``), ``nesterov``
    (SGD, ``momentum=0.9, nesterov=True``); their defaults can be overridden.
    """
    if isinstance(name, Optimizer):
        if hyperparams:
            return type(name)(**{**name.hyperparams, **hyperparams})
        return name
    key = str(name).lower().replace("-", "").replace("_", "")
    if key in _ALIASES:
        base, overrides = _ALIASES[key]
        return _CLASSES[base](**{**overrides, **hyperparams})
    if key not in _CLASSES:
        raise ValueError(
            f"Unknown optimizer {name!r}; known optimizers: {', '.join(optimizer_names())}"
        )
    return _CLASSES[key](**hyperparams)


def update_rule_latex(name: str, **hyperparams) -> str:
    """The update rule of ``optimizer(name, **hyperparams)`` as LaTeX (lines joined by ``\\\\``,
    ready for ``MathTex``); it shows exactly the variant that optimizer computes."""
    return optimizer(name, **hyperparams).latex

