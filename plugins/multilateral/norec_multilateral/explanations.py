"""The eligibility checks in words, for the one who reads them: an adviser reads of "the
candidate", the candidate of "you", and both read countries, languages, degrees and
language levels by their names in their own language (a mailed PDF in the
organisation's), never as codes."""

from __future__ import annotations

from norec_multilateral.eligibility import DEGREES, LEVELS, WORKING_LEVELS
from norec_multilateral.i18n import _

ADVISER, CANDIDATE = "adviser", "candidate"

# (adviser's wording, candidate's wording), by rule.
WORDING = {
    "citizenship": (
        _("Citizenship of ${wanted} is asked; the candidate's is ${found}."),
        _("Citizenship of ${wanted} is asked; yours on record is ${found}."),
    ),
    "age": (
        _("The candidate will be ${age} at the closing date; the limit is ${limit}."),
        _("The age limit at the closing date is ${limit}; you will be ${age}."),
    ),
    "age_unknown": (
        _("The candidate's birth date is not on record; the post's age limit is ${limit}."),
        _("Give your birth date in your profile: the post's age limit is ${limit}."),
    ),
    "degree": (
        _("At least a ${wanted}, finished by the closing date; the candidate's highest: ${found}."),
        _("At least a ${wanted}, finished by the closing date; your highest: ${found}."),
    ),
    "experience": (
        _("At least ${years} years of work by the closing date; the candidate will have ${found}."),
        _("At least ${years} years of work by the closing date; you will have ${found}."),
    ),
    "language": (
        _("${language} at working level (${levels}); the candidate's level: ${level}."),
        _("${language} at working level (${levels}); your level: ${level}."),
    ),
}


def _values(layout, rule: str, values: dict) -> tuple[str, dict]:
    """The wording's key and its mapping, with every code named in the reader's language."""
    none = layout.translate(_("none"))
    if rule == "citizenship":
        wanted = ", ".join(layout.country(c) for c in values["wanted"])
        found = layout.country(values["found"]) if values["found"] else none
        return rule, {"wanted": wanted, "found": found}
    if rule == "age":
        key = "age" if values["age"] is not None else "age_unknown"
        return key, {"age": values["age"], "limit": values["limit"]}
    if rule == "degree":
        found = values["found"]
        return rule, {
            "wanted": layout.translate(DEGREES[values["wanted"]]),
            "found": layout.translate(DEGREES[found]) if found else none,
        }
    if rule == "experience":
        days = values["days"]
        found = _("${years} years and ${months} months")
        mapping = {"years": days // 365, "months": days % 365 * 12 // 365}
        return rule, {
            "years": values["years"],
            "found": layout.translate(_(found, mapping=mapping)),
        }
    level = values["level"]
    return "language", {
        "language": layout.language(values["code"]),
        "levels": " / ".join(layout.translate(LEVELS[lv]) for lv in WORKING_LEVELS),
        "level": layout.translate(LEVELS[level]) if level in LEVELS else none,
    }


def explain(layout, check: dict, audience: str = ADVISER) -> str:
    """One check kept on an application (`Check.as_json`) in words, for `audience`."""
    if "values" not in check:  # kept before the checks kept their values: as written then
        return check.get("explanation", check["rule"])
    rule = check["rule"].split(":", 1)[0]
    key, mapping = _values(layout, rule, check["values"])
    wording = WORDING[key][0 if audience == ADVISER else 1]
    return layout.translate(_(wording, mapping=mapping))


def explain_all(layout, checks, audience: str = ADVISER) -> list[tuple[bool, str]]:
    """Every check, met or not, in words."""
    return [(c["ok"], explain(layout, c, audience)) for c in _as_dicts(checks)]


def not_met(layout, checks, audience: str = ADVISER) -> list[str]:
    """The rules not met, in words."""
    return [explain(layout, c, audience) for c in _as_dicts(checks) if not c["ok"]]


def _as_dicts(checks) -> list[dict]:
    return [c if isinstance(c, dict) else c.as_json() for c in checks]
