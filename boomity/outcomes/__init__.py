"""Staff pages about outcomes: figures that read several apps, so they live above them."""
