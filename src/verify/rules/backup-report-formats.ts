// A Backup Audit Manager report plan that covers several accounts or regions (an organization report) is
// delivered only as CSV; asking for another format is refused, and the auditor's daily record of backup, copy and
// restore jobs never arrives (164.308(a)(7)(ii)(A), (D); 164.316(b)(2)).
import { BACKUP_REPORT_PLAN_DOC, MULTI_ACCOUNT_REPORT_FORMATS } from "../../policies/backup-resource-types";
import { addressOf, RuleFinding, ServiceRule } from "./rule";

type Block = Record<string, unknown>;
const first = (v: unknown): Block => ((Array.isArray(v) ? v[0] : v) ?? {}) as Block;

export const backupReportFormats: ServiceRule = {
  id: "backup-report-formats",
  title:
    "A report plan covering several accounts or regions asks only for the formats AWS offers there (CSV)",
  doc: BACKUP_REPORT_PLAN_DOC,
  check(model) {
    const out: RuleFinding[] = [];
    for (const ref of model.resources("aws_backup_report_plan")) {
      const setting = first(model.argument(ref, "report_setting"));
      const channel = first(model.argument(ref, "report_delivery_channel"));
      const accounts = (setting.accounts as string[] | undefined) ?? [];
      const regions = (setting.regions as string[] | undefined) ?? [];
      const ous = (setting.organization_units as string[] | undefined) ?? [];
      const wide =
        accounts.length > 1 ||
        regions.length > 1 ||
        ous.length > 0 ||
        [...accounts, ...regions].includes("*");
      if (!wide) continue;
      const formats = (channel.formats as string[] | undefined) ?? [];
      const refused = formats.filter((f) => !MULTI_ACCOUNT_REPORT_FORMATS.includes(f));
      if (refused.length === 0) continue;
      out.push({
        address: addressOf(ref),
        message:
          `report plan ${String(model.argument(ref, "name"))} covers ${accounts.length} accounts and ${regions.length} regions` +
          ` and asks for ${refused.join(", ")}; a report plan covering several accounts or regions may ask only for` +
          ` ${MULTI_ACCOUNT_REPORT_FORMATS.join(", ")}`,
      });
    }
    return out;
  },
};
