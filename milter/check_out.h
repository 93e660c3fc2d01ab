/*
 * check_out.h: smimecheck's two output forms of one verification record.
 */
#ifndef SMX_CHECK_OUT_H
#define SMX_CHECK_OUT_H

#include <stdio.h>

#include "policy/decide.h"
#include "smime/report.h"

/* One JSON object on one line (the contract of DESIGN.md). */
void check_out_json(FILE *fp, const char *input, const struct smx_report *r,
    enum decide_action act);
/* A few lines for people. */
void check_out_text(FILE *fp, const char *input, const struct smx_report *r,
    enum decide_action act);

#endif
