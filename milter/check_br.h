/*
 * check_br.h: smimecheck's output of BR verdicts (internal to milter/).
 */
#ifndef SMX_CHECK_BR_H
#define SMX_CHECK_BR_H

#include <stdio.h>

#include "milter/jsonw.h"
#include "policy/br_rules.h"

/* The members type, generation, reason, findings of a verdict (the caller
 * writes the result under its own key). */
void check_br_members(struct jsonw *w, const struct br_verdict *b);
/* "br=fail type=mailbox generation=strict: e_x, w_y" and one line per finding. */
void check_br_text(FILE *fp, const char *indent, const struct br_verdict *b);

#endif
