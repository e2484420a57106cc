/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The terminals: /dev/console (5:1) and /dev/tty (5:0, the console until
 * there are sessions). Writes go to every registered console; a read
 * polls the consoles that can read, sleeping a tick between polls, until
 * bytes arrive (or at once with O_NONBLOCK). The ioctls C libraries use
 * to tell a terminal (TCGETS, TIOCGWINSZ) answer as a plain 80x25 one.
 */
#include <tessera/string.h>

#include <tessera/irq.h>
#include <tessera/uaccess.h>

#include "devfs.h"

#define DEVFS_TTY_POLL_NS 10000000ull /* 10 ms: typing feels immediate */
#define DEVFS_TTY_CHUNK 256 /* bytes written with interrupts off at a time */

/* The console interface's methods run with interrupts disabled (they are
 * also the kernel log's and panic's); a big write goes a chunk at a time
 * so interrupts are not held off for long. */
static long devfs_console_write(struct console_dev *c, const uint8_t *buf, size_t len)
{
	for (size_t done = 0; done < len; done += DEVFS_TTY_CHUNK) {
		size_t n = len - done < DEVFS_TTY_CHUNK ? len - done : DEVFS_TTY_CHUNK;
		unsigned long flags = irq_save();
		long r = console_write(c, buf + done, n);

		irq_restore(flags);
		if (r < 0)
			return r;
	}
	return (long)len;
}

static long devfs_console_read(struct console_dev *c, uint8_t *buf, size_t len)
{
	unsigned long flags = irq_save();
	long r = console_read(c, buf, len);

	irq_restore(flags);
	return r;
}

static long devfs_tty_write(void *priv, uint32_t minor, const uint8_t *buf, size_t len, int32_t flags)
{
	long err = 0;

	(void)priv;
	(void)minor;
	(void)flags;
	for (struct console_dev *c = console_dev_first(); c; c = console_dev_next(c)) {
		long n = devfs_console_write(c, buf, len);

		if (n < 0)
			err = n;
	}
	return err < 0 ? err : (long)len;
}

static long devfs_tty_poll(uint8_t *buf, size_t len)
{
	for (struct console_dev *c = console_dev_first(); c; c = console_dev_next(c)) {
		long n = devfs_console_read(c, buf, len);

		if (n > 0)
			return n;
	}
	return -EAGAIN;
}

static long devfs_tty_read(void *priv, uint32_t minor, uint8_t *buf, size_t len, int32_t flags)
{
	long n;

	(void)priv;
	(void)minor;
	if (len == 0)
		return 0;
	while ((n = devfs_tty_poll(buf, len)) == -EAGAIN && !(flags & O_NONBLOCK))
		thread_sleep_ns(DEVFS_TTY_POLL_NS);
	return n;
}

static const struct chardev_ops devfs_tty_ops = { .read = devfs_tty_read, .write = devfs_tty_write };

int devfs_add_terminals(void)
{
	int err = devfs_register("tty", 5, 0, 0666, &devfs_tty_ops);

	return err ? err : devfs_register("console", 5, 1, 0600, &devfs_tty_ops);
}

int32_t devfs_tty_ioctl(uint32_t cmd, uint64_t arg)
{
	struct winsize ws = { .ws_row = 25, .ws_col = 80 };
	struct termios tio;

	switch (cmd) {
	case TIOCGWINSZ:
		return copy_to_user((void __user *)(uintptr_t)arg, &ws, sizeof(ws)) ? -EFAULT : 0;
	case TCGETS:
		memset(&tio, 0, sizeof(tio));
		tio.c_iflag = 0x500; /* ICRNL | IXON */
		tio.c_oflag = 0x5; /* OPOST | ONLCR */
		tio.c_cflag = 0xbf; /* B38400 | CS8 | CREAD */
		tio.c_lflag = 0x8a3b; /* ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN */
		return copy_to_user((void __user *)(uintptr_t)arg, &tio, sizeof(tio)) ? -EFAULT : 0;
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
	case TIOCSWINSZ:
		return 0; /* accepted; the console has no line discipline to change yet */
	default:
		return -ENOTTY;
	}
}
