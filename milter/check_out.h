/*
 * check_out.h: smimecheck's two output forms of one verification record.
 */
#ifndef SMX_CHECK_OUT_H
#define SMX_CHECK_OUT_H

#include <stdio.h>

#include "policy/br_rules.h"
#include "milter/msgctx.h"
#include "policy/verdict.h"

/* One JSON object on one line (the contract of DESIGN.md). */
void check_out_json(FILE *fp, const char *input, const struct verdict *v);
/* A few lines for people, ending with what the milter would do: the
 * headers it would delete and add, its reply. */
void check_out_text(FILE *fp, const char *input, const struct msg_result *mr);

/* smimecheck --cert: one certificate's BR verdict. */
void check_out_cert_json(FILE *fp, const char *input, const struct br_verdict *b);
void check_out_cert_text(FILE *fp, const char *input, const struct br_verdict *b);

/* smimecheck --list-rules: the rules table. */
void check_out_rules(FILE *fp, int json);

#endif
