/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libFuzzer entry for idlc's front half: the input is split at lines "%%"
 * into an IDL file and up to three component manifests, loaded with a fixed
 * configuration, parsed and checked. Any crash, leak or UB is a bug.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "spec.h"

static const char fuzz_config[] = "CONFIG_PMM_BUDDY=y\nCONFIG_A=y\nCONFIG_B=y\nCONFIG_C=y\n"
				  "CONFIG_A_SIZE=12\n";

static void fuzz_load(struct spec *s, const uint8_t *data, size_t size)
{
	static const char *const names[] = { "idl/fuzz.idl", "components/a/component.idl",
					     "components/b/component.idl", "components/c/component.idl" };
	size_t start = 0;
	int part = 0;

	for (size_t i = 0; i <= size && part < 4; i++) {
		bool at_split = i + 4 <= size && memcmp(data + i, "\n%%\n", 4) == 0;

		if (i < size && !at_split)
			continue;
		spec_add_buffer(s, names[part], (const char *)data + start, i - start, part > 0);
		part++;
		start = i + 4;
		i += 3;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	static char config_path[64];

	if (!devnull) {
		devnull = fopen("/dev/null", "w");
		snprintf(config_path, sizeof(config_path), "/tmp/idlc-fuzz-%d.config", (int)getpid());
		FILE *f = fopen(config_path, "w");
		if (f) {
			fputs(fuzz_config, f);
			fclose(f);
		}
	}
	diag_set_output(devnull);
	diag_reset();
	struct spec *s = spec_new("/nonexistent-fuzz-root");
	fuzz_load(s, data, size);
	spec_load_imports(s);
	spec_read_config(s, config_path);
	spec_check(s);
	spec_free(s);
	return 0;
}
