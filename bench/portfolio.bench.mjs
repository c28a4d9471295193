// The core portfolio build (gradePortfolio + layoutPortfolio) on seeded synthetic clients at
// 1,000 / 10,000 / 100,000 clients: median ms per size. Then, in the same run, the same
// 10,000-client grading as plain spreadsheet formulas (a COUNTIF rank, since HyperFormula has no
// RANK, and IF chains for the five ratings, score and grade) evaluated by HyperFormula, as a ratio.
// The goal this bench was written for (issue 2): ≤ 100 ms at 100,000 clients on a 2-core machine,
// growth no worse than n log n; each is printed beside its figure, met or not.
import { HyperFormula } from "hyperformula";
import { fmt, loadTs, timeIt } from "./lib.mjs";
import { HEADERS, syntheticSheet } from "./synthetic.mjs";

const { gradePortfolio, layoutPortfolio, DEFAULT_SETTINGS, dayFromParts } = await loadTs("bench/portfolio-entry.ts", "portfolio-core");
const today = dayFromParts(2026, 6, 30);
const build = (rows) => {
  const p = gradePortfolio({ rows, settings: DEFAULT_SETTINGS, today });
  return { p, plan: layoutPortfolio(p, { sourceSheet: "Clients", builtOn: "2026-06-30" }) };
};

console.log("core portfolio build (gradePortfolio + layoutPortfolio), median over runs:");
const coreMs = {};
for (const [n, runs] of [[1_000, 15], [10_000, 9], [100_000, 7]]) {
  const rows = syntheticSheet(n);
  const t = timeIt(() => build(rows), { runs, warmup: 2 });
  // With its health read: the health is worked out when first read.
  const g = timeIt(() => gradePortfolio({ rows, settings: DEFAULT_SETTINGS, today }).health.warnings.length, { runs, warmup: 1 });
  coreMs[n] = t.median;
  console.log(
    `  ${n.toLocaleString("en-US").padStart(7)} clients: ${fmt(t.median).padStart(6)} ms (CPU ${fmt(t.cpu)} ms; gradePortfolio alone ${fmt(g.median)} ms)` +
      `  runs: ${t.times.map(fmt).join(" ")}`,
  );
}
const nlogn = (n) => n * Math.log2(n);
const growth = (a, b) => `×${(coreMs[b] / coreMs[a]).toFixed(1)} (linear ×${b / a}, n log n ×${(nlogn(b) / nlogn(a)).toFixed(1)})`;
console.log(`  growth 1k→10k ${growth(1_000, 10_000)}; 10k→100k ${growth(10_000, 100_000)}`);
const met = (ok) => (ok ? "met" : "not met");
console.log(
  `  goal (issue 2) ≤ 100 ms at 100,000 clients: ${met(coreMs[100_000] <= 100)} (×${(coreMs[100_000] / 100).toFixed(1)}); ` +
    `growth 10k→100k no worse than n log n (×${(nlogn(100_000) / nlogn(10_000)).toFixed(1)}): ${met(coreMs[100_000] / coreMs[10_000] <= nlogn(100_000) / nlogn(10_000))}`,
);
// Issue 10's goals for the grading alone are printed by core-scale.bench.mjs, against its floor and pandas.

// The same grading as spreadsheet formulas, in HyperFormula: one run (the COUNTIF rank is O(n²)).
const N = 10_000;
const rows = syntheticSheet(N);
const R = `$C$2:$C$${N + 1}`;
const points = (cell, best) => `IF(${cell}="${best}",1,IF(${cell}="Medium",0.5,0))`;
// A client … G pain as in the sheet (revenue as a number); H rank, I revenue rating, J wallet
// rating, K profit rating, L score, M grade; O1 and O2 the High / Medium cut-off ranks.
const sheet = [[...HEADERS, "Rank", "Revenue rating", "Wallet rating", "Profit rating", "Score", "Grade", "", `=CEILING(COUNT(${R})*10/100,1)`]];
for (let i = 0; i < N; i++) {
  const r = i + 2;
  const [client, industry, revenue, margin, wallet, strategic, pain] = rows[i + 1];
  sheet.push([
    client, industry, typeof revenue === "number" ? revenue : Number(String(revenue).replace(/[$,]/g, "")), margin, wallet, strategic, pain,
    `=COUNTIF(${R},">"&C${r})+1`,
    `=IF(H${r}<=$O$1,"High",IF(H${r}<=$O$2,"Medium","Low"))`,
    `=IF(E${r}>0.75,"High",IF(E${r}>=0.5,"Medium","Low"))`,
    `=IF(D${r}>=0.25,"High",IF(D${r}>=0.1,"Medium",IF(D${r}>=0,"Low","Laggard")))`,
    `=ROUND(30*${points(`I${r}`, "High")}+15*${points(`J${r}`, "Low")}+25*${points(`K${r}`, "High")}+20*${points(`F${r}`, "High")}+10*${points(`G${r}`, "Low")},1)`,
    `=IF(OR(AND(G${r}="High",OR(K${r}="Low",K${r}="Laggard")),D${r}<0),IF(OR(F${r}="High",F${r}="Medium"),"B","C"),` +
      `IF(L${r}>=60,"A",IF(L${r}>=35,"B",IF(OR(F${r}="High",F${r}="Medium"),"B","C"))))`,
  ]);
}
sheet[1].push("", `=CEILING(COUNT(${R})*20/100,1)`);
globalThis.gc?.();
const c0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
const hf = HyperFormula.buildFromArray(sheet, { licenseKey: "gpl-v3" });
const hfMs = Number(process.hrtime.bigint() - t0) / 1e6;
const hfCpu = process.cpuUsage(c0);
const grades = hf.getRangeValues({ start: { sheet: 0, col: 12, row: 1 }, end: { sheet: 0, col: 12, row: N } });
const coreGrade = new Map(build(rows).p.clients.map((c) => [c.name, c.grade]));
const agree = grades.filter(([g], i) => coreGrade.get(rows[i + 1][0]) === g).length;
console.log(`HyperFormula, the same ${N.toLocaleString("en-US")}-client grading as formulas: ${fmt(hfMs)} ms (CPU ${fmt((hfCpu.user + hfCpu.system) / 1000)} ms, one run)`);
console.log(`  grades agree with the core on ${agree.toLocaleString("en-US")} of ${N.toLocaleString("en-US")} clients`);
console.log(`  HyperFormula / core build at ${N.toLocaleString("en-US")} clients: ×${(hfMs / coreMs[N]).toFixed(0)}`);
if (agree !== N) process.exitCode = 1;
