#include <sqlite3.h>

// SQLITE_TRANSIENT is a cast macro that Swift cannot import: it tells SQLite to copy a bound
// value before the call returns.
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }

// SQLite counts every allocation under one process-wide mutex unless told not to; readers on
// several event loops then contend for it on every query. Must run before SQLite initializes
// (it returns SQLITE_MISUSE, and changes nothing, after).
static inline int csqlite_disable_memory_statistics(void) { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }
