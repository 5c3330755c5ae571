// Storage: SQLite through GRDB.
