#ifndef CALLUP_CGLPK_SHIM_H
#define CALLUP_CGLPK_SHIM_H
#include <glpk.h>
#endif
