/* libseccomp as crun 1.8.1's libcrun_generate_seccomp() drives it, so that
 * bench_compile can show the program crun really loads from linux.seccomp.
 * Where crun differs from runc (backend_libseccomp.c):
 *   - no SCMP_FLTATR_CTL_OPTIMIZE: libseccomp's default layout (rules
 *     weighted by priority, one linear chain per arch), whatever the size;
 *   - no ENOSYS stub in front of the program;
 *   - no attributes set at all (TSYNC and NNP do not change the program).
 * Like runc it skips entries whose action equals the default one and names
 * libseccomp cannot resolve, and splits an entry into one rule per
 * condition when an argument index repeats.  crun looks at six conditions
 * at most; so does this.  Checked against crun 1.8.1 on this machine: the
 * containers' default for {x86_64, x86, x32} gives the length crun hands to
 * seccomp(2) (strace). */
#include "compile_crun.h"

#include <errno.h>
#include <seccomp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static uint32_t crun_action(enum profile_action a, uint32_t data)
{
	switch (a) {
	case ACT_KILL_THREAD: return SCMP_ACT_KILL_THREAD;
	case ACT_KILL_PROCESS: return SCMP_ACT_KILL_PROCESS;
	case ACT_TRAP: return SCMP_ACT_TRAP;
	case ACT_ERRNO: return SCMP_ACT_ERRNO(data);
	case ACT_TRACE: return SCMP_ACT_TRACE(data);
	case ACT_ALLOW: return SCMP_ACT_ALLOW;
	case ACT_LOG: return SCMP_ACT_LOG;
	case ACT_NOTIFY:
	case ACT__COUNT: break;
	}
	return SCMP_ACT_NOTIFY;
}

static enum scmp_compare crun_op(enum profile_op op)
{
	switch (op) {
	case OP_NE: return SCMP_CMP_NE;
	case OP_LT: return SCMP_CMP_LT;
	case OP_LE: return SCMP_CMP_LE;
	case OP_EQ: return SCMP_CMP_EQ;
	case OP_GE: return SCMP_CMP_GE;
	case OP_GT: return SCMP_CMP_GT;
	case OP_MASKED_EQ: return SCMP_CMP_MASKED_EQ;
	case OP__COUNT: break;
	}
	return _SCMP_CMP_MIN;
}

static int add_entry(scmp_filter_ctx ctx, const struct profile_rule *r, uint32_t act, int nr)
{
	struct scmp_arg_cmp cmp[6];
	unsigned count[6] = {0};
	bool repeated = false;
	size_t k;
	int rc;

	if (r->n_args == 0)
		return seccomp_rule_add(ctx, act, nr, 0);
	for (k = 0; k < r->n_args && k < 6; k++) {
		if (r->args[k].index > 5)
			return -EINVAL;
		if (++count[r->args[k].index] > 1)
			repeated = true;
		cmp[k] = (struct scmp_arg_cmp){.arg = r->args[k].index,
					       .op = crun_op(r->args[k].op),
					       .datum_a = r->args[k].value,
					       .datum_b = r->args[k].value_two};
	}
	if (!repeated)
		return seccomp_rule_add_array(ctx, act, nr, (unsigned)k, cmp);
	for (size_t i = 0; i < k; i++) {
		rc = seccomp_rule_add_array(ctx, act, nr, 1, &cmp[i]);
		if (rc < 0)
			return rc;
	}
	return 0;
}

static int build(const struct profile *p, scmp_filter_ctx ctx, uint32_t def, struct sc_error *err)
{
	int rc;

	for (size_t i = 0; i < p->n_arches; i++) {
		rc = seccomp_arch_add(ctx, p->arches[i]->token);
		if (rc < 0 && rc != -EEXIST)
			return sc_error_set(err, rc, "crun: seccomp adding architecture %s",
					    p->arches[i]->name);
	}
	for (size_t i = 0; i < p->n_rules; i++) {
		const struct profile_rule *r = &p->rules[i];
		uint32_t act = crun_action(r->action, profile_rule_errno(p, r));

		if (act == def)
			continue;
		for (size_t n = 0; n < r->n_names; n++) {
			int nr = seccomp_syscall_resolve_name(r->names[n].name);

			if (nr == __NR_SCMP_ERROR)
				continue; /* crun warns and goes on */
			rc = add_entry(ctx, r, act, nr);
			if (rc < 0)
				return sc_error_set(err, rc, "crun: seccomp_rule_add `%s`: %s",
						    r->names[n].name, strerror(-rc));
		}
	}
	return 0;
}

/* seccomp_export_bpf() writes to a file descriptor only (2.5.4 has no
 * in-memory export): a memfd, read back. */
static int export_prog(scmp_filter_ctx ctx, struct bpf_prog *out, struct sc_error *err)
{
	int fd = memfd_create("bench-crun-bpf", MFD_CLOEXEC), rc;
	struct stat st;

	if (fd < 0)
		return sc_error_set(err, -errno, "memfd_create: %s", strerror(errno));
	rc = seccomp_export_bpf(ctx, fd);
	if (rc < 0 || fstat(fd, &st) < 0 || st.st_size <= 0 ||
	    st.st_size % (off_t)sizeof(struct sock_filter) != 0) {
		close(fd);
		return sc_error_set(err, rc < 0 ? rc : -EIO, "crun: seccomp_export_bpf failed");
	}
	out->len = (size_t)st.st_size / sizeof(struct sock_filter);
	out->insns = malloc((size_t)st.st_size);
	if (!out->insns || pread(fd, out->insns, (size_t)st.st_size, 0) != st.st_size) {
		close(fd);
		bpf_prog_free(out);
		return sc_error_set(err, -EIO, "crun: reading the exported program back");
	}
	close(fd);
	return 0;
}

int bench_compile_crun(const struct profile *resolved, const struct bpf_compile_opts *opts,
		       struct bpf_prog *out, struct sc_error *err)
{
	uint32_t def = crun_action(resolved->default_action, profile_default_errno(resolved));
	scmp_filter_ctx ctx;
	int rc;

	(void)opts;
	*out = (struct bpf_prog){0};
	ctx = seccomp_init(def);
	if (!ctx)
		return sc_error_set(err, -EINVAL, "crun: error seccomp_init");
	rc = build(resolved, ctx, def, err);
	if (rc == 0)
		rc = export_prog(ctx, out, err);
	seccomp_release(ctx);
	return rc;
}
