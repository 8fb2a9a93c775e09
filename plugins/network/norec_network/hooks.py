"""The network plugin's contributions to the Norec platform."""

import datetime
import random
import zoneinfo

from sqlalchemy import delete, select

from norec_core import (
    Activity,
    ActivityKind,
    CliCommand,
    NavEntry,
    Organisation,
    Person,
    Role,
    demo_person,
    hookimpl,
    register,
)
from norec_network import cli
from norec_network.i18n import _
from norec_network.models import Alumnus, PastExchange

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
def norec_exchange_completed(request, exchange):
    """A completed exchange (from the grants plugin, or any other) puts its participant in
    the register, with that exchange; the same exchange twice is recorded once."""
    session = request.dbsession
    alumnus = session.scalars(
        select(Alumnus).where(Alumnus.person_id == exchange.person.id)
    ).first()
    if alumnus is None:
        alumnus = Alumnus(person_id=exchange.person.id, source="grants")
        session.add(alumnus)
    sending = exchange.sending_organisation.name if exchange.sending_organisation else ""
    receiving = exchange.receiving_organisation.name if exchange.receiving_organisation else ""
    known = {(e.year, e.sending, e.receiving) for e in alumnus.exchanges}
    if (exchange.starts_on.year, sending, receiving) not in known:
        alumnus.exchanges.append(
            PastExchange(year=exchange.starts_on.year, sending=sending, receiving=receiving)
        )
    session.flush()


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
    _register(dbsession)
    dbsession.flush()
    for activity, email in (
        (nairobi, "wanjiru.kamau@example.org"),
        (nepal, "bishnu.thapa@example.org"),
        (webinar, "priya.raman@example.org"),
    ):
        seat = register(dbsession, activity, demo_person(dbsession, email))
        if activity is not webinar:
            seat.attendance = "attended"  # gatherings that are over


def _register(dbsession) -> None:
    """Some three hundred of the demonstration's people in the register, each with one or
    two exchanges between organisations of the demonstration."""
    rng = random.Random(1963)  # noqa: S311 (no secret is drawn)
    people = dbsession.scalars(select(Person).order_by(Person.id).limit(320)).all()
    organisations = dbsession.scalars(select(Organisation.name).order_by(Organisation.id)).all()
    for person in people:
        alumnus = Alumnus(person=person, source="import")
        for year in sorted(rng.sample(range(1995, 2026), rng.choice([1, 1, 2]))):
            sending, receiving = rng.sample(organisations, 2)
            alumnus.exchanges.append(
                PastExchange(year=year, sending=sending, receiving=receiving, profession="")
            )
        dbsession.add(alumnus)
