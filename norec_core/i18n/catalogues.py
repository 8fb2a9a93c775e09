"""Message catalogues: extract a package's strings, keep each language's up to date, compile.

Used by `norec i18n` for the core and every plugin: a package's catalogues live in
`<package>/locale/<language>/LC_MESSAGES/`, its domain is the package name (the core's is
"norec"). The languages a package has are the folders there; `norec i18n add fr` starts
one. English is the source language and has no catalogue. Extraction needs lingua:
`pip install 'norec-core[i18n]'` (the test extra has it too).
"""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from importlib.resources import files
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

# Validation messages of colander and deform, for the languages they ship none of
# (Norwegian): a language they have (French, German) is theirs.
BORROWED = {"norec_core": ("colander", "deform")}


class MissingTool(RuntimeError):
    """What extracting the strings needs is not installed; the message says what to do."""


def domain_of(package: str) -> str:
    return "norec" if package == "norec_core" else package


def locale_dir(package: str) -> Path:
    return Path(str(files(package))) / "locale"


def extract(package: str) -> Catalog:
    """The catalogue of translatable strings in the package's Python code and templates."""
    source = Path(str(files(package)))
    pot_create = Path(sys.executable).with_name("pot-create")
    if not pot_create.exists():
        raise MissingTool("norec i18n update needs lingua: pip install 'norec-core[i18n]'")
    with tempfile.TemporaryDirectory() as tmp:
        pot = Path(tmp) / "messages.pot"
        subprocess.run(
            [
                str(pot_create),
                "--domain",
                domain_of(package),
                "--no-location",
                "--sort-output",
                "--output",
                str(pot),
                str(source),
            ],
            check=True,
            capture_output=True,
            cwd=source,
        )
        with pot.open("rb") as f:
            return read_po(f)


def _template(package: str, domain: str) -> Catalog:
    if domain == domain_of(package):
        return extract(package)
    with open(Path(str(files(domain))) / "locale" / f"{domain}.pot", "rb") as f:
        return read_po(f)


def _domains(package: str) -> list[str]:
    return [domain_of(package), *BORROWED.get(package, ())]


def languages(package: str) -> list[str]:
    """The languages the package has catalogues for, by their folders in `locale/`."""
    base = locale_dir(package)
    found = base.glob(f"*/LC_MESSAGES/{domain_of(package)}.po") if base.is_dir() else ()
    return sorted(po.parent.parent.name for po in found)


def _catalogues(package: str, domain: str) -> list[tuple[str, Path]]:
    """Each language's .po of `domain`; a borrowed domain only where its library has none."""
    base = locale_dir(package)
    if domain != domain_of(package):
        theirs = locale_dir(domain)
        wanted = [lang for lang in languages(package) if not (theirs / lang).is_dir()]
    else:
        wanted = languages(package)
    return [(lang, base / lang / "LC_MESSAGES" / f"{domain}.po") for lang in wanted]


def add(package: str, language: str) -> list[Path]:
    """Start the package's catalogues for `language` (an empty .po for each domain), then
    update them all: the strings are there to translate."""
    try:
        Locale.parse(language)
    except (ValueError, UnknownLocaleError) as error:
        raise ValueError(f"{language!r} is not a language CLDR knows: {error}") from None
    po = locale_dir(package) / language / "LC_MESSAGES" / f"{domain_of(package)}.po"
    if not po.exists():
        po.parent.mkdir(parents=True, exist_ok=True)
        _write(po, Catalog(locale=language, domain=domain_of(package)))
    return update(package)


def update(package: str) -> list[Path]:
    """Write the .pot, merge it into each locale's .po, and compile the .mo files."""
    written = []
    for domain in _domains(package):
        template = _template(package, domain)
        base = locale_dir(package)
        base.mkdir(exist_ok=True)
        if domain == domain_of(package):
            _write(base / f"{domain}.pot", template)
        for locale, po in _catalogues(package, domain):
            po.parent.mkdir(parents=True, exist_ok=True)
            if po.exists():
                with po.open("rb") as f:
                    catalog = read_po(f, locale=locale)
                catalog.update(template, no_fuzzy_matching=True)
            else:
                catalog = Catalog(locale=locale, domain=domain)
                catalog.update(template)
            _write(po, catalog)
            written.append(po)
    compile_all(package)
    return written


def _write(path: Path, catalog: Catalog) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, omit_header=False, sort_output=True, ignore_obsolete=True)
    path.write_bytes(buffer.getvalue())


def _mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def _key(value):
    # A plural entry's id and translations are a pair (a list as read from a .mo file).
    return tuple(value) if isinstance(value, (list, tuple)) else value


def _filled(string) -> bool:
    """Translated, in every plural form the entry has."""
    return all(string) if isinstance(string, (list, tuple)) else bool(string)


def _translations(catalog: Catalog) -> dict:
    """What a catalogue translates, as gettext reads it: its header (which names the Babel
    version that wrote it) aside, so that a newer Babel does not make every .mo stale."""
    return {
        _key(m.id): _key(m.string) for m in catalog if m.id and _filled(m.string) and not m.fuzzy
    }


def _compiled(mo: Path) -> dict:
    with mo.open("rb") as f:
        return _translations(read_mo(f))


def compile_all(package: str) -> None:
    for po in sorted(locale_dir(package).glob("*/LC_MESSAGES/*.po")):
        with po.open("rb") as f:
            po.with_suffix(".mo").write_bytes(_mo_bytes(read_po(f)))


VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"})


class _Interpolations(HTMLParser):
    """Where `${…}` stands in the text of an element with `i18n:translate`: Chameleon fills
    it in before it translates, so the message looked up ("Dear Kari,") is never the one
    extracted ("Dear ${name},") and the text stays as written, without an error."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.lines: list[int] = []

    def handle_starttag(self, tag, attrs):
        names = {name for name, _value in attrs}
        translating = bool(self.stack and self.stack[-1][1]) or "i18n:translate" in names
        # A named or replaced element's content is not part of the message.
        if names & {"i18n:name", "tal:content", "tal:replace"}:
            translating = False
        if tag not in VOID:
            self.stack.append((tag, translating))

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if "${" in data and self.stack and self.stack[-1][1]:
            self.lines.append(self.getpos()[0])


def interpolated_messages(text: str) -> list[int]:
    """The lines of a template where `${…}` is inside a translated text (see
    `_Interpolations`); name it instead: `<tal:n i18n:name="name" replace="name"/>`."""
    parser = _Interpolations()
    parser.feed(text)
    parser.close()
    return parser.lines


def problems(package: str) -> list[str]:
    """What is stale or missing: strings not in the .pot, untranslated, or not compiled,
    and texts of templates that cannot be translated (`interpolated_messages`)."""
    found = []
    source = Path(str(files(package)))
    for template in sorted(source.rglob("*.pt")):
        for line in interpolated_messages(template.read_text(encoding="utf-8")):
            found.append(
                f"{template.relative_to(source.parent)}:{line}: ${{…}} in a translated text is "
                'filled in before translating; name it: <tal:n i18n:name="n" replace="n"/>'
            )
    for domain in _domains(package):
        template = _template(package, domain)
        wanted = {m.id for m in template if m.id}
        if domain == domain_of(package):
            with (locale_dir(package) / f"{domain}.pot").open("rb") as f:
                if {m.id for m in read_po(f) if m.id} != wanted:
                    found.append(f"{package}: {domain}.pot is stale; run `norec i18n update`")
        for locale, po in _catalogues(package, domain):
            if not po.exists():
                found.append(f"{package}: {po} is missing")
                continue
            with po.open("rb") as f:
                catalog = read_po(f, locale=locale)
            untranslated = sorted(
                str(m.id) for m in catalog if m.id in wanted and (not _filled(m.string) or m.fuzzy)
            )
            missing = sorted(str(i) for i in wanted - {m.id for m in catalog})
            if untranslated or missing:
                found.append(f"{package} {locale}/{domain}: untranslated {missing + untranslated}")
            mo = po.with_suffix(".mo")
            if not mo.exists() or _compiled(mo) != _translations(catalog):
                found.append(f"{package}: {mo} is not compiled from {po.name}")
    return found
