"""The notes plugin's forms, made of the core's field builders."""

import colander
from sqlalchemy import select

from norec_core import CSRFSchema, Person, line_node, record_node, text_node
from norec_notes.i18n import _


def _people(request):
    rows = request.dbsession.execute(
        select(Person.id, Person.given_name, Person.family_name).order_by(Person.family_name)
    )
    return [(person_id, f"{given} {family}") for person_id, given, family in rows]


class NoteSchema(CSRFSchema):
    person_id = record_node(_("Person"), Person, _people, _("Choose a person from the list."))
    text = text_node(_("Note"), 2000, rows=3, validator=colander.Length(min=3, max=2000))


class NicknameSchema(colander.MappingSchema):
    """The plugin's field on the person's edit form (a `RecordFields`): no CSRF token of
    its own, the person form has one."""

    nickname = line_node(_("Nickname"), 100, missing="")
