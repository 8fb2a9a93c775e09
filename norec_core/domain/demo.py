"""Demonstration data drawn from Norec's own work, for trying the platform out."""

from __future__ import annotations

import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from norec_core.accounts.users import save_user
from norec_core.domain.demo_scale import load_scale_demo
from norec_core.domain.models import (
    ConsentRecord,
    ListSubscription,
    Organisation,
    Partnership,
    Person,
)

DEMO_ADMIN_EMAIL = "admin@example.org"
DEMO_ADMIN_PASSWORD = "demo-admin"  # noqa: S105 (a published demo credential, not a secret)
# One demo account per site role, with the password "demo-<role>" (published, as above).
DEMO_ROLE_USERS = {
    "caseworker": ("caseworker@example.org", "Demo caseworker"),
    "network_adviser": ("adviser@example.org", "Demo network adviser"),
    "editor": ("editor@example.org", "Demo editor"),
}

ORGANISATIONS = [
    ("Haukeland University Hospital", "NO", "health", "https://helse-bergen.no"),
    ("Christian Medical College Vellore", "IN", "health", "https://www.cmch-vellore.edu"),
    ("Kibogora Level Two Teaching Hospital", "RW", "health", None),
    ("Kamuli Mission Hospital", "UG", "health", None),
    ("United Nations Volunteers (UNV)", "DE", "international", "https://www.unv.org"),
    (
        "United Nations Office for South-South Cooperation (UNOSSC)",
        "US",
        "international",
        "https://unsouthsouth.org",
    ),
    ("GPI", "NO", "ngo", None),
    ("Forum for Development and Environment (ForUM)", "NO", "ngo", "https://forumfor.no"),
]

PEOPLE = [
    (
        "Ingrid",
        "Haugen",
        "ingrid.haugen@example.org",
        "NO",
        ["nb", "en"],
        ["nursing", "intensive care"],
    ),
    (
        "Priya",
        "Raman",
        "priya.raman@example.org",
        "IN",
        ["ta", "en", "hi"],
        ["nursing", "paediatrics"],
    ),
    ("Wanjiru", "Kamau", "wanjiru.kamau@example.org", "KE", ["sw", "en"], ["public health"]),
    (
        "Bishnu",
        "Thapa",
        "bishnu.thapa@example.org",
        "NP",
        ["ne", "en"],
        ["agriculture", "cooperatives"],
    ),
    ("Jean-Paul", "Habimana", "jp.habimana@example.org", "RW", ["rw", "fr", "en"], ["midwifery"]),
    (
        "Kari",
        "Nordmann",
        "kari.nordmann@example.org",
        "NO",
        ["nn", "nb", "en", "fr"],
        ["humanitarian law"],
    ),
]


def has_data(session: Session) -> bool:
    return (
        session.scalar(select(Organisation.id).limit(1)) is not None
        or session.scalar(select(Person.id).limit(1)) is not None
    )


def demo_organisation(session: Session, name: str) -> Organisation:
    """A demo organisation by name, for the plugins' demo data."""
    return session.scalars(select(Organisation).where(Organisation.name == name)).one()


def demo_person(session: Session, email: str) -> Person:
    """A demo person by e-mail, for the plugins' demo data."""
    return session.scalars(select(Person).where(Person.email == email)).one()


def demo_subscription(session: Session, person: Person, list_name: str, text: str, version: str):
    """A demo person on a plugin's mailing list, with the consent record a real joining
    leaves (the list's `text` and `version`, as the plugin declares them)."""
    session.add(ListSubscription(person_id=person.id, list_name=list_name, status="subscribed"))
    session.add(
        ConsentRecord(
            person_id=person.id,
            kind=f"list:{list_name}"[:30],
            granted=True,
            text_version=version,
            text=text,
            actor="demonstration data",
        )
    )


def load_core_demo(session: Session) -> None:
    """The core's demonstration data into `session`: organisations, people, partnerships,
    activities and accounts, on which the plugins' demo data builds."""
    for name, country, kind, website in ORGANISATIONS:
        session.add(Organisation(name=name, country=country, kind=kind, website=website))
    for given, family, email, country, languages, expertise in PEOPLE:
        session.add(
            Person(
                given_name=given,
                family_name=family,
                email=email,
                country=country,
                languages=languages,
                expertise=expertise,
                consent_contact=True,
                consent_newsletter=True,
                consent_directory=True,
            )
        )
    session.flush()
    orgs = {o.name: o for o in session.scalars(select(Organisation))}
    session.add_all(
        [
            Partnership(
                title="Nurse exchange Bergen–Vellore",
                direction="north-south",
                starts_on=datetime.date(2024, 8, 1),
                ends_on=datetime.date(2027, 7, 31),
                reciprocal=True,
                state="approved",
                description=(
                    "Nurses from Haukeland and from Christian Medical College Vellore work a "
                    "year in each other's wards, learning intensive and paediatric care."
                ),
                organisations=[
                    orgs["Haukeland University Hospital"],
                    orgs["Christian Medical College Vellore"],
                ],
            ),
            Partnership(
                title="Mission hospitals exchange Rwanda–Uganda",
                direction="south-south",
                starts_on=datetime.date(2025, 1, 1),
                ends_on=datetime.date(2026, 12, 31),
                reciprocal=True,
                # Awaiting a caseworker's decision, to show the workflow.
                state="proposed",
                description="Midwives exchanged between two rural hospitals in East Africa.",
                organisations=[
                    orgs["Kibogora Level Two Teaching Hospital"],
                    orgs["Kamuli Mission Hospital"],
                ],
            ),
        ]
    )
    save_user(
        session,
        DEMO_ADMIN_EMAIL,
        DEMO_ADMIN_PASSWORD,
        display_name="Demo administrator",
        roles=["admin"],
    )
    for role, (email, name) in DEMO_ROLE_USERS.items():
        save_user(session, email, f"demo-{role}", display_name=name, roles=[role])
    load_scale_demo(session)


def load_demo(registry, session: Session) -> None:
    """Load the demonstration data of the core and every enabled plugin into `session`
    (the core's runs first, as its own hookimpl), with a request of the application
    bound to that session for the plugins that store files."""
    from pyramid.scripting import prepare

    env = prepare(registry=registry)
    env["request"].dbsession = session
    try:
        registry["norec.pm"].hook.norec_demo_data(dbsession=session, request=env["request"])
    finally:
        env["closer"]()
