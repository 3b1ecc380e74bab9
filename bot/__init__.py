"""First-contact assistant: the project's own Python package."""
