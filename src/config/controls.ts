// The detective controls a PHI environment must have, with the HIPAA Security Rule sections each serves. The
// schema, the PHI validation and the control catalogue (docs/controls.md) read this one table.
import { HipaaSectionId, sectionLabels } from "../policies/hipaa-sections";
import { INSPECTOR_SECTIONS } from "../policies/inspector";

/** A detective control: what it is called and which sections it serves. */
interface DetectiveControl {
  /** The control's name as messages and docs/controls.md print it. */
  readonly title: string;
  /** The sections it serves, from the registry. */
  readonly sections: readonly HipaaSectionId[];
  /** Whether it is switched for the whole organization or per environment file. */
  readonly scope: "organization" | "environment";
}

/** The detective controls the landing zone provides, by configuration key. */
export const DETECTIVE_CONTROLS = {
  guardDuty: {
    title: "GuardDuty",
    sections: ["164.308(a)(1)(ii)(D)", "164.312(b)"],
    scope: "organization",
  },
  securityHub: {
    title: "Security Hub",
    sections: ["164.308(a)(1)(ii)(D)", "164.308(a)(8)"],
    scope: "organization",
  },
  config: {
    title: "AWS Config (recorder and the HIPAA conformance pack)",
    sections: ["164.312(b)", "164.308(a)(8)"],
    scope: "environment",
  },
  accessAnalyzer: {
    title: "IAM Access Analyzer",
    sections: ["164.312(a)(1)", "164.308(a)(4)"],
    scope: "organization",
  },
  inspector: {
    title: "Amazon Inspector vulnerability scanning (EC2, ECR, Lambda)",
    sections: INSPECTOR_SECTIONS,
    scope: "organization",
  },
  centralLogs: {
    title: "Central application logs (CloudWatch cross-account observability into security-tooling)",
    sections: ["164.308(a)(1)(ii)(D)", "164.312(b)"],
    scope: "organization",
  },
  macie: {
    title: "Macie sensitive-data discovery",
    sections: ["164.308(a)(1)(ii)(A)", "164.312(a)(1)"],
    scope: "environment",
  },
} as const satisfies Record<string, DetectiveControl>;

/** A detective control's configuration key. */
export type DetectiveControlName = keyof typeof DETECTIVE_CONTROLS;

/** Every control, in the order messages and docs/ list them. */
export const DETECTIVE_CONTROL_NAMES = Object.keys(DETECTIVE_CONTROLS) as DetectiveControlName[];

/** Controls an environment file may switch off for its own accounts (the others are organization-wide). */
export const ENVIRONMENT_CONTROL_NAMES = DETECTIVE_CONTROL_NAMES.filter(
  (name) => DETECTIVE_CONTROLS[name].scope === "environment",
) as Array<"config" | "macie">;

/** "GuardDuty (45 CFR 164.308(a)(1)(ii)(D) information system activity review; 164.312(b) audit controls)". */
export function describeControl(name: DetectiveControlName): string {
  const control = DETECTIVE_CONTROLS[name];
  return `${control.title} (45 CFR ${sectionLabels(control.sections)})`;
}
