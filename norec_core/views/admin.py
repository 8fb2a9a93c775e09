"""The administration page: the links to what administrators look after."""

from pyramid.view import view_config

from norec_core import security
from norec_core.i18n import _

# (route, title, description, permission)
PAGES = (
    (
        "admin.users",
        _("Users"),
        _("Accounts, their roles, and who may log in."),
        security.USERS_MANAGE,
    ),
    (
        "admin.audit",
        _("Audit log"),
        _("Every change to personal data and every decision."),
        security.AUDIT_VIEW,
    ),
    ("admin.outbox", _("Mail outbox"), _("Queued, sent and failed e-mail."), security.OPERATIONS),
    (
        "admin.mailing",
        _("Mass mailing"),
        _("Write to everyone who agreed to newsletters."),
        security.OPERATIONS,
    ),
    ("admin.jobs", _("Jobs"), _("Long work running in the background."), security.OPERATIONS),
)


@view_config(
    route_name="admin",
    renderer="norec_core:templates/admin/index.pt",
    permission=security.OPERATIONS,
)
def admin_index(request):
    return {
        "page_title": _("Administration"),
        "pages": [
            {"url": request.route_path(route), "title": title, "description": description}
            for route, title, description, permission in PAGES
            if request.has_permission(permission)
        ],
    }
