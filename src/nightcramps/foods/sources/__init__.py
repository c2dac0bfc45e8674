"""Readers of food-composition sources. Pure: bytes in, records out; no database here."""
