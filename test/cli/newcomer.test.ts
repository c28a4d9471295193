// The newcomer's path (issue 9): `--help` (and `-h`, `help`) on stdout says what grade and build
// do; `--version`; every option the command takes is in the README and in --help; the README's
// settings example works when copied as is (it broke both examples with a `mapping` for a column
// they do not have); a usage error is one line pointing at --help.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HELP } from "../../cli/options";
import { DEFAULT_SETTINGS } from "../../core/settings";
import { ROOT, runCli } from "../helpers";
import { run, tempDir } from "./build-helpers";

const README = readFileSync(`${ROOT}README.md`, "utf8");
const packageJson = JSON.parse(readFileSync(`${ROOT}package.json`, "utf8")) as { version: string };
/** The long options `parseArgs` takes, read from the source so a new one cannot be left out. */
const OPTIONS = [...readFileSync(`${ROOT}cli/options.ts`, "utf8").matchAll(/^ {8}([a-z]+): \{ type: "(?:string|boolean)"/gm)].map((m) => `--${m[1]}`);

describe("help and version", () => {
  it("the installed command prints it on stdout", async () => {
    const r = await runCli(["--help"]);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, `${HELP}\n`, ""]);
  });

  it.each([["--help"], ["-h"], ["help"], ["grade", "--help"]])("%s prints what the commands do, exit 0", async (...args) => {
    const r = await run(...args);
    expect([r.code, r.err]).toEqual([0, ""]);
    expect(r.out).toBe(HELP);
    expect(r.out).toMatch(/kam-portfolio grade <file\.csv\|file\.xlsx> \[options\]\n\s+Prints the ranked portfolio/);
    expect(r.out).toMatch(/kam-portfolio build <file\.csv\|file\.xlsx> \[options\]\n\s+Writes a copy of the workbook/);
  });

  it("--version prints the package's version", async () => {
    const r = await runCli(["--version"]);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, `${packageJson.version}\n`, ""]);
  });

  it.each([[[]], [["frobnicate"]], [["grade"]], [["grade", "a.csv", "b.csv"]], [["grade", "a.csv", "--colour"]]])("a usage error %j is one line pointing at --help, exit 1", async (args) => {
    const r = await run(...args);
    expect(r.code).toBe(1);
    expect(r.out).toBe("");
    expect(r.err.split("\n")).toHaveLength(1);
    expect(r.err).toMatch(/^kam-portfolio: .*; run `kam-portfolio --help` for the commands and options$/);
  });
});

describe("every option is documented", () => {
  it("the command's options were read from its source", () => {
    expect(OPTIONS).toEqual(expect.arrayContaining(["--sheet", "--out", "--config", "--map", "--mode", "--json", "--force", "--today", "--help", "--version"]));
  });

  it.each(OPTIONS)("%s is in the README's option table and in --help", (option) => {
    expect(README).toMatch(new RegExp(`\\n\\| \`${option}[ \`=,]`));
    expect(HELP).toMatch(new RegExp(`\\n  ${option}\\b|${option} `));
  });
});

describe("the README's settings example, copied as is", () => {
  const block = /### Settings[\s\S]*?```json\n([\s\S]*?)```/.exec(README)?.[1] as string;
  const dir = tempDir("kam-readme-");
  const config = join(dir, "kam.json");
  writeFileSync(config, block);

  it("states the defaults: every setting of the command, each at its default", () => {
    const settings = JSON.parse(block) as Record<string, unknown>;
    const keys = Object.keys(DEFAULT_SETTINGS).filter((k) => k !== "mapping" && k !== "matrixOutput");
    expect(Object.keys(settings).sort()).toEqual(keys.sort());
    for (const k of keys) expect(settings[k], k).toEqual(DEFAULT_SETTINGS[k as keyof typeof DEFAULT_SETTINGS]);
  });

  it.each(["examples/clients.csv", "examples/orders.csv", "examples/clients.xlsx"])("grades and builds %s", async (example) => {
    const plain = await run("grade", example, "--json", "--today", "2026-11-22");
    const withConfig = await run("grade", example, "--json", "--today", "2026-11-22", "--config", config);
    expect([withConfig.code, withConfig.err]).toEqual([0, ""]);
    expect(withConfig.out).toBe(plain.out);
    const built = await run("build", example, "--config", config, "--out", join(dir, `${example.replace(/\W/g, "-")}.xlsx`));
    expect([built.code, built.err]).toEqual([0, ""]);
  });

  it("the mapping it describes works on a sheet that has the column", async () => {
    const csv = join(dir, "customers.csv");
    writeFileSync(csv, "Customer Name,Account Manager,Sales\nAcme,Jo,100\nBolt,Al,50\n");
    const mapped = join(dir, "mapped.json");
    writeFileSync(mapped, /"mapping": \{[^}]*\}/.exec(README)?.[0].replace(/^/, "{").concat("}") as string);
    const r = await run("grade", csv, "--json", "--config", mapped);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as { clients: { name: string }[] }).clients.map((c) => c.name)).toEqual(["Acme", "Bolt"]);
  });
});
