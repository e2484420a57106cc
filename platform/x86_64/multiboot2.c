/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reading the Multiboot2 boot information (GRUB's multiboot2 command): the
 * memory map, the command line and the first module. Called by boot_info.c.
 */
#include <stdint.h>

#include <tessera/panic.h>

#include "boot_loader.h"

#define MB2_TAG_END 0
#define MB2_TAG_CMDLINE 1
#define MB2_TAG_MODULE 3
#define MB2_TAG_MMAP 6
#define MB2_MEMORY_AVAILABLE 1

struct mb2_tag {
	uint32_t type;
	uint32_t size; /* of this tag; the next starts 8-byte aligned */
};

struct mb2_tag_module {
	struct mb2_tag tag;
	uint32_t mod_start;
	uint32_t mod_end;
	/* then the module's command line */
};

struct mb2_tag_mmap {
	struct mb2_tag tag;
	uint32_t entry_size;
	uint32_t entry_version;
	/* then the entries */
};

struct mb2_mmap_entry {
	uint64_t base;
	uint64_t length;
	uint32_t type;
	uint32_t reserved;
};

static void mb2_parse_mmap(const struct mb2_tag_mmap *t, struct boot_loader_info *out)
{
	const uint8_t *p = (const uint8_t *)(t + 1);
	const uint8_t *end = (const uint8_t *)t + t->tag.size;

	if (t->entry_size < sizeof(struct mb2_mmap_entry))
		panic("multiboot2: memory map entries of %u bytes are too small", t->entry_size);
	for (; p + t->entry_size <= end; p += t->entry_size) {
		const struct mb2_mmap_entry *e = (const struct mb2_mmap_entry *)p;

		if (e->type == MB2_MEMORY_AVAILABLE)
			boot_loader_add_ram(out, e->base, e->length);
	}
}

static void mb2_parse_tag(const struct mb2_tag *tag, struct boot_loader_info *out)
{
	const struct mb2_tag_module *mod;

	switch (tag->type) {
	case MB2_TAG_CMDLINE:
		out->cmdline = (const char *)(tag + 1);
		break;
	case MB2_TAG_MODULE:
		mod = (const struct mb2_tag_module *)tag;
		if (out->initrd_size == 0 && mod->mod_end > mod->mod_start) {
			out->initrd_phys = mod->mod_start;
			out->initrd_size = mod->mod_end - mod->mod_start;
		}
		break;
	case MB2_TAG_MMAP:
		mb2_parse_mmap((const struct mb2_tag_mmap *)tag, out);
		break;
	default:
		break;
	}
}

void boot_parse_multiboot2(uint64_t info_phys, struct boot_loader_info *out)
{
	const uint32_t *header = boot_loader_map(info_phys, 8);
	uint32_t total = header[0];
	const uint8_t *base = boot_loader_map(info_phys, total);
	uint32_t off = 8;

	out->loader = "multiboot2";
	while (off + sizeof(struct mb2_tag) <= total) {
		const struct mb2_tag *tag = (const struct mb2_tag *)(base + off);

		if (tag->type == MB2_TAG_END || tag->size < sizeof(*tag) || tag->size > total - off)
			break;
		mb2_parse_tag(tag, out);
		off += (tag->size + 7) & ~7u;
	}
	if (out->nr_ram == 0)
		panic("multiboot2: the boot information has no memory map");
}
