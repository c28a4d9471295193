/**
 * The rating functions of the table (SPEC §3, §8): revenue by Pareto rank or cumulative share,
 * wallet share, profitability, and the helpers behind them (margin, a level, pain from two
 * answers). Their defaults and descriptions come from DEFAULT_SETTINGS.
 */
import { cleanRatio, painFromAlignment, profitRating, revenueCutoffs, revenueRatingForRank, walletRating } from "../model/ratings";
import { DEFAULT_SETTINGS } from "../settings";
import { Invalid, isBlank, MARGIN_RANGE, parseAmount, parseFraction, parseLevel, parseYesNo, percentScale, WALLET_RANGE } from "../values";
import { percentArg, scalarArg } from "./arguments";
import { countGreater, population } from "./population";
import { fail, flat, guarded, KamError, perCell } from "./shapes";
import { pct, range, value, type KamFunction } from "./signature";

const d = DEFAULT_SETTINGS;

export const RATING_FUNCTIONS: readonly KamFunction[] = [
  {
    name: "REVENUE_RATING",
    description: `Revenue rating by Pareto rank: High for the top ${pct(d.revenueTopPct)} of clients, Medium for the next ${pct(d.revenueNextPct)}, else Low.`,
    params: [
      range("revenue", "The revenue of one client, or a column of revenues."),
      range("all_revenue", "Every client's revenue (the population ranked); default: the revenue argument.", true),
      value("top_pct", `Percent of clients rated High (default ${d.revenueTopPct}).`),
      value("next_pct", `Percent of clients rated Medium after them (default ${d.revenueNextPct}).`),
      value("method", `"rank" (default) or "cumulative": High while cumulative revenue ≤ top_pct (default ${pct(d.cumulativeHighPct)}), Medium ≤ next_pct (default ${pct(d.cumulativeMediumPct)}).`),
    ],
    returns: "matrix",
    resultType: "string",
    example: "=KAM_REVENUE_RATING(C2:C500, C2:C500)",
    run([revenue, all, top, next, method]) {
      const driver = revenue ?? [[null]];
      return guarded(driver, () => {
        const m = String(scalarArg(method) ?? "rank").trim().toLowerCase() || "rank";
        if (m !== "rank" && m !== "cumulative") fail('method must be "rank" or "cumulative"');
        const cumulative = m === "cumulative";
        const topPct = percentArg(top, "top_pct", cumulative ? d.cumulativeHighPct : d.revenueTopPct);
        const nextPct = percentArg(next, "next_pct", cumulative ? d.cumulativeMediumPct : d.revenueNextPct);
        const pop = population(all ?? driver);
        const cut = revenueCutoffs(pop.count, topPct, nextPct);
        if (!cumulative && topPct + nextPct > 100) fail("top_pct + next_pct must be at most 100");
        if (cumulative && topPct > nextPct) fail("top_pct must be at most next_pct for the cumulative method");
        return perCell(driver, [], ([v]) => {
          const x = parseAmount(v);
          if (x === null) return "";
          if (x instanceof Invalid) return new KamError(`revenue: ${x.reason}`);
          if (!(x > 0)) return "Low"; // no revenue (SPEC §2a), as the portfolio rates it
          const above = countGreater(pop.sorted, x);
          if (!cumulative) return revenueRatingForRank(above + 1, cut);
          if (!(pop.total > 0)) return "Low";
          const running = (pop.prefix[above] as number) + x;
          return running * 100 <= topPct * pop.total ? "High" : running * 100 <= nextPct * pop.total ? "Medium" : "Low";
        });
      });
    },
  },
  {
    name: "WALLET_RATING",
    description: `Wallet-share rating: High above ${pct(d.walletHighPct)}, Medium from ${pct(d.walletMediumPct)} to ${pct(d.walletHighPct)}, Low below ${pct(d.walletMediumPct)} (a low share is upside).`,
    params: [
      range("share", "Share of wallet: 60%, 0.6 or 60 (a column where any value is above 1 is read as percents)."),
      value("medium_pct", `Share from which the rating is Medium (default ${d.walletMediumPct}).`),
      value("high_pct", `Share above which the rating is High (default ${d.walletHighPct}).`),
    ],
    returns: "matrix",
    resultType: "string",
    example: "=KAM_WALLET_RATING(E2:E500)",
    run([share, medium, high]) {
      const driver = share ?? [[null]];
      return guarded(driver, () => {
        const s = { walletMediumPct: percentArg(medium, "medium_pct", d.walletMediumPct), walletHighPct: percentArg(high, "high_pct", d.walletHighPct) };
        if (s.walletMediumPct > s.walletHighPct) fail("medium_pct must be at most high_pct");
        const asPercent = percentScale(flat(driver));
        return perCell(driver, [], ([v]) => {
          const f = parseFraction(v, asPercent, WALLET_RANGE);
          if (f === null) return "";
          if (f instanceof Invalid) return new KamError(f.reason);
          return walletRating(f, s);
        });
      });
    },
  },
  {
    name: "PROFIT_RATING",
    description: `Profitability rating on margin: High if ≥ ${pct(d.profitHighPct)}, Medium if ≥ ${pct(d.profitAdequatePct)}, Low if ≥ 0, Laggard if negative.`,
    params: [
      range("margin", "Margin: 12%, 0.12 or 12 (a column where any value is above 1 is read as percents)."),
      value("adequate", `Margin from which the rating is Medium (default ${pct(d.profitAdequatePct)}).`),
      value("high", `Margin from which the rating is High (default ${pct(d.profitHighPct)}).`),
    ],
    returns: "matrix",
    resultType: "string",
    example: `=KAM_PROFIT_RATING(D2:D500, ${pct(d.profitAdequatePct)}, ${pct(d.profitHighPct)})`,
    run([margin, adequate, high]) {
      const driver = margin ?? [[null]];
      return guarded(driver, () => {
        const s = { profitAdequatePct: percentArg(adequate, "adequate", d.profitAdequatePct), profitHighPct: percentArg(high, "high", d.profitHighPct) };
        if (s.profitAdequatePct > s.profitHighPct) fail("adequate must be at most high");
        const asPercent = percentScale(flat(driver));
        return perCell(driver, [], ([v]) => {
          const f = parseFraction(v, asPercent, MARGIN_RANGE);
          if (f === null) return "";
          if (f instanceof Invalid) return new KamError(f.reason);
          return profitRating(f, s);
        });
      });
    },
  },
  {
    name: "MARGIN",
    description: "Margin = profit ÷ revenue, as a fraction (format the cell as a percent).",
    params: [range("profit", "Profit amount."), range("revenue", "Revenue amount.")],
    returns: "matrix",
    resultType: "any",
    example: "=KAM_MARGIN(D2:D500, C2:C500)",
    run([profit, revenue]) {
      const driver = profit ?? [[null]];
      return perCell(driver, [revenue], ([p, r]) => {
        if (isBlank(p) && isBlank(r)) return "";
        const pn = parseAmount(p);
        const rn = parseAmount(r);
        if (pn === null || rn === null) return "";
        if (pn instanceof Invalid) return new KamError(`profit: ${pn.reason}`);
        if (rn instanceof Invalid) return new KamError(`revenue: ${rn.reason}`);
        if (!(rn > 0)) return new KamError("revenue is not positive: margin unknown");
        return cleanRatio(pn / rn);
      });
    },
  },
  {
    name: "LEVEL",
    description: "A strategic-value or pain cell as High/Medium/Low (accepts H/M/L and 3/2/1).",
    params: [
      range("value", "High/Medium/Low, H/M/L or 3/2/1."),
      range("otherwise", "Used where value is blank or unreadable, e.g. KAM_PAIN(aligned, easy) for pain.", true),
    ],
    returns: "matrix",
    resultType: "string",
    example: "=KAM_LEVEL(F2:F500)",
    run([v, otherwise]) {
      const driver = v ?? [[null]];
      return perCell(driver, [otherwise], ([x, alt]) => {
        const level = parseLevel(x);
        if (typeof level === "string") return level;
        if (otherwise !== undefined && !isBlank(alt)) {
          const fallback = parseLevel(alt);
          if (typeof fallback === "string") return fallback;
          // An error shown by the fallback function ("⚠ easy is blank") stays an error here.
          return new KamError(typeof alt === "string" ? alt.replace(/^⚠\s*/, "") : fallback instanceof Invalid ? fallback.reason : "not a level");
        }
        if (level === null) return "";
        return new KamError(level.reason);
      });
    },
  },
  {
    name: "PAIN",
    description: "Pain from two yes/no answers: aligned and easy → Low, not aligned and hard → High, otherwise Medium.",
    params: [range("aligned", "Are their goals aligned with what we offer? yes/no."), range("easy", "Are they easy to serve? yes/no.")],
    returns: "matrix",
    resultType: "string",
    example: "=KAM_PAIN(H2:H500, I2:I500)",
    run([aligned, easy]) {
      const driver = aligned ?? [[null]];
      return perCell(driver, [easy], ([a, e]) => {
        if (isBlank(a) && isBlank(e)) return "";
        const pa = parseYesNo(a);
        const pe = parseYesNo(e);
        if (pa === null || pe === null) return new KamError(`${pa === null ? "aligned" : "easy"} is blank`);
        if (pa instanceof Invalid) return new KamError(`aligned: ${pa.reason}`);
        if (pe instanceof Invalid) return new KamError(`easy: ${pe.reason}`);
        return painFromAlignment(pa, pe);
      });
    },
  },
];
