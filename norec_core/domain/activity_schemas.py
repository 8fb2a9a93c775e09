"""The forms of activities and of registering people for them."""

from __future__ import annotations

import datetime
import zoneinfo

import colander
import deform
from sqlalchemy import select

from norec_core import clock
from norec_core.domain.models import Organisation
from norec_core.domain.schemas import (
    bound_request,
    country_node,
    description_node,
    existing_organisation,
    web_address,
)
from norec_core.forms import CSRFSchema, datetime_widget, name_validator
from norec_core.i18n import _
from norec_core.i18n.texts import text_language_node, translations_node


@colander.deferred
def _kind_widget(node, kw):
    kinds = bound_request(kw).registry["norec.activity_kinds"]
    return deform.widget.SelectWidget(
        values=[("", _("– choose a kind –"))] + [(k.name, k.title) for k in kinds.values()]
    )


@colander.deferred
def _kind_validator(node, kw):
    return colander.OneOf(list(bound_request(kw).registry["norec.activity_kinds"]))


@colander.deferred
def _optional_organisation_widget(node, kw):
    rows = bound_request(kw).dbsession.execute(
        select(Organisation.id, Organisation.name).order_by(Organisation.name)
    )
    return deform.widget.SelectWidget(
        values=[("", _("– none –"))] + [(str(id_), name) for id_, name in rows]
    )


# The IANA zones, for the venue of an activity.
TIMEZONES = sorted(zoneinfo.available_timezones() - {"Factory", "localtime"})


class ActivitySchema(CSRFSchema):
    title = colander.SchemaNode(colander.String(), title=_("Title"), validator=name_validator(300))
    kind = colander.SchemaNode(
        colander.String(), title=_("Kind"), widget=_kind_widget, validator=_kind_validator
    )
    timezone = colander.SchemaNode(
        colander.String(),
        title=_("Time zone"),
        description=_("The venue's: the times below are local times there."),
        default=colander.deferred(lambda node, kw: clock.site_timezone_name()),
        missing=colander.deferred(lambda node, kw: clock.site_timezone_name()),
        widget=deform.widget.SelectWidget(values=[(z, z) for z in TIMEZONES]),
        validator=colander.OneOf(TIMEZONES),
    )
    starts_at = colander.SchemaNode(
        colander.DateTime(default_tzinfo=None), title=_("Starts"), widget=datetime_widget()
    )
    ends_at = colander.SchemaNode(
        colander.DateTime(default_tzinfo=None), title=_("Ends"), widget=datetime_widget()
    )
    place = colander.SchemaNode(
        colander.String(),
        title=_("Place"),
        description=_("Address or city, if it meets in person."),
        missing=None,
        validator=colander.Length(max=300),
    )
    country = country_node(title=_("Country of the venue"), missing=None)
    online_url = colander.SchemaNode(
        colander.String(),
        title=_("Online link"),
        description=_("Where participants join, if it meets online."),
        missing=None,
        validator=web_address,
        widget=deform.widget.TextInputWidget(attributes={"type": "url"}),
    )
    capacity = colander.SchemaNode(
        colander.Integer(),
        title=_("Seats"),
        description=_("Leave empty for no limit. Registrations beyond it go on a waiting list."),
        missing=None,
        validator=colander.Range(min=1, max=100000),
    )
    organisation_id = colander.SchemaNode(
        colander.Integer(),
        title=_("Organiser"),
        missing=None,
        widget=_optional_organisation_widget,
        validator=existing_organisation,
    )
    description = description_node()
    text_language = text_language_node()
    translations = translations_node(
        {"title": (_("Title"), False), "description": (_("Description"), True)}
    )

    @staticmethod
    def preparer(value):
        # A time without an offset (the form's) is the venue's local time; one with an
        # offset (the API's) is kept as the moment it names.
        if isinstance(value, dict) and value.get("timezone") in TIMEZONES:
            zone = zoneinfo.ZoneInfo(value["timezone"])
            for key in ("starts_at", "ends_at"):
                moment = value.get(key)
                if isinstance(moment, datetime.datetime) and moment.tzinfo is None:
                    value[key] = moment.replace(tzinfo=zone)
        return value

    def validator(self, node, value):
        exc = colander.Invalid(node)
        if value["ends_at"] < value["starts_at"]:
            exc["ends_at"] = _("The activity must end after it starts.")
        if not value.get("place") and not value.get("online_url"):
            exc["place"] = _("Give a place, an online link, or both.")
        if exc.children:
            raise exc


@colander.deferred
def _activity_choice_widget(node, kw):
    return deform.widget.SelectWidget(values=kw["activity_choices"])


@colander.deferred
def _activity_choice_validator(node, kw):
    return colander.OneOf([int(value) for value, _title in kw["activity_choices"]])


class RegistrationSchema(CSRFSchema):
    activity_id = colander.SchemaNode(
        colander.Integer(),
        title=_("Activity"),
        widget=_activity_choice_widget,
        validator=_activity_choice_validator,
    )
