import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const SHARED = fileURLToPath(new URL("../../shared/", import.meta.url));
export const CLI = `${ROOT}bin/kam-portfolio.mjs`;

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built `kam-portfolio` command as a user would. */
export function runCli(args: string[], cwd = ROOT): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
