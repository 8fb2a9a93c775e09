"""What every page shares: navigation from the hooks, the language switch, messages, formats."""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

from babel.dates import format_date, format_skeleton, format_time
from babel.numbers import format_decimal
from pyramid.csrf import get_csrf_token
from pyramid.events import BeforeRender, subscriber
from pyramid.renderers import get_renderer, render
from pyramid.request import Request

from norec_core import clock
from norec_core.agency import Site, site
from norec_core.contributions import Section
from norec_core.i18n import codes, localizer_for, site_languages, texts, translate
from norec_core.i18n.recipients import home_country
from norec_core.money import format_money
from norec_core.security import site_root


class Layout:
    """Template helpers, available in every template as `layout`."""

    def __init__(self, request: Request, locale_name: str | None = None):
        self.request = request
        self.locale_name = locale_name or request.locale_name

    def in_language(self, locale_name: str) -> Layout:
        """The same helpers writing as `locale_name` does: the dates and amounts of a mail
        to someone who reads another language than the page's (see `recipient_language`)."""
        return Layout(self.request, locale_name)

    @property
    def navigation(self) -> list[dict[str, Any]]:
        """The main navigation, in `order`: the core's entries as links, and each plugin's
        as one menu (`items`, titled by its first entry) when it shows more than one, so
        that the bar keeps to one row whatever is installed and whoever looks."""
        request = self.request
        # Against the root: the page's own object must not widen the navigation.
        root = site_root(request)
        current = request.matched_route.name if request.matched_route else None

        def link(entry) -> dict[str, Any]:
            here = current is not None and (
                current == entry.route_name or current.startswith(entry.route_name + ".")
            )
            url = request.route_path(entry.route_name)
            return {"title": entry.title, "url": url, "current": here, "items": []}

        shown = []
        for impl in request.pm.hook.norec_navigation.get_hookimpls():
            entries = sorted(
                (
                    e
                    for e in impl.function(request=request)
                    if request.has_permission(e.permission, root)
                ),
                key=lambda e: (e.order, e.route_name),
            )
            links = [link(e) for e in entries]
            if impl.plugin_name == "core" or len(links) < 2:
                shown += [
                    (e.order, e.route_name, found) for e, found in zip(entries, links, strict=True)
                ]
            else:
                # A plugin's page outside its menu (a member's profile) is still in it.
                prefix = entries[0].route_name.partition(".")[0] + "."
                inside = bool(current and current.startswith(prefix))
                menu = {**links[0], "items": links, "current": inside}
                shown.append((entries[0].order, entries[0].route_name, menu))
        return [found for _order, _name, found in sorted(shown, key=lambda s: s[:2])]

    @property
    def languages(self) -> dict[str, str]:
        return site_languages(self.request)

    @property
    def site(self) -> Site:
        """The agency running the site (`norec_core.agency`)."""
        return site(self.request.registry)

    @property
    def agency(self) -> str:
        """The agency's short name in the page's language ("Norec")."""
        return self.site.short_name_in(self.locale_name)

    @property
    def site_name(self) -> str:
        return self.site.name_in(self.locale_name)

    @property
    def signatory(self) -> str:
        """Who signs the agency's letters, in the page's language."""
        return self.site.signatory_in(self.locale_name)

    @property
    def home_country(self) -> str:
        """The agency's country (`norec.home_country`), an ISO 3166 code."""
        return home_country(self.request.registry.settings)

    @property
    def user(self):
        return self.request.identity

    @property
    def csrf_token(self) -> str:
        return get_csrf_token(self.request)

    @property
    def messages(self) -> list[tuple[str, str]]:
        session = self.request.session
        # Peek first: popping an empty queue marks the session changed, and its cookie
        # would be signed and sent again with every page.
        return [
            (kind, msg)
            for kind in ("success", "error")
            if session.peek_flash(kind)
            for msg in session.pop_flash(kind)
        ]

    def date(self, value: datetime.date | None) -> str:
        return format_date(value, "long", locale=self.locale_name) if value else ""

    def month(self, value: datetime.date | None) -> str:
        """A month and its year ("November 2026", "november 2026")."""
        if not value:
            return ""
        return format_skeleton("yMMMM", value, locale=self.locale_name)

    def datetime(self, value: datetime.datetime | None, zone: str | None = None) -> str:
        """A moment as local time in `zone` (the site's zone by default), with the zone's
        abbreviation, so that nobody has to guess which clock it is on."""
        if value is None:
            return ""
        # The locale's own long date and short time, so that dates read alike everywhere
        # ("May 23, 2030" beside a date alone), and the zone's abbreviation as the time
        # zone database writes it (CET, CEST, EAT): the same in every language, where
        # CLDR's would give "CET" in Norwegian but "+0100" in English.
        local = value.astimezone(zoneinfo.ZoneInfo(zone) if zone else clock.SITE_TIMEZONE)
        locale = self.locale_name
        date, time = (
            format_date(local, "long", locale=locale),
            format_time(local, "short", locale=locale),
        )
        return f"{date} {time} {zone_abbreviation(local)}"

    def number(self, value) -> str:
        """A number as the viewer's language writes it (12 000 in Norwegian)."""
        return format_decimal(value, locale=self.locale_name)

    def money(self, amount, currency: str) -> str:
        """An amount with its currency as the viewer's language writes it."""
        return format_money(amount, currency, self.locale_name)

    @property
    def countries(self) -> dict[str, str]:
        """Every country's name by its ISO 3166 code, in the reader's language and order."""
        return codes.country_names(self.locale_name)

    def country(self, code: str | None) -> str:
        return codes.country_name(code, self.locale_name)

    @property
    def language_names(self) -> dict[str, str]:
        """Every language's name by its ISO 639-1 code, in the reader's language and order
        (`languages` are the interface's own)."""
        return codes.language_names(self.locale_name)

    def language(self, code: str) -> str:
        return codes.language_name(code, self.locale_name)

    def text(self, record, field: str, markup: bool = True):
        """A text the agency wrote (`norec_core.i18n.texts`) in the reader's language, or
        its fallback, marked with its own language if not the page's (`markup=False`
        for an attribute, a page title or a mail: the text alone)."""
        default = self.request.registry.settings.get("pyramid.default_locale_name", "nb")
        text, language = texts.text_in(record, field, self.locale_name, default)
        return texts.marked(text, language, self.locale_name) if markup else text

    def translate(self, term) -> str:
        """A translation string in the reader's language, the parts in its mapping too."""
        return translate(localizer_for(self.request, self.locale_name), term)

    def sections(self, sections: list[Section] | list[list[Section]]) -> list[dict[str, str]]:
        """Render sections in their declared order; a hook's list of lists is flattened."""
        sections = [s for item in sections for s in (item if isinstance(item, list) else [item])]
        return [
            {
                "title": s.title,
                "html": render(s.template, {**s.values, "request": self.request}, self.request),
            }
            for s in sorted(sections, key=lambda s: (s.order, str(s.title)))
        ]


def flash(request: Request, message, kind: str = "success") -> None:
    """Queue a message for the next page, translated now: the session stores plain text."""
    request.session.flash(request.localizer.translate(message), kind)


@subscriber(BeforeRender)
def _add_layout(event: BeforeRender) -> None:
    request = event.get("request")
    if request is not None and "layout" not in event:
        event["layout"] = request.layout
        # Shared macros (filters, pagination, sections), for the plugins' templates too.
        event["macros"] = get_renderer("norec_core:templates/macros.pt").implementation().macros


def includeme(config) -> None:
    config.add_request_method(lambda r: r.registry["norec.pm"], "pm", reify=True)
    # The same helpers in Python as in templates: a message that names a date or an
    # amount writes it as the reader's language does.
    config.add_request_method(Layout, "layout", reify=True)
    config.add_static_view("static/core", "norec_core:static/", cache_max_age=3600)
    config.scan(__name__)


def zone_abbreviation(moment: datetime.datetime) -> str:
    """The abbreviation of `moment`'s zone ("CET", "EAT"); a zone that has none (Nepal's,
    "+0545" in the database) reads as its offset from UTC ("UTC+05:45")."""
    name = moment.tzname() or ""
    if name and name[0] not in "+-":
        return name
    total = int((moment.utcoffset() or datetime.timedelta(0)).total_seconds()) // 60
    sign = "+" if total >= 0 else "-"
    hours, minutes = divmod(abs(total), 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}" if minutes else f"UTC{sign}{hours:02d}"
