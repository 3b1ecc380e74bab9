"""Rasa action server: one module per topic, Action classes only."""
