"""Languages of the interface: nynorsk, bokmål and English."""

from __future__ import annotations

from pyramid.httpexceptions import HTTPFound
from pyramid.i18n import TranslationString, TranslationStringFactory, make_localizer
from pyramid.interfaces import ITranslationDirectories
from pyramid.request import Request
from pyramid.view import view_config
from webob.cookies import make_cookie

_ = TranslationStringFactory("norec")

LANGUAGES = {"nn": "Nynorsk", "nb": "Bokmål", "en": "English"}
COOKIE = "_LOCALE_"


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


def localizer_for(request: Request, locale: str | None):
    if not locale or locale == request.locale_name:
        return request.localizer
    # One localizer per language for the application's life: reading the catalogues
    # for each of 12,000 messages would be most of the work.
    cache = request.registry.setdefault("norec.localizers", {})
    if locale not in cache:
        directories = request.registry.queryUtility(ITranslationDirectories, default=[])
        cache[locale] = make_localizer(locale, directories)
    return cache[locale]


def negotiate_locale(request: Request) -> str:
    """The language chosen with the switch, else the browser's preference, else the default."""
    chosen = request.cookies.get(COOKIE)
    if chosen in LANGUAGES:
        return chosen
    # Browsers say "no" for Norwegian without naming the written standard: take bokmål.
    best = request.accept_language.lookup([*LANGUAGES, "no"], default="")
    if best:
        return "nb" if best == "no" else best
    return request.registry.settings.get("pyramid.default_locale_name", "nb")


# A link (GET) as well as a form: choosing a language changes nothing but this browser's
# cookie, and a public page without a form need not start a session for a CSRF token.
@view_config(route_name="language", request_method=("GET", "POST"), permission="view")
def switch_language(request: Request):
    lang = request.params.get("language")
    came_from = safe_redirect_target(request, request.params.get("came_from"))
    return HTTPFound(came_from, headers=language_cookie(lang))


def language_cookie(lang: str | None) -> list[tuple[str, str]]:
    """The headers that make `lang` this browser's interface language (none for a language
    the platform does not have): set by the switch, at login and when an account's
    language is chosen, so that pages follow the language a person chose for their mail."""
    if lang not in LANGUAGES:
        return []
    cookie = make_cookie(COOKIE, lang, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
    return [("Set-Cookie", cookie)]


def safe_redirect_target(request: Request, target: str | None) -> str:
    """A path on this site to go back to; anything else (another host) goes home."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return request.route_path("home")


def includeme(config) -> None:
    config.set_locale_negotiator(negotiate_locale)
    config.add_translation_dirs("norec_core:locale/")
    config.add_route("language", "/language")
    config.scan(__name__)
