"""ecom-trainer: offline lessons that teach older farmers to sell online."""

__version__ = "0.1.0"
