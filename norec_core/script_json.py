"""Data embedded in a page's <script> block (JSON-LD, a chart's figures).

A script element ends at the first `</script`, and `<!--` inside one changes how the
HTML parser looks for that end, so a title like `<!--<script>` would swallow the rest of
the page. JSON lets `<`, `>` and `&` be written as escapes: the data stays the same and
no markup is left inside the block.
"""

from __future__ import annotations

import json
from typing import Any

_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def script_json(value: Any) -> str:
    """`value` as JSON safe to place inside a <script> block (with `structure:`)."""
    return json.dumps(value, ensure_ascii=False).translate(_ESCAPES)
