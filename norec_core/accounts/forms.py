"""The forms of accounts: login, registration, passwords, e-mail, and the users admin."""

import colander
import deform

from norec_core.accounts.passwords import easy_to_guess, verify_password
from norec_core.accounts.users import find_user
from norec_core.email_addresses import MAX_LENGTH, email_validator
from norec_core.forms import CSRFSchema, name_validator
from norec_core.i18n import _

MIN_PASSWORD = 10
EMAIL = _("E-mail")


def _email_node(title=EMAIL, autocomplete="email", validator=email_validator):
    return colander.SchemaNode(
        colander.String(),
        title=title,
        validator=validator,
        preparer=lambda value: value.strip() if isinstance(value, str) else value,
        widget=deform.widget.TextInputWidget(
            attributes={"type": "email", "autocomplete": autocomplete}
        ),
    )


def _not_easy_to_guess(node, value):
    if easy_to_guess(value):
        raise colander.Invalid(
            node,
            _(
                "This password is common, or close to one that is, and easy to guess. "
                "A few unrelated words make a strong one."
            ),
        )


def _password_node(title, autocomplete="new-password", check=True):
    return colander.SchemaNode(
        colander.String(),
        title=title,
        validator=colander.All(
            colander.Length(
                min=MIN_PASSWORD,
                max=200,
                min_err=_("At least ${min} characters.", mapping={"min": MIN_PASSWORD}),
            ),
            _not_easy_to_guess,
        )
        if check
        else None,
        widget=deform.widget.PasswordWidget(attributes={"autocomplete": autocomplete}),
    )


def _passwords_agree(form, value):
    if value["password"] != value["password_again"]:
        error = colander.Invalid(form)
        error["password_again"] = _("The two passwords differ.")
        raise error


class LoginSchema(CSRFSchema):
    email = colander.SchemaNode(
        colander.String(),
        title=_("E-mail"),
        validator=colander.Length(max=320),
        widget=deform.widget.TextInputWidget(
            attributes={"type": "email", "autocomplete": "username"}
        ),
    )
    password = colander.SchemaNode(
        colander.String(),
        title=_("Password"),
        validator=colander.Length(max=200),
        widget=deform.widget.PasswordWidget(attributes={"autocomplete": "current-password"}),
    )
    came_from = colander.SchemaNode(
        colander.String(), widget=deform.widget.HiddenWidget(), missing=""
    )


class RegisterSchema(CSRFSchema):
    given_name = colander.SchemaNode(
        colander.String(),
        title=_("Given name"),
        validator=name_validator(200),
        widget=deform.widget.TextInputWidget(attributes={"autocomplete": "given-name"}),
    )
    family_name = colander.SchemaNode(
        colander.String(),
        title=_("Family name"),
        validator=name_validator(200),
        widget=deform.widget.TextInputWidget(attributes={"autocomplete": "family-name"}),
    )
    email = _email_node()
    password = _password_node(_("Password"))
    password_again = _password_node(_("Password again"), check=False)

    def __init__(self, *args, **kw):
        super().__init__(*args, validator=_passwords_agree, **kw)


@colander.deferred
def _held_or_valid(node, kw):
    """Bound with `request`: an address an account holds is taken as it is stored, so
    that no change of the rule can ever shut its owner out of a password reset."""

    def check(node, value):
        if find_user(kw["request"].dbsession, value) is None:
            email_validator(node, value)

    return colander.All(colander.Length(max=MAX_LENGTH), check)


class EmailSchema(CSRFSchema):
    """The address a link is sent to (a forgotten password)."""

    email = _email_node(validator=_held_or_valid)


class NewPasswordSchema(CSRFSchema):
    """A new password typed twice, checked for length and against common and breached
    passwords, both the same."""

    password = _password_node(_("New password"))
    password_again = _password_node(_("New password again"), check=False)

    def __init__(self, *args, **kw):
        super().__init__(*args, validator=_passwords_agree, **kw)


@colander.deferred
def _is_current_password(node, kw):
    """Bound with `user`: the value must be that user's password."""

    def check(node, value):
        if not verify_password(kw["user"].password_hash, value):
            raise colander.Invalid(node, _("This is not your current password."))

    return check


@colander.deferred
def _unused_email(node, kw):
    """Bound with `user` (None for a new one): no other account may have the address."""

    def check(node, value):
        email_validator(node, value)
        other = find_user(kw["request"].dbsession, value)
        if other is not None and other is not kw.get("user"):
            raise colander.Invalid(node, _("Another account has this address."))

    return check


def _current_password_node():
    node = _password_node(_("Current password"), autocomplete="current-password", check=False)
    node.validator = _is_current_password
    return node


class ChangePasswordSchema(CSRFSchema):
    current_password = _current_password_node()
    password = _password_node(_("New password"))
    password_again = _password_node(_("New password again"), check=False)

    def __init__(self, *args, **kw):
        super().__init__(*args, validator=_passwords_agree, **kw)


class ChangeEmailSchema(CSRFSchema):
    new_email = _email_node(_("New e-mail address"))
    current_password = _current_password_node()

    def after_bind(self, node, kw):
        node["new_email"].validator = _unused_email(node["new_email"], kw)


@colander.deferred
def _role_widget(node, kw):
    request = kw["request"]
    roles = request.registry["norec.roles"]
    return deform.widget.CheckboxChoiceWidget(
        values=[
            (name, request.localizer.translate(role.title))
            for name, role in sorted(roles.items())
            if not role.local
        ]
    )


@colander.deferred
def _site_roles(node, kw):
    roles = kw["request"].registry["norec.roles"]
    return colander.ContainsOnly([name for name, role in roles.items() if not role.local])


class UserSchema(CSRFSchema):
    email = _email_node(autocomplete="off")

    def after_bind(self, node, kw):
        node["email"].validator = _unused_email(node["email"], kw)

    display_name = colander.SchemaNode(
        colander.String(), title=_("Name"), missing="", validator=name_validator(200, 0)
    )
    active = colander.SchemaNode(
        colander.Boolean(),
        title=_("May log in"),
        missing=False,
        default=True,
    )
    roles = colander.SchemaNode(
        colander.Set(), title=_("Roles"), widget=_role_widget, validator=_site_roles, missing=()
    )
