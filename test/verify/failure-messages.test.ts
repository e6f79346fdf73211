// What a failed `make verify` tells a new user: accounts, OUs, the root and keys by the names the configuration
// gives them, never the model's placeholder IDs; and, when hipaaEligibleServices denies what the landing zone itself
// needs (an endpoint's service, a permission set's service), the entry to add or the setting to change.
import * as path from "path";
import { loadConfig } from "../../src/config/load";
import { allAccountNames } from "../../src/config/model";
import { LandingZoneConfig } from "../../src/config/schema";
import { placeholderNamer } from "../../src/verify/placeholder-names";
import { PLACEHOLDER_ORG_ID, SynthesizedLandingZone } from "../../src/verify/synthesized";
import { failureLines, verifyLandingZone, VerifyReport } from "../../src/verify/verify";
import { synthApp } from "../helpers/synth";

jest.setTimeout(120_000);

const example = loadConfig(path.join(__dirname, "..", "..", "environments"));

function modelOf(config: LandingZoneConfig): SynthesizedLandingZone {
  return new SynthesizedLandingZone(synthApp(config).stacks, allAccountNames(config.organization));
}

describe("placeholder IDs renamed to configured names", () => {
  const model = modelOf(example);
  const named = placeholderNamer(model);
  const phiProd = model.accountId("phi-prod");
  const prodOu = model.attribute(
    model
      .resources("aws_organizations_organizational_unit")
      .find((ref) => model.argument(ref, "name") === "Prod")!,
    "id",
  );

  it("names an account standing alone, after the word account, and inside an ARN or a bucket name", () => {
    expect(named(`SCP at ${phiProd} lz-x: Deny`)).toBe("SCP at account phi-prod lz-x: Deny");
    expect(named(`account ${phiProd}.`)).toBe("account phi-prod.");
    expect(named(`arn:aws:iam::${phiProd}:role/workload-admin`)).toBe(
      "arn:aws:iam::<phi-prod>:role/workload-admin",
    );
    expect(named(`example-health-log-archive-${phiProd}-us-east-1`)).toBe(
      "example-health-log-archive-<phi-prod>-us-east-1",
    );
    expect(named(`[${model.managementAccountId()}]`)).toBe("[account management]");
  });

  it("names an OU by its path, the root as Root, the organization, and a key by its alias", () => {
    expect(named(`SCP at ${prodOu} lz-phi-workloads: DenyServicesOutsideTheBaa`)).toBe(
      "SCP at OU Workloads/Prod lz-phi-workloads: DenyServicesOutsideTheBaa",
    );
    expect(named("SCP at r-ex01 lz-protect-security-services: DenyGuardDutyChanges")).toBe(
      "SCP at Root lz-protect-security-services: DenyGuardDutyChanges",
    );
    expect(named(`aws:PrincipalOrgID ${PLACEHOLDER_ORG_ID}`)).toBe(
      "aws:PrincipalOrgID the organization's ID",
    );
    const key = model.resource("security", "keys/phi-data-prod/key");
    expect(named(`no key policy for ${model.attribute(key, "arn")}`)).toMatch(
      /^no key policy for arn:aws:kms:us-east-1:<security-tooling>:key\/<alias\/[a-z0-9/-]+>$/,
    );
  });

  it("leaves IDs the model did not assign as they are", () => {
    expect(named("999999999999 and 000000000000 and ou-abcd-12345678")).toBe(
      "999999999999 and 000000000000 and ou-abcd-12345678",
    );
  });
});

describe("hipaaEligibleServices that lacks services the landing zone needs", () => {
  // The shortest list the example's paths hold with (test/verify/verify.test.ts) without ec2 (PlatformAdmin's
  // capability in PHI accounts) and ecr (the EKS add-on pull through prod's ecr.api endpoint).
  const lacking: LandingZoneConfig = {
    ...example,
    organization: {
      ...example.organization,
      hipaaEligibleServices: ["s3", "lambda", "sqs", "secretsmanager"].map((prefix) => ({
        prefix,
        checked: "2026-12-03",
      })),
    },
  };
  let report: VerifyReport;
  beforeAll(async () => {
    report = await verifyLandingZone(lacking, modelOf(lacking));
  });

  const line = (id: string) => failureLines(report).find((l) => l.startsWith(`path ${id}:`));

  it("names the OU whose SCP denies, not its placeholder ID, and says which entry to add or assignment to drop", () => {
    expect(line("set-PlatformAdmin-phi-prod-ec2-RunInstances")).toBe(
      "path set-PlatformAdmin-phi-prod-ec2-RunInstances: expected allow, decided ExplicitlyDenied: PlatformAdmin in " +
        "phi-prod can operate workloads (ec2:RunInstances); SCP at OU Workloads lz-phi-workloads: " +
        "DenyServicesOutsideTheBaa; fix: ec2 is not on the BAA service list, so lz-phi-workloads denies it where " +
        "PHI may be: once your BAA review clears it against https://aws.amazon.com/compliance/hipaa-eligible-services-reference/, " +
        'add "- prefix: ec2" with "checked: <the date>" to hipaaEligibleServices in organization.yaml; or stop ' +
        "assigning PlatformAdmin to phi-prod (identityCenter.assignments in organization.yaml) " +
        "(https://docs.aws.amazon.com/singlesignon/latest/userguide/permissionsetsconcept.html)",
    );
  });

  it("says which endpoint setting asks for a service the list lacks", () => {
    expect(line("endpoint-prod-ecr.api-eks-addon")).toContain(
      'add "- prefix: ecr" with "checked: <the date>" to hipaaEligibleServices in organization.yaml; or leave ' +
        "ecr.api out of network.interfaceEndpoints in prod.yaml",
    );
  });

  it("never prints a placeholder account or OU ID", () => {
    const text = failureLines(report).join("\n");
    expect(text).not.toMatch(/\b10000000\d{4}\b|\bou-ex01-|\br-ex01\b/);
    expect(report.paths.filter((p) => !p.ok).length).toBeGreaterThan(0);
  });

  it("suggests no list entry for a denial the list did not cause", () => {
    expect(
      report.paths.filter((p) => p.fix && !p.because.some((b) => b.includes("DenyServicesOutsideTheBaa"))),
    ).toEqual([]);
    expect(report.paths.find((p) => p.id === "baa-services-phi-prod-unlisted")).toMatchObject({ ok: true });
  });
});
