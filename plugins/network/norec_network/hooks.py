"""The network plugin's contributions to the Norec platform."""

import datetime
import random
import zoneinfo

from sqlalchemy import delete, select

from norec_core import (
    ActionPurpose,
    Activity,
    ActivityKind,
    CliCommand,
    JobType,
    NavEntry,
    Organisation,
    Person,
    Role,
    ScheduledTask,
    demo_person,
    hookimpl,
    model_factory,
    now,
    register,
)
from norec_network import cli, waves
from norec_network.i18n import _
from norec_network.models import Alumnus, Invitation, PastExchange, Wave

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
    config.add_route("network.waves", "/waves")
    config.add_route("network.wave", r"/waves/{id:\d+}", factory=model_factory(Wave))
    config.scan("norec_network.views")


@hookimpl
def norec_navigation(request):
    return [
        NavEntry(_("Norec Network"), "network.overview", 110),
        NavEntry(_("Register of alumni"), "network.register", 111, MANAGE),
        NavEntry(_("Invitation waves"), "network.waves", 112, MANAGE),
    ]


@hookimpl
def norec_jobs():
    return [JobType("network.send_wave", _("Send an invitation wave"), waves.send_wave)]


@hookimpl
def norec_action_purposes():
    return [
        ActionPurpose(
            waves.PURPOSE,
            _("Join Norec Network"),
            _("Do you want to join Norec Network, the network of Norec's former participants?"),
            waves.accept,
            lifetime=waves.LIFETIME,
        )
    ]


@hookimpl
def norec_action_link_opened(request, purpose, data, person):
    if purpose == waves.PURPOSE:
        waves.opened(request, data)


@hookimpl
def norec_scheduled_tasks():
    return [ScheduledTask("network.remind", waves.remind, minute="30", hour="6")]


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
    # One place in the register a person: the kept one takes the exchanges it lacks,
    # and the merged one's invitation if it has none (so nobody is invited twice).
    invited = dbsession.scalars(select(Invitation).where(Invitation.alumnus_id == mine.id)).first()
    if (
        invited is not None
        and dbsession.scalars(select(Invitation).where(Invitation.alumnus_id == theirs.id)).first()
        is None
    ):
        invited.alumnus_id = theirs.id
        dbsession.flush()
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
    _waves(dbsession)
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


def _waves(dbsession) -> None:
    """Two waves, Kenya's and Nepal's, with their answers as they stand."""
    rng = random.Random(2023)  # noqa: S311 (no secret is drawn)
    start = now() - datetime.timedelta(days=60)
    for n, country in enumerate(("KE", "NP")):
        alumni = dbsession.scalars(
            select(Alumnus)
            .join(Person, Person.id == Alumnus.person_id)
            .where(Person.country == country, Person.email.is_not(None))
            .order_by(Alumnus.id)
        ).all()
        sent = start + datetime.timedelta(days=20 * n)
        wave = Wave(countries=[country], cap=len(alumni), created_at=sent)
        for alumnus in alumni:
            answer = rng.random()
            wave.invitations.append(
                Invitation(
                    alumnus=alumnus,
                    email=alumnus.person.email,
                    sent_at=sent,
                    expires_at=sent + waves.LIFETIME,
                    opened_at=sent + datetime.timedelta(days=2) if answer < 0.7 else None,
                    accepted_at=sent + datetime.timedelta(days=3) if answer < 0.45 else None,
                    reminded_at=sent + waves.REMIND_AFTER if 0.45 <= answer else None,
                )
            )
        dbsession.add(wave)
