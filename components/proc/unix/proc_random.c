/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The 16 AT_RANDOM bytes execve gives each program (libcs seed their stack
 * protector and pointer guard from them). getrandom and /dev/urandom are
 * devfs's, which exposes no generator through an interface (idl/fs.idl),
 * so this layer keeps its own: xoshiro256** seeded from the TSC and
 * stirred with the cycle counter at every call. Not a cryptographic
 * generator; a platform entropy source should feed it once there is one.
 */
#include <tessera/clock.h>

#include "proc.h"

static struct spinlock proc_random_lock = SPINLOCK_INIT;
static uint64_t proc_random_state[4]; /* guarded by proc_random_lock */

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static uint64_t xoshiro_next(uint64_t *s)
{
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

void proc_random_bytes(void *buf, size_t len)
{
	uint8_t *out = buf;
	unsigned long flags = spin_lock_irqsave(&proc_random_lock);
	uint64_t seed = platform_cycles();

	if (!(proc_random_state[0] | proc_random_state[1] | proc_random_state[2] | proc_random_state[3]))
		for (int i = 0; i < 4; i++)
			proc_random_state[i] = splitmix64(&seed);
	proc_random_state[0] ^= seed;
	for (size_t i = 0; i < len; i += 8) {
		uint64_t r = xoshiro_next(proc_random_state);

		for (size_t j = 0; j < 8 && i + j < len; j++)
			out[i + j] = (uint8_t)(r >> (8 * j));
	}
	spin_unlock_irqrestore(&proc_random_lock, flags);
}
