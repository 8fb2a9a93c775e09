"""A member's profile and who sees each of its fields.

Each field has a level: the member alone (the default: privacy by default), the network's
advisers, the network's members, or everyone. A viewer sees a field whose level reaches
them, and the directory finds a member by a field only where the viewer may see it. A
member appears to others only if they agreed to be listed (the core's consent
"directory") and their name reaches the viewer.

Name, e-mail, country, city, employer, expertise and languages live on the core's person
record; the member's choices for them are copied to the person's own visibility, so that
the person's page shows no more than the network does.
"""

from __future__ import annotations

from typing import Any

from pyramid.request import Request
from sqlalchemy import select

from norec_core import Person, now
from norec_network.i18n import _
from norec_network.models import Member
from norec_network.permissions import MANAGE

ME, ADVISERS, MEMBERS, PUBLIC = "me", "advisers", "members", "public"
LEVELS = (ME, ADVISERS, MEMBERS, PUBLIC)
LEVEL_TITLES = {
    ME: _("Only me"),
    ADVISERS: _("${agency}'s network advisers"),
    MEMBERS: _("Members of the network"),
    PUBLIC: _("Everyone"),
}

FIELDS = {
    "name": _("Name"),
    "email": _("E-mail"),
    "country": _("Country"),
    "city": _("City"),
    "employer": _("Current employer"),
    "expertise": _("Expertise"),
    "languages": _("Languages"),
    "sectors": _("Sectors"),
    "offers": _("Offers to the resource bank"),
    "availability": _("Availability"),
    "about": _("About me"),
    "exchanges": _("Exchanges with ${agency}"),
}
CHOICE_TITLES = {
    "name": _("Who sees my name"),
    "email": _("Who sees my e-mail address"),
    "country": _("Who sees my country"),
    "city": _("Who sees my city"),
    "employer": _("Who sees my employer"),
    "expertise": _("Who sees my expertise"),
    "languages": _("Who sees my languages"),
    "sectors": _("Who sees my sectors"),
    "offers": _("Who sees what I offer"),
    "availability": _("Who sees my availability"),
    "about": _("Who sees what I wrote about me"),
    "exchanges": _("Who sees my exchanges"),
}
OFFERS = {
    "mentor": _("Mentor"),
    "lecturer": _("Lecturer"),
    "interpreter": _("Interpreter"),
    "resource": _("Resource person"),
}
# The core's levels for the fields kept on its person record. Only "everyone" carries
# over: the core's "members" is anyone with an account, wider than the network's
# members, and its private fields are seen by Norec's staff, as advisers see them here.
CORE_LEVELS = {PUBLIC: "public"}
CORE_FIELDS = ("name", "email", "country", "city", "employer", "expertise", "languages")


def level(member: Member, field: str) -> str:
    chosen = (member.visibility or {}).get(field)
    return chosen if chosen in LEVELS else ME


def member_of(request: Request) -> Member | None:
    """The logged-in user's own membership, looked up once per request."""
    if "network.member" not in request.environ:
        user = request.identity
        found = None
        if user is not None and user.person_id is not None:
            found = request.dbsession.scalars(
                select(Member).where(Member.person_id == user.person_id)
            ).first()
        request.environ["network.member"] = found
    return request.environ["network.member"]


def is_adviser(request: Request) -> bool:
    return bool(request.has_permission(MANAGE, request.root))


def levels_seen_by(request: Request) -> tuple[str, ...]:
    """The levels of other members' fields the requesting user sees."""
    if is_adviser(request):
        return (ADVISERS, MEMBERS, PUBLIC)
    if member_of(request) is not None:
        return (MEMBERS, PUBLIC)
    return (PUBLIC,)


def visible_fields(request: Request, member: Member, levels=None) -> list[str]:
    """The fields of `member`'s profile the requesting user sees; none at all if the
    member is not listed for them (their own profile they always see whole)."""
    own = member_of(request)
    if own is not None and own.id == member.id:
        return list(FIELDS)
    levels = levels or levels_seen_by(request)
    if not member.person.consent_directory or level(member, "name") not in levels:
        return []
    return [field for field in FIELDS if level(member, field) in levels]


def value(member: Member, field: str, exchanges=()) -> Any:
    person = member.person
    if field == "name":
        return person.full_name
    if field == "languages":
        return list(person.languages)
    if field in ("sectors", "offers", "availability", "about"):
        return getattr(member, field)
    if field == "exchanges":
        return list(exchanges)
    return getattr(person, field)


def choices(member: Member) -> dict[str, str]:
    return {f"show_{field}": level(member, field) for field in FIELDS}


def join(session, person: Person) -> Member:
    """The person's membership, made if they have none (a second acceptance changes
    nothing)."""
    member = session.scalars(select(Member).where(Member.person_id == person.id)).first()
    if member is None:
        member = Member(person=person, joined_at=now())
        session.add(member)
    session.flush()
    return member


def save(member: Member, data: dict) -> None:
    """Store the profile form's answers on the member and their person record."""
    person = member.person
    for field in ("city", "employer", "expertise"):
        setattr(person, field, data[field])
    person.country = data["country"]
    person.languages = sorted(data["languages"])
    for field in ("sectors", "availability", "about", "mentor_capacity"):
        setattr(member, field, data[field])
    member.offers = [o for o in OFFERS if o in data["offers"]]
    if "mentor" not in member.offers:
        member.mentor_capacity = 0
    member.visibility = {
        key.removeprefix("show_"): chosen
        for key, chosen in data.items()
        if key.startswith("show_") and chosen != ME and key.removeprefix("show_") in FIELDS
    }
    core = dict(person.visibility or {})
    for field in CORE_FIELDS:
        core.pop(field, None)
        if level(member, field) in CORE_LEVELS:
            core[field] = CORE_LEVELS[level(member, field)]
    person.visibility = core
    person.consent_directory = data["consent_directory"]
    person.consent_contact = data["consent_contact"]
