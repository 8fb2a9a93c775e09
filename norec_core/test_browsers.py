"""WebTest's TestApp with the steps a person takes (part of the Norec pytest plugin,
`norec_core.testing`): logging in, reading the CSRF token, taking a workflow step,
saving an edit form as it is."""

from __future__ import annotations

import functools

ADMIN_EMAIL = "admin@test.example.org"
ADMIN_PASSWORD = "admin-password"  # noqa: S105 (the tests' administrator)


@functools.cache
def testapp_class():
    """The TestApp class of the `testapp` and `client` fixtures."""
    # Imported late: this plugin loads in every pytest run where norec-core is installed.
    import webtest

    class NorecTestApp(webtest.TestApp):
        """WebTest's TestApp with the steps a person takes to log in."""

        def _check_status(self, status, res):
            # WebTest takes any redirect as a success unless told the status: a page a
            # test means to open would pass while it sends the visitor to log in.
            if status is None and res.status_int in (302, 303) and "/login" in res.location:
                raise webtest.AppError(
                    "Redirected to the login page (%s) from %s: pass status=302 if expected",
                    res.location,
                    res.request.url,
                )
            super()._check_status(status, res)

        def login(self, email: str = ADMIN_EMAIL, password: str = ADMIN_PASSWORD):
            form = self.get("/login").forms["login"]
            form["email"] = email
            form["password"] = password
            response = form.submit("submit")
            assert response.status_int == 302, "login failed"
            return response.follow()

        def take_step(self, record, transition: str, comment: str = "", status=302):
            """Take a workflow step on `record` as its page's step form does; the answer."""
            return self.post(
                f"/workflow/{record.__tablename__}/{record.id}",
                {
                    "csrf_token": self.csrf_token(),
                    "transition": transition,
                    "comment": comment,
                    "came_from": "/",
                },
                status=status,
            )

        def resave(self, path: str, formid: str, times: int = 2):
            """Open the edit form at `path` and save it unchanged, `times` over: what an
            editor does who corrects a typo; nothing else on the record may move."""
            for _ in range(times):
                response = self.get(path).forms[formid].submit("submit")
                assert response.status_int in (302, 303), "the unchanged form was refused"
            return response

        def csrf_token(self) -> str:
            """The session's CSRF token, as every page's forms carry it."""
            # The front page has a form (log out) for a user; the login page for anyone.
            for path in ("/", "/login"):
                field = self.get(path).html.find("input", {"name": "csrf_token"})
                if field is not None:
                    return field["value"]
            raise AssertionError("no page carries a CSRF token")

    return NorecTestApp
