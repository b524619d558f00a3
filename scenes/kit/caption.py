"""A small corner caption naming optimizer(s), hyper-parameters, landscape and seed, so any frame stands on its own.

Usage::

    CornerCaption(oc.optimizer("adam", lr=0.05), landscape=ls, seed=0)          # from optim_core objects
    CornerCaption([("gd", {"lr": 0.1}), ("momentum", {"lr": 0.1, "momentum": 0.9})], landscape="ravine")
    place_caption(caption)          # bottom-left inside the safe area (scenes.kit.layout)
"""

from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, BackgroundRectangle, Dot, Text, VGroup

from ._text import align_baseline, baseline, font_metrics
from .palette import FONT, MUTED, PANEL, TEXT, canonical_name, display_name, optimizer_color

__all__ = ["CornerCaption", "format_hyperparams", "HYPER_SYMBOLS"]

#: How hyper-parameter names are written in captions (torch names -> short symbols).
HYPER_SYMBOLS = {
    "lr": "\u03b3",  # γ, the notation table's learning rate
    "momentum": "\u03bc",  # μ
    "dampening": "\u03c4",
    "weight_decay": "\u03bb",  # λ
    "nesterov": "nesterov",
    "betas": "\u03b2",
    "eps": "\u03b5",
    "alpha": "\u03b1",
    "rho": "\u03c1",
    "lr_decay": "lr decay",
    "momentum_decay": "\u03c8",
    "batch_size": "batch",
    "clip_norm": "clip",
}


def _fmt(v) -> str:
    if isinstance(v, bool):
        return "on" if v else "off"
    if isinstance(v, (tuple, list)):
        return "(" + ", ".join(_fmt(x) for x in v) + ")"
    if isinstance(v, float):
        s = f"{v:g}"
        if "e" in s:  # 1e-08 -> 1e-8
            m, e = s.split("e")
            s = f"{m}e{int(e)}"
        return s.replace("-", "\u2212")
    return str(v)


def format_hyperparams(hp: dict) -> str:
    """``{"lr": 0.1, "betas": (0.9, 0.999)}`` -> ``lr 0.1  β (0.9, 0.999)``."""
    return "   ".join(f"{HYPER_SYMBOLS.get(k, k)} {_fmt(v)}" for k, v in hp.items())


def _from_optimizer(opt):
    """(canonical name, shown hyper-parameters) of an optim_core optimizer: lr plus non-defaults."""
    display = getattr(opt, "display_name", None) or getattr(opt, "name", "gd")
    try:
        name = canonical_name(display)
    except ValueError:
        name = canonical_name(getattr(opt, "name", "gd"))
    hp = dict(getattr(opt, "hyperparams", {}))
    defaults = getattr(opt, "defaults", {})
    shown = {"lr": hp.get("lr")}
    for k, v in hp.items():
        if k != "lr" and v != defaults.get(k) and not (name in ("momentum", "nesterov") and k == "nesterov"):
            shown[k] = v
    return name, shown


def _arrange_line(line: VGroup, gap: float) -> VGroup:
    """Chips side by side, all on the first chip's baseline."""
    line.arrange(RIGHT, buff=gap)
    base = baseline(line[0].baseline_text)
    for chip in line[1:]:
        align_baseline(chip, base, chip.baseline_text)
    return line


class CornerCaption(VGroup):
    """Optimizer(s) with hyper-parameters, then landscape, seed and extras; small, muted, on a panel.

    Runs flow left to right and wrap at ``max_width`` (one line for up to three runs).

    ``runs`` is an optim_core optimizer, a canonical name, a ``(name, hyperparams)`` pair, or a
    list of these. ``extra`` is free text for the last line (e.g. ``"batch 8"``). ``colors`` and
    ``labels`` (dicts by canonical name) override a run's dot colour and name, for runs a chapter
    colours itself.
    """

    def __init__(self, runs, hyperparams: dict | None = None, *, landscape=None, seed=None, extra: str | None = None,
                 font_size: float = 26, max_width: float = 12.4, background: bool = True, colors: dict | None = None,
                 labels: dict | None = None, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(runs, list):
            runs = [(runs, hyperparams or {})] if isinstance(runs, str) else [runs]
        chips = []
        self.rows: dict[str, VGroup] = {}
        for run in runs:
            if isinstance(run, str):
                name, hp = canonical_name(run), {}
            elif isinstance(run, tuple):
                name, hp = canonical_name(run[0]), dict(run[1])
            else:
                name, hp = _from_optimizer(run)
            dot = Dot(radius=0.06, color=(colors or {}).get(name) or optimizer_color(name))
            title = Text((labels or {}).get(name) or display_name(name), font=FONT, font_size=font_size, color=TEXT)
            chip = VGroup(dot, title)
            if hp:
                chip.add(Text(format_hyperparams(hp), font=FONT, font_size=font_size, color=MUTED))
            chip.arrange(RIGHT, buff=0.12)
            # one baseline for name and numbers; the dot at mid x-height
            base = baseline(title)
            for piece in chip[2:]:
                align_baseline(piece, base)
            dot.set_y(base + 0.36 * font_metrics(FONT, font_size)[0])
            chip.baseline_text = title
            self.rows[name] = chip
            chips.append(chip)
        tail = []
        if landscape is not None:
            title = landscape if isinstance(landscape, str) else (getattr(landscape, "title", None) or landscape.name)
            tail.append(title)
        if seed is not None:
            tail.append(f"seed {seed}")
        if extra:
            tail.append(extra)
        self.footer = None
        if tail:
            self.footer = Text("  \u00b7  ".join(tail), font=FONT, font_size=font_size, color=MUTED)
            self.footer.baseline_text = self.footer
            chips.append(self.footer)
        # flow the chips into lines no wider than max_width
        lines = VGroup()
        line = VGroup()
        gap = 0.4
        for chip in chips:
            width = sum(c.width for c in line) + gap * len(line) + chip.width
            if len(line) and width > max_width:
                lines.add(_arrange_line(line, gap))
                line = VGroup()
            line.add(chip)
        if len(line):
            lines.add(_arrange_line(line, gap))
        lines.arrange(DOWN, buff=0.12, aligned_edge=LEFT)
        self.lines = lines
        self.background = BackgroundRectangle(lines, color=PANEL, fill_opacity=0.8, buff=0.14, corner_radius=0.08)
        if background:
            self.add(self.background)
        self.add(lines)
