#ifndef DUTYCHECK_CLIBYAML_SHIM_H
#define DUTYCHECK_CLIBYAML_SHIM_H
#include <yaml.h>
#endif
