/** The process entry of the `kam-portfolio` command (bundled as dist/cli/kam-portfolio.cjs, the package's bin; built by `npm install` and `npm run build`). */
import { main } from "./main";

// A reader that stops early (`kam-portfolio grade big.csv --json | head`) closes the pipe: the
// command stops there quietly, as command-line tools do, instead of dying on an unhandled EPIPE
// with a stack trace. Any other failure to write the output (a full disk) is one line, exit 2.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
  process.stderr.write(`kam-portfolio: cannot write the output: ${e.message}\n`);
  process.exit(2);
});

main(process.argv.slice(2), {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`kam-portfolio: ${String(e)}\n`);
    process.exitCode = 2;
  },
);
