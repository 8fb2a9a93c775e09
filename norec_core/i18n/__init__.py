"""Languages of the interface: those `norec.languages` names (nynorsk, bokmål and English
by default), each with its catalogues, and CLDR's names, dates and numbers through Babel."""

from __future__ import annotations

from babel import Locale
from pyramid.events import ApplicationCreated
from pyramid.httpexceptions import HTTPFound
from pyramid.i18n import TranslationString, TranslationStringFactory, make_localizer
from pyramid.interfaces import ILocalizer, ITranslationDirectories
from pyramid.request import Request
from pyramid.view import view_config
from translationstring import Pluralizer, Translator
from webob.cookies import make_cookie

from norec_core.agency import site

_ = TranslationStringFactory("norec")

COOKIE = "_LOCALE_"
# How Norwegians name their written standards on a switch; other languages by CLDR.
_OWN_NAMES = {"nn": "Nynorsk", "nb": "Bokmål"}


def native_name(code: str) -> str:
    """The language named in itself, as a language switch shows it ("Français")."""
    if code in _OWN_NAMES:
        return _OWN_NAMES[code]
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


def site_languages(request_or_registry) -> dict[str, str]:
    """The site's interface languages, in the switch's order, each named in itself."""
    registry = getattr(request_or_registry, "registry", request_or_registry)
    return {code: native_name(code) for code in site(registry).languages}


def translate(localizer, text):
    """`text` in the localizer's language, with the translation strings in its mapping
    translated too: a text made of translated parts (a newsletter's sections, a relayed
    message's closing line), where Pyramid would translate only the outer one."""
    if isinstance(text, TranslationString) and text.mapping:
        mapping = {
            key: translate(localizer, value) if isinstance(value, TranslationString) else value
            for key, value in text.mapping.items()
        }
        text = TranslationString(text, mapping=mapping)
    return localizer.translate(text)


def site_localizer(registry, locale: str):
    """The localizer of `locale` for this site, made once for the application's life
    (reading the catalogues for each of 12,000 messages would be most of the work) and
    the one `request.localizer` finds. Every message may name the agency as ${agency} or
    ${site_name} without a mapping of its own: this localizer fills them in."""
    found = registry.queryUtility(ILocalizer, name=locale)
    if found is not None:
        return found
    directories = registry.queryUtility(ITranslationDirectories, default=[])
    localizer = make_localizer(locale, directories)
    names = site(registry).names_for(locale)
    translator, pluralizer = Translator(localizer.translations), Pluralizer(localizer.translations)

    def translate_named(tstring, domain=None, mapping=None, context=None):
        if "${agency}" in tstring or "${site_name}" in tstring:
            own = getattr(tstring, "mapping", None) or {}
            mapping = {**names, **own, **(mapping or {})}
        return translator(tstring, domain=domain, mapping=mapping, context=context)

    def pluralize_named(singular, plural, n, domain=None, mapping=None, context=None):
        mapping = {**names, **(mapping or {})}
        return pluralizer(singular, plural, n, domain=domain, mapping=mapping, context=context)

    localizer.translator, localizer.pluralizer = translate_named, pluralize_named
    registry.registerUtility(localizer, ILocalizer, name=locale)
    return localizer


def localizer_for(request: Request, locale: str | None):
    if not locale or locale == request.locale_name:
        return request.localizer
    return site_localizer(request.registry, locale)


def negotiate_locale(request: Request) -> str:
    """The language chosen with the switch, else the browser's preference, else the default."""
    languages = site(request.registry).languages
    chosen = request.cookies.get(COOKIE)
    if chosen in languages:
        return chosen
    # Browsers say "no" for Norwegian without naming the written standard: take bokmål
    # where the site has it.
    offered = [*languages, "no"] if "nb" in languages else list(languages)
    best = request.accept_language.lookup(offered, default="")
    if best:
        return "nb" if best == "no" else best
    return site(request.registry).default_language


# A link (GET) as well as a form: choosing a language changes nothing but this browser's
# cookie, and a public page without a form need not start a session for a CSRF token.
@view_config(route_name="language", request_method=("GET", "POST"), permission="view")
def switch_language(request: Request):
    lang = request.params.get("language")
    came_from = safe_redirect_target(request, request.params.get("came_from"))
    return HTTPFound(came_from, headers=language_cookie(request, lang))


def language_cookie(request: Request, lang: str | None) -> list[tuple[str, str]]:
    """The headers that make `lang` this browser's interface language (none for a language
    the site does not have): set by the switch, at login and when an account's language
    is chosen, so that pages follow the language a person chose for their mail."""
    if lang not in site(request.registry).languages:
        return []
    cookie = make_cookie(COOKIE, lang, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
    return [("Set-Cookie", cookie)]


def safe_redirect_target(request: Request, target: str | None) -> str:
    """A path on this site to go back to; anything else (another host) goes home."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return request.route_path("home")


def _make_localizers(event) -> None:
    # Before the first request, with every plugin's catalogues added: request.localizer
    # then finds the site's own (see `site_localizer`).
    registry = event.app.registry
    for code in site(registry).languages:
        site_localizer(registry, code)


def includeme(config) -> None:
    config.add_subscriber(_make_localizers, ApplicationCreated)
    config.set_locale_negotiator(negotiate_locale)
    config.add_translation_dirs("norec_core:locale/")
    config.add_route("language", "/language")
    config.scan(__name__)
