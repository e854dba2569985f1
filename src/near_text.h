/* near_text.h: the near-duplicate warnings status and report print, in the same words. */
#ifndef EYEBALL_NEAR_TEXT_H
#define EYEBALL_NEAR_TEXT_H

#include <jansson.h>
#include <stdio.h>
#include "store_near.h"

/* Writes the warning lines to f, each starting with prefix ("warning: ", "- "): groups
 * across train and dev/test/train-dev (leakage) and groups inside dev or test. Nothing
 * when no near scan has run or nothing is found. */
void near_text_warnings(FILE *f, const char *prefix, const near_summary_t *ns);

/* The summary as a JSON object (null when no near scan has run); caller owns it. */
json_t *near_text_json(const near_summary_t *ns);

#endif
