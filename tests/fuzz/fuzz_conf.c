/*
 * fuzz_conf - libFuzzer harness for the configuration loader (conf/conf.c)
 *
 * libconfig reads from a path, so each input is written to a file of
 * this process and loaded; an error message must name the file.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf/conf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	char err[1024];
	struct conf *c;
	FILE *fp;

	if (path[0] == '\0')
		snprintf(path, sizeof(path), "/tmp/fuzz_conf.%ld.conf", (long)getpid());
	if ((fp = fopen(path, "wb")) == NULL)
		return 0;
	fwrite(data, 1, size, fp);
	fclose(fp);
	err[0] = '\0';
	if ((c = conf_load(path, err, sizeof(err))) != NULL)
		conf_unref(c);
	else if (strstr(err, path) == NULL && strstr(err, "memory") == NULL)
		abort();	/* an error must say which file */
	return 0;
}
