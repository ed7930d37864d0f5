"""The command-line interface. Each command lives in its own module with a ``register(app)``."""
