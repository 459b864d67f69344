"""The intake world (a postcode table routing to the world's buurt) for the aggregate pages."""

from tests.intake.conftest import iworld  # noqa: F401  (a fixture)
