// Cron schedules checked field by field as AWS reads them, so a backup or restore test that would never run (or
// that AWS would refuse at apply time) is refused by `make validate` instead (164.308(a)(7)(ii)(A) data backup plan,
// (D) testing and revision). AWS Backup takes EventBridge's cron syntax (its BackupRule ScheduleExpression points
// to it): https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html

/** AWS's page on cron expressions, cited in every cron message. */
export const CRON_REFERENCE =
  "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html";

/** One of the six fields: its name, its range, the names it accepts for numbers, and its wildcards. */
interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Names that stand for numbers (JAN = 1, SUN = 1), in order from `min`. */
  readonly names?: readonly string[];
  /** The wildcards AWS's table allows in the field, besides plain values. */
  readonly wildcards: string;
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/** AWS's table, field by field: cron(minutes hours day-of-month month day-of-week year). */
export const CRON_FIELDS: readonly CronField[] = [
  { name: "minutes", min: 0, max: 59, wildcards: ", - * /" },
  { name: "hours", min: 0, max: 23, wildcards: ", - * /" },
  { name: "day-of-month", min: 1, max: 31, wildcards: ", - * ? / L W" },
  { name: "month", min: 1, max: 12, names: MONTHS, wildcards: ", - * /" },
  { name: "day-of-week", min: 1, max: 7, names: DAYS, wildcards: ", - * ? L #" },
  { name: "year", min: 1970, max: 2199, wildcards: ", - * /" },
];

/** What the field takes, for a message: "0-59 (wildcards , - * /)". */
function allowed(field: CronField): string {
  const names = field.names ? ` or ${field.names[0]}-${field.names[field.names.length - 1]}` : "";
  return `${field.min}-${field.max}${names}, wildcards ${field.wildcards}`;
}

/** A value of the field as a number, or undefined when it is neither a number in range nor one of its names. */
function valueOf(field: CronField, text: string): number | undefined {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    return n >= field.min && n <= field.max ? n : undefined;
  }
  const at = field.names?.indexOf(text.toUpperCase()) ?? -1;
  return at >= 0 ? field.min + at : undefined;
}

/** The problem with one comma-separated item of a field, or undefined when AWS accepts it. */
function itemProblem(field: CronField, item: string): string | undefined {
  const bad = (what: string) => `the ${field.name} field has ${what}; it takes ${allowed(field)}`;
  const uses = (wildcard: string) => field.wildcards.split(" ").includes(wildcard);
  if (item === "*" || valueOf(field, item) !== undefined) return undefined;
  if (item === "?") return uses("?") ? undefined : bad("?");
  if (item === "L" || (item === "LW" && field.name === "day-of-month"))
    return uses("L") ? undefined : bad(item);
  // A weekday nearest a day (15W), the last given weekday of the month (6L), the nth given weekday (3#2).
  const suffixed = /^(\w+)([WL])$/.exec(item) ?? /^(\w+)#(\d+)$/.exec(item);
  if (suffixed && !/^\d+$/.test(item)) {
    const [, base, mark] = suffixed;
    const wildcard = item.includes("#") ? "#" : mark;
    if (!uses(wildcard)) return bad(`"${item}" (${wildcard} is not one of its wildcards)`);
    if (valueOf(field, base) === undefined) return bad(base);
    if (wildcard === "#" && !/^[1-5]$/.test(mark)) return bad(`"${item}" (the week after # is 1-5)`);
    return undefined;
  }
  const [range, step, extra] = item.split("/");
  if (extra !== undefined || (step !== undefined && !uses("/"))) return bad(`"${item}"`);
  if (step !== undefined && !/^[1-9]\d*$/.test(step))
    return bad(`"${item}" (the increment after / is a whole number)`);
  if (range === "*" && step !== undefined) return undefined;
  const bounds = range.split("-");
  if (bounds.length > 2 || (bounds.length === 2 && !uses("-"))) return bad(`"${item}"`);
  for (const value of bounds) {
    if (value === "" || /[^\w]/.test(value)) return bad(`"${item}"`);
    if (valueOf(field, value) === undefined) return bad(value);
  }
  return undefined;
}

/**
 * What is wrong with a cron schedule as AWS reads it, in one message naming each field at fault, its value and what
 * it takes; undefined when AWS accepts it. Checks each field against AWS's table (values, names, wildcards) and that
 * exactly one of day-of-month and day-of-week is `?`.
 */
export function cronProblem(expression: string): string | undefined {
  const match = /^cron\((.*)\)$/.exec(expression);
  const fields = match ? match[1].trim().split(/\s+/) : [];
  if (fields.length !== CRON_FIELDS.length) {
    return `expected cron(minutes hours day-of-month month day-of-week year): six fields separated by spaces, in UTC (${CRON_REFERENCE})`;
  }
  const problems: string[] = [];
  fields.forEach((text, index) => {
    const field = CRON_FIELDS[index];
    const items = text.split(",");
    if (items.length > 1 && text.includes("#")) {
      problems.push(
        `the ${field.name} field has "${text}": # allows one expression in the field, not a list`,
      );
      return;
    }
    if (items.length > 1 && items.includes("?")) {
      problems.push(`the ${field.name} field has "${text}": ? stands alone in its field`);
      return;
    }
    for (const item of items) {
      const problem = itemProblem(field, item);
      if (problem) {
        problems.push(problem);
        return;
      }
    }
  });
  const [dayOfMonth, dayOfWeek] = [fields[2], fields[4]];
  if ((dayOfMonth === "?") === (dayOfWeek === "?")) {
    problems.push(
      `day-of-month is "${dayOfMonth}" and day-of-week is "${dayOfWeek}": exactly one of them must be ? (AWS takes a day of the month or a day of the week, not both)`,
    );
  }
  return problems.length === 0
    ? undefined
    : `expected a cron schedule AWS accepts: ${problems.join("; ")} (${CRON_REFERENCE})`;
}
