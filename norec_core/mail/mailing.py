"""Mass mailings: one message to everyone who agreed to newsletters, optionally in one
country, written to the outbox in batches by a job that reports its progress."""

from __future__ import annotations

import colander
import deform
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from norec_core.domain.models import Person
from norec_core.forms import CSRFSchema, line_validator
from norec_core.i18n import _, codes
from norec_core.mail.outbox import send_mail

BATCH = 200


def recipients(country: str = ""):
    query = (
        select(Person)
        .where(Person.consent_newsletter.is_(True), Person.email.is_not(None))
        # Their languages choose the language of each message's footer.
        .options(selectinload(Person.language_links))
    )
    if country:
        query = query.where(Person.country == country)
    return query


@colander.deferred
def _country_widget(node, kw):
    names = codes.country_names(kw["request"].locale_name)
    return deform.widget.SelectWidget(values=[("", _("All countries")), *names.items()])


class MailingSchema(CSRFSchema):
    subject = colander.SchemaNode(
        colander.String(), title=_("Subject"), validator=line_validator(200)
    )
    body = colander.SchemaNode(
        colander.String(),
        title=_("Message"),
        widget=deform.widget.TextAreaWidget(rows=12),
        validator=colander.Length(min=1, max=20000),
    )
    country = colander.SchemaNode(
        colander.String(),
        title=_("Only people living in"),
        widget=_country_widget,
        missing="",
        validator=colander.OneOf(["", *codes.COUNTRY_CODES]),
    )


def run(job, subject: str, body: str, country: str = "") -> str:
    """The job: queue one message per recipient, reporting progress per batch."""
    session = job.dbsession
    query = recipients(country)
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    # A run resumed after a failure goes on after the last batch it committed.
    done, last_id = job.checkpoint.get("done", 0), job.checkpoint.get("after", 0)
    job.progress(done, total)
    while True:
        # Keyset paging: steady speed however far into 12,000 alumni the job has come.
        batch = session.scalars(
            query.where(Person.id > last_id).order_by(Person.id).limit(BATCH)
        ).all()
        if not batch:
            break
        for person in batch:
            send_mail(job.request, person.email, subject, body, bulk_for=person)
        done += len(batch)
        last_id = batch[-1].id
        session.flush()
        job.progress(done, total, checkpoint={"done": done, "after": last_id})
    return job.request.localizer.translate(_("${count} messages queued.", mapping={"count": done}))
