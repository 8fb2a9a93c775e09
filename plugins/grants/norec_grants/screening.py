"""Screening: the scheme's formal requirements as a checklist the caseworker goes
through, each ticked or explained, before a case is sent to assessment."""

from __future__ import annotations

from pyramid.request import Request

from norec_grants.i18n import _, months_range
from norec_grants.models import Application


def keys(application: Application) -> list[str]:
    """The requirements of the scheme that this application must meet, in the order a
    caseworker checks them."""
    scheme, partnership = application.call.scheme, application.partnership
    found = ["countries"] if scheme.countries else []
    found += ["period"] + (["reciprocity"] if partnership.reciprocal else [])
    found += ["confirmed", "budget"]
    found += ["eligibility"] if scheme.eligibility_fact else []
    return [*found, "goals"]


def requirements(request: Request, application: Application) -> dict[str, object]:
    """Each requirement's wording, by key."""
    scheme = application.call.scheme
    titles = {
        "countries": _("Every partner is in a country the scheme funds."),
        "period": _(
            "Each exchange lasts ${months} and fits in the partnership's period.",
            mapping={"months": months_range(request, scheme.min_months, scheme.max_months)},
        ),
        "reciprocity": _("Every partner both sends and receives participants."),
        "confirmed": _("Every partner has confirmed the application as submitted."),
        "budget": _("The budget follows the scheme's rates; partners' costs are reasonable."),
        "eligibility": _("The person responsible meets the scheme's rule about people."),
        "goals": _("The goals say what each partner learns and how it is used at home."),
    }
    return {key: titles[key] for key in keys(application)}


def unscreened(request: Request, application: Application):
    """The first requirement neither ticked nor explained, or None."""
    done = application.screening or {}
    for key, title in requirements(request, application).items():
        item = done.get(key) or {}
        if not item.get("met") and not (item.get("note") or "").strip():
            return title
    return None


def screened(request: Request, application: Application):
    """The guard of sending the case to assessment: the checklist is gone through."""
    missing = unscreened(request, application)
    if missing is None:
        return None
    return _(
        "Go through the screening checklist first: «${requirement}» is neither ticked nor "
        "explained.",
        mapping={"requirement": request.localizer.translate(missing)},
    )
