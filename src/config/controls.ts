// The detective controls a PHI environment must have, with the HIPAA Security Rule sections each serves. The
// schema, the PHI validation and the README's control map read this one table.

/** The detective controls the landing zone provides, by configuration key. */
export const DETECTIVE_CONTROLS = {
  guardDuty: {
    title: "GuardDuty",
    sections: ["164.308(a)(1)(ii)(D) activity review", "164.312(b) audit controls"],
    scope: "organization",
  },
  securityHub: {
    title: "Security Hub",
    sections: ["164.308(a)(1)(ii)(D) activity review", "164.308(a)(8) evaluation"],
    scope: "organization",
  },
  config: {
    title: "AWS Config (recorder and the HIPAA conformance pack)",
    sections: ["164.312(b) audit controls", "164.308(a)(8) evaluation"],
    scope: "environment",
  },
  accessAnalyzer: {
    title: "IAM Access Analyzer",
    sections: ["164.312(a)(1) access control", "164.308(a)(4) information access management"],
    scope: "organization",
  },
  macie: {
    title: "Macie sensitive-data discovery",
    sections: ["164.308(a)(1)(ii)(A) risk analysis", "164.312(a)(1) access control"],
    scope: "environment",
  },
} as const;

/** A detective control's configuration key. */
export type DetectiveControlName = keyof typeof DETECTIVE_CONTROLS;

/** Every control, in the order the README and messages list them. */
export const DETECTIVE_CONTROL_NAMES = Object.keys(DETECTIVE_CONTROLS) as DetectiveControlName[];

/** Controls an environment file may switch off for its own accounts (the others are organization-wide). */
export const ENVIRONMENT_CONTROL_NAMES = DETECTIVE_CONTROL_NAMES.filter(
  (name) => DETECTIVE_CONTROLS[name].scope === "environment",
) as Array<"config" | "macie">;

/** "GuardDuty (164.308(a)(1)(ii)(D) activity review; 164.312(b) audit controls)". */
export function describeControl(name: DetectiveControlName): string {
  const control = DETECTIVE_CONTROLS[name];
  return `${control.title} (45 CFR ${control.sections.join("; ")})`;
}
