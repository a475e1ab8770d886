"""USDA SR28 / SR Legacy: read a release directory and store it in the local database."""
