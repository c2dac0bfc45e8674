"""Imports from other apps: Apple Health, Cronometer, MyFitnessPal, Fitbit and Garmin."""
