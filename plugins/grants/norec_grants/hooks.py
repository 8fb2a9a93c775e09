"""The grants plugin's contributions to the Norec platform."""

import datetime
import zoneinfo

from pyramid.i18n import TranslationStringFactory

from norec_core import Activity, ActivityKind, NavEntry, demo_person, hookimpl, register

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")  # the demo activities are in Norway

_ = TranslationStringFactory("norec_grants")

COURSE_KINDS = ("pre_departure_course", "homecoming_course")


@hookimpl
def norec_configure(config):
    config.add_translation_dirs("norec_grants:locale/")
    config.add_route("grants.overview", "/")
    config.scan("norec_grants.views")


@hookimpl
def norec_navigation(request):
    return [NavEntry(_("Grants"), "grants.overview", 100)]


@hookimpl
def norec_activity_kinds():
    return [
        ActivityKind("pre_departure_course", _("Pre-departure course")),
        ActivityKind("homecoming_course", _("Homecoming course")),
    ]


@hookimpl
def norec_demo_data(dbsession):
    # Norec prepares participants in Førde before they travel.
    course = Activity(
        title="Pre-departure course for exchange participants",
        kind="pre_departure_course",
        starts_at=datetime.datetime(2027, 1, 11, 9, 0, tzinfo=OSLO),
        ends_at=datetime.datetime(2027, 1, 15, 15, 0, tzinfo=OSLO),
        place="Førde",
        capacity=30,
        description="A week on culture, security and learning goals before the exchange.",
    )
    dbsession.add(course)
    dbsession.flush()
    register(dbsession, course, demo_person(dbsession, "ingrid.haugen@example.org"))
