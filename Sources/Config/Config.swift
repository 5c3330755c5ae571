// Configuration and catalogue files.
