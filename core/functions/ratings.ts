/**
 * The rating functions of the table (SPEC §3, §8): revenue by Pareto rank or cumulative share,
 * wallet share, profitability, and the helpers behind them (margin, a level, pain from two
 * answers). Their defaults come from DEFAULT_SETTINGS; what they say about themselves is in help.ts.
 */
import { cleanRatio, painFromAlignment, profitRating, revenueCutoffs, revenueRatingForRank, walletRating } from "../model/ratings";
import { DEFAULT_SETTINGS } from "../settings";
import { Invalid, isBlank, MARGIN_RANGE, parseAmount, parseLevel, parseYesNo, WALLET_RANGE } from "../values";
import { percentArg, ratedFractions, scalarArg } from "./arguments";
import { countGreater, population } from "./population";
import { fail, guarded, KamError, perCell, shownKamError } from "./shapes";
import { range, value, type KamFunction } from "./signature";

const d = DEFAULT_SETTINGS;

export const RATING_FUNCTIONS: readonly KamFunction[] = [
  {
    name: "REVENUE_RATING",
    params: [range("revenue"), range("all_revenue", true), value("top_pct"), value("next_pct"), value("method")],
    returns: "matrix",
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
    params: [range("share"), value("medium_pct"), value("high_pct")],
    returns: "matrix",
    run([share, medium, high]) {
      const driver = share ?? [[null]];
      return guarded(driver, () => {
        const s = { walletMediumPct: percentArg(medium, "medium_pct", d.walletMediumPct), walletHighPct: percentArg(high, "high_pct", d.walletHighPct) };
        if (s.walletMediumPct > s.walletHighPct) fail("medium_pct must be at most high_pct");
        return ratedFractions(driver, WALLET_RANGE, (f) => walletRating(f, s));
      });
    },
  },
  {
    name: "PROFIT_RATING",
    params: [range("margin"), value("adequate"), value("high")],
    returns: "matrix",
    run([margin, adequate, high]) {
      const driver = margin ?? [[null]];
      return guarded(driver, () => {
        const s = { profitAdequatePct: percentArg(adequate, "adequate", d.profitAdequatePct), profitHighPct: percentArg(high, "high", d.profitHighPct) };
        if (s.profitAdequatePct > s.profitHighPct) fail("adequate must be at most high");
        return ratedFractions(driver, MARGIN_RANGE, (f) => profitRating(f, s));
      });
    },
  },
  {
    name: "MARGIN",
    params: [range("profit"), range("revenue")],
    returns: "matrix",
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
    params: [range("value"), range("otherwise", true)],
    returns: "matrix",
    run([v, otherwise]) {
      const driver = v ?? [[null]];
      return perCell(driver, [otherwise], ([x, alt]) => {
        const level = parseLevel(x);
        if (typeof level === "string") return level;
        if (otherwise !== undefined && !isBlank(alt)) {
          const fallback = parseLevel(alt);
          if (typeof fallback === "string") return fallback;
          // An error shown by the fallback function ("⚠ easy is blank") stays an error here.
          if (typeof alt === "string") return shownKamError(alt) ?? new KamError(alt);
          return new KamError(fallback instanceof Invalid ? fallback.reason : "not a level");
        }
        if (level === null) return "";
        return new KamError(level.reason);
      });
    },
  },
  {
    name: "PAIN",
    params: [range("aligned"), range("easy")],
    returns: "matrix",
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
