"""The Food and My foods forms as their pages label them (see ``nightcramps.web.forms``)."""

from __future__ import annotations

from nightcramps.web.forms import PageField, PageForm

WHAT = "type what you had and how much, e.g. 1 medium banana."
TIME = PageField("Time", "use HH:MM, e.g. 08:30, or leave it empty.")
AMOUNT = PageField("Amount", "give an amount above 0, e.g. 1 or 0.5.")

ENTRY_FORM = PageForm(
    fields={
        "phrase": PageField("What and how much", WHAT),
        "kind": PageField("It was", "choose food or a drink."),
        "time": TIME,
        "quantity": AMOUNT,
        "unit": PageField("Measure", "choose one of the measures listed."),
    },
    whole_form="phrase",
    whole_form_fix=WHAT[:-1] + ", or pick a food from the suggestions.",
    aliases={"at": "time", "food_id": "phrase", "supplement_id": "phrase"},
)
"""The Food page's "Add food or drink" form, its amount picker and its supplement buttons."""

EDIT_FORM = PageForm(
    fields={
        "quantity": AMOUNT,
        "phrase": PageField("Or another food and amount", WHAT),
        "time": TIME,
        "meal": PageField("Meal", "choose one of the meals listed."),
    },
    whole_form="phrase",
    aliases={"at": "time"},
)
"""The form that changes one entry."""

_MINERALS = {
    "magnesium_mg": PageField("Magnesium, mg"),
    "potassium_mg": PageField("Potassium, mg"),
    "calcium_mg": PageField("Calcium, mg"),
    "sodium_mg": PageField("Sodium, mg"),
    "caffeine_mg": PageField("Caffeine, mg"),
}
NAME = PageField("Name", "type the name on the label (at most 200 characters).")

SUPPLEMENT_FORM = PageForm(
    fields={
        "name": NAME,
        "unit_name": PageField(
            "Counted in", "e.g. tablet, capsule or sachet (at most 40 letters)."
        ),
        **_MINERALS,
        "volume_ml_per_unit": PageField("For a drink: ml per unit"),
    },
    whole_form="name",
)
"""My foods: "Add a supplement from its label"."""

CUSTOM_FORM = PageForm(
    fields={
        "name": NAME,
        "kind": PageField("It is", "choose a food or a drink."),
        "basis": PageField("The label gives amounts", "choose one of the choices listed."),
        "serving_name": PageField("A serving is called", "e.g. slice or bar (at most 60 letters)."),
        "serving_g": PageField("Serving weight, g"),
        "serving_ml": PageField("Serving volume, ml"),
        "energy_kcal": PageField("Energy, kcal"),
        **_MINERALS,
    },
    whole_form="name",
)
"""My foods: "Add a food or drink from its label"."""

TARGET_FORM = PageForm(
    fields={
        "value": PageField(
            "Your own target",
            "give a number above 0 up to 100,000, e.g. 400, or save it empty to go back to the "
            "reference intake.",
        ),
        "note": PageField("Why", "use at most 200 characters."),
    },
    whole_form="value",
)
"""My foods: your own daily target for one nutrient."""

ROUTES = {
    "/day/{day}/entries": ENTRY_FORM,
    "/intake/{entry_id}/edit": EDIT_FORM,
    "/my-foods/supplements": SUPPLEMENT_FORM,
    "/my-foods/custom": CUSTOM_FORM,
    "/my-foods/targets": TARGET_FORM,
}
"""Each page route and the form its problems are said in."""
