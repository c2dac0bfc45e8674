"""Intake logging (food, drink, supplements), reference-intake targets and the day view."""
