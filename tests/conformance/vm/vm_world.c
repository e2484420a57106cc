/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The vm suite's shared tools (vm_world.h): spaces made current for the
 * calling thread, syscalls, byte accesses through the simulated MMU.
 */
#include "vm_world.h"

#include <string.h>

struct vm_space *world_space(struct ktap *t)
{
	struct vm_space *space = NULL;

	if (!ktap_expect(t, vm_space_create(&space) == 0 && space, "space_create"))
		return NULL;
	world_switch(space);
	return space;
}

void world_switch(struct vm_space *space)
{
	thread_ctx(NULL)->mm = space;
	if (space)
		vm_activate(space);
}

void world_space_done(struct vm_space *space)
{
	if (thread_ctx(NULL)->mm == space)
		thread_ctx(NULL)->mm = NULL;
	vm_space_put(space);
}

bool world_poke(vaddr_t va, uint8_t value)
{
	uint8_t back = 0;

	return host_user_write(va, value) == 0 && host_user_read(va, &back) == 0 && back == value;
}

int world_peek(vaddr_t va)
{
	uint8_t value;
	int err = host_user_read(va, &value);

	return err ? err : value;
}

const char *world_maps(struct vm_space *space)
{
	static char text[4096];
	long n = vm_show_maps(space, (uint8_t *)text, sizeof(text) - 1);

	text[n < 0 ? 0 : n] = '\0';
	return text;
}

unsigned world_maps_lines(struct vm_space *space)
{
	unsigned n = 0;

	for (const char *p = world_maps(space); *p; p++)
		n += *p == '\n';
	return n;
}
