// `npm run validate [-- --production] [manifest.xml]`: Microsoft's manifest validation
// (`office-addin-manifest validate`, learn.microsoft.com/office/dev/add-ins/testing/troubleshoot-manifest)
// on the built dist/excel-addin/manifest.xml. The tool posts the manifest to Microsoft's validation
// service (validationgateway.omex.office.net), so it needs the internet: offline, this says so and
// exits with code 2 — nothing was validated. The structure the offline tests check is in
// test/excel/manifest.test.ts and test/excel/host-rules.test.ts.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const OFFLINE = /Unable to contact the manifest validation service|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ENETUNREACH/;

/** What to say after the tool ran: its output, or why nothing was validated. */
export function verdict(output, status) {
  if (status !== 0 && OFFLINE.test(output)) {
    return {
      code: 2,
      message: [
        "npm run validate: OFFLINE — nothing was validated.",
        "office-addin-manifest validate sends manifest.xml to Microsoft's validation service",
        "(https://validationgateway.omex.office.net), which this machine cannot reach.",
        "Run `npm run validate` again where the internet is available. The tool said:",
        output.trim(),
      ].join("\n"),
    };
  }
  return { code: status ?? 1, message: output.trim() };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const production = args.includes("--production");
  const manifest = args.find((a) => !a.startsWith("--")) ?? `${root}dist/excel-addin/manifest.xml`;
  const run = spawnSync(process.execPath, [`${root}node_modules/office-addin-manifest/cli.js`, "validate", ...(production ? ["-p"] : []), manifest], { encoding: "utf8" });
  const { code, message } = verdict(`${run.stdout ?? ""}${run.stderr ?? ""}`, run.status);
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
