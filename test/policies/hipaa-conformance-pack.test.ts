// The HIPAA conformance pack's rule list and template: every rule traced to a Security Rule section, AWS's
// parameters where the landing zone relies on them, and a template Config accepts.
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import {
  conformancePackTemplate,
  EXCLUDED_MANAGED_RULES,
  HIPAA_MANAGED_RULES,
  ruleName,
  rulesForRegion,
} from "../../src/policies/hipaa-conformance-pack";
import { HIPAA_SECTION_IDS, HIPAA_SECTIONS } from "../../src/policies/hipaa-sections";
import { CONFIG_RULE_UNAVAILABLE_IN } from "../../src/policies/config-rule-regions";
import {
  CONFORMANCE_PACK_MARKERS,
  CONFORMANCE_PACK_PAGE,
  conformancePackTables,
} from "../../src/config/conformance-pack-docs";
import { normalizedMarkdown, sectionOf } from "../../src/config/generated-section";

/** Config's limit on an organization conformance pack's template body. */
const TEMPLATE_BODY_MAX_CHARACTERS = 51200;

describe("HIPAA conformance pack", () => {
  it("lists each rule once, each serving at least one known section, none also listed as left out", () => {
    const identifiers = HIPAA_MANAGED_RULES.map((r) => r.identifier);
    expect(new Set(identifiers).size).toBe(identifiers.length);
    for (const rule of HIPAA_MANAGED_RULES) {
      expect(rule.sections.length).toBeGreaterThan(0);
      for (const section of rule.sections) expect(HIPAA_SECTIONS[section]).toBeDefined();
      expect(EXCLUDED_MANAGED_RULES[rule.identifier]).toBeUndefined();
    }
  });

  it("covers every technical safeguard (164.312) but the three no Config managed rule can observe", () => {
    const covered = new Set<string>(HIPAA_MANAGED_RULES.flatMap((r) => r.sections));
    const technical = HIPAA_SECTION_IDS.filter((id) => id.startsWith("164.312"));
    // Emergency access and automatic logoff are procedures and session settings Config does not record; the
    // pack's TLS rules are filed under 164.312(c)(2) and (e)(2)(ii), which (e)(2)(i) shares.
    expect(technical.filter((id) => !covered.has(id))).toEqual([
      "164.312(a)(2)(ii)",
      "164.312(a)(2)(iii)",
      "164.312(e)(2)(i)",
    ]);
  });

  it("uses the HIPAA pack's password policy and key-age parameters", () => {
    const byId = new Map(HIPAA_MANAGED_RULES.map((r) => [r.identifier, r]));
    expect(byId.get("IAM_PASSWORD_POLICY")?.parameters).toMatchObject({
      MinimumPasswordLength: "14",
      PasswordReusePrevention: "24",
      MaxPasswordAge: "90",
    });
    expect(byId.get("ACCESS_KEYS_ROTATED")?.parameters).toEqual({ maxAccessKeyAge: "90" });
    expect(byId.get("CW_LOGGROUP_RETENTION_PERIOD_CHECK")?.parameters).toEqual({ MinRetentionTime: "2192" });
  });

  it("renders a template of Config rules with stable names, within Config's size limit", () => {
    const home = rulesForRegion("us-east-1", "us-east-1");
    const body = conformancePackTemplate(home);
    expect(body.length).toBeLessThan(TEMPLATE_BODY_MAX_CHARACTERS);
    const template = parse(body) as {
      Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
    };
    expect(Object.keys(template.Resources)).toHaveLength(home.length);
    expect(template.Resources.S3BucketSslRequestsOnly).toEqual({
      Type: "AWS::Config::ConfigRule",
      Properties: {
        ConfigRuleName: "lz-hipaa-s3-bucket-ssl-requests-only",
        Description:
          "HIPAA 164.312(c)(2) mechanism to authenticate ePHI; 164.312(e)(2)(ii) encryption in transit",
        Source: { Owner: "AWS", SourceIdentifier: "S3_BUCKET_SSL_REQUESTS_ONLY" },
      },
    });
    expect(template.Resources.IamPasswordPolicy.Properties.InputParameters).toMatchObject({
      MinimumPasswordLength: "14",
    });
    expect(ruleName("CLOUD_TRAIL_ENABLED")).toBe("lz-hipaa-cloud-trail-enabled");
  });

  it("runs global (IAM and account-wide) rules in the home region only", () => {
    const home = rulesForRegion("us-east-1", "us-east-1").map((r) => r.identifier);
    const other = rulesForRegion("us-west-2", "us-east-1").map((r) => r.identifier);
    expect(home).toContain("ROOT_ACCOUNT_MFA_ENABLED");
    expect(other).not.toContain("ROOT_ACCOUNT_MFA_ENABLED");
    expect(other).toContain("VPC_FLOW_LOGS_ENABLED");
    expect(home.filter((id) => !other.includes(id))).toEqual(
      HIPAA_MANAGED_RULES.filter((r) => r.global).map((r) => r.identifier),
    );
  });

  it("leaves a rule out of the packs of regions whose AWS Config does not offer it, and only there", () => {
    const calgary = rulesForRegion("ca-west-1", "us-east-1").map((r) => r.identifier);
    const oregon = rulesForRegion("us-west-2", "us-east-1").map((r) => r.identifier);
    expect(oregon.filter((id) => !calgary.includes(id)).sort()).toEqual(
      HIPAA_MANAGED_RULES.filter((r) => !r.global && (!r.onlyIn || r.onlyIn.includes("us-west-2")))
        .filter(
          (r) =>
            (r.onlyIn && !r.onlyIn.includes("ca-west-1")) ||
            (CONFIG_RULE_UNAVAILABLE_IN[r.identifier] ?? []).includes("ca-west-1"),
        )
        .map((r) => r.identifier)
        .sort(),
    );
    expect(calgary).not.toContain("INSPECTOR_EC2_SCAN_ENABLED");
    expect(calgary).not.toContain("RDS_MYSQL_INSTANCE_ENCRYPTED_IN_TRANSIT");
    expect(calgary).toContain("RDS_SQLSERVER_ENCRYPTED_IN_TRANSIT");
    // Ohio lacks none of them.
    expect(rulesForRegion("us-east-2", "us-east-1")).toEqual(
      oregon.map((id) => HIPAA_MANAGED_RULES.find((r) => r.identifier === id)),
    );
  });

  it("names only rules of the pack in the region table, each with region codes", () => {
    const known = new Set(HIPAA_MANAGED_RULES.map((r) => r.identifier));
    for (const [identifier, regions] of Object.entries(CONFIG_RULE_UNAVAILABLE_IN)) {
      expect([identifier, known.has(identifier)]).toEqual([identifier, true]);
      for (const region of regions) expect(region).toMatch(/^[a-z]{2}(-gov)?-[a-z]+-\d$/);
    }
  });

  it("is listed in docs/detective-controls.md as the code has it: included rules and left-out rules with their reasons", () => {
    const page = fs.readFileSync(path.join(__dirname, "..", "..", CONFORMANCE_PACK_PAGE), "utf8");
    const table = normalizedMarkdown(conformancePackTables());
    expect(normalizedMarkdown(sectionOf(page, CONFORMANCE_PACK_MARKERS, CONFORMANCE_PACK_PAGE))).toEqual(
      table,
    );
    // Each rule has its row, with its parameters in code (Markdown would read kms:* as emphasis otherwise).
    for (const rule of HIPAA_MANAGED_RULES) {
      expect(table.filter((row) => row.startsWith(`|\`${rule.identifier}\``))).toHaveLength(1);
    }
    expect(table).toContainEqual(
      expect.stringContaining("(`blockedActionsPatterns=kms:*, kms:Decrypt, kms:ReEncrypt*`)"),
    );
    for (const [identifier, why] of Object.entries(EXCLUDED_MANAGED_RULES)) {
      expect(table).toContain(`|\`${identifier}\`|${why}|`);
    }
  });
});
