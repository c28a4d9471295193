/**
 * Clients in → ranked portfolio + summary + needs-data out (SPEC §2–§7).
 *
 * `gradePortfolio` is the one place a sheet of cells becomes a portfolio: it finds the header row,
 * maps the columns, parses each column once, aggregates an order list, rates, scores, grades, ranks
 * and summarises. It never throws on cell content: a row that cannot be ranked is listed under
 * `needsData` with its sheet row number and the reason. Each step is a module of core/portfolio/:
 *
 * - `read-columns`: header row, mapping, each input column parsed once, order-list detection;
 * - `skipped-rows`: total rows and rows that were not revenue (SPEC §2a), left out with their reason;
 * - `report-groups`: a report grouped by client (a heading, its rows, "Total for …"): the rows take the heading's name;
 * - `read-clients`: rows → clients (needs data, continuation lines, order lists merged), over the
 *   columns of `client-inputs`, each client's attributes (the first valid among its rows) in
 *   `client-attributes`;
 * - `grade-clients`: margin, ratings, score and grade of each client;
 * - `results`: each client's result in rank order (flags, quadrant, review, movement, actions, why);
 * - `summary` and `health`: the portfolio's figures and warnings;
 * - `data-rows`: the rows below the header, read in place;
 * - `types` and `errors`: what this module gives and throws.
 */
import { migrationOf, recentBuilds } from "./model/builds";
import { latestSnapshot } from "./model/history";
import type { Grade } from "./settings";
import { budgetPerClient } from "./model/allocation";
import { rankOrder, revenueOrder } from "./model/rank-order";
import { dayToIso } from "./values";
import { rowsBelow } from "./portfolio/data-rows";
import { EmptySheetError } from "./portfolio/errors";
import { countGrades, gradeClients, gradingAt, positiveRevenueRatings } from "./portfolio/grade-clients";
import { healthOf } from "./portfolio/health";
import { keyOf, nameOf } from "./portfolio/client-inputs";
import { readClients } from "./portfolio/read-clients";
import { isOrderList, mapColumns, noRelationshipValues, parseColumns } from "./portfolio/read-columns";
import { groupNames } from "./portfolio/key-groups";
import { currenciesNote } from "./portfolio/currencies";
import { hasAmount, readGroups } from "./portfolio/report-groups";
import { namesNoClient, notRevenueRows, skippedRows } from "./portfolio/skipped-rows";
import { countKeys, lazyResults, rankClients, type ResultContext } from "./portfolio/results";
import { profitOf, summarise } from "./portfolio/summary";
import { currentPeriod } from "./period/current-period";
import { afterAsOfNote, periodNotes } from "./period/notes";
import { periodDates } from "./period/window";
import type { Health, JsonShape, Portfolio, PortfolioInput } from "./portfolio/types";

export { EmptySheetError, MissingColumnsError } from "./portfolio/errors";
export { looksLikeOrderList, mapColumns, type Columns } from "./portfolio/read-columns";
export { isTotalLabel } from "./portfolio/skipped-rows";
export type { ClientResult, Flag, Health, JsonClient, NeedsData, Portfolio, PortfolioInput, Skipped, Summary } from "./portfolio/types";

export function gradePortfolio(input: PortfolioInput): Portfolio {
  const { settings } = input;
  const firstRow = input.firstRow ?? 1;
  const columns = mapColumns(input.rows, settings, input.ownColumns);
  const { headers, headerIndex } = columns;
  let mapping = columns.mapping;
  const own = new Set(input.ownColumns ?? []);
  const data = rowsBelow(input.rows, headerIndex);
  const firstDataRow = firstRow + headerIndex + 1;
  const cols = parseColumns(data, mapping, { decimalComma: input.decimalComma === true, date1904: input.date1904 === true });
  const notes: string[] = [];
  if (noRelationshipValues(cols.relationships)) {
    // A CRM's "Stage" holds pipeline stages (Closed Won), not relationship stages: not used, rather than a note on every client.
    notes.push(`The column “${headers[mapping.relationship as number]}” holds no relationship strengths (1–5, 0–10, 0–100, High/Medium/Low or a stage such as Cooperative): not used; relationships are estimated from wallet share and pain.`);
    mapping = { ...mapping };
    delete mapping.relationship;
    cols.relationships = null;
  }
  // A report grouped by client names each client once, above its rows: those rows take its name first.
  const groupRows = readGroups(cols.names, (i) => hasAmount(cols.revenues, i));
  const skips = skippedRows(cols.names, notRevenueRows(data, headers, mapping), groupRows);
  const currencies = currenciesNote(data, headers, mapping, cols.names, skips);
  if (currencies !== null) notes.push(currencies);

  // Clients are matched by name ignoring case and surrounding spaces (clientKey). A total label or
  // a repeated header names no client; a row that was not revenue still names one (an order list repeats names).
  const groups = groupNames(cols.names, skips.size > 0 ? (i) => namesNoClient(skips.get(i)) : null);
  const repeats = { nonBlank: groups.nonBlank, repeats: groups.nonBlank - groups.distinct };
  const mode: "clients" | "orders" = settings.mode === "auto" ? (isOrderList(repeats) ? "orders" : "clients") : settings.mode;

  const period = currentPeriod(cols, skips, mode, settings);
  for (const n of periodNotes(period, mode, settings, mapping.date === undefined ? null : headers[mapping.date] ?? "")) notes.push(n);
  const { inputs, needsData, skipped, continuations, rowsRead, clientOfRow, afterAsOf } = readClients(data, cols, groups, mode, own, firstDataRow, skips, period);
  if (afterAsOf > 0) notes.push(afterAsOfNote(afterAsOf, period));
  if (rowsRead === 0) throw new EmptySheetError(true);

  const revenueList = inputs.revenue.subarray(0, inputs.count);
  const byRevenue = revenueOrder(revenueList, (k) => nameOf(inputs, k));
  const revRatings = positiveRevenueRatings(revenueList, byRevenue, settings);

  const noMargin = mapping.margin === undefined && mapping.profit === undefined ? "no margin or profit column; scored as Unknown" : "margin missing; scored as Unknown";
  const graded = gradeClients(inputs, revRatings, settings, noMargin, input.today, mapping.costToServe !== undefined);

  // The SPEC §4 rank order (grade A–C, score ↓, revenue ↓, name in code units), without a
  // comparison sort: see model/rank-order.
  const order = rankOrder(byRevenue, graded.gradeIndex, graded.scores);
  const previous = latestSnapshot(input.history ?? []);
  const builds = previous.size > 0 ? recentBuilds(input.history ?? []) : [];
  const context: ResultContext = {
    settings,
    // Duplicate names in a per-client sheet: counted only when some name repeats at all.
    dupCount: mode === "clients" && repeats.repeats > 0 ? countKeys(inputs) : null,
    previous,
    today: input.today,
    reviewMapped: mapping.review !== undefined,
    // The budget goes to clients with a positive revenue (SPEC §2a).
    perClient: budgetPerClient(countGrades(graded.gradeIndex, inputs.revenue), settings.budget),
    period,
    builds,
  };
  const ranked = rankClients(order, byRevenue, inputs, graded, context);
  const results = lazyResults(ranked, context, clientOfRow, firstDataRow);

  const money = profitOf(ranked, settings);
  const summary = summarise(ranked, settings);
  if (money.curve) {
    summary.profitTop20Share = money.curve.topShare;
    summary.lossMakers = money.curve.lossMakers;
    summary.lossTotal = money.curve.lossTotal;
  }
  let health: Health | null = null;
  const jsonShape: JsonShape = { history: previous.size > 0, period: period !== null, costs: mapping.costToServe !== undefined, profits: money.curve !== null };
  return {
    // Each client's result (its texts, flags, dates) is made when first read: see portfolio/results.
    get clients() {
      return results.clients();
    },
    jsonClients: (from, to) => results.json(from, to, jsonShape),
    needsData,
    skipped,
    continuations,
    notes,
    previousBuild: previous.size > 0,
    migration: previous.size > 0 ? migrationOf(builds[builds.length - 1] as Map<string, Grade>, Array.from(order, (k) => ({ key: keyOf(inputs, k), grade: gradingAt(graded, k).result.grade }))) : null,
    summary,
    profitCurve: money.curve,
    profitSentence: money.sentence,
    // Worked out when first read: `grade --json` never reads it.
    get health() {
      return (health ??= healthOf(ranked, summary, settings, mapping.industry !== undefined, previous.size > 0));
    },
    mode,
    period: period === null ? null : { ...periodDates(period), months: period.months },
    rowsRead,
    headers,
    headerRow: firstRow + headerIndex,
    mapping,
    settings,
    today: dayToIso(input.today),
    get clientByRow() {
      return results.byRow();
    },
  };
}
