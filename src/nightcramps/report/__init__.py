"""The clinician report: a one-page summary of a period of the diary, as HTML and PDF."""
