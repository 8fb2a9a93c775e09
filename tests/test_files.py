"""Files attached to records: stored once by their content, checked by what they are,
served to those who may see their record, after their embargo, with ETag and ranges."""

import datetime
import hashlib
import io
import subprocess
import sys
import zipfile

import pypdf
import pytest
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from norec_core.files.attachments import FileKind, UploadError, attach
from norec_core.files.store import LocalFileStore, store_from_settings
from norec_core.interfaces import IFileStore
from norec_core.privacy import personal_data
from norec_core.testing import free_port, pdf_file, wait_for_port

PDF = pdf_file()
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452") + b"\x00" * 32


@pytest.fixture(scope="module")
def s3_endpoint(tmp_path_factory):
    """A real S3 server on loopback (moto's), for the object store."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait()


@pytest.fixture(params=["local", "s3"])
def store(request, tmp_path):
    if request.param == "local":
        return LocalFileStore(tmp_path)
    options = {
        "endpoint_url": request.getfixturevalue("s3_endpoint"),
        "region_name": "us-east-1",
        "aws_access_key_id": "test",
        "aws_secret_access_key": "test",
    }
    store = store_from_settings(
        {
            "norec.files.url": "s3://norec-files",
            **{f"norec.files.s3.{k}": v for k, v in options.items()},
        }
    )
    store.client.create_bucket(Bucket="norec-files")
    return store


def test_a_store_keeps_each_content_once_by_its_hash(store):
    key = store.put(PDF)
    assert store.put(PDF) == key and store.get(key) == PDF
    assert key == hashlib.sha256(PDF).hexdigest()
    store.delete(key)
    with pytest.raises(KeyError):
        store.get(key)


def test_the_local_store_writes_one_file_and_refuses_paths(tmp_path):
    store = LocalFileStore(tmp_path)
    store.put(PDF), store.put(PDF)
    assert len([p for p in tmp_path.rglob("*") if p.is_file()]) == 1
    with pytest.raises(KeyError):
        store.get("../../etc/passwd")


def _attach(request, record, data=PDF, name="letter.pdf", **kw):
    options = {
        "kind": FileKind(frozenset({"application/pdf"}), 1000),
        "read_permission": "view",
        "edit_permission": "directory.edit",
    }
    return attach(request, record, name, data, **{**options, **kw})


def test_an_upload_is_judged_by_its_content_and_its_size(app_request, make_organisation):
    organisation = make_organisation()
    with pytest.raises(UploadError) as refused:
        _attach(app_request, organisation, PNG, name="renamed.pdf")
    assert str(refused.value.message) == "This kind of file cannot be used here."
    with pytest.raises(UploadError, match="larger than"):
        _attach(app_request, organisation, PDF + b"x" * 2000)
    assert _attach(app_request, organisation).content_type == "application/pdf"


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _zip(*names: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return out.getvalue()


def _pdf_with_script() -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert('opened');"),
        }
    )  # a script run as the document opens
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_an_upload_is_read_with_its_formats_library(app_request, make_organisation):
    """A file is what its format's library reads, not what its first bytes claim."""
    organisation = make_organisation()
    refused = {
        "a page behind a PDF's signature": b"%PDF-1.4\n<html><script>alert(1)</script>" + PDF,
        "a PDF that runs a script": _pdf_with_script(),
        "a PDF nothing can read": b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
        "a zip of anything named as Word's": _zip("word/evil.html"),
        "a document with macros": _zip(
            "[Content_Types].xml", "word/document.xml", "word/vbaProject.bin"
        ),
    }
    for what, data in refused.items():
        with pytest.raises(UploadError):
            _attach(
                app_request,
                organisation,
                data,
                kind=FileKind(frozenset({"application/pdf", DOCX}), 10**6),
            )
            pytest.fail(f"{what} was taken")
    document = _zip("[Content_Types].xml", "word/document.xml")
    row = _attach(
        app_request,
        organisation,
        document,
        name="plan.docx",
        kind=FileKind(frozenset({DOCX}), 10**6),
    )
    assert row.content_type == DOCX


def test_direction_controls_leave_a_files_name(app_request, make_organisation):
    # U+202E turns "report\u202efdp.exe" into what reads as "reportexe.pdf".
    row = _attach(app_request, make_organisation(), name="C:\\Users\\x\\report\u202efdp.exe\u200b")
    assert row.filename == "reportfdp.exe"


def _anonymous(app, testapp):
    return type(testapp)(app, extra_environ={"HTTP_HOST": "localhost"})


def test_a_file_is_served_as_its_record_allows_with_etag_and_ranges(
    app_request, app, admin_app, db_session, make_organisation
):
    testapp = _anonymous(app, admin_app)
    organisation = make_organisation()
    row = _attach(app_request, organisation, name="Årsrapport 2026.pdf")
    url = f"/files/{row.id}/x.pdf"
    response = testapp.get(url)
    assert response.content_type == "application/pdf" and response.body == PDF
    assert "filename*=UTF-8''%C3%85rsrapport%202026.pdf" in response.content_disposition
    testapp.get(url, headers={"If-None-Match": response.headers["ETag"]}, status=304)
    part = testapp.get(url, headers={"Range": "bytes=0-3"}, status=206)
    assert part.body == b"%PDF"

    row.embargo_until = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=1)
    db_session.flush()
    testapp.get(url, status=404)  # not before its date, to those who only read
    assert admin_app.get(url).body == PDF  # its editors see it
    row.embargo_until = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=1)
    db_session.flush()
    assert testapp.get(url).body == PDF


def test_a_person_s_file_is_theirs_and_the_staff_s_and_goes_with_their_erasure(
    app_request, app, admin_app, make_person
):
    testapp = _anonymous(app, admin_app)
    person = make_person()
    row = _attach(
        app_request,
        person,
        read_permission="person.view",
        edit_permission="person.edit",
        person=person,
    )
    key, url = row.key, f"/files/{row.id}/cv.pdf"
    testapp.get(url, status=404)
    assert admin_app.get(url).body == PDF
    personal_data.erase_person(app_request, person, "asked to be forgotten")
    with pytest.raises(KeyError):
        app_request.find_service(IFileStore).get(key)


def test_a_form_that_fails_keeps_the_chosen_file(admin_app, db_session, make_person):
    from webtest import Upload

    person = make_person()
    form = admin_app.get(f"/people/{person.id}").click("Attach a document").forms["norec-form"]
    form["upload"] = Upload("cv.pdf", PDF, "application/pdf")
    form["title"] = ""  # forgotten: the form comes back, the file is kept
    page = form.submit("submit", status=422)
    assert "cv.pdf" in page.text
    again = page.forms["norec-form"]
    again["title"] = "Curriculum vitae"
    detail = again.submit("submit").follow()  # no file picked the second time
    link = detail.html.find("a", string="Curriculum vitae")
    assert admin_app.get(link["href"]).body == PDF


def test_a_file_of_the_wrong_kind_is_an_error_at_its_field(admin_app, make_person):
    from webtest import Upload

    person = make_person()
    form = admin_app.get(f"/people/{person.id}/documents").forms["norec-form"]
    form["title"] = "Photo"
    form["upload"] = Upload("photo.pdf", b"MZ\x90\x00not a pdf at all", "application/pdf")
    page = form.submit("submit", status=422)
    field = page.html.select_one("input[type=file]")
    assert "This kind of file cannot be used here." in page.text
    assert field.get("aria-invalid") == "true"
