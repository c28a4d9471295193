/**
 * Headless Chromium for the panel tests (the system's /usr/bin/chromium through playwright-core,
 * never a downloaded browser), in a fresh profile removed on close.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";
import { requireProgram } from "./helpers";

export interface Chromium {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(viewport: { width: number; height: number }, deviceScaleFactor = 1): Promise<Chromium> {
  const profile = mkdtempSync(join(tmpdir(), "kam-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: requireProgram("/usr/bin/chromium", "Chromium"),
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport,
    deviceScaleFactor,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
