"""The promise to plugins: they import `norec_core` and `norec_core.testing`, nothing else."""

from pathlib import Path

import norec_core
from norec_core.testing import private_core_imports

ROOT = Path(__file__).parent.parent
# Each plugin's package and its tests (not the build's egg-info beside them).
PLUGINS = [p for p in sorted((ROOT / "plugins").glob("*/*")) if (p / "__init__.py").exists()]
PLUGINS += sorted((ROOT / "plugins").glob("*/tests"))


def test_every_plugin_and_the_example_use_only_the_public_surface():
    assert len(PLUGINS) == 8
    assert private_core_imports(*PLUGINS, ROOT / "examples" / "notes") == []


def test_an_internal_import_is_found(tmp_path):
    plugin = tmp_path / "norec_sneaky"
    plugin.mkdir()
    (plugin / "hooks.py").write_text(
        "import norec_core.db\n"
        "from norec_core import Person, hookimpl\n"
        "from norec_core.domain.models import Organisation\n"
        "from norec_core import _consent\n"
        "from norec_core import security\n"
        "from norec_core.testing import make_settings\n"
    )
    found = private_core_imports(plugin)
    assert [line.split(": ", 1)[1] for line in found] == [
        "imports the internal module norec_core.db",
        "imports the internal module norec_core.domain.models",
        "imports _consent from norec_core, not public",
        "imports security from norec_core, not public",
    ]


def test_every_public_name_exists_and_none_is_private():
    assert all(hasattr(norec_core, name) for name in norec_core.__all__)
    assert not [name for name in norec_core.__all__ if name.startswith("_")]


def test_every_public_name_says_what_it_is():
    """Each callable of the surface has a docstring of its own (a model's, not its base
    class's): the surface is the plugins' documentation."""
    import inspect

    import norec_core

    silent = []
    for name in norec_core.__all__:
        obj = getattr(norec_core, name)
        if not callable(obj):
            continue  # constants, described in the module's docstring
        doc = obj.__doc__ or ""
        inherited = inspect.isclass(obj) and any(doc == base.__doc__ for base in obj.__mro__[1:])
        if not doc.strip() or inherited:
            silent.append(name)
    assert silent == []
