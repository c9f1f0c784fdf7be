"""Single source of the package version (read by hatchling and by ``yozuv --version``)."""

__version__ = "0.1.0"
