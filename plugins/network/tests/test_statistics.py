"""The network's statistics: invited, joined and the join rate per country and per wave,
members over time, activities per month; as tables, charts and a CSV file."""

from __future__ import annotations

import datetime

from norec_core import now
from norec_network import statistics
from norec_network.models import Alumnus, Invitation, Member, Wave


def _wave(db_session, make_person, country, invited, joined, days_ago):
    sent = now() - datetime.timedelta(days=days_ago)
    wave = Wave(countries=[country], cap=invited, created_at=sent)
    for n in range(invited):
        person = make_person(country=country)
        accepted = sent + datetime.timedelta(days=1) if n < joined else None
        wave.invitations.append(
            Invitation(
                alumnus=Alumnus(person=person),
                email=person.email,
                sent_at=sent,
                expires_at=sent + datetime.timedelta(days=30),
                accepted_at=accepted,
            )
        )
        if accepted:
            db_session.add(Member(person=person, joined_at=accepted))
    db_session.add(wave)
    db_session.flush()
    return wave


def test_join_rates_per_country_and_wave(client, make_user, make_person, db_session):
    _wave(db_session, make_person, "KE", 4, 3, days_ago=200)
    _wave(db_session, make_person, "NP", 5, 1, days_ago=20)
    assert statistics.per_country(db_session) == [("NP", 5, 1), ("KE", 4, 3)]
    assert [(i, j) for _w, i, j in statistics.per_wave(db_session)] == [(5, 1), (4, 3)]
    over_time = statistics.members_over_time(db_session)
    assert len(over_time) == 8 and over_time[-1][1] == 4
    assert [n for _end, n in over_time] == sorted(n for _end, n in over_time)

    adviser = client(make_user("stats@example.org", roles=["network_adviser"]).email)
    page = adviser.get("/network/statistics")
    rows = [r.get_text(" ", strip=True) for r in page.html.find_all("tr")]
    assert "Kenya 4 3 75" in rows and "Nepal 5 1 20" in rows
    assert page.html.find("figure", class_="norec-chart") is not None
    csv = adviser.get("/network/statistics", {"format": "csv"}).text.lstrip("\ufeff").splitlines()
    assert csv[0] == "Country,Invited,Joined,Joined (%)" and "KE,4,3,75" in csv
    # On the front page of an adviser, the join rate and the activities as panels.
    home = adviser.get("/").text
    assert "Join rate per country" in home and "Activities per month" in home
    assert "Join rate per country" not in client(make_user("plain@example.org").email).get("/").text
