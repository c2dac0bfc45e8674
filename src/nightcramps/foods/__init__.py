"""The food-composition database (USDA SR24), food search and free-text food lookup."""
