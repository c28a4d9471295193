/** examples/clients.csv, parsed at build time (scripts/build/sheets.mjs). */
declare module "sample:clients" {
  const rows: string[][];
  export default rows;
}
