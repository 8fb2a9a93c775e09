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
    detail_route: str,
    page_title,
    appstruct: Callable[[Any], dict] | None = None,
    apply: Callable[[Any, dict], None] | None = None,
    fields: tuple[str, ...] = (),
    bindings: dict | None = None,
):
    """Render the form for `obj`, or apply a valid POST to it and redirect to its page.

    `appstruct(obj)` gives the form's values, `apply(obj, data)` writes a valid form's to
    `obj`; where the schema's fields are the record's attributes one to one, `fields`
    names them instead and both are done by name (an attribute that is None is left
    empty in the form)."""
    if appstruct is None:

        def appstruct(found):
            return {k: getattr(found, k) for k in fields if getattr(found, k) is not None}

    if apply is None:

        def apply(found, data):
            for key, value in data.items():
                setattr(found, key, value)

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
