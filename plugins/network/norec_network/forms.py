"""The network plugin's form schemas, in the order of its pages: the register and its
import, the possible matches, invitation waves, joining and the profile, writing to a
member, the country chapters, requests to join, and the newsletter."""

from __future__ import annotations

import colander
import deform

from norec_core import (
    CSRFSchema,
    FileKind,
    NewPasswordSchema,
    Person,
    choice_node,
    countries_node,
    country_node,
    date_node,
    email_validator,
    languages_node,
    line_node,
    name_validator,
    now,
    number_node,
    tags_node,
    text_node,
    upload_node,
)
from norec_network import profile
from norec_network.i18n import _

# Importing the register: the file and the headers of its own.
IMPORT_FILES = FileKind(
    frozenset(
        {
            "text/csv",
            "text/plain",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    ),
    20 * 2**20,
    accept=".csv,.xlsx,text/csv",
)


def _mapping_validator(node, value):
    for line in value.splitlines():
        if line.strip() and "=" not in line:
            raise colander.Invalid(
                node, _("Write one mapping a line: the file's header = the field.")
            )


class ImportSchema(CSRFSchema):
    upload = upload_node(_("File (CSV or Excel, at most 20 MB)"), IMPORT_FILES)
    mapping = text_node(
        _("Headers of your own"),
        rows=3,
        description=_(
            "One a line, the file's header = the field: E-post = email. The fields: "
            "given_name, family_name, email, country, exchange_year, "
            "sending_organisation, receiving_organisation, profession."
        ),
        validator=_mapping_validator,
        missing="",
    )


# Deciding a possible match: who the file's row is, among the people it may be.
SOMEONE_ELSE = "different"


def _person_label(person: Person) -> str:
    address = person.email or "–"
    return f"{person.given_name} {person.family_name} ({address})"


def match_schema(match, people) -> CSRFSchema:
    """The choice among `people` or someone new; and, when the row has an address,
    whether it becomes the person's."""
    choices = [(str(p.id), _person_label(p)) for p in people]
    choices.append((SOMEONE_ELSE, _("Someone else: a new person")))
    schema = CSRFSchema()
    schema.add(choice_node(_("Who is the row?"), choices, radio=True, name="decision"))
    if match.values.get("email"):
        schema.add(
            colander.SchemaNode(
                colander.Boolean(),
                name="take_address",
                title=_("The file's address is their address now"),
                description=_(
                    "Only for the same person: their address on the platform becomes "
                    "the file's. Without this, a person with no address takes the file's "
                    "and one with an address keeps it."
                ),
                missing=False,
            )
        )
    return schema


# Choosing an invitation wave: its countries and its cap.
class WaveSchema(CSRFSchema):
    countries = countries_node(
        _("Countries"), validator=colander.Length(min=1, min_err=_("Choose a country."))
    )
    cap = number_node(
        _("At most this many invitations"),
        1,
        20000,
        description=_("As many as advisers can answer in the weeks after."),
        default=500,
    )


# Joining the network (a password and the two consents) and the member's profile, with
# who sees each part of it.
CONSENT_DIRECTORY = _("List me in the network's directory, with the fields I choose to show")
CONSENT_CONTACT = _("Members and advisers may write to me through the platform")


def _consent(title):
    return colander.SchemaNode(
        colander.Boolean(), title=title, missing=False, widget=deform.widget.CheckboxWidget()
    )


class JoinSchema(NewPasswordSchema):
    consent_directory = _consent(CONSENT_DIRECTORY)
    consent_contact = _consent(CONSENT_CONTACT)


@colander.deferred
def _offers_widget(node, kw):
    return deform.widget.CheckboxChoiceWidget(values=list(profile.OFFERS.items()))


def _mentor_needs_capacity(form, value):
    if "mentor" in value["offers"] and not value["mentor_capacity"]:
        error = colander.Invalid(form)
        error["mentor_capacity"] = _("Say how many mentees you can take at once.")
        raise error


class ChoicesSchema(colander.MappingSchema):
    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        for field, title in profile.CHOICE_TITLES.items():
            self.add(
                choice_node(title, profile.LEVEL_TITLES, name=f"show_{field}", missing=profile.ME)
            )


class ProfileSchema(CSRFSchema):
    country = country_node(missing=None)
    city = colander.SchemaNode(
        colander.String(), title=_("City"), missing=None, validator=colander.Length(max=200)
    )
    employer = colander.SchemaNode(
        colander.String(),
        title=_("Current employer"),
        missing=None,
        validator=colander.Length(max=300),
    )
    expertise = tags_node(
        _("Expertise"),
        _("Separate fields with commas, for example: nursing, midwifery."),
        missing=[],
    )
    languages = languages_node(missing=())
    sectors = tags_node(
        _("Sectors"),
        _("Separate them with commas, for example: health, education."),
        missing=[],
    )
    offers = colander.SchemaNode(
        colander.Set(),
        title=_("What I offer the resource bank"),
        widget=_offers_widget,
        missing=(),
        validator=colander.ContainsOnly(sorted(profile.OFFERS)),
    )
    availability = colander.SchemaNode(
        colander.String(),
        title=_("Availability"),
        description=_("For example: two evenings a month, online."),
        missing="",
        validator=colander.Length(max=300),
    )
    mentor_capacity = number_node(_("Mentees I can take at once"), 0, 20, missing=0)
    about = text_node(_("About me"), 4000, missing="")
    consent_directory = _consent(CONSENT_DIRECTORY)
    consent_contact = _consent(CONSENT_CONTACT)
    visibility = ChoicesSchema(
        title=_("Who sees what"),
        description=_("Each part of your profile is yours alone until you choose otherwise."),
    )

    def __init__(self, *args, **kw):
        super().__init__(*args, validator=_mentor_needs_capacity, **kw)


# Writing to a member through the platform, and asking a member for mentoring.
class MessageSchema(CSRFSchema):
    subject = line_node(_("Subject"), 200)
    text = text_node(_("Message"), rows=8, validator=colander.Length(min=1, max=5000))
    # An adviser writes for Norec, from their work address: the view drops this field.
    share = colander.SchemaNode(
        colander.Boolean(),
        title=_("Show my e-mail address so that the member may answer by e-mail"),
        missing=False,
        widget=deform.widget.CheckboxWidget(),
    )


class AskSchema(CSRFSchema):
    message = text_node(
        _("What would you like help with?"), validator=colander.Length(min=1, max=3000)
    )


# Writing in a country chapter: a thread and a reply.
class PostSchema(CSRFSchema):
    title = line_node(_("Title"), 200)
    # An empty message is no post.
    body = text_node(_("Message"), rows=6, validator=colander.Length(min=1, max=10000))


class ReplySchema(CSRFSchema):
    body = text_node(_("Your reply"), rows=4, validator=colander.Length(min=1, max=10000))


# The public request to join the network, and an adviser's answer to it.
class RequestSchema(CSRFSchema):
    given_name = colander.SchemaNode(
        colander.String(), title=_("Given name"), validator=name_validator(200)
    )
    family_name = colander.SchemaNode(
        colander.String(), title=_("Family name"), validator=name_validator(200)
    )
    email = colander.SchemaNode(
        colander.String(),
        title=_("E-mail"),
        validator=email_validator,
        widget=deform.widget.TextInputWidget(attributes={"type": "email", "autocomplete": "email"}),
    )
    country = country_node(title=_("Country you live in"), missing=None)
    exchange_year = number_node(_("Year of your exchange"), 1963, now().year + 1, missing=None)
    sending = line_node(_("Sending organisation"), 300, missing="")
    receiving = line_node(_("Receiving organisation"), 300, missing="")
    message = text_node(
        _("Anything else that helps us find you"),
        2000,
        rows=4,
        description=_("For example your name at the time, or your profession then."),
        missing="",
    )


@colander.deferred
def _choice_widget(node, kw):
    return deform.widget.RadioChoiceWidget(values=kw["choices"])


class AnswerSchema(CSRFSchema):
    # The people in the register the request may be are bound as `choices`.
    alumnus = colander.SchemaNode(
        colander.String(),
        title=_("Who in the register is it?"),
        widget=_choice_widget,
        missing="",
    )
    answer = text_node(_("Answer, if you did not find them"), 2000, rows=3, missing="")


# Composing a newsletter issue and choosing whom it goes to.
class IssueSchema(CSRFSchema):
    month = date_node(_("Month"))
    subject = line_node(_("Subject"), 200)
    intro = text_node(
        _("Introduction"),
        rows=8,
        description=_("The activities and the platform's news of the month follow it."),
        validator=colander.Length(min=1, max=10000),
    )
    countries = countries_node(
        _("Only members living in these countries"), missing=(), description=_("None: all.")
    )
    languages = languages_node(_("Only members who speak one of these languages"), missing=())
    sectors = tags_node(_("Only members in these sectors"), missing=[])
