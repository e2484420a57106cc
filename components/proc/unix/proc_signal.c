/* SPDX-License-Identifier: Apache-2.0 */
/*
 * rt_sigaction, as far as Tessera has signals: a process may keep a
 * signal's default action or ignore it, and asks get the truth back. The
 * kernel raises only the signals of faults and SIGPIPE, acting as their
 * default says unless ignored. Installing a handler needs signal delivery
 * (frames on the user stack, rt_sigreturn: issue #5), so it is refused with
 * -ENOSYS rather than accepted and never run. Ignoring SIGCHLD would mean
 * children reaped without wait4, which is not done either, so it too is
 * -ENOSYS. Ignored signals stay ignored across execve and fork, as on Linux.
 */
#include <tessera/kprintf.h>
#include <tessera/uaccess.h>

#include "proc.h"

#define PROC_SIG_DFL 0
#define PROC_SIG_IGN 1
#define PROC_NSIG 64

bool proc_ignores(const struct proc *p, int signo)
{
	return signo >= 1 && signo <= PROC_NSIG && (p->sig_ignored >> (signo - 1) & 1);
}

static int proc_sigaction_check(signal_number_t sig, const struct k_sigaction *act)
{
	if (act->sa_handler != PROC_SIG_DFL && act->sa_handler != PROC_SIG_IGN) {
		kprintf("proc: rt_sigaction(%d) with a handler: signal delivery is not implemented, -ENOSYS\n",
			sig);
		return -ENOSYS;
	}
	if (act->sa_handler == PROC_SIG_IGN && sig == PROC_SIGCHLD)
		return -ENOSYS;
	return 0;
}

long proc_sys_rt_sigaction(signal_number_t sig, const struct k_sigaction __user *act,
			   struct k_sigaction __user *oact, size_t sigsetsize)
{
	struct proc *p = proc_current();
	struct k_sigaction new, old = { 0 };
	int err;

	if (sigsetsize != 8 || sig < 1 || sig > PROC_NSIG || !p)
		return -EINVAL;
	if (act) {
		if (copy_from_user(&new, act, sizeof(new)))
			return -EFAULT;
		if (sig == SIGKILL || sig == SIGSTOP)
			return -EINVAL;
		if ((err = proc_sigaction_check(sig, &new)))
			return err;
	}
	old.sa_handler = proc_ignores(p, sig) ? PROC_SIG_IGN : PROC_SIG_DFL;
	if (oact && copy_to_user(oact, &old, sizeof(old)))
		return -EFAULT;
	if (act) {
		uint64_t bit = 1ull << (sig - 1);

		p->sig_ignored = new.sa_handler == PROC_SIG_IGN ? p->sig_ignored | bit : p->sig_ignored & ~bit;
	}
	return 0;
}
