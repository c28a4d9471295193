// Property tests (fast-check) over random sheets.
//
// 1. gradePortfolio never throws on cell content. The one documented throw is EmptySheetError,
//    and only when no data row holds anything (a sheet of headers only).
// 2. Every non-blank data row ends up ranked, under needsData, or skipped with its reason, never
//    two of them, never dropped: per-client sheets: ranked + needsData + skipped = non-blank rows,
//    row for row; order lists: every non-blank row is in needsData, skipped, points at the client
//    it was merged into, or is a continuation line (no client, no amount: SPEC §2a), which points
//    at the client of the order above when that order was merged; `continuations` counts them.
//    Shares are of positive revenue: never below 0 or above 100%, whatever the credit notes.
// 3. Ranks are 1..n in the SPEC order: grade (A, B, C), score ↓, revenue ↓, name (code units).
// 4. Raising one factor of one client never lowers that client's grade and changes no other
//    client, for: strategic value up (blank/Low → Medium → High), margin up, pain down
//    (High → Medium → Low, blank → Low), wallet share down (a lower share is more upside: raising
//    the share lowers the points by design, SPEC §3.2).
//    Revenue is different, because the revenue rating is a rank in the population: with the rank
//    method, raising one client's revenue never lowers its own grade and never raises anyone
//    else's (their ranks can only get worse). With the cumulative method it can lower its own
//    grade: the running share includes the client, so a client that grows past 80% of all revenue
//    becomes Medium (SPEC §3.1; a fixed example below).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EmptySheetError, gradePortfolio, type ClientResult, type Portfolio } from "../../core/portfolio";
import { resolveSettings, type Settings } from "../../core/settings";
import { dayFromParts, type CellValue } from "../../core/values";

const today = dayFromParts(2026, 6, 30);
const blank = (v: CellValue) => v === null || v === undefined || (typeof v === "string" && v.trim() === "");

// ---------------------------------------------------------------------------------------------
// Random cells of every kind a sheet holds

const formulaLike = fc.tuple(fc.constantFrom("=", "+", "-", "@"), fc.string({ maxLength: 12 })).map(([p, s]) => p + s);
const cell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constantFrom<CellValue>(null, undefined, "", "   "),
  fc.double(), // includes NaN, ±Infinity, -0
  fc.integer({ min: -1_000_000, max: 10_000_000 }),
  fc.integer({ min: 0, max: 10_000_000 }).map((n) => `$${(n / 100).toLocaleString("en-US", { minimumFractionDigits: 2 })}`),
  fc.integer({ min: 0, max: 100_000 }).map((n) => `(${n})`),
  fc.integer({ min: -50, max: 150 }).map((n) => `${n}%`),
  fc.double({ min: -1, max: 2, noNaN: true }),
  fc.boolean(),
  fc.oneof(fc.date(), fc.constant(new Date(Number.NaN))),
  fc.constantFrom("#N/A", "#DIV/0!", "#REF!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!"),
  formulaLike,
  fc.constantFrom("High", "medium", "L", "3", "2", "1", "Cooperative", "yes", "no", "A", "b", "1.2k", "1.200,50", "2025-02-30", "2025-01-15", "45658"),
  // total labels, statuses that were not revenue, pipeline stages, words that are code elsewhere
  fc.constantFrom("Total", "grand total:", "SUBTOTAL", "Customer total", "sum", "Refunded", "partially_refunded", "Closed Won", "closed lost", "Contract Sent", "void", "-500", "(1,200)", "0", "constructor", "__proto__"),
  fc.string({ maxLength: 16 }),
);

const HEADERS = [
  "Client", "Revenue", "Profit", "Margin", "Share of Wallet", "Strategic", "Pain", "Aligned", "Easy", "Relationship",
  "Industry", "Date", "Override", "Last Review", "Status",
];
const headerSet = fc
  .shuffledSubarray(HEADERS.slice(2))
  .chain((extra) => fc.shuffledSubarray(["Client", "Revenue", ...extra], { minLength: extra.length + 2, maxLength: extra.length + 2 }));

const sheet = headerSet.chain((headers) =>
  fc.record({
    headers: fc.constant(headers),
    data: fc.array(fc.array(cell, { minLength: headers.length, maxLength: headers.length }), { maxLength: 30 }),
    // a few rows repeating a client name, so order lists turn up too
    repeats: fc.nat({ max: 10 }),
  }),
).map(({ headers, data, repeats }) => {
  const c = headers.indexOf("Client");
  const rows = data.map((r) => [...r]);
  for (let i = 0; i < Math.min(repeats, rows.length - 1); i++) (rows[rows.length - 1 - i] as CellValue[])[c] = rows[i]?.[c] ?? "Acme";
  return { headers, data: rows };
});

const settingsArb = fc.record({
  mode: fc.constantFrom("auto", "clients", "orders"),
  revenueMethod: fc.constantFrom("rank", "cumulative"),
});

// ---------------------------------------------------------------------------------------------
// The SPEC order, written independently of core/portfolio.ts

const GRADE_ORDER = { A: 0, B: 1, C: 2 } as const;
function specOrder(a: ClientResult, b: ClientResult): number {
  if (a.grade !== b.grade) return GRADE_ORDER[a.grade] - GRADE_ORDER[b.grade];
  if (a.score !== b.score) return b.score - a.score;
  if (a.revenue !== b.revenue) return b.revenue - a.revenue;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function tryGrade(rows: CellValue[][], settings: Settings): Portfolio | EmptySheetError {
  try {
    return gradePortfolio({ rows, settings, today });
  } catch (e) {
    if (e instanceof EmptySheetError) return e;
    throw e;
  }
}

describe("random sheets of mixed cells", () => {
  it("never throw; only a sheet with no non-blank data row is an (EmptySheetError) error", () => {
    fc.assert(
      fc.property(sheet, settingsArb, ({ headers, data }, s) => {
        const r = tryGrade([headers, ...data], resolveSettings(s));
        const nonBlank = data.filter((row) => !row.every(blank)).length;
        if (r instanceof EmptySheetError) expect(nonBlank).toBe(0);
        else expect(nonBlank).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it("every non-blank row ends up ranked, in needsData or skipped, exactly once; continuation lines are counted", () => {
    fc.assert(
      fc.property(sheet, settingsArb, ({ headers, data }, s) => {
        const p = tryGrade([headers, ...data], resolveSettings(s));
        if (p instanceof EmptySheetError) return;
        const nonBlankRows = data.flatMap((row, i) => (row.every(blank) ? [] : [i + 2]));
        expect(p.rowsRead).toBe(nonBlankRows.length);
        const needs = new Set(p.needsData.map((n) => n.row));
        const skipped = new Set(p.skipped.map((n) => n.row));
        expect(needs.size).toBe(p.needsData.length);
        expect(skipped.size).toBe(p.skipped.length);
        // A continuation line (SPEC §2a): an order list's row with no client text and a blank amount.
        const [c, r] = [headers.indexOf("Client"), headers.indexOf("Revenue")];
        const noClient = (v: CellValue) => blank(v) || (v instanceof Date && Number.isNaN(v.getTime()));
        const continuation = (n: number) => p.mode === "orders" && !skipped.has(n) && noClient(data[n - 2]?.[c]) && blank(data[n - 2]?.[r]);
        let continuations = 0;
        for (const n of nonBlankRows) {
          const places = [p.clientByRow.has(n), needs.has(n), skipped.has(n)].filter(Boolean).length;
          if (continuation(n)) {
            continuations++;
            expect(places, `row ${n}`).toBeLessThanOrEqual(1);
            expect(needs.has(n)).toBe(false);
          } else expect(places, `row ${n}`).toBe(1);
        }
        expect(p.continuations).toBe(continuations);
        expect([...needs, ...skipped, ...p.clientByRow.keys()].every((n) => nonBlankRows.includes(n))).toBe(true);
        if (p.mode === "clients") expect(p.clients.map((x) => x.row).sort((a, b) => a - b)).toEqual([...p.clientByRow.keys()].sort((a, b) => a - b));
        // each client's first row is one of its merged rows
        for (const x of p.clients) expect(p.clientByRow.get(x.row)).toBe(x);
        for (const n of [...p.needsData, ...p.skipped]) expect(n.reason.length).toBeGreaterThan(3);
        for (const n of p.skipped) if (n.reason === "total row") expect(n.name).toMatch(/total|sum|overall/i);
      }),
      { numRuns: 300 },
    );
  });

  it("shares are of positive revenue: between 0 and 100%, and a client without revenue is Low, flagged, budgetless", () => {
    fc.assert(
      fc.property(sheet, settingsArb, ({ headers, data }, s) => {
        const p = tryGrade([headers, ...data], resolveSettings(s));
        if (p instanceof EmptySheetError) return;
        const within = (x: number | null, max: number) => {
          if (x === null) return;
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(max * (1 + 1e-12));
        };
        const { top20Share, topClientShare, hhi } = p.summary;
        for (const share of [top20Share, topClientShare, ...Object.values(p.health.shareByGrade), ...p.health.industries.map((i) => i.share)]) within(share, 1);
        within(hhi, 10_000);
        for (const x of p.clients) {
          expect(x.budgetShare).toBeGreaterThanOrEqual(0);
          if (x.revenue > 0) expect(x.flags).not.toContain("no-revenue");
          else expect([x.revenueRating, x.budgetShare, x.flags.includes("no-revenue")]).toEqual(["Low", 0, true]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("ranks are 1..n in the SPEC order, and every result is well-formed", () => {
    fc.assert(
      fc.property(sheet, settingsArb, ({ headers, data }, s) => {
        const p = tryGrade([headers, ...data], resolveSettings(s));
        if (p instanceof EmptySheetError) return;
        expect(p.clients.map((c) => c.rank)).toEqual(p.clients.map((_, i) => i + 1));
        for (let i = 1; i < p.clients.length; i++) {
          expect(specOrder(p.clients[i - 1] as ClientResult, p.clients[i] as ClientResult)).toBeLessThanOrEqual(0);
        }
        for (const c of p.clients) {
          expect(Number.isFinite(c.revenue)).toBe(true);
          expect(c.score).toBeGreaterThanOrEqual(0);
          expect(c.score).toBeLessThanOrEqual(100);
          expect(Math.round(c.score * 10) / 10).toBe(c.score);
          expect(["A", "B", "C"]).toContain(c.grade);
          expect(c.name).toBe(c.name.trim());
          expect(c.name.length).toBeGreaterThan(0);
          expect(c.why.startsWith(`${c.grade} — `)).toBe(true);
          expect(c.relationship).toBeGreaterThanOrEqual(0);
          expect(c.relationship).toBeLessThanOrEqual(100);
        }
        expect(p.summary.clients).toBe(p.clients.length);
        expect(p.summary.byGrade.A + p.summary.byGrade.B + p.summary.byGrade.C).toBe(p.clients.length);
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Monotonicity on valid per-client sheets

const COLS = ["Client", "Revenue", "Margin", "Share of Wallet", "Strategic", "Pain", "Override"];
const [REV, MARGIN, WALLET, STRATEGIC, PAIN] = [1, 2, 3, 4, 5];
interface Row {
  revenue: number;
  margin: number;
  wallet: number;
  strategic: string;
  pain: string;
  override: string;
}
const rowArb: fc.Arbitrary<Row> = fc.record({
  revenue: fc.oneof(fc.constantFrom(1000, 5000, 20_000), fc.integer({ min: 0, max: 1_000_000 })), // ties
  margin: fc.integer({ min: -30, max: 60 }),
  wallet: fc.integer({ min: 0, max: 100 }),
  strategic: fc.constantFrom("High", "Medium", "Low", ""),
  pain: fc.constantFrom("Low", "Medium", "High", ""),
  override: fc.oneof({ weight: 9, arbitrary: fc.constant("") }, { weight: 1, arbitrary: fc.constantFrom("A", "B", "C") }),
});
const validSheet = fc.array(rowArb, { minLength: 1, maxLength: 40 });
const toRows = (rows: Row[]): CellValue[][] => [
  COLS,
  ...rows.map((r, i) => [`Client ${i}`, r.revenue, `${r.margin}%`, `${r.wallet}%`, r.strategic, r.pain, r.override]),
];
const RANK = resolveSettings({ mode: "clients" });
const CUMULATIVE = resolveSettings({ mode: "clients", revenueMethod: "cumulative" });
const gradesByRow = (rows: CellValue[][], settings = RANK) => {
  const p = gradePortfolio({ rows, settings, today });
  return new Map(p.clients.map((c) => [c.row, { grade: c.grade, score: c.score }]));
};

type Change = (cells: CellValue[], rnd: number) => boolean;
const STRATEGIC_UP: Record<string, string> = { "": "Medium", Low: "Medium", Medium: "High" };
const PAIN_DOWN: Record<string, string> = { High: "Medium", Medium: "Low", "": "Low" };
const CHANGES: [string, Change][] = [
  ["strategic value up", (c) => {
    const up = STRATEGIC_UP[String(c[STRATEGIC])];
    if (!up) return false;
    c[STRATEGIC] = up;
    return true;
  }],
  ["margin up", (c, rnd) => {
    const m = parseInt(String(c[MARGIN]), 10);
    c[MARGIN] = `${Math.min(100, m + 1 + Math.floor(rnd * 40))}%`;
    return m < 100;
  }],
  ["pain down", (c) => {
    const down = PAIN_DOWN[String(c[PAIN])];
    if (!down) return false;
    c[PAIN] = down;
    return true;
  }],
  ["wallet share down", (c, rnd) => {
    const w = parseInt(String(c[WALLET]), 10);
    c[WALLET] = `${Math.max(0, w - 1 - Math.floor(rnd * 50))}%`;
    return w > 0;
  }],
];

describe("raising one factor never lowers the grade", () => {
  it.each(CHANGES)("%s: that client's grade never drops; every other client is unchanged", (_name, change) => {
    fc.assert(
      fc.property(validSheet, fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), (rows, pick, rnd) => {
        const before = toRows(rows);
        const k = pick % rows.length;
        const after = before.map((r) => [...r]);
        if (!change(after[k + 1] as CellValue[], rnd)) return;
        const g0 = gradesByRow(before);
        const g1 = gradesByRow(after);
        const row = k + 2;
        expect(GRADE_ORDER[g1.get(row)!.grade]).toBeLessThanOrEqual(GRADE_ORDER[g0.get(row)!.grade]);
        expect(g1.get(row)!.score).toBeGreaterThanOrEqual(g0.get(row)!.score);
        for (const [r, g] of g0) if (r !== row) expect(g1.get(r)).toEqual(g);
      }),
      { numRuns: 200 },
    );
  });

  it("revenue up (rank method): that client's grade never drops, and no other client's grade rises", () => {
    fc.assert(
      fc.property(validSheet, fc.nat(), fc.integer({ min: 1, max: 2_000_000 }), (rows, pick, more) => {
        const before = toRows(rows);
        const k = pick % rows.length;
        const after = before.map((r) => [...r]);
        (after[k + 1] as CellValue[])[REV] = (rows[k] as Row).revenue + more;
        const g0 = gradesByRow(before);
        const g1 = gradesByRow(after);
        const row = k + 2;
        expect(GRADE_ORDER[g1.get(row)!.grade]).toBeLessThanOrEqual(GRADE_ORDER[g0.get(row)!.grade]);
        for (const [r, g] of g0) if (r !== row) expect(GRADE_ORDER[g1.get(r)!.grade]).toBeGreaterThanOrEqual(GRADE_ORDER[g.grade]);
      }),
      { numRuns: 200 },
    );
  });

  it("revenue up (cumulative method) can lower a client's own rating, by the SPEC's definition", () => {
    // 50 of 100 is 50%: High. Grown to 500 of 550 its running share is 91%: Medium.
    const rows = (top: number): CellValue[][] => [["Client", "Revenue"], ["Top", top], ["B", 30], ["C", 20]];
    const rating = (top: number) => gradePortfolio({ rows: rows(top), settings: CUMULATIVE, today }).clients.find((c) => c.name === "Top")?.revenueRating;
    expect(rating(50)).toBe("High");
    expect(rating(500)).toBe("Medium");
  });

  it("wallet share up lowers the points by design (SPEC §3.2: a low share is upside)", () => {
    const rows = (share: string): CellValue[][] => [["Client", "Revenue", "Share of Wallet"], ["Acme", 100, share]];
    const score = (share: string) => gradePortfolio({ rows: rows(share), settings: RANK, today }).clients[0]?.score as number;
    expect(score("20%")).toBeGreaterThan(score("60%"));
    expect(score("60%")).toBeGreaterThan(score("90%"));
  });
});
