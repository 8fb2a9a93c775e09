"""The network plugin's contributions to the Norec platform."""

import datetime
import zoneinfo

from sqlalchemy import delete, select

from norec_core import (
    Activity,
    ActivityKind,
    CliCommand,
    NavEntry,
    Role,
    demo_person,
    hookimpl,
    register,
)
from norec_network import cli
from norec_network.i18n import _
from norec_network.models import Alumnus

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
NAIROBI, KATHMANDU = zoneinfo.ZoneInfo("Africa/Nairobi"), zoneinfo.ZoneInfo("Asia/Kathmandu")


NETWORK_KINDS = ("gathering", "webinar")
MANAGE = "network.manage"  # run the register: import it, invite from it


@hookimpl
def norec_configure(config):
    config.add_translation_dirs("norec_network:locale/")
    config.add_route("network.overview", "/")
    config.add_route("network.register", "/register")
    config.add_route("network.import", "/register/import")
    config.scan("norec_network.views")


@hookimpl
def norec_navigation(request):
    return [
        NavEntry(_("Norec Network"), "network.overview", 110),
        NavEntry(_("Register of alumni"), "network.register", 111, MANAGE),
    ]


@hookimpl
def norec_cli_commands():
    return [
        CliCommand("network", "the alumni network: import the register", cli.configure, cli.run)
    ]


@hookimpl
def norec_migrations():
    return "norec_network:migrations"


@hookimpl
def norec_roles():
    # The core's network adviser runs the register too.
    return [Role("network_adviser", _("Network adviser"), frozenset({MANAGE}))]


@hookimpl
def norec_person_export(dbsession, person):
    alumnus = dbsession.scalars(select(Alumnus).where(Alumnus.person_id == person.id)).first()
    if alumnus is None:
        return None
    return {
        "register": {
            "source": alumnus.source,
            "since": alumnus.created_at.isoformat(),
            "exchanges": [
                {
                    "year": e.year,
                    "sending": e.sending,
                    "receiving": e.receiving,
                    "profession": e.profession,
                }
                for e in alumnus.exchanges
            ],
        }
    }


@hookimpl
def norec_person_erase(dbsession, person):
    dbsession.execute(delete(Alumnus).where(Alumnus.person_id == person.id))


@hookimpl
def norec_people_merged(dbsession, kept, merged):
    mine = dbsession.scalars(select(Alumnus).where(Alumnus.person_id == merged.id)).first()
    if mine is None:
        return
    theirs = dbsession.scalars(select(Alumnus).where(Alumnus.person_id == kept.id)).first()
    if theirs is None:
        mine.person_id = kept.id
        return
    # One place in the register a person: the kept one takes the exchanges it lacks.
    have = {(e.year, e.sending, e.receiving) for e in theirs.exchanges}
    for exchange in list(mine.exchanges):
        if (exchange.year, exchange.sending, exchange.receiving) not in have:
            mine.exchanges.remove(exchange)
            theirs.exchanges.append(exchange)
    dbsession.delete(mine)
    dbsession.flush()


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
