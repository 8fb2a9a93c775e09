"""Invitation waves: a preview, then invitations mailed by a background job, each with a
single-use expiring link; opened, accepted and expired are counted; nobody is invited
twice; those who do not answer are reminded once."""

from __future__ import annotations

import datetime
import re

from sqlalchemy import select

from norec_core import now
from norec_core.testing import run_due
from norec_network import waves
from norec_network.models import Alumnus, Wave


def _alumni(make_person, db_session, country, n, with_email=True):
    people = [
        make_person(
            given_name=f"Alum{i}",
            family_name=f"{country}{i:03d}",
            email=f"alum{i}.{country.lower()}@example.org" if with_email else None,
            country=country,
        )
        for i in range(n)
    ]
    db_session.add_all(Alumnus(person=p) for p in people)
    db_session.flush()
    return people


def _adviser(client, make_user):
    return client(make_user("waves@network.example.org", roles=["network_adviser"]).email)


def _form(adviser, countries, cap):
    form = adviser.get("/network/waves").forms["wave"]
    form["countries"] = countries
    form["cap"] = str(cap)
    return form


def test_preview_then_send_and_nobody_twice(client, make_user, make_person, db_session, mail):
    _alumni(make_person, db_session, "KE", 3)
    _alumni(make_person, db_session, "KE", 2, with_email=False)  # no address: not invited
    _alumni(make_person, db_session, "NP", 2)
    adviser = _adviser(client, make_user)
    page = _form(adviser, ["KE"], 2).submit("preview")
    assert "2 people would be invited." in page.text
    assert db_session.scalar(select(Wave.id)) is None  # a preview sends nothing
    page = page.forms["wave"].submit("send").follow()
    assert "2 invitations are being sent." in page.text
    wave = db_session.scalars(select(Wave)).one()
    assert len(mail.messages) == 2
    message = mail.messages[0]
    assert message["Subject"] == "You are invited to Norec Network"
    body = message.get_body(("plain",)).get_content()
    assert re.search(r"http://localhost/act/\S+", body)
    assert waves.statistics(db_session, wave) == {
        "queued": 0,
        "sent": 2,
        "bounced": 0,
        "opened": 0,
        "accepted": 0,
        "expired": 0,
    }
    # A second wave to Kenya: only the one not yet invited.
    _form(adviser, ["KE", "NP"], 10).submit("send")
    second = db_session.scalars(select(Wave).order_by(Wave.id.desc())).first()
    invited = [i.alumnus.person.country for i in second.invitations]
    assert sorted(invited) == ["KE", "NP", "NP"]
    page = adviser.get(f"/network/waves/{wave.id}", {"format": "csv"})
    assert page.text.count("@example.org") == 2


def test_opened_accepted_expired_and_one_reminder(
    app, client, make_user, make_person, db_session, mail
):
    _alumni(make_person, db_session, "TZ", 3)
    _form(_adviser(client, make_user), ["TZ"], 3).submit("send")
    wave = db_session.scalars(select(Wave)).one()
    links = [
        re.search(r"http://localhost(/act/\S+)", m.get_body(("plain",)).get_content()).group(1)
        for m in mail.messages
    ]
    visitor = client()
    visitor.get(links[0])  # opened, not answered
    page = visitor.get(links[1])
    form = page.forms["action"].submit("submit").follow().forms["join"]
    form["password"] = form["password_again"] = "a long and unusual passphrase 47"
    form.submit()  # accepted: the account exists
    db_session.expire_all()
    assert waves.statistics(db_session, wave) == {
        "queued": 0,
        "sent": 1,
        "bounced": 0,
        "opened": 1,
        "accepted": 1,
        "expired": 0,
    }
    later = now() + datetime.timedelta(days=31)
    assert waves.statistics(db_session, wave, later)["expired"] == 2

    # Two weeks without an answer: one reminder each, with a link of its own.
    for invitation in wave.invitations:
        invitation.sent_at = now() - datetime.timedelta(days=15)
    db_session.flush()
    mail.clear()
    run_due(app.registry, datetime.datetime(2030, 3, 1, 6, 30, tzinfo=datetime.UTC))
    assert sorted(m["To"] for m in mail.messages) == sorted(
        i.email for i in wave.invitations if i.accepted_at is None
    )
    assert mail.messages[0]["Subject"] == "A reminder: Norec Network is waiting for you"
    mail.clear()
    run_due(app.registry, datetime.datetime(2030, 3, 2, 6, 30, tzinfo=datetime.UTC))
    assert mail.messages == []  # once only
    db_session.expire_all()
    waiting = [i for i in wave.invitations if i.accepted_at is None]
    assert len(waiting) == 2 and all(i.reminded_at is not None for i in waiting)


def test_a_wave_needs_a_country(client, make_user):
    form = _adviser(client, make_user).get("/network/waves").forms["wave"]
    page = form.submit("preview", status=422)
    assert "Choose a country." in page.text


def test_a_wave_larger_than_a_batch_is_sent_whole(
    client, make_user, make_person, db_session, mail, monkeypatch
):
    # Each batch commits with its progress report; the next must load its own rows.
    monkeypatch.setattr(waves, "BATCH", 2)
    _alumni(make_person, db_session, "UG", 5)
    _form(_adviser(client, make_user), ["UG"], 5).submit("send")
    wave = db_session.scalars(select(Wave)).one()
    db_session.expire_all()
    assert all(i.sent_at is not None for i in wave.invitations)
    assert len(mail.messages) == 5


def test_invitations_abroad_are_in_english_at_home_in_the_sites_language(
    app, client, make_user, make_person, db_session, mail, monkeypatch
):
    monkeypatch.setitem(app.registry.settings, "pyramid.default_locale_name", "nb")
    _alumni(make_person, db_session, "MW", 1)
    _alumni(make_person, db_session, "NO", 1)
    _form(_adviser(client, make_user), ["MW", "NO"], 10).submit("send")
    subjects = {m["To"]: m["Subject"] for m in mail.messages}
    assert subjects["alum0.mw@example.org"] == "You are invited to Norec Network"
    assert subjects["alum0.no@example.org"] == "Du er invitert til Norec Network"


def test_the_preview_tells_people_of_one_name_apart(client, make_user, make_person, db_session):
    from norec_network.models import PastExchange

    for n, (born, year, sending) in enumerate(
        [(1988, 2012, "Lilongwe Teachers"), (1995, 2019, "Zomba Hospital")]
    ):
        chipo = make_person(
            given_name="Chipo",
            family_name="Achieng",
            email=f"chipo{n}@example.org",
            country="MW",
            birth_date=datetime.date(born, 5, 1),
        )
        alumnus = Alumnus(person=chipo)
        alumnus.exchanges.append(PastExchange(year=year, sending=sending, receiving="Bergen"))
        db_session.add(alumnus)
    db_session.flush()
    page = _form(_adviser(client, make_user), ["MW"], 10).submit("preview")
    shown = [li.get_text(" ", strip=True) for li in page.html.select("#preview-heading ~ ul li")]
    assert len(set(shown)) == 2
    assert "born 1988" in shown[0] and "2012" in shown[0] and "Lilongwe Teachers" in shown[0]
    assert "born 1995" in shown[1] and "2019" in shown[1] and "Zomba Hospital" in shown[1]
