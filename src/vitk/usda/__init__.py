"""USDA SR28 / SR Legacy: read a release directory and store it in the local database."""

#: vitk food ids of USDA foods are this prefix and the NDB number (``usda:01009``).
PREFIX = "usda:"
