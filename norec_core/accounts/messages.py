"""The one-message pages of accounts: "check your e-mail", "the link does not work"."""

from __future__ import annotations

from pyramid.request import Request

from norec_core.i18n import _

TEMPLATE = "norec_core:templates/accounts/message.pt"
ASK_AGAIN = _("Ask for a new one.")
REGISTER_AGAIN = _("Register again.")


def message_page(request: Request, title, message, status: int = 200) -> dict:
    """Render `message` under `title` instead of the view's own template."""
    request.override_renderer = TEMPLATE
    request.response.status = status
    return {"page_title": title, "message": message}


def link_does_not_work(request: Request, hint) -> dict:
    """The page for a used, expired or unknown link: 404, and what to do instead."""
    return message_page(
        request,
        _("The link does not work"),
        _(
            "It has been used already, or it has expired. ${hint}",
            mapping={"hint": request.localizer.translate(hint)},
        ),
        404,
    )
