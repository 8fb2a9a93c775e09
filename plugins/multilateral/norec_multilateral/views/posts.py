"""Posts in international organisations: the public list of vacancies, a post's page,
and the advisers' form."""

from __future__ import annotations

import colander
from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from pyramid.view import view_config
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from norec_core import (
    VIEW,
    Column,
    export_links,
    export_response,
    flash,
    now,
    paginate,
    parse_id,
    process_form,
    requested_format,
    select_filter,
    translations_from_form,
    translations_to_form,
)
from norec_multilateral import alerts, notices, rechecks, rounds
from norec_multilateral.eligibility import DEGREES
from norec_multilateral.forms.posts import PostSchema
from norec_multilateral.i18n import _
from norec_multilateral.models import MultilateralPost
from norec_multilateral.permissions import MANAGE
from norec_multilateral.rounds import PROGRAMMES

T = "norec_multilateral:templates/"


FIELDS = (
    "programme",
    "organisation_id",
    "round_id",
    "reserved_on",
    "title",
    "duty_station",
    "country",
    "grade",
    "field",
    "description",
    "deadline",
    "max_age",
    "min_degree",
    "min_experience_years",
    "published",
)


def _save(post: MultilateralPost, data: dict) -> None:
    for key in FIELDS:
        setattr(post, key, data[key])
    post.citizenship = sorted(data["citizenship"])
    post.languages = sorted(data["languages"])
    post.text_language = data["text_language"]
    post.translations = translations_from_form(data["translations"])


def _visible(request):
    query = select(MultilateralPost).options(selectinload(MultilateralPost.organisation))
    if not request.has_permission(MANAGE, request.root):
        query = query.where(MultilateralPost.published.is_(True))
    return query


def _columns(request):
    translate = request.localizer.translate
    return [
        Column(_("Programme"), lambda p: translate(PROGRAMMES[p.programme])),
        Column(_("Organisation"), lambda p: p.organisation.name),
        Column(_("Title"), lambda p: p.title),
        Column(_("Grade"), lambda p: p.grade),
        Column(_("Duty station"), lambda p: p.duty_station),
        Column(_("Country"), lambda p: p.country),
        Column(_("Field of work"), lambda p: p.field),
        Column(_("Deadline"), lambda p: p.deadline),
    ]


@view_config(route_name="multilateral.posts", renderer=T + "posts.pt", permission=VIEW)
def post_list(request):
    programme = request.GET.get("programme", "")
    programme = programme if programme in PROGRAMMES else ""
    open_only = request.GET.get("open", "1") == "1"
    query = _visible(request).order_by(MultilateralPost.deadline, MultilateralPost.id)
    if programme:
        query = query.where(MultilateralPost.programme == programme)
    if open_only:
        query = query.where(MultilateralPost.deadline >= now())
    if requested_format(request):
        return export_response(request, query, _columns(request), "posts")
    return {
        "page_title": _("Posts in international organisations"),
        "filters": [
            select_filter("programme", _("Programme"), PROGRAMMES, programme),
            select_filter(
                "open",
                _("Deadline"),
                {"1": _("Still open"), "0": _("All, closed too")},
                "1" if open_only else "0",
            ),
        ],
        "page": paginate(request, query),
        "programmes": PROGRAMMES,
        "exports": export_links(request),
        "manage": request.has_permission(MANAGE, request.root),
    }


@view_config(route_name="multilateral.post", renderer=T + "post.pt", permission=VIEW)
def post_page(post, request):
    if not post.published and not request.has_permission(MANAGE, request.root):
        raise HTTPNotFound()
    return {
        "page_title": request.layout.text(post, "title", markup=False),
        "post": post,
        "programmes": PROGRAMMES,
        "degrees": DEGREES,
        "open": post.published and post.deadline >= now(),
        "manage": request.has_permission(MANAGE, request.root),
        "stage": rounds.post_stage(post),
        "stages": rounds.POST_STAGES,
    }


def _form_page(request, post: MultilateralPost | None):
    appstruct = colander.null
    if post is None and (round_id := parse_id(request.GET.get("round"))):
        appstruct = {"round_id": round_id}  # reserved from a round's page
    if post is not None:
        appstruct = {key: getattr(post, key) for key in FIELDS}
        appstruct |= {"citizenship": set(post.citizenship), "languages": set(post.languages)}
        appstruct |= {
            "text_language": post.text_language,
            "translations": translations_to_form(post.translations),
        }
        appstruct = {k: v for k, v in appstruct.items() if v is not None}
    result = process_form(request, PostSchema(), appstruct=appstruct, formid="post")
    if result.valid:
        if post is None:
            post = MultilateralPost()
            request.dbsession.add(post)
        was_published = bool(post.published)
        _save(post, result.data)
        request.dbsession.flush()
        for candidacy in rechecks.post_changed(request.dbsession, post):  # rules may change
            notices.requirements_changed(request, candidacy)
        flash(request, _("The post is saved."))
        if post.published and not was_published:
            sent = alerts.announce(request, post)
            flash(request, _("${count} alerts went to candidates.", mapping={"count": sent}))
        return HTTPFound(request.route_path("multilateral.post", id=post.id))
    return {
        "page_title": post.title if post is not None else _("New post"),
        "form": result.html,
    }


@view_config(
    route_name="multilateral.post.new", renderer="norec_core:templates/form.pt", permission=MANAGE
)
def new_post(request):
    return _form_page(request, None)


@view_config(
    route_name="multilateral.post.edit", renderer="norec_core:templates/form.pt", permission=MANAGE
)
def edit_post(post, request):
    return _form_page(request, post)
