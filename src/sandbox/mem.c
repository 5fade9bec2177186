/* Reading a live tracee's memory for the decoder. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/uio.h>
#include <unistd.h>

#include "sandbox/decode.h"
#include "util/cleanup.h"

ssize_t sb_mem_read_process(void *ctx, uint64_t addr, void *buf, size_t len)
{
	pid_t pid = (pid_t)(intptr_t)ctx;
	char path[64];
	ssize_t n;

	if (len == 0)
		return 0;
	if (addr > UINTPTR_MAX || addr > INT64_MAX)
		return -EFAULT;
	struct iovec local = {buf, len}, remote = {(void *)(uintptr_t)addr, len};

	n = process_vm_readv(pid, &local, 1, &remote, 1, 0);
	if (n >= 0)
		return n;
	/* EFAULT (unmapped) and ESRCH (gone) would read the same from
	 * /proc/PID/mem; ENOSYS (no CONFIG_CROSS_MEMORY_ATTACH) or EPERM may
	 * not. */
	if (errno == EFAULT || errno == ESRCH)
		return -errno;
	snprintf(path, sizeof(path), "/proc/%d/mem", (int)pid);
	_cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	n = pread(fd, buf, len, (off_t)addr);
	if (n < 0)
		return errno == EIO ? -EFAULT : -errno;
	return n;
}
