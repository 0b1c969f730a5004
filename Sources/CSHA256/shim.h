#ifndef DUTYCHECK_CSHA256_SHIM_H
#define DUTYCHECK_CSHA256_SHIM_H
#include <openssl/evp.h>
#endif
