"""Notes on people: the example third-party plugin."""
