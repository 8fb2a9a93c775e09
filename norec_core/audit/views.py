"""Browsing the audit log: administrators only, read only."""

from __future__ import annotations

import datetime
import json

from pyramid.view import view_config
from sqlalchemy import select

from norec_core.audit.models import ACTIONS, AuditEvent
from norec_core.exports import Column, export_links, export_response, requested_format
from norec_core.i18n import _
from norec_core.lists import paginate, search_filter, search_words, select_filter
from norec_core.resources import parse_id
from norec_core.security import AUDIT_VIEW


def _date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


AUDIT_COLUMNS = [
    Column(_("When"), lambda e: e.at),
    Column(_("Actor"), lambda e: e.actor),
    Column(_("Action"), lambda e: e.action),
    Column(_("Record type"), lambda e: e.resource_type),
    Column(_("Record id"), lambda e: e.resource_id),
    Column(_("Changes"), lambda e: json.dumps(e.changes, ensure_ascii=False)),
    Column(_("Comment"), lambda e: e.comment),
]


@view_config(
    route_name="admin.audit", renderer="norec_core:templates/admin/audit.pt", permission=AUDIT_VIEW
)
def audit_log(request):
    params = request.GET
    query = select(AuditEvent)
    resource_types = {
        t: t for t in request.dbsession.scalars(select(AuditEvent.resource_type).distinct())
    }
    action = params.get("action", "")
    resource_type = params.get("resource_type", "")
    if action in ACTIONS:
        query = query.where(AuditEvent.action == action)
    if resource_type:
        query = query.where(AuditEvent.resource_type == resource_type)
    resource_id = parse_id(params.get("resource_id", ""))
    if resource_id is not None:
        query = query.where(AuditEvent.resource_id == resource_id)
    if params.get("q"):
        query = search_words(query, params["q"], AuditEvent.actor)
    since, until = _date(params.get("since", "")), _date(params.get("until", ""))
    if since:
        query = query.where(AuditEvent.at >= since)
    if until:
        query = query.where(AuditEvent.at < until + datetime.timedelta(days=1))
    query = query.order_by(AuditEvent.id.desc())
    if requested_format(request):
        return export_response(request, query, AUDIT_COLUMNS, "audit-log")
    return {
        "page_title": _("Audit log"),
        "page": paginate(request, query),
        "exports": export_links(request),
        "filters": [
            search_filter(_("Actor"), params.get("q", "")),
            select_filter("action", _("Action"), {a: a for a in ACTIONS}, action),
            select_filter("resource_type", _("Record type"), resource_types, resource_type),
            {
                "name": "resource_id",
                "label": _("Record id"),
                "value": params.get("resource_id", ""),
                "type": "search",
            },
            {"name": "since", "label": _("From"), "value": params.get("since", ""), "type": "date"},
            {"name": "until", "label": _("To"), "value": params.get("until", ""), "type": "date"},
        ],
    }
