"""The update rule as MathTex, split so each symbol (θ, γ, ∇f, b, G, m̂, ...) can be highlighted or tied to the picture.

Usage::

    opt = oc.optimizer("adagrad", lr=0.5)
    rule = UpdateRule(opt)                      # optim_core's own LaTeX (opt.latex_lines), lines aligned at "="
    rule = UpdateRule(r"\\theta_t = \\theta_{t-1} - \\gamma\\, \\nabla f(\\theta_{t-1})")   # or any string
    rule.highlight("lr")                        # colour every learning-rate symbol; returns self
    self.play(rule.indicate("grad"))            # an Animation on the gradient symbols
    self.play(Create(rule.tie("grad", arrow)))  # a curved connector from the symbol to a picture element
    rule.part("G")                              # VGroup of the matched glyphs

Symbol keys (``UpdateRule.SYMBOLS``) follow optim_core's torch notation: ``theta``, ``lr`` (γ),
``grad`` (∇f(θ), g_t), ``grad_sq`` (g_t²), ``momentum`` (b_t), ``mu``, ``G`` (AdaGrad's sum),
``m``, ``v``, ``m_hat``, ``v_hat``, ``u``, ``delta`` (AdaDelta's Δx), ``eps``, ``wd`` (λ), ``alpha``,
``rho``, ``beta1``, ``beta2``. Pass ``symbols={...}`` to add or change them.
"""

from __future__ import annotations

import re

import numpy as np
from manim import (
    DOWN,
    UP,
    Circumscribe,
    CurvedArrow,
    Indicate,
    MathTex,
    SurroundingRectangle,
    VGroup,
)

from .palette import ACCENT, DECAY_COLOR, GRADIENT_COLOR, TEXT, VELOCITY_COLOR

__all__ = ["UpdateRule", "SYMBOLS", "SYMBOL_COLORS"]

#: name -> the LaTeX substrings that name covers (longest ones first where they overlap).
SYMBOLS: dict[str, tuple[str, ...]] = {
    "grad": (r"\nabla f(\theta_{t-1})", r"\nabla f(\theta_t)", r"\nabla L(\theta)", r"\nabla L", "g_t", "g_1"),
    "grad_sq": ("g_t^2",),
    "gbar": (r"\bar g_t", r"\bar g_{t-1}", r"\bar g_t^2"),
    "theta": (r"\theta_t", r"\theta_{t-1}", r"\theta_{t+1}", r"\theta"),
    "lr": (r"\tilde\gamma_t", r"\gamma", r"\eta"),
    "momentum": ("b_t", "b_{t-1}", "b_1"),
    "mu": (r"\mu_{t+1}", r"\mu_t", r"\mu"),
    "G": ("G_t", "G_{t-1}"),
    "m_hat": (r"\hat m_t",),
    "v_hat": (r"\hat v_t",),
    "m": ("m_t", "m_{t-1}"),
    "v": ("v_t", "v_{t-1}", r"v^{\max}_t", r"v^{\max}_{t-1}"),
    "u": ("u_t", "u_{t-1}"),
    "delta": (r"\Delta_t^2", r"\Delta_t"),
    "eps": (r"\epsilon",),
    "wd": (r"\lambda",),
    "alpha": (r"\alpha",),
    "rho": (r"\rho",),
    "beta1": (r"\beta_1^t", r"\beta_1"),
    "beta2": (r"\beta_2^t", r"\beta_2"),
}

#: Highlight colour per symbol (quantities, not optimizers); others use ACCENT.
SYMBOL_COLORS = {
    "grad": GRADIENT_COLOR,
    "grad_sq": GRADIENT_COLOR,
    "momentum": VELOCITY_COLOR,
    "m": VELOCITY_COLOR,
    "m_hat": VELOCITY_COLOR,
    "wd": DECAY_COLOR,
    "lr": "#FFD166",
    "G": "#9EE493",
    "v": "#9EE493",
    "v_hat": "#9EE493",
}

_ALIGN_RE = re.compile(r"(\\leftarrow|=)")


def _align_line(line: str) -> str:
    """Put ``&`` before the first ``=`` / ``\\leftarrow`` outside braces so lines align there."""
    depth = 0
    for i, ch in enumerate(line):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif depth == 0:
            m = _ALIGN_RE.match(line, i)
            if m and (i == 0 or line[i - 1] != "\\"):
                return line[:i] + "&" + line[i:]
    return line


class UpdateRule(VGroup):
    """An optimizer's update rule as aligned MathTex lines with named, highlightable symbols.

    Parameters
    ----------
    rule
        An optim_core optimizer (its ``latex_lines``), a LaTeX string (lines split at ``\\\\``),
        or a list of lines.
    symbols
        Extra or replacement entries for ``SYMBOLS``.
    font_size
        36 is body size at 1080p; use 40-48 for a rule that is the subject of a beat.
    align
        Align lines at their first ``=`` (or ``\\leftarrow``).
    """

    #: The default symbol table (the module's ``SYMBOLS``), as the module docstring promises.
    SYMBOLS = SYMBOLS

    def __init__(self, rule, *, symbols: dict | None = None, font_size: float = 48, color=TEXT,
                 align: bool = True, **kwargs):
        super().__init__(**kwargs)
        if hasattr(rule, "latex_lines"):
            lines = list(rule.latex_lines)
        elif isinstance(rule, str):
            lines = [ln.strip() for ln in rule.split(r"\\") if ln.strip()]
        else:
            lines = list(rule)
        self.lines = lines
        table = dict(SYMBOLS)
        if symbols:
            table.update({k: (v,) if isinstance(v, str) else tuple(v) for k, v in symbols.items()})
        self.symbols = table
        body = r" \\ ".join(_align_line(ln) for ln in lines) if (align and len(lines) > 1) else r" \\ ".join(lines)
        self.tex_source = body
        present = sorted({s for subs in table.values() for s in subs if s in body}, key=len, reverse=True)
        try:
            self.tex = MathTex(body, substrings_to_isolate=present, font_size=font_size, color=color)
            self.isolated = True
        except Exception:  # an unusual string that cannot be split: show it whole
            self.tex = MathTex(body, font_size=font_size, color=color)
            self.isolated = False
        self.add(self.tex)
        self.base_color = color

    def occurrences(self, name: str) -> list[VGroup]:
        """One VGroup of glyphs per occurrence of symbol ``name``, in reading order."""
        subs = self.symbols.get(name, (name,))
        found = []
        if not self.isolated:
            return found
        seen = set()
        for tex_str, match_id in self.tex.matched_strings_and_ids:
            if tex_str in subs and match_id in self.tex.id_to_vgroup_dict:
                glyphs = [g for g in self.tex.id_to_vgroup_dict[match_id].submobjects if id(g) not in seen]
                seen.update(id(g) for g in glyphs)
                if glyphs:
                    found.append(VGroup(*glyphs))
        return found

    def line(self, i: int) -> VGroup:
        """The glyphs of line ``i`` of the rule (negative ``i`` counts from the end), e.g. to box
        "the G line". The glyphs are the rule's own (colour or animate them in place)."""
        groups = self._line_groups()
        return VGroup(*groups[i])

    def _line_groups(self) -> list[list]:
        cached = getattr(self, "_lines_cache", None)
        if cached is not None:
            return cached
        glyphs = self.tex.family_members_with_points()
        n = len(self.lines)
        groups = None
        if n <= 1:
            groups = [list(glyphs)]
        else:
            # TeX sets the lines in reading order: count each line's glyphs on its own
            try:
                counts = [len(MathTex(ln).family_members_with_points()) for ln in self.lines]
            except Exception:
                counts = None
            if counts is not None and sum(counts) == len(glyphs):
                groups, k = [], 0
                for c in counts:
                    groups.append(list(glyphs[k:k + c]))
                    k += c
            else:  # split at the n - 1 widest vertical gaps between glyph centres
                order = sorted(glyphs, key=lambda g: -g.get_center()[1])
                ys = np.array([g.get_center()[1] for g in order])
                cuts = sorted(np.argsort(ys[:-1] - ys[1:])[::-1][: n - 1] + 1) if len(ys) > 1 else []
                bounds = [0, *cuts, len(order)]
                groups = [order[a:b] for a, b in zip(bounds[:-1], bounds[1:])]
        self._lines_cache = groups
        return groups

    def part(self, name: str) -> VGroup:
        """Glyphs of every occurrence of symbol ``name`` (a key of ``symbols`` or a literal LaTeX substring)."""
        group = VGroup()
        for occ in self.occurrences(name):
            group.add(*occ.submobjects)
        return group

    def has(self, name: str) -> bool:
        return len(self.part(name)) > 0

    def _named(self, name: str) -> VGroup:
        """``part(name)``, but a name that is neither a symbol key nor a matchable LaTeX substring raises.

        A known key that this rule does not contain (``"momentum"`` in Adam's rule) is no error:
        it gives an empty group, so one highlight call can serve several rules.
        """
        group = self.part(name)
        if not len(group) and name not in self.symbols:
            keys = ", ".join(sorted(self.symbols))
            raise ValueError(f"unknown symbol {name!r} for {self.tex_source!r}: use a key of UpdateRule.symbols "
                             f"({keys}) or pass symbols={{{name!r}: <LaTeX substring>}}")
        return group

    def highlight(self, *names: str, color=None) -> "UpdateRule":
        """Colour the named symbols (default: their ``SYMBOL_COLORS`` entry)."""
        for name in names:
            self._named(name).set_color(color or SYMBOL_COLORS.get(name, ACCENT))
        return self

    def reset_colors(self) -> "UpdateRule":
        self.tex.set_color(self.base_color)
        return self

    def indicate(self, name: str, color=None, **kwargs):
        """An Indicate animation on the named symbol(s)."""
        return Indicate(self._named(name), color=color or SYMBOL_COLORS.get(name, ACCENT), **kwargs)

    def circumscribe(self, name: str, color=None, **kwargs):
        """A Circumscribe animation around the named symbol(s)."""
        return Circumscribe(self._named(name), color=color or SYMBOL_COLORS.get(name, ACCENT), **kwargs)

    def box(self, name: str, color=None, buff: float = 0.06) -> SurroundingRectangle:
        """A rectangle around the named symbol(s) (not added)."""
        return SurroundingRectangle(self._named(name), color=color or SYMBOL_COLORS.get(name, ACCENT), buff=buff,
                                    corner_radius=0.05)

    def tie(self, name: str, target, color=None, occurrence: int = -1, angle: float | None = None, **kwargs):
        """A curved arrow from the named symbol to ``target`` (a mobject or a point); not added.

        ``occurrence`` picks which occurrence (default the last, usually the update line).
        ``angle`` is the arc's angle (positive: counter-clockwise). By default the arc leaves the
        symbol's top or bottom (the side facing the target first) and bends away from the
        equation, with the first side and bend (0.6, 1.0 or 0.3 rad) that crosses no other glyph
        of the rule; an explicit ``angle`` leaves from the side facing the target, as given.
        """
        occurrences = self.occurrences(name)
        if not occurrences:
            raise ValueError(f"symbol {name!r} does not occur in {self.tex_source!r}")
        src = occurrences[occurrence]
        center = target.get_center() if hasattr(target, "get_center") else np.asarray(target, dtype=float)
        target_below = center[1] < src.get_center()[1]
        style = dict(color=color or SYMBOL_COLORS.get(name, ACCENT), stroke_width=3, tip_length=0.18, **kwargs)

        def endpoints(leave_top: bool):
            start = src.get_top() + UP * 0.08 if leave_top else src.get_bottom() + DOWN * 0.08
            end = np.array(center, dtype=float)
            if hasattr(target, "get_center"):
                # stop at the target's edge nearest the symbol
                below = end[1] < start[1]
                tb = target.get_top() if below else target.get_bottom()
                if abs(tb[1] - start[1]) > 0.3:
                    end = np.array([end[0], tb[1] + (0.08 if below else -0.08), 0.0])
            return start, end

        if angle is not None:
            start, end = endpoints(not target_below)
            return CurvedArrow(start, end, angle=angle, **style)

        mine = {id(m) for m in src.get_family()}
        boxes = np.array([[g.get_left()[0], g.get_right()[0], g.get_bottom()[1], g.get_top()[1]]
                          for g in self.tex.family_members_with_points() if id(g) not in mine])

        def crossings(arrow) -> int:
            if not len(boxes):
                return 0
            pts = np.array([arrow.point_from_proportion(a) for a in np.linspace(0.0, 1.0, 60)])
            x, y = pts[:, 0][:, None], pts[:, 1][:, None]
            pad = 0.03
            inside = (x >= boxes[:, 0] - pad) & (x <= boxes[:, 1] + pad) & (y >= boxes[:, 2] - pad) & (y <= boxes[:, 3] + pad)
            return int(inside.any(axis=0).sum())

        best = None
        for leave_top in ((False, True) if target_below else (True, False)):
            start, end = endpoints(leave_top)
            # a counter-clockwise arc bulges to the right of its travel, whose y component is -dx
            ccw_bulges_up = -(end[0] - start[0]) > 0
            for mag in (0.6, 1.0, 0.3):
                a = mag if ccw_bulges_up == leave_top else -mag  # bend away from the equation
                arrow = CurvedArrow(start, end, angle=a, **style)
                hits = crossings(arrow)
                if hits == 0:
                    return arrow
                if best is None or hits < best[0]:
                    best = (hits, arrow)
        return best[1]
