"""The night diary: nights, cramps, and the absence of cramps."""
