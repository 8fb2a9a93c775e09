"""Chameleon's template compilation, one template at a time.

Chameleon compiles a template to Python on its first use, through the `ast` module.
CPython 3.11 keeps the AST converter's recursion depth per interpreter, not per thread,
so two threads of waitress compiling at once can fail with "AST constructor recursion
depth mismatch" (a 500 on a cold process under load). Compiling happens once per
template, so a lock around it costs nothing once the pages are warm.
"""

from __future__ import annotations

import functools
import threading

from chameleon.template import BaseTemplate

_compiling = threading.Lock()


def _serialised(cook):
    @functools.wraps(cook)
    def cook_one_at_a_time(self, *args, **kwargs):
        with _compiling:
            return cook(self, *args, **kwargs)

    cook_one_at_a_time.norec_serialised = True
    return cook_one_at_a_time


def includeme(config) -> None:
    if not getattr(BaseTemplate._cook, "norec_serialised", False):
        BaseTemplate._cook = _serialised(BaseTemplate._cook)
