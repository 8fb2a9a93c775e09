"""The fixed lists a publication is described by: types, topics, the Sustainable
Development Goals and licences (SPDX identifiers, with the licence's address)."""

from __future__ import annotations

from norec_core import FileKind
from norec_research.i18n import _

TYPES = {
    "report": _("Report"),
    "study": _("Study"),
    "article": _("Article"),
    "policy_brief": _("Policy brief"),
    "video": _("Video"),
    "webinar": _("Webinar recording"),
}
TOPICS = {
    "competence-transfer": _("Competence transfer"),
    "organisational-development": _("Organisational development"),
    "south-south": _("South–South exchange"),
    "triangular-cooperation": _("Triangular cooperation"),
    "volunteering": _("Volunteering for development"),
    "youth": _("Youth"),
    "health": _("Health"),
    "covid-19": _("Covid-19"),
}
SDGS = {
    1: _("No poverty"),
    2: _("Zero hunger"),
    3: _("Good health and well-being"),
    4: _("Quality education"),
    5: _("Gender equality"),
    6: _("Clean water and sanitation"),
    7: _("Affordable and clean energy"),
    8: _("Decent work and economic growth"),
    9: _("Industry, innovation and infrastructure"),
    10: _("Reduced inequalities"),
    11: _("Sustainable cities and communities"),
    12: _("Responsible consumption and production"),
    13: _("Climate action"),
    14: _("Life below water"),
    15: _("Life on land"),
    16: _("Peace, justice and strong institutions"),
    17: _("Partnerships for the goals"),
}
LICENCES = {
    "CC-BY-4.0": (
        "Creative Commons Attribution 4.0",
        "https://creativecommons.org/licenses/by/4.0/",
    ),
    "CC-BY-SA-4.0": (
        "Creative Commons Attribution-ShareAlike 4.0",
        "https://creativecommons.org/licenses/by-sa/4.0/",
    ),
    "CC-BY-NC-4.0": (
        "Creative Commons Attribution-NonCommercial 4.0",
        "https://creativecommons.org/licenses/by-nc/4.0/",
    ),
    "CC0-1.0": ("CC0 1.0 (public domain)", "https://creativecommons.org/publicdomain/zero/1.0/"),
}
# What a publication's files may be: checked by their content, not their names.
FILES = FileKind(
    frozenset(
        {
            "application/pdf",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "text/csv",
            "text/plain",
        }
    ),
    50 * 1024 * 1024,
)
