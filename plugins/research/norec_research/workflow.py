"""A publication's way: a draft, reviewed, published, and perhaps withdrawn (with the
reason, which its page keeps as a tombstone). Only published ones are public."""

from __future__ import annotations

from norec_core import SITE_TIMEZONE, State, Transition, Workflow, now
from norec_research.i18n import _
from norec_research.models import Publication, Version
from norec_research.permissions import EDIT, PUBLISH, READ

STATES = (
    State("draft", _("Draft")),
    State("in_review", _("In review")),
    State("published", _("Published")),
    State("withdrawn", _("Withdrawn")),
)
STATE_TITLES = {s.name: s.title for s in STATES}


def _publishable(request, publication):
    if not publication.texts:
        return _("Give the publication a title first.")
    if not publication.authors and not publication.organisations:
        return _("Name an author or a contributing organisation first.")
    return None


def _published(request, publication, entry):
    if publication.published_on is None:
        publication.published_on = now().astimezone(SITE_TIMEZONE).date()
    if not publication.versions:
        publication.versions.append(Version(number=1))


def _withdrawn(request, publication, entry):
    publication.withdrawn_reason = entry.comment


TRANSITIONS = (
    Transition("submit", _("Send to review"), ("draft",), "in_review", EDIT, _publishable),
    Transition("return", _("Back to the author"), ("in_review",), "draft", PUBLISH, None, True),
    Transition(
        "publish",
        _("Publish"),
        ("in_review",),
        "published",
        PUBLISH,
        _publishable,
        False,
        _published,
    ),
    Transition(
        "withdraw", _("Withdraw"), ("published",), "withdrawn", PUBLISH, None, True, _withdrawn
    ),
)

PUBLICATION_WORKFLOW = Workflow(
    read_permission=READ,
    name="research.publication",
    model=Publication,
    initial="draft",
    states=STATES,
    transitions=TRANSITIONS,
    # The files: everyone's once published; a draft's, and a withdrawn one's, editors'.
    permissions={
        "draft": {READ: {"editor"}},
        "in_review": {READ: {"editor"}},
        "published": {READ: {"everyone"}},
        "withdrawn": {READ: {"editor"}},
    },
)
