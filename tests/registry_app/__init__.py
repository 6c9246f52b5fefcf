"""A throw-away app installed by the test settings only: it proves that an app plugs into the
navigation, the URLs, the API and the work list from its own folder (core.registry)."""
