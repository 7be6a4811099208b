"""Training catalogue, internal trainers, learning hours (JP), recommendations and development plans."""
