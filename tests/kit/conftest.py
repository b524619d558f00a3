"""Options and helpers for the kit's tests (graphical tests use manim's ``frames_comparison``).

Control frames live in ``tests/kit/control_data/kit_frames/<test>.npz`` (manim 0.22 puts them
beside the test file, in ``control_data/<__module_test__>/``). To (re)generate them after a
deliberate change of the pictures, and then LOOK at them::

    .venv/bin/python -m pytest tests/kit/test_kit_frames.py --set_test      # or KIT_SET_TEST=1
    .venv/bin/python tests/kit/dump_control_frames.py                       # PNGs to look at

``--show_diff`` shows a failing frame next to its control frame (needs a display).

``pytest_addoption`` only runs for conftest files pytest loads before parsing the command line
(``pytest tests/kit``); when the whole suite runs from the repository root (``make test``) this
file is loaded later, so ``pytest_configure`` gives the options their defaults instead.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path

import pytest

KIT_TESTS = Path(__file__).resolve().parent


def _load_fakes():
    """``fakes.py`` (stand-ins for optim_core objects) as the module ``kit_fakes`` (a name no other test uses)."""
    if "kit_fakes" not in sys.modules:
        spec = importlib.util.spec_from_file_location("kit_fakes", KIT_TESTS / "fakes.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["kit_fakes"] = module
        spec.loader.exec_module(module)
    return sys.modules["kit_fakes"]


_load_fakes()

_OPTIONS = {
    "--set_test": ("set_test", "write the control frames of the graphical tests instead of comparing (KIT_SET_TEST=1)"),
    "--show_diff": ("show_diff", "show a visual comparison when a graphical test fails"),
}


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def pytest_addoption(parser):
    for flag, (dest, help_text) in _OPTIONS.items():
        try:
            parser.addoption(flag, action="store_true", default=False, dest=dest, help=help_text)
        except ValueError:  # already defined (e.g. by a conftest higher up)
            pass


def pytest_configure(config):
    for flag, (dest, _help) in _OPTIONS.items():
        if not hasattr(config.option, dest):
            # the option was never registered: Config.getoption("--set_test") falls back to the raw name
            setattr(config.option, flag, False)
            setattr(config.option, dest, False)
    if _env_flag("KIT_SET_TEST"):
        for dest in ("set_test", "--set_test"):
            setattr(config.option, dest, True)
    config.addinivalue_line("markers", "kit_graphical: a frames_comparison test of a kit picture")


# --------------------------------------------------------------------------- graphical tests
CONTROL_DIR = KIT_TESTS / "control_data" / "kit_frames"
RENDER_ENV_FILE = CONTROL_DIR / "render_environment.json"


def render_environment() -> dict:
    """The system libraries that decide the pixels: cairo (shapes, anti-aliasing) and pango (text)."""
    import cairo
    import manimpango

    return {"cairo": cairo.cairo_version_string(), "pango": manimpango.pango_version()}


def _set_test(config) -> bool:
    return bool(config.getoption("--set_test"))


def pytest_generate_tests(metafunc):
    """Every graphical test runs twice: with the camera the chapters use (render shortcuts
    installed) and with stock manim's; both must match the same control frames."""
    if metafunc.definition.get_closest_marker("kit_graphical") is not None:
        metafunc.parametrize("kit_camera", ["shortcuts", "stock"], indirect=True)


@pytest.fixture
def kit_camera(request, monkeypatch):
    """``"shortcuts"`` (scenes.kit.speed installed) or ``"stock"`` (manim's own camera)."""
    from scenes.kit import speed

    mode = getattr(request, "param", None)
    if mode is None:
        yield None
        return
    monkeypatch.setenv(speed.ENV, "1" if mode == "shortcuts" else "0")
    assert speed.install() == (mode == "shortcuts")
    yield mode
    speed.uninstall()


@pytest.fixture(autouse=True)
def _kit_graphical_environment(request, monkeypatch, kit_camera):
    """For graphical tests: accept the system cairo and check it is the one the control frames were made with.

    manim skips every ``frames_comparison`` test on cairo < 1.18 because *its own* control frames
    come from 1.18. Ours are made here, with the set-up's cairo (Debian 12: 1.16), so that check
    is lifted; instead the frames are compared only when cairo and pango are the versions
    recorded next to the control frames (other versions anti-alias differently: the test is
    skipped with the reason, and ``--set_test`` makes frames for them).
    """
    if request.node.get_closest_marker("kit_graphical") is None:
        yield
        return
    from manim.utils.testing import frames_comparison as fc

    monkeypatch.setattr(fc, "MIN_CAIRO_VERSION", 0)
    env = render_environment()
    if _set_test(request.config):
        CONTROL_DIR.mkdir(parents=True, exist_ok=True)
        RENDER_ENV_FILE.write_text(json.dumps(env, indent=2, sort_keys=True) + "\n")
    else:
        if not RENDER_ENV_FILE.is_file():
            pytest.fail(f"{RENDER_ENV_FILE} is missing: generate the control frames with --set_test")
        recorded = json.loads(RENDER_ENV_FILE.read_text())
        if recorded != env:
            pytest.skip(f"control frames were made with {recorded}, this machine has {env}: "
                        "pixels differ between library versions (regenerate with --set_test to test here)")
    yield
