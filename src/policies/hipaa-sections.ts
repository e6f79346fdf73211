// The HIPAA Security Rule sections (45 CFR Part 164, Subpart C) the landing zone's controls serve: one registry, so
// every control, rule, message and docs/ table names a section the same way and a typo is a compile error.
// Source: 45 CFR 164.308, 164.312 and 164.316 (https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164/subpart-C).

/**
 * How the rule binds a section: a standard must be met; a required implementation specification must be
 * implemented; an addressable one must be implemented where reasonable and appropriate, or an equivalent measure
 * documented (164.306(d)). HHS proposed in January 2025 to make encryption and MFA required; we treat them so.
 */
export type HipaaSpecification = "standard" | "required" | "addressable";

/** One section of the Security Rule. */
export interface HipaaSectionInfo {
  /** The section's name as this project prints it after the number (lower case, the rule's own words). */
  readonly title: string;
  /** Whether it is a standard or a required or addressable implementation specification. */
  readonly specification: HipaaSpecification;
}

/** Every section a control of the landing zone names, keyed by its citation. */
export const HIPAA_SECTIONS = {
  "164.308(a)(1)(ii)(A)": { title: "risk analysis", specification: "required" },
  "164.308(a)(1)(ii)(D)": { title: "information system activity review", specification: "required" },
  "164.308(a)(3)(ii)(A)": { title: "authorization and/or supervision", specification: "addressable" },
  "164.308(a)(4)": { title: "information access management", specification: "standard" },
  "164.308(a)(4)(ii)(B)": { title: "access authorization", specification: "addressable" },
  "164.308(a)(5)(ii)(B)": { title: "protection from malicious software", specification: "addressable" },
  "164.308(a)(5)(ii)(D)": { title: "password management", specification: "addressable" },
  "164.308(a)(6)(ii)": { title: "response and reporting", specification: "required" },
  "164.308(a)(7)": { title: "contingency plan", specification: "standard" },
  "164.308(a)(7)(ii)(A)": { title: "data backup plan", specification: "required" },
  "164.308(a)(7)(ii)(B)": { title: "disaster recovery plan", specification: "required" },
  "164.308(a)(7)(ii)(D)": { title: "testing and revision procedures", specification: "addressable" },
  "164.308(a)(8)": { title: "evaluation", specification: "standard" },
  "164.312(a)(1)": { title: "access control", specification: "standard" },
  "164.312(a)(2)(i)": { title: "unique user identification", specification: "required" },
  "164.312(a)(2)(ii)": { title: "emergency access procedure", specification: "required" },
  "164.312(a)(2)(iii)": { title: "automatic logoff", specification: "addressable" },
  "164.312(a)(2)(iv)": { title: "encryption and decryption", specification: "addressable" },
  "164.312(b)": { title: "audit controls", specification: "standard" },
  "164.312(c)(1)": { title: "integrity", specification: "standard" },
  "164.312(c)(2)": { title: "mechanism to authenticate ePHI", specification: "addressable" },
  "164.312(d)": { title: "person or entity authentication", specification: "standard" },
  "164.312(e)(1)": { title: "transmission security", specification: "standard" },
  "164.312(e)(2)(i)": { title: "integrity controls", specification: "addressable" },
  "164.312(e)(2)(ii)": { title: "encryption in transit", specification: "addressable" },
  "164.316(b)(2)": { title: "documentation: time limit, availability, updates", specification: "required" },
  "164.316(b)(2)(i)": { title: "retention", specification: "required" },
} as const satisfies Record<string, HipaaSectionInfo>;

/** A section's citation, e.g. "164.312(b)"; only sections in the registry type-check. */
export type HipaaSectionId = keyof typeof HIPAA_SECTIONS;

/** Every section, in the registry's order (administrative, technical, documentation). */
export const HIPAA_SECTION_IDS = Object.keys(HIPAA_SECTIONS) as HipaaSectionId[];

/** "164.312(b) audit controls": the citation and its title, as messages and tables print a section. */
export function sectionLabel(id: HipaaSectionId): string {
  return `${id} ${HIPAA_SECTIONS[id].title}`;
}

/** Several sections' labels joined with "; ", as one message or table cell lists them. */
export function sectionLabels(ids: readonly HipaaSectionId[]): string {
  return ids.map(sectionLabel).join("; ");
}

/** The bare citation, checked against the registry: for messages that cite a section inline. */
export function cite(id: HipaaSectionId): string {
  return id;
}
