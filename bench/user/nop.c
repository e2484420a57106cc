/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The program bench_fork_exec_wait (bench_process.c) executes: a static
 * binary that exits with 0 at once, so what is timed is execve itself.
 */
int main(void)
{
	return 0;
}
