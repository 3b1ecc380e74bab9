"""Resilience: what reaches Rasa from outside, and a reply when a part of the assistant is down."""
