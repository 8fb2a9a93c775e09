"""The network plugin's contributions to the Norec platform."""

from sqlalchemy import delete, func, select

from norec_core import (
    ActionPurpose,
    CliCommand,
    IPerson,
    JobType,
    NavEntry,
    Role,
    ScheduledTask,
    Section,
    hookimpl,
)
from norec_network import (
    activities,
    chapters,
    cli,
    demo,
    directory,
    matches,
    membership,
    mentoring,
    newsletter,
    notices,
    routes,
    statistics,
    tasks,
    waves,
)
from norec_network.i18n import _
from norec_network.models import (
    Alumnus,
    ChapterFollow,
    DirectoryEntry,
    Invitation,
    JoinRequest,
    Member,
    Mentoring,
    PastExchange,
    PossibleMatch,
    Post,
    RelayedMessage,
)
from norec_network.permissions import MANAGE


@hookimpl
def norec_configure(config):
    config.add_translation_dirs("norec_network:locale/")
    routes.add_routes(config)
    config.scan("norec_network.views")


@hookimpl
def norec_navigation(request):
    return [
        NavEntry(_("${agency} Network"), "network.overview", 110),
        NavEntry(_("Members and resource bank"), "network.directory", 113),
        NavEntry(_("Network activities"), "network.activities", 114),
        NavEntry(_("Country chapters"), "network.chapters", 117),
        NavEntry(_("Register of alumni"), "network.register", 111, MANAGE),
        NavEntry(_("Invitation waves"), "network.waves", 112, MANAGE),
        NavEntry(_("Network statistics"), "network.statistics", 115, MANAGE),
        NavEntry(_("Requests to join"), "network.requests", 116, MANAGE),
        NavEntry(_("Newsletter"), "network.newsletters", 118, MANAGE),
    ]


@hookimpl
def norec_dashboard_panels(request):
    if not request.has_permission(MANAGE):
        return []
    # After the core's panels; the statistics page has the rest.
    return [statistics.join_rate_chart(request, 60), statistics.activities_chart(request, 61)]


@hookimpl
def norec_sections(request, context):
    # Advisers see on a person's page whether they could finish joining, and reach
    # someone stranded without an account by a new invitation.
    if not IPerson.providedBy(context) or not request.has_permission(MANAGE):
        return []
    member = request.dbsession.scalars(select(Member).where(Member.person_id == context.id)).first()
    stranded = member is not None and waves.account_of(request.dbsession, context) is None
    if not stranded:
        return []
    return [
        Section(
            _("${agency} Network"),
            110,
            "norec_network:templates/person_section.pt",
            {"person": context},
        )
    ]


@hookimpl
def norec_tasks(request):
    return tasks.asked_of(request)


@hookimpl
def norec_jobs():
    return [
        JobType("network.send_wave", _("Send an invitation wave"), waves.send_wave),
        JobType("network.send_newsletter", _("Send a newsletter"), newsletter.send_issue),
    ]


@hookimpl
def norec_action_purposes():
    return [
        ActionPurpose(
            waves.PURPOSE,
            _("Join ${agency} Network"),
            _(
                "Do you want to join ${agency} Network, "
                "the network of ${agency}'s former participants?"
            ),
            waves.accept,
            lifetime=waves.LIFETIME,
            finished_later=True,  # spent once the account exists (views.membership.join)
        )
    ]


@hookimpl
def norec_mailing_lists():
    return [chapters.DIGEST_LIST, newsletter.MAILING_LIST]


@hookimpl
def norec_action_link_opened(request, purpose, data, person):
    if purpose == waves.PURPOSE:
        waves.opened(request, data)


@hookimpl
def norec_scheduled_tasks():
    return [
        ScheduledTask("network.remind", waves.remind, minute="30", hour="6"),
        ScheduledTask("network.mentoring", mentoring.expire, minute="40", hour="6"),
        ScheduledTask("network.directory", directory.refresh, minute="15"),
        ScheduledTask("network.bounces", waves.record_bounces, minute="45"),
        # Monday morning in Europe, Africa and Asia alike.
        ScheduledTask(
            "network.digest", chapters.send_digests, minute="0", hour="5", day_of_week="1"
        ),
    ]


@hookimpl
def norec_cli_commands():
    return [
        CliCommand("network", "the alumni network: import the register", cli.configure, cli.run)
    ]


@hookimpl
def norec_notice_kinds():
    return notices.KINDS


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
    member = dbsession.scalars(select(Member).where(Member.person_id == person.id)).first()
    found = {}
    if alumnus is not None:
        found["register"] = {
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
    if member is not None:
        found["membership"] = {
            "joined": member.joined_at.isoformat(),
            "sectors": member.sectors,
            "offers": member.offers,
            "availability": member.availability,
            "about": member.about,
            "mentor_capacity": member.mentor_capacity,
            "visibility": member.visibility,
            "posts": [
                {
                    "chapter": p.country,
                    "title": p.title,
                    "text": p.body,
                    "at": p.created_at.isoformat(),
                }
                for p in dbsession.scalars(select(Post).where(Post.author_id == member.id))
            ],
            "follows": sorted(chapters.follows(dbsession, member)),
            "mentoring": [
                {
                    "as": "mentor" if m.mentor_id == member.id else "mentee",
                    "with": (m.mentee if m.mentor_id == member.id else m.mentor).person.full_name,
                    "status": m.status,
                    "asked": m.created_at.isoformat(),
                    "message": m.message,
                }
                for m in mentoring.relations(dbsession, member)
            ],
        }
    sent = dbsession.scalars(
        select(RelayedMessage.sent_at).where(RelayedMessage.sender_id == person.id)
    ).all()
    if sent:
        found["messages_sent_through_the_network"] = [moment.isoformat() for moment in sent]
    asked = dbsession.scalars(
        select(JoinRequest).where(func.lower(JoinRequest.email) == (person.email or "").lower())
    ).all()
    if asked:
        found["requests_to_join"] = [
            {
                "received": r.created_at.isoformat(),
                "name": f"{r.given_name} {r.family_name}",
                "email": r.email,
                "country": r.country,
                "exchange_year": r.exchange_year,
                "sending": r.sending,
                "receiving": r.receiving,
                "message": r.message,
                "status": r.status,
                "answer": r.answer,
            }
            for r in asked
        ]
    return found or None


@hookimpl
def norec_person_erase(dbsession, person):
    member = select(Member.id).where(Member.person_id == person.id)
    dbsession.execute(
        delete(Mentoring).where(Mentoring.mentee_id.in_(member) | Mentoring.mentor_id.in_(member))
    )
    dbsession.execute(delete(DirectoryEntry).where(DirectoryEntry.member_id.in_(member)))
    dbsession.execute(delete(ChapterFollow).where(ChapterFollow.member_id.in_(member)))
    # The person's posts go, and with a thread they began, its replies.
    threads = select(Post.id).where(Post.author_id.in_(member), Post.parent_id.is_(None))
    dbsession.execute(delete(Post).where(Post.parent_id.in_(threads)))
    dbsession.execute(delete(Post).where(Post.author_id.in_(member)))
    dbsession.execute(delete(Member).where(Member.person_id == person.id))
    dbsession.execute(
        delete(RelayedMessage).where(
            (RelayedMessage.sender_id == person.id) | (RelayedMessage.recipient_id == person.id)
        )
    )
    dbsession.execute(delete(Alumnus).where(Alumnus.person_id == person.id))
    # A decided match holds the row that was the person: it goes with them.
    dbsession.execute(delete(PossibleMatch).where(PossibleMatch.person_id == person.id))
    if person.email:
        dbsession.execute(
            delete(JoinRequest).where(func.lower(JoinRequest.email) == person.email.lower())
        )


@hookimpl
def norec_people_merged(dbsession, kept, merged):
    membership.merged(dbsession, kept, merged)
    matches.merged(dbsession, kept, merged)
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
    return list(activities.KINDS)


@hookimpl
def norec_demo_data(dbsession):
    demo.load(dbsession)
