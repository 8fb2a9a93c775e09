"""Colander schemas of the shared domain: they validate form posts and, later, JSON input."""

from __future__ import annotations

import colander
import deform
from pyramid.request import Request
from sqlalchemy import func, select

from norec_core.domain import identifiers, profiles
from norec_core.domain.models import DIRECTIONS, ORGANISATION_KINDS, Organisation, Person
from norec_core.email_addresses import email_validator
from norec_core.forms import CSRFSchema, date_widget, existing_record, name_validator
from norec_core.i18n import _, codes
from norec_core.privacy import consent
from norec_core.resources import parse_id
from norec_core.security import PERSON_EDIT, site_root

ORGANISATION_KIND_TITLES = {
    "public": _("Public body"),
    "ngo": _("Civil society organisation"),
    "private": _("Private company"),
    "education": _("Educational institution"),
    "health": _("Health institution"),
    "faith": _("Faith-based organisation"),
    "international": _("International organisation"),
}
DIRECTION_TITLES = {"north-south": _("North–South"), "south-south": _("South–South")}


class TagList(colander.SchemaType):
    """A list of short free-text tags, typed as one comma-separated line."""

    def serialize(self, node, appstruct):
        if appstruct is colander.null or not appstruct:
            return colander.null
        return ", ".join(appstruct)

    def deserialize(self, node, cstruct):
        if cstruct is colander.null:
            return []
        if not isinstance(cstruct, str):
            raise colander.Invalid(node, _("Must be text: entries separated by commas."))
        if not cstruct.strip():
            return []
        tags = [t.strip() for t in cstruct.split(",") if t.strip()]
        too_long = [t for t in tags if len(t) > 100]
        if too_long:
            raise colander.Invalid(node, _("Each entry must be at most 100 characters."))
        return list(dict.fromkeys(tags))


def description_node() -> colander.SchemaNode:
    return colander.SchemaNode(
        colander.String(),
        title=_("Description"),
        missing="",
        widget=deform.widget.TextAreaWidget(rows=4),
    )


def web_address(node, value) -> None:
    """A link people will follow: a full http(s) address, not "example.org"."""
    colander.Length(max=500)(node, value)
    if not value.startswith(("https://", "http://")):
        raise colander.Invalid(node, _("Give the full address, beginning with https://"))


def bound_request(kw) -> Request:
    return kw["request"]


@colander.deferred
def _country_widget(node, kw):
    names = codes.country_names(bound_request(kw).locale_name)
    return deform.widget.SelectWidget(values=[("", _("– choose a country –")), *names.items()])


@colander.deferred
def _language_widget(node, kw):
    names = codes.language_names(bound_request(kw).locale_name)
    return deform.widget.SelectWidget(values=list(names.items()), multiple=True, size=8)


def country_node(title=None, **kw) -> colander.SchemaNode:
    """One country (an ISO 3166 code), chosen from the names in the reader's language."""
    return colander.SchemaNode(
        colander.String(),
        title=title or _("Country"),
        widget=_country_widget,
        validator=colander.OneOf(sorted(codes.COUNTRY_CODES)),
        **kw,
    )


@colander.deferred
def _countries_widget(node, kw):
    names = codes.country_names(bound_request(kw).locale_name)
    return deform.widget.SelectWidget(values=list(names.items()), multiple=True, size=10)


def countries_node(title=None, validator=None, **kw) -> colander.SchemaNode:
    """Several countries (a set of ISO 3166 codes), chosen from the names in the
    reader's language; `validator` adds a rule of the caller's (at least one)."""
    known = colander.ContainsOnly(sorted(codes.COUNTRY_CODES))
    return colander.SchemaNode(
        colander.Set(),
        title=title or _("Countries"),
        widget=_countries_widget,
        validator=colander.All(known, validator) if validator else known,
        **kw,
    )


def languages_node(title=None, **kw) -> colander.SchemaNode:
    """Several languages (ISO 639 codes), chosen from their names in the reader's language."""
    return colander.SchemaNode(
        colander.Set(),
        title=title or _("Languages"),
        description=_("Hold Ctrl (or ⌘) to choose more than one."),
        widget=_language_widget,
        validator=colander.ContainsOnly(sorted(codes.LANGUAGE_CODES)),
        **kw,
    )


def tags_node(title, description=None, **kw) -> colander.SchemaNode:
    """Short free-text entries (fields of expertise, sectors) typed as one line, separated
    by commas; each at most 100 characters, repeats dropped."""
    return colander.SchemaNode(
        TagList(),
        title=title,
        description=description or _("Separate them with commas."),
        **kw,
    )


OWN_ADDRESS_CHANGE = _(
    "Change your e-mail address on your account page: a link sent to the new address confirms it."
)


def _staff(request: Request) -> bool:
    """Whether the user edits people site-wide, not only their own record as its owner."""
    return bool(request.has_permission(PERSON_EDIT, site_root(request)))


@colander.deferred
def _unique_email(node, kw):
    request, current = bound_request(kw), kw.get("person")

    def validate(node, value):
        email_validator(node, value)
        changed = current is None or (current.email or "").lower() != value.lower()
        if changed and current is not None and not _staff(request):
            # Owners change the address on their account page, where a link sent to the
            # new address proves it is theirs: nobody may claim an address, and with it
            # the record an account of that address would be linked to.
            raise colander.Invalid(node, OWN_ADDRESS_CHANGE)
        query = select(Person.id).where(func.lower(Person.email) == value.lower())
        if current is not None:
            query = query.where(Person.id != current.id)
        if request.dbsession.scalar(query) is not None:
            raise colander.Invalid(node, _("Another person already has this e-mail address."))

    return validate


# The interface's languages, in their own names: what the platform can write mail in.
LANGUAGE_TITLES = {"nn": "Nynorsk", "nb": "Bokmål", "en": "English"}


class VisibilitySchema(colander.MappingSchema):
    """One choice per profile field: private (the default), members or public.

    Each choice is named `show_<field>`: a form must not hold two inputs named "email".
    """

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        choices = list(profiles.LEVEL_TITLES.items())
        for name, title in profiles.CHOICE_TITLES.items():
            self.add(
                colander.SchemaNode(
                    colander.String(),
                    name=f"show_{name}",
                    title=title,
                    missing=profiles.PRIVATE,
                    widget=deform.widget.SelectWidget(values=choices),
                    validator=colander.OneOf(profiles.LEVELS),
                )
            )


class PersonSchema(CSRFSchema):
    given_name = colander.SchemaNode(
        colander.String(), title=_("Given name"), validator=name_validator(200)
    )
    family_name = colander.SchemaNode(
        colander.String(), title=_("Family name"), validator=name_validator(200)
    )
    email = colander.SchemaNode(
        colander.String(),
        title=_("E-mail"),
        missing=None,
        validator=_unique_email,
        widget=deform.widget.TextInputWidget(attributes={"type": "email", "autocomplete": "off"}),
    )
    country = country_node(missing=None)
    languages = languages_node(missing=())
    expertise = tags_node(
        _("Expertise"),
        _("Separate fields with commas, for example: nursing, midwifery."),
        missing=[],
    )
    birth_date = colander.SchemaNode(
        colander.Date(), title=_("Birth date"), missing=None, widget=date_widget()
    )
    citizenship = country_node(title=_("Citizenship"), missing=None)
    gender = colander.SchemaNode(
        colander.String(),
        title=_("Gender"),
        description=_("In your own words; leave it empty if you prefer."),
        missing=None,
        validator=colander.Length(max=100),
    )
    city = colander.SchemaNode(
        colander.String(), title=_("City"), missing=None, validator=colander.Length(max=200)
    )
    employer = colander.SchemaNode(
        colander.String(),
        title=_("Current employer"),
        missing=None,
        validator=colander.Length(max=300),
    )
    correspondence_language = colander.SchemaNode(
        colander.String(),
        title=_("Language of correspondence"),
        description=_("The language of the mail the platform sends."),
        missing=None,
        widget=deform.widget.SelectWidget(
            values=[("", _("– as the languages spoken suggest –")), *LANGUAGE_TITLES.items()]
        ),
        validator=colander.OneOf(sorted(LANGUAGE_TITLES)),
    )
    orcid = colander.SchemaNode(
        colander.String(),
        title=_("ORCID iD"),
        description=_("For example 0000-0002-1825-0097."),
        missing=None,
        preparer=identifiers.clean_orcid,
        validator=identifiers.orcid_validator,
    )
    visibility = VisibilitySchema(
        title=_("Who may see what"),
        description=_("${agency}'s staff see everything; others see only what you show here."),
        missing={},
    )
    # The titles are the consent texts, versioned in norec_core.privacy.consent.
    consent_contact = colander.SchemaNode(
        colander.Boolean(), title=consent.TEXTS["contact"], missing=False
    )
    consent_newsletter = colander.SchemaNode(
        colander.Boolean(), title=consent.TEXTS["newsletter"], missing=False
    )
    consent_directory = colander.SchemaNode(
        colander.Boolean(), title=consent.TEXTS["directory"], missing=False
    )


class OrganisationSchema(CSRFSchema):
    name = colander.SchemaNode(colander.String(), title=_("Name"), validator=name_validator(300))
    country = country_node()
    kind = colander.SchemaNode(
        colander.String(),
        title=_("Kind"),
        widget=deform.widget.SelectWidget(
            values=[("", _("– choose a kind –")), *ORGANISATION_KIND_TITLES.items()]
        ),
        validator=colander.OneOf(ORGANISATION_KINDS),
    )
    website = colander.SchemaNode(
        colander.String(),
        title=_("Website"),
        missing=None,
        validator=web_address,
        widget=deform.widget.TextInputWidget(attributes={"type": "url"}),
    )
    description = description_node()
    ror = colander.SchemaNode(
        colander.String(),
        title=_("ROR id"),
        description=_("The Research Organization Registry's id, for example 01xtthb56."),
        missing=None,
        preparer=identifiers.clean_ror,
        validator=identifiers.ror_validator,
    )
    org_number = colander.SchemaNode(
        colander.String(),
        title=_("Organisation number"),
        description=_("In the national register (Brønnøysund: nine digits)."),
        missing=None,
        preparer=identifiers.clean_org_number,
        validator=identifiers.org_number_validator,
    )


@colander.deferred
def _organisation_widget(node, kw):
    rows = bound_request(kw).dbsession.execute(
        select(Organisation.id, Organisation.name, Organisation.country).order_by(Organisation.name)
    )
    return deform.widget.SelectWidget(
        values=[(str(id_), f"{name} ({country})") for id_, name, country in rows],
        multiple=True,
        size=8,
    )


existing_organisation = existing_record(Organisation, _("Choose an organisation from the list."))


def north_countries_setting(request: Request) -> frozenset[str]:
    """The countries whose organisations make a partnership North-South (Norway for Norec)."""
    return frozenset(request.registry.settings.get("norec.north_countries", "NO").upper().split())


class PartnershipSchema(CSRFSchema):
    title = colander.SchemaNode(colander.String(), title=_("Title"), validator=name_validator(300))
    organisations = colander.SchemaNode(
        colander.Set(),
        title=_("Partner organisations"),
        description=_("At least two, in different countries. Hold Ctrl (or ⌘) to choose more."),
        widget=_organisation_widget,
        validator=colander.Function(
            lambda ids: all(parse_id(str(i)) is not None for i in ids),
            _("Choose organisations from the list."),
        ),
    )
    direction = colander.SchemaNode(
        colander.String(),
        title=_("Direction"),
        widget=deform.widget.RadioChoiceWidget(values=list(DIRECTION_TITLES.items())),
        validator=colander.OneOf(DIRECTIONS),
    )
    starts_on = colander.SchemaNode(colander.Date(), title=_("Starts on"), widget=date_widget())
    ends_on = colander.SchemaNode(colander.Date(), title=_("Ends on"), widget=date_widget())
    reciprocal = colander.SchemaNode(
        colander.Boolean(),
        title=_("Reciprocal exchange (participants go both ways)"),
        missing=False,
    )
    description = description_node()

    def validator(self, node, value):
        exc = colander.Invalid(node)
        if value["ends_on"] < value["starts_on"]:
            exc["ends_on"] = _("The period must end on or after its first day.")
        countries = self._countries(value["organisations"])
        if len(countries) < len(value["organisations"]):
            exc["organisations"] = _("Choose organisations from the list.")
        elif len(value["organisations"]) < 2:
            exc["organisations"] = _("Choose at least two organisations.")
        elif len(set(countries)) < 2:
            exc["organisations"] = _("The organisations must be in different countries.")
        else:
            north_countries = north_countries_setting(self.bindings["request"])
            north = sum(1 for c in countries if c in north_countries)
            if value["direction"] == "north-south" and not north:
                exc["direction"] = _(
                    "A North–South partnership needs an organisation in ${countries}.",
                    mapping={"countries": ", ".join(sorted(north_countries))},
                )
            if value["direction"] == "south-south" and north:
                exc["direction"] = _(
                    "A South–South partnership has no organisation in ${countries}.",
                    mapping={"countries": ", ".join(sorted(north_countries))},
                )
        if exc.children:
            raise exc

    def _countries(self, ids) -> list[str]:
        if not ids:
            return []
        request = self.bindings["request"]
        return list(
            request.dbsession.scalars(
                select(Organisation.country).where(Organisation.id.in_([int(i) for i in ids]))
            )
        )
