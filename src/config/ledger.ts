// The account ledger: every account this landing zone has created, so that deleting an entry from
// organization.yaml suspends the account (Suspended OU, deny-all SCP) instead of losing it (164.310(d)(2)(iv)
// data backup and storage, 164.316(b)(2)(i) retention: an account's PHI and logs outlive its config entry).
import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { ConfigIssue, displayPath, LandingZoneError, readJsonData } from "./errors";
import { AccountConfig, SuspendedAccount } from "./schema";

/** The ledger's file name inside the configuration directory (JSON, so the YAML loader never reads it). */
export const LEDGER_FILE = "accounts.ledger.json";

const COMMENT =
  "Every account this landing zone has created. Written by make vend and make validate; commit it with the " +
  "configuration. An account that leaves organization.yaml stays here and is moved to the Suspended OU, never " +
  "closed. docs/vending.md.";

const LedgerSchema = z.strictObject({
  $comment: z.string().optional(),
  accounts: z.array(
    z.strictObject({
      name: z.string().min(1),
      email: z.string().min(1),
    }),
  ),
});

/** The ledger's contents. */
export type AccountLedger = z.output<typeof LedgerSchema>;

/** The ledger's path in `dir`. */
export function ledgerPath(dir: string): string {
  return path.join(dir, LEDGER_FILE);
}

/** Reads the ledger; an absent file is an empty ledger. Problems are added to `issues`. */
export function readLedger(dir: string, displayPath: string, issues: ConfigIssue[]): AccountLedger {
  const read = readJsonData(ledgerPath(dir), displayPath, issues, "restore it from version control");
  if (!read) return { accounts: [] };
  const data = read.data;
  const parsed = LedgerSchema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      issues.push({
        file: displayPath,
        path: issue.path.filter((p): p is string | number => typeof p !== "symbol"),
        message: `${issue.message}; expected {"accounts": [{"name": ..., "email": ...}]} (restore it from version control)`,
      });
    }
    return { accounts: [] };
  }
  return parsed.data;
}

/** Ledger accounts that organization.yaml no longer lists. */
export function suspendedAccounts(
  ledger: AccountLedger,
  accounts: readonly AccountConfig[],
): SuspendedAccount[] {
  const listed = new Set(accounts.map((a) => a.name));
  return ledger.accounts.filter((a) => !listed.has(a.name));
}

/** The ledger with every listed account recorded (new ones appended, emails kept current), and what was added. */
export function recordAccounts(
  ledger: AccountLedger,
  accounts: ReadonlyArray<Pick<AccountConfig, "name" | "email">>,
): { ledger: AccountLedger; added: string[]; changed: boolean } {
  const entries = ledger.accounts.map((a) => ({ ...a }));
  const added: string[] = [];
  let changed = false;
  for (const account of accounts) {
    const entry = entries.find((e) => e.name === account.name);
    if (!entry) {
      entries.push({ name: account.name, email: account.email });
      added.push(account.name);
      changed = true;
    } else if (entry.email !== account.email) {
      entry.email = account.email;
      changed = true;
    }
  }
  return { ledger: { $comment: COMMENT, accounts: entries }, added, changed };
}

/** The ledger as written to disk: stable, one account per line, ending in a newline. */
export function renderLedger(ledger: AccountLedger): string {
  // Prettier's layout for JSON, so that `make lint` and the tools agree on the file's bytes.
  const lines = ledger.accounts.map(
    (a) => `    { "name": ${JSON.stringify(a.name)}, "email": ${JSON.stringify(a.email)} }`,
  );
  return `{\n  "$comment": ${JSON.stringify(COMMENT)},\n  "accounts": [\n${lines.join(",\n")}\n  ]\n}\n`;
}

/**
 * Records the configuration's accounts in the ledger in `dir` and returns what to tell the operator. In CI
 * (`CI` set) a ledger that lacks an account is an error instead: the ledger must be committed with the change,
 * or a later removal of that account could not be recognised as one.
 */
export function syncLedger(
  dir: string,
  accounts: ReadonlyArray<Pick<AccountConfig, "name" | "email">>,
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  const file = ledgerPath(dir);
  const display = displayPath(file);
  const issues: ConfigIssue[] = [];
  const current = readLedger(dir, display, issues);
  if (issues.length > 0) return []; // loadConfig has already refused this ledger
  const { ledger, added, changed } = recordAccounts(current, accounts);
  if (!changed) return [];
  if (env.CI) {
    throw new LandingZoneError(
      `${display}: does not record ${added.length > 0 ? `account(s) ${added.join(", ")}` : "the current account emails"}; ` +
        "run `make validate` (or `make vend`) locally and commit the ledger with the configuration change",
    );
  }
  fs.writeFileSync(file, renderLedger(ledger));
  return [
    added.length > 0
      ? `${display}: recorded account(s) ${added.join(", ")}; commit the ledger with the configuration`
      : `${display}: updated account emails; commit the ledger with the configuration`,
  ];
}
