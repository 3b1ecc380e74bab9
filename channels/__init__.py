"""Channels through which people reach the assistant (Telegram; the web widget to come)."""
