"""Every list page of every plugin, in nynorsk and in bokmål, holds no English sentence of
the catalogues' (the core's and the plugins'): the shared list controls, the filters,
the pagination and the export links included, whichever template uses them."""

from __future__ import annotations

import re
from importlib.resources import files

import pytest
from babel.messages.pofile import read_po
from pyramid.interfaces import IRoutesMapper

from norec_core import test_browsers
from norec_core.plugins import installed_plugins

LANGUAGES = ("nn", "nb")


def _catalogue(package: str, domain: str, language: str):
    path = files(package) / "locale" / language / "LC_MESSAGES" / f"{domain}.po"
    with open(str(path), "rb") as f:
        return read_po(f)


def _pairs(catalogue):
    """(English, translation) of each message; a plural one gives its singular and its
    plural (the first two of the language's forms)."""
    for message in catalogue:
        if isinstance(message.id, tuple):
            yield from zip(message.id, message.string or ("", ""), strict=False)
        else:
            yield message.id, message.string


def _pattern(msgid: str) -> re.Pattern:
    """A msgid as the page shows it: each ${name} stands for something."""
    parts = re.split(r"\$\{\w+\}", msgid)
    return re.compile(".+?".join(re.escape(p) for p in parts), re.S)


@pytest.fixture(scope="module")
def english_left():
    """By language: the English texts that the language translates otherwise, indexed
    by their first word (a page's text is looked up by its own)."""
    packages = {"norec_core": "norec"} | {
        ep.value.split(".")[0]: ep.value.split(".")[0] for ep in installed_plugins().values()
    }
    found: dict[str, dict[str, list]] = {}
    for language in LANGUAGES:
        by_word: dict[str, list] = {}
        for package, domain in packages.items():
            try:
                catalogue = _catalogue(package, domain, language)
            except FileNotFoundError:
                continue
            for msgid, string in _pairs(catalogue):
                # Words that read alike in both (CSV, Excel, a name) are no leftover.
                if not msgid or not string or string == msgid:
                    continue
                if len(msgid.split()) < 2 and not re.fullmatch(r"[A-Z][a-z]{3,}", msgid):
                    continue
                first = msgid.split()[0]
                if first.startswith("${"):
                    continue
                by_word.setdefault(first, []).append((msgid, _pattern(msgid)))
        found[language] = by_word
    return found


def _texts(page) -> list[str]:
    soup = page.html
    # Scripts are no text; what is marked as another language is meant to be (the names
    # of the languages in the switch, each in its own).
    for hidden in soup(["script", "style"]) + soup.find_all(
        lambda e: e.has_attr("lang") and e.name != "html"
    ):
        hidden.decompose()
    texts = [" ".join(e.get_text(" ").split()) for e in soup.find_all(True) if e.get_text()]
    texts += [
        e[a] for a in ("aria-label", "title", "placeholder") for e in soup.find_all(attrs={a: True})
    ]
    return texts


def _list_pages(app) -> list[str]:
    """Every plugin page without a record in its path, answered to an administrator."""
    mapper = app.registry.queryUtility(IRoutesMapper)
    plugins = {info.name for info in app.registry["norec.pm"].norec_plugins}
    return sorted(
        "/" + route.pattern.lstrip("/")
        for route in mapper.get_routes()
        if route.name.split(".")[0] in plugins and "{" not in route.pattern
    )


BUNDLE = "grants network multilateral research"


@pytest.fixture(scope="module")
def bundle(migrated_database):
    """The four plugins Norec runs, without the test plugin (which is not translated)."""
    from norec_core.app import main

    app = main({}, **{**migrated_database, "norec.plugins": BUNDLE})
    yield app
    app.registry["norec.db_engine"].dispose()


@pytest.mark.bundle
@pytest.mark.norec_backends("sqlite")
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_english_is_left_on_the_plugins_pages(bundle, english_left, language):
    app = bundle
    # Not the `testapp` fixture: its rolled-back connection would hold the SQLite file.
    admin_app = test_browsers.testapp_class()(app, extra_environ={"HTTP_HOST": "localhost"})
    admin_app.login()
    admin_app.set_cookie("_LOCALE_", language)
    left = {}
    pages = 0
    for path in _list_pages(app):
        page = admin_app.get(path, status="*")
        if page.status_int != 200 or "html" not in page.content_type:
            continue
        pages += 1
        for text in _texts(page):
            first = text.split()[0] if text.split() else ""
            for msgid, pattern in english_left[language].get(first, ()):
                if pattern.fullmatch(text):
                    left.setdefault(path, set()).add(msgid)
    assert pages >= 35  # 39 when this was written
    assert left == {}
