"""Site: the built pages around the generated ones (mkdocs shells, stamping, includes, headers, sitemap,
record files) and the development server. The build plan that runs them is `generator.build`."""


class BuildError(Exception):
    """A stage of the build failed; the previous output is untouched."""
