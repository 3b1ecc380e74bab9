"""QR posters: unguessable codes that carry only a region and a language hint."""
