"""Who the user is and what they may do: session login, site and local roles mapped to
permissions."""

from __future__ import annotations

from pyramid.authentication import SessionAuthenticationHelper
from pyramid.authorization import ALL_PERMISSIONS, ACLHelper, Allow, Authenticated, Everyone
from pyramid.csrf import SessionCSRFStoragePolicy
from pyramid.location import lineage
from pyramid.request import Request
from pyramid.security import Allowed, Denied
from pyramid.session import SignedCookieSessionFactory
from pyramid.settings import asbool
from sqlalchemy import ColumnElement, and_, delete, false, or_, select, true
from sqlalchemy.orm import Session

from norec_core.accounts import sessions as login_sessions
from norec_core.accounts.models import LocalRole, User
from norec_core.jsonapi import tokens as api_tokens
from norec_core.resources import resource_key

# Permissions of the core. Plugins declare theirs through the roles hook.
SESSION_COOKIE = "norec_session"
VIEW = "view"  # public pages
PERSON_VIEW = "person.view"  # personal data
PERSON_EDIT = "person.edit"
DIRECTORY_EDIT = "directory.edit"  # organisations, partnerships, activities
REGISTRATION_EDIT = "registration.edit"
PERSON_EXPORT = "person.export"  # download everything held on a person (GDPR art. 15)
PERSON_ERASE = "person.erase"
PERSON_MERGE = "person.merge"
ATTENDANCE_RECORD = "attendance.record"
PARTNERSHIP_DECIDE = "partnership.decide"
USERS_MANAGE = "users.manage"
AUDIT_VIEW = "audit.view"
OPERATIONS = "operations"  # the mail outbox, jobs, mass mailings
JOB_VIEW = "job.view"
ACCOUNT = "account"  # one's own account pages: every logged-in user
# The default for a view that forgets to declare one: granted to no role but the
# administrator's "all", so that an oversight closes a page instead of opening it.
UNDECLARED = "undeclared"


class Root:
    """The context of pages about no single object: its ACL grants each role its permissions.

    Local roles are granted here too: a user holds `role:<local role>` only as a principal
    on the objects where the role is theirs.
    """

    def __init__(self, request: Request):
        # The roles are fixed at start-up, and so is this list: made once per application.
        acl = request.registry.get("norec.root_acl")
        if acl is None:
            roles = request.registry["norec.roles"]
            acl = request.registry["norec.root_acl"] = [
                (Allow, Everyone, VIEW),
                (Allow, Authenticated, ACCOUNT),
            ] + [
                (Allow, f"role:{role.name}", ALL_PERMISSIONS if "*" in role.permissions else p)
                for role in roles.values()
                for p in sorted(role.permissions)
            ]
        self.__acl__ = acl


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
        if request.path_info.startswith("/api/"):
            # The API knows only bearer tokens: a cookie sent along by a browser must not
            # act for its user there, or any site could forge API calls (CSRF).
            return api_tokens.user_for(request.dbsession, request.headers.get("Authorization"))
        user_id = self.session.authenticated_userid(request)
        if user_id is None:
            return None
        # Alive while its row is: see accounts.sessions for when a session ends.
        return login_sessions.user_for(request, user_id)

    def authenticated_userid(self, request: Request) -> int | None:
        user = request.identity
        return user.id if user is not None else None

    def permits(self, request: Request, context, permission: str):
        # The root's ACL decides everywhere; on an object the user's local roles there
        # join their site roles as principals, and its workflow state may decide instead.
        system = acting_system(request)
        if system is not None:
            return Allowed(f"{permission}: the platform itself ({system})")
        user = request.identity
        found = principals(user)
        if context is None or isinstance(context, Root):
            # The same question of the same user against the root has the same answer all
            # request long (the navigation asks it for every entry).
            known = request.__dict__.setdefault("_norec_root_permits", {})
            key = (tuple(found), permission)
            if key not in known:
                known[key] = self.acl.permits(site_root(request), found, permission)
            return known[key]
        held = local_roles(request, user, context)
        by_state = state_roles(request, context, permission)
        if by_state is not None and not is_admin(request, user):
            names = role_names(user) | held
            if names & by_state:
                return Allowed(f"{permission} in this state: {sorted(names & by_state)}")
            return Denied(f"{permission} in this state needs one of {sorted(by_state)}")
        found += [f"role:{r}" for r in held]
        return self.acl.permits(site_root(request), found, permission)

    def remember(self, request: Request, userid, **kw):
        return self.session.remember(request, userid, **kw)

    def forget(self, request: Request, **kw):
        return self.session.forget(request, **kw)


def site_root(request: Request) -> Root:
    """The site's root: the request's, or a new one where routing failed before making it."""
    root = getattr(request, "root", None)
    if isinstance(root, Root):
        return root
    if "_norec_site_root" not in request.__dict__:
        request._norec_site_root = Root(request)
    return request._norec_site_root


def role_names(user: User | None) -> set[str]:
    """The user's site roles, with "everyone" and "authenticated" as workflows name them."""
    if user is None:
        return {"everyone"}
    return {"everyone", "authenticated", *user.roles}


def act_as_system(request: Request, name: str) -> None:
    """Make `request`, a scheduled task's or a job's (never a visitor's), act as the
    platform itself: it holds every permission, on every record and in every state, for
    the code that runs decides what it does (a transition's guard still applies), and the
    audit trail and workflow history name `name` ("scheduled task grants.close_appeals").
    The core does this for every scheduled task and for a job nobody started."""
    request._norec_system_actor = name
    request.dbsession.info["actor"] = (None, name)


def act_for(request: Request, user: User) -> None:
    """Make `request`, a job's, act for `user` (who started the job): their permissions,
    and their name in the audit trail and the workflow history."""
    request._norec_identity = user  # where the security policy keeps the request's user
    request.dbsession.info["actor"] = (user.id, user.email)


def acting_system(request: Request) -> str | None:
    """The name the request acts under as the platform itself (`act_as_system`), or None
    for a person's request."""
    return getattr(request, "_norec_system_actor", None)


def is_admin(request: Request, user: User | None) -> bool:
    roles = request.registry["norec.roles"]
    return user is not None and any("*" in roles[r].permissions for r in user.roles if r in roles)


def state_roles(request: Request, obj, permission: str) -> set[str] | None:
    """The roles that hold `permission` on `obj` in its workflow state, or None where the
    state does not say (the site roles decide then)."""
    workflow = request.registry["norec.workflows"].get(type(obj))
    if workflow is None:
        return None
    rules = workflow.permissions.get(getattr(obj, workflow.attribute), {})
    return set(rules[permission]) if permission in rules else None


def permitted(request: Request, model: type, permission: str) -> ColumnElement[bool]:
    """A SQL condition on `model`: the records on which the user holds `permission` by
    their site roles, their stored local roles, the workflow's `owner` column and the
    records' states. One condition, so that a list of any length costs the same queries.

    Local roles that a plugin computes in `norec_local_roles` cannot be known in SQL;
    lists see the stored ones (`grant_local_role`) and the workflow's owner.
    """
    user = request.identity
    if acting_system(request) is not None or is_admin(request, user):
        return true()
    workflow = request.registry["norec.workflows"].get(model)
    roles = request.registry["norec.roles"]
    names = role_names(user)

    def held_locally(wanted: set[str]) -> ColumnElement[bool]:
        if user is None or not wanted:
            return false()
        stored = model.id.in_(
            select(LocalRole.resource_id).where(
                LocalRole.user_id == user.id,
                LocalRole.resource_type == model.__tablename__,
                LocalRole.role.in_(sorted(wanted)),
            )
        )
        owner = workflow.owner if workflow is not None else None
        if owner and "owner" in wanted and user.person_id is not None:
            return or_(stored, getattr(model, owner) == user.person_id)
        return stored

    local_granting = {r.name for r in roles.values() if r.local and permission in r.permissions}
    if request.has_permission(permission, site_root(request)):
        otherwise = true()
    else:
        otherwise = held_locally(local_granting)
    if workflow is None:
        return otherwise
    state = getattr(model, workflow.attribute)
    decided = {
        s: rules[permission] for s, rules in workflow.permissions.items() if permission in rules
    }
    if not decided:
        # Plainly `otherwise`: a search sees `true()` itself and adds no condition at all.
        return otherwise
    conditions = [and_(state.not_in(sorted(decided)), otherwise)]
    for name, allowed in decided.items():
        if names & set(allowed):
            conditions.append(state == name)
        else:
            conditions.append(and_(state == name, held_locally(set(allowed) - names)))
    return or_(*conditions)


def locally_held(request: Request, model: type, *roles: str) -> ColumnElement[bool]:
    """A SQL condition on `model`: the records on which the request's user holds one of
    `roles` as a stored local role ("the organisations I am contact person of").

    Join it through relationships to reach what hangs below such a record:
    `Partnership.organisations.any(locally_held(request, Organisation, "contact"))`.
    """
    user = request.identity
    if user is None:
        return false()
    return model.id.in_(
        select(LocalRole.resource_id).where(
            LocalRole.user_id == user.id,
            LocalRole.resource_type == model.__tablename__,
            LocalRole.role.in_(roles),
        )
    )


def principals(user: User | None) -> list[str]:
    if user is None:
        return [Everyone]
    return [Everyone, Authenticated, f"user:{user.id}"] + [f"role:{r}" for r in user.roles]


def local_roles(request: Request, user: User | None, context) -> set[str]:
    """The local roles `user` holds on `context` and the objects above it."""
    if user is None or context is None:
        return set()
    cache = request.__dict__.setdefault("_norec_local_roles", {})
    key = (user.id, id(context))
    if key not in cache:
        known = request.registry["norec.roles"]
        found: set[str] = set()
        for location in lineage(context):
            if isinstance(location, Root) or not hasattr(location, "__tablename__"):
                continue
            found |= stored_local_roles(request.dbsession, user, location)
            for result in request.pm.hook.norec_local_roles(
                request=request, user=user, context=location
            ):
                found |= set(result)
        # Only declared local roles count: a site role can never be granted locally.
        cache[key] = {r for r in found if r in known and known[r].local}
    return cache[key]


def stored_local_roles(session: Session, user: User, obj) -> set[str]:
    resource_type, resource_id = resource_key(obj)
    return set(
        session.scalars(
            select(LocalRole.role).where(
                LocalRole.user_id == user.id,
                LocalRole.resource_type == resource_type,
                LocalRole.resource_id == resource_id,
            )
        )
    )


def local_role_holders(session: Session, obj) -> list[LocalRole]:
    resource_type, resource_id = resource_key(obj)
    return list(
        session.scalars(
            select(LocalRole)
            .where(LocalRole.resource_type == resource_type, LocalRole.resource_id == resource_id)
            .order_by(LocalRole.role, LocalRole.user_id)
        )
    )


def holders_of(session: Session, obj, role: str) -> list[User]:
    """The active users who hold the stored local role `role` on `obj` (the contact
    persons of an organisation), by e-mail address."""
    resource_type, resource_id = resource_key(obj)
    return list(
        session.scalars(
            select(User)
            .join(LocalRole, LocalRole.user_id == User.id)
            .where(
                LocalRole.resource_type == resource_type,
                LocalRole.resource_id == resource_id,
                LocalRole.role == role,
                User.active.is_(True),
            )
            .order_by(User.email)
        )
    )


def local_role_holders_of_user(session: Session, user: User) -> list[LocalRole]:
    return list(
        session.scalars(
            select(LocalRole)
            .where(LocalRole.user_id == user.id)
            .order_by(LocalRole.resource_type, LocalRole.resource_id)
        )
    )


def revoke_local_role_by_id(session: Session, user: User, local_role_id: int) -> None:
    session.execute(
        delete(LocalRole).where(LocalRole.id == local_role_id, LocalRole.user_id == user.id)
    )


def grant_local_role(session: Session, user: User, obj, role: str) -> None:
    """Give `user` the local role `role` on `obj` (an assessor on one application),
    once: the role's permissions hold on that record alone."""
    if role in stored_local_roles(session, user, obj):
        return
    resource_type, resource_id = resource_key(obj)
    session.add(
        LocalRole(user=user, resource_type=resource_type, resource_id=resource_id, role=role)
    )
    session.flush()


def revoke_local_role(session: Session, user: User, obj, role: str) -> None:
    """Take the local role `role` on `obj` from `user` again."""
    resource_type, resource_id = resource_key(obj)
    session.execute(
        delete(LocalRole).where(
            LocalRole.user_id == user.id,
            LocalRole.resource_type == resource_type,
            LocalRole.resource_id == resource_id,
            LocalRole.role == role,
        )
    )


def includeme(config) -> None:
    settings = config.get_settings()
    secret = settings.get("norec.session_secret")
    if not secret or len(secret) < 32:
        raise ValueError("norec.session_secret must be set to a random string of 32+ characters")
    timeout = int(settings.get("norec.session_timeout", 2 * 3600))
    config.set_session_factory(
        SignedCookieSessionFactory(
            secret,
            cookie_name=SESSION_COOKIE,
            httponly=True,
            samesite="Lax",
            # Over HTTPS only, unless a development setup says otherwise.
            secure=asbool(settings.get("norec.secure_cookies", True)),
            # Idle time after which the session ends (norec.session_max_age caps its life).
            timeout=timeout,
            reissue_time=min(600, timeout // 10),
        )
    )
    config.set_security_policy(SecurityPolicy())
    config.set_root_factory(Root)
    config.set_default_permission(UNDECLARED)
    config.set_csrf_storage_policy(SessionCSRFStoragePolicy())
    # Every POST, PUT, PATCH and DELETE must carry the session's token.
    config.set_default_csrf_options(require_csrf=True)
