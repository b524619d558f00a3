"""Colours of the explainer: one colour-blind-safe colour per optimizer, the dark theme, and loss colour maps.

Usage::

    from scenes.kit import optimizer_color, display_name, colormap
    path.set_color(optimizer_color("adam"))      # "#69F0AE"
    Text(display_name("adagrad"))                 # "AdaGrad"
    rgb = colormap("viridis")(np.linspace(0, 1, 5))   # (5, 3) floats in [0, 1]

Optimizer colours
-----------------
One colour per optimizer for the whole video, chosen (by a search over Okabe–Ito, Paul Tol and a few
brighter tones) so that every group of optimizers a chapter shows together is clearly distinct:
CIEDE2000 >= 25 in normal vision and >= 12 under simulated protanopia, deuteranopia and tritanopia
(``scenes.kit.colour``), and every colour stands out against the dimmed viridis floor of the maps
(ΔE00 >= 28) and from the colours of quantities (gradient, velocity, decay arrows: ΔE00 >= 20). The groups: GD/SGD/mini-batch, GD/Momentum/Nesterov, GD/AdaGrad,
AdaGrad/RMSprop/AdaDelta, GD/Momentum/RMSprop, Adam/AdaMax/NAdam, Adam/Momentum/RMSprop,
Adam/AdamW. Twelve colours can never all be told apart at once: a picture that mixes other
optimizers checks its own set with ``scenes.kit.colour.distinct`` (the suite checks every frame).

==========  ===========
name        colour
==========  ===========
gd          #F0F0F0
sgd         #8C9EFF
minibatch   #AAAA00
momentum    #D55E00
nesterov    #5C9DFF
adagrad     #FF8C42
adadelta    #7EE8A0
rmsprop     #B388FF
adam        #69F0AE
adamax      #CC79A7
nadam       #F0E442
adamw       #E69F00
==========  ===========
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

__all__ = [
    "ASSETS_DIR",
    "FONT",
    "BACKGROUND",
    "PANEL",
    "TEXT",
    "MUTED",
    "FAINT",
    "ACCENT",
    "DIVERGED",
    "GRADIENT_COLOR",
    "VELOCITY_COLOR",
    "DECAY_COLOR",
    "OPTIMIZER_NAMES",
    "OptimizerStyle",
    "canonical_name",
    "optimizer_color",
    "display_name",
    "register_optimizer",
    "Colormap",
    "colormap",
    "COLORMAP_NAMES",
]

ASSETS_DIR = Path(__file__).resolve().parents[2] / "assets"

#: Font of all kit text (DejaVu ships with the set-up's fonts-dejavu-core); numbers that change use its mono cut.
FONT = "DejaVu Sans"
#: Frame background (a very dark blue-grey: keeps black detail in the heat-map visible).
BACKGROUND = "#0E1117"
#: Fill of panels and boxes laid over the picture.
PANEL = "#1A1F29"
#: Body text.
TEXT = "#ECEFF4"
#: Secondary text: ticks, captions, units.
MUTED = "#9AA3B2"
#: Thin lines that must stay in the background: contours, grid, axes.
FAINT = "#C8CED8"
#: Highlight of a symbol or element being discussed (not an optimizer colour).
ACCENT = "#FFFFFF"
#: Marker of a diverged run (drawn in the run's own colour; this is the cross/label outline).
DIVERGED = "#FF5555"
#: Arrows for quantities (not optimizers): gradient, velocity, weight decay.
GRADIENT_COLOR = "#FF6B6B"
VELOCITY_COLOR = "#7FDBFF"
DECAY_COLOR = "#B0B0B0"


@dataclass(frozen=True)
class OptimizerStyle:
    """How one optimizer looks: its colour and its name on screen."""

    name: str
    color: str
    display: str


_STYLES: dict[str, OptimizerStyle] = {}


def register_optimizer(name: str, color: str, display: str | None = None) -> OptimizerStyle:
    """Add (or restyle) an optimizer, e.g. a variant a chapter invents: ``register_optimizer("adam_nobias", "#F0E442", "Adam, no bias corr.")``."""
    style = OptimizerStyle(name=name, color=color, display=display or name)
    _STYLES[name] = style
    return style


for _name, _color, _display in [
    ("gd", "#F0F0F0", "GD"),
    ("sgd", "#8C9EFF", "SGD"),
    ("minibatch", "#AAAA00", "Mini-batch"),
    ("momentum", "#D55E00", "Momentum"),
    ("nesterov", "#5C9DFF", "Nesterov"),
    ("adagrad", "#FF8C42", "AdaGrad"),
    ("adadelta", "#7EE8A0", "AdaDelta"),
    ("rmsprop", "#B388FF", "RMSprop"),
    ("adam", "#69F0AE", "Adam"),
    ("adamax", "#CC79A7", "AdaMax"),
    ("nadam", "#F0E442", "NAdam"),
    ("adamw", "#E69F00", "AdamW"),
]:
    register_optimizer(_name, _color, _display)

#: The canonical optimizer names, in the order of the curriculum.
OPTIMIZER_NAMES: tuple[str, ...] = tuple(_STYLES)

_ALIASES = {
    "sgd_momentum": "momentum",
    "heavy_ball": "momentum",
    "nag": "nesterov",
    "mini_batch": "minibatch",
    "mini-batch": "minibatch",
    "batch": "gd",
    "gradient_descent": "gd",
    "rms_prop": "rmsprop",
    "ada_grad": "adagrad",
    "ada_delta": "adadelta",
    "ada_max": "adamax",
}


def canonical_name(name: str) -> str:
    """Map a spelling ("Adam", "RMSProp", "NAG", "mini-batch") to the canonical key; unknown names raise ``ValueError``."""
    key = str(name).strip()
    if key in _STYLES:
        return key
    low = key.lower().replace(" ", "_")
    if low in _STYLES:
        return low
    if low in _ALIASES:
        return _ALIASES[low]
    known = ", ".join(_STYLES)
    raise ValueError(f"unknown optimizer {name!r}; known: {known} (or register_optimizer())")


def optimizer_color(name: str) -> str:
    """The optimizer's colour as a hex string, e.g. ``optimizer_color("momentum") == "#E69F00"``."""
    return _STYLES[canonical_name(name)].color


def display_name(name: str) -> str:
    """The optimizer's name as written on screen, e.g. ``display_name("adagrad") == "AdaGrad"``."""
    return _STYLES[canonical_name(name)].display


# --------------------------------------------------------------------------- colour maps

COLORMAP_NAMES = ("viridis", "cividis", "magma", "inferno", "plasma")


class Colormap:
    """A perceptual colour map read from ``assets/palettes/<name>.csv`` (256 RGB rows).

    ``cmap(values)`` maps values in [0, 1] (any shape) to RGB floats (shape + (3,)), with linear
    interpolation between the table's rows; values outside [0, 1] are clipped, NaN gives ``nan_rgb``.
    """

    def __init__(self, name: str, table: np.ndarray, nan_rgb=(0.0, 0.0, 0.0)):
        self.name = name
        self.table = np.asarray(table, dtype=float)
        self.nan_rgb = np.asarray(nan_rgb, dtype=float)

    def __call__(self, values) -> np.ndarray:
        v = np.asarray(values, dtype=float)
        nan = ~np.isfinite(v)
        v = np.clip(np.where(nan, 0.0, v), 0.0, 1.0) * (len(self.table) - 1)
        lo = np.floor(v).astype(int)
        hi = np.minimum(lo + 1, len(self.table) - 1)
        t = (v - lo)[..., None]
        rgb = self.table[lo] * (1 - t) + self.table[hi] * t
        rgb[nan] = self.nan_rgb
        return rgb

    def hex(self, value: float) -> str:
        """One colour as ``#RRGGBB`` (for manim colour arguments)."""
        r, g, b = (np.round(self(value) * 255)).astype(int)
        return f"#{r:02X}{g:02X}{b:02X}"

    def __repr__(self) -> str:
        return f"Colormap({self.name!r})"


@lru_cache(maxsize=None)
def colormap(name: str = "viridis") -> Colormap:
    """Load a shipped perceptual colour map: one of ``COLORMAP_NAMES``."""
    if name not in COLORMAP_NAMES:
        raise ValueError(f"unknown colour map {name!r}; shipped: {', '.join(COLORMAP_NAMES)}")
    path = ASSETS_DIR / "palettes" / f"{name}.csv"
    table = np.loadtxt(path, delimiter=",", comments="#")
    if table.shape != (256, 3):
        raise ValueError(f"{path}: expected 256 RGB rows, got {table.shape}")
    return Colormap(name, table)
