"""Forms: colander schemas rendered by deform, with the CSRF token, translated messages and
errors announced to screen readers."""

from __future__ import annotations

import copy
import datetime
import itertools
import unicodedata
from importlib.resources import files

import colander
import deform
from pyramid.csrf import get_csrf_token
from pyramid.i18n import get_localizer
from pyramid.request import Request
from pyramid.threadlocal import get_current_request
from sqlalchemy import select

from norec_core.i18n import _, translate
from norec_core.resources import parse_id

SAVE = _("Save")
# What deform says of a post whose parts are out of shape (a script's, or a page older
# than the form): words for programmers, which a person is told in their own words.
MISSHAPEN_FIELD = _("This field was sent in a shape the form cannot read: fill it in again.")
MISSHAPEN_FORM = _(
    "The form was sent in a shape it cannot read: load the page again and fill it in."
)
_DEFORM_SHAPE_ERRORS = ("Invalid pstruct", "Pstruct is not")


@colander.deferred
def _deferred_csrf_token(node, kw):
    return get_csrf_token(kw["request"])


class CSRFSchema(colander.MappingSchema):
    """Base of every form schema: the hidden token that Pyramid's CSRF check reads first."""

    csrf_token = colander.SchemaNode(
        colander.String(),
        widget=deform.widget.HiddenWidget(),
        default=_deferred_csrf_token,
        missing="",
    )


# Characters that reorder the text after them (U+202A to U+202E, U+2066 to U+2069): in a name
# they make "Kari Nordmann" display as something else wherever it is shown.
_BIDI_CONTROLS = frozenset(chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


class LineValidator:
    """One line of text (a subject, a title): no line breaks or other control characters,
    which in a mail subject would start new headers. `pattern` says the same to the API's
    clients, in the JSON Schema of the field."""

    pattern = "^[^\\u0000-\\u001f\\u007f-\\u009f]*$"

    def __init__(self, max_length: int, min_length: int = 1):
        self.length = colander.Length(min=min_length, max=max_length)

    def __call__(self, node, value):
        self.length(node, value)
        if any(unicodedata.category(c) == "Cc" for c in value):
            raise colander.Invalid(node, _("One line only, without line breaks or tabs."))


class NameValidator(LineValidator):
    """A name: one line, and no characters that reverse or reorder how it is displayed."""

    pattern = "^[^\\u0000-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069]*$"

    def __call__(self, node, value):
        super().__call__(node, value)
        if _BIDI_CONTROLS.intersection(value):
            raise colander.Invalid(
                node, _("Remove the invisible characters that change the text's direction.")
            )


def line_validator(max_length: int, min_length: int = 1) -> LineValidator:
    """A validator of one line of text (a subject, a title): its length within bounds
    and no control characters (line breaks, NUL), which in a mail would start headers."""
    return LineValidator(max_length, min_length)


def name_validator(max_length: int, min_length: int = 1) -> NameValidator:
    """A validator of a name: a line (see `line_validator`) without the invisible
    characters that reverse or reorder how it is displayed."""
    return NameValidator(max_length, min_length)


def date_widget() -> deform.widget.Widget:
    """The browser's own date input, for a `colander.Date` field."""
    # The browser's own date control: accessible and without deform's JavaScript polyfill.
    return deform.widget.TextInputWidget(attributes={"type": "date"})


class _LocalDateTimeWidget(deform.widget.TextInputWidget):
    """The browser's date-and-time input, which holds no zone: it shows a moment's local
    time, to the minute, in the zone its schema reads a typed time in
    (`colander.DateTime(default_tzinfo=...)`), so that saving the form unchanged keeps
    the moment. A schema without a zone (an activity's, read in its venue's zone) is
    shown in the zone of the value it is given."""

    def serialize(self, field, cstruct, **kw):
        if isinstance(cstruct, str) and cstruct:
            try:
                moment = datetime.datetime.fromisoformat(cstruct)
            except ValueError:
                pass  # the user's own input, shown back as they typed it
            else:
                # The models give moments in UTC: shown as they are, a save would read
                # their UTC time as the site's local time and move them by its offset.
                zone = getattr(field.schema.typ, "default_tzinfo", None)
                if moment.tzinfo is not None and zone is not None:
                    moment = moment.astimezone(zone)
                cstruct = moment.strftime("%Y-%m-%dT%H:%M")
        return super().serialize(field, cstruct, **kw)


def datetime_widget() -> deform.widget.Widget:
    """The browser's date-and-time input for a `colander.DateTime` field: a moment
    shown and read as local time in the zone its schema gives, exact across saves."""
    return _LocalDateTimeWidget(attributes={"type": "datetime-local"})


class FormResult:
    """A rendered form and, when a valid POST came in, the validated data and the name of
    the button that sent it."""

    def __init__(self, html: str, data: dict | None, form=None, button: str = ""):
        self.html = html
        self.data = data
        self.form = form
        self.button = button

    @property
    def valid(self) -> bool:
        return self.data is not None

    def again(self) -> str:
        """The form once more, filled with what was sent: after a valid POST that only
        checked something (a dry run), so that the user can go on from there."""
        return render_form(self.form, self.data)


def build_form(
    request: Request,
    schema: colander.Schema,
    *,
    submit_title=SAVE,
    formid: str = "norec-form",
    bindings: dict | None = None,
    action: str = "",
    buttons: tuple = (),
) -> deform.Form:
    return deform.Form(
        schema.bind(request=request, **(bindings or {})),
        buttons=tuple(deform.Button(name, title) for name, title in buttons)
        or (deform.Button("submit", submit_title),),
        formid=formid,
        action=action,
        # No field takes the cursor when a page opens (deform's default focuses the first):
        # it scrolls past what comes before the form and leaves a screen reader's user
        # inside a field they did not ask for. After a refused submit the error summary
        # takes the focus instead (norec.js).
        focus="off",
        # One count for all the forms of a page (the candidate profile has 13): deform
        # starts each form at deformField1, and a label would name another form's field.
        counter=request.form_field_counter,
    )


def render_form(form: deform.Form, appstruct=colander.null) -> str:
    _describe(form)
    return form.render(without_none(appstruct))


def _reword_shape_errors(field: deform.Field) -> None:
    error = field.error
    if error is not None and isinstance(error.msg, str):
        if error.msg.startswith("Invalid peppercorn controls"):
            error.msg = MISSHAPEN_FORM
        elif error.msg.startswith(_DEFORM_SHAPE_ERRORS):
            error.msg = MISSHAPEN_FIELD
    for child in field.children:
        _reword_shape_errors(child)


def error_links(field: deform.Field) -> list[tuple[str, str, str]]:
    """(id, title, message) of each field in error below `field`, in the form's order:
    the error summary at the top links to each (GOV.UK's pattern)."""
    found = []
    for child in field.children:
        if child.error is not None and child.error.msg:
            target = child.oid
            if child.widget.template in ("radio_choice", "checkbox_choice"):
                target = f"{child.oid}-0"  # a group's first choice, which can take focus
            found.append((target, child.title, "; ".join(child.error.messages())))
        found += error_links(child)
    return found


def existing_record(model, message: str, *criteria) -> colander.deferred:
    """The validator of a field holding the id of a record of `model` (a choice from a
    list, a number typed): it passes an id the database holds and that meets `criteria`
    (SQLAlchemy conditions, such as the list's own filter), and puts `message` at the
    field otherwise, also for a number beyond the database's range, where the query itself
    would fail. Bind the schema with the request."""

    @colander.deferred
    def deferred(node, kw):
        session = kw["request"].dbsession

        def validate(node, value):
            record_id = parse_id(str(value))
            found = record_id is not None and session.scalar(
                select(model.id).where(model.id == record_id, *criteria)
            )
            if not found:
                raise colander.Invalid(node, message)

        return validate

    return deferred


def without_none(appstruct):
    """`appstruct` with None as colander.null, the empty value a schema serialises as such."""
    # colander's String serialises None as the text "None": an empty field must stay empty.
    if isinstance(appstruct, dict):
        return {key: without_none(value) for key, value in appstruct.items()}
    return colander.null if appstruct is None else appstruct


def process_form(
    request: Request, schema: colander.Schema, *, appstruct=colander.null, **options
) -> FormResult:
    """Validate a POST against `schema`, or render the form filled with `appstruct`.

    An invalid POST renders the user's own input with each error at its field and sets
    the response status to 422; nothing typed is lost. `options` go to `build_form`;
    `buttons=(("check", _("Check")), ("run", _("Import")))` gives the form several
    buttons instead of one, and `result.button` says which was pressed.
    """
    form = build_form(request, schema, **options)
    if request.method == "POST" and request.POST.get("__formid__") == form.formid:
        try:
            data = form.validate(request.POST.items())
        except deform.ValidationFailure as failure:
            request.response.status = 422
            _describe(failure.field)
            return FormResult(failure.field.render(), None)
        data.pop("csrf_token", None)
        pressed = next((b.name for b in form.buttons if b.name in request.POST), "")
        return FormResult("", data, form, pressed)
    return FormResult(render_form(form, appstruct), None)


def _describe(field: deform.Field) -> None:
    """Tie each input to its error and help text (aria-describedby) and flag it invalid."""
    if field.parent is None:
        _reword_shape_errors(field)
        field.error_links = error_links(field)
    for child in field.children:
        _describe(child)
        described_by = []
        if child.error is not None:
            described_by.append(f"error-{child.oid}")
        if child.description:
            described_by.append(f"help-{child.oid}")
        if not described_by:
            continue
        # Widgets are shared between schema clones; give this field its own.
        widget = copy.copy(child.widget)
        widget.attributes = dict(getattr(widget, "attributes", None) or {})
        widget.attributes["aria-describedby"] = " ".join(described_by)
        if child.error is not None:
            widget.attributes["aria-invalid"] = "true"
        child.widget = widget


def _translate(term):
    # With the terms in its mapping translated too ("Title (Nynorsk)" as "Tittel (Nynorsk)").
    return translate(get_localizer(get_current_request()), term)


def includeme(config) -> None:
    deform.Form.set_zpt_renderer(
        [
            str(files("norec_core") / "templates" / "deform"),
            str(files("deform") / "templates"),
        ],
        translator=_translate,
    )
    config.add_static_view("deform_static", "deform:static/", cache_max_age=3600)
    config.add_request_method(lambda request: itertools.count(), "form_field_counter", reify=True)
