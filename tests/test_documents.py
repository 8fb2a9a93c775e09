"""PDF documents: laid out from the pages' templates, and reading nothing from outside
themselves, whatever a document names."""

import io

import pytest
from pypdf import PdfReader

from norec_core import render_pdf

pytestmark = pytest.mark.norec_backends("sqlite")  # no database in what is checked

TEMPLATE = """\
<html metal:use-macro="load: norec_core:templates/documents/layout.pt">
<main metal:fill-slot="content">
  <p>A letter.</p>
  <img src="${local}" alt="">
  <img src="data:image/png;base64,${inline}" alt="">
</main>
</html>
"""
# A one-pixel PNG.
PNG = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9aw"
    "AAAABJRU5ErkJggg=="
)


def test_a_document_fetches_nothing_but_what_it_holds(app_request, tmp_path):
    import base64

    secret = tmp_path / "secret.png"
    secret.write_bytes(base64.b64decode(PNG))
    template = tmp_path / "letter.pt"
    template.write_text(TEMPLATE)
    pdf = render_pdf(
        app_request,
        str(template),
        {"document_title": "A letter", "local": secret.as_uri(), "inline": PNG},
    )
    reader = PdfReader(io.BytesIO(pdf))
    assert "A letter." in reader.pages[0].extract_text()
    # The image held in the document is drawn; the one named by a file:// URL is not read.
    assert len(reader.pages[0].images) == 1


def test_a_document_without_its_title_is_refused_with_what_it_needs(app_request, tmp_path):
    # The layout prints the title (PDF/UA needs one): without it, Chameleon's NameError
    # came from inside a core template that a plugin's author had not seen.
    template = tmp_path / "letter.pt"
    template.write_text(TEMPLATE)
    with pytest.raises(ValueError, match="document_title"):
        render_pdf(app_request, str(template), {"local": "", "inline": PNG})
