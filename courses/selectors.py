"""Read-side of the learning domain."""


def catalogue_context(*, request, index):
    return {}
