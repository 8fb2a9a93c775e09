"""The research plugin's contributions to the Norec platform."""

import datetime
import zoneinfo

from pyramid.i18n import TranslationStringFactory

from norec_core import Activity, ActivityKind, NavEntry, hookimpl

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")  # the demo activities are in Norway

_ = TranslationStringFactory("norec_research")


@hookimpl
def norec_configure(config):
    config.add_translation_dirs("norec_research:locale/")
    config.add_route("research.overview", "/")
    config.scan("norec_research.views")


@hookimpl
def norec_navigation(request):
    return [NavEntry(_("Research"), "research.overview", 130)]


@hookimpl
def norec_activity_kinds():
    return [ActivityKind("seminar", _("Research seminar"))]


@hookimpl
def norec_demo_data(dbsession):
    dbsession.add(
        Activity(
            title="Seminar: what exchanges give partner organisations",
            kind="seminar",
            starts_at=datetime.datetime(2027, 3, 18, 10, 0, tzinfo=OSLO),
            ends_at=datetime.datetime(2027, 3, 18, 12, 0, tzinfo=OSLO),
            place="Oslo",
            online_url="https://meet.example.org/norec-research",
            description="Findings of a study of twenty partnerships, with time for questions.",
        )
    )
