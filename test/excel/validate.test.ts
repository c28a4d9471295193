// `npm run validate` (scripts/lib/validate-manifest.mjs): Microsoft's manifest validation needs the
// internet (office-addin-manifest posts the manifest to its service); offline it says so plainly
// and exits 2. The run below is made offline whatever the machine's network (a preloaded module
// fails every host name lookup), so the test never reaches the network.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers";

interface Verdict {
  code: number;
  message: string;
}
const load = async () => (await import(`${ROOT}scripts/lib/validate-manifest.mjs`)) as { verdict: (output: string, status: number | null) => Verdict };

describe("npm run validate", () => {
  it("says clearly when it is offline, and passes the tool's answer through otherwise", async () => {
    const { verdict } = await load();
    const offline = verdict("Error: Unable to contact the manifest validation service.\nFetchError: … ENOTFOUND validationgateway.omex.office.net", 1);
    expect(offline.code).toBe(2);
    expect(offline.message).toMatch(/^npm run validate: OFFLINE — nothing was validated\./);
    expect(verdict("The manifest is valid.", 0)).toEqual({ code: 0, message: "The manifest is valid." });
    expect(verdict("The manifest is not valid.\nError #1: …", 1).code).toBe(1);
  });

  it("run offline against the built manifest: exit 2 and the offline message", async () => {
    const run = promisify(execFile)(process.execPath, [`${ROOT}scripts/lib/validate-manifest.mjs`, `${ROOT}dist/excel-addin/manifest.xml`], {
      env: { ...process.env, NODE_OPTIONS: `--require ${ROOT}test/fakes/offline-network.cjs` },
    });
    await expect(run).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/OFFLINE — nothing was validated[\s\S]*Unable to contact the manifest validation service/) });
  });
});
