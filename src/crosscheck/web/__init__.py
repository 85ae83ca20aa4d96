"""Web UI and REST API over the corpus store (``crosscheck serve``)."""
