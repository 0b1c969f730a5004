#ifndef DUTYCHECK_CSQLITE_SHIM_H
#define DUTYCHECK_CSQLITE_SHIM_H
#include <sqlite3.h>
#endif
