"""Privacy: retention of conversations and what is kept about them."""
