"""The fields form schemas are made of, so that a title, a text, a choice or a deadline is
the same field in every plugin: one line or a text area with its length, a whole number
in its range, a choice that accepts only what it offers, a day and a moment in the site's
time zone. Each takes the field's title and colander's keywords (`missing`, `default`,
`description`, `name`, ...). Money is `amount_node` (norec_core.money), a file
`upload_node` (norec_core.files.uploads)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import colander
import deform
from babel.dates import get_timezone_location
from pyramid.i18n import TranslationString

from norec_core.agency import site
from norec_core.clock import SITE_TIMEZONE
from norec_core.forms import date_widget, datetime_widget, existing_record, line_validator
from norec_core.i18n import _

TEXT_LENGTH = 20000  # a text area's longest: some pages of a report


def line_node(title, max_length: int = 300, **kw) -> colander.SchemaNode:
    """One line of text (a title, a name of a place): no line breaks or control
    characters, at least one character unless `missing` is given, at most `max_length`."""
    return colander.SchemaNode(
        colander.String(), title=title, validator=line_validator(max_length), **kw
    )


def text_node(title, max_length: int = TEXT_LENGTH, rows: int = 5, **kw) -> colander.SchemaNode:
    """Text of several paragraphs in a text area of `rows` lines, at most `max_length`
    characters."""
    kw.setdefault("validator", colander.Length(max=max_length))
    return colander.SchemaNode(
        colander.String(), title=title, widget=deform.widget.TextAreaWidget(rows=rows), **kw
    )


def number_node(title, low: int, high: int, **kw) -> colander.SchemaNode:
    """A whole number from `low` to `high` (months, seats, a year): a number beyond them
    is an error at the field, never a value the database cannot hold."""
    return colander.SchemaNode(
        colander.Integer(), title=title, validator=colander.Range(low, high), **kw
    )


def choice_node(
    title, values: Mapping | Iterable[tuple], *, radio: bool = False, **kw
) -> colander.SchemaNode:
    """One of `values` (a mapping or pairs of value and label, in the order shown), as a
    list or, with `radio`, as radio buttons (for a few choices a person should see at
    once). Only an offered value passes; `kw["missing"]` makes the choice optional."""
    pairs = list(values.items()) if isinstance(values, Mapping) else list(values)
    widget = deform.widget.RadioChoiceWidget if radio else deform.widget.SelectWidget
    return colander.SchemaNode(
        colander.String(),
        title=title,
        widget=widget(values=pairs),
        validator=colander.OneOf([value for value, _label in pairs]),
        **kw,
    )


def record_node(
    title, model, options: Callable, message, *, empty=None, **kw
) -> colander.SchemaNode:
    """The id of one record of `model` (a person, an organisation), chosen from a list of
    `options(request)`, pairs of id and label read when the form is bound with the request
    (as `edit_page` and `process_form` bind it). Only the id of a record the database holds
    passes; any other gets `message` at the field. `empty` labels a first, empty choice,
    for a field that may be left out (with `missing=None`)."""

    @colander.deferred
    def widget(node, kw):
        pairs = [(str(record_id), label) for record_id, label in options(kw["request"])]
        return deform.widget.SelectWidget(values=[("", empty), *pairs] if empty else pairs)

    return colander.SchemaNode(
        colander.Integer(),
        title=title,
        widget=widget,
        validator=existing_record(model, message),
        **kw,
    )


def date_node(title, **kw) -> colander.SchemaNode:
    """A day, with the browser's date picker."""
    return colander.SchemaNode(colander.Date(), title=title, widget=date_widget(), **kw)


def _site_time(description=None) -> colander.deferred:
    """ "Time in Oslo" (after the field's own description, if any): the city of the site's
    zone, which a moment typed is read in; known once the form is bound to a request."""

    def described(node, kw) -> TranslationString:
        zone = site(kw["request"].registry).timezone.key
        city = get_timezone_location(zone, locale=kw["request"].locale_name, return_city=True)
        time = _("Time in ${city}", mapping={"city": city})
        if description is None:
            return time
        return _("${description} (${time})", mapping={"description": description, "time": time})

    return colander.deferred(described)


def moment_node(title, description=None, **kw) -> colander.SchemaNode:
    """A moment (a deadline, an opening), typed as the site's local time and kept aware
    of its zone; the description says which zone, after `description` if given."""
    kw["description"] = _site_time(description)
    return colander.SchemaNode(
        colander.DateTime(default_tzinfo=SITE_TIMEZONE),
        title=title,
        widget=datetime_widget(),
        **kw,
    )
