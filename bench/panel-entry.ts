// What the panel what-if bench imports from core (bundled by bench/lib.mjs loadTs).
export { panelStateOf } from "../core/use-cases/panel-state";
export { gradeData, gradingFingerprint, whatIf } from "../core/use-cases/what-if";
export { checkSettings } from "../core/settings";
export { dayFromParts } from "../core/values";
