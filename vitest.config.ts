import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Property tests from a fixed seed unless KAM_FUZZ is set (test/fast-check-seed.ts).
    setupFiles: ["test/fast-check-seed.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
