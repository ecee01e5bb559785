"""Places stage: the gazetteer and the geoparser."""

from eventfold.places.gazetteer import Gazetteer, Place, default_path, load_gazetteer

__all__ = ["Gazetteer", "Place", "default_path", "load_gazetteer"]
