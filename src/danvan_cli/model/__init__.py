"""Problems and their messages in Vietnamese and English."""
