"""The safe formula parser: values, symbolic gradients against finite differences, LaTeX, and the whitelist."""

from __future__ import annotations

import ast
import builtins
import math

import numpy as np
import pytest
from scipy.optimize import approx_fprime, check_grad

from scenes.clip.formula import ALLOWED_FUNCTIONS, FormulaError, parse_formula
from scenes.clip.spec import LandscapeSpec, build_landscape

FORMULAS = [
    # (formula, a numpy twin to check the values, a box where it is smooth)
    ("sin(x) * cos(y) + 0.1 * (x**2 + y**2)", lambda x, y: np.sin(x) * np.cos(y) + 0.1 * (x**2 + y**2), 4),
    ("(1 - x)**2 + 100 * (y - x**2)**2", lambda x, y: (1 - x) ** 2 + 100 * (y - x**2) ** 2, 2),
    ("exp(-(x**2 + y**2) / 2) * tanh(x - y) + log(1 + x**2) - sqrt(2 + y**2)",
     lambda x, y: np.exp(-(x**2 + y**2) / 2) * np.tanh(x - y) + np.log(1 + x**2) - np.sqrt(2 + y**2), 3),
    ("sigmoid(3*x) * atan(y) + abs(x + 5) / e + pi * cosh(y / 4) - x**-2 * 0", lambda x, y: (
        1 / (1 + np.exp(-3 * x)) * np.arctan(y) + np.abs(x + 5) / np.e + np.pi * np.cosh(y / 4)), 3),
    ("2**x + log10(3 + y**2) + log2(4 + x**2) - x*y", lambda x, y: 2**x + np.log10(3 + y**2) + np.log2(4 + x**2) - x * y, 3),
]


@pytest.mark.parametrize("text,twin,box", FORMULAS)
def test_values_match_numpy(text, twin, box):
    f = parse_formula(text)
    rng = np.random.default_rng(0)
    p = rng.uniform(-box, box, size=(50, 2))
    np.testing.assert_allclose(f.f(p), twin(p[:, 0], p[:, 1]), rtol=1e-12, atol=1e-12)
    # any leading shape, like optim_core.Landscape
    grid = rng.uniform(-box, box, size=(4, 5, 2))
    assert f.f(grid).shape == (4, 5) and f.grad(grid).shape == (4, 5, 2)


@pytest.mark.parametrize("text,twin,box", FORMULAS)
def test_gradient_against_finite_differences(text, twin, box):
    f = parse_formula(text)
    rng = np.random.default_rng(1)
    for p in rng.uniform(-box, box, size=(20, 2)):
        fd = approx_fprime(p, lambda q: float(f.f(q)), 1e-7)
        exact = f.grad(p)
        scale = max(1.0, float(np.abs(exact).max()))
        assert np.allclose(exact, fd, rtol=1e-4, atol=2e-4 * scale), (p, exact, fd)
        assert check_grad(lambda q: float(f.f(q)), lambda q: f.grad(q), p, epsilon=1e-7) < 1e-4 * scale


def test_gradient_check_can_fail():
    """The finite-difference check above would notice a wrong gradient."""
    f = parse_formula("sin(x) * cos(y)")
    p = np.array([0.3, -0.7])
    wrong = lambda q: f.grad(q) * np.array([1.0, 1.1])  # noqa: E731
    assert check_grad(lambda q: float(f.f(q)), wrong, p, epsilon=1e-7) > 1e-3


def test_custom_landscape_runs_with_optim_core():
    import optim_core as oc

    ls = build_landscape(LandscapeSpec(formula="(x - 1)**2 + 2 * (y + 0.5)**2", bounds=((-3.0, 3.0), (-3.0, 3.0))))
    traj = oc.run(oc.optimizer("sgd", lr=0.1), ls, np.array([[-2.0, 2.0]]), steps=200)
    np.testing.assert_allclose(np.asarray(traj.positions)[-1].reshape(2), [1.0, -0.5], atol=1e-6)


def test_latex_of_the_formula():
    f = parse_formula("sin(x) * cos(y) + 0.1 * (x**2 + y**2)")
    assert r"\sin{\left(x \right)}" in f.latex and r"\cos{\left(y \right)}" in f.latex and "x^{2}" in f.latex
    assert parse_formula("sqrt(x**2 + 1) / exp(y)").latex.count(r"\sqrt") == 1


def test_every_whitelisted_function_parses_and_differentiates():
    for name in ALLOWED_FUNCTIONS:
        arg = "x / 10 + y / 20" if name in ("arcsin", "asin", "arccos", "acos") else "2 + x**2 + y**2"
        f = parse_formula(f"{name}({arg})")
        g = f.grad(np.array([0.3, 0.2]))
        assert np.all(np.isfinite(g)), name


@pytest.mark.parametrize("text,fragment", [
    ("__import__('os').system('x')", "attribute access"),
    ("__import__('os')", "function '__import__' is not allowed"),
    ("x.real", "attribute access"),
    ("(lambda: 1)()", "not allowed"),
    ("lambda x: x", "a lambda"),
    ("'x'", "a string"),
    ("b'x'", "a string"),
    ("f'{x}'", "a string"),
    ("x + z", "name 'z'"),
    ("X + y", "name 'X'"),
    ("os", "name 'os'"),
    ("x[0]", "indexing"),
    ("[x, y]", "a list"),
    ("x, y", "a tuple"),
    ("{x: y}", "a dict"),
    ("x < y", "a comparison"),
    ("x and y", "'and'/'or'"),
    ("(y := 2) * x", "an assignment"),
    ("x if y else 2", "'if ... else'"),
    ("[x for x in y]", "a comprehension"),
    ("sin(x)(y)", "calling the result of a call"),
    ("sin(x, y)", "exactly one argument"),
    ("sin(*x)", "exactly one argument"),
    ("sin(x=y)", "keyword arguments"),
    ("sin + x", "must be called"),
    ("x ^ 2", "write powers as **"),
    ("x // 2", "'//'"),
    ("x % 2", "'%'"),
    ("~x", "'~'"),
    ("not x", "'not'"),
    ("True * x", "True is not allowed"),
    ("None", "None is not allowed"),
    ("1j * x", "1j is not allowed"),
    ("x ** 'a'", "a string"),
    ("x ** 1000", "an exponent of 1000 is too large"),
    ("10 ** 10 ** 10", "too large"),
    ("1e400 * x", "too large"),
    ("1" * 300, "too large"),
    ("x / 0", "division by zero"),
    ("x +* y", "not valid"),
    ("x\n+ y", "one line"),
    ("x; y", "one line"),
    ("", "empty"),
    ("x + " * 150 + "x", "characters long"),
    ("sin(" * 35 + "x" + ")" * 35, "nested too deeply"),
])
def test_unsafe_or_malformed_formula_is_rejected(text, fragment):
    with pytest.raises(FormulaError) as info:
        parse_formula(text)
    assert fragment in str(info.value)
    assert "\n" not in str(info.value)


def test_parse_never_evaluates_the_text(monkeypatch):
    """The text only reaches ast.parse: eval, exec and compile of it are never called."""
    seen = []
    real_eval, real_exec, real_compile = builtins.eval, builtins.exec, builtins.compile
    text = "sin(x) * cos(y) + 0.1 * (x**2 + y**2)"

    def spy(real):
        def wrapper(source, *args, **kwargs):
            flags = kwargs.get("flags", args[2] if len(args) > 2 else 0)
            only_ast = real is real_compile and flags & ast.PyCF_ONLY_AST  # ast.parse: a syntax tree, no code
            if isinstance(source, (str, bytes)) and not only_ast:
                if text in (source if isinstance(source, str) else source.decode()):
                    seen.append(real.__name__)
            return real(source, *args, **kwargs)
        return wrapper

    monkeypatch.setattr(builtins, "eval", spy(real_eval))
    monkeypatch.setattr(builtins, "exec", spy(real_exec))
    monkeypatch.setattr(builtins, "compile", spy(real_compile))
    parse_formula(text)
    assert seen == []
    # and the one parse it does is of an expression, never of statements
    assert isinstance(ast.parse(text, mode="eval"), ast.Expression)


def test_constants():
    f = parse_formula("pi * x + e * y")
    np.testing.assert_allclose(f.f(np.array([1.0, 1.0])), math.pi + math.e)
    np.testing.assert_allclose(f.grad(np.array([0.0, 0.0])), [math.pi, math.e])


# --------------------------------------------------------------------------- fuzzing: never anything but FormulaError

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_ATOMS = ["x", "y", "1", "2.5", "0", "1e3", "pi", "e", "sin", "exp", "log", "sqrt", "abs", "__import__", "os",
          ".", ",", "(", ")", "[", "]", "'a'", "+", "-", "*", "/", "**", "^", "%", " ", "lambda", ":", "=", "if"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_ATOMS), min_size=1, max_size=14).map("".join))
def test_any_text_gives_a_formula_or_a_formula_error(text):
    try:
        f = parse_formula(text)
    except FormulaError as error:
        assert "\n" not in str(error)
        return
    value = f.f(np.array([0.3, 0.7]))  # a formula that parses can be evaluated (maybe to inf or nan)
    assert np.shape(value) == ()
