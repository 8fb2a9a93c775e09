"""Joining the network from an invitation, and the member's own profile."""

from __future__ import annotations

import colander
from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from pyramid.view import view_config

from norec_core import (
    ACCOUNT,
    VIEW,
    CSRFSchema,
    Person,
    flash,
    log_in,
    now,
    process_form,
    save_user,
    spend_action_link,
)
from norec_network import directory, profile, waves
from norec_network.forms import JoinSchema, ProfileSchema
from norec_network.i18n import _
from norec_network.permissions import MANAGE


@view_config(route_name="network.join", renderer="norec_core:templates/form.pt", permission=VIEW)
def join(request):
    """Where an accepted invitation leads someone without an account: a password, the
    two consents, and they are in, logged in, on their profile."""
    if request.identity is not None and profile.member_of(request) is not None:
        return HTTPFound(request.route_path("network.profile"))
    joining = request.session.get(waves.JOINING)
    joining = joining if isinstance(joining, dict) else {}
    person = request.dbsession.get(Person, joining.get("person") or 0)
    if person is None:
        raise HTTPNotFound(_("Open the link in your invitation first."))
    result = process_form(request, JoinSchema(), submit_title=_("Join"), formid="join")
    if not result.valid:
        return {
            "page_title": _("Welcome to ${agency} Network"),
            "intro": _(
                "Choose a password for your account, ${email}. You log in with this "
                "address from now on. Nothing of your profile is shown to anyone until "
                "you choose so.",
                mapping={"email": person.email},
            ),
            "form": result.html,
        }
    data = result.data
    if waves.account_of(request.dbsession, person) is not None:
        # An account made meanwhile is not taken over here: its owner logs in.
        return HTTPFound(
            request.route_path("login", _query={"came_from": request.route_path("network.profile")})
        )
    user = save_user(
        request.dbsession,
        person.email,
        data["password"],
        display_name=person.full_name,
        roles=["member"],
    )
    user.person_id = person.id
    user.email_confirmed_at = now()  # the invitation's link reached this address
    person.consent_directory = data["consent_directory"]
    person.consent_contact = data["consent_contact"]
    waves.joined(request, person, joining.get("invitation"))
    spend_action_link(request, joining.get("link"))
    del request.session[waves.JOINING]
    headers = log_in(request, user)
    flash(request, _("Welcome! Fill in your profile, and choose who sees each part of it."))
    return HTTPFound(request.route_path("network.profile"), headers=headers)


@view_config(route_name="network.invite_again", permission=MANAGE)
def invite_again(person, request):
    """An adviser reaches a member who has no account (stranded when a link was spent
    before the password was chosen): a new invitation, with a new link."""
    result = process_form(request, CSRFSchema(), formid="invite-again")
    if result.valid:
        if waves.account_of(request.dbsession, person) is not None:
            flash(request, _("This member has an account: they log in."), "error")
        elif not person.email:
            flash(request, _("There is no address to send the invitation to."), "error")
        else:
            waves.invite_again(request, person)
            flash(
                request,
                _("A new invitation is sent to ${email}.", mapping={"email": person.email}),
            )
    return HTTPFound(request.route_path("people.detail", id=person.id))


def _appstruct(member) -> dict:
    person = member.person
    return {
        "country": person.country or colander.null,
        "city": person.city or colander.null,
        "employer": person.employer or colander.null,
        "expertise": person.expertise or [],
        "languages": set(person.languages),
        "sectors": member.sectors,
        "offers": set(member.offers),
        "availability": member.availability,
        "mentor_capacity": member.mentor_capacity,
        "about": member.about,
        "consent_directory": person.consent_directory,
        "consent_contact": person.consent_contact,
        "visibility": profile.choices(member),
    }


@view_config(
    route_name="network.profile", renderer="norec_core:templates/form.pt", permission=ACCOUNT
)
def edit_profile(request):
    member = profile.member_of(request)
    if member is None:
        raise HTTPNotFound(
            _("You are not a member of ${agency} Network: membership is by invitation.")
        )
    result = process_form(request, ProfileSchema(), appstruct=_appstruct(member), formid="profile")
    if not result.valid:
        return {
            "page_title": _("My network profile"),
            "intro": _(
                "What you write here is shown only as you choose below: to you alone, to "
                "${agency}'s network advisers, to the network's members, or to everyone."
            ),
            "form": result.html,
        }
    data = dict(result.data)
    data.update(data.pop("visibility"))
    profile.save(member, data)
    request.dbsession.flush()
    directory.index(request.dbsession, [member])
    flash(request, _("Your profile is saved."))
    return HTTPFound(request.route_path("network.member", id=member.id))
