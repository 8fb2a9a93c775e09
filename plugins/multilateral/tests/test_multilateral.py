"""The multilateral plugin's page, kinds and demonstration data."""

import pytest
from sqlalchemy import func, select

from norec_core import Activity, load_core_demo
from norec_multilateral import hooks


def test_navigation_and_overview(testapp):
    link = testapp.get("/").html.find("nav").find("a", href="/multilateral/")
    assert link.text == "UN careers"
    assert "Careers in the UN and the development banks" in testapp.get("/multilateral/").text


def test_kinds_are_registered(app):
    kinds = app.registry["norec.activity_kinds"]
    assert kinds["information_meeting"].title == "Information meeting"
    assert "io_network_meeting" in kinds


@pytest.fixture
def demo(db_session):
    load_core_demo(db_session)
    hooks.norec_demo_data(db_session)
    db_session.flush()


def _count(db_session, model, *where):
    return db_session.scalar(select(func.count()).select_from(model).where(*where))


# The demo loads on PostgreSQL in the core's test_demo; what it holds is the same.
@pytest.mark.norec_backends("sqlite")
def test_demo_rounds_posts_and_applications_in_every_state(demo, db_session, client):
    from norec_multilateral import rounds
    from norec_multilateral.models import Candidacy, Candidate, MultilateralPost, RecruitmentRound
    from norec_multilateral.workflow import STATE_TITLES

    posts = client().get("/multilateral/posts").text
    assert "Monitoring and Evaluation Specialist" in posts  # the open UNV round
    assert "Nutrition Officer" in posts  # the open JPO round
    assert "Governance Specialist" not in posts  # the JPO round's deadline has passed
    assert "Fisheries Officer" not in posts  # reserved for the next round, not published
    stages = {rounds.round_stage(r) for r in db_session.scalars(select(RecruitmentRound))}
    assert stages == {"planned", "open", "screening", "closed"}
    post_stages = {rounds.post_stage(p) for p in db_session.scalars(select(MultilateralPost))}
    assert post_stages == {
        "reserved",
        "published",
        "screening",
        "sent",
        "filled",
        "not_filled",
        "cancelled",
    }
    assert set(db_session.scalars(select(Candidacy.state))) == set(STATE_TITLES)
    assert set(db_session.scalars(select(Candidacy.eligible))) == {True, False}
    assert _count(db_session, Candidate) >= 150
    assert _count(db_session, Candidacy) >= 250
    adviser = client("recruitment@example.org", "demo-recruitment_adviser")
    screening = next(
        r
        for r in db_session.scalars(select(RecruitmentRound))
        if r.posts[0].round_id and rounds.round_stage(r) == "screening"
    )
    round_page = adviser.get("/multilateral/rounds").click(screening.title)
    assert "Shortlist sent to the organisation" in round_page and "Filled" in round_page


# The demo loads on PostgreSQL in the core's test_demo; what it holds is the same.
@pytest.mark.norec_backends("sqlite")
def test_demo_network_careers_and_pages(demo, db_session, client):
    from norec_multilateral.models import InfoPage, NetworkMember, Placement, PoolEntry

    members = db_session.execute(
        select(NetworkMember.duty_station, func.count())
        .where(NetworkMember.status == "member")
        .group_by(NetworkMember.duty_station)
    ).all()
    assert sum(n for _station, n in members) >= 190
    assert {"New York", "Geneva", "Nairobi", "Rome", "Washington"} <= {s for s, _n in members}
    assert _count(db_session, NetworkMember, NetworkMember.status == "pending") > 0
    meeting = db_session.scalars(select(Activity).where(Activity.kind == "io_network_meeting"))
    first = min(meeting, key=lambda a: a.starts_at)
    assert (first.starts_at.month, first.starts_at.day) == (5, 6)
    assert len(first.registrations) > 50
    assert _count(db_session, Placement) >= 100
    assert _count(db_session, PoolEntry, PoolEntry.status == "active") > 0
    pages = db_session.scalars(select(InfoPage)).all()
    assert all(set(p.texts) == {"en", "nb", "nn"} for p in pages) and len(pages) == 3
    member = client("kari.nordmann.0@un.example.org", "demo-member")
    directory = member.get("/multilateral/network")
    assert "Only members who agreed to be listed are shown." in directory
    adviser = client("recruitment@example.org", "demo-recruitment_adviser")
    careers = adviser.get("/multilateral/careers")
    assert careers.html.find("caption", string="Still in the system, of those measured")
    assert adviser.get("/").html.find(string="Still in the system after a placement")


# The demo loads on PostgreSQL in the core's test_demo; what it holds is the same.
@pytest.mark.norec_backends("sqlite")
def test_demo_rounds_follow_the_day_it_is_loaded(demo, db_session, app_request):
    """Whatever the day: a JPO round open for applications, one in screening, one closed,
    and each post where its round says it is (issue 25: every JPO post had closed)."""
    from norec_core import now, workflow_history
    from norec_multilateral import rounds
    from norec_multilateral.models import Candidacy, RecruitmentRound
    from norec_multilateral.workflow import OPEN

    jpo = db_session.scalars(
        select(RecruitmentRound).where(RecruitmentRound.programme == "jpo")
    ).all()
    by_stage = {rounds.round_stage(r): r for r in jpo}
    assert {"open", "screening", "closed", "planned"} <= set(by_stage)
    assert by_stage["open"].deadline > now() > by_stage["screening"].deadline
    open_posts = {rounds.post_stage(p) for p in by_stage["open"].posts}
    assert open_posts == {"published"}
    assert {rounds.post_stage(p) for p in by_stage["screening"].posts} == {
        "screening",
        "sent",
        "filled",
    }
    closed = by_stage["closed"].posts
    assert {rounds.post_stage(p) for p in closed} == {"filled", "not_filled", "cancelled"}
    still_open = select(Candidacy).where(
        Candidacy.post_id.in_([p.id for p in closed]), Candidacy.state.in_(OPEN)
    )
    assert db_session.scalars(still_open).all() == []
    assert {rounds.post_stage(p) for p in by_stage["planned"].posts} == {"reserved"}
    # The rules hold in the demo too: whoever misses one moved on only by override.
    moved = ("eligible", "longlisted", "interviewed", "shortlisted", "nominated", "selected")
    flagged = db_session.scalars(
        select(Candidacy).where(Candidacy.eligible.is_(False), Candidacy.state.in_(moved))
    ).all()
    assert flagged
    for candidacy in flagged:
        steps = {h.transition: h.comment for h in workflow_history(app_request, candidacy)}
        assert steps["screen_in_override"] and "screen_in" not in steps
