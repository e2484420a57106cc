/* SPDX-License-Identifier: Apache-2.0 */
/* gen_initramfs: packs an initramfs (cpio newc) from CONFIG_INITRAMFS_SOURCE
 * style sources: directories and gen_init_cpio list files, in order, each
 * argument possibly holding several separated by spaces. The build
 * (user/CMakeLists.txt) runs it; so can anyone:
 *   gen_initramfs -o initramfs.cpio [-d DEPFILE] [-t MTIME] SOURCE...
 * Same inputs, same bytes: entries are sorted, owners are root and every
 * mtime is MTIME (0 unless given). */
#include "pack.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct gen_options {
	const char *output;  /* NULL: standard output */
	const char *depfile;
	uint32_t mtime;
};

static int gen_usage(void)
{
	fprintf(stderr, "usage: gen_initramfs [-o OUTPUT] [-d DEPFILE] [-t MTIME] SOURCE...\n"
			"  SOURCE: a directory (packed recursively) or a cpio list file\n"
			"          (gen_init_cpio format); one argument may hold several, space-separated\n");
	return 2;
}

/* Every word of every argument, packed in order. */
static int gen_pack_sources(struct cpio_writer *w, struct pack_deps *deps, int argc, char **argv)
{
	int err = 0;

	for (int i = 0; !err && i < argc; i++) {
		char *save = NULL;

		for (char *src = strtok_r(argv[i], " \t\n", &save); !err && src;
		     src = strtok_r(NULL, " \t\n", &save)) {
			struct stat st;

			if (stat(src, &st) < 0) {
				fprintf(stderr, "gen_initramfs: source %s: %s\n", src, strerror(errno));
				return -errno;
			}
			err = S_ISDIR(st.st_mode) ? pack_directory(w, deps, src) : pack_list_file(w, deps, src);
		}
	}
	return err ? err : cpio_write_trailer(w);
}

/* Writes the archive to a temporary file renamed over the output only when
 * complete, so a failed run never leaves a half archive behind. */
static int gen_run(const struct gen_options *opt, int argc, char **argv)
{
	struct pack_deps deps = { 0 };
	struct cpio_writer w;
	char tmp[4096];
	FILE *out = stdout;
	int err;

	if (opt->output) {
		snprintf(tmp, sizeof(tmp), "%s.tmp", opt->output);
		out = fopen(tmp, "wb");
		if (!out) {
			fprintf(stderr, "gen_initramfs: %s: %s\n", tmp, strerror(errno));
			return 1;
		}
	}
	cpio_writer_init(&w, out, opt->output ? opt->output : "<stdout>", opt->mtime);
	err = gen_pack_sources(&w, &deps, argc, argv);
	if (fflush(out) && !err)
		err = -EIO;
	if (opt->output) {
		if (fclose(out) && !err)
			err = -EIO;
		if (!err && rename(tmp, opt->output) < 0)
			err = -errno;
		if (err)
			unlink(tmp);
	}
	if (!err && opt->depfile)
		err = pack_deps_write(&deps, opt->depfile, opt->output ? opt->output : "-");
	pack_deps_free(&deps);
	return err ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct gen_options opt = { 0 };
	char *end;
	int c;

	while ((c = getopt(argc, argv, "o:d:t:h")) != -1) {
		switch (c) {
		case 'o':
			opt.output = optarg;
			break;
		case 'd':
			opt.depfile = optarg;
			break;
		case 't':
			errno = 0;
			unsigned long t = strtoul(optarg, &end, 10);
			if (*end || !*optarg || errno || t > UINT32_MAX)
				return gen_usage();
			opt.mtime = (uint32_t)t;
			break;
		default:
			return gen_usage();
		}
	}
	if (optind == argc)
		return gen_usage();
	return gen_run(&opt, argc - optind, argv + optind);
}
