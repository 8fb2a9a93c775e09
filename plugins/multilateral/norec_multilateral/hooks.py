"""The multilateral plugin's contributions to the Norec platform."""

import datetime

from pyramid.i18n import TranslationStringFactory

from norec_core import (
    Activity,
    ActivityKind,
    NavEntry,
    demo_organisation,
    demo_person,
    hookimpl,
    register,
)

_ = TranslationStringFactory("norec_multilateral")


@hookimpl
def norec_configure(config):
    config.add_translation_dirs("norec_multilateral:locale/")
    config.add_route("multilateral.overview", "/")
    config.scan("norec_multilateral.views")


@hookimpl
def norec_navigation(request):
    return [NavEntry(_("UN careers"), "multilateral.overview", 120)]


@hookimpl
def norec_activity_kinds():
    return [ActivityKind("information_meeting", _("Information meeting"))]


@hookimpl
def norec_demo_data(dbsession):
    meeting = Activity(
        title="Digital meeting for Norwegians in UN organisations",
        kind="information_meeting",
        starts_at=datetime.datetime(2027, 5, 6, 14, 0),
        ends_at=datetime.datetime(2027, 5, 6, 15, 30),
        online_url="https://meet.example.org/norwegians-in-the-un",
        capacity=200,
        organisation=demo_organisation(dbsession, "United Nations Volunteers (UNV)"),
        description="News on JPO and UNV recruitment, and how to stay in the system.",
    )
    dbsession.add(meeting)
    dbsession.flush()
    register(dbsession, meeting, demo_person(dbsession, "kari.nordmann@example.org"))
