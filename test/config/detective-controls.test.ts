// Validation of the detective-control switches: PHI environments get every control, and a file that turns one
// off for them is refused with the control, the HIPAA section and the environments named.
import { controlCovers } from "../../src/config/model";
import {
  configIssues,
  DEV_YAML,
  fixture,
  ORGANIZATION_YAML,
  PROD_YAML,
  validConfig,
} from "../helpers/config-fixture";

const ORG = ORGANIZATION_YAML;

describe("detective controls", () => {
  it("turns every control on by default, exporting GuardDuty findings every 15 minutes", () => {
    expect(validConfig().organization.detectiveControls).toEqual({
      guardDuty: { enabled: true, findingPublishingFrequency: "FIFTEEN_MINUTES" },
      securityHub: { enabled: true },
      config: { enabled: true },
      accessAnalyzer: { enabled: true, unusedAccessAgeDays: 90 },
      inspector: { enabled: true },
      centralLogs: { enabled: true },
      macie: { enabled: true, classificationSchedule: "WEEKLY", samplingPercentage: 100 },
    });
  });

  it("refuses central application logs switched off while an environment holds PHI, naming the sections", () => {
    const org = `${ORG}detectiveControls:\n  centralLogs:\n    enabled: false\n`;
    expect(configIssues(fixture({ "organization.yaml": org }))).toEqual([
      "cfg/organization.yaml:44 detectiveControls.centralLogs.enabled: received false; expected true: Central application logs (CloudWatch cross-account observability into security-tooling) (45 CFR 164.308(a)(1)(ii)(D) information system activity review; 164.312(b) audit controls) is required because these environments hold PHI: prod",
    ]);
  });

  it("refuses Inspector switched off while an environment holds PHI, naming the sections", () => {
    const org = `${ORG}detectiveControls:\n  inspector:\n    enabled: false\n`;
    expect(configIssues(fixture({ "organization.yaml": org }))).toEqual([
      "cfg/organization.yaml:44 detectiveControls.inspector.enabled: received false; expected true: Amazon Inspector vulnerability scanning (EC2, ECR, Lambda) (45 CFR 164.308(a)(1)(ii)(A) risk analysis; 164.308(a)(1)(ii)(D) information system activity review) is required because these environments hold PHI: prod",
    ]);
  });

  it("refuses an organization-wide control switched off while an environment holds PHI, naming control and section", () => {
    const org = `${ORG}detectiveControls:\n  guardDuty:\n    enabled: false\n  macie:\n    enabled: false\n`;
    expect(configIssues(fixture({ "organization.yaml": org }))).toEqual([
      "cfg/organization.yaml:44 detectiveControls.guardDuty.enabled: received false; expected true: GuardDuty (45 CFR 164.308(a)(1)(ii)(D) information system activity review; 164.312(b) audit controls) is required because these environments hold PHI: prod",
      "cfg/organization.yaml:46 detectiveControls.macie.enabled: received false; expected true: Macie sensitive-data discovery (45 CFR 164.308(a)(1)(ii)(A) risk analysis; 164.312(a)(1) access control) is required because these environments hold PHI: prod",
    ]);
  });

  it("refuses a PHI environment that switches Config or Macie off for itself", () => {
    const prod = `${PROD_YAML}detectiveControls:\n  config: false\n  macie: false\n`;
    expect(configIssues(fixture({ "prod.yaml": prod }))).toEqual([
      'cfg/prod.yaml:6 detectiveControls.config: received false; expected true or no setting: environment "prod" holds PHI (phi: true), so AWS Config (recorder and the HIPAA conformance pack) (45 CFR 164.312(b) audit controls; 164.308(a)(8) evaluation) is required',
      'cfg/prod.yaml:7 detectiveControls.macie: received false; expected true or no setting: environment "prod" holds PHI (phi: true), so Macie sensitive-data discovery (45 CFR 164.308(a)(1)(ii)(A) risk analysis; 164.312(a)(1) access control) is required',
    ]);
  });

  it("lets an environment without PHI switch Macie off for its own accounts only", () => {
    const config = validConfig({ "dev.yaml": `${DEV_YAML}detectiveControls:\n  macie: false\n` });
    expect(controlCovers(config, "macie", "network")).toBe(false);
    expect(controlCovers(config, "macie", "phi-prod")).toBe(true);
    // Accounts outside every environment follow the organization.
    expect(controlCovers(config, "macie", "log-archive")).toBe(true);
  });

  it("lets an organization without PHI environments switch a control off", () => {
    const org = `${ORG}detectiveControls:\n  config:\n    enabled: false\n`;
    const config = validConfig({
      "organization.yaml": org,
      "prod.yaml": PROD_YAML.replace("phi: true", "phi: false"),
    });
    expect(controlCovers(config, "config", "phi-prod")).toBe(false);
  });

  it("rejects an unknown publishing frequency and an unused-access age out of range", () => {
    const org = `${ORG}detectiveControls:\n  guardDuty:\n    findingPublishingFrequency: HOURLY\n  accessAnalyzer:\n    unusedAccessAgeDays: 400\n`;
    expect(configIssues(fixture({ "organization.yaml": org }))).toEqual([
      'cfg/organization.yaml:44 detectiveControls.guardDuty.findingPublishingFrequency: received "HOURLY"; expected one of FIFTEEN_MINUTES, ONE_HOUR, SIX_HOURS',
      "cfg/organization.yaml:46 detectiveControls.accessAnalyzer.unusedAccessAgeDays: received 400; expected a whole number from 1 to 365 days",
    ]);
  });

  it('reserves the account name "management" for the management account\'s baseline', () => {
    const org = ORG.replace(
      "name: network\n    email: network@",
      "name: management\n    email: network@",
    ).replace("network: network", "network: management");
    expect(configIssues(fixture({ "organization.yaml": org }))).toEqual([
      'cfg/organization.yaml:33 accounts[2].name: received "management"; expected a name other than "management", which names the management account\'s baseline stack',
    ]);
  });
});
