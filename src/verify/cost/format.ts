// Prints the `make cost` estimate: the total, then every item largest first (item, quantity, unit price,
// monthly), then the assumptions it rests on with the flag and variable that change each, then the price
// table's date and which prices no source confirmed.
import { CostReport } from "./estimate";

/** Dollars with cents, thousands separated. */
export const usd = (n: number): string =>
  `$${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** A quantity with at most three decimals. */
const qty = (n: number): string => n.toLocaleString("en-US", { maximumFractionDigits: 3 });

/** A unit price: sub-cent prices keep their digits ($0.00099). */
const unitPrice = (n: number): string =>
  `$${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 5 })}`;

/** The report as the terminal shows it. */
export function costText(report: CostReport): string {
  const rows = report.items.map((i) => [
    i.item,
    `${qty(i.quantity)} × ${i.unit}`,
    unitPrice(i.unitPrice),
    usd(i.monthly),
  ]);
  const widths = [0, 1, 2, 3].map((c) =>
    Math.max(...rows.map((r) => r[c].length), ["item", "quantity", "unit price", "monthly"][c].length),
  );
  const fmt = (r: string[]) =>
    [r[0].padEnd(widths[0]), r[1].padEnd(widths[1]), r[2].padStart(widths[2]), r[3].padStart(widths[3])].join(
      "  ",
    );
  const lines = [
    `Estimated monthly list price: ${usd(report.total)} ${report.currency} (${report.priceTable.region} prices of ${report.priceTable.date})`,
    "",
    fmt(["item", "quantity", "unit price", "monthly"]),
    ...rows.map(fmt),
    "",
    "Assumptions (override with the flag, e.g. make cost ARGS='--backup-gb-per-account=500', or the variable):",
    ...report.assumptions.map((a) => `  ${a.name} = ${a.value} ${a.unit} (${a.env}): ${a.why}`),
    "",
    ...report.notes.map((n) => `Note: ${n}`),
    "",
    `Price table: ${report.priceTable.path}, read ${report.priceTable.date}` +
      (report.unverifiedPrices.length > 0
        ? `; prices no source confirmed (check before relying on them): ${report.unverifiedPrices.join(", ")}`
        : ""),
  ];
  return `${lines.join("\n")}\n`;
}
