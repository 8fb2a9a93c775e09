"""The login form."""

import colander
import deform

from norec_core.forms import CSRFSchema
from norec_core.i18n import _


class LoginSchema(CSRFSchema):
    email = colander.SchemaNode(
        colander.String(),
        title=_("E-mail"),
        widget=deform.widget.TextInputWidget(
            attributes={"type": "email", "autocomplete": "username"}
        ),
    )
    password = colander.SchemaNode(
        colander.String(),
        title=_("Password"),
        widget=deform.widget.PasswordWidget(attributes={"autocomplete": "current-password"}),
    )
    came_from = colander.SchemaNode(
        colander.String(), widget=deform.widget.HiddenWidget(), missing=""
    )
