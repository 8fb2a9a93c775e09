"""The register of former participants: its list (filtered, exported) and its import
from Norec's archive, checked row by row before anything changes."""

from __future__ import annotations

from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from norec_core import (
    Column,
    Person,
    export_links,
    export_response,
    flash,
    paginate,
    parse_number,
    process_form,
    requested_format,
    search_filter,
    search_words,
    select_filter,
)
from norec_network import importing, matches, register_file
from norec_network.forms import ImportSchema
from norec_network.i18n import _
from norec_network.importing import FIRST_YEAR
from norec_network.models import Alumnus, ImportRun, PastExchange
from norec_network.permissions import MANAGE

T = "norec_network:templates/"
ACTION_TITLES = {
    "create": _("new person"),
    "update": _("known person: exchanges added"),
    "review": _("possible match: an adviser decides"),
    "unchanged": _("already in the register"),
    "reject": _("rejected"),
}
SHOWN = 500  # rows of a check shown on the page; the report has them all
BUTTONS = (
    ("check", _("Check the file")),
    ("report", _("Download the check as CSV")),
    ("run", _("Import")),
)


def _report_columns(request):
    translate = request.localizer.translate
    return [
        Column(_("Row"), lambda r: r.number),
        Column(_("What the import does"), lambda r: translate(ACTION_TITLES[r.action])),
        Column(_("Why"), lambda r: " ".join(translate(reason) for reason in r.reasons)),
        *(Column(f, lambda r, f=f: r.values.get(f, "")) for f in register_file.FIELDS),
    ]


def _columns():
    return [
        Column(_("Given name"), lambda a: a.person.given_name),
        Column(_("Family name"), lambda a: a.person.family_name),
        Column(_("E-mail"), lambda a: a.person.email),
        Column(_("Country"), lambda a: a.person.country),
        Column(_("Exchange years"), lambda a: ", ".join(str(e.year) for e in a.exchanges)),
        Column(_("Sending"), lambda a: "; ".join(sorted({e.sending for e in a.exchanges}))),
        Column(_("Receiving"), lambda a: "; ".join(sorted({e.receiving for e in a.exchanges}))),
        Column(_("Source"), lambda a: a.source),
    ]


@view_config(route_name="network.register", renderer=T + "register.pt", permission=MANAGE)
def register(request):
    get = request.GET
    q, country, year = get.get("q", ""), get.get("country", ""), get.get("year", "")
    query = (
        select(Alumnus)
        .join(Person, Person.id == Alumnus.person_id)
        .options(selectinload(Alumnus.person), selectinload(Alumnus.exchanges))
        .order_by(Person.family_name, Person.given_name, Alumnus.id)
    )
    if q:
        query = search_words(query, q, Person.given_name, Person.family_name, Person.email)
    if country:
        query = query.where(Person.country == country)
    if (year_number := parse_number(year, FIRST_YEAR, 2200)) is not None:
        query = query.where(Alumnus.exchanges.any(PastExchange.year == year_number))
    if requested_format(request):
        return export_response(request, query, _columns(), "register")
    years = request.dbsession.scalars(
        select(PastExchange.year).distinct().order_by(PastExchange.year.desc())
    ).all()
    return {
        "page_title": _("The register of former participants"),
        "page": paginate(request, query),
        "total": request.dbsession.scalar(select(func.count()).select_from(Alumnus)),
        "runs": request.dbsession.scalars(
            select(ImportRun).order_by(ImportRun.at.desc()).limit(10)
        ).all(),
        "filters": [
            search_filter(_("Name or e-mail"), q),
            select_filter("country", _("Country"), request.layout.countries, country),
            select_filter("year", _("Exchange year"), {str(y): str(y) for y in years}, year),
        ],
        "exports": export_links(request),
        "waiting": matches.waiting_count(request.dbsession),
    }


@view_config(route_name="network.import", renderer=T + "import.pt", permission=MANAGE)
def import_file(request):
    values = {
        "page_title": _("Import the register"),
        "rows": None,
        "counts": None,
        "actions": ACTION_TITLES,
    }
    result = process_form(request, ImportSchema(), formid="import", buttons=BUTTONS)
    if not result.valid:
        return {**values, "form": result.html}
    data = result.data
    pairs = (line.split("=", 1) for line in data["mapping"].splitlines() if "=" in line)
    mapping = {k.strip(): v.strip() for k, v in pairs}
    upload = data["upload"]
    upload["fp"].seek(0)
    try:
        records = register_file.read(upload["filename"], upload["fp"].read(), mapping)
    except register_file.UnreadableFile as refused:
        request.response.status = 422
        flash(request, refused.args[0], "error")
        return {**values, "form": result.again()}
    rows = importing.plan(request.dbsession, records)
    if result.button == "report":
        return export_response(request, rows, _report_columns(request), "check")
    if result.button == "run":
        run = importing.apply(request.dbsession, rows, upload["filename"], request.identity)
        flash(
            request,
            _(
                "Imported: ${created} new, ${updated} updated, ${review} to decide, "
                "${unchanged} unchanged, ${rejected} rejected.",
                mapping={
                    "created": run.created,
                    "updated": run.updated,
                    "review": run.to_review,
                    "unchanged": run.unchanged,
                    "rejected": run.rejected,
                },
            ),
        )
        if run.to_review:
            return HTTPFound(request.route_path("network.matches"))
        return HTTPFound(request.route_path("network.register"))
    # The file stays with the form (in the file store, its name in the session): the
    # import that follows is of exactly what was checked.
    return {
        **values,
        "form": result.again(),
        "rows": rows[:SHOWN],
        "counts": importing.counts(rows),
    }
