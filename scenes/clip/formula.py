"""Safe parsing of a user's landscape formula in x and y, with its symbolic gradient."""

from __future__ import annotations

__all__ = ["FormulaError", "Formula", "parse_formula", "ALLOWED_FUNCTIONS", "ALLOWED_CONSTANTS"]

import ast
import math
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import sympy

# The text is only ever read by ``ast.parse``; the tree is checked node by node and
# translated to sympy by hand.  Nothing from the user reaches eval, exec or sympify.

MAX_LENGTH = 400
MAX_NODES = 200
MAX_DEPTH = 30
MAX_EXPONENT = 64.0
MAX_NUMBER = 1e12

_X, _Y = sympy.symbols("x y", real=True)

ALLOWED_FUNCTIONS: dict[str, Callable[[sympy.Expr], sympy.Expr]] = {
    "sin": sympy.sin,
    "cos": sympy.cos,
    "tan": sympy.tan,
    "exp": sympy.exp,
    "log": sympy.log,
    "ln": sympy.log,
    "log10": lambda a: sympy.log(a, 10),
    "log2": lambda a: sympy.log(a, 2),
    "sqrt": sympy.sqrt,
    "abs": sympy.Abs,
    "tanh": sympy.tanh,
    "sinh": sympy.sinh,
    "cosh": sympy.cosh,
    "arctan": sympy.atan,
    "atan": sympy.atan,
    "arcsin": sympy.asin,
    "asin": sympy.asin,
    "arccos": sympy.acos,
    "acos": sympy.acos,
    "sigmoid": lambda a: 1 / (1 + sympy.exp(-a)),
}
ALLOWED_CONSTANTS: dict[str, sympy.Expr] = {"pi": sympy.pi, "e": sympy.E}
_VARIABLES = {"x": _X, "y": _Y}

_BINOPS = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
    ast.Pow: lambda a, b: a**b,
}

_ALLOWED_TEXT = (
    "only numbers, x, y, + - * / **, parentheses, the constants pi and e, and the functions "
    + ", ".join(sorted(set(ALLOWED_FUNCTIONS)))
    + " are allowed"
)

_DESCRIPTIONS = {
    ast.Attribute: "attribute access ('.')",
    ast.Lambda: "a lambda",
    ast.ListComp: "a comprehension",
    ast.SetComp: "a comprehension",
    ast.DictComp: "a comprehension",
    ast.GeneratorExp: "a generator expression",
    ast.Subscript: "indexing ('[...]')",
    ast.Call: "calling the result of a call",
    ast.List: "a list",
    ast.Tuple: "a tuple (a stray comma?)",
    ast.Dict: "a dict",
    ast.Set: "a set",
    ast.Compare: "a comparison",
    ast.BoolOp: "'and'/'or'",
    ast.IfExp: "'if ... else'",
    ast.NamedExpr: "an assignment (':=')",
    ast.JoinedStr: "a string",
    ast.Starred: "'*' unpacking",
    ast.Await: "'await'",
    ast.Yield: "'yield'",
    ast.YieldFrom: "'yield'",
}
_OP_HINTS = {
    ast.BitXor: "'^' (write powers as **)",
    ast.FloorDiv: "'//' (use /)",
    ast.Mod: "'%'",
    ast.MatMult: "'@'",
    ast.BitAnd: "'&'",
    ast.BitOr: "'|'",
    ast.LShift: "'<<'",
    ast.RShift: "'>>'",
    ast.Not: "'not'",
    ast.Invert: "'~'",
}


class FormulaError(ValueError):
    """A formula that is malformed or uses something outside the whitelist."""


@dataclass(frozen=True)
class Formula:
    """A checked formula: its sympy expression, gradient, LaTeX and numpy callables.

    ``f`` and ``grad`` take arrays of shape ``(..., 2)``; ``f`` returns ``(...)`` and
    ``grad`` returns ``(..., 2)``, matching ``optim_core.Landscape``.
    """

    text: str
    expr: sympy.Expr
    gradient: tuple[sympy.Expr, sympy.Expr]
    latex: str
    _f: Callable = field(repr=False)
    _gx: Callable = field(repr=False)
    _gy: Callable = field(repr=False)

    def f(self, p: np.ndarray) -> np.ndarray:
        p = np.asarray(p, dtype=float)
        x, y = p[..., 0], p[..., 1]
        with np.errstate(all="ignore"):
            return np.broadcast_to(np.asarray(self._f(x, y), dtype=float), x.shape).copy()

    def grad(self, p: np.ndarray) -> np.ndarray:
        p = np.asarray(p, dtype=float)
        x, y = p[..., 0], p[..., 1]
        with np.errstate(all="ignore"):
            gx = np.broadcast_to(np.asarray(self._gx(x, y), dtype=float), x.shape)
            gy = np.broadcast_to(np.asarray(self._gy(x, y), dtype=float), x.shape)
        return np.stack([gx, gy], axis=-1)


def _fail(message: str) -> FormulaError:
    return FormulaError(f"{message}; {_ALLOWED_TEXT}")


def _describe(node: ast.AST) -> str:
    for kind, text in _DESCRIPTIONS.items():
        if isinstance(node, kind):
            return text
    return f"'{type(node).__name__}'"


def _constant_value(node: ast.AST) -> float | None:
    """The value of a subtree without x or y, computed in floats; None when it has x or y."""
    if isinstance(node, ast.Constant):
        value = node.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return None  # not a number: build() rejects it with a clear message
        try:
            return float(value)
        except OverflowError:
            return math.inf
    if isinstance(node, ast.Name):
        return {"pi": math.pi, "e": math.e}.get(node.id)
    if isinstance(node, ast.UnaryOp):
        v = _constant_value(node.operand)
        return None if v is None else (-v if isinstance(node.op, ast.USub) else v)
    if isinstance(node, ast.BinOp):
        a, b = _constant_value(node.left), _constant_value(node.right)
        if a is None or b is None:
            return None
        try:
            if isinstance(node.op, ast.Add):
                return a + b
            if isinstance(node.op, ast.Sub):
                return a - b
            if isinstance(node.op, ast.Mult):
                return a * b
            if isinstance(node.op, ast.Div):
                return a / b if b != 0 else math.inf
            return math.pow(abs(a), b) if a != 0 or b > 0 else math.inf
        except (OverflowError, ValueError):
            return math.inf
    if isinstance(node, ast.Call):
        values = [_constant_value(a) for a in node.args]
        if any(v is None for v in values):
            return None
        return 1.0  # the magnitude of a function of constants is not needed for the checks
    return None


class _Checker:
    """Walk the tree, reject anything outside the whitelist, build the sympy expression."""

    def __init__(self) -> None:
        self.nodes = 0

    def build(self, node: ast.AST, depth: int = 0) -> sympy.Expr:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _fail(f"formula is too long (more than {MAX_NODES} parts)")
        if depth > MAX_DEPTH:
            raise _fail(f"formula is nested too deeply (more than {MAX_DEPTH} levels)")

        if isinstance(node, ast.Constant):
            value = node.value
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                kind = "a string" if isinstance(value, (str, bytes)) else repr(value)
                raise _fail(f"{kind} is not allowed")
            try:
                too_large = not math.isfinite(float(value)) or abs(value) > MAX_NUMBER
            except OverflowError:
                too_large = True
            if too_large:
                if isinstance(value, int) and len(str(abs(value))) > 15:
                    value = f"{str(value)[:6]}... ({len(str(abs(value)))} digits)"
                raise _fail(f"the number {value} is too large (at most {MAX_NUMBER:g})")
            if isinstance(value, int) or float(value).is_integer():
                return sympy.Integer(int(value))
            return sympy.Float(repr(float(value)))

        if isinstance(node, ast.Name):
            if node.id in _VARIABLES:
                return _VARIABLES[node.id]
            if node.id in ALLOWED_CONSTANTS:
                return ALLOWED_CONSTANTS[node.id]
            if node.id in ALLOWED_FUNCTIONS:
                raise _fail(f"function '{node.id}' must be called, as in {node.id}(x)")
            raise _fail(f"name '{node.id}' is not allowed")

        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.USub):
                return -self.build(node.operand, depth + 1)
            if isinstance(node.op, ast.UAdd):
                return self.build(node.operand, depth + 1)
            raise _fail(f"operator {_OP_HINTS.get(type(node.op), type(node.op).__name__)} is not allowed")

        if isinstance(node, ast.BinOp):
            op = _BINOPS.get(type(node.op))
            if op is None:
                raise _fail(f"operator {_OP_HINTS.get(type(node.op), type(node.op).__name__)} is not allowed")
            if isinstance(node.op, ast.Pow):
                exponent = _constant_value(node.right)
                if exponent is not None and not abs(exponent) <= MAX_EXPONENT:
                    raise _fail(f"an exponent of {exponent:g} is too large (at most {MAX_EXPONENT:g} in size)")
                base = _constant_value(node.left)
                if exponent is not None and base is not None:
                    value = _constant_value(node)
                    if value is None or not abs(value) <= MAX_NUMBER**2:
                        raise _fail(f"a power of constants is too large (at most {MAX_NUMBER**2:g})")
                if exponent is None and base is not None and abs(base) > 1e3:
                    raise _fail(f"a base of {base:g} raised to a variable power is too large (at most 1000)")
            left = self.build(node.left, depth + 1)
            right = self.build(node.right, depth + 1)
            if isinstance(node.op, ast.Div) and right == 0:
                raise _fail("division by zero")
            return op(left, right)

        if isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name):
                raise _fail(f"{_describe(node.func)} is not allowed")
            name = node.func.id
            if name not in ALLOWED_FUNCTIONS:
                raise _fail(f"function '{name}' is not allowed")
            if node.keywords:
                raise _fail(f"keyword arguments to '{name}' are not allowed")
            if len(node.args) != 1 or isinstance(node.args[0], ast.Starred):
                raise _fail(f"function '{name}' takes exactly one argument, got {len(node.args)}")
            return ALLOWED_FUNCTIONS[name](self.build(node.args[0], depth + 1))

        raise _fail(f"{_describe(node)} is not allowed")


def parse_formula(text: str) -> Formula:
    """Check ``text`` against the whitelist and return a :class:`Formula`; raise FormulaError."""
    if not isinstance(text, str):
        raise FormulaError(f"the formula must be a string, got {type(text).__name__}")
    stripped = text.strip()
    if not stripped:
        raise FormulaError("the formula is empty; write an expression in x and y such as x**2 + 3*y**2")
    if len(stripped) > MAX_LENGTH:
        raise FormulaError(f"the formula is {len(stripped)} characters long; at most {MAX_LENGTH} are allowed")
    if any(ch in stripped for ch in "\n\r;"):
        raise _fail("the formula must be a single expression on one line")
    try:
        tree = ast.parse(stripped, mode="eval")
    except SyntaxError as error:
        where = f" at column {error.offset}" if error.offset else ""
        raise FormulaError(f"the formula is not valid{where}: {error.msg}; write an expression in x and y "
                           "such as sin(x) * cos(y) + 0.1 * (x**2 + y**2)") from None
    except (RecursionError, MemoryError, ValueError):
        raise _fail("the formula cannot be read") from None

    try:
        expr = _Checker().build(tree.body)
    except RecursionError:
        raise _fail(f"formula is nested too deeply (more than {MAX_DEPTH} levels)") from None

    if expr.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        raise _fail("the formula is undefined (division by zero or an infinite constant)")
    gx, gy = sympy.diff(expr, _X), sympy.diff(expr, _Y)
    modules = [{"Heaviside": lambda v: np.heaviside(v, 0.5)}, "numpy"]
    f = sympy.lambdify((_X, _Y), expr, modules=modules)
    fx = sympy.lambdify((_X, _Y), gx, modules=modules)
    fy = sympy.lambdify((_X, _Y), gy, modules=modules)
    return Formula(
        text=stripped,
        expr=expr,
        gradient=(gx, gy),
        latex=sympy.latex(expr),
        _f=f,
        _gx=fx,
        _gy=fy,
    )
