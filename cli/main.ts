import { main } from "./kam-portfolio";

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
