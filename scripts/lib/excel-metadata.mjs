// functions.json from JSDoc'd TypeScript through custom-functions-metadata's API. Its CLI prints
// "Errors found" and exits 0 without writing a file; here any error fails the build.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** { metadata, associate } for a TypeScript file, or an Error listing every metadata problem. */
export async function functionsMetadata(tsFile) {
  const { generateCustomFunctionsMetadata } = require("custom-functions-metadata");
  const result = await generateCustomFunctionsMetadata(tsFile, false);
  if (result.errors.length > 0) throw new Error(`custom-functions-metadata found errors in ${tsFile}:\n  ${result.errors.join("\n  ")}`);
  if (!result.metadataJson) throw new Error(`custom-functions-metadata found no @customfunction in ${tsFile}`);
  const metadata = JSON.parse(result.metadataJson);
  const ids = new Set(metadata.functions.map((f) => f.id));
  const associated = new Set(result.associate.map((a) => a.id));
  const missing = [...ids].filter((id) => !associated.has(id));
  const extra = [...associated].filter((id) => !ids.has(id));
  if (missing.length || extra.length) throw new Error(`associate list and functions.json differ: missing ${missing.join(", ") || "none"}, extra ${extra.join(", ") || "none"}`);
  return { metadata, associate: result.associate };
}
