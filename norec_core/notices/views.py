"""One's notices: what one was told, newest first, read or unread; and how one wants to
be told of each kind, and in which language."""

from __future__ import annotations

import colander
import deform
from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config
from sqlalchemy import func, or_, select, update

from norec_core import clock
from norec_core.forms import CSRFSchema, process_form
from norec_core.i18n import _, language_cookie, site_languages
from norec_core.layout import flash
from norec_core.lists import paginate
from norec_core.notices.models import Notice, NoticePreference
from norec_core.resources import parse_id
from norec_core.security import ACCOUNT

COUNTRY_DECIDES = _("As my country decides")
DELIVERY_TITLES = {
    "now": _("By e-mail at once"),
    "digest": _("In one e-mail a day"),
    "none": _("Not by e-mail, only on this page"),
}


def mine(request):
    """The condition on `Notice` of the notices for the logged-in user."""
    user = request.identity
    condition = Notice.user_id == user.id
    if user.person_id is not None:
        condition = or_(condition, Notice.person_id == user.person_id)
    return condition


def unread_count(request) -> int:
    return request.dbsession.scalar(
        select(func.count()).select_from(Notice).where(mine(request), Notice.read_at.is_(None))
    )


@view_config(
    route_name="notices", renderer="norec_core:templates/notices/list.pt", permission=ACCOUNT
)
def notices(request):
    kinds = request.registry["norec.notice_kinds"]
    query = select(Notice).where(mine(request)).order_by(Notice.id.desc())
    return {
        "page_title": _("Notices"),
        "page": paginate(request, query),
        "kinds": kinds,
        "unread": unread_count(request),
    }


@view_config(route_name="notices.read", request_method="POST", permission=ACCOUNT)
def mark_read(request):
    """Mark one notice (`id`) or all of one's notices read."""
    query = update(Notice).where(mine(request), Notice.read_at.is_(None))
    wanted = request.POST.get("id", "")
    if (notice_id := parse_id(wanted)) is not None:
        query = query.where(Notice.id == notice_id)
    elif wanted != "all":
        return HTTPFound(request.route_path("notices"))
    request.dbsession.execute(query.values(read_at=clock.now()))
    return HTTPFound(request.route_path("notices", _query=_page_of(request)))


def _page_of(request) -> dict:
    page = request.POST.get("page", "")
    return {"page": page} if (parse_id(page) or 1) > 1 else {}


def settings_schema(request) -> colander.Schema:
    schema = CSRFSchema()
    choices = [("", COUNTRY_DECIDES), *site_languages(request).items()]
    schema.add(
        colander.SchemaNode(
            colander.String(),
            name="language",
            title=_("Language of my e-mail, notices and letters"),
            description=_(
                "With none chosen: English for those outside the country, "
                "the site's language for those in it."
            ),
            widget=deform.widget.SelectWidget(values=choices),
            validator=colander.OneOf([code for code, _title in choices]),
            missing="",
        )
    )
    for kind in request.registry["norec.notice_kinds"].values():
        if kind.required:
            continue
        schema.add(
            colander.SchemaNode(
                colander.String(),
                name=kind.name,
                title=kind.title,
                description=kind.description,
                widget=deform.widget.RadioChoiceWidget(values=list(DELIVERY_TITLES.items())),
                validator=colander.OneOf(list(DELIVERY_TITLES)),
                default="now",
            )
        )
    return schema


@view_config(
    route_name="notices.settings",
    renderer="norec_core:templates/notices/settings.pt",
    permission=ACCOUNT,
)
def notice_settings(request):
    user = request.identity
    session = request.dbsession
    chosen = {
        p.kind: p.delivery
        for p in session.scalars(
            select(NoticePreference).where(NoticePreference.user_id == user.id)
        )
    }
    kinds = request.registry["norec.notice_kinds"]
    result = process_form(
        request,
        settings_schema(request),
        appstruct={"language": user.language or "", **chosen},
        submit_title=_("Save"),
    )
    if result.valid:
        user.language = result.data.pop("language") or None
        if user.person is not None:  # the record's choice is the one the plugins' mail reads
            user.person.correspondence_language = user.language
        for name, delivery in result.data.items():
            preference = session.get(NoticePreference, (user.id, name))
            if preference is None:
                session.add(NoticePreference(user_id=user.id, kind=name, delivery=delivery))
            else:
                preference.delivery = delivery
        flash(request, _("Your choices are saved."))
        headers = language_cookie(request, user.language)
        return HTTPFound(request.route_path("notices.settings"), headers=headers)
    return {
        "page_title": _("How I am told"),
        "form": result.html,
        "required": [k for k in kinds.values() if k.required],
    }
