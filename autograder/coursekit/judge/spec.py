"""Read the check a test cell asks for from its hidden block (trusted source only).

A test cell's hidden block is::

    ### BEGIN HIDDEN TESTS
    from coursekit_probe import probe
    probe("linear_regression.check_fit_matches_reference", "fit_least_squares")
    ### END HIDDEN TESTS

The judge parses it with :mod:`ast` (never executes it) from the gradebook's copy of the
source cell, not from the submission.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.S)


@dataclass(frozen=True)
class CheckSpec:
    spec: str            # "linear_regression.check_fit_matches_reference"
    module: str          # "linear_regression"
    function: str        # "check_fit_matches_reference"
    names: tuple          # student names the probe sends: ("fit_least_squares",)


def parse_hidden_block(source: str) -> CheckSpec | None:
    """The probe call of a test cell's source, or None when it has none."""
    match = HIDDEN.search(source)
    if not match:
        return None
    specs = []
    for node in ast.walk(ast.parse(match.group(1))):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "probe"):
            values = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if len(values) != len(node.args) or not values or "." not in values[0]:
                raise ValueError(f"probe(...) takes string literals only: {ast.unparse(node)}")
            module, function = values[0].split(".", 1)
            specs.append(CheckSpec(values[0], module, function, tuple(values[1:])))
    if len(specs) != 1:
        raise ValueError(f"a hidden block must make exactly one probe(...) call, found {len(specs)}")
    return specs[0]
