"""Demonstration data: ForUM's study of covid-19 and the future of volunteering for
development, GPI's report on triangular partnerships with its two-minute video, plain-
language summaries in nynorsk and English, and a catalogue of some hundred and twenty
publications over ten years in every state of the editorial workflow."""

from __future__ import annotations

import datetime
import random
import zoneinfo

from sqlalchemy import select

from norec_core import (
    SITE_TIMEZONE,
    Activity,
    Organisation,
    Partnership,
    Person,
    demo_organisation,
    import_history,
    now,
)
from norec_research.demo_commissions import commissions
from norec_research.models import (
    Author,
    Publication,
    PublicationOrganisation,
    PublicationText,
    Subject,
    Usage,
    Version,
)
from norec_research.vocabularies import TOPICS, TYPES
from norec_research.workflow import PUBLICATION_WORKFLOW

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
FORUM = "Forum for Development and Environment (ForUM)"
UNOSSC = "United Nations Office for South-South Cooperation (UNOSSC)"
PUBLISHED = (("submit", "Research editor"), ("publish", "Research editor"))


def load(dbsession) -> None:
    """The research catalogue of an agency: a seminar, four publications told in full
    (a study in two languages with a corrected version, a report and its video, a draft),
    a catalogue of hundreds more, their use, and the commissions of a review."""
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
    forum, gpi = demo_organisation(dbsession, FORUM), demo_organisation(dbsession, "GPI")
    unossc, norec = demo_organisation(dbsession, UNOSSC), _norec(dbsession)
    authors = _authors(dbsession)
    covid = _covid_study(authors, forum, norec)
    triangular, video = _triangular_report(authors, gpi), _triangular_video(gpi)
    review = Publication(
        type="report",
        topics=["south-south"],
        countries=["IN", "BD"],
        texts=[
            PublicationText(
                language="en",
                position=0,
                title="South–South personnel exchange: what think tanks in the South see",
                summary="The first draft of the report commissioned with UNOSSC.",
            )
        ],
        organisations=[PublicationOrganisation(organisation=unossc, role="contributor")],
    )
    dbsession.add_all([covid, triangular, video, review])
    dbsession.flush()
    start = datetime.datetime(2024, 1, 10, 9, tzinfo=datetime.UTC)
    for publication in (covid, triangular, video):
        _history(dbsession, publication, PUBLISHED, start)
        # What harvesters see as the record's last change: its publication, not the load.
        publication.updated_at = datetime.datetime.combine(
            publication.published_on, datetime.time(9), datetime.UTC
        )
    _history(dbsession, review, (("submit", "Research editor"),), now())
    _about(dbsession, covid, "Nurse exchange Bergen–Vellore")
    _about(dbsession, triangular, "Mission hospitals exchange Rwanda–Uganda")
    _catalogue(dbsession, authors, [forum, gpi, unossc, norec])
    _usage(dbsession)
    commissions(dbsession, unossc, review, authors[3])


def _covid_study(authors, forum, norec) -> Publication:
    return Publication(
        type="study",
        published_on=datetime.date(2021, 9, 15),
        topics=["covid-19", "volunteering"],
        sdgs=[3, 17],
        countries=["NO", "KE", "NP"],
        texts=[
            PublicationText(
                language="en",
                position=0,
                title="Covid-19 and the future of volunteering for development",
                summary="When the pandemic closed borders, most exchanges stopped. This study "
                "asks what partners kept going online, what was lost without people "
                "travelling, and what volunteering for development should look like after.",
                abstract="Based on interviews with 42 partner organisations in 11 countries and "
                "a survey of 310 former participants, the study finds that digital exchange "
                "kept relations alive but rarely transferred practical skills.",
            ),
            PublicationText(
                language="nn",
                position=1,
                title="Covid-19 og framtida for frivillig arbeid for utvikling",
                summary="Då pandemien stengde grensene, stoppa dei fleste utvekslingane. Studien "
                "spør kva partnarane heldt fram med digitalt, kva som gjekk tapt når ingen "
                "reiste, og korleis frivillig arbeid for utvikling bør sjå ut etterpå.",
            ),
        ],
        authors=[Author(person=authors[0], position=0), Author(person=authors[1], position=1)],
        organisations=[
            PublicationOrganisation(organisation=forum, role="contributor"),
            PublicationOrganisation(
                organisation=norec, role="funder", grant_reference="NOREC-2021-17"
            ),
        ],
        versions=[
            Version(number=1),
            Version(number=2, note="Corrected survey figures in chapter 3"),
        ],
    )


def _triangular_report(authors, gpi) -> Publication:
    return Publication(
        type="report",
        published_on=datetime.date(2023, 4, 20),
        topics=["triangular-cooperation", "south-south"],
        sdgs=[17],
        countries=["NO", "TZ", "VN"],
        texts=[
            PublicationText(
                language="en",
                position=0,
                title="Triangular partnerships in personnel exchange",
                summary="Three partners, one from the North and two from the South, exchange "
                "staff. The report shows when this works better than two partners alone.",
                abstract="A review of nine triangular partnerships supported between 2015 and "
                "2022, with recommendations for selection, reciprocity and follow-up.",
            )
        ],
        authors=[Author(person=authors[2], position=0)],
        organisations=[PublicationOrganisation(organisation=gpi, role="contributor")],
        versions=[Version(number=1)],
    )


def _triangular_video(gpi) -> Publication:
    return Publication(
        type="video",
        published_on=datetime.date(2023, 4, 20),
        topics=["triangular-cooperation"],
        sdgs=[17],
        links=[
            {
                "title": "Triangular partnerships in two minutes",
                "url": "https://video.example.org/gpi-triangular",
            }
        ],
        texts=[
            PublicationText(
                language="en",
                position=0,
                title="Triangular partnerships in two minutes",
                summary="The GPI report's findings, told in two minutes.",
            ),
            PublicationText(
                language="nn",
                position=1,
                title="Trekantpartnarskap på to minutt",
                summary="Funna i GPI-rapporten, fortalde på to minutt.",
            ),
        ],
        organisations=[PublicationOrganisation(organisation=gpi, role="contributor")],
        versions=[Version(number=1)],
    )


def _about(dbsession, publication, title: str) -> None:
    found = dbsession.scalar(select(Partnership.id).where(Partnership.title == title))
    if found is not None:
        publication.subjects.append(Subject(kind="partnership", record_id=found))


def _usage(dbsession) -> None:
    """A year of readers: more views than downloads, the newest read most."""
    rng = random.Random(16)  # noqa: S311
    this_month = now().astimezone(SITE_TIMEZONE).date().replace(day=1)
    published = dbsession.scalars(
        select(Publication.id).where(Publication.state == "published")
    ).all()
    for months_ago in range(12):
        index = this_month.year * 12 + this_month.month - 1 - months_ago
        month = datetime.date(index // 12, index % 12 + 1, 1)
        for publication_id in rng.sample(published, min(len(published), 40)):
            views = rng.randint(3, 120)
            dbsession.add(
                Usage(
                    publication_id=publication_id,
                    month=month,
                    views=views,
                    downloads=rng.randint(0, views // 3),
                )
            )


def _norec(dbsession):
    found = dbsession.scalar(select(Organisation).where(Organisation.name == "Norec"))
    if found is None:
        found = Organisation(name="Norec", country="NO", kind="government")
        dbsession.add(found)
    return found


def _authors(dbsession) -> list[Person]:
    people = [
        Person(
            given_name="Ingvild",
            family_name="Skeie",
            email="ingvild.skeie@forumfor.example",
            country="NO",
            orcid="0000-0002-1825-0097",
        ),
        Person(
            given_name="Samuel",
            family_name="Otieno",
            email="samuel.otieno@example.ke",
            country="KE",
        ),
        Person(
            given_name="Linh",
            family_name="Tran",
            email="linh.tran@example.vn",
            country="VN",
            orcid="0000-0001-5109-3700",
        ),
        Person(
            given_name="Priya", family_name="Raman", email="priya.raman@example.in", country="IN"
        ),
    ]
    dbsession.add_all(people)
    return people


def _history(dbsession, publication, steps, at) -> None:
    import_history(
        dbsession,
        publication,
        PUBLICATION_WORKFLOW,
        [(name, at + datetime.timedelta(days=n), who, "") for n, (name, who) in enumerate(steps)],
    )


SUBJECTS = (
    ("Reciprocity in {country}'s health exchanges", "health"),
    ("What returning participants change at home: {country}", "competence-transfer"),
    ("Youth exchange and civic life in {country}", "youth"),
    ("Organisational learning in partner organisations in {country}", "organisational-development"),
    ("Volunteers and local ownership in {country}", "volunteering"),
)
ANGLES = (
    "interviews with partners",
    "a survey of returned participants",
    "lessons from ten partnerships",
    "a case study",
    "notes from the field",
    "what the host organisations say",
)
COUNTRIES = {
    "KE": "Kenya",
    "NP": "Nepal",
    "TZ": "Tanzania",
    "UG": "Uganda",
    "IN": "India",
    "VN": "Viet Nam",
    "MZ": "Mozambique",
    "BD": "Bangladesh",
}


def _catalogue(dbsession, authors, organisations) -> None:
    """Some hundred and twenty publications, 2016 to 2026, mostly published; some drafts, a
    few in review and two withdrawn."""
    rng = random.Random(15)  # noqa: S311 (no secret is drawn)
    types = list(TYPES)
    for n in range(120):
        code = rng.choice(list(COUNTRIES))
        subject, topic = SUBJECTS[n % len(SUBJECTS)]
        year = 2016 + n % 11
        publication = Publication(
            type=types[n % len(types)],
            published_on=datetime.date(year, 1 + n % 12, 1 + n % 27),
            topics=[topic, *(["south-south"] if n % 4 == 0 else [])],
            sdgs=sorted({17, rng.choice((3, 4, 5, 8, 10))}),
            countries=[code],
            texts=[
                PublicationText(
                    language="en",
                    position=0,
                    # The year is the publication date's: the catalogue shows it once.
                    title=subject.format(country=COUNTRIES[code]) + f": {rng.choice(ANGLES)}",
                    summary=f"What {rng.randint(8, 40)} partnerships in {COUNTRIES[code]} "
                    f"learned about {TOPICS[topic].default.lower()}, in plain words.",
                )
            ],
            authors=[Author(person=rng.choice(authors), position=0)],
            organisations=[
                PublicationOrganisation(organisation=rng.choice(organisations), role="contributor")
            ],
            versions=[Version(number=1)],
        )
        dbsession.add(publication)
        dbsession.flush()
        if n % 15 == 7:
            continue  # a draft
        if n % 20 == 11:
            _history(dbsession, publication, PUBLISHED[:1], now())
            continue
        steps = PUBLISHED + ((("withdraw", "Research editor"),) if n in (33, 77) else ())
        changed = datetime.datetime(year, 2, 1, tzinfo=datetime.UTC)
        _history(dbsession, publication, steps, changed)
        publication.updated_at = changed
        if n in (33, 77):
            publication.withdrawn_reason = "The data of one partner could not be verified."
        elif n % 17 == 5:
            # Published this year, its report under embargo for some weeks yet.
            publication.published_on = now().date()
            publication.embargo_until = now().replace(microsecond=0) + datetime.timedelta(
                days=14 + n % 40
            )
