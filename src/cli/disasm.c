/* seccompctl disasm: placeholder until the command lands (issue 3). */
#include "cli/cli.h"

int cmd_disasm(const struct cli *g, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_usage_error(g, "disasm", "not built yet");
}
