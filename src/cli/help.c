/* `seccompctl help [CMD]` and `help --man CMD`: one description per command,
 * rendered as terminal help or as a roff man page, so the two cannot drift
 * (docs/man/ is generated from here at build time). */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "profile/lint.h"
#include "util/cleanup.h"

struct help_opt {
	const char *flag;
	const char *text;
};

struct help_page {
	const char *name;
	const char *synopsis;
	const char *summary;
	const char *description; /* paragraphs separated by blank lines */
	struct help_opt opts[16];
	const char *exit_status;
	const char *examples; /* lines */
	const char *output;   /* preformatted: the --output json schema */
};

static const struct help_page pages[] = {
    {"check",
     "seccompctl check [--kubelet-dir DIR]",
     "report what seccomp support this kernel and node offer",
     "Reports the seccomp mode of the calling process, the actions the kernel "
     "offers (actions_avail, actions_logged, SECCOMP_GET_ACTION_AVAIL), the filter "
     "flags it accepts, user-notification sizes, native and compat architectures, "
     "where SECCOMP audit records can be read (auditd, audit.log, /dev/kmsg) and "
     "the kubelet's seccomp profile directory, then one verdict line.\n\n"
     "The flag probe calls seccomp(SECCOMP_SET_MODE_FILTER) with a NULL program: "
     "EFAULT means the kernel knows the flag, EINVAL that it does not. No filter "
     "is ever installed.",
     {{"--kubelet-dir DIR", "the kubelet's seccomp directory (default /var/lib/kubelet/seccomp)"},
      {"--output json", "machine-readable report (schema 1)"}},
     "0 filter mode is available; 1 it is not; 2 bad usage.",
     "seccompctl check\nseccompctl --output json check | jq .actions",
     "--output json: one object, schema 1; keys are snake_case and never removed\n"
     "within a schema version; null means unknown.\n\n"
     "{\n"
     "  \"schema\": 1,\n"
     "  \"command\": \"check\",\n"
     "  \"kernel\": {\"release\": STRING, \"version\": STRING, \"machine\": STRING},\n"
     "  \"process\": {\n"
     "    \"seccomp_mode\": 0|1|2|null,\n"
     "    \"seccomp_mode_name\": \"disabled\"|\"strict\"|\"filter\"|\"unknown\",\n"
     "    \"prctl_seccomp_mode\": INT|null,\n"
     "    \"seccomp_filters\": INT|null,\n"
     "    \"no_new_privs\": BOOL|null,\n"
     "    \"cap_sys_admin\": BOOL|null,\n"
     "    \"status_error\": STRING|null\n"
     "  },\n"
     "  \"filter_mode\": {\n"
     "    \"available\": BOOL,\n"
     "    \"reason\": \"available\"|\"strict\"|\"no_seccomp\"|\"no_filter\"|\"blocked\",\n"
     "    \"method\": \"seccomp(2)\"|\"prctl(2)\"|null,\n"
     "    \"errno\": \"EFAULT\"|\"EINVAL\"|\"EPERM\"|...|null\n"
     "  },\n"
     "  \"actions_avail\": [STRING...]|null,\n"
     "  \"actions_logged\": [STRING...]|null,\n"
     "  \"actions\": {\"kill_process\": BOOL|null, \"kill_thread\": ..., \"trap\": ...,\n"
     "              \"errno\": ..., \"user_notif\": ..., \"trace\": ..., \"log\": ...,\n"
     "              \"allow\": ...},\n"
     "  \"flags\": {\"tsync\": BOOL|null, \"log\": ..., \"spec_allow\": ...,\n"
     "            \"new_listener\": ..., \"tsync_esrch\": ...,\n"
     "            \"wait_killable_recv\": ...},\n"
     "  \"notif_sizes\": {\"seccomp_notif\": INT, \"seccomp_notif_resp\": INT,\n"
     "                  \"seccomp_data\": INT}|null,\n"
     "  \"arch\": {\n"
     "    \"native\": STRING,\n"
     "    \"audit_arch\": \"0xc000003e\",\n"
     "    \"compat\": [{\"name\": STRING, \"supported\": BOOL|null, \"how\": STRING}...]\n"
     "  },\n"
     "  \"audit\": {\n"
     "    \"kernel_audit\": BOOL|null,\n"
     "    \"auditd_pid\": INT|null,\n"
     "    \"auditd_running\": BOOL,\n"
     "    \"audit_log\": STRING,\n"
     "    \"audit_log_readable\": BOOL,\n"
     "    \"kmsg_readable\": BOOL,\n"
     "    \"dmesg_restrict\": INT|null,\n"
     "    \"printk_ratelimit\": INT|null,\n"
     "    \"printk_ratelimit_burst\": INT|null,\n"
     "    \"records\": \"audit_log\"|\"kmsg\"|\"none\"\n"
     "  },\n"
     "  \"kubelet\": {\"dir\": STRING, \"exists\": BOOL, \"profiles\": INT,\n"
     "              \"unreadable_dirs\": INT, \"error\": STRING|null},\n"
     "  \"verdict\": {\n"
     "    \"filter_mode_available\": BOOL,\n"
     "    \"actions_available\": INT,\n"
     "    \"actions_unknown\": INT,\n"
     "    \"user_notif_available\": BOOL,\n"
     "    \"records\": \"audit_log\"|\"kmsg\"|\"none\",\n"
     "    \"text\": STRING\n"
     "  }\n"
     "}\n"},
    {"lint",
     "seccompctl lint [--strict] [--min-kernel X.Y] [--runtime runc|crun|any] "
     "[--arch A]... [--caps LIST] [--builtin NAME]... [--severity S] PROFILE...",
     "validate and lint seccomp profiles",
     "Reads each PROFILE (an OCI linux.seccomp object, a Docker/containers profile, "
     "or a whole OCI config.json; - for stdin) strictly: syntax errors give "
     "FILE:LINE:COL, schema errors the JSON path. Then resolves includes/excludes "
     "and archMap for the target as Docker and podman do, and applies every rule "
     "(see RULES). Findings print as FILE:LINE:COL: PATH: SEVERITY ID: MESSAGE with "
     "a hint line.\n\n"
     "Limits: 4 MiB per input, nesting depth 64.",
     {{"--strict", "warnings count as errors for the exit status"},
      {"--min-kernel X.Y", "oldest kernel the profile must work on (default: the running kernel)"},
      {"--runtime R", "runc, crun or any (default): whose start-up needs SCP022 checks"},
      {"--arch A", "resolve for native arch A (x86_64, aarch64, ...); repeatable"},
      {"--caps LIST", "comma list of CAP_* in the bounding set; 'default' is containerd's 14"},
      {"--builtin NAME", "lint a builtin profile (see seccompctl profiles list)"},
      {"--output F", "text (default), json or sarif (SARIF 2.1.0 for code scanning)"}},
     "0 no errors (warnings allowed); 1 errors found, or warnings with --strict; "
     "2 an input could not be read or is not a valid profile.",
     "seccompctl lint profile.json\nseccompctl lint --runtime runc --min-kernel 5.4 *.json\n"
     "seccompctl --output sarif lint profiles/*.json > seccomp.sarif",
     "--output json (schema 1):\n"
     "{\"schema\": 1, \"command\": \"lint\",\n"
     " \"files\": [{\"file\": STRING, \"valid\": BOOL,\n"
     "            \"findings\": [{\"id\": \"SCPnnn\", \"severity\": "
     "\"error\"|\"warning\"|\"info\",\n"
     "                          \"path\": JSON-PATH, \"line\": INT, \"column\": INT,\n"
     "                          \"message\": STRING, \"hint\": STRING}]}],\n"
     " \"summary\": {\"files\": INT, \"errors\": INT, \"warnings\": INT, \"info\": INT}}\n"
     "line/column are absent when unknown; columns count Unicode code points.\n"
     "--output sarif: SARIF 2.1.0, one run, rule metadata for every rule, results\n"
     "with the file, region (startLine, startColumn) and the JSON path as a logical location."},
    {"fmt",
     "seccompctl fmt PROFILE [-w | -o FILE | --check]",
     "rewrite a profile in canonical form",
     "Prints the profile in canonical form: keys in runtime-spec order, entries with "
     "the same action, errno, conditions and includes/excludes merged, names sorted "
     "and de-duplicated, \"name\" turned into \"names\". The meaning is unchanged: "
     "argument conditions keep their order and repeats, because runc and crun OR the "
     "conditions of an entry that repeats an argument index.\n\n"
     "-w replaces the file atomically (temporary file and rename); an invalid profile "
     "is never written.",
     {{"-w, --write", "rewrite PROFILE in place"},
      {"-o FILE", "write the canonical form to FILE (atomically)"},
      {"--check", "exit 1 when PROFILE is not in canonical form"}},
     "0 done (or already canonical); 1 --check found a difference; 2 bad usage or invalid input.",
     "seccompctl fmt profile.json\nseccompctl fmt -w profile.json\nseccompctl fmt --check "
     "profile.json",
     NULL},
    {"profiles",
     "seccompctl profiles [list | show NAME [--resolved] [--arch A]]",
     "list and show the builtin profiles",
     "The builtins are compiled into the binary: runtime-default (the containers' "
     "default profile as Debian's golang-github-containers-common ships it: "
     "Kubernetes' RuntimeDefault under CRI-O and podman), the lab's minimal, "
     "deny-dangerous, audit, nginx, production and too-restrictive, and log-all.\n\n"
     "show prints the profile as shipped; --resolved resolves archMap and "
     "includes/excludes for this machine (or --arch A) with the default capabilities.",
     {{"--resolved", "resolve for the target and print in canonical form"},
      {"--arch A", "target native arch for --resolved"},
      {"--output json", "list as JSON"}},
     "0 success; 2 bad usage or unknown name.",
     "seccompctl profiles list\nseccompctl profiles show runtime-default --resolved > rd.json",
     NULL},
    {"compile",
     "seccompctl compile (PROFILE | --builtin NAME) [--arch A]... [--format raw|asm|c|json|base64] "
     "[-o FILE] [--backend native|libseccomp] [--enosys runc|none|kernel=X.Y] [--stats]",
     "compile a profile to a seccomp BPF program",
     "Resolves PROFILE for this machine as runc would load it (includes, excludes and "
     "archMap for this arch and containerd's default capabilities), compiles it, and writes "
     "the program. --arch (repeatable) replaces the profile's architectures; this machine's "
     "arch is always in the filter, as libseccomp's seccomp_init() puts it there.\n\n"
     "The native backend (default) is seccompctl's compiler: the same verdicts as runc + "
     "libseccomp 2.5.4 (checked by the differential tests), laid out as a search over "
     "intervals of syscall numbers, so it is shorter and its worst path is shorter than "
     "libseccomp's binary tree, and every constant-allow syscall stays eligible for the "
     "kernel's action cache. The libseccomp backend builds the program through libseccomp "
     "exactly as runc 1.1.5 does, runc's ENOSYS stub included.\n\n"
     "Formats: raw is the struct sock_filter array seccomp(SECCOMP_SET_MODE_FILTER) takes "
     "(8 bytes per instruction, this machine's byte order; the default with -o or when "
     "stdout is not a terminal); asm a listing (the default on a terminal); c a C array "
     "with SECCOMPCTL_FILTER_LEN; json the decoded instructions (see seccompctl help "
     "disasm); base64 what crun's run.oci.seccomp_bpf_data annotation takes, so crun loads "
     "the program instead of compiling the JSON profile at every container start.\n\n"
     "--stats prints, per ABI in the filter, the syscalls it has, the worst and mean "
     "executed path (every assigned number, arguments all 0 for the mean, 0 or all ones for "
     "the worst) and how many numbers the kernel's action cache answers without running the "
     "filter (constant ALLOW). The table goes to stderr; with --output json a document goes "
     "to stdout, so the program needs -o.\n\n"
     "A program over the kernel's 4096 instructions is refused, with the calls whose "
     "argument checks made it big (lint reports it as SCP031).",
     {{"--builtin NAME", "compile a builtin profile (see seccompctl profiles list)"},
      {"--arch A", "an architecture for the filter (repeatable): replaces the profile's list"},
      {"--format F", "raw, asm, c, json or base64"},
      {"-o FILE", "write the program to FILE, atomically"},
      {"--backend B", "native (default) or libseccomp (runc 1.1.5's way)"},
      {"--enosys MODE", "runc (default): runc's ENOSYS stub; none: the default action for "
			"every unnamed number; kernel=X.Y: ENOSYS for what kernel X.Y lacked "
			"(native only)"},
      {"--stats", "per-ABI program statistics (stderr, or stdout with --output json)"}},
     "0 the program was written; 2 bad usage or bad input (unreadable or invalid profile, a "
     "profile libseccomp and runc refuse, a program over 4096 instructions).",
     "seccompctl compile profile.json -o filter.bpf --stats\n"
     "seccompctl compile --builtin minimal --format asm | less\n"
     "seccompctl compile --builtin runtime-default --format base64   # crun's annotation\n"
     "seccompctl compile profile.json --arch x86_64 --arch x86 --format c > filter.h\n"
     "seccompctl --output json compile profile.json -o /dev/null --stats | jq .arches",
     "--output json with --stats (schema 1):\n"
     "{\"schema\": 1, \"command\": \"compile\", \"backend\": \"native\"|\"libseccomp\",\n"
     " \"length\": INT,\n"
     " \"arches\": [{\"arch\": \"x86_64\", \"audit_arch\": \"0xc000003e\", \"syscalls\": INT,\n"
     "             \"worst\": INT, \"mean\": NUMBER, \"cache_allow\": INT}...]}"},
    {"disasm",
     "seccompctl disasm (FILE | -) [--arch A]",
     "disassemble a raw seccomp BPF program",
     "Reads a raw program (struct sock_filter array, as written by seccompctl compile -o or "
     "dumped from a process), checks it as seccomp(SECCOMP_SET_MODE_FILTER) would (length, "
     "opcodes, jump targets, loads inside struct seccomp_data, a final return) and lists it: "
     "labels for jump targets, seccomp_data field names, syscall names after an arch test "
     "(or for --arch), action names with errno names. A program the kernel would refuse is "
     "still listed, and the reason follows.",
     {{"--arch A", "name syscall numbers for this arch when the program does not say"},
      {"--output json", "the decoded instructions (schema 1)"}},
     "0 a valid program; 1 listed, but the kernel would refuse it; 2 bad usage or a file that "
     "is no program (empty, not a multiple of 8 bytes, over 4096 instructions).",
     "seccompctl compile --builtin minimal -o min.bpf && seccompctl disasm min.bpf\n"
     "seccompctl --output json disasm min.bpf | jq '.instructions | length'",
     "--output json (schema 1):\n"
     "{\"schema\": 1, \"length\": INT,\n"
     " \"instructions\": [{\"index\", \"code\", \"jt\", \"jf\", \"k\", \"op\", \"text\", "
     "\"field\",\n"
     "                   \"target_true\", \"target_false\", \"label\", \"syscall\", "
     "\"action\"}...],\n"
     " \"valid\": BOOL, \"error\": STRING (when not valid)}\n"
     "Keys that do not apply to an instruction are left out."},
    {"logs",
     "seccompctl logs [FILE...|-] [--source auto|auditd|kmsg|file] [--follow] [--pid N] "
     "[--comm C] [--exe P] [--action A]... [--since T] [--until T] [-o OUT] [--merge PROFILE]",
     "SECCOMP audit records: what was blocked or logged, and the rules to allow it",
     "Reads SECCOMP audit records (type 1326) in every form a node keeps them, sniffed line "
     "by line: auditd's audit.log (plain or enriched), the kernel log as dmesg prints it, raw "
     "/dev/kmsg, journalctl -k and syslog/kern.log lines, and journalctl -o json objects. "
     "Values audit hex-encodes (a comm or exe with a space) are decoded. Other record types, "
     "rate-limit notices and unrelated lines are counted and skipped; a record with a broken "
     "field is reported with its FILE:LINE and skipped, never fatal.\n\n"
     "Each record is named from its own arch and number: i386 calls of 64-bit programs "
     "(compat=1) with the i386 table, x32 calls (AUDIT_ARCH_X86_64 with the x32 bit) with "
     "the x32 one, never the host's table; the action comes from code (the errno is not in "
     "the record). The table lists, per program (exe, or comm), each ABI and syscall with "
     "its count, actions and first and last time (UTC).\n\n"
     "Without FILE, --source auto reads /var/log/audit/audit.log when auditd runs (its pid "
     "file names a live process), else what the kernel ring holds now (/dev/kmsg, needs "
     "root). Records the kernel "
     "dropped (printk rate limit, audit backlog) cannot be recovered: a warning says when the "
     "log shows such drops.\n\n"
     "--follow (-f) keeps reading a growing audit.log or file (like tail -F: partial lines wait "
     "for their end, a rotated file is reopened) or /dev/kmsg, and prints each new record as "
     "it comes, one line each (a JSON object per line with --output json); Ctrl-C prints the "
     "summary.\n\n"
     "-o OUT writes an allowlist of what the records show (default ERRNO, the ABIs seen). "
     "--merge PROFILE -o OUT writes PROFILE plus one ALLOW entry with exactly the calls it "
     "does not allow (judged with arguments 0, as the records carry none) and the ABIs it "
     "lacks, and says what it added.",
     {{"--source S", "auto (default), auditd, kmsg, or file (stdin without FILE)"},
      {"-f, --follow", "keep reading, print new records as they come; Ctrl-C for the summary"},
      {"--pid N", "only records of this pid"},
      {"--comm C", "only records of this comm"},
      {"--exe P", "only records of this executable"},
      {"--action A", "only this action (repeatable): ERRNO, KILL_PROCESS, LOG, ..."},
      {"--since T", "records from T on: seconds since the epoch or YYYY-MM-DD HH:MM[:SS]"},
      {"--until T", "records up to T"},
      {"-o OUT", "write an allowlist profile (or the merged profile) to OUT"},
      {"--merge PROFILE", "with -o: PROFILE plus the calls the records show it denies"},
      {"--output json", "machine-readable summary (schema 1)"}},
     "0 no SECCOMP record (after the filters); 1 records found (the command found something); "
     "2 bad usage or unreadable input.",
     "seccompctl logs /var/log/audit/audit.log\n"
     "dmesg | seccompctl logs -\n"
     "journalctl -k -o json | seccompctl logs --exe /usr/sbin/nginx\n"
     "seccompctl logs --source kmsg --pid 4242 --output json\n"
     "seccompctl logs --follow /var/log/audit/audit.log --action KILL_PROCESS\n"
     "seccompctl logs audit.log --merge too-restrictive.json -o fixed.json",
     "--output json (schema 1):\n"
     "{\"schema\": 1, \"command\": \"logs\", \"source\": STRING,\n"
     " \"counts\": {\"lines\", \"records\", \"filtered\", \"other\", \"notices\", \"broken\",\n"
     "            \"unrelated\"},\n"
     " \"calls\": [{\"program\", \"comm\", \"abi\": \"x86_64\"|\"unknown\", \"audit_arch\",\n"
     "            \"nr\": INT, \"syscall\": STRING|null, \"count\": INT,\n"
     "            \"actions\": [\"ERRNO\", ...], \"first\", \"last\": ISO-8601, \"last_pid\"}],\n"
     " \"broken\": [{\"where\": \"FILE:LINE\", \"why\"}] (the first 10)}"},
    {"explain",
     "seccompctl explain (PROFILE | --builtin NAME) SYSCALL [ARG...] [--arch A] [--caps LIST] "
     "[--enosys runc|none|kernel=X.Y]",
     "say what a profile does to one syscall, and which rule decided it",
     "Resolves PROFILE for the host as lint does, builds the seccomp_data the kernel would "
     "hand the filter for the call (arch, number, up to six arguments), and prints the "
     "action (ERRNO(EPERM), ALLOW, KILL_THREAD, ...) and why: the deciding entry as a JSON "
     "path with FILE:LINE:COL, or defaultAction, or runc's ENOSYS stub, or the bad-arch "
     "action. The other entries that name the call are listed, and a warning is printed "
     "when entries with different actions match it.\n\n"
     "The answer comes from the profile's meaning as runc and libseccomp load it. As a "
     "cross-check the profile is also compiled (the native backend, same options) and the "
     "program is run in the emulator over the same seccomp_data; the last line gives its "
     "answer and the instructions it executed. If the two ever disagree, that is a bug in "
     "seccompctl: both answers are printed and the exit status is 2.\n\n"
     "SYSCALL is a name for the call's arch or a number (decimal or 0x hex; an x32 number "
     "gets the x32 bit). An ARG is a number (decimal, 0x hex, 0 octal; negative values are "
     "64-bit two's complement, so -1 is 0xffffffffffffffff) or constants joined with |: "
     "CLONE_* and SIGCHLD, AF_*, SOCK_*, NETLINK_ROUTE, NETLINK_AUDIT, PROT_*, MAP_*, O_*, "
     "PER_LINUX, PER_LINUX32, UNAME26, ADDR_NO_RANDOMIZE, READ_IMPLIES_EXEC, "
     "ADDR_LIMIT_32BIT, with the values of this machine's headers.\n\n"
     "--arch picks the ABI of the call (default: this machine's). A compat ABI of this "
     "machine (x86 or x32 on x86_64, arm on aarch64) is explained as a call on this host, "
     "whose filter covers it through archMap; any other arch as a call on a host of that "
     "arch.",
     {{"--builtin NAME", "explain a builtin profile (see seccompctl profiles list)"},
      {"--arch A", "the arch of the call: x86_64, x86, x32, aarch64, ..."},
      {"--caps LIST", "comma list of CAP_* for includes/excludes; 'default' is containerd's 14"},
      {"--enosys MODE", "runc (default): runc's ENOSYS stub; none: plain libseccomp; "
			"kernel=X.Y: ENOSYS for what kernel X.Y lacked"},
      {"-q", "print only the action"},
      {"--output json", "machine-readable answer (schema 1)"}},
     "0 the call is allowed (ALLOW or LOG); 1 it is not (ERRNO, KILL, TRAP, TRACE, "
     "USER_NOTIF): the command found a block; 2 bad usage or bad input (unreadable or "
     "invalid profile, unknown syscall), or the internal disagreement described above.",
     "seccompctl explain --builtin minimal clock_nanosleep\n"
     "seccompctl explain --builtin deny-dangerous mount\n"
     "seccompctl explain --builtin runtime-default personality 0xffffffff\n"
     "seccompctl explain profile.json clone 'CLONE_NEWUSER|SIGCHLD' --caps CAP_SYS_ADMIN\n"
     "seccompctl explain --arch x32 profile.json getpid\n"
     "seccompctl --output json explain profile.json 999 | jq .why",
     "--output json (schema 1):\n"
     "{\"schema\": 1, \"command\": \"explain\", \"profile\": FILE,\n"
     " \"syscall\": {\"name\": STRING|null, \"nr\": INT, \"arch\": STRING, \"host\": STRING,\n"
     "             \"audit_arch\": \"0xc000003e\"},\n"
     " \"args\": [INT...],\n"
     " \"action\": \"ALLOW\"|\"ERRNO\"|\"KILL_THREAD\"|..., \"errno\": \"EPERM\"|null,\n"
     " \"ret\": INT, \"allowed\": BOOL,\n"
     " \"why\": \"rule\"|\"default\"|\"enosys\"|\"badarch\",\n"
     " \"rule\": {\"path\": JSON-PATH, \"file\": FILE, \"line\": INT, \"col\": INT}|null,\n"
     " \"considered\": [{\"path\", \"file\", \"line\", \"col\"}...], \"n_considered\": INT,\n"
     " \"ambiguous\": BOOL, \"enosys\": \"runc\"|\"none\"|\"kernel=X.Y\",\n"
     " \"program\": {\"backend\": \"native\", \"length\": INT, \"executed\": INT,\n"
     "             \"action\": STRING, \"errno\": STRING|null, \"ret\": INT, \"agrees\": BOOL}}\n"
     "rule is the deciding entry, or defaultAction for why=default; line/col are absent\n"
     "when unknown. ret is the full SECCOMP_RET_* value."},
    {"run",
     "seccompctl run (-p PROFILE | --builtin NAME) [--mode enforce|complain] [--report[=FILE]] "
     "[--suggest FILE] [--keep-privs] [--enosys runc|none|kernel=X.Y] "
     "[--backend native|libseccomp] -- CMD [ARG...]",
     "run a command under a profile, as runc would apply it, and name every denied call",
     "Resolves the profile for this machine (includes/excludes with containerd's default "
     "capabilities, as a runtime would), compiles it (runc's ENOSYS stub by default), and "
     "starts CMD in a child that sets NO_NEW_PRIVS and loads the filter with seccomp(2) as its "
     "last step before execve; the profile's flags (TSYNC, LOG, SPEC_ALLOW) are honoured. "
     "stdin, stdout, stderr and the terminal are the command's; SIGINT, SIGTERM, SIGHUP, "
     "SIGQUIT, SIGUSR1, SIGUSR2 and SIGWINCH sent to seccompctl are passed on (those the "
     "terminal sends reach the command directly). Fail closed: when the profile cannot be "
     "read, resolved, compiled or loaded (too large, an action or flag this kernel lacks, "
     "seccomp() refused), the command is never started and the error says why.\n\n"
     "--report (enforce mode) routes exactly the calls the profile denies to a supervisor "
     "through seccomp user notification: every RET of a denying action (ERRNO, TRAP, "
     "KILL_THREAD, KILL_PROCESS) in the program becomes USER_NOTIF, so allowed calls never "
     "leave the kernel. For each denied call the supervisor prints a line on stderr (the first "
     "time per program and call): the call with decoded arguments (paths read from the "
     "process, flags by name, fds as paths), pid and comm, the profile's answer and the rule "
     "that decided it (JSON path and FILE:LINE:COL, the default action, the ENOSYS stub or "
     "the bad-arch action). It then acts as the kernel would: ERRNO returns the profile's "
     "errno; KILL_* sends SIGSYS while the call is held, so it never runs and the process dies "
     "of SIGSYS; TRAP makes the call fail with ENOSYS and raises SIGSYS. Known differences, "
     "all fail closed: a program that catches, blocks or ignores SIGSYS is killed with SIGKILL "
     "under KILL_* (the kernel's SIGSYS cannot be caught, ours could); KILL_THREAD in a "
     "multi-threaded process kills the whole process; TRAP's SIGSYS carries si_code SI_TKILL, "
     "not SYS_SECCOMP. Every thread and child is covered (the filter is inherited). If "
     "seccompctl dies, the command is killed (PR_SET_PDEATHSIG) rather than left running with "
     "nobody to answer; descendants that outlive CMD get ENOSYS for what the profile denies "
     "once seccompctl has exited. At exit a summary counts the denied calls per program, ABI "
     "and call. --report=FILE (or --report FILE) also writes one JSON object per event.\n\n"
     "--mode complain blocks nothing: every call the profile would deny is reported the same "
     "way and then continues (SECCOMP_USER_NOTIF_FLAG_CONTINUE): the lab's audit profile "
     "without auditd, rate limits or log scraping. --suggest FILE then writes the profile plus "
     "one ALLOW entry with the calls that were denied (names, as logs --merge does; the result "
     "is checked to allow every call seen, with its arguments, before it is written).\n\n"
     "Without --report and outside complain mode nothing is printed: the filter is loaded and "
     "the kernel alone enforces it. The summary goes to stderr (stdout is the command's); "
     "with --output json it is one JSON document, the last line on stderr.",
     {{"-p, --profile FILE", "the profile (a seccomp JSON file or an OCI config.json)"},
      {"--builtin NAME", "a builtin profile (seccompctl profiles list)"},
      {"--mode M", "enforce (default) or complain (report, block nothing)"},
      {"--report[=FILE]", "report every denied call; FILE gets JSON lines"},
      {"--suggest FILE", "complain mode (or --report): write the profile plus what was denied"},
      {"--keep-privs", "do not set NO_NEW_PRIVS (the kernel then needs CAP_SYS_ADMIN)"},
      {"--no-new-privs", "set NO_NEW_PRIVS (the default, as runc with noNewPrivileges)"},
      {"--enosys MODE", "runc (default: runc's ENOSYS stub), none (crun), kernel=X.Y"},
      {"--backend B", "native (default) or libseccomp: the compiler of the program"},
      {"--output json", "the summary as JSON (schema 1) on stderr"}},
     "the command's exit status; 128+N when it was killed by signal N (159 for SIGSYS); 125 "
     "seccompctl failed before the command started (the profile, the filter); 126 the command "
     "could not be executed (not executable, or execve denied by the profile); 127 not found; "
     "2 bad usage. With --report or in complain mode, 1 when the command exited 0 but calls "
     "were denied.",
     "seccompctl run -p deny-dangerous.json --report -- busybox mount -t tmpfs tmpfs /mnt\n"
     "seccompctl run --builtin minimal --report -- busybox sleep 1\n"
     "seccompctl run --mode complain -p too-restrictive.json --suggest fixed.json -- ls /\n"
     "seccompctl run -p fixed.json --report=events.jsonl -- ls /\n"
     "seccompctl run --builtin runtime-default -- ./my-server",
     "--report=FILE, one object per line (schema 1):\n"
     "{\"schema\": 1, \"time\": ISO-8601, \"pid\", \"tid\", \"comm\", \"exe\",\n"
     " \"arch\": \"x86_64\", \"audit_arch\": HEX, \"syscall\": STRING|null, \"nr\",\n"
     " \"args\": [{\"raw\": HEX, ...decoded}], \"call\": STRING, \"action\": \"ERRNO(EPERM)\",\n"
     " \"ret\": INT, \"mode\": \"enforce\"|\"complain\",\n"
     " \"taken\": \"errno\"|\"sigsys\"|\"sigkill\"|\"continued\"|\"gone\",\n"
     " \"why\": \"rule\"|\"default\"|\"enosys\"|\"badarch\",\n"
     " \"rule\": {\"path\", \"file\", \"line\", \"col\"}}\n"
     "--output json summary: {\"schema\": 1, \"command\": \"run\", \"mode\", \"profile\", "
     "\"exit\",\n"
     " \"events\", \"denied\": [{\"syscall\", \"nr\", \"arch\", \"count\", \"action\", \"taken\",\n"
     " \"exe\", \"comm\", \"first_call\", \"rule\", \"first\", \"last\"}], \"notifications\"}"},
    {"diff",
     "seccompctl diff (A | --builtin-a NAME) (B | --builtin-b NAME) [--arch A]... [--caps LIST] "
     "[--kernel X.Y] [--enosys runc|none|kernel=X.Y]",
     "compare two profiles call by call, per architecture",
     "Resolves both profiles for this machine (includes/excludes against --caps and "
     "--kernel, archMap for the native arch), then asks both, for every syscall number of "
     "each architecture's table, what the filter runc would load answers with all arguments "
     "0 (the model explain uses). A call differs when the two answers differ (ALLOW, "
     "ERRNO(EPERM), ERRNO(ENOSYS), KILL_PROCESS, LOG, ...), or when either answer depends on "
     "the arguments (\"conditional\") and the two sides' conditional entries for it are not "
     "the same set: entries are compared canonically (runc's split of repeated argument "
     "indexes applied, values narrowed to 32 bits on 32-bit ABIs, conditions sorted).\n\n"
     "Both sides get the same --enosys: runc's ENOSYS stub answers numbers above the highest "
     "one a profile names, so two allowlists often deny a call with different errnos; those "
     "rows are listed and counted apart from the allow differences. Per architecture the "
     "output gives how many calls each side allows, the differing calls with both verdicts, "
     "and one summary line: N calls differ on ARCH (A allows X that B denies, B allows Y that "
     "A denies).\n\n"
     "A and B are files (a seccomp object or an OCI config.json), or builtins: --builtin-a "
     "and --builtin-b name a side; a plain --builtin takes the side the operands leave open, "
     "so 'diff recorded.json --builtin runtime-default' compares a file with the builtin "
     "(B). The architectures are, unless --arch is given, this machine's followed by those "
     "either profile lists; an arch one side does not list answers KILL_THREAD (libseccomp's "
     "bad-arch action) there.",
     {{"--builtin-a NAME", "side A is a builtin profile"},
      {"--builtin-b NAME", "side B is a builtin profile"},
      {"--builtin NAME", "the side the operands leave open (B after one file)"},
      {"--arch A", "compare on this ABI (repeatable): x86_64, x86, x32, aarch64, ..."},
      {"--caps LIST", "comma list of CAP_* for includes/excludes; 'default' is containerd's 14"},
      {"--kernel X.Y", "the target kernel for includes.minKernel (default: this one)"},
      {"--enosys MODE", "runc (default): runc's ENOSYS stub; none: plain libseccomp; "
			"kernel=X.Y: ENOSYS for what kernel X.Y lacked"},
      {"-q", "print only the summary line of each architecture"},
      {"--output json", "machine-readable comparison (schema 1)"}},
     "0 the profiles answer every call the same way; 1 some call differs; 2 bad usage or bad "
     "input (unreadable or invalid profile: FILE:LINE:COL).",
     "seccompctl diff profiles/lab/too-restrictive.json profiles/lab/minimal.json\n"
     "seccompctl diff recorded.json --builtin runtime-default\n"
     "seccompctl diff -q --arch x86_64 a.json b.json\n"
     "seccompctl --output json diff a.json b.json | jq '.arches[0].b_only_allowed'",
     "--output json (schema 1):\n"
     "{\"schema\": 1, \"command\": \"diff\", \"a\": FILE, \"b\": FILE,\n"
     " \"enosys\": \"runc\"|\"none\"|\"kernel=X.Y\", \"differ\": INT,\n"
     " \"arches\": [{\"arch\": \"x86_64\", \"calls\": INT,\n"
     "             \"a_allowed\": INT, \"b_allowed\": INT,\n"
     "             \"a_conditional\": INT, \"b_conditional\": INT,\n"
     "             \"a_only_allowed\": INT, \"b_only_allowed\": INT,\n"
     "             \"differ\": [{\"syscall\": \"mount\", \"nr\": 165,\n"
     "                         \"a\": SIDE, \"b\": SIDE}...]}...]}\n"
     "SIDE = {\"action\": \"ALLOW\"|\"ERRNO\"|\"KILL_PROCESS\"|..., \"errno\": \"EPERM\"|null,\n"
     "        \"ret\": INT, \"allowed\": BOOL, \"conditional\": BOOL,\n"
     "        \"rules\": STRING|null}\n"
     "allowed counts calls answered ALLOW or LOG with all arguments 0; rules is the\n"
     "canonical set of conditional entries when conditional. x32 numbers carry the x32 bit."},
    {"merge",
     "seccompctl merge PROFILE... [--builtin NAME]... [-o OUT] [--default-action ACT] "
     "[--arch A] [--caps LIST] [--kernel X.Y] [--enosys MODE]",
     "the union of profiles, checked on every syscall number",
     "Writes one profile that allows every call any input allows and nothing else. Inputs "
     "are resolved first for one target (this machine, or --arch, --caps, --kernel): "
     "includes/excludes and archMap are decided there, and the result is a plain OCI profile "
     "for that target. Files come first in their order, then --builtin profiles.\n\n"
     "Per syscall name: a name some input allows unconditionally is allowed unconditionally "
     "(allow wins over every other input's denial). A name inputs allow only under argument "
     "conditions keeps the conditional entries of those inputs (identical ones once); the "
     "inputs that never allow it have no say. A name no input allows keeps the first input's "
     "unconditional denial (ERRNO, KILL, TRAP with its errno), or every input's conditional "
     "denials. Conditional denials from several inputs are all kept: for some argument "
     "values the result may deny what one input allowed, never the reverse.\n\n"
     "defaultAction: the inputs must agree (errno included); when they do not, merge refuses "
     "and --default-action ACT chooses the result's default, the other inputs' defaults then "
     "being spelt out as entries (argument conditions cannot be carried from an allowing "
     "default to a denying one or back: merge then refuses and names the call). architectures: the "
     "inputs must list the same ones (an arch "
     "one input lacks kills every call there, which no single rule list can express next to "
     "another input's allows). flags: TSYNC, LOG and WAIT_KILLABLE_RECV when any input sets "
     "them; SPEC_ALLOW, which turns a speculation mitigation off, only when all do. "
     "listenerPath and listenerMetadata must agree.\n\n"
     "Fail closed: the result is written in canonical form, read back, and asked about every "
     "syscall number of each of its architectures (all arguments 0, same --enosys): it must "
     "allow exactly the calls some input allows. Otherwise nothing is written and the first "
     "counterexamples are named. -o writes atomically (a temporary file renamed over OUT); "
     "without -o the profile goes to stdout.",
     {{"-o OUT", "write the merged profile here (atomically) instead of stdout"},
      {"--builtin NAME", "add a builtin profile to the inputs (repeatable)"},
      {"--default-action ACT", "the result's defaultAction when the inputs' differ "
			       "(SCMP_ACT_ERRNO gives EPERM)"},
      {"--arch A", "resolve for a host of this arch (default: this machine)"},
      {"--caps LIST", "comma list of CAP_* for includes/excludes; 'default' is containerd's 14"},
      {"--kernel X.Y", "the target kernel for includes.minKernel (default: this one)"},
      {"--enosys MODE", "how the check answers unnamed numbers: runc (default), none, "
			"kernel=X.Y"},
      {"-q", "no note on stderr after writing OUT"},
      {"--output json", "with -o: a JSON note on stdout (schema 1)"}},
     "0 the merged profile was written; 2 bad usage, bad input (FILE:LINE:COL), inputs that "
     "cannot be merged (different defaults or architectures), or a result that failed the "
     "check (nothing written).",
     "seccompctl merge profiles/lab/minimal.json profiles/lab/production.json -o merged.json\n"
     "seccompctl merge app.json --builtin runtime-default > both.json\n"
     "seccompctl merge allow.json deny.json --default-action SCMP_ACT_ERRNO -o out.json\n"
     "seccompctl diff merged.json profiles/lab/minimal.json",
     "--output json with -o (schema 1):\n"
     "{\"schema\": 1, \"command\": \"merge\", \"output\": FILE, \"inputs\": [FILE...],\n"
     " \"default_action_chosen\": BOOL, \"checked\": true}"},
    {"demo",
     "seccompctl demo",
     "walk the seccomp lab on this machine",
     "Runs the lab's steps with seccompctl instead of by hand: check support (Part 1), "
     "list the builtin profiles (Part 3), and lint the lab's profiles, showing what "
     "each one would do to a container (Parts 3 to 6).",
     {{NULL, NULL}},
     "0 the demo ran; 2 something needed by the demo failed.",
     "seccompctl demo",
     NULL},
    {"help",
     "seccompctl help [COMMAND] | help --man COMMAND",
     "show help",
     "Without an argument lists the commands; with one, prints its help. --man prints "
     "the man page source (roff).",
     {{NULL, NULL}},
     "0 success; 2 unknown command.",
     "seccompctl help lint",
     NULL},
    {"version",
     "seccompctl version",
     "print the version",
     "Prints the version.",
     {{NULL, NULL}},
     "0.",
     "seccompctl version",
     NULL},
};

static const struct help_page *find_page(const char *name)
{
	for (size_t i = 0; i < SC_ARRAY_SIZE(pages); i++)
		if (strcmp(pages[i].name, name) == 0)
			return &pages[i];
	return NULL;
}

static void print_text(const struct cli *g, const struct help_page *p)
{
	printf("%susage:%s %s\n\n%s.\n\n%s\n", cli_bold(g), cli_reset(g), p->synopsis, p->summary,
	       p->description);
	if (p->opts[0].flag) {
		printf("\n%soptions:%s\n", cli_bold(g), cli_reset(g));
		for (size_t i = 0; i < SC_ARRAY_SIZE(p->opts) && p->opts[i].flag; i++)
			printf("  %-20s %s\n", p->opts[i].flag, p->opts[i].text);
	}
	if (strcmp(p->name, "lint") == 0) {
		printf("\n%srules:%s\n", cli_bold(g), cli_reset(g));
		for (size_t i = 0; i < lint_rules_count; i++)
			printf("  %s %c  %s\n", lint_rules[i].id, "IWE"[lint_rules[i].sev],
			       lint_rules[i].title);
	}
	if (p->output)
		printf("\n%soutput:%s\n%s", cli_bold(g), cli_reset(g), p->output);
	printf("\n%sexit status:%s %s\n\n%sexamples:%s\n", cli_bold(g), cli_reset(g),
	       p->exit_status, cli_bold(g), cli_reset(g));
	for (const char *s = p->examples; *s;) {
		const char *e = strchr(s, '\n');
		size_t n = e ? (size_t)(e - s) : strlen(s);

		printf("  %.*s\n", (int)n, s);
		s += n + (e ? 1 : 0);
	}
}

/* roff needs leading dots/quotes and backslashes escaped. */
static void roff(const char *s)
{
	bool bol = true;

	for (; *s; s++) {
		if (bol && (*s == '.' || *s == '\''))
			fputs("\\&", stdout);
		if (*s == '\\')
			fputs("\\e", stdout);
		else if (*s == '-')
			fputs("\\-", stdout);
		else
			putchar(*s);
		bol = *s == '\n';
	}
}

static void print_man(const struct help_page *p)
{
	printf(".TH SECCOMPCTL-%s 1 \"\" \"seccompctl %s\" \"seccompctl manual\"\n", p->name,
	       SECCOMPCTL_VERSION);
	printf(".SH NAME\nseccompctl\\-%s \\- ", p->name);
	roff(p->summary);
	printf("\n.SH SYNOPSIS\n");
	roff(p->synopsis);
	printf("\n.SH DESCRIPTION\n");
	for (const char *s = p->description; *s;) {
		const char *e = strstr(s, "\n\n");
		size_t n = e ? (size_t)(e - s) : strlen(s);
		char buf[2048];

		snprintf(buf, sizeof(buf), "%.*s", (int)n, s);
		roff(buf);
		printf("\n.PP\n");
		s += n + (e ? 2 : 0);
	}
	if (p->opts[0].flag) {
		printf(".SH OPTIONS\n");
		for (size_t i = 0; i < SC_ARRAY_SIZE(p->opts) && p->opts[i].flag; i++) {
			printf(".TP\n.B ");
			roff(p->opts[i].flag);
			putchar('\n');
			roff(p->opts[i].text);
			putchar('\n');
		}
	}
	if (strcmp(p->name, "lint") == 0) {
		printf(".SH RULES\n");
		for (size_t i = 0; i < lint_rules_count; i++) {
			printf(".TP\n.B %s (%s)\n", lint_rules[i].id,
			       diag_severity_name(lint_rules[i].sev));
			roff(lint_rules[i].title);
			printf(". ");
			roff(lint_rules[i].why);
			putchar('\n');
		}
	}
	if (p->output) {
		printf(".SH OUTPUT\n.nf\n");
		roff(p->output);
		printf(".fi\n");
	}
	printf(".SH GLOBAL OPTIONS\n\\-\\-output text|json, \\-\\-no\\-color, \\-q, before or "
	       "after the command name. NO_COLOR in the environment turns colour off.\n");
	printf(".SH EXIT STATUS\n");
	roff(p->exit_status);
	printf("\n.SH EXAMPLES\n.nf\n");
	roff(p->examples);
	printf("\n.fi\n.SH SEE ALSO\n.BR seccompctl (1)\n");
}

int cmd_help(const struct cli *g, int argc, char **argv)
{
	const struct help_page *p;
	bool man = false;

	if (argc > 1 && strcmp(argv[1], "--man") == 0) {
		man = true;
		argc--;
		argv++;
	}
	if (argc < 2) {
		if (man) {
			printf(
			    ".TH SECCOMPCTL 1 \"\" \"seccompctl %s\" \"seccompctl manual\"\n"
			    ".SH NAME\nseccompctl \\- the whole life of a Linux seccomp profile\n"
			    ".SH SYNOPSIS\nseccompctl [\\-\\-output text|json] [\\-\\-no\\-color] "
			    "[\\-q] COMMAND [ARGS]\n.SH COMMANDS\n",
			    SECCOMPCTL_VERSION);
			for (size_t i = 0; i < SC_ARRAY_SIZE(pages); i++)
				printf(".TP\n.BR seccompctl\\-%s (1)\n%s\n", pages[i].name,
				       pages[i].summary);
			printf(
			    ".SH EXIT STATUS\n0 success; 1 the command worked and found something "
			    "(lint errors, a difference); 2 bad usage or bad input.\n");
			return EXIT_OK;
		}
		printf(
		    "usage: seccompctl [--output text|json] [--no-color] [-q] COMMAND [ARGS]\n\n");
		for (size_t i = 0; i < SC_ARRAY_SIZE(pages); i++)
			printf("  %-10s %s\n", pages[i].name, pages[i].summary);
		printf("\nRun 'seccompctl help COMMAND' for one command.\n");
		return EXIT_OK;
	}
	p = find_page(argv[1]);
	if (!p) {
		fprintf(stderr, "seccompctl help: no command '%s'\n", argv[1]);
		return EXIT_USAGE;
	}
	if (man)
		print_man(p);
	else
		print_text(g, p);
	return EXIT_OK;
}

int cmd_version(const struct cli *g, int argc, char **argv)
{
	printf("seccompctl %s\n", SECCOMPCTL_VERSION);
	return EXIT_OK;
}
