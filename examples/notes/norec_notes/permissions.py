"""The notes plugin's permissions, and the role that grants them."""

from norec_core import Role
from norec_notes.i18n import _

ADD = "notes.add"
READ = "notes.read"

ROLES = [Role("notetaker", _("Note taker"), frozenset({ADD, READ, "person.view"}))]
