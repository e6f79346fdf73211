// The dated list-price table `make cost` multiplies by (price-table.json beside this file): one entry per price, with
// its unit, USD value, the AWS pricing page it belongs to, the date it was read, and whether the number itself
// was read on that page, on a named secondary source, or not found at all. Budgeting the safeguards is part of
// keeping them on (164.308(a)(1)(ii)(B) risk management): a control nobody can afford gets switched off.
import table from "./price-table.json";

/** How a price's number was confirmed. */
export type PriceVerification = "aws" | "secondary" | "unverified";

/** One list price. */
export interface Price {
  /** What one unit is, e.g. "endpoint-AZ-hour". */
  readonly unit: string;
  readonly usd: number;
  /** AWS's pricing page for the service. */
  readonly source: string;
  /** Where the number was read when AWS's page did not show it. */
  readonly secondary?: string;
  readonly verified: PriceVerification;
  /** ISO date the price was read. */
  readonly read: string;
  readonly note?: string;
}

/** The identifiers of the prices in the table. */
export type PriceId = keyof typeof table.prices;

/** The whole table: its date and every price by identifier. */
export interface PriceTable {
  readonly date: string;
  readonly region: string;
  readonly currency: string;
  readonly prices: Readonly<Record<PriceId, Price>>;
}

/** The price table shipped in the repository. */
export const PRICE_TABLE: PriceTable = table as PriceTable;

/** The repository path of the table, for messages and docs. */
export const PRICE_TABLE_PATH = "src/verify/cost/price-table.json";
