"""Notices: each person is told what concerns them, on their notices page and by mail (at
once, in a daily digest, or not), in the language one rule picks."""

from __future__ import annotations

import datetime

import pytest
from sqlalchemy import select

from norec_core import NoticeKind, notify, recipient_language
from norec_core.domain import registrations
from norec_core.mail.models import OutboxMessage
from norec_core.notices.models import Notice
from norec_core.testing import USER_PASSWORD, run_due

SEAT = "activities.seat"


def body_of(message) -> str:
    return message.get_content()


@pytest.fixture
def required_kind(app, monkeypatch):
    """A kind the law wants told at once, declared as a plugin would."""
    kinds = {**app.registry["norec.notice_kinds"]}
    kinds["test.decision"] = NoticeKind("test.decision", "A decision", required=True)
    monkeypatch.setitem(app.registry, "norec.notice_kinds", kinds)
    return "test.decision"


@pytest.fixture
def site_in_nynorsk(app, monkeypatch):
    monkeypatch.setitem(app.registry.settings, "pyramid.default_locale_name", "nn")


# -- the one rule for the language ----------------------------------------------------------


def test_ones_own_choice_is_the_language_wherever_one_lives(app_request, make_person):
    assert (
        recipient_language(
            app_request, person=make_person(country="KE", correspondence_language="nn")
        )
        == "nn"
    )


def test_a_choice_the_site_lacks_gives_english_abroad(app_request, make_person):
    person = make_person(country="TZ", correspondence_language="sw")
    assert recipient_language(app_request, person=person) == "en"


def test_without_a_choice_abroad_is_english(app_request, make_person, site_in_nynorsk):
    assert recipient_language(app_request, person=make_person(country="MW")) == "en"


def test_without_a_choice_at_home_is_the_sites_language(app_request, make_person, site_in_nynorsk):
    assert recipient_language(app_request, person=make_person(country="NO")) == "nn"
    assert recipient_language(app_request, person=make_person(country=None)) == "nn"


def test_a_contact_without_a_country_writes_from_their_organisations(
    app_request, make_user, site_in_nynorsk
):
    contact = make_user()
    assert recipient_language(app_request, user=contact, country="NP") == "en"
    assert recipient_language(app_request, user=contact, country="NO") == "nn"


def test_the_language_chosen_on_ones_settings_is_the_one_used(
    testapp, db_session, make_user, make_person, app_request
):
    user = make_user()
    user.person = make_person(country="IN")
    db_session.flush()
    testapp.login(user.email, USER_PASSWORD)
    form = testapp.get("/account").click(href="/notices/settings").forms["norec-form"]
    form["language"] = "nb"
    form.submit("submit").follow()
    db_session.expire_all()

    assert user.language == "nb" and user.person.correspondence_language == "nb"
    assert recipient_language(app_request, person=user.person) == "nb"
    assert recipient_language(app_request, user=user) == "nb"


# -- telling, and the page of what one was told ------------------------------------------


def promote(client, db_session, make_activity, make_person, make_user, waiting):
    """`waiting` moves up to a seat when the member holding it cancels."""
    activity = make_activity(capacity=1, title="Homecoming course in Bergen")
    member = make_user()
    member.person = make_person(country="NO")
    mine = registrations.register(db_session, activity, member.person)
    registrations.register(db_session, activity, waiting)
    db_session.flush()
    browser = client(member.email)
    browser.post(f"/registrations/{mine.id}/cancel", {"csrf_token": browser.csrf_token()})
    return activity, member


def test_the_first_on_the_waiting_list_is_told_of_the_seat_and_no_one_else(
    client, db_session, make_activity, make_person, make_user, mail
):
    waiting = make_person(country="KE", email="wanjiru@example.org")
    activity, _member = promote(client, db_session, make_activity, make_person, make_user, waiting)

    [message] = mail.messages
    assert message["To"] == "wanjiru@example.org"
    assert message["Subject"] == "You have a seat at Homecoming course in Bergen"
    assert f"http://localhost/activities/{activity.id}" in body_of(message)
    notice = db_session.scalar(select(Notice).where(Notice.person_id == waiting.id))
    assert (notice.kind, notice.language, notice.delivery) == (SEAT, "en", "now")
    outboxed = db_session.get(OutboxMessage, notice.message_id)
    assert outboxed.language == "en"


def test_the_notice_is_in_the_recipients_language_not_the_senders(
    client, db_session, make_activity, make_person, make_user, mail
):
    waiting = make_person(country="NO", correspondence_language="nn")
    promote(client, db_session, make_activity, make_person, make_user, waiting)

    [message] = mail.messages
    assert message["Subject"] == "Du har ein plass på Homecoming course in Bergen"


def test_ones_notices_page_shows_ones_own_newest_first_and_marks_them_read(
    client, db_session, make_activity, make_person, make_user, mail
):
    holder = make_user()
    holder.person = make_person(country="KE")
    promote(client, db_session, make_activity, make_person, make_user, holder.person)
    browser = client(holder.email)
    page = browser.get("/notices")
    assert "You have a seat at Homecoming course in Bergen" in page.text
    assert "Unread" in page.text

    stranger = client(make_user().email)
    assert "Homecoming course" not in stranger.get("/notices").text
    stranger.post("/notices/read", {"id": "all", "csrf_token": stranger.csrf_token()})
    assert "Unread" in browser.get("/notices").text  # not the stranger's to mark

    browser.post("/notices/read", {"id": "all", "csrf_token": browser.csrf_token()})
    assert "Unread" not in browser.get("/notices").text


def test_a_notice_asks_for_the_users_permission_to_its_page(client, testapp):
    assert testapp.get("/notices", status=302).location.startswith("http://localhost/login")
    testapp.post("/notices/read", {"id": "all"}, status=403)  # no CSRF token


# -- how one is told ---------------------------------------------------------------------------


def choose(browser, kind: str, delivery: str) -> None:
    form = browser.get("/notices/settings").forms["norec-form"]
    form[kind] = delivery
    form.submit("submit").follow()


def test_who_chose_the_digest_gets_one_mail_a_day_with_every_notice(
    app, client, app_request, db_session, make_user, make_person, mail
):
    user = make_user()
    user.person = make_person(country="NO")
    db_session.flush()
    choose(client(user.email), SEAT, "digest")
    for title in ("Webinar on mentoring", "Gathering in Nairobi"):
        notify(app_request, SEAT, user.person, f"You have a seat at {title}", "It is yours.")
    assert mail.messages == []

    day = datetime.datetime(2027, 3, 1, 5, 30, tzinfo=datetime.UTC)
    assert "notices.digest" in run_due(app.registry, day)
    [digest] = mail.messages
    assert digest["To"] == user.person.email
    assert digest["Subject"] == "2 notices from the platform"
    assert "Webinar on mentoring" in body_of(digest) and "Gathering in Nairobi" in body_of(digest)
    assert "http://localhost/notices/settings" in body_of(digest)

    mail.clear()
    run_due(app.registry, day + datetime.timedelta(days=1))
    assert mail.messages == []  # told once


def test_who_chose_no_mail_finds_it_on_the_page_only(client, app_request, make_user, mail):
    user = make_user()
    browser = client(user.email)
    choose(browser, SEAT, "none")
    notify(app_request, SEAT, user, "You have a seat at the webinar", "It is yours.")
    assert mail.messages == []
    assert "You have a seat at the webinar" in browser.get("/notices").text


def test_a_decision_cannot_be_switched_off(client, app_request, make_user, mail, required_kind):
    user = make_user()
    browser = client(user.email)
    settings = browser.get("/notices/settings")
    assert required_kind not in settings.forms["norec-form"].fields
    assert "These cannot be switched off" in settings.text
    with app_request.tm:  # mailed once the transaction commits
        notify(app_request, required_kind, user, "Your application is granted", "Read it.")
    [message] = mail.messages
    assert "You can choose how you are told" not in body_of(message)


def test_a_kind_nobody_declared_is_refused(app_request, make_user):
    with pytest.raises(ValueError, match="no plugin declares"):
        notify(app_request, "grants.typo", make_user(), "Subject", "Body")


def test_a_notice_with_attachments_made_in_the_recipients_language(
    app_request, make_person, mail, required_kind
):
    person = make_person(country="NP")
    made_in = []

    def letter(language):
        made_in.append(language)
        return [("letter.pdf", "application/pdf", b"%PDF-1.7 letter")]

    with app_request.tm:
        notify(
            app_request, required_kind, person, "Decision", "See the letter.", attachments=letter
        )
    assert made_in == ["en"]
    [message] = mail.messages
    assert [a.get_filename() for a in message.iter_attachments()] == ["letter.pdf"]
