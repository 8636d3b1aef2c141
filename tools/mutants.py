"""The mutants of a module: one-token changes made on its syntax tree.

Compared operators swap (``<`` and ``<=``, ``==`` and ``!=``, ``in`` and
``not in``, ...), arithmetic ones change (``+`` and ``-``, ``*`` to ``+``, ...),
``and`` and ``or`` swap, ``not`` and unary minus are dropped, ``True`` and
``False`` swap and a whole number grows by one. Docstrings, annotations,
``__all__``, imports and format specs are left alone. :mod:`tools.mutate` runs
the tests against each mutant.
"""
from __future__ import annotations

import ast
import copy
from dataclasses import dataclass, replace

__all__ = ["Mutant", "mutants", "mutated_source"]

#: What each operator becomes.
_SWAPS = {
    ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In,
    ast.Is: ast.IsNot, ast.IsNot: ast.Is,
    ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Add, ast.Div: ast.Mult,
    ast.FloorDiv: ast.Mult, ast.Mod: ast.FloorDiv, ast.Pow: ast.Mult,
    ast.BitOr: ast.BitAnd, ast.BitAnd: ast.BitOr,
    ast.And: ast.Or, ast.Or: ast.And,
}
_SYMBOLS = {
    ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=",
    ast.In: "in", ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not", ast.Add: "+",
    ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%",
    ast.Pow: "**", ast.BitOr: "|", ast.BitAnd: "&", ast.And: "and", ast.Or: "or",
}


@dataclass(frozen=True)
class Mutant:
    """One change: the *index*-th mutation point of *module*, found at *line*."""

    module: str
    index: int
    line: int
    col: int
    change: str
    source_line: str
    #: 2, 3, ... for a later mutant with the same line text, column and change.
    occurrence: int = 1

    @property
    def key(self) -> str:
        """How the equivalents file names it: module, the line's text and the change
        (no line number, so edits elsewhere in the module keep it valid)."""
        again = f" #{self.occurrence}" if self.occurrence > 1 else ""
        return f"{self.module} | {self.source_line} | {self.change} @{self.col}{again}"

    def __str__(self):
        return f"{self.module}.py:{self.line}:{self.col}: {self.change}    {self.source_line}"


def _skipped_nodes(tree) -> set:
    """Docstrings, annotations, ``__all__`` and ``from __future__``: not mutated."""
    skip = set()

    def whole(node):
        skip.update(id(n) for n in ast.walk(node))

    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                and isinstance(body[0].value, ast.Constant) \
                and isinstance(body[0].value.value, str):
            whole(body[0])
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if node.returns:
                whole(node.returns)
            for arg in [*node.args.args, *node.args.kwonlyargs, *node.args.posonlyargs,
                        node.args.vararg, node.args.kwarg]:
                if arg is not None and arg.annotation is not None:
                    whole(arg.annotation)
        if isinstance(node, ast.AnnAssign):
            whole(node.annotation)
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            whole(node)
        if isinstance(node, ast.ImportFrom):
            whole(node)
        if isinstance(node, ast.FormattedValue) and node.format_spec is not None:
            whole(node.format_spec)
    return skip


def _points(tree):
    """``(node, field, position, change, where)`` for every mutation, in a fixed
    order; *where* is the node whose place in the source names the mutation."""
    skip = _skipped_nodes(tree)
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Compare):
            for i, op in enumerate(node.ops):  # placed at its right operand: 0 <= x <= n
                yield node, "ops", i, f"{_SYMBOLS[type(op)]} -> {_SYMBOLS[_SWAPS[type(op)]]}", \
                    node.comparators[i]
        elif isinstance(node, (ast.BinOp, ast.AugAssign)) and type(node.op) in _SWAPS:
            yield node, "op", None, f"{_SYMBOLS[type(node.op)]} -> " \
                                    f"{_SYMBOLS[_SWAPS[type(node.op)]]}", node
        elif isinstance(node, ast.BoolOp):
            yield node, "op", None, f"{_SYMBOLS[type(node.op)]} -> " \
                                    f"{_SYMBOLS[_SWAPS[type(node.op)]]}", node
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.Not, ast.USub)):
            yield node, "unary", None, \
                f"drop {'not' if isinstance(node.op, ast.Not) else '-'}", node
        elif isinstance(node, ast.Constant) and type(node.value) is bool:
            yield node, "value", None, f"{node.value} -> {not node.value}", node
        elif isinstance(node, ast.Constant) and type(node.value) is int:
            yield node, "value", None, f"{node.value} -> {node.value + 1}", node


class _Apply(ast.NodeTransformer):
    """Apply the *index*-th mutation point of a tree."""

    def __init__(self, index):
        self.index = index

    def run(self, tree):
        target = copy.deepcopy(tree)
        node, field, position, _, _ = list(_points(target))[self.index]
        if field == "ops":
            node.ops[position] = _SWAPS[type(node.ops[position])]()
        elif field == "op":
            node.op = _SWAPS[type(node.op)]()
        elif field == "value":
            node.value = (not node.value) if type(node.value) is bool else node.value + 1
        elif field == "unary":
            self.drop = node
            target = self.visit(target)
        return ast.unparse(ast.fix_missing_locations(target))

    def generic_visit(self, node):
        super().generic_visit(node)
        return node.operand if node is getattr(self, "drop", None) else node


def mutants(module: str, source: str) -> list:
    """Every mutant of *module* (its name) whose code is *source*, in source order."""
    lines = source.splitlines()
    found = []
    for index, (_, _, _, change, where) in enumerate(_points(ast.parse(source))):
        found.append(Mutant(module, index, where.lineno, where.col_offset, change,
                            lines[where.lineno - 1].strip()))
    seen = {}
    numbered = []
    for mutant in sorted(found, key=lambda m: (m.line, m.col, m.index)):
        seen[mutant.key] = seen.get(mutant.key, 0) + 1
        numbered.append(replace(mutant, occurrence=seen[mutant.key]))
    return numbered


def mutated_source(tree, index: int) -> str:
    """The source of *tree* with its *index*-th mutation made."""
    return _Apply(index).run(tree)
