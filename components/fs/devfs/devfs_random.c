/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The kernel's random generator: ChaCha20 (RFC 8439's block function)
 * with fast key erasure. Each request runs the cipher from the current
 * key, hands out the keystream and replaces the key with keystream no one
 * saw, so the state never reveals earlier output. The key comes from
 * the clock (the TSC on x86_64) at init and is stirred with it again on
 * every request: unpredictable enough for hash seeds and AT_RANDOM, not a
 * source of cryptographic keys until the kernel gathers real entropy.
 * Serves /dev/random (1:8), /dev/urandom (1:9) and getrandom.
 */
#include <tessera/string.h>

#include <tessera/clock.h>
#include <tessera/uaccess.h>

#include "devfs.h"

#define DEVFS_GETRANDOM_MAX 33554431u /* Linux's cap per call: 32 MiB - 1 */

static struct kmutex devfs_random_lock; /* devfs_random_seed initialises it */
static uint32_t devfs_key[8]; /* guarded by devfs_random_lock */
static uint64_t devfs_nonce; /* one per request, guarded too */

static inline uint32_t devfs_rotl(uint32_t v, int n)
{
	return (v << n) | (v >> (32 - n));
}

#define DEVFS_QR(a, b, c, d)                                              \
	do {                                                              \
		a += b, d ^= a, d = devfs_rotl(d, 16);                    \
		c += d, b ^= c, b = devfs_rotl(b, 12);                    \
		a += b, d ^= a, d = devfs_rotl(d, 8);                     \
		c += d, b ^= c, b = devfs_rotl(b, 7);                     \
	} while (0)

/* One 64-byte ChaCha20 block of key, block counter and nonce. */
static void devfs_chacha_block(const uint32_t key[8], uint32_t counter, uint64_t nonce, uint32_t out[16])
{
	uint32_t s[16] = { 0x61707865, 0x3320646e, 0x79622d32, 0x6b206574, key[0], key[1], key[2], key[3],
			   key[4], key[5], key[6], key[7], counter, 0, (uint32_t)nonce, (uint32_t)(nonce >> 32) };
	uint32_t x[16];

	memcpy(x, s, sizeof(x));
	for (int i = 0; i < 10; i++) {
		DEVFS_QR(x[0], x[4], x[8], x[12]);
		DEVFS_QR(x[1], x[5], x[9], x[13]);
		DEVFS_QR(x[2], x[6], x[10], x[14]);
		DEVFS_QR(x[3], x[7], x[11], x[15]);
		DEVFS_QR(x[0], x[5], x[10], x[15]);
		DEVFS_QR(x[1], x[6], x[11], x[12]);
		DEVFS_QR(x[2], x[7], x[8], x[13]);
		DEVFS_QR(x[3], x[4], x[9], x[14]);
	}
	for (int i = 0; i < 16; i++)
		out[i] = x[i] + s[i];
}

void devfs_random_seed(void)
{
	uint64_t t = platform_clock_ns();

	mutex_init(&devfs_random_lock);
	for (int i = 0; i < 8; i++) {
		t = t * 6364136223846793005ull + 1442695040888963407ull + platform_clock_ns();
		devfs_key[i] ^= (uint32_t)(t >> 32);
	}
}

/* Up to 256 bytes: the chunk one locked step produces, so no caller
 * holds the generator long. */
static void devfs_random_chunk(uint8_t *buf, size_t len)
{
	uint32_t block[16];
	uint64_t nonce;
	uint32_t counter = 1;

	mutex_lock(&devfs_random_lock);
	nonce = ++devfs_nonce ^ (platform_clock_ns() << 20);
	for (size_t done = 0; done < len; done += sizeof(block)) {
		devfs_chacha_block(devfs_key, counter++, nonce, block);
		memcpy(buf + done, block, len - done < sizeof(block) ? len - done : sizeof(block));
	}
	devfs_chacha_block(devfs_key, 0, nonce, block); /* block 0 is never output: the next key */
	memcpy(devfs_key, block, sizeof(devfs_key));
	mutex_unlock(&devfs_random_lock);
	memset(block, 0, sizeof(block));
}

void devfs_random_fill(uint8_t *buf, size_t len)
{
	for (size_t done = 0; done < len; done += 256)
		devfs_random_chunk(buf + done, len - done < 256 ? len - done : 256);
}

static long devfs_random_read(void *priv, uint32_t minor, uint8_t *buf, size_t len, int32_t flags)
{
	(void)priv;
	(void)minor;
	(void)flags;
	devfs_random_fill(buf, len);
	return (long)len;
}

static long devfs_random_write(void *priv, uint32_t minor, const uint8_t *buf, size_t len, int32_t flags)
{
	(void)priv;
	(void)minor;
	(void)buf;
	(void)flags;
	return (long)len; /* accepted, as on Linux; not credited as entropy */
}

static const struct chardev_ops devfs_random_ops = { .read = devfs_random_read, .write = devfs_random_write };

int devfs_add_random_devices(void)
{
	int err = devfs_register("random", 1, 8, 0666, &devfs_random_ops);

	return err ? err : devfs_register("urandom", 1, 9, 0666, &devfs_random_ops);
}

long devfs_sys_getrandom(uint8_t __user *buf, size_t buf_len, getrandom_flags_t flags)
{
	uint8_t chunk[256];
	size_t done = 0;

	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((flags & GRND_INSECURE) && (flags & GRND_RANDOM))
		return -EINVAL;
	if (buf_len > DEVFS_GETRANDOM_MAX)
		buf_len = DEVFS_GETRANDOM_MAX;
	while (done < buf_len) {
		size_t n = buf_len - done < sizeof(chunk) ? buf_len - done : sizeof(chunk);

		devfs_random_chunk(chunk, n);
		if (copy_to_user(buf + done, chunk, n))
			return done ? (long)done : -EFAULT;
		done += n;
	}
	memset(chunk, 0, sizeof(chunk));
	return (long)done;
}
