"""The agency that runs this site, by settings alone: its names, logo, colours, address,
organisation number and signatory, the footer, the interface languages, the currency
and the time zone. Norec's values are in `development.ini`; a sister agency sets its own
and no template, mail or letter names anyone else.

    norec.site_name = France Volontaires : la plateforme des volontariats
    norec.site_name.en = France Volontaires : the volunteering platform
    norec.short_name = France Volontaires
    norec.logo = /etc/norec/logo.svg
    norec.colours = primary #00558c
                    header #00558c
                    header_text #ffffff
    norec.address = 6 rue Truillot
                    94200 Ivry-sur-Seine
    norec.organisation_number = SIRET 424 444 018 00046
    norec.signatory = Jeanne Martin, déléguée générale
    norec.signatory.en = Jeanne Martin, Director General
    norec.footer = France Volontaires, plateforme des volontariats internationaux
    norec.languages = fr en
    norec.currency = EUR
    norec.timezone = Europe/Paris

Every message may name the agency as `${agency}` (the short name) or `${site_name}`
without a mapping of its own: the site's localizers supply both (`names_for`).
"""

from __future__ import annotations

import base64
import dataclasses
import mimetypes
import re
import zoneinfo
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.numbers import list_currencies
from pyramid.threadlocal import get_current_registry

DEFAULT_LANGUAGES = ("nn", "nb", "en")
DEFAULT_CURRENCY = "NOK"
DEFAULT_TIMEZONE = "Europe/Oslo"
DEFAULT_NAME = "Exchange platform"
# What each colour is for, and the colour it must stand out against (WCAG 2.1 AA, 4.5:1
# for text): links and buttons on white, white on buttons, the header's text on it.
DEFAULT_COLOURS = {"primary": "#1a4f8b", "header": "#ffffff", "header_text": "#1f2328"}
CONTRASTS = (("primary", "#ffffff"), ("header_text", "header"))
LOGO_TYPES = {"image/svg+xml", "image/png", "image/jpeg", "image/webp"}
LOGO_MAX_BYTES = 512 * 1024


class SiteSettingError(ValueError):
    """A `norec.*` identity setting that cannot be used; the message says which and why."""


@dataclasses.dataclass(frozen=True)
class Site:
    name: str
    short_name: str
    # The names in other languages than the setting's own: {"en": (name, short name)}.
    names: dict[str, tuple[str, str]]
    languages: tuple[str, ...]
    default_language: str
    currency: str
    timezone: zoneinfo.ZoneInfo
    colours: dict[str, str]
    address: tuple[str, ...] = ()
    organisation_number: str = ""
    signatory: str = ""
    footer: str = ""
    logo: bytes | None = None
    logo_type: str = ""
    # The signatory in other languages than the setting's own: {"en": "Grants section"}.
    signatories: dict[str, str] = dataclasses.field(default_factory=dict)

    def name_in(self, language: str | None) -> str:
        return self.names.get(language or "", (self.name, self.short_name))[0]

    def short_name_in(self, language: str | None) -> str:
        return self.names.get(language or "", (self.name, self.short_name))[1]

    def signatory_in(self, language: str | None) -> str:
        return self.signatories.get(language or "", self.signatory)

    def names_for(self, language: str | None) -> dict[str, str]:
        """The mapping every message of the site is translated with."""
        return {"agency": self.short_name_in(language), "site_name": self.name_in(language)}

    @property
    def css(self) -> str:
        """The colours as CSS custom properties, which norec.css applies: each as written
        and as the red, green, blue triplet Bootstrap's link colours take."""
        rules = []
        for key, value in self.colours.items():
            name = f"--norec-{key.replace('_', '-')}"
            rgb = ",".join(str(int(value[i : i + 2], 16)) for i in (1, 3, 5))
            rules.append(f"{name}:{value};{name}-rgb:{rgb};")
        return f":root{{{''.join(rules)}}}\n"

    @property
    def logo_data_uri(self) -> str | None:
        """The logo inside a letter (a PDF made without fetching anything)."""
        if self.logo is None:
            return None
        return f"data:{self.logo_type};base64,{base64.b64encode(self.logo).decode()}"


def _lines(value: str | None) -> tuple[str, ...]:
    return tuple(line.strip() for line in (value or "").splitlines() if line.strip())


def languages_setting(settings) -> tuple[str, ...]:
    """`norec.languages`, in the order the language switch shows them."""
    codes = tuple((settings.get("norec.languages") or " ".join(DEFAULT_LANGUAGES)).split())
    for code in codes:
        try:
            Locale.parse(code)
        except (ValueError, UnknownLocaleError):
            raise SiteSettingError(
                f"norec.languages: {code!r} is not a language CLDR knows (such as fr or nb)"
            ) from None
    if not codes or len(set(codes)) != len(codes):
        raise SiteSettingError("norec.languages names each language once, at least one")
    return codes


def _relative_luminance(colour: str) -> float:
    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    """WCAG 2.1's contrast ratio of two colours written #rrggbb (1 to 21)."""
    lighter, darker = sorted((_relative_luminance(one), _relative_luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def colours_setting(value: str | None) -> dict[str, str]:
    colours = dict(DEFAULT_COLOURS)
    for line in _lines(value):
        name, _sep, colour = line.partition(" ")
        colour = colour.strip().lower()
        if name not in DEFAULT_COLOURS:
            raise SiteSettingError(
                f"norec.colours: {name!r} is not one of {', '.join(DEFAULT_COLOURS)}"
            )
        if re.fullmatch(r"#[0-9a-f]{3}", colour):
            colour = "#" + "".join(c * 2 for c in colour[1:])
        if not re.fullmatch(r"#[0-9a-f]{6}", colour):
            raise SiteSettingError(f"norec.colours: {name} is {colour!r}; write it as #rrggbb")
        colours[name] = colour
    for name, against in CONTRASTS:
        ground = colours.get(against, against)
        ratio = contrast(colours[name], ground)
        if ratio < 4.5:
            raise SiteSettingError(
                f"norec.colours: {name} {colours[name]} on {ground} has a contrast of "
                f"{ratio:.2f}:1; WCAG 2.1 AA asks at least 4.5:1 for text"
            )
    return colours


def _logo(path: str | None) -> tuple[bytes | None, str]:
    if not path:
        return None, ""
    kind = mimetypes.guess_type(path)[0] or ""
    if kind not in LOGO_TYPES:
        raise SiteSettingError(f"norec.logo: {path} is not an SVG, PNG, JPEG or WebP file")
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise SiteSettingError(f"norec.logo: cannot read {path}: {error.strerror}") from None
    if len(data) > LOGO_MAX_BYTES:
        raise SiteSettingError(f"norec.logo: {path} is over {LOGO_MAX_BYTES // 1024} KiB")
    return data, kind


def site_from_settings(settings) -> Site:
    """The site as its settings describe it; a setting that cannot be used is an error
    that names it, at start-up rather than on a page."""
    languages = languages_setting(settings)
    default = settings.get("pyramid.default_locale_name") or languages[0]
    if default not in languages:
        default = languages[0]
    currency = (settings.get("norec.currency") or DEFAULT_CURRENCY).strip().upper()
    if currency not in list_currencies():
        raise SiteSettingError(f"norec.currency: {currency!r} is not an ISO 4217 currency code")
    zone_name = (settings.get("norec.timezone") or DEFAULT_TIMEZONE).strip()
    try:
        zone = zoneinfo.ZoneInfo(zone_name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise SiteSettingError(
            f"norec.timezone: {zone_name!r} is not an IANA time zone (such as Europe/Paris)"
        ) from None
    name = (settings.get("norec.site_name") or DEFAULT_NAME).strip()
    short_name = (settings.get("norec.short_name") or name).strip()
    names = {}
    for language in languages:
        local_name = settings.get(f"norec.site_name.{language}")
        local_short = settings.get(f"norec.short_name.{language}")
        if local_name or local_short:
            names[language] = ((local_name or name).strip(), (local_short or short_name).strip())
    signatories = {
        language: settings[f"norec.signatory.{language}"].strip()
        for language in languages
        if settings.get(f"norec.signatory.{language}")
    }
    logo, logo_type = _logo(settings.get("norec.logo"))
    return Site(
        name=name,
        short_name=short_name,
        names=names,
        languages=languages,
        default_language=default,
        currency=currency,
        timezone=zone,
        colours=colours_setting(settings.get("norec.colours")),
        address=_lines(settings.get("norec.address")),
        organisation_number=(settings.get("norec.organisation_number") or "").strip(),
        signatory=(settings.get("norec.signatory") or "").strip(),
        footer=(settings.get("norec.footer") or "").strip(),
        logo=logo,
        logo_type=logo_type,
        signatories=signatories,
    )


_UNCONFIGURED = site_from_settings({})


def site(registry=None) -> Site:
    """The site of `registry`, else of the application being served (a request, the
    worker, a command: each makes its registry current), else the defaults."""
    registry = registry if registry is not None else get_current_registry()
    found = registry.get("norec.site") if hasattr(registry, "get") else None
    return found or _UNCONFIGURED


def includeme(config) -> None:
    settings = config.get_settings()
    found = site_from_settings(settings)
    config.registry["norec.site"] = found
    # Pyramid's own uses of the default language (a request without one) agree.
    settings["pyramid.default_locale_name"] = found.default_language
