"""Reading progress: per user and article, the last position and the sections read."""
