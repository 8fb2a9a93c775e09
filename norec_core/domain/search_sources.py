"""What the site search finds of the core's records: people by the profile they show,
organisations, partnerships and activities (each as its workflow state lets the viewer
see it)."""

from __future__ import annotations

from sqlalchemy.orm import selectinload

from norec_core.contributions import SearchDocument, SearchSource
from norec_core.domain import profiles
from norec_core.domain.models import Activity, Organisation, Partnership, Person
from norec_core.i18n import _
from norec_core.security import ACCOUNT, PERSON_VIEW, VIEW

# Who finds a person: those who see their name. Only what they also see is searchable.
_FINDERS = {profiles.PUBLIC: VIEW, profiles.MEMBERS: ACCOUNT, profiles.PRIVATE: PERSON_VIEW}
_SEEN_WITH = {
    profiles.PUBLIC: {profiles.PUBLIC},
    profiles.MEMBERS: {profiles.MEMBERS, profiles.PUBLIC},
    profiles.PRIVATE: set(profiles.LEVELS),
}


def person_document(person: Person) -> SearchDocument:
    name_level = profiles.level(person, "name")
    seen = [
        f
        for f in ("employer", "city", "country", "expertise")
        if profiles.level(person, f) in _SEEN_WITH[name_level]
    ]
    values = {"employer": person.employer or "", "city": person.city or ""}
    return SearchDocument(
        title=person.full_name,
        text=" ".join(
            [values[f] for f in ("employer", "city") if f in seen]
            + (list(person.expertise or ()) if "expertise" in seen else [])
        ),
        summary=", ".join(values[f] for f in ("employer", "city") if f in seen and values[f]),
        country=person.country if "country" in seen else None,
        permission=_FINDERS[name_level],
    )


def _person_url(request, person_id: int) -> str:
    page = "people.detail" if request.has_permission(PERSON_VIEW) else "people.profile"
    return request.route_path(page, id=person_id)


def organisation_document(organisation: Organisation) -> SearchDocument:
    return SearchDocument(
        title=organisation.name,
        text=organisation.description or "",
        summary=(organisation.description or "")[:300],
        country=organisation.country,
    )


def partnership_document(partnership: Partnership) -> SearchDocument:
    names = ", ".join(o.name for o in partnership.organisations)
    return SearchDocument(
        title=partnership.title,
        text=f"{partnership.description or ''} {names}",
        summary=names,
        date=partnership.starts_on,
    )


def activity_document(activity: Activity) -> SearchDocument:
    return SearchDocument(
        title=activity.title,
        text=f"{activity.description or ''} {activity.place or ''}",
        summary=activity.place or "",
        country=activity.country,
        date=activity.starts_at,
    )


def core_sources() -> list[SearchSource]:
    return [
        SearchSource("person", _("Person"), Person, person_document, url=_person_url),
        SearchSource(
            "organisation",
            _("Organisation"),
            Organisation,
            organisation_document,
            "organisations.detail",
        ),
        SearchSource(
            "partnership",
            _("Partnership"),
            Partnership,
            partnership_document,
            "partnerships.detail",
            options=(selectinload(Partnership.organisations),),
        ),
        SearchSource("activity", _("Activity"), Activity, activity_document, "activities.detail"),
    ]
