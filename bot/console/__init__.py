"""The workers' handover console: a small Sanic app that talks to Rasa only through its HTTP API."""
