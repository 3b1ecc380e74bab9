"""NLU components: language identification and tokenisation."""
