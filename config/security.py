"""Pieces of the security settings that are computed from other settings."""

from urllib.parse import urlsplit


def tile_sources(tile_url, subdomains):
    """The origins the map loads tiles from, for the CSP's img-src: MAP_TILE_URL's scheme and host, with {s}
    replaced by each of MAP_TILE_SUBDOMAINS (t{s}.tianditu.gov.cn → t0…t7.tianditu.gov.cn). None without tiles."""
    if not tile_url:
        return []
    parts = urlsplit(tile_url.replace("{s}", "__s__"))
    origin = f"{parts.scheme}://{parts.netloc}"
    if "__s__" not in origin:
        return [origin]
    return [origin.replace("__s__", letter) for letter in subdomains]
