"""The help directory: organisations, regions, and how to find them."""
