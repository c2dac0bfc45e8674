"""FHIR R4 export: a diary as one Bundle for clinical systems (docs/fhir.md)."""
