// Access paths for the two alert topics (164.308(a)(1)(ii)(D) activity review): CloudWatch alarms publishing to
// the encrypted alarm topic, EventBridge publishing Security Hub findings to the encrypted findings topic, and
// nobody outside the organization publishing to either; and the findings forwarded to the dashboard's account.
import { BACKUP_ALERTS_ROLE_NAME, backupAlertsBusName, eventBusArn } from "../../policies/backup-policies";
import { ResourceRef } from "../synthesized";
import { defaultEventBusArn } from "../../policies/finding-metrics";
import { AccessPath, fromRole, fromService, OUTSIDE_ROLE, PathContext } from "./context";

const ALARM_DOC =
  "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Notify_Users_Alarm_Changes.html";
const EVENTBRIDGE_DOC = "https://repost.aws/knowledge-center/sns-not-getting-eventbridge-notification";
const SNS_SSE_DOC =
  "https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services";

interface Topic {
  readonly id: string;
  readonly what: string;
  readonly topicArn: string;
  readonly keyArn: string;
  readonly account: string;
  readonly service: string;
  /** The context the publishing service sends to SNS. */
  readonly snsSource: { account?: string; arn?: string };
  /** The context it sends to KMS for the topic's data key (per its documentation). */
  readonly kmsSource: { account?: string; arn?: string };
  readonly doc: string;
}

function topicPaths(ctx: PathContext, topic: Topic): AccessPath[] {
  const { index } = ctx;
  const group = "Alerts";
  return [
    {
      id: `${topic.id}-publish`,
      group,
      title: `${topic.what} publish to the topic`,
      expect: "allow",
      doc: topic.doc,
      build: () => ({
        ...fromService(topic.service, topic.snsSource),
        action: "sns:Publish",
        resource: topic.topicArn,
        resourceAccount: topic.account,
        resourcePolicy: index.topicPolicy(topic.topicArn),
      }),
    },
    {
      id: `${topic.id}-data-key`,
      group,
      title: `${topic.what} get a data key from the topic's KMS key`,
      expect: "allow",
      doc: SNS_SSE_DOC,
      build: () => ({
        ...fromService(topic.service, topic.kmsSource),
        action: "kms:GenerateDataKey",
        resource: topic.keyArn,
        resourceAccount: topic.account,
        resourcePolicy: index.keyPolicy(topic.keyArn),
      }),
    },
    {
      id: `${topic.id}-outsider-publish`,
      group,
      title: `A principal outside the organization cannot publish to the ${topic.id} topic`,
      expect: "deny",
      doc: "https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html",
      build: () => ({
        ...fromRole(OUTSIDE_ROLE, undefined, topic.topicArn.split(":")[3]),
        action: "sns:Publish",
        resource: topic.topicArn,
        resourceAccount: topic.account,
        resourcePolicy: index.topicPolicy(topic.topicArn),
      }),
    },
  ];
}

/** The alarm topic and the findings topic, where they are synthesized. */
export function alertPaths(ctx: PathContext): AccessPath[] {
  const { model } = ctx;
  const out: AccessPath[] = [];
  const alarmTopic = model.resource("organization-trail", "alarms/topic");
  const alarm = model.resources("aws_cloudwatch_metric_alarm", "organization-trail")[0];
  const management = model.managementAccountId();
  const region = model.regionOf(alarmTopic);
  const alarmArn = `arn:aws:cloudwatch:${region}:${management}:alarm:${String(model.argument(alarm, "alarm_name"))}`;
  // CloudWatch sends the alarm's ARN and account to SNS and KMS (ALARM_DOC, "Preventing confused deputy").
  const alarmSource = { account: management, arn: alarmArn };
  // The alarm topic, published to by the trail's alarms and by the backup failures rule.
  const alarmTopicLayers = {
    topicArn: model.attribute(alarmTopic, "arn"),
    keyArn: String(model.argument(alarmTopic, "kms_master_key_id")),
    account: management,
  };
  out.push(
    ...topicPaths(ctx, {
      id: "alarms",
      what: "CloudWatch alarms on the trail's metrics",
      ...alarmTopicLayers,
      service: "cloudwatch.amazonaws.com",
      snsSource: alarmSource,
      kmsSource: alarmSource,
      doc: ALARM_DOC,
    }),
  );
  const findingsTopic = model.maybeResource("detective-controls", "topic");
  const rule = model.maybeResource("detective-controls", "security-hub/findings-rule");
  if (findingsTopic && rule) {
    const account = model.accountOf(findingsTopic);
    const ruleArn = model.attribute(rule, "arn");
    out.push(
      ...topicPaths(ctx, {
        id: "findings",
        what: "EventBridge rules sending HIGH and CRITICAL Security Hub findings",
        topicArn: model.attribute(findingsTopic, "arn"),
        keyArn: String(model.argument(findingsTopic, "kms_master_key_id")),
        account,
        service: "events.amazonaws.com",
        // EventBridge sends the rule's ARN to SNS; to KMS for an encrypted topic it sends neither the rule nor
        // the account, so the key policy may not condition on them (EVENTBRIDGE_DOC's key policy has none).
        snsSource: { arn: ruleArn },
        kmsSource: {},
        doc: EVENTBRIDGE_DOC,
      }),
    );
  }
  out.push(...inspectorPaths(ctx));
  const backupRule = model.maybeResource("organization-trail", "backup-alerts/rule");
  if (backupRule) {
    out.push(
      ...topicPaths(ctx, {
        id: "backup-failures",
        what: "The EventBridge rule for AWS Backup failures on the management account's backup-alerts bus",
        ...alarmTopicLayers,
        service: "events.amazonaws.com",
        snsSource: { arn: model.attribute(backupRule, "arn") },
        kmsSource: {},
        doc: EVENTBRIDGE_DOC,
      }).filter((path) => !path.id.endsWith("-outsider-publish")),
    );
  }
  out.push(...forwardingPaths(ctx), ...backupForwardingPaths(ctx));
  return out;
}

const INSPECTOR_EVENTS_DOC =
  "https://docs.aws.amazon.com/inspector/latest/user/findings-managing-automating-responses.html";

/**
 * Inspector's findings reach the findings topic: the home region's rule publishes to it (and gets its data key),
 * and every other region's rule forwards to the home region's default bus with the forwarder role, which may put
 * events there and nowhere else.
 */
function inspectorPaths(ctx: PathContext): AccessPath[] {
  const { model, index } = ctx;
  const topicRef = model.maybeResource("detective-controls", "topic");
  const homeRegion = ctx.config.organization.homeRegion;
  const homeRule = model.maybeResource("detective-controls", `inspector/findings-rule-${homeRegion}`);
  if (!topicRef || !homeRule) return [];
  const account = model.accountOf(topicRef);
  const out = topicPaths(ctx, {
    id: "inspector-findings",
    what: "The EventBridge rule sending HIGH and CRITICAL Inspector findings",
    topicArn: model.attribute(topicRef, "arn"),
    keyArn: String(model.argument(topicRef, "kms_master_key_id")),
    account,
    service: "events.amazonaws.com",
    snsSource: { arn: model.attribute(homeRule, "arn") },
    kmsSource: {},
    doc: INSPECTOR_EVENTS_DOC,
    // The topic's outsider proof is the Security Hub paths' when they exist; without them it is this one's.
  }).filter(
    (path) =>
      !path.id.endsWith("-outsider-publish") ||
      !model.maybeResource("detective-controls", "security-hub/findings-rule"),
  );
  const role = model.maybeResource("detective-controls", "inspector/role");
  if (role) {
    const roleArn = model.attribute(role, "arn");
    const homeBus = defaultEventBusArn(homeRegion, account);
    const put = (resource: string, resourceAccount: string) => ({
      ...fromRole(roleArn, ctx.orgId, homeRegion),
      action: "events:PutEvents",
      resource,
      resourceAccount,
      identityPolicies: index.rolePolicies(roleArn),
      scps: index.scpLevels(account),
    });
    out.push(
      {
        id: "inspector-findings-forwarded-home",
        group: "Alerts",
        title: "The Inspector forwarder role puts other regions' findings on the home region's default bus",
        expect: "allow",
        doc: FORWARD_DOC,
        build: () => put(homeBus, account),
      },
      {
        id: "inspector-forwarder-other-bus",
        group: "Alerts",
        title: "The Inspector forwarder role cannot put events on the management account's bus",
        expect: "deny",
        doc: FORWARD_DOC,
        build: () => {
          const management = model.managementAccountId();
          return put(defaultEventBusArn(homeRegion, management), management);
        },
      },
    );
  }
  return out;
}

const FORWARD_DOC = "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cross-account.html";

/** Roles that put events on a bus in the management account, and the bus; each role allowed, outsiders not. */
interface BusSenders {
  readonly id: string;
  readonly bus: string;
  readonly busArn: string;
  readonly region: string;
  readonly busPolicy: () => ReturnType<PathContext["model"]["policyArgument"]>;
  readonly senders: ReadonlyArray<{ readonly id: string; readonly who: string; readonly ref: ResourceRef }>;
}

function busPaths(ctx: PathContext, spec: BusSenders): AccessPath[] {
  const { model, index } = ctx;
  const management = model.managementAccountId();
  const put = { action: "events:PutEvents", resource: spec.busArn, resourceAccount: management };
  return [
    ...spec.senders.map(({ id, who, ref }) => {
      const roleArn = model.attribute(ref, "arn");
      return {
        id,
        group: "Alerts",
        title: `${who} puts events on ${spec.bus}`,
        expect: "allow" as const,
        doc: FORWARD_DOC,
        build: () => ({
          ...fromRole(roleArn, ctx.orgId, spec.region),
          ...put,
          identityPolicies: index.rolePolicies(roleArn),
          resourcePolicy: spec.busPolicy(),
          scps: index.scpLevels(model.accountOf(ref)),
        }),
      };
    }),
    {
      id: `${spec.id}-outsider`,
      group: "Alerts",
      title: `A principal outside the organization cannot put events on ${spec.bus}`,
      expect: "deny",
      doc: FORWARD_DOC,
      build: () => ({
        ...fromRole(OUTSIDE_ROLE, undefined, spec.region),
        ...put,
        resourcePolicy: spec.busPolicy(),
      }),
    },
  ];
}

/**
 * The findings the dashboard counts cross from security-tooling to the management account's default bus: the
 * forwarder role (its own policy, security-tooling's SCPs) on the bus policy, and nobody outside.
 */
function forwardingPaths(ctx: PathContext): AccessPath[] {
  const { model } = ctx;
  const role = model.maybeResource("detective-controls", "findings-forwarder/role");
  const bus = model.maybeResource("organization-trail", "findings/bus-policy");
  if (!role || !bus) return [];
  const region = model.regionOf(bus);
  return busPaths(ctx, {
    id: "findings-forward",
    bus: "the management account's bus",
    busArn: defaultEventBusArn(region, model.managementAccountId()),
    region,
    busPolicy: () => model.policyArgument(bus, "policy"),
    senders: [
      {
        id: "findings-forward-put-events",
        who: "The findings forwarder role in security-tooling",
        ref: role,
      },
    ],
  });
}

/**
 * Every member account's backup failures cross to the management account's backup-alerts bus: each forwarder role
 * (its own policy, its account's SCPs) on the bus policy, and nobody outside the organization.
 */
function backupForwardingPaths(ctx: PathContext): AccessPath[] {
  const { model } = ctx;
  const bus = model.maybeResource("organization-trail", "backup-alerts/bus-policy");
  if (!bus) return [];
  const region = model.regionOf(bus);
  const senders = model
    .resources("aws_iam_role")
    .filter((ref) => ref.stack.startsWith("baseline-") && ref.body.name === BACKUP_ALERTS_ROLE_NAME)
    .map((ref) => {
      const account = ref.stack.replace(/^baseline-/, "");
      return { id: `backup-failures-forward-${account}`, who: `The backup-alerts role in ${account}`, ref };
    });
  return busPaths(ctx, {
    id: "backup-failures-forward",
    bus: "the management account's backup-alerts bus",
    busArn: eventBusArn(
      region,
      model.managementAccountId(),
      backupAlertsBusName(ctx.config.organization.name),
    ),
    region,
    busPolicy: () => model.policyArgument(bus, "policy"),
    senders,
  });
}
