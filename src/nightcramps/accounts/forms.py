"""The profile and sign-up forms as their pages label them (see ``nightcramps.web.forms``)."""

from __future__ import annotations

from nightcramps.web.forms import PageField, PageForm

TIMEZONE = PageField(
    "Time zone", "type your city or region, for example London, and choose it from the list."
)

PROFILE_FORM = PageForm(
    fields={
        "display_name": PageField("Name", "use at most 100 characters."),
        "birth_year": PageField(
            "Birth year", "give the year you were born, from 1900 to this year, e.g. 1961."
        ),
        "sex": PageField("Sex", "choose female or male."),
        "pregnant": PageField("Pregnancy", "tick pregnant or breastfeeding, or neither."),
        "weight_kg": PageField(
            "Weight in kg", "give your weight above 20 up to 400 kg, e.g. 72.5, or leave it empty."
        ),
        "timezone": TIMEZONE,
        "kidney_disease": PageField("Kidney disease", "choose one of the answers in the list."),
        "liver_disease": PageField("Liver disease", "choose yes, no or not answered."),
        "diabetes": PageField("Diabetes", "choose yes, no or not answered."),
        "thyroid_disease": PageField("Thyroid disease", "choose yes, no or not answered."),
        "heart_failure": PageField("Heart failure", "choose yes, no or not answered."),
        "fluid_limit_ml": PageField(
            "Daily fluid limit",
            "give the limit your doctor set in ml a day, from 500 to 3,000 (e.g. 1500), or "
            "leave it empty if you have none.",
        ),
        "pregnancy_week": PageField(
            "Pregnancy week",
            "give the week you are in now, from 1 to 42, or leave it empty.",
        ),
    },
    whole_form="pregnant",
    whole_form_fix="pregnant and breastfeeding apply only with sex female; untick them or choose "
    "female.",
    aliases={"lactating": "pregnant"},
)
"""The profile page's form."""

SIGNUP_FORM = PageForm(
    fields={
        "email": PageField(
            "Email", "give your email address (at most 320 characters), e.g. name@example.com."
        ),
        "password": PageField(
            "Password",
            "use at least 10 characters (at most 256). A phrase of several unrelated words is "
            "long enough and easy to remember.",
        ),
        "timezone": TIMEZONE,
    },
    whole_form="email",
)
"""The sign-up page's form (accounts mode)."""

PASSWORD_FORM = PageForm(
    fields={
        "current_password": PageField(
            "Current password", "type the password you sign in with now."
        ),
        "new_password": PageField("New password", SIGNUP_FORM.fields["password"].fix),
    },
    whole_form="new_password",
)
"""The account security page's password form (accounts mode)."""

TOKEN_FORM = PageForm(
    fields={
        "name": PageField("Name", "use at most 100 characters."),
        "scope": PageField("What it may do", "choose read only, or read and change."),
        "expires_in_days": PageField(
            "Lasts for", "give a whole number of days from 1 to 365, e.g. 90."
        ),
    },
    whole_form="name",
)
"""The account security page's form that makes an API token."""

ROUTES = {
    "/profile": PROFILE_FORM,
    "/signup": SIGNUP_FORM,
    "/account/security/password": PASSWORD_FORM,
    "/account/security/tokens": TOKEN_FORM,
}
"""Each page route and the form its problems are said in."""
