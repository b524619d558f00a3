"""The clip spec: a TOML file (or flags) read into checked dataclasses, or a one-line SpecError."""

from __future__ import annotations

__all__ = [
    "SpecError",
    "LandscapeSpec",
    "OptimizerSpec",
    "RunSpec",
    "VideoSpec",
    "ClipSpec",
    "load_spec",
    "parse_spec",
    "apply_override",
    "check_output_path",
    "build_landscape",
    "build_optimizer",
    "build_schedule",
    "VIEWS",
    "ASPECTS",
    "QUALITIES",
    "FORMATS",
]

import copy
import math
import os
import re
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .formula import Formula, FormulaError, parse_formula

VIEWS = ("map", "surface", "both")
ASPECTS = ("16:9", "9:16", "1:1")
QUALITIES = ("low", "medium", "high", "4k")
FORMATS = ("mp4", "gif", "webm", "mov")

SECTIONS = ("landscape", "optimizer", "run", "video")
LANDSCAPE_KEYS = ("name", "formula", "bounds")
OPTIMIZER_KEYS = ("name", "label", "color")  # every other key is a hyper-parameter
RUN_KEYS = ("start", "steps", "schedule", "clip_norm")
VIDEO_KEYS = ("view", "aspect", "quality", "format", "loop", "loss_chart", "title", "caption", "duration")

DEFAULT_FORMULA_BOUNDS = ((-3.0, 3.0), (-3.0, 3.0))
MAX_STEPS = 5000
MAX_STARTS = 12
MAX_OPTIMIZERS = 8
MAX_DURATION = 120.0
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


class SpecError(ValueError):
    """A spec that cannot be rendered; the message is one line: what is wrong and what is allowed."""


@dataclass(frozen=True)
class LandscapeSpec:
    """A built-in landscape by ``name``, or a ``formula`` in x and y; ``bounds`` overrides the display box."""

    name: str | None = None
    formula: str | None = None
    bounds: tuple[tuple[float, float], tuple[float, float]] | None = None


@dataclass(frozen=True)
class OptimizerSpec:
    """One optimizer: an ``optim_core`` name, its hyper-parameters, a legend label and a colour."""

    name: str
    hyper: dict[str, Any] = field(default_factory=dict)
    label: str = ""
    color: str | None = None


@dataclass(frozen=True)
class RunSpec:
    """Where the runs start, how long they run, the schedule and gradient clipping."""

    starts: tuple[tuple[float, float], ...]
    steps: int = 200
    schedule: dict[str, Any] | None = None
    clip_norm: float | None = None


@dataclass(frozen=True)
class VideoSpec:
    """How the clip looks and is encoded."""

    view: str = "map"
    aspect: str = "16:9"
    quality: str = "medium"
    format: str = "mp4"
    loop: bool = False
    loss_chart: bool = False
    title: str | None = None
    caption: bool = True
    duration: float = 6.0


@dataclass(frozen=True)
class ClipSpec:
    """A whole, checked clip spec."""

    landscape: LandscapeSpec
    optimizers: tuple[OptimizerSpec, ...]
    run: RunSpec
    video: VideoSpec
    source: str = "spec"

    @property
    def bounds(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """The display box actually used (the spec's, or the built-in landscape's)."""
        return tuple(tuple(float(v) for v in b) for b in build_landscape(self.landscape).bounds)  # type: ignore[return-value]


# --------------------------------------------------------------------------- small checks


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _check_keys(table: Any, where: str, allowed: tuple[str, ...]) -> dict:
    if not isinstance(table, dict):
        raise SpecError(f"{where} must be a table, got {_type_name(table)}")
    for key in table:
        if key not in allowed:
            raise SpecError(f"unknown key '{key}' in {where}; allowed: {', '.join(allowed)}")
    return table


def _number(value: Any, where: str, *, positive: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise SpecError(f"{where} must be a number, got {_type_name(value)} {_show(value)}")
    value = float(value)
    if not math.isfinite(value):
        raise SpecError(f"{where} must be a finite number, got {value}")
    if positive and value <= 0:
        raise SpecError(f"{where} must be greater than 0, got {value:g}")
    return value


def _integer(value: Any, where: str, lo: int, hi: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        else:
            raise SpecError(f"{where} must be a whole number from {lo} to {hi}, got {_type_name(value)} {_show(value)}")
    if not lo <= value <= hi:
        raise SpecError(f"{where} must be from {lo} to {hi}, got {value}")
    return value


def _string(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise SpecError(f"{where} must be a string, got {_type_name(value)} {_show(value)}")
    return value


def _boolean(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise SpecError(f"{where} must be true or false, got {_type_name(value)} {_show(value)}")
    return value


def _choice(value: Any, where: str, allowed: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value.lower() not in allowed:
        raise SpecError(f"{where} = {_show(value)} is not allowed; use one of: {', '.join(allowed)}")
    return value.lower()


def _point(value: Any, where: str) -> tuple[float, float]:
    if not isinstance(value, list) or len(value) != 2:
        raise SpecError(f"{where} must be a point [x, y], got {_show(value)}")
    return (_number(value[0], f"{where}[0]"), _number(value[1], f"{where}[1]"))


def _bounds(value: Any, where: str) -> tuple[tuple[float, float], tuple[float, float]]:
    if not isinstance(value, list) or len(value) != 2 or not all(isinstance(b, list) and len(b) == 2 for b in value):
        raise SpecError(f"{where} must be [[xmin, xmax], [ymin, ymax]], got {_show(value)}")
    out = []
    for axis, (lo, hi) in zip("xy", value):
        lo = _number(lo, f"{where} {axis}min")
        hi = _number(hi, f"{where} {axis}max")
        if not lo < hi:
            raise SpecError(f"{where}: {axis}min must be less than {axis}max, got [{lo:g}, {hi:g}]")
        out.append((lo, hi))
    return (out[0], out[1])


# --------------------------------------------------------------------------- optim_core bridges


def _oc():
    import optim_core

    return optim_core


def _landscape_names() -> list[str]:
    return list(_oc().landscape_names())


_LANDSCAPE_CACHE: dict[LandscapeSpec, Any] = {}
_FORMULA_CACHE: dict[str, Formula] = {}


def formula_of(spec: LandscapeSpec) -> Formula | None:
    """The parsed formula of a formula landscape (cached), or None for a built-in."""
    if spec.formula is None:
        return None
    if spec.formula not in _FORMULA_CACHE:
        _FORMULA_CACHE[spec.formula] = parse_formula(spec.formula)
    return _FORMULA_CACHE[spec.formula]


def build_landscape(spec: LandscapeSpec):
    """The ``optim_core.Landscape`` the spec names or defines."""
    if spec in _LANDSCAPE_CACHE:
        return _LANDSCAPE_CACHE[spec]
    oc = _oc()
    if spec.formula is not None:
        formula = formula_of(spec)
        bounds = spec.bounds or DEFAULT_FORMULA_BOUNDS
        _check_finite_on_grid(formula, bounds)
        ls = oc.Landscape(name="custom", f=formula.f, grad=formula.grad, bounds=bounds,
                          title="Custom landscape", latex=formula.latex,
                          log_scale=_wide_range(formula, bounds))
    else:
        ls = oc.landscape(spec.name)
        if spec.bounds is not None:
            ls = _with_bounds(ls, spec.bounds)
    _LANDSCAPE_CACHE[spec] = ls
    return ls


def _check_finite_on_grid(formula: Formula, bounds) -> None:
    """The map needs the formula finite inside the bounds; sample an even grid (no exact centre) to check."""
    import numpy as np

    (x0, x1), (y0, y1) = bounds
    X, Y = np.meshgrid(np.linspace(x0, x1, 64), np.linspace(y0, y1, 64))
    Z = formula.f(np.stack([X, Y], axis=-1))
    bad = ~np.isfinite(Z)
    if bad.any():
        i, j = np.argwhere(bad)[0]
        raise SpecError(
            f"[landscape] formula is not finite at ({X[i, j]:.3g}, {Y[i, j]:.3g}) inside the bounds "
            "(a log or sqrt of a negative number, or a division by zero?); change the formula or [landscape] bounds"
        )


def _wide_range(formula: Formula, bounds) -> bool:
    """Whether the map reads better with log-spaced colours (the kit's ValueScale rule, without manim)."""
    import numpy as np

    (x0, x1), (y0, y1) = bounds
    X, Y = np.meshgrid(np.linspace(x0, x1, 81), np.linspace(y0, y1, 81))
    Z = formula.f(np.stack([X, Y], axis=-1)).ravel()
    vmin, vmax, med = float(Z.min()), float(np.percentile(Z, 99.5)), float(np.median(Z))
    return bool((vmax - vmin) / max(med - vmin, 1e-300) > 8.0)


def _with_bounds(ls, bounds):
    import dataclasses

    if dataclasses.is_dataclass(ls):
        try:
            return dataclasses.replace(ls, bounds=bounds)
        except (TypeError, ValueError):
            pass
    ls = copy.copy(ls)
    ls.bounds = bounds
    return ls


def build_optimizer(spec: OptimizerSpec):
    """The ``optim_core`` optimizer (raises optim_core's ValueError or TypeError when invalid)."""
    return _oc().optimizer(spec.name, **spec.hyper)


def build_schedule(schedule: dict[str, Any] | None):
    """The ``optim_core`` schedule, or None."""
    if schedule is None:
        return None
    kw = dict(schedule)
    kind = kw.pop("kind")
    return _oc().schedule(kind, **kw)


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


# --------------------------------------------------------------------------- parsing


def _parse_landscape(table: Any) -> LandscapeSpec:
    table = _check_keys(table, "[landscape]", LANDSCAPE_KEYS)
    name = table.get("name")
    formula = table.get("formula")
    if name is not None and formula is not None:
        raise SpecError("[landscape] has both name and formula; give one of them")
    if name is None and formula is None:
        raise SpecError(
            "[landscape] needs name = one of "
            + ", ".join(_landscape_names())
            + ", or formula = an expression in x and y"
        )
    bounds = _bounds(table["bounds"], "[landscape] bounds") if "bounds" in table else None
    if name is not None:
        name = _string(name, "[landscape] name")
        known = _landscape_names()
        if name not in known:
            raise SpecError(f"[landscape] name = {name!r} is not a built-in landscape; known: {', '.join(known)}")
        spec = LandscapeSpec(name=name, bounds=bounds)
    else:
        formula = _string(formula, "[landscape] formula")
        try:
            formula_of(LandscapeSpec(formula=formula))
        except FormulaError as error:
            raise SpecError(f"[landscape] formula: {error}") from None
        except Exception as error:  # a sympy corner case: still one line, never a traceback
            raise SpecError(f"[landscape] formula cannot be used ({type(error).__name__}); "
                            "write an expression in x and y such as x**2 + 3*y**2") from None
        spec = LandscapeSpec(formula=formula, bounds=bounds)
    try:
        build_landscape(spec)
    except SpecError:
        raise
    except (ValueError, TypeError) as error:
        raise SpecError(f"[landscape]: {_first_line(error)}") from None
    return spec


def _hyper_value(value: Any, where: str) -> Any:
    if isinstance(value, list):
        return tuple(_hyper_value(v, where) for v in value)
    if isinstance(value, dict):
        raise SpecError(f"{where} must be a number, boolean or list, got a table")
    return value


def _defaults_of(name: str) -> dict[str, Any] | None:
    """The torch defaults of an optim_core optimizer (None when the name is unknown)."""
    try:
        return dict(_oc().optimizer(name).defaults)
    except (ValueError, TypeError):
        return None


def _check_hyper_types(name: str, hyper: dict[str, Any], where: str) -> None:
    """Each hyper-parameter must have its torch default's type: a number, true/false or a list of numbers."""
    defaults = _defaults_of(name)
    if defaults is None:
        return  # the unknown name is reported by build_optimizer
    for key, value in hyper.items():
        if key not in defaults:
            raise SpecError(
                f"{where} ({name}): unknown hyper-parameter '{key}'; allowed: "
                + ", ".join(list(defaults) + list(OPTIMIZER_KEYS[1:]))
            )
        default = defaults[key]
        if isinstance(default, bool):
            if not isinstance(value, bool):
                raise SpecError(f"{where} ({name}) {key} must be true or false, got {_type_name(value)} {_show(value)}")
        elif isinstance(default, (tuple, list)):
            if not (isinstance(value, tuple) and len(value) == len(default)
                    and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)):
                example = ", ".join(f"{v:g}" for v in default)
                raise SpecError(f"{where} ({name}) {key} must be a list of {len(default)} numbers like [{example}], "
                                f"got {_show(list(value) if isinstance(value, tuple) else value)}")
        elif isinstance(default, (int, float)) or default is None:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise SpecError(f"{where} ({name}) {key} must be a number, got {_type_name(value)} {_show(value)}")
            if not math.isfinite(float(value)):
                raise SpecError(f"{where} ({name}) {key} must be a finite number, got {value}")


_HYPER_RULES = (
    ("learning rate", "lr must be a number >= 0"),
    ("epsilon", "eps must be a number >= 0"),
    ("beta parameter", "each of betas must be in [0, 1), e.g. betas = [0.9, 0.999]"),
    ("betas should be a pair", "e.g. betas = [0.9, 0.999]"),
    ("nesterov", "nesterov = true needs momentum > 0 and dampening = 0"),
    ("rho", "rho must be in [0, 1]"),
)


def _hyper_hint(text: str) -> str:
    """An optim_core ValueError, with what is allowed appended when the message does not say."""
    low = text.lower()
    if "valid ones" in low or "known" in low:
        return text
    for needle, rule in _HYPER_RULES:
        if needle in low:
            return f"{text}; {rule}"
    match = re.match(r"invalid (\w+) value", low)
    if match:
        return f"{text}; {match.group(1)} must be a number >= 0 (torch.optim's rule)"
    return f"{text} (torch.optim's rules apply)"


def _parse_optimizers(tables: Any) -> tuple[OptimizerSpec, ...]:
    if isinstance(tables, dict):
        tables = [tables]
    if not isinstance(tables, list) or not tables:
        raise SpecError("at least one [[optimizer]] table is needed, e.g. [[optimizer]] name = \"adam\" lr = 0.05")
    if len(tables) > MAX_OPTIMIZERS:
        raise SpecError(f"{len(tables)} optimizers given; at most {MAX_OPTIMIZERS} fit in one clip")
    out: list[OptimizerSpec] = []
    for i, table in enumerate(tables, start=1):
        where = f"[[optimizer]] #{i}"
        if not isinstance(table, dict):
            raise SpecError(f"{where} must be a table, got {_type_name(table)}")
        if "name" not in table:
            raise SpecError(f"{where} needs a name, one of {', '.join(_oc().optimizer_names())}")
        name = _string(table["name"], f"{where} name")
        label = _string(table.get("label", ""), f"{where} label").strip()
        if len(label) > 40:
            raise SpecError(f"{where} label is {len(label)} characters long; at most 40 fit in the legend")
        color = table.get("color")
        if color is not None:
            color = _string(color, f"{where} color")
            if not _HEX.match(color):
                raise SpecError(f"{where} color = {color!r} is not allowed; use a hex colour like \"#E69F00\"")
        hyper = {k: _hyper_value(v, f"{where} ({name}) {k}") for k, v in table.items() if k not in OPTIMIZER_KEYS}
        _check_hyper_types(name, hyper, where)
        spec = OptimizerSpec(name=name, hyper=hyper, label=label, color=color)
        try:
            build_optimizer(spec)
        except (TypeError, ValueError) as error:
            raise SpecError(f"{where} ({name}): {_hyper_hint(_first_line(error))}") from None
        out.append(spec)
    return tuple(_unique_labels(out))


def _schedule_params(kind: str) -> tuple[list[str], list[str]] | None:
    """(allowed, required) parameter names of an optim_core schedule, or None when unknown."""
    import inspect

    try:
        from optim_core.schedules import _SCHEDULES

        fn = _SCHEDULES[kind.lower()]
        params = inspect.signature(fn).parameters.values()
    except (ImportError, KeyError, TypeError, ValueError, AttributeError):
        return None
    allowed = [p.name for p in params if p.name != "then"]
    required = [p.name for p in params if p.default is inspect.Parameter.empty]
    return allowed, required


def _unique_labels(optimizers: list[OptimizerSpec]) -> list[OptimizerSpec]:
    """Give each optimizer a legend label; tell same-named ones apart by their hyper-parameters."""
    labels = [o.label or _default_label(o.name) for o in optimizers]
    out = []
    for o, label in zip(optimizers, labels):
        if not o.label and labels.count(label) > 1:
            detail = ", ".join(f"{k}={_fmt(v)}" for k, v in o.hyper.items())
            label = f"{label} ({detail})" if detail else label
        out.append(OptimizerSpec(name=o.name, hyper=o.hyper, label=label, color=o.color))
    seen: set[str] = set()
    for o in out:
        if o.label in seen:
            raise SpecError(f"two optimizers have the label {o.label!r}; give each a different label = \"...\"")
        seen.add(o.label)
    return out


def _default_label(name: str) -> str:
    """The kit's display name ("adagrad" -> "AdaGrad"), or the name itself."""
    try:
        return _palette().display_name(name)
    except Exception:
        return name


def _palette():
    """``scenes.kit.palette`` without importing the rest of the kit (and manim): spec errors stay quick."""
    import sys

    module = sys.modules.get("scenes.kit.palette") or sys.modules.get("_clip_kit_palette")
    if module is None:
        import importlib.util

        path = Path(__file__).resolve().parents[1] / "kit" / "palette.py"
        loader = importlib.util.spec_from_file_location("_clip_kit_palette", path)
        module = importlib.util.module_from_spec(loader)
        sys.modules["_clip_kit_palette"] = module  # before running it: dataclasses look the module up
        loader.loader.exec_module(module)
    return module


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, tuple):
        return "(" + ", ".join(_fmt(v) for v in value) + ")"
    return str(value)


def _parse_run(table: Any, landscape: LandscapeSpec) -> RunSpec:
    table = _check_keys(table if table is not None else {}, "[run]", RUN_KEYS)
    ls = build_landscape(landscape)
    (xlo, xhi), (ylo, yhi) = ((float(a), float(b)) for a, b in ls.bounds)
    if "start" not in table and getattr(ls, "start", None) is not None:
        table = {**table, "start": [float(v) for v in ls.start]}
    if "start" not in table:
        raise SpecError(
            f"[run] start is missing; give a point [x, y] (or a list of points) inside the bounds "
            f"x in [{xlo:g}, {xhi:g}], y in [{ylo:g}, {yhi:g}]"
        )
    raw = table["start"]
    if isinstance(raw, list) and raw and all(isinstance(p, list) for p in raw):
        if len(raw) > MAX_STARTS:
            raise SpecError(f"[run] start has {len(raw)} points; at most {MAX_STARTS} are allowed")
        starts = tuple(_point(p, f"[run] start #{i}") for i, p in enumerate(raw, start=1))
    else:
        starts = (_point(raw, "[run] start"),)
    for x, y in starts:
        if not (xlo <= x <= xhi and ylo <= y <= yhi):
            raise SpecError(
                f"[run] start [{x:g}, {y:g}] is outside the bounds x in [{xlo:g}, {xhi:g}], y in [{ylo:g}, {yhi:g}]; "
                "move it inside or widen [landscape] bounds"
            )
    import numpy as np

    value = ls.f(np.array(starts, dtype=float))
    grad = ls.grad(np.array(starts, dtype=float))
    if not (np.all(np.isfinite(value)) and np.all(np.isfinite(grad))):
        bad = int(np.argmax(~(np.isfinite(value) & np.all(np.isfinite(grad), axis=-1))))
        x, y = starts[bad]
        raise SpecError(f"[run] start [{x:g}, {y:g}]: the landscape or its gradient is not finite there; choose another start")

    steps = _integer(table.get("steps", 200), "[run] steps", 1, MAX_STEPS)
    schedule = table.get("schedule")
    if schedule is not None:
        if not isinstance(schedule, dict):
            raise SpecError(f"[run] schedule must be a table like {{ kind = \"cosine\", T_max = {steps} }}, got {_type_name(schedule)}")
        if "kind" not in schedule:
            raise SpecError("[run] schedule needs a kind, e.g. { kind = \"cosine\", T_max = 200 }")
        kind = _string(schedule["kind"], "[run] schedule kind")
        names = _schedule_params(kind)
        if names is None:
            raise SpecError(f"[run] schedule kind = {kind!r} is not allowed; use one of: {', '.join(_oc().schedule_names())}")
        allowed, required = names
        for key in schedule:
            if key != "kind" and key not in allowed:
                raise SpecError(f"[run] schedule ({kind}): unknown parameter '{key}'; allowed: {', '.join(allowed) or 'none'}")
        missing = [k for k in required if k not in schedule]
        if missing:
            raise SpecError(f"[run] schedule ({kind}) needs {', '.join(missing)}, e.g. "
                            + "{ kind = \"" + kind + "\", " + ", ".join(f"{k} = {steps}" for k in missing) + " }")
        schedule = {k: _hyper_value(v, f"[run] schedule {k}") for k, v in schedule.items()}
        for key, value in schedule.items():
            if key != "kind" and (isinstance(value, bool) or not isinstance(value, (int, float))):
                raise SpecError(f"[run] schedule ({kind}) {key} must be a number, got {_type_name(value)} {_show(value)}")
        try:
            build_schedule(schedule)
        except (TypeError, ValueError) as error:
            text = _first_line(error).replace(f"schedule {kind.lower()!r}: ", "")
            raise SpecError(f"[run] schedule ({kind}): {text}") from None
    clip_norm = table.get("clip_norm")
    if clip_norm is not None:
        clip_norm = _number(clip_norm, "[run] clip_norm", positive=True)
    return RunSpec(starts=starts, steps=steps, schedule=schedule, clip_norm=clip_norm)


def _parse_video(table: Any) -> VideoSpec:
    table = _check_keys(table if table is not None else {}, "[video]", VIDEO_KEYS)
    d = VideoSpec()
    title = table.get("title", d.title)
    if title is not None:
        title = _string(title, "[video] title").strip() or None
        if title is not None and len(title) > 80:
            raise SpecError(f"[video] title is {len(title)} characters long; at most 80 fit on screen")
    duration = _number(table.get("duration", d.duration), "[video] duration", positive=True)
    if not 0.5 <= duration <= MAX_DURATION:
        raise SpecError(f"[video] duration must be from 0.5 to {MAX_DURATION:g} seconds, got {duration:g}")
    return VideoSpec(
        view=_choice(table.get("view", d.view), "[video] view", VIEWS),
        aspect=_choice(table.get("aspect", d.aspect), "[video] aspect", ASPECTS),
        quality=_choice(table.get("quality", d.quality), "[video] quality", QUALITIES),
        format=_choice(table.get("format", d.format), "[video] format", FORMATS),
        loop=_boolean(table.get("loop", d.loop), "[video] loop"),
        loss_chart=_boolean(table.get("loss_chart", d.loss_chart), "[video] loss_chart"),
        title=title,
        caption=_boolean(table.get("caption", d.caption), "[video] caption"),
        duration=duration,
    )


def parse_spec(data: dict[str, Any], *, source: str = "spec") -> ClipSpec:
    """Check a spec given as a dict (as read from TOML) and return a :class:`ClipSpec`."""
    if not isinstance(data, dict):
        raise SpecError(f"{source}: the spec must be a table")
    for key in data:
        if key not in SECTIONS:
            hint = " (write [[optimizer]], singular)" if key == "optimizers" else ""
            raise SpecError(f"unknown section [{key}]{hint}; allowed: {', '.join(SECTIONS)}")
    if "landscape" not in data:
        raise SpecError("the [landscape] section is missing; give name = \"...\" or formula = \"...\"")
    landscape = _parse_landscape(data["landscape"])
    optimizers = _parse_optimizers(data.get("optimizer"))
    run = _parse_run(data.get("run"), landscape)
    video = _parse_video(data.get("video"))
    return ClipSpec(landscape=landscape, optimizers=optimizers, run=run, video=video, source=source)


def _read_toml(path: str | os.PathLike) -> dict[str, Any]:
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise SpecError(f"spec file {str(path)!r} does not exist") from None
    except IsADirectoryError:
        raise SpecError(f"spec file {str(path)!r} is a directory; give a .toml file") from None
    except UnicodeDecodeError:
        raise SpecError(f"spec file {str(path)!r} is not UTF-8 text") from None
    except OSError as error:
        raise SpecError(f"spec file {str(path)!r} cannot be read: {error.strerror}") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SpecError(f"{path.name} is not valid TOML: {_first_line(error)}") from None


def apply_override(data: dict[str, Any], dotted: str, value: Any) -> None:
    """Set ``section.key`` (or ``optimizer.N.key``, N from 1; ``run.schedule.key``) in a raw spec dict."""
    parts = dotted.split(".")
    if len(parts) < 2 or parts[0] not in SECTIONS:
        raise SpecError(f"cannot set {dotted!r}; write section.key with section one of {', '.join(SECTIONS)}, e.g. video.aspect")
    if parts[0] == "optimizer":
        optimizers = data.setdefault("optimizer", [])
        if len(parts) != 3 or not parts[1].isdigit():
            raise SpecError(f"cannot set {dotted!r}; write optimizer.N.key with N from 1, e.g. optimizer.1.lr")
        index = int(parts[1])
        if not 1 <= index <= len(optimizers) + 1:
            raise SpecError(f"cannot set {dotted!r}: there are {len(optimizers)} optimizers (N may be at most {len(optimizers) + 1})")
        if index == len(optimizers) + 1:
            optimizers.append({})
        if not isinstance(optimizers[index - 1], dict):
            raise SpecError(f"cannot set {dotted!r}: optimizer {index} is not a table")
        optimizers[index - 1][parts[2]] = value
        return
    node = data
    for part in parts[:-1]:
        child = node.setdefault(part, {})
        if not isinstance(child, dict):
            raise SpecError(f"cannot set {dotted!r}: {part} is not a table")
        node = child
    node[parts[-1]] = value


def load_spec(
    path: str | os.PathLike | None,
    overrides: list[tuple[str, Any]] = (),
    *,
    default_format: str | None = None,
) -> ClipSpec:
    """Read a TOML spec (or start empty when ``path`` is None), apply ``(dotted key, value)`` overrides, check it.

    ``default_format`` (the output's extension) is used when neither the spec nor an override sets one.
    """
    data = _read_toml(path) if path is not None else {}
    for dotted, value in overrides:
        if dotted == "optimizer":  # a whole new list of optimizers
            data["optimizer"] = value
        elif dotted == "landscape":  # a whole landscape table
            data["landscape"] = value
        else:
            apply_override(data, dotted, value)
    if default_format is not None and isinstance(data.get("video", {}), dict) and "format" not in data.get("video", {}):
        data.setdefault("video", {})["format"] = default_format
    return parse_spec(data, source=str(path) if path is not None else "flags")


def check_output_path(output: str | os.PathLike, fmt: str | None) -> Path:
    """Check that ``output`` can be written as a ``fmt`` file, with a real write probe; return it absolute.

    ``fmt=None`` checks only the place (the CLI does that before reading the spec, to fail fast).
    """
    out = Path(output).expanduser()
    suffix = out.suffix.lower().lstrip(".")
    if fmt is not None and suffix != fmt:
        if suffix in FORMATS:
            raise SpecError(f"output {str(output)!r} ends in .{suffix} but the format is {fmt}; use -o NAME.{fmt} or --format {suffix}")
        raise SpecError(f"output {str(output)!r} must end in .{fmt} (the format); allowed formats: {', '.join(FORMATS)}")
    out = out.absolute()
    parent = out.parent
    if out.is_dir():
        raise SpecError(f"output {str(output)!r} is a directory; give a file name ending in .{fmt or 'mp4'}")
    if not parent.exists():
        raise SpecError(f"cannot write {str(output)!r}: the directory {str(parent)!r} does not exist")
    if not parent.is_dir():
        raise SpecError(f"cannot write {str(output)!r}: {str(parent)!r} is not a directory")
    try:
        fd, probe = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".probe", dir=parent)
        os.close(fd)
        os.unlink(probe)
    except OSError as error:
        raise SpecError(f"cannot write {str(output)!r}: {error.strerror or error} in {str(parent)!r}") from None
    if out.exists() and not os.access(out, os.W_OK):
        raise SpecError(f"cannot write {str(output)!r}: the existing file is read-only")
    return out
