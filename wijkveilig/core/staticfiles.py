"""django.contrib.staticfiles with one file left out of collectstatic."""

from django.contrib.staticfiles.apps import StaticFilesConfig as BaseStaticFilesConfig


class StaticFilesConfig(BaseStaticFilesConfig):
    """collectstatic skips the design tokens' background-image-icon.css: it points at an image the npm package does
    not ship, which stops the hashed (manifest) storage; no page uses that file."""

    ignore_patterns = [*BaseStaticFilesConfig.ignore_patterns, "background-image-icon.css"]
