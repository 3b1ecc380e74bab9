"""The one vocabulary of distress and coercion signals (signals.yml, copied from shared/)."""
