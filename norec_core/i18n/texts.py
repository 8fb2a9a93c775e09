"""Texts the agency writes (titles, descriptions, help) given in each language of the site.

A record's own columns hold its texts as first written, in `text_language` (the site's
default language when empty); `translations` holds the same fields in other languages,
`{"en": {"title": "…", "description": "…"}}`. A reader is shown, in this order of
fallback: the text in their language; for a reader of one Norwegian written standard,
the other (every reader of nynorsk reads bokmål, and the reverse); the text as first
written. A text shown in another language than the page's is marked with its own, so
that a screen reader speaks it in the right voice.
"""

from __future__ import annotations

import colander
import deform
from markupsafe import Markup, escape
from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from norec_core.agency import site
from norec_core.i18n import _, codes

# The written standard a reader of the key reads as well.
_SISTER = {"nn": "nb", "nb": "nn"}


class Translatable:
    """Mix into a model whose texts the agency writes, to give them in several languages."""

    text_language: Mapped[str | None] = mapped_column(String(5))
    translations: Mapped[dict | None] = mapped_column(JSON, default=dict)


def text_in(record, field: str, language: str, default_language: str) -> tuple[str, str]:
    """`field` of `record` for a reader of `language`, and the language it is in."""
    own = record.text_language or default_language
    translations = record.translations or {}
    for candidate in (language, _SISTER.get(language)):
        if candidate == own:
            break
        text = (translations.get(candidate) or {}).get(field)
        if text:
            return text, candidate
    return getattr(record, field) or "", own


def marked(text: str, language: str, page_language: str) -> Markup:
    """`text`, escaped, inside an element naming its language if not the page's."""
    if language == page_language or not text:
        return escape(text)
    return Markup('<span lang="{}">{}</span>').format(language, text)


# "Title in English": the language named in the page's, as a sentence of its own, so that
# no bare language name is left untranslated.
_IN_LANGUAGE = {
    "nn": lambda field: _("${field} in nynorsk", mapping={"field": field}),
    "nb": lambda field: _("${field} in bokmål", mapping={"field": field}),
    "en": lambda field: _("${field} in English", mapping={"field": field}),
    "fr": lambda field: _("${field} in French", mapping={"field": field}),
}


def _label(title, language: str, page_language: str):
    if language in _IN_LANGUAGE:
        return _IN_LANGUAGE[language](title)
    name = codes.language_name(language, page_language)
    return _("${field} (${language})", mapping={"field": title, "language": name})


def translations_node(fields: dict[str, tuple], name: str = "translations") -> colander.Schema:
    """The form's part for the texts in each language: `fields` maps a field's name to
    its title and whether it takes several lines, e.g.
    `{"title": (_("Title"), False), "description": (_("Description"), True)}`. Each is
    optional; an empty one falls back as the module says. The inputs are named
    `title_nn`, `title_en`…, so that no two inputs of the form share a name."""
    group = colander.SchemaNode(
        colander.Mapping(),
        name=name,
        title=_("In other languages"),
        description=_(
            "Leave a text empty where it is the same as above: readers of that language "
            "then see the text above (readers of nynorsk see bokmål before it, and the "
            "reverse)."
        ),
        missing={},
        # The site's languages are known once the form is bound to a request.
        after_bind=lambda node, kw: _add_languages(node, fields, kw["request"]),
    )
    return group


def _add_languages(group: colander.SchemaNode, fields: dict, request) -> None:
    for language in site(request.registry).languages:
        for field, (title, multiline) in fields.items():
            group.add(
                colander.SchemaNode(
                    colander.String(),
                    name=f"{field}_{language}",
                    title=_label(title, language, request.locale_name),
                    missing="",
                    validator=colander.Length(max=20000 if multiline else 300),
                    widget=deform.widget.TextAreaWidget(rows=4)
                    if multiline
                    else deform.widget.TextInputWidget(),
                )
            )


def translations_to_form(translations: dict | None) -> dict:
    """A record's `translations` as the form's part holds them."""
    return {
        f"{field}_{language}": text
        for language, texts in (translations or {}).items()
        for field, text in texts.items()
    }


@colander.deferred
def _language_widget(node, kw):
    # Named in the page's language, as CLDR names them ("norsk nynorsk", "engelsk").
    locale = kw["request"].locale_name
    return deform.widget.SelectWidget(
        values=[
            (code, codes.language_name(code, locale))
            for code in site(kw["request"].registry).languages
        ]
    )


@colander.deferred
def _site_language(node, kw):
    return colander.OneOf(list(site(kw["request"].registry).languages))


def text_language_node(name: str = "text_language") -> colander.SchemaNode:
    """The language of a record's texts as first written."""
    return colander.SchemaNode(
        colander.String(),
        name=name,
        title=_("Language of the texts above"),
        widget=_language_widget,
        validator=_site_language,
        missing=None,
    )


def translations_from_form(data: dict) -> dict:
    """What a form's `translations` part holds, by language, without the empty texts."""
    kept: dict[str, dict] = {}
    for name, text in (data or {}).items():
        field, _sep, language = name.rpartition("_")
        if language and text and text.strip():
            kept.setdefault(language, {})[field] = text.strip()
    return kept
