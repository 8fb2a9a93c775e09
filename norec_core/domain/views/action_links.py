"""The page an action link opens: what it will do, a button to do it, and then done."""

from __future__ import annotations

from pyramid.response import Response
from pyramid.view import view_config

from norec_core.accounts.messages import link_does_not_work, message_page
from norec_core.domain import action_links
from norec_core.forms import CSRFSchema, process_form
from norec_core.i18n import _
from norec_core.security import VIEW


@view_config(route_name="action_link", renderer="norec_core:templates/form.pt", permission=VIEW)
def action_link_page(request):
    link = action_links.find(request, request.matchdict["token"])
    if link is None:
        return link_does_not_work(request, _("Ask whoever sent it for a new one."))
    purpose = request.registry["norec.action_purposes"][link.purpose]
    # Opening shows a button; only pressing it acts. Mail scanners follow links.
    result = process_form(request, CSRFSchema(), submit_title=_("Confirm"), formid="action")
    if not result.valid:
        if request.method == "GET":
            request.pm.hook.norec_action_link_opened(
                request=request, purpose=link.purpose, data=link.data, person=link.person
            )
        return {"page_title": purpose.title, "intro": purpose.question, "form": result.html}
    done = action_links.use(request, link)
    if isinstance(done, Response):
        return done
    return message_page(request, purpose.title, done or _("Done. Thank you."))
