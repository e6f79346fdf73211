// Session Manager in one account, every governed region: a session key, an encrypted log group kept six years, the
// preferences document that logs and encrypts every session and ends idle ones, and Default Host Management with
// a role that may write only those logs (164.312(a)(2)(iii) automatic logoff, 164.312(b) audit controls,
// 164.312(e)(1) transmission security). AWS: https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-logging.html
import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { SsmDocument } from "@cdktf/provider-aws/lib/ssm-document";
import { SsmServiceSetting } from "@cdktf/provider-aws/lib/ssm-service-setting";
import { settingsOf } from "../src/config/profile";
import { KeyAdministrators, keyPolicy, sessionKeyUse } from "../src/policies/kms-policies";
import { renderPolicy } from "../src/policies/policy-document";
import {
  DEFAULT_HOST_MANAGED_POLICY,
  DEFAULT_HOST_ROLE_PATH,
  defaultHostRoleName,
  defaultHostRolePermissions,
  defaultHostSettingId,
  defaultHostSettingValue,
  SESSION_PREFERENCES_DOCUMENT,
  sessionKeyAlias,
  sessionLogGroupName,
  sessionPreferences,
  SessionTimeouts,
} from "../src/policies/session-manager";
import { AccountRegionsProps } from "./account-regions";
import { LandingZoneKey } from "./landing-zone-key";
import { logRetentionAtLeast } from "./organization-trail";
import { RolePermissions } from "./role-permissions";

export interface SessionManagerProps extends AccountRegionsProps {
  /** Who administers the session keys. */
  readonly keyAdmins: KeyAdministrators;
  /** The organization's name: the keys' alias, the log group's and the role's names start with it. */
  readonly namePrefix: string;
  /** How long an idle session lives, and any session. */
  readonly timeouts: SessionTimeouts;
  /** Days the session logs are kept (rounded up to a value CloudWatch allows): the log archive's retention. */
  readonly logRetentionDays: number;
}

/** Session preferences per region and Default Host Management for one account. */
export class SessionManager extends Construct {
  /** The session keys by region. */
  readonly keys = new Map<string, LandingZoneKey>();
  /** The session log groups by region. */
  readonly logGroups = new Map<string, CloudwatchLogGroup>();

  constructor(scope: Construct, id: string, props: SessionManagerProps) {
    super(scope, id);
    const logGroupName = sessionLogGroupName(props.namePrefix);
    for (const region of props.regions) {
      const provider = props.providerFor(region);
      const key = new LandingZoneKey(this, `key-${region}`, {
        provider,
        alias: sessionKeyAlias(props.namePrefix),
        description: "Session Manager: session data and the session log group in this account and region",
        policy: keyPolicy(
          props.keyAdmins,
          sessionKeyUse({ accountId: props.accountId, region, logGroupName }),
        ),
      });
      this.keys.set(region, key);
      const logGroup = new CloudwatchLogGroup(this, `log-group-${region}`, {
        provider,
        name: logGroupName,
        retentionInDays: logRetentionAtLeast(props.logRetentionDays),
        kmsKeyId: key.arn,
        lifecycle: { preventDestroy: settingsOf(this).preventDestroy },
      });
      this.logGroups.set(region, logGroup);
      new SsmDocument(this, `preferences-${region}`, {
        provider,
        name: SESSION_PREFERENCES_DOCUMENT,
        documentType: "Session",
        documentFormat: "JSON",
        content: JSON.stringify(
          sessionPreferences({ logGroupName: logGroup.name, kmsKeyArn: key.arn, timeouts: props.timeouts }),
        ),
      });
    }

    // Default Host Management: instances get the agent's permissions from this role, with no instance profile of
    // their own (https://docs.aws.amazon.com/systems-manager/latest/userguide/managed-instances-default-host-management.html).
    // The trust is AWS's, unchanged: the page documents no condition for it.
    const home = props.providerFor(props.homeRegion);
    const role = new IamRole(this, "default-host-role", {
      provider: home,
      name: defaultHostRoleName(props.namePrefix),
      path: DEFAULT_HOST_ROLE_PATH,
      description: "Systems Manager Default Host Management: the SSM agent's role on every EC2 instance",
      assumeRolePolicy: renderPolicy({
        Version: "2012-10-17",
        Statement: [
          {
            // AWS's trust for this role, as its page gives it.
            Sid: "SystemsManagerAssumes",
            Effect: "Allow",
            Principal: { Service: "ssm.amazonaws.com" },
            Action: "sts:AssumeRole",
          },
        ],
      }),
    });
    new IamRolePolicyAttachment(this, "default-host-managed-policy", {
      provider: home,
      role: role.name,
      policyArn: DEFAULT_HOST_MANAGED_POLICY,
    });
    new RolePermissions(this, "default-host-permissions", {
      provider: home,
      roleName: role.name,
      policyName: `${defaultHostRoleName(props.namePrefix)}-session-logs`,
      description: "The SSM agent writes session logs and decrypts session data",
      document: defaultHostRolePermissions({
        accountId: props.accountId,
        regions: props.regions,
        logGroupName,
        sessionKeyArns: [...this.keys.values()].map((key) => key.arn),
      }),
    });
    for (const region of props.regions) {
      new SsmServiceSetting(this, `default-host-${region}`, {
        provider: props.providerFor(region),
        settingId: defaultHostSettingId(region, props.accountId),
        settingValue: defaultHostSettingValue(props.namePrefix),
        dependsOn: [role],
      });
    }
  }
}
