"""The network's forms: registering one's interest (with its consent), the advisers'
reason for declining a registration, and their message to the network."""

from __future__ import annotations

import colander
import deform

from norec_core import CSRFSchema, country_node, email_validator, line_node, name_validator
from norec_multilateral import members
from norec_multilateral.forms.posts import international_organisation, organisation_widget
from norec_multilateral.i18n import _


def _must_agree(node, value):
    if not value:
        raise colander.Invalid(node, _("Registering needs this consent."))


class InterestSchema(CSRFSchema):
    given_name = colander.SchemaNode(
        colander.String(), title=_("Given name"), validator=name_validator
    )
    family_name = colander.SchemaNode(
        colander.String(), title=_("Family name"), validator=name_validator
    )
    email = colander.SchemaNode(colander.String(), title=_("E-mail"), validator=email_validator)
    organisation_id = colander.SchemaNode(
        colander.Integer(),
        title=_("Organisation"),
        missing=None,
        widget=organisation_widget,
        validator=international_organisation,
    )
    organisation_name = line_node(
        _("Organisation, if not in the list"),
        300,
        missing="",
    )
    position = line_node(_("Position"), 300)
    grade = line_node(_("Grade"), 20, missing="", description=_("For example P-3 or NO-B."))
    duty_station = line_node(_("Duty station"), 200)
    country = country_node(missing=None)
    contract = colander.SchemaNode(
        colander.String(),
        title=_("Type of contract"),
        widget=deform.widget.SelectWidget(values=list(members.CONTRACTS.items())),
        validator=colander.OneOf(sorted(members.CONTRACTS)),
    )
    listed = colander.SchemaNode(
        colander.Boolean(),
        title=_("Other members may see my name, organisation, position and duty station"),
        missing=False,
        widget=deform.widget.CheckboxWidget(),
    )
    consent = colander.SchemaNode(
        colander.Boolean(),
        title=_(
            "${agency} may keep this registration and send me the network's news and "
            "invitations to its meetings by e-mail"
        ),
        missing=False,
        validator=_must_agree,
        widget=deform.widget.CheckboxWidget(),
    )

    def validator(self, form, value):
        if value["organisation_id"] is None and not value["organisation_name"]:
            error = colander.Invalid(form)
            error["organisation_id"] = _("Choose your organisation, or write its name below.")
            raise error


class DecisionSchema(CSRFSchema):
    reason = colander.SchemaNode(
        colander.String(),
        title=_("Why not (mailed to them)"),
        validator=colander.Length(min=1, max=2000),
        widget=deform.widget.TextAreaWidget(rows=3),
    )


class MessageSchema(CSRFSchema):
    subject = line_node(_("Subject"), 200)
    body = colander.SchemaNode(
        colander.String(),
        title=_("Message"),
        validator=colander.Length(min=1, max=20000),
        widget=deform.widget.TextAreaWidget(rows=10),
    )
    country = country_node(
        missing=None, title=_("Only members in"), description=_("Empty: the whole network.")
    )
