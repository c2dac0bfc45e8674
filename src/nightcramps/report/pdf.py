"""HTML to PDF with WeasyPrint (memo 3.3: the best typography for the least code, reusing the
Jinja2 template). WeasyPrint is imported only when a PDF is made: it loads Pango, and neither
the other commands nor the web app's start need it."""

from __future__ import annotations

from typing import Any

from nightcramps.errors import NightcrampsError
from nightcramps.report.document import render_document, stylesheets, title_of
from nightcramps.report.schemas import Report

PANGO_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core"
"""The Debian packages WeasyPrint needs (scripts/test-services.sh installs them)."""


class PdfUnavailable(NightcrampsError):
    """The PDF cannot be made on this machine (WeasyPrint or Pango missing)."""


def _weasyprint() -> Any:
    try:
        import weasyprint  # type: ignore[import-untyped]  # it ships no type hints
    except (ImportError, OSError):  # OSError: Pango's shared libraries are not installed
        raise PdfUnavailable(
            "Cannot make the PDF: WeasyPrint or the Pango library it needs is missing. Install "
            f"them with `pip install weasyprint` and `apt-get install {PANGO_PACKAGES}` "
            "(Debian, Ubuntu), then try again."
        ) from None
    return weasyprint


def render_pdf(report: Report) -> bytes:
    """The report as PDF bytes, titled, with its fonts embedded.

    The same report gives the same bytes apart from what WeasyPrint itself varies (it writes no
    creation date unless asked, and the fonts it subsets are the same).

    Raises:
        PdfUnavailable: WeasyPrint or Pango is not installed (the message names the packages).
    """
    weasyprint = _weasyprint()
    html = weasyprint.HTML(string=render_document(report))
    document = html.render(stylesheets=[weasyprint.CSS(string=css) for css in stylesheets(report)])
    document.metadata.title = title_of(report)
    document.metadata.authors = []
    data: bytes = document.write_pdf()
    return data
