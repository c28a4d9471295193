/** The process entry of the `kam-portfolio` command (bundled as dist/cli/kam-portfolio.mjs, the package's bin; built by `npm install` and `npm run build`). */
import { main } from "./main";

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
