"""Which form a page route's problems are said in: the one place that knows, for the error
handler and the templates, the labels of every feature's forms whose routes do not word their
problems themselves (``nightcramps.web.forms``)."""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import Request

from nightcramps.accounts import forms as accounts_forms
from nightcramps.diary import forms as diary_forms
from nightcramps.guidance import forms as guidance_forms
from nightcramps.nutrition import forms as nutrition_forms
from nightcramps.web.forms import PageForm, on_page

BY_ROUTE: dict[str, PageForm] = {
    **accounts_forms.ROUTES,
    **diary_forms.ROUTES,
    **guidance_forms.ROUTES,
    **nutrition_forms.ROUTES,
}
"""Route path (as declared, e.g. ``/diary/{night_of}``) → its form."""


def form_for(request: Request) -> PageForm | None:
    """The form of the route that answered ``request`` (None: no form is known for it)."""
    route = request.scope.get("route")
    path = getattr(route, "path", None)
    return BY_ROUTE.get(path) if isinstance(path, str) else None


def page_errors(request: Request, problems: Mapping[str, str]) -> dict[str, str]:
    """``problems`` of the form ``request`` sent, as its page says them (``{input: text}``)."""
    return on_page(form_for(request), problems)
