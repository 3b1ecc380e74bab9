"""Storage: the conversation tracker store and (later) the project's own tables."""
