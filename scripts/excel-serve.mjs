// The Excel add-in's dev server: https://localhost:3000 serving dist/excel-addin, with the
// localhost certificate that `npx office-addin-dev-certs install` creates and trusts.
//
//   npm run build && npm run excel:serve            # https://localhost:3000/taskpane.html
//   npm run excel:serve -- --port 3001 --cert c.crt --key c.key
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { serveStatic } from "./lib/static-server.mjs";

const root = new URL("../dist/excel-addin/", import.meta.url).pathname;
const { values } = parseArgs({
  options: {
    port: { type: "string", default: "3000" },
    cert: { type: "string", default: join(homedir(), ".office-addin-dev-certs", "localhost.crt") },
    key: { type: "string", default: join(homedir(), ".office-addin-dev-certs", "localhost.key") },
    http: { type: "boolean", default: false },
  },
});

if (!existsSync(join(root, "manifest.xml"))) {
  console.error("excel:serve: dist/excel-addin is missing; run `npm run build` first");
  process.exit(1);
}
let tls = null;
if (!values.http) {
  if (!existsSync(values.cert) || !existsSync(values.key)) {
    console.error(`excel:serve: no certificate at ${values.cert}\n  run \`npx office-addin-dev-certs install\` once (it creates and trusts a localhost certificate),\n  or pass --cert and --key`);
    process.exit(1);
  }
  tls = { cert: readFileSync(values.cert), key: readFileSync(values.key) };
}
const server = await serveStatic(root, { port: Number(values.port), tls, log: (line) => console.log(line) });
const { port } = server.address();
console.log(`KAM Portfolio add-in: ${tls ? "https" : "http"}://localhost:${port}/ (manifest: dist/excel-addin/manifest.xml). Ctrl+C to stop.`);
