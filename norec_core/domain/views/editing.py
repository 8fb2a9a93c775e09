"""The steps every add and edit page takes: find the object, validate, save, go to it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import colander
from pyramid.httpexceptions import HTTPFound
from pyramid.request import Request

from norec_core.forms import process_form
from norec_core.i18n import _
from norec_core.layout import flash


def edit_page(
    request: Request,
    schema: colander.Schema,
    obj,
    *,
    is_new: bool,
    appstruct: Callable[[Any], dict],
    apply: Callable[[Any, dict], None],
    detail_route: str,
    page_title,
    bindings: dict | None = None,
):
    """Render the form for `obj`, or apply a valid POST to it and redirect to its page."""
    result = process_form(
        request,
        schema,
        appstruct=colander.null if is_new else appstruct(obj),
        bindings=bindings,
        submit_title=_("Create") if is_new else _("Save"),
    )
    if not result.valid:
        cancel = request.route_path(detail_route, id=obj.id) if not is_new else None
        return {"form": result.html, "page_title": page_title, "cancel_url": cancel}
    apply(obj, result.data)
    if is_new:
        request.dbsession.add(obj)
    request.dbsession.flush()
    flash(request, _("Created.") if is_new else _("Saved."))
    return HTTPFound(request.route_path(detail_route, id=obj.id))
