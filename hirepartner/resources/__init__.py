"""Assets (icons) loaded through hirepartner.ui.icons; importlib.resources finds them."""
