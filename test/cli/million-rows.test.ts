// No limits from the call stack (issue 9): the bundled `kam-portfolio grade` on a 1,000,000-row CSV
// (an order list: 200,000 clients, past the ~125,000 arguments a spread into a call can take)
// prints its whole table and exits 0. The file is written as a stream and the table goes to a
// file, so neither is held by the test. What it takes here is in docs/files.md, "Big files" (about
// 30–35 s and 800 MB at its peak on the busy 2-core machine; 1.3 GB before the CSV was read in pieces).
import { spawn } from "node:child_process";
import { createReadStream, createWriteStream, mkdtempSync, openSync, closeSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI } from "../helpers";

const ROWS = 1_000_000;
const CLIENTS = 200_000;
const dir = mkdtempSync(join(tmpdir(), "kam-million-"));
const csv = join(dir, "orders.csv");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes the order list, row by row, waiting for the stream to drain. */
async function writeOrders(): Promise<void> {
  const out = createWriteStream(csv);
  out.write("Order,Client,Revenue,Margin,Strategic\n");
  for (let i = 0; i < ROWS; i++) {
    const line = `SO-${i},Client ${i % CLIENTS},${((i * 7919) % 100_000) / 100 + 1},${(i % 50) - 5}%,${["High", "Medium", "Low", ""][i % 4]}\n`;
    if (!out.write(line)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}

describe("kam-portfolio grade on a 1,000,000-row CSV", () => {
  const table = join(dir, "table.txt");
  let code: number | null = null;
  let stderr = "";
  beforeAll(async () => {
    await writeOrders();
    const fd = openSync(table, "w");
    const child = spawn(process.execPath, [CLI, "grade", csv], { stdio: ["ignore", fd, "pipe"] });
    child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
    [code] = (await once(child, "close")) as [number | null];
    closeSync(fd);
  }, 300_000);

  it("exits 0 with nothing on stderr", () => {
    expect([code, stderr]).toEqual([0, ""]);
  });

  it("prints the whole ranked table: a line per client, ranks 1 … 200,000, then the legend and summary", async () => {
    const lines = createInterface({ input: createReadStream(table) });
    let first = "";
    let ranked = 0;
    let lastRank = 0;
    let revenue = "";
    for await (const line of lines) {
      if (first === "") first = line;
      const rank = /^ *(\d+) {2}Client \d+ /.exec(line);
      if (rank) {
        ranked++;
        lastRank = Number(rank[1]);
      }
      if (line.startsWith("Revenue ")) revenue = line;
    }
    expect(first).toMatch(new RegExp(`^KAM portfolio: ${CLIENTS} clients \\(${ROWS} order rows merged\\), A \\d+ · B \\d+ · C \\d+$`));
    expect([ranked, lastRank]).toEqual([CLIENTS, CLIENTS]);
    expect(revenue).toMatch(/^Revenue [\d,]+; top 20% of clients [\d.]+%; top client [\d.]+%; HHI \d+ \(unconcentrated\)$/);
  });
});
