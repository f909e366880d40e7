/* ecskp/decode.h - decoding (not yet built). */
#ifndef ECSKP_DECODE_H
#define ECSKP_DECODE_H
#include "ecskp/encode.h"
#endif
