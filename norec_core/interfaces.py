"""The shared domain as interfaces: plugins depend on what a thing is, not on a class."""

from zope.interface import Attribute, Interface


class IPerson(Interface):
    """Someone the agency works with: participant, alumnus, candidate, author, contact person."""

    id = Attribute("Database identifier")
    given_name = Attribute("Given name(s)")
    family_name = Attribute("Family name")
    full_name = Attribute("Given and family name, for display")
    email = Attribute("E-mail address, unique when set")
    country = Attribute("Country of residence, ISO 3166-1 alpha-2 code")
    languages = Attribute("Spoken languages, ISO 639-1 codes")
    expertise = Attribute("Fields of expertise, free-text tags")
    consent_contact = Attribute("Agreed to be contacted by the agency")
    consent_newsletter = Attribute("Agreed to receive newsletters")
    consent_directory = Attribute("Agreed to be listed in member directories")


class IOrganisation(Interface):
    """An organisation: a hospital, an NGO, a public body, an international organisation."""

    id = Attribute("Database identifier")
    name = Attribute("Name")
    country = Attribute("Country, ISO 3166-1 alpha-2 code")
    kind = Attribute("One of ORGANISATION_KINDS")


class IPartnership(Interface):
    """Two or more organisations in different countries exchanging people for a period."""

    id = Attribute("Database identifier")
    title = Attribute("Title")
    organisations = Attribute("The partner organisations, at least two, in different countries")
    direction = Attribute("'north-south' or 'south-south'")
    starts_on = Attribute("First day of the period")
    ends_on = Attribute("Last day of the period")
    reciprocal = Attribute("Whether participants are exchanged in both directions")


class IActivity(Interface):
    """Something that happens at a time: a gathering, a course, a webinar, a meeting."""

    id = Attribute("Database identifier")
    title = Attribute("Title")
    kind = Attribute("Name of a registered activity kind")
    starts_at = Attribute("Start, an aware moment (shown in the venue's zone)")
    ends_at = Attribute("End, an aware moment (shown in the venue's zone)")
    timezone = Attribute("The venue's time zone, an IANA name such as Africa/Nairobi")
    place = Attribute("Physical place, if any")
    online_url = Attribute("Link to join online, if any")
    capacity = Attribute("Number of seats; None means unlimited")


class IRegistration(Interface):
    """A person's registration for an activity: confirmed, waiting-listed or cancelled."""

    activity = Attribute("The activity")
    person = Attribute("The person")
    status = Attribute("'confirmed', 'waitlisted' or 'cancelled'")


class IUser(Interface):
    """An account that can log in."""

    id = Attribute("Database identifier")
    email = Attribute("Login e-mail address")
    roles = Attribute("Names of the site roles held")


class IMailer(Interface):
    """Hands finished e-mails to a transport (an SMTP server, a directory of .eml files).

    Chosen by the setting `norec.mail.transport`. Only the outbox's delivery calls it:
    everything else queues mail with `norec_core.mail.outbox.queue_mail`.
    """

    def connect():
        """A context manager giving an object whose `send(message)` delivers one
        `email.message.EmailMessage`, raising on failure; the connection is closed on exit."""


class ITaskQueue(Interface):
    """Runs work outside the request: on a worker (`norec worker`) or in-process threads.

    Chosen by the setting `norec.queue.url`. Work is sent only once the transaction that
    asked for it commits, so a rolled-back request starts nothing.
    """

    def run_job(job_id):
        """Run the recorded job (`norec_core.tasks.models.Job`) `job_id` on the queue now."""

    def deliver_mail():
        """Deliver what is due in the mail outbox, now."""


class IFileStore(Interface):
    """Where the contents of uploaded files live, by the sha256 of their bytes: the same
    file is kept once however often it is attached. Chosen by `norec.files.url`."""

    def put(data):
        """Store the bytes `data`; return their key (the hex sha256)."""

    def get(key):
        """The bytes stored under `key` (KeyError if none)."""

    def delete(key):
        """Forget the bytes under `key`; nothing happens if there are none."""
