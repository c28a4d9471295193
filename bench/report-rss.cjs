// Preloaded into each run of the command by bench/command.mjs (`node -r`): reports the process's
// peak memory (max RSS, KB) on stderr as it exits. CommonJS, preloaded with -r: an `--import`
// would start node's ES module loader, which the command itself never does (about 40 ms a run).
process.on("exit", () => process.stderr.write(`\nmaxrss=${process.resourceUsage().maxRSS}\n`));
