"""The kinds of notice the network sends its members: mentoring (asked, answered, ended,
expired) and a post of theirs hidden by an adviser, with the reason."""

from __future__ import annotations

from pyramid.request import Request

from norec_core import NoticeKind, notify
from norec_network.i18n import _
from norec_network.models import Post

KINDS = [
    NoticeKind(
        "network.mentoring",
        _("Mentoring"),
        _("A member asks you to mentor them, your mentor answers, a mentoring ends."),
    ),
    NoticeKind(
        "network.moderation",
        _("A post of yours hidden"),
        _("An adviser hid a post you wrote in a chapter's discussion, and says why."),
        required=True,
    ),
]


def post_hidden(request: Request, post: Post) -> None:
    thread = post.parent_id or post.id
    notify(
        request,
        "network.moderation",
        post.author.person,
        _("Your post in the discussion is hidden"),
        _(
            "An adviser has hidden a post you wrote in the chapter's discussion. Others see "
            "that it was there and why, not what it said:\n\n${reason}\n\nIf you think this "
            "is wrong, answer the adviser through the network's contact page.",
            mapping={"reason": post.hidden_reason},
        ),
        url=request.route_url("network.post", id=thread) + f"#post-{post.id}",
    )
