"""Handing a conversation to a human: the queue, shifts, and what the person is told."""
