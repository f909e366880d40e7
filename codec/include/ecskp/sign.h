/* ecskp/sign.h - signing (not yet built). */
#ifndef ECSKP_SIGN_H
#define ECSKP_SIGN_H
#include "ecskp/encode.h"
#endif
