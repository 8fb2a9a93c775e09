"""The network plugin's contributions to the Norec platform."""

import datetime
import zoneinfo

from pyramid.i18n import TranslationStringFactory

from norec_core import Activity, ActivityKind, NavEntry, demo_person, hookimpl, register

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
NAIROBI, KATHMANDU = zoneinfo.ZoneInfo("Africa/Nairobi"), zoneinfo.ZoneInfo("Asia/Kathmandu")

_ = TranslationStringFactory("norec_network")

NETWORK_KINDS = ("gathering", "webinar")


@hookimpl
def norec_configure(config):
    config.add_translation_dirs("norec_network:locale/")
    config.add_route("network.overview", "/")
    config.scan("norec_network.views")


@hookimpl
def norec_navigation(request):
    return [NavEntry(_("Norec Network"), "network.overview", 110)]


@hookimpl
def norec_activity_kinds():
    return [
        ActivityKind("gathering", _("Network gathering")),
        ActivityKind("webinar", _("Webinar")),
    ]


@hookimpl
def norec_demo_data(dbsession):
    nairobi = Activity(
        title="Norec Network gathering in Nairobi",
        kind="gathering",
        starts_at=datetime.datetime(2023, 5, 23, 9, 0, tzinfo=NAIROBI),
        ends_at=datetime.datetime(2023, 5, 25, 16, 0, tzinfo=NAIROBI),
        timezone="Africa/Nairobi",
        place="Nairobi, Kenya",
        country="KE",
        capacity=120,
        description="Alumni from East Africa meet to share what the exchange led to.",
    )
    nepal = Activity(
        title="Norec Network gathering in Nepal",
        kind="gathering",
        starts_at=datetime.datetime(2024, 11, 14, 9, 0, tzinfo=KATHMANDU),
        ends_at=datetime.datetime(2024, 11, 16, 16, 0, tzinfo=KATHMANDU),
        timezone="Asia/Kathmandu",
        place="Kathmandu, Nepal",
        country="NP",
        capacity=80,
        description="Alumni from South Asia meet in Kathmandu.",
    )
    webinar = Activity(
        title="Webinar: using your exchange experience in your career",
        kind="webinar",
        starts_at=datetime.datetime(2027, 2, 10, 13, 0, tzinfo=OSLO),
        ends_at=datetime.datetime(2027, 2, 10, 14, 30, tzinfo=OSLO),
        online_url="https://meet.example.org/norec-network",
        capacity=300,
    )
    dbsession.add_all([nairobi, nepal, webinar])
    dbsession.flush()
    for activity, email in (
        (nairobi, "wanjiru.kamau@example.org"),
        (nepal, "bishnu.thapa@example.org"),
        (webinar, "priya.raman@example.org"),
    ):
        seat = register(dbsession, activity, demo_person(dbsession, email))
        if activity is not webinar:
            seat.attendance = "attended"  # gatherings that are over
