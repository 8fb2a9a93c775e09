"""Country chapters: their page (members, activities, discussion) and a thread's page,
where members write and reply and advisers moderate."""

from __future__ import annotations

from pyramid.httpexceptions import HTTPForbidden, HTTPFound, HTTPNotFound
from pyramid.view import view_config

from norec_core import ACCOUNT, VIEW, flash, paginate, process_form
from norec_network import activities, chapters, notices, profile
from norec_network.forms import PostSchema, ReplySchema
from norec_network.i18n import _
from norec_network.views.overview import calendar_url

T = "norec_network:templates/"
AUTHOR_REMOVED = "author"  # the reason stored when authors remove their own post


def _reader(request) -> bool:
    """The discussion is for members and the network's advisers."""
    return profile.member_of(request) is not None or profile.is_adviser(request)


@view_config(route_name="network.chapters", renderer=T + "chapters.pt", permission=VIEW)
def chapter_list(request):
    return {
        "page_title": _("Country chapters"),
        "counts": chapters.member_counts(request.dbsession),
    }


@view_config(route_name="network.chapter", renderer=T + "chapter.pt", permission=VIEW)
def chapter_page(request):
    country = request.matchdict["code"]
    name = request.layout.country(country)
    if name == country:
        raise HTTPNotFound()
    session, member = request.dbsession, profile.member_of(request)
    values = {
        "page_title": _("${agency} Network in ${country}", mapping={"country": name}),
        "country": country,
        "members": chapters.member_count(session, country),
        "upcoming": activities.upcoming(session, country, limit=10),
        "past": activities.past(session, country, limit=5),
        "calendar": calendar_url(request, country),
        "reader": _reader(request),
        "member": member,
        "following": member is not None and country in chapters.follows(session, member),
        "form": None,
    }
    if not values["reader"]:
        return values
    if member is not None:
        result = process_form(request, PostSchema(), submit_title=_("Post"), formid="post")
        if result.valid:
            post = chapters.write(
                session, member, country, result.data["body"], title=result.data["title"]
            )
            return HTTPFound(request.route_path("network.post", id=post.id))
        values["form"] = result.html
    page = paginate(request, chapters.threads(session, country))
    return values | {"page": page, "replies": chapters.reply_counts(session, page.items)}


@view_config(route_name="network.chapter.follow", permission=ACCOUNT)
def follow(request):
    if request.method != "POST":
        return HTTPFound(request.route_path("network.chapter", code=request.matchdict["code"]))
    member = profile.member_of(request)
    if member is None:
        raise HTTPForbidden(_("Only members of the network follow chapters."))
    country = request.matchdict["code"]
    on = request.POST.get("follow") == "1"
    chapters.follow(request, member, country, on)
    if on:
        flash(request, _("You follow this chapter: its new posts come in your weekly digest."))
    else:
        flash(request, _("You no longer follow this chapter."))
    return HTTPFound(request.route_path("network.chapter", code=country))


@view_config(route_name="network.post", renderer=T + "post.pt", permission=ACCOUNT)
def thread(post, request):
    if post.parent_id is not None:
        return HTTPFound(request.route_path("network.post", id=post.parent_id) + f"#post-{post.id}")
    if not _reader(request):
        raise HTTPForbidden(_("The discussions are for members of the network."))
    member = profile.member_of(request)
    form = None
    if member is not None:
        result = process_form(request, ReplySchema(), submit_title=_("Reply"), formid="reply")
        if result.valid:
            reply = chapters.write(
                request.dbsession, member, post.country, result.data["body"], parent=post
            )
            return HTTPFound(request.route_path("network.post", id=post.id) + f"#post-{reply.id}")
        form = result.html
    return {
        "page_title": post.title,
        "thread": post,
        "posts": [post, *post.replies],
        "member": member,
        "adviser": profile.is_adviser(request),
        "form": form,
        "author_removed": AUTHOR_REMOVED,
    }


@view_config(route_name="network.post.moderate", permission=ACCOUNT)
def moderate(post, request):
    """An adviser hides a post (with a reason) or shows it again; an author removes
    their own."""
    thread_id = post.parent_id or post.id
    if request.method != "POST":
        return HTTPFound(request.route_path("network.post", id=thread_id))
    member = profile.member_of(request)
    own = member is not None and member.id == post.author_id
    action = request.POST.get("action")
    if profile.is_adviser(request) and action == "hide":
        reason = request.POST.get("reason", "").strip()[:300]
        if not reason:
            flash(request, _("Say why the post is hidden."), "error")
        else:
            chapters.hide(post, reason)
            notices.post_hidden(request, post)
    elif profile.is_adviser(request) and action == "show":
        chapters.show(post)
    elif own and action == "remove":
        chapters.hide(post, AUTHOR_REMOVED)
    else:
        raise HTTPForbidden(_("This step is not yours to take now."))
    return HTTPFound(request.route_path("network.post", id=thread_id) + f"#post-{post.id}")
