// What the portfolio bench imports from core (bundled by bench/lib.mjs loadTs).
export { gradePortfolio } from "../core/portfolio";
export { layoutPortfolio } from "../core/layout";
export { DEFAULT_SETTINGS } from "../core/settings";
export { dayFromParts } from "../core/values";
