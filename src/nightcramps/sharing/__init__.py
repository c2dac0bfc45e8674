"""Share with a clinician or caregiver: time-limited, read-only, revocable links to the report
and, when chosen, the diary (docs/sharing.md)."""
