/*
 * callbacks.h: the filter description handed to smfi_register().
 */
#ifndef SMX_CALLBACKS_H
#define SMX_CALLBACKS_H

#include <libmilter/mfapi.h>

extern struct smfiDesc callbacks_desc;

/* Negotiate no replies before end of message (UNIX sockets only). */
void callbacks_set_noreply(int on);

#endif
