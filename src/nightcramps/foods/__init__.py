"""The food-composition database (USDA FNDDS and SR28), food search and free-text lookup."""
