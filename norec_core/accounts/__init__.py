"""Accounts: logging in, registering, recovering passwords, one's own account, and the
administrators' users page."""

from norec_core.accounts import passwords
from norec_core.accounts.models import User
from norec_core.resources import model_factory


def includeme(config) -> None:
    passwords.configure(config.get_settings())
    config.add_route("login", "/login")
    config.add_route("logout", "/logout")
    config.add_route("register", "/register")
    config.add_route("register.confirm", "/register/confirm/{token}")
    config.add_route("password.forgot", "/password/forgot")
    config.add_route("password.reset", "/password/reset/{token}")
    config.add_route("account", "/account")
    config.add_route("account.password", "/account/password")
    config.add_route("account.email", "/account/email")
    config.add_route("account.email.confirm", "/account/email/confirm/{token}")
    config.add_route("admin.users", "/admin/users")
    config.add_route("admin.users.new", "/admin/users/new")
    users = model_factory(User)
    config.add_route("admin.users.edit", r"/admin/users/{id:\d+}", factory=users)
    config.add_route("admin.users.revoke", r"/admin/users/{id:\d+}/revoke", factory=users)
    config.scan(__name__)
