"""Chameleon's template compilation, one template at a time.

Chameleon compiles a template to Python on its first use, through the `ast` module.
CPython 3.11 keeps the AST converter's recursion depth per interpreter, not per thread,
so two threads of waitress compiling at once can fail with "AST constructor recursion
depth mismatch" (a 500 on a cold process under load). Compiling happens once per
template, so a lock around it costs nothing once the pages are warm.

Without its disk cache, Chameleon compiles each template object anew, and Pyramid makes
one per application: every app a process builds (the tests build hundreds; `norec`
commands build one beside the web app) compiled every page again, a third of a second
for a page of macros. The compiled module is kept per process under the name Chameleon
gives it, a digest of the template's text, class and file, which is the key of its own
disk cache too: one text, one compiled program.
"""

from __future__ import annotations

import functools
import threading

from chameleon.template import BaseTemplate

_compiling = threading.Lock()
_compiled: dict[tuple, dict] = {}


def _serialised(cook):
    @functools.wraps(cook)
    def cook_one_at_a_time(self, body, name, builtins):
        key = (name, tuple(builtins))
        with _compiling:
            if key not in _compiled:
                _compiled[key] = cook(self, body, name, builtins)
            return _compiled[key]

    cook_one_at_a_time.norec_serialised = True
    return cook_one_at_a_time


def includeme(config) -> None:
    if not getattr(BaseTemplate._cook, "norec_serialised", False):
        BaseTemplate._cook = _serialised(BaseTemplate._cook)
