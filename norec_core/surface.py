"""What a plugin may import of norec_core: `norec_core` (its `__all__`) and
`norec_core.testing`. `private_core_imports` finds where a plugin imports more."""

from __future__ import annotations

import ast
import functools
from pathlib import Path

PUBLIC_MODULES = ("norec_core", "norec_core.testing")


def private_core_imports(*roots: Path) -> list[str]:
    """Where the Python files under `roots` import more of norec_core than its public surface.

    A plugin may import `norec_core` and `norec_core.testing`, and from them only names
    that do not begin with an underscore. Returns one line per offence, "file:line: what";
    a plugin's own test suite can assert it is empty.
    """

    found = []
    for root in roots:
        for path in sorted(Path(root).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    modules = [(alias.name, None) for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    modules = [(node.module, [alias.name for alias in node.names])]
                else:
                    continue
                for module, names in modules:
                    if module.split(".")[0] != "norec_core":
                        continue
                    where = f"{path}:{node.lineno}"
                    if module not in PUBLIC_MODULES:
                        found.append(f"{where}: imports the internal module {module}")
                    for name in names or ():
                        if name.startswith("_") or (
                            module == "norec_core" and name not in _public_names()
                        ):
                            found.append(f"{where}: imports {name} from {module}, not public")
    return found


@functools.cache
def _public_names() -> frozenset[str]:
    import norec_core

    # Submodules that are public in themselves are importable by name too.
    return frozenset(norec_core.__all__) | {"testing"}
