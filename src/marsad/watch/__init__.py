"""Live monitoring: poll feeds and article URLs, analyze what is new, store it."""
