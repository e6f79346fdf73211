// No Systems Manager document is shared publicly: a public document shows its content (commands, parameters, log
// destinations) to every AWS account (164.312(a)(1) access control).
import { listOf, packRule, perResource } from "./rule";

const rule = packRule("SSM_DOCUMENT_NOT_PUBLIC");

export const ssmDocumentsNotPublic = perResource({
  id: "hipaa-ssm-documents-not-public",
  title: "No Systems Manager document is shared with all AWS accounts",
  sections: rule.sections,
  resourceTypes: ["aws_ssm_document"],
  configRules: [rule.identifier],
  doc: "https://docs.aws.amazon.com/config/latest/developerguide/ssm-document-not-public.html",
  fix: "remove permissions with account_ids All; share a document with named accounts only",
  type: "aws_ssm_document",
  problem(ref, model) {
    const permissions = model.argument(ref, "permissions") as Record<string, unknown> | undefined;
    const accounts = listOf(permissions?.account_ids as string | string[] | undefined).flatMap((ids) =>
      String(ids).split(","),
    );
    return accounts.some((id) => id.trim().toLowerCase() === "all")
      ? `document ${String(model.argument(ref, "name"))} is shared with all AWS accounts (account_ids All)`
      : undefined;
  },
});
