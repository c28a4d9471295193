// core/portfolio/read-columns.ts: whether a sheet's rows are an order list.
import { describe, expect, it } from "vitest";
import { looksLikeOrderList } from "../../../core/portfolio";
import { grade, type Rows } from "./grade";

describe("order-list detection (SPEC §2: more than 20% of client cells repeat an earlier name)", () => {
  const names = (n: number, repeats: number) => [
    ...Array.from({ length: n - repeats }, (_, i) => `Client ${i}`),
    ...Array.from({ length: repeats }, () => "Client 0"),
  ];

  it.each([
    [10, 2, false], // exactly 20%: a per-client sheet
    [10, 3, true], // 30%
    [5, 1, false], // 20%
    [5, 2, true],
    [100, 20, false],
    [100, 21, true],
    [1, 0, false],
  ])("%i names, %i repeats → order list %s", (n, repeats, want) => {
    expect(looksLikeOrderList(names(n, repeats))).toBe(want);
  });

  it("blanks do not count; repeats ignore case and surrounding spaces", () => {
    expect(looksLikeOrderList(["Acme", null, null, null, " acme ", "Bolt", "Cobalt"])).toBe(true); // 1 of 4
    expect(looksLikeOrderList(["Acme", "ACME", "Bolt", "Cobalt", "Dyn", "Eon"])).toBe(false); // 1 of 6
    expect(looksLikeOrderList([null, null])).toBe(false);
  });

  it("gradePortfolio picks the mode, and --mode overrides it", () => {
    const rows: Rows = [["Client", "Sales"], ["Acme", 1], ["Acme", 2], ["Bolt", 3]];
    expect(grade(rows).mode).toBe("orders");
    expect(grade(rows, { mode: "clients" }).mode).toBe("clients");
    const perClient: Rows = [["Client", "Sales"], ["Acme", 1], ["Bolt", 2], ["Cobalt", 3]];
    expect(grade(perClient).mode).toBe("clients");
    expect(grade(perClient, { mode: "orders" }).mode).toBe("orders");
  });
});
