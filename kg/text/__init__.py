"""Vietnamese text handling shared by ingest and the query side."""
