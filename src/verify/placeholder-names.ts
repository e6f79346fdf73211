// Turns the placeholder IDs the verification model gives what AWS assigns at apply time (account IDs, OU IDs, the
// root, the organization, key IDs) back into the names the configuration gives them, so a failure `make verify` or
// `make vend` prints names what the reader configured, never a number that exists only in the model
// (164.312(a)(1): an access problem is fixed where it was configured).
import { MANAGEMENT_ACCOUNT_NAME, ROOT_TARGET } from "../config/model";
import { PLACEHOLDER_ORG_ID, PLACEHOLDER_ROOT_ID, SynthesizedLandingZone } from "./synthesized";

/** What a placeholder stands for: the text written where it stands alone, and where it is part of a longer token. */
interface Named {
  /** "account phi-prod", "OU Workloads/Prod", "Root". */
  readonly alone: string;
  /** "<phi-prod>" inside an ARN or a bucket name, so the token still reads as one. */
  readonly embedded: string;
  /** The bare name, for text that already says what kind of thing it is ("account 100000000005"). */
  readonly name: string;
  /** The word that introduces the name when it stands alone ("account", "OU"), if any. */
  readonly kind?: string;
}

/** Account IDs, OU IDs, the root's and organization's IDs, and KMS key IDs, as the model's placeholders spell them. */
const PLACEHOLDER =
  /\b(\d{12}|ou-[a-z0-9]{4}-[a-z0-9]{8}|r-[a-z0-9]{4}|o-[a-z0-9]{10,32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/g;

/** Characters that make a placeholder part of a longer token (an ARN, a bucket name, a path). */
const JOINED = /[:/\-_.A-Za-z0-9]/;

/**
 * A function that renames every placeholder the model assigned in a text to its configured name: an account by its
 * name in organization.yaml (the management account as "management"), an OU by its path, the root as Root, a key by
 * its alias (or its construct path when it has none). IDs the model did not assign (an outside account, an AWS
 * account) are left as they are.
 */
export function placeholderNamer(model: SynthesizedLandingZone): (text: string) => string {
  const names = new Map<string, Named>();
  // A resource whose ID or name only AWS can resolve names nothing; its placeholder, if any, stays as it is.
  const tryEach = <T>(items: readonly T[], read: (item: T) => void) => {
    for (const item of items) {
      try {
        read(item);
      } catch {
        continue;
      }
    }
  };
  const add = (id: string, name: string, kind?: string) =>
    names.set(id, {
      alone: kind ? `${kind} ${name}` : name,
      embedded: `<${name}>`,
      name,
      kind,
    });
  add(model.managementAccountId(), MANAGEMENT_ACCOUNT_NAME, "account");
  tryEach(model.resources("aws_organizations_account"), (ref) =>
    add(model.attribute(ref, "id"), String(model.argument(ref, "name")), "account"),
  );
  const ous: Array<{ id: string; name: string; parent: string }> = [];
  tryEach(model.resources("aws_organizations_organizational_unit"), (ref) =>
    ous.push({
      id: model.attribute(ref, "id"),
      name: String(model.argument(ref, "name")),
      parent: String(model.argument(ref, "parent_id")),
    }),
  );
  const byId = new Map(ous.map((ou) => [ou.id, ou]));
  const pathOf = (id: string, depth = 0): string => {
    const ou = byId.get(id);
    if (!ou || depth > 10) return "";
    const parent = pathOf(ou.parent, depth + 1);
    return parent ? `${parent}/${ou.name}` : ou.name;
  };
  for (const ou of ous) add(ou.id, pathOf(ou.id), "OU");
  add(PLACEHOLDER_ROOT_ID, ROOT_TARGET);
  names.set(PLACEHOLDER_ORG_ID, {
    alone: "the organization's ID",
    embedded: "<organization ID>",
    name: "the organization's ID",
  });
  const aliases = new Map<string, string>();
  tryEach(model.resources("aws_kms_alias"), (ref) =>
    aliases.set(String(model.argument(ref, "target_key_id")), String(model.argument(ref, "name"))),
  );
  tryEach(model.resources("aws_kms_key"), (ref) => {
    const id = model.attribute(ref, "key_id");
    add(id, aliases.get(id) ?? `${ref.stack} ${ref.path}`, "key");
  });
  return (text) =>
    text.replace(PLACEHOLDER, (id: string, _match: string, at: number, whole: string) => {
      const named = names.get(id);
      if (!named) return id;
      const before = whole[at - 1] ?? "";
      const after = whole[at + id.length] ?? "";
      if (JOINED.test(before) || (JOINED.test(after) && after !== ".")) return named.embedded;
      // "account 100000000005" already says what it is.
      if (named.kind && whole.slice(Math.max(0, at - named.kind.length - 1), at) === `${named.kind} `)
        return named.name;
      return named.alone;
    });
}
