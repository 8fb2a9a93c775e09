"""Who the user is and what they may do: session login, site roles mapped to permissions."""

from __future__ import annotations

from pyramid.authentication import SessionAuthenticationHelper
from pyramid.authorization import ALL_PERMISSIONS, ACLHelper, Allow, Authenticated, Everyone
from pyramid.csrf import SessionCSRFStoragePolicy
from pyramid.request import Request
from pyramid.session import SignedCookieSessionFactory
from pyramid.settings import asbool

from norec_core.accounts.models import User

# Permissions of the core. Plugins declare theirs through the roles hook.
VIEW = "view"  # public pages
PERSON_VIEW = "person.view"  # personal data
PERSON_EDIT = "person.edit"
DIRECTORY_EDIT = "directory.edit"  # organisations, partnerships, activities
REGISTRATION_EDIT = "registration.edit"
# The default for a view that forgets to declare one: granted to no role but the
# administrator's "all", so that an oversight closes a page instead of opening it.
UNDECLARED = "undeclared"


class Root:
    """The context of every page: its ACL grants each site role its permissions."""

    def __init__(self, request: Request):
        roles = request.registry["norec.roles"]
        self.__acl__ = [(Allow, Everyone, VIEW)] + [
            (Allow, f"role:{role.name}", ALL_PERMISSIONS if "*" in role.permissions else p)
            for role in roles.values()
            for p in sorted(role.permissions)
        ]


class SecurityPolicy:
    def __init__(self):
        self.session = SessionAuthenticationHelper(prefix="norec.")
        self.acl = ACLHelper()

    def identity(self, request: Request) -> User | None:
        # Pyramid asks on every permission check; load the user once per request (on the
        # request object, not its environ, which a retried request would share).
        if not hasattr(request, "_norec_identity"):
            request._norec_identity = self._load(request)
        return request._norec_identity

    def _load(self, request: Request) -> User | None:
        user_id = self.session.authenticated_userid(request)
        if user_id is None:
            return None
        user = request.dbsession.get(User, user_id)
        return user if user is not None and user.active else None

    def authenticated_userid(self, request: Request) -> int | None:
        user = request.identity
        return user.id if user is not None else None

    def permits(self, request: Request, context, permission: str):
        return self.acl.permits(context, principals(request.identity), permission)

    def remember(self, request: Request, userid, **kw):
        return self.session.remember(request, userid, **kw)

    def forget(self, request: Request, **kw):
        return self.session.forget(request, **kw)


def principals(user: User | None) -> list[str]:
    if user is None:
        return [Everyone]
    return [Everyone, Authenticated, f"user:{user.id}"] + [f"role:{r}" for r in user.roles]


def includeme(config) -> None:
    settings = config.get_settings()
    secret = settings.get("norec.session_secret")
    if not secret or len(secret) < 32:
        raise ValueError("norec.session_secret must be set to a random string of 32+ characters")
    config.set_session_factory(
        SignedCookieSessionFactory(
            secret,
            cookie_name="norec_session",
            httponly=True,
            samesite="Lax",
            secure=asbool(settings.get("norec.secure_cookies", False)),
            timeout=int(settings.get("norec.session_timeout", 8 * 3600)),
            reissue_time=600,
        )
    )
    config.set_security_policy(SecurityPolicy())
    config.set_root_factory(Root)
    config.set_default_permission(UNDECLARED)
    config.set_csrf_storage_policy(SessionCSRFStoragePolicy())
    # Every POST, PUT, PATCH and DELETE must carry the session's token.
    config.set_default_csrf_options(require_csrf=True)
