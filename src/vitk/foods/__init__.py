"""Foods: the curated table, imported USDA foods, search and values by form."""
