// The adoption record: what `make adopt` found in an existing organization that the configuration names, by ID,
// so the organization stack imports it instead of creating a second organization, a duplicate OU or a new account
// for an existing email (164.308(a)(1)(ii)(D): one inventory of the estate, never two). Data, committed with the
// configuration; an absent file means a new organization.
import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { ConfigIssue, readJsonData } from "./errors";

/** The record's file name in the configuration directory (JSON, so the YAML loader never reads it). */
export const ADOPTION_FILE = "adopted.json";

const ACCOUNT_ID = z.string().regex(/^\d{12}$/, { error: "expected a 12-digit account ID" });

const AdoptionSchema = z.strictObject({
  $comment: z.string().optional(),
  /** Where make adopt read the organization: a record read from AWS means nothing to the emulator, and back. */
  readFrom: z.enum(["aws", "local"]),
  organization: z.strictObject({
    id: z.string().regex(/^o-[a-z0-9]{10,32}$/, { error: "expected an organization ID (o-...)" }),
    managementAccountId: ACCOUNT_ID,
    rootId: z.string().regex(/^r-[0-9a-z]{4,32}$/, { error: "expected a root ID (r-...)" }),
  }),
  organizationalUnits: z.record(z.string(), z.string().regex(/^ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}$/)),
  accounts: z.record(
    z.string(),
    z.strictObject({ id: ACCOUNT_ID, joinedMethod: z.enum(["CREATED", "INVITED"]) }),
  ),
  policies: z.record(z.string(), z.string().regex(/^p-[0-9a-z]{8,128}$/)),
  /** Attachments that exist already, as "<policy name>@<target path>". */
  policyAttachments: z.array(z.string()),
  /** Services whose delegated administrator is already the security-tooling account. */
  delegatedAdministrators: z.array(z.string()),
});

/** The adoption record's contents. */
export type Adoption = z.output<typeof AdoptionSchema>;

/** The record's path in `dir`. */
export function adoptionPath(dir: string): string {
  return path.join(dir, ADOPTION_FILE);
}

/** The key of one existing attachment in the record. */
export function attachmentKey(policy: string, target: string): string {
  return `${policy}@${target}`;
}

/** Reads the record; undefined when there is none. Problems are added to `issues`. */
export function readAdoption(dir: string, displayPath: string, issues: ConfigIssue[]): Adoption | undefined {
  const read = readJsonData(adoptionPath(dir), displayPath, issues, "run make adopt again");
  if (!read) return undefined;
  const data = read.data;
  const parsed = AdoptionSchema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const at = issue.path.filter((p): p is string | number => typeof p !== "symbol");
      const received = at.reduce<unknown>(
        (v, k) => (v as Record<string | number, unknown> | undefined)?.[k],
        data,
      );
      issues.push({
        file: displayPath,
        path: at,
        message: `${issue.message}; this file is written by make adopt (run it again rather than editing)`,
        ...(received === undefined ? {} : { received }),
      });
    }
    return undefined;
  }
  return parsed.data;
}

/** Writes the record as make adopt found it. */
export function writeAdoption(dir: string, adoption: Omit<Adoption, "$comment">): void {
  const comment =
    "Written by make adopt: the existing organization's IDs for what the configuration names, imported by the " +
    "organization stack on its first apply (a no-op after). Commit it with the configuration. docs/deploying.md.";
  fs.writeFileSync(adoptionPath(dir), `${JSON.stringify({ $comment: comment, ...adoption }, null, 2)}\n`);
}
