/* cmd_split_part.h: 'eyeball split --eyeball N|auto' and 'split --renew N', the Eyeball
 * part of dev. */
#ifndef EYEBALL_CMD_SPLIT_PART_H
#define EYEBALL_CMD_SPLIT_PART_H

#include <stdint.h>
#include "cmd.h"

typedef struct split_part_req {
    long long eyeball; /* --eyeball N; 0 when not given */
    int eyeball_auto;  /* --eyeball auto */
    long long renew;   /* --renew N; 0 when not given */
    const char *model; /* --model NAME for auto; NULL: the newest */
    uint64_t seed;     /* --seed: of the id hash that ranks dev examples */
    int dry;           /* --dry-run */
} split_part_req_t;

/* Makes or renews the Eyeball part as r asks, prints what it did; returns the exit status. */
int cmd_split_part(cmd_ctx_t *ctx, const split_part_req_t *r);

#endif
