"""One notation for the whole video: every formula and axis label on screen uses these symbols.

The symbols follow ``torch.optim``'s documentation, so what the video shows is what a reader
finds there: the learning rate is γ, the loss f, the parameters θ = (θ₁, θ₂) (every map's axes),
the step t, the gradient g_t = ∇f(θ_{t-1}). x and y are the line fit's data (x_i, y_i) and its
plot's axes: they never name a coordinate of a map.

Usage::

    from scenes.kit.notation import N, tex_of, check_tex
    MathTex(rf"{N.lr} = 0.35")            # \\gamma = 0.35
    N.lr.unicode                           # "γ", for Text labels
    check_tex(r"\\alpha\\,\\nabla L")        # ["L"]: not in the table (the loss is f)

``check_tex`` lists what a LaTeX string uses outside the table; the suite runs it on every
formula that appears in a rendered chapter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Symbol", "N", "SYMBOLS", "tex_of", "check_tex", "ALLOWED_GREEK", "ALLOWED_LATIN"]


@dataclass(frozen=True)
class Symbol:
    key: str
    tex: str
    unicode: str
    meaning: str

    def __str__(self) -> str:
        return self.tex

    def __format__(self, spec: str) -> str:
        return format(self.tex, spec)


_TABLE = [
    # what the optimizer works on
    ("loss", "f", "f", "the loss (the function being minimised)"),
    ("params", r"\theta", "\u03b8", "the parameters, a point on the map"),
    ("theta1", r"\theta_1", "\u03b8\u2081", "the first parameter (horizontal axis of every map)"),
    ("theta2", r"\theta_2", "\u03b8\u2082", "the second parameter (vertical axis of every map)"),
    ("step", "t", "t", "the step number"),
    ("grad", "g_t", "g\u209c", r"the gradient at step t: \nabla f(\theta_{t-1})"),
    ("nabla", r"\nabla f", "\u2207f", "the gradient of the loss"),
    # hyper-parameters
    ("lr", r"\gamma", "\u03b3", "the learning rate"),
    ("lr_t", r"\gamma_t", "\u03b3\u209c", "the learning rate at step t (a schedule)"),
    ("momentum", r"\mu", "\u03bc", "the momentum coefficient"),
    ("alpha", r"\alpha", "\u03b1", "RMSprop's smoothing constant"),
    ("rho", r"\rho", "\u03c1", "AdaDelta's smoothing constant"),
    ("beta1", r"\beta_1", "\u03b2\u2081", "Adam's first-moment decay"),
    ("beta2", r"\beta_2", "\u03b2\u2082", "Adam's second-moment decay"),
    ("eps", r"\epsilon", "\u03b5", "the small constant that keeps a division finite"),
    ("wd", r"\lambda", "\u03bb", "the weight decay"),
    ("clip", "c", "c", "the largest gradient norm clipping lets through"),
    # optimizer state (torch's names in brackets)
    ("velocity", "b_t", "b\u209c", "the momentum buffer (momentum_buffer)"),
    ("sum_sq", "G_t", "G\u209c", "AdaGrad's running sum of squared gradients (sum)"),
    ("v", "v_t", "v\u209c", "the running average of squared gradients (square_avg, exp_avg_sq)"),
    ("m", "m_t", "m\u209c", "Adam's running average of gradients (exp_avg)"),
    ("m_hat", r"\hat m_t", "m\u0302\u209c", "the bias-corrected first moment"),
    ("v_hat", r"\hat v_t", "v\u0302\u209c", "the bias-corrected second moment"),
    ("u", "u_t", "u\u209c", "AdaDelta's average of squared updates; AdaMax's infinity norm"),
    ("delta", r"\Delta_t", "\u0394\u209c", "AdaDelta's update"),
    # data (the line fit of chapters 1 and 4)
    ("x_i", "x_i", "x\u1d62", "a data point's input"),
    ("y_i", "y_i", "y\u1d62", "a data point's target"),
    ("n", "n", "n", "the number of data points"),
    ("batch", "B", "B", "the mini-batch size"),
]

SYMBOLS: dict[str, Symbol] = {k: Symbol(k, t, u, m) for k, t, u, m in _TABLE}


class _Namespace:
    def __getattr__(self, key: str) -> Symbol:
        try:
            return SYMBOLS[key]
        except KeyError:
            raise AttributeError(f"no symbol {key!r} in the notation table; known: {', '.join(SYMBOLS)}") from None


#: ``N.lr`` is the learning rate's ``Symbol`` (``str(N.lr) == r"\gamma"``)
N = _Namespace()


def tex_of(key: str) -> str:
    return SYMBOLS[key].tex


#: Greek letters the table uses (operators such as \nabla and \partial are allowed separately)
ALLOWED_GREEK = {"theta", "gamma", "mu", "alpha", "rho", "beta", "epsilon", "lambda", "Delta", "psi"}
#: Latin letters allowed alone; those only allowed with a subscript are listed in _SUBSCRIPTED
ALLOWED_LATIN = {"f", "t", "g", "G", "v", "m", "u", "n", "B", "c", "T", "i", "k", "x", "y"}
_SUBSCRIPTED = {"b": ("t", "{t-1}", "{t+1}", "1", "0")}
#: LaTeX commands that are structure or operators, not symbols
_COMMANDS = {
    "frac", "tfrac", "dfrac", "sqrt", "left", "right", "cdot", "times", "quad", "qquad", "max", "min",
    "sum", "prod", "hat", "tilde", "bar", "approx", "leq", "geq", "le", "ge", "leftarrow", "rightarrow",
    "to", "infty", "nabla", "partial", "Longleftrightarrow", "Leftrightarrow", "Rightarrow", "iff", "quad", "log", "ln", "exp", "cos", "sin", "pi", "pm", "mp", "ll", "gg",
    "neq", "in", "mathbf", "boldsymbol", "big", "Big", "bigg", "Bigg", "lVert", "rVert", "Vert", "vert",
    "|", ",", ";", ":", "!", " ", "{", "}", "_", "%", "\\", "lbrace", "rbrace", "langle", "rangle", "underbrace",
    "overbrace", "displaystyle", "textstyle", "scriptstyle", "ldots", "cdots", "dots", "mid", "equiv",
    "propto", "sim", "circ", "ast", "star", "text", "mathrm", "operatorname", "textbf", "textit",
}
_TEXT_ARG = re.compile(r"\\(text|mathrm|operatorname|textbf|textit)\s*\{[^{}]*\}")
_SCI_E = re.compile(r"(\d)\s*e\s*([-\u2212+]?\s*\d)")  # the e of 1e-3 is not a symbol


def check_tex(tex: str) -> list[str]:
    """The symbols ``tex`` uses that are not in the notation table (empty when it follows it)."""
    s = _TEXT_ARG.sub(" ", tex)
    bad: list[str] = []
    for cmd in re.findall(r"\\([a-zA-Z]+|.)", s):
        if cmd in _COMMANDS or cmd in ALLOWED_GREEK:
            continue
        bad.append("\\" + cmd)
    s = re.sub(r"\\([a-zA-Z]+|.)", " ", s)
    s = _SCI_E.sub(r"\1 \2", s)
    for m in re.finditer(r"[a-zA-Z]", s):
        ch = m.group(0)
        if ch in ALLOWED_LATIN:
            continue
        if ch in _SUBSCRIPTED:
            rest = s[m.end():].lstrip()
            if rest.startswith("_") and any(rest[1:].lstrip().startswith(sub) for sub in _SUBSCRIPTED[ch]):
                continue
        # a subscript letter that follows "_" (e.g. the i of x_i, the t of g_t) is checked with its base
        before = s[:m.start()].rstrip()
        if before.endswith("_") or before.endswith("_{"):
            continue
        bad.append(ch)
    return sorted(set(bad))
