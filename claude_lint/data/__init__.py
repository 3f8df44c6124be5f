"""Facts about the API as data: the model catalog, API versions and endpoints."""
