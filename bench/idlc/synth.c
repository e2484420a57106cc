/* SPDX-License-Identifier: Apache-2.0 */
/*
 * `synth N OUTDIR`: writes a synthetic but valid Tessera spec with N
 * interfaces and N components (plus a .config selecting all of them) for the
 * idlc benchmark. Built and run by bench/idlc/run.sh; needs only a C compiler.
 *
 * Layout: OUTDIR/idl/errno.idl, OUTDIR/idl/f<k>.idl (SYNTH_PER_FILE interfaces
 * each, with their types and, in the first 1024, a syscall), one
 * OUTDIR/components/c<i>/component.idl per component, and OUTDIR/.config.
 * Component c<i> provides interface svc<i> and requires a few earlier
 * singletons, so the init order and graph checks have real work.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Interfaces per IDL file: keeps the file count sane at 100k interfaces. */
#define SYNTH_PER_FILE 10
/* Syscall numbers are 0..1023, so only the first files declare one. */
#define SYNTH_MAX_SYSCALLS 1024
/* Every SYNTH_MULTI_EVERY-th interface is a multi interface. */
#define SYNTH_MULTI_EVERY 4

struct synth {
	const char *outdir;
	long n; /* interfaces, and components */
	long nfiles; /* f<k>.idl files */
};

static bool synth_is_multi(long i)
{
	return i % SYNTH_MULTI_EVERY == SYNTH_MULTI_EVERY - 1;
}

/* File k declares syscall number k; c<k * SYNTH_PER_FILE> implements it. */
static bool synth_has_syscall(long k)
{
	return k < SYNTH_MAX_SYSCALLS;
}

static int synth_mkdir(const char *path)
{
	if (mkdir(path, 0777) < 0 && errno != EEXIST) {
		int err = -errno;

		fprintf(stderr, "synth: %s: %s\n", path, strerror(errno));
		return err;
	}
	return 0;
}

static FILE *synth_open(const char *path)
{
	FILE *f = fopen(path, "w");

	if (!f)
		fprintf(stderr, "synth: %s: %s\n", path, strerror(errno));
	return f;
}

/* Closes f and reports any write error that happened on it. */
static int synth_close(FILE *f, const char *path)
{
	int bad = ferror(f);

	if (fclose(f) != 0 || bad) {
		fprintf(stderr, "synth: %s: write error\n", path);
		return -EIO;
	}
	return 0;
}

static int synth_errno_file(const struct synth *sy)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/idl/errno.idl", sy->outdir);
	f = synth_open(path);
	if (!f)
		return -errno;
	fputs("// SPDX-License-Identifier: Apache-2.0\n"
	      "// Error numbers used by the synthetic interfaces.\n\n"
	      "/// No such file or directory.\nerror ENOENT = 2;\n"
	      "/// Out of memory.\nerror ENOMEM = 12;\n"
	      "/// Device or resource busy.\nerror EBUSY = 16;\n"
	      "/// Invalid argument.\nerror EINVAL = 22;\n"
	      "/// What a left-out @optional method returns.\nerror EOPNOTSUPP = 95;\n",
	      f);
	return synth_close(f, path);
}

/* The types of file k: a const, an enum, flags, a typedef, a handle, a struct. */
static void synth_types(FILE *f, long k)
{
	fprintf(f, "/// Largest request of group %ld, in bytes.\n", k);
	fprintf(f, "const F%ld_MAX: u32 = 4096 + %ld;\n\n", k, k % 100);
	fprintf(f, "/// Operating modes of group %ld.\n", k);
	fprintf(f, "enum f%ld_mode: u32 {\n", k);
	fprintf(f, "\tF%ld_MODE_IDLE = 0,\n\tF%ld_MODE_BUSY,\n\tF%ld_MODE_FAST = 0x10,\n}\n\n", k, k, k);
	fprintf(f, "/// Options of group %ld.\n", k);
	fprintf(f, "flags f%ld_opt: u32 {\n", k);
	fprintf(f, "\tF%ld_OPT_READ = 1,\n\tF%ld_OPT_WRITE = 2,\n", k, k);
	fprintf(f, "\tF%ld_OPT_SYNC = 1 << 2,\n}\n\n", k);
	fprintf(f, "/// Object identifiers of group %ld.\ntypedef f%ld_id = u64;\n\n", k, k);
	fprintf(f, "/// An object of group %ld.\nhandle f%ld_obj;\n\n", k, k);
	fprintf(f, "/// Counters of group %ld.\nstruct f%ld_stats {\n", k, k);
	fprintf(f, "\t/// Calls made.\n\t@hex\n\tcalls: u64;\n");
	fprintf(f, "\t/// Current mode.\n\tmode: f%ld_mode;\n", k);
	fprintf(f, "\t/// Recent request sizes.\n\tsizes: [u32; 8];\n");
	fprintf(f, "\t/// Last object used.\n\tlast: *mut f%ld_obj;\n}\n\n", k);
}

/* Methods covering value, pointer, buffer and string parameters, returns,
 * raises and the @hot / @optional attributes. prev: the group whose stats
 * type comes from an imported file (k itself for the first file). */
static void synth_methods(FILE *f, long k, long prev)
{
	fprintf(f, "\t/// Read the counters of an object.\n\t@hot\n");
	fprintf(f, "\tfn get(id: f%ld_id, out st: *mut f%ld_stats) raises(EINVAL);\n", k, k);
	fprintf(f, "\t/// Change an object's mode.\n");
	fprintf(f, "\tfn set(inout obj: *mut f%ld_obj, mode: f%ld_mode, opts: f%ld_opt);\n", k, k, k);
	fprintf(f, "\t/// Write bytes; returns how many were taken.\n");
	fprintf(f, "\tfn write(in data: buffer<u8>, in name: string) -> isize raises(ENOMEM, EINVAL);\n");
	fprintf(f, "\t/// Merge the counters of a neighbouring group.\n\t@optional\n");
	fprintf(f, "\tfn merge(in other: *const f%ld_stats) raises(EBUSY);\n", prev);
	fprintf(f, "\t/// Number of live objects.\n\tfn count() -> u32;\n");
}

static void synth_interface(FILE *f, long i, long k, long prev)
{
	fprintf(f, "/// Synthetic service %ld.\n///\n", i);
	fprintf(f, "/// Part of group %ld; benchmark input only.\n", k);
	if (synth_is_multi(i))
		fprintf(f, "multi interface svc%ld {\n", i);
	else if (i % 2 == 0)
		fprintf(f, "singleton interface svc%ld default c%ld {\n", i, i);
	else
		fprintf(f, "singleton interface svc%ld {\n", i);
	synth_methods(f, k, prev);
	fputs("}\n\n", f);
}

static void synth_syscall(FILE *f, long k)
{
	fprintf(f, "/// Call into group %ld.\n", k);
	fprintf(f, "syscall %ld f%ld_call(in path: string, out buf: buffer<u8>, @hex flags: u32)", k, k);
	fputs(" -> isize raises(EINVAL, ENOENT);\n", f);
}

static int synth_idl_file(const struct synth *sy, long k)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/idl/f%ld.idl", sy->outdir, k);
	f = synth_open(path);
	if (!f)
		return -errno;
	fprintf(f, "// SPDX-License-Identifier: Apache-2.0\n// Synthetic group %ld.\n", k);
	fputs("import \"errno.idl\";\n", f);
	if (k > 0)
		fprintf(f, "import \"f%ld.idl\";\n", k - 1);
	fputc('\n', f);
	synth_types(f, k);
	for (long i = k * SYNTH_PER_FILE; i < (k + 1) * SYNTH_PER_FILE && i < sy->n; i++)
		synth_interface(f, i, k, k > 0 ? k - 1 : k);
	if (synth_has_syscall(k))
		synth_syscall(f, k);
	return synth_close(f, path);
}

/* The nearest singleton at or below j: requiring a multi interface would
 * say little about init order. */
static long synth_singleton_at(long j)
{
	return synth_is_multi(j) ? j - 1 : j;
}

/* Up to three distinct earlier singletons, the last one optional. */
static void synth_requires(FILE *f, long i)
{
	long want[3] = { i - 1, i / 2, i / 3 };
	long seen[3];
	int n = 0;

	for (int w = 0; w < 3; w++) {
		long j = want[w] >= 0 ? synth_singleton_at(want[w]) : -1;
		bool dup = j < 0 || j >= i;

		for (int s = 0; s < n && !dup; s++)
			dup = seen[s] == j;
		if (dup)
			continue;
		seen[n++] = j;
		fprintf(f, "\trequires %ssvc%ld;\n", w == 2 ? "optional " : "", j);
	}
}

static void synth_provides(FILE *f, long i)
{
	fprintf(f, "\tprovides svc%ld {\n", i);
	fprintf(f, "\t\tget = c%ld_get;\n\t\tset = c%ld_set;\n\t\twrite = c%ld_write;\n", i, i, i);
	if (i % 2 == 0)
		fprintf(f, "\t\tmerge = c%ld_merge;\n", i);
	fprintf(f, "\t\tcount = c%ld_count;\n\t}\n", i);
}

static void synth_tunables(FILE *f, long i)
{
	fputs("\t/// Requests queued before callers wait.\n", f);
	fprintf(f, "\ttunable depth: u32 = %ld range(1, 64);\n", 1 + i % 32);
	fputs("\t/// Log every request.\n\ttunable verbose: bool = false;\n", f);
	fprintf(f, "\t/// Name shown in logs.\n\ttunable tag: string = \"c%ld\";\n", i);
}

static int synth_component(const struct synth *sy, long i)
{
	char path[4096];
	FILE *f;
	int err;

	snprintf(path, sizeof(path), "%s/components/c%ld", sy->outdir, i);
	err = synth_mkdir(path);
	if (err)
		return err;
	snprintf(path, sizeof(path), "%s/components/c%ld/component.idl", sy->outdir, i);
	f = synth_open(path);
	if (!f)
		return -errno;
	fprintf(f, "// SPDX-License-Identifier: Apache-2.0\n\n");
	fprintf(f, "/// Synthetic component %ld.\n///\n/// Provides `svc%ld`.\n", i, i);
	fprintf(f, "component c%ld {\n", i);
	fprintf(f, "\tversion = \"1.%ld.0\";\n\tlicense = \"Apache-2.0\";\n", i % 10);
	fprintf(f, "\tconfig = C%ld;\n\tinit = c%ld_init;\n", i, i);
	synth_provides(f, i);
	synth_requires(f, i);
	if (i % SYNTH_PER_FILE == 0 && synth_has_syscall(i / SYNTH_PER_FILE))
		fprintf(f, "\tsyscall f%ld_call = c%ld_call;\n", i / SYNTH_PER_FILE, i);
	synth_tunables(f, i);
	fputs("}\n", f);
	return synth_close(f, path);
}

/* Selects every component; every third one overrides a tunable default. */
static int synth_config(const struct synth *sy)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/.config", sy->outdir);
	f = synth_open(path);
	if (!f)
		return -errno;
	fputs("# Synthetic configuration: every component selected.\n", f);
	for (long i = 0; i < sy->n; i++) {
		fprintf(f, "CONFIG_C%ld=y\n", i);
		if (i % 3 == 0)
			fprintf(f, "CONFIG_C%ld_DEPTH=%ld\n", i, 1 + (i + 7) % 64);
	}
	return synth_close(f, path);
}

static int synth_dirs(const struct synth *sy)
{
	char path[4096];
	int err = synth_mkdir(sy->outdir);

	if (err)
		return err;
	snprintf(path, sizeof(path), "%s/idl", sy->outdir);
	err = synth_mkdir(path);
	if (err)
		return err;
	snprintf(path, sizeof(path), "%s/components", sy->outdir);
	return synth_mkdir(path);
}

static int synth_run(const struct synth *sy)
{
	int err = synth_dirs(sy);

	if (!err)
		err = synth_errno_file(sy);
	for (long k = 0; k < sy->nfiles && !err; k++)
		err = synth_idl_file(sy, k);
	for (long i = 0; i < sy->n && !err; i++)
		err = synth_component(sy, i);
	if (!err)
		err = synth_config(sy);
	return err;
}

int main(int argc, char **argv)
{
	struct synth sy;
	char *end;

	if (argc != 3) {
		fputs("usage: synth N OUTDIR\n", stderr);
		return 2;
	}
	sy.n = strtol(argv[1], &end, 10);
	if (*end || sy.n < 1 || sy.n > 10000000) {
		fprintf(stderr, "synth: bad N '%s'\n", argv[1]);
		return 2;
	}
	sy.outdir = argv[2];
	sy.nfiles = (sy.n + SYNTH_PER_FILE - 1) / SYNTH_PER_FILE;
	return synth_run(&sy) ? 1 : 0;
}
