"""The clip spec: parsing, flag overrides, and every rejection (in-process and through the CLI)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from clip_test_helpers import EXAMPLES, MINIMAL, run_clip, write_spec
from scenes.clip.cli import _overrides, build_parser
from scenes.clip.spec import SpecError, check_output_path, load_spec, parse_spec


def spec_with(extra: str = "", base: str = MINIMAL) -> dict:
    return tomllib.loads(base + "\n" + extra)


def load_with_flags(path, *flags):
    """What ``python -m scenes clip PATH -o out.mp4 FLAGS`` would check, without rendering."""
    args = build_parser().parse_args(([str(path)] if path else []) + ["-o", "out.mp4", *flags])
    return load_spec(args.spec[0] if args.spec else None, _overrides(args))


# --------------------------------------------------------------------------- parsing


def test_issue_example_parses():
    spec = parse_spec(tomllib.loads('''
[landscape]
name = "himmelblau"
[[optimizer]]
name = "adam"
lr = 0.05
[[optimizer]]
name = "sgd"
lr = 0.01
momentum = 0.9
label = "momentum"
[run]
start = [-1.5, 2.0]
steps = 200
schedule = { kind = "cosine", T_max = 200 }
clip_norm = 5.0
[video]
view = "map"
aspect = "16:9"
quality = "medium"
format = "mp4"
loop = true
loss_chart = true
title = "Adam vs momentum"
'''))
    assert spec.landscape.name == "himmelblau"
    assert [o.name for o in spec.optimizers] == ["adam", "sgd"]
    assert spec.optimizers[1].hyper == {"lr": 0.01, "momentum": 0.9}
    assert [o.label for o in spec.optimizers] == ["Adam", "momentum"]
    assert spec.run.starts == ((-1.5, 2.0),)
    assert spec.run.steps == 200
    assert spec.run.schedule == {"kind": "cosine", "T_max": 200}
    assert spec.run.clip_norm == 5.0
    v = spec.video
    assert (v.view, v.aspect, v.quality, v.format, v.loop, v.loss_chart, v.title) == (
        "map", "16:9", "medium", "mp4", True, True, "Adam vs momentum")


def test_defaults_of_a_minimal_spec():
    spec = parse_spec(spec_with())
    assert spec.run.starts == ((-1.5, 1.2),)  # the landscape's own start
    assert spec.run.steps == 200 and spec.run.schedule is None and spec.run.clip_norm is None
    assert (spec.video.view, spec.video.aspect, spec.video.format, spec.video.loop) == ("map", "16:9", "mp4", False)


@pytest.mark.parametrize("name", ["race.toml", "saddle_vertical.toml", "custom_formula.toml"])
def test_shipped_examples_parse(name):
    spec = load_spec(EXAMPLES / name)
    assert spec.optimizers and spec.run.starts


def test_examples_cover_the_issue():
    aspects = {load_spec(p).video.aspect for p in EXAMPLES.glob("*.toml")}
    assert {"16:9", "9:16"} <= aspects
    assert load_spec(EXAMPLES / "saddle_vertical.toml").video.aspect == "9:16"
    assert "saddle" in load_spec(EXAMPLES / "saddle_vertical.toml").landscape.name
    assert load_spec(EXAMPLES / "custom_formula.toml").landscape.formula


def test_list_of_starts_and_same_named_optimizers_get_distinct_labels():
    spec = parse_spec(spec_with('''
[[optimizer]]
name = "adam"
lr = 0.01
[run]
start = [[-1, 1], [1, -1], [0.5, 0.5]]
'''))
    assert spec.run.starts == ((-1.0, 1.0), (1.0, -1.0), (0.5, 0.5))
    labels = [o.label for o in spec.optimizers]
    assert len(set(labels)) == 2 and all(label.startswith("Adam") for label in labels)


def test_formula_landscape_with_bounds():
    spec = parse_spec(tomllib.loads('''
[landscape]
formula = "sin(x) * cos(y) + 0.1 * (x**2 + y**2)"
bounds = [[-4, 4], [-3, 3]]
[[optimizer]]
name = "adam"
[run]
start = [3.5, -2.5]
'''))
    assert spec.bounds == ((-4.0, 4.0), (-3.0, 3.0))
    assert spec.landscape.formula.startswith("sin(x)")


def test_flags_override_spec_values():
    spec = load_with_flags(
        EXAMPLES / "race.toml",
        "--aspect", "9:16", "--quality", "low", "--steps", "30", "--title", "Hi there", "--loop",
        "--no-loss-chart", "--view", "both", "--start=-1,1.5", "--clip-norm", "none",
        "--set", "optimizer.1.lr=0.02", "--set", "run.schedule.kind=\"cosine\"", "--set", "run.schedule.T_max=30",
    )
    assert (spec.video.aspect, spec.video.quality, spec.video.title, spec.video.view) == ("9:16", "low", "Hi there", "both")
    assert spec.video.loop is True and spec.video.loss_chart is False
    assert spec.run.steps == 30 and spec.run.starts == ((-1.0, 1.5),) and spec.run.clip_norm is None
    assert spec.optimizers[0].hyper["lr"] == 0.02
    assert spec.optimizers[1].hyper["momentum"] == 0.9  # untouched
    assert spec.run.schedule == {"kind": "cosine", "T_max": 30}


def test_flags_alone_make_a_spec():
    spec = load_with_flags(None, "--formula", "x**2 + 3*y**2", "--start=-2,1.5",
                           "--optimizer", "adam:lr=0.1,betas=[0.8,0.99]",
                           "--optimizer", "sgd:lr=0.05,momentum=0.9,label=momentum", "--schedule", "cosine:T_max=50")
    assert spec.landscape.formula == "x**2 + 3*y**2"
    assert spec.optimizers[0].hyper == {"lr": 0.1, "betas": (0.8, 0.99)}
    assert spec.optimizers[1].label == "momentum"
    assert spec.run.schedule == {"kind": "cosine", "T_max": 50}


def test_output_extension_picks_the_format(tmp_path, monkeypatch):
    """-o NAME.gif renders a gif even when the spec says mp4; an explicit --format must agree with the name."""
    from scenes.clip import render

    seen = {}

    def fake_render(spec, output):  # stands in for the real render: only the chosen format matters here
        seen["format"] = spec.video.format
        Path(output).write_bytes(b"GIF89a")
        return "fake"

    import scenes.clip.cli as cli

    monkeypatch.setattr(render, "render_clip", fake_render)
    assert cli.main([str(EXAMPLES / "race.toml"), "-o", str(tmp_path / "a.gif")]) == 0
    assert seen["format"] == "gif"
    proc = run_clip(EXAMPLES / "race.toml", "-o", tmp_path / "b.gif", "--format", "webm")
    assert proc.returncode == 2 and "format is webm" in proc.stderr
    assert not (tmp_path / "b.gif").exists()


# --------------------------------------------------------------------------- rejections, in-process

BAD_SPECS = {
    # unknown keys and names
    "unknown section": ('[landscape]\nname = "bowl"\n[[optimizer]]\nname = "adam"\n[extras]\nx = 1\n', "unknown section [extras]"),
    "unknown landscape key": ('[landscape]\nname = "bowl"\nshape = 1\n[[optimizer]]\nname = "adam"\n', "unknown key 'shape'"),
    "unknown video key": (MINIMAL + '[video]\nfps = 30\n', "unknown key 'fps' in [video]"),
    "unknown run key": (MINIMAL + '[run]\nepochs = 3\n', "unknown key 'epochs' in [run]"),
    "unknown landscape": ('[landscape]\nname = "himmelblow"\n[[optimizer]]\nname = "adam"\n', "not a built-in landscape; known: bowl"),
    "unknown optimizer": ('[landscape]\nname = "bowl"\n[[optimizer]]\nname = "adamm"\n', "Unknown optimizer 'adamm'; known optimizers: sgd"),
    "unknown hyper-parameter": ('[landscape]\nname = "bowl"\n[[optimizer]]\nname = "adam"\nmomentum = 0.9\n', "unknown hyper-parameter 'momentum'; allowed: lr, betas"),
    "unknown schedule": (MINIMAL + '[run]\nschedule = { kind = "cosinus" }\n', "use one of: constant, step"),
    "unknown schedule parameter": (MINIMAL + '[run]\nschedule = { kind = "cosine", T_max = 9, warm = 1 }\n', "unknown parameter 'warm'; allowed: T_max, eta_min"),
    "missing schedule parameter": (MINIMAL + '[run]\nschedule = { kind = "cosine" }\n', "needs T_max"),
    "unknown view": (MINIMAL + '[video]\nview = "globe"\n', "use one of: map, surface, both"),
    "unknown aspect": (MINIMAL + '[video]\naspect = "4:3"\n', "use one of: 16:9, 9:16, 1:1"),
    "unknown quality": (MINIMAL + '[video]\nquality = "ultra"\n', "use one of: low, medium, high, 4k"),
    "unknown format": (MINIMAL + '[video]\nformat = "avi"\n', "use one of: mp4, gif, webm, mov"),
    # wrong types
    "steps as a string": (MINIMAL + '[run]\nsteps = "100"\n', "[run] steps must be a whole number"),
    "steps fractional": (MINIMAL + '[run]\nsteps = 10.5\n', "[run] steps must be a whole number"),
    "too many steps": (MINIMAL + '[run]\nsteps = 100000\n', "from 1 to 5000"),
    "lr as a string": ('[landscape]\nname = "bowl"\n[[optimizer]]\nname = "adam"\nlr = "fast"\n', "lr must be a number"),
    "nesterov as a number": ('[landscape]\nname = "bowl"\n[[optimizer]]\nname = "sgd"\nnesterov = 1\n', "nesterov must be true or false"),
    "betas not a pair": ('[landscape]\nname = "bowl"\n[[optimizer]]\nname = "adam"\nbetas = [0.9]\n', "betas must be a list of 2 numbers"),
    "loop as a string": (MINIMAL + '[video]\nloop = "yes"\n', "loop must be true or false"),
    "title as a number": (MINIMAL + '[video]\ntitle = 3\n', "title must be a string"),
    "start not a point": (MINIMAL + '[run]\nstart = [1, 2, 3]\n', "must be a point [x, y]"),
    "start as text": (MINIMAL + '[run]\nstart = "origin"\n', "must be a point [x, y]"),
    "landscape not a table": ('landscape = "bowl"\n[[optimizer]]\nname = "adam"\n', "[landscape] must be a table"),
    "bounds malformed": ('[landscape]\nformula = "x**2"\nbounds = [-1, 1]\n[[optimizer]]\nname = "adam"\n', "must be [[xmin, xmax], [ymin, ymax]]"),
    "bounds reversed": ('[landscape]\nformula = "x**2"\nbounds = [[1, -1], [-1, 1]]\n[[optimizer]]\nname = "adam"\n', "xmin must be less than xmax"),
    # invalid hyper-parameters
    "negative lr": ('[landscape]\nname = "bowl"\n[[optimizer]]\nname = "adam"\nlr = -0.1\n', "Invalid learning rate: -0.1; lr must be a number >= 0"),
    "beta of one": ('[landscape]\nname = "bowl"\n[[optimizer]]\nname = "adam"\nbetas = [0.9, 1.0]\n', "each of betas must be in [0, 1)"),
    "negative momentum": ('[landscape]\nname = "bowl"\n[[optimizer]]\nname = "sgd"\nmomentum = -0.5\n', "momentum"),
    "nesterov without momentum": ('[landscape]\nname = "bowl"\n[[optimizer]]\nname = "sgd"\nnesterov = true\n', "Nesterov momentum requires"),
    "negative clip_norm": (MINIMAL + '[run]\nclip_norm = -1\n', "clip_norm must be greater than 0"),
    "no optimizer": ('[landscape]\nname = "bowl"\n', "at least one [[optimizer]]"),
    "no landscape": ('[[optimizer]]\nname = "adam"\n', "[landscape] section is missing"),
    "name and formula": ('[landscape]\nname = "bowl"\nformula = "x**2"\n[[optimizer]]\nname = "adam"\n', "has both name and formula"),
    # a start outside the bounds
    "start outside": (MINIMAL + '[run]\nstart = [5, 0]\n', "outside the bounds x in [-2, 2], y in [-2, 2]"),
    "one of the starts outside": (MINIMAL + '[run]\nstart = [[0, 0], [0, -9]]\n', "start [0, -9] is outside the bounds"),
    # unsafe or malformed formulas
    "formula import": ('[landscape]\nformula = "__import__(\'os\').system(\'true\')"\n[[optimizer]]\nname = "adam"\n', "is not allowed"),
    "formula attribute": ('[landscape]\nformula = "x.real + y"\n[[optimizer]]\nname = "adam"\n', "attribute access"),
    "formula lambda": ('[landscape]\nformula = "(lambda: x)()"\n[[optimizer]]\nname = "adam"\n', "not allowed"),
    "formula string": ('[landscape]\nformula = "x + \'1\'"\n[[optimizer]]\nname = "adam"\n', "a string is not allowed"),
    "formula other name": ('[landscape]\nformula = "x * z"\n[[optimizer]]\nname = "adam"\n', "name 'z' is not allowed"),
    "formula builtin call": ('[landscape]\nformula = "open(x)"\n[[optimizer]]\nname = "adam"\n', "function 'open' is not allowed"),
    "formula syntax": ('[landscape]\nformula = "x + * y"\n[[optimizer]]\nname = "adam"\n', "not valid"),
    "formula xor": ('[landscape]\nformula = "x^2 + y^2"\n[[optimizer]]\nname = "adam"\n', "write powers as **"),
    "formula huge power": ('[landscape]\nformula = "9**9**9 * x"\n[[optimizer]]\nname = "adam"\n', "too large"),
    "formula empty": ('[landscape]\nformula = "  "\n[[optimizer]]\nname = "adam"\n', "formula is empty"),
    "formula not finite": ('[landscape]\nformula = "log(x) + y**2"\n[[optimizer]]\nname = "adam"\n', "not finite"),
}


@pytest.mark.parametrize("case", list(BAD_SPECS))
def test_bad_spec_is_one_clear_line(case):
    text, expected = BAD_SPECS[case]
    with pytest.raises(SpecError) as info:
        parse_spec(tomllib.loads(text))
    message = str(info.value)
    assert expected in message
    assert "\n" not in message and len(message) < 600


# --------------------------------------------------------------------------- rejections through the CLI

# every case above is checked in-process; through the real command, one of each kind
CLI_CASES = [
    "unknown section", "unknown hyper-parameter", "steps as a string", "negative lr", "start outside",
    "formula attribute", "formula string",
]


def _assert_rejected(proc, out: Path, expected: str | None = None):
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("clip: error: ")
    assert "Traceback" not in proc.stderr
    if expected is not None:
        assert expected in lines[0]
    assert not out.exists()
    assert not [p for p in out.parent.iterdir() if p.name.startswith(f".{out.stem}")]  # no temp leftovers


@pytest.mark.parametrize("case", CLI_CASES)
def test_cli_rejects_bad_spec(tmp_path, case):
    text, expected = BAD_SPECS[case]
    spec = write_spec(tmp_path / "bad.toml", text)
    out = tmp_path / "out.mp4"
    _assert_rejected(run_clip(spec, "-o", out), out, expected)


@pytest.mark.parametrize("formula", [
    "__import__('os').system('touch {marker}')",
    "().__class__.__bases__[0].__subclasses__()",
    "eval(\"__import__('os').system('touch {marker}')\")",
    "[open('{marker}', 'w') for x in [1]]",
    "(lambda: open('{marker}', 'w'))()",
    "x; open('{marker}', 'w')",
])
def test_formula_cannot_run_code(tmp_path, formula):
    marker = tmp_path / "pwned"
    out = tmp_path / "out.mp4"
    proc = run_clip("-o", out, "--formula", formula.format(marker=marker), "--optimizer", "adam", "--start=0.5,0.5")
    _assert_rejected(proc, out)
    assert "formula" in proc.stderr
    assert not marker.exists()


def test_cli_rejects_bad_flags(tmp_path, minimal_spec):
    out = tmp_path / "out.mp4"
    _assert_rejected(run_clip(minimal_spec, "-o", out, "--set", "video.fps=30"), out, "unknown key 'fps'")
    _assert_rejected(run_clip(minimal_spec, "-o", out, "--bogus"), out, "unrecognized arguments")
    _assert_rejected(run_clip(minimal_spec, "-o", out, "--optimizer", "adam:lr=fast"), out, "lr must be a number")
    _assert_rejected(run_clip(tmp_path / "missing.toml", "-o", out), out, "does not exist")
    bad_toml = write_spec(tmp_path / "broken.toml", "[landscape\nname = 1\n")
    _assert_rejected(run_clip(bad_toml, "-o", out), out, "not valid TOML")


def test_cli_rejects_unwritable_output(tmp_path, minimal_spec):
    a_file = tmp_path / "a_file"
    a_file.write_text("x")
    for out, expected in [
        (tmp_path / "no" / "such" / "dir" / "out.mp4", "does not exist"),
        (a_file / "out.mp4", "is not a directory"),
        (tmp_path / "out.avi", "must end in .mp4"),
        (Path("/proc/clip_test_output.mp4"), "cannot write"),
    ]:
        proc = run_clip(minimal_spec, "-o", out)
        assert proc.returncode == 2, (out, proc.stderr)
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and expected in lines[0], (out, proc.stderr)
        assert not out.exists()
    (tmp_path / "dir.mp4").mkdir()
    proc = run_clip(minimal_spec, "-o", tmp_path / "dir.mp4")
    assert proc.returncode == 2 and "is a directory" in proc.stderr


def test_check_output_path_accepts_a_writable_file(tmp_path):
    assert check_output_path(tmp_path / "ok.webm", "webm") == (tmp_path / "ok.webm").absolute()
    assert not list(tmp_path.iterdir())  # the write probe cleans up after itself


# --------------------------------------------------------------------------- fuzzing: a bad spec is always a SpecError

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_KEYS = ["name", "formula", "bounds", "label", "color", "lr", "momentum", "betas", "nesterov", "start", "steps",
         "schedule", "kind", "T_max", "clip_norm", "view", "aspect", "quality", "format", "loop", "loss_chart",
         "title", "caption", "duration", "bogus"]
_STRINGS = ["adam", "sgd", "bowl", "saddle", "x**2 + y**2", "log(x)", "x.y", "cosine", "map", "9:16", "gif", "#E69F00",
            "", "zzz"]
_scalars = (st.integers(-3, 300) | st.floats(allow_nan=True, allow_infinity=True, width=32) | st.booleans()
            | st.sampled_from(_STRINGS))
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=3)
                       | st.dictionaries(st.sampled_from(_KEYS), inner, max_size=3), max_leaves=6)
_sections = st.fixed_dictionaries({}, optional={
    "landscape": st.sampled_from([{"name": "bowl"}, {"name": "saddle"}, {"formula": "x**2 + sin(y)"}])
    | st.dictionaries(st.sampled_from(["name", "formula", "bounds"]), _values, max_size=2) | _values,
    "optimizer": st.lists(st.fixed_dictionaries({"name": st.sampled_from(["adam", "sgd", "nesterov", "adamx"])},
                                                optional={k: _values for k in ("lr", "momentum", "betas", "label",
                                                                                "nesterov", "color", "bogus")}),
                          min_size=1, max_size=3)
    | st.lists(st.dictionaries(st.sampled_from(_KEYS), _values, max_size=3), max_size=3) | _values,
    "run": st.dictionaries(st.sampled_from(_KEYS), _values, max_size=3) | _values,
    "video": st.dictionaries(st.sampled_from(_KEYS), _values, max_size=3) | _values,
    "extra": _values,
})


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_sections)
def test_any_spec_parses_or_gives_one_line(data):
    try:
        spec = parse_spec(data)
    except SpecError as error:
        assert "\n" not in str(error) and str(error)
    else:
        assert spec.optimizers and spec.run.starts and 1 <= spec.run.steps <= 5000
