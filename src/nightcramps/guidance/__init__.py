"""Guidance you can trust: a graded, cited knowledge base of causes and remedies, red-flag
screening that sends people to a doctor, the guided bedtime stretching routine and the cramp-now
screen."""
