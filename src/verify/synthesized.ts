// Reads the synthesized Terraform of every stack and resolves its references to concrete values, so the access
// proofs and service rules judge exactly what Terraform will apply (164.312(a)(1), (b)): not the TypeScript that
// produced it. Values AWS assigns at apply time (account IDs, the organization ID, key IDs) get stable
// placeholders; anything else that is not known at synth is an error, never a guess.
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { logGroupArn } from "../policies/arns";

/** One stack's synthesized JSON (the parts this module reads). */
interface StackJson {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly output?: Record<string, { value: unknown }>;
  readonly provider?: { aws?: Array<Record<string, unknown>> };
}

/** A value the synthesized Terraform leaves to apply time and the placeholders cannot stand in for. */
export class UnresolvedReference extends Error {
  constructor(
    readonly stackName: string,
    readonly expression: string,
    readonly why: string,
  ) {
    super(`${stackName}: cannot resolve \${${expression}} at synth (${why})`);
    this.name = "UnresolvedReference";
  }
}

/** A synthesized resource with its stack, address, construct path, account and region. */
export interface ResourceRef {
  readonly stack: string;
  readonly type: string;
  readonly name: string;
  /** The construct path below the stack, e.g. log-archive/archive/bucket. */
  readonly path: string;
  readonly body: Record<string, unknown>;
}

/** The placeholder the model uses for the organization's ID. */
export const PLACEHOLDER_ORG_ID = "o-exampleorg01";
/** The placeholder for the organization root's ID. */
export const PLACEHOLDER_ROOT_ID = "r-ex01";
/** The IAM Identity Center instance's placeholder ARN. */
export const PLACEHOLDER_SSO_INSTANCE = "arn:aws:sso:::instance/ssoins-0000000000000000";

/** Every synthesized stack, with a resolver over all of them. */
export class SynthesizedLandingZone {
  private readonly stacks = new Map<string, StackJson>();
  private readonly accountIds = new Map<string, string>();
  private readonly byPath = new Map<string, ResourceRef>();
  private readonly byType = new Map<string, ResourceRef[]>();
  private readonly byAddress = new Map<string, ResourceRef>();
  private readonly resolved = new Map<string, string>();
  private buckets?: Map<string, ResourceRef>;

  /**
   * @param stacks each stack's parsed cdk.tf.json by stack name
   * @param accountNames the configured account names in order, the management account first: each gets a stable
   *   placeholder ID (1000000000NN by position)
   */
  constructor(stacks: ReadonlyMap<string, unknown>, accountNames: readonly string[]) {
    for (const [name, json] of stacks) this.stacks.set(name, json as StackJson);
    accountNames.forEach((account, i) => this.accountIds.set(account, String(100000000001 + i)));
    for (const [stack, json] of this.stacks) {
      for (const [type, byName] of Object.entries(json.resource ?? {})) {
        for (const [name, body] of Object.entries(byName)) {
          const meta = (body["//"] as { metadata?: { path?: string } } | undefined)?.metadata?.path ?? name;
          const below = meta.startsWith(`${stack}/`) ? meta.slice(stack.length + 1) : meta;
          const ref = { stack, type, name, path: below, body };
          this.byPath.set(`${stack}\u0000${below}`, ref);
          this.byType.set(type, [...(this.byType.get(type) ?? []), ref]);
          this.byAddress.set(`${stack}\u0000${type}.${name}`, ref);
        }
      }
    }
  }

  /** Reads every stack under a cdktf output directory (manifest.json lists them). */
  static fromOutdir(outdir: string, accountNames: readonly string[]): SynthesizedLandingZone {
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8")) as {
      stacks: Record<string, { synthesizedStackPath: string }>;
    };
    const stacks = new Map<string, unknown>();
    for (const [name, stack] of Object.entries(manifest.stacks)) {
      stacks.set(name, JSON.parse(fs.readFileSync(path.join(outdir, stack.synthesizedStackPath), "utf8")));
    }
    return new SynthesizedLandingZone(stacks, accountNames);
  }

  /** Whether a stack was synthesized. */
  hasStack(stack: string): boolean {
    return this.stacks.has(stack);
  }

  /**
   * The placeholder ID of an account, by name (the management account by its configured name). An account the
   * stacks create but the list does not name (one the ledger keeps in Suspended) gets the next free ID.
   */
  accountId(accountName: string): string {
    let id = this.accountIds.get(accountName);
    if (!id) {
      id = String(100000000001 + this.accountIds.size);
      this.accountIds.set(accountName, id);
    }
    return id;
  }

  /** Every resource of every type, for rules that must read them all (a policy can hide in any type). */
  allResources(): ResourceRef[] {
    return [...this.byType.values()].flat();
  }

  /** Every resource of a type in a stack (or in every stack). */
  resources(type: string, stack?: string): ResourceRef[] {
    const all = this.byType.get(type) ?? [];
    return stack === undefined ? all : all.filter((ref) => ref.stack === stack);
  }

  /**
   * The resource a reference names, following a cross-stack reference to the stack that outputs it:
   * `${aws_x.name.id}` in the same stack, or `${data.terraform_remote_state.<input>.outputs.<output>}` whose output
   * is such a reference. Undefined when the value is not one reference to a resource.
   */
  referencedResource(stack: string, value: unknown): ResourceRef | undefined {
    if (typeof value !== "string") return undefined;
    const whole = /^\$\{([^{}]+)\}$/.exec(value.trim());
    if (!whole) return undefined;
    const expr = whole[1].trim();
    const remote = /^data\.terraform_remote_state\.([^.]+)\.outputs\.(.+)$/.exec(expr);
    if (remote) {
      const data = this.stacks.get(stack)?.data?.terraform_remote_state?.[remote[1]] as
        { config?: { key?: string; path?: string } } | undefined;
      const key = data?.config?.key ?? data?.config?.path;
      const source = key ? path.basename(key).replace(/\.tfstate$/, "") : undefined;
      const output = source ? this.stacks.get(source)?.output?.[remote[2]]?.value : undefined;
      return source === undefined ? undefined : this.referencedResource(source, output);
    }
    const ref = /^([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.[^.]+/.exec(expr);
    return ref ? this.byAddress.get(`${stack}\u0000${ref[1]}.${ref[2]}`) : undefined;
  }

  /** The data source a `${data.<type>.<name>.<attribute>}` reference in `stack` names, or undefined. */
  referencedDataSource(
    stack: string,
    value: unknown,
  ): { readonly type: string; readonly name: string; readonly body: Record<string, unknown> } | undefined {
    if (typeof value !== "string") return undefined;
    const ref = /^\$\{data\.([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.[^{}]+\}$/.exec(value.trim());
    const body = ref ? this.stacks.get(stack)?.data?.[ref[1]]?.[ref[2]] : undefined;
    return ref && body ? { type: ref[1], name: ref[2], body } : undefined;
  }

  /** The resource at a construct path below a stack, e.g. ("log-archive", "log-archive/archive/bucket"). */
  resource(stack: string, constructPath: string): ResourceRef {
    const ref = this.byPath.get(`${stack}\u0000${constructPath}`);
    if (!ref) throw new Error(`stack ${stack} has no resource at ${constructPath}`);
    return ref;
  }

  /** The synthesized aws_s3_bucket of a bucket name, or undefined when no stack creates it. */
  bucket(name: string): ResourceRef | undefined {
    if (!this.buckets) {
      this.buckets = new Map(
        this.resources("aws_s3_bucket").map((ref) => [String(this.argument(ref, "bucket")), ref]),
      );
    }
    return this.buckets.get(name);
  }

  /** The resource at a construct path, or undefined. */
  maybeResource(stack: string, constructPath: string): ResourceRef | undefined {
    return this.byPath.get(`${stack}\u0000${constructPath}`);
  }

  /** A resource attribute with every reference resolved. */
  attribute(ref: ResourceRef, attribute: string): string {
    return this.resolveExpression(ref.stack, `${ref.type}.${ref.name}.${attribute}`);
  }

  /** A resource's literal (or resolved) argument, e.g. a policy document's JSON. */
  argument(ref: ResourceRef, key: string): unknown {
    return this.resolveValue(ref.stack, ref.body[key]);
  }

  /** A JSON policy argument, parsed after resolution. */
  policyArgument(ref: ResourceRef, key: string): PolicyJson {
    const raw = this.argument(ref, key);
    if (typeof raw !== "string")
      throw new Error(`${ref.stack}: ${ref.type}.${ref.name}.${key} is not a string`);
    return JSON.parse(raw) as PolicyJson;
  }

  /** The account a stack's resource is created in (its provider's assumed role, else the management account). */
  accountOf(ref: ResourceRef): string {
    const provider = this.providerOf(ref.stack, ref.body.provider as string | undefined);
    const assume = (provider.assume_role as Array<{ role_arn: string }> | undefined)?.[0];
    if (!assume) return this.managementAccountId();
    const arn = this.resolveString(ref.stack, assume.role_arn);
    return arn.split(":")[4];
  }

  /** The region a stack's resource is created in. */
  regionOf(ref: ResourceRef): string {
    return this.providerOf(ref.stack, ref.body.provider as string | undefined).region as string;
  }

  /** A resource's tags as AWS will hold them: the provider's default tags, then the resource's own. */
  tagsOf(ref: ResourceRef): Record<string, string> {
    const provider = this.providerOf(ref.stack, ref.body.provider as string | undefined);
    const defaults = (provider.default_tags as Array<{ tags?: Record<string, string> }> | undefined)?.[0]
      ?.tags;
    return {
      ...(defaults ?? {}),
      ...((this.resolveValue(ref.stack, ref.body.tags) as Record<string, string>) ?? {}),
    };
  }

  /**
   * The identity policies of a role the stacks create, by name: its inline policies and the customer managed
   * policies attached to it (AWS managed policies attached by ARN are not in the stacks, so not here).
   */
  rolePolicies(role: ResourceRef): Array<{ name: string; policy: PolicyJson }> {
    const roleName = this.attribute(role, "name");
    const account = this.accountOf(role);
    const out: Array<{ name: string; policy: PolicyJson }> = [];
    for (const ref of this.resources("aws_iam_role_policy")) {
      if (this.accountOf(ref) !== account || this.argument(ref, "role") !== roleName) continue;
      out.push({
        name: `${roleName}/${String(this.argument(ref, "name"))}`,
        policy: this.policyArgument(ref, "policy"),
      });
    }
    const managed = new Map(
      this.resources("aws_iam_policy")
        .filter((ref) => this.accountOf(ref) === account)
        .map((ref) => [this.attribute(ref, "arn"), ref]),
    );
    for (const ref of this.resources("aws_iam_role_policy_attachment")) {
      if (this.accountOf(ref) !== account || this.argument(ref, "role") !== roleName) continue;
      const policy = managed.get(String(this.argument(ref, "policy_arn")));
      if (policy)
        out.push({ name: this.attribute(policy, "name"), policy: this.policyArgument(policy, "policy") });
    }
    return out;
  }

  /** The management account's placeholder ID. */
  managementAccountId(): string {
    return [...this.accountIds.values()][0];
  }

  /** Resolves every `${...}` in a value (strings, arrays and objects alike). */
  resolveValue(stack: string, value: unknown): unknown {
    if (typeof value === "string") return this.resolveString(stack, value);
    if (Array.isArray(value)) return value.map((v) => this.resolveValue(stack, v));
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.resolveValue(stack, v)]));
    }
    return value;
  }

  /** Resolves every `${...}` in a string; `$${` is Terraform's escape for a literal `${`. */
  resolveString(stack: string, value: string): string {
    let out = "";
    let i = 0;
    while (i < value.length) {
      if (value.startsWith("$${", i)) {
        out += "${";
        i += 3;
        continue;
      }
      if (value.startsWith("${", i)) {
        const end = matchingBrace(value, i + 2);
        out += this.resolveExpression(stack, value.slice(i + 2, end));
        i = end + 1;
        continue;
      }
      out += value[i];
      i += 1;
    }
    return out;
  }

  private providerOf(stack: string, reference: string | undefined): Record<string, unknown> {
    const providers = this.stacks.get(stack)?.provider?.aws ?? [];
    const alias = reference?.startsWith("aws.") ? reference.slice(4) : undefined;
    const provider = providers.find((p) => (alias ? p.alias === alias : p.alias === undefined));
    if (!provider) throw new Error(`${stack}: no AWS provider ${reference ?? "(default)"}`);
    return provider;
  }

  /** Resolves one expression; the same expression in the same stack always resolves alike, so it is cached. */
  private resolveExpression(stack: string, expression: string): string {
    const key = `${stack}\u0000${expression}`;
    const cached = this.resolved.get(key);
    if (cached !== undefined) return cached;
    const value = this.evaluateExpression(stack, expression);
    this.resolved.set(key, value);
    return value;
  }

  private evaluateExpression(stack: string, expression: string): string {
    const expr = expression.trim();
    if (expr === "terraform.workspace") return "default";
    const element = /^element\((.+),\s*(\d+)\)$/.exec(expr);
    if (element) {
      if (/^data\.aws_ssoadmin_instances\.[^.]+\.arns$/.test(element[1])) return PLACEHOLDER_SSO_INSTANCE;
      if (/^data\.aws_ssoadmin_instances\.[^.]+\.identity_store_ids$/.test(element[1])) return "d-0000000000";
      throw new UnresolvedReference(stack, expr, "a list only AWS knows");
    }
    const remote = /^data\.terraform_remote_state\.([^.]+)\.outputs\.(.+)$/.exec(expr);
    if (remote) return this.resolveRemoteOutput(stack, remote[1], remote[2], expr);
    const caller = /^data\.aws_caller_identity\.[^.]+\.account_id$/.exec(expr);
    if (caller) return this.accountOfStack(stack);
    if (expr.startsWith("data."))
      throw new UnresolvedReference(stack, expr, "a data source read at apply time");
    const ref = /^([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.(.+)$/.exec(expr);
    if (!ref) throw new UnresolvedReference(stack, expr, "not a reference this model knows");
    const [, type, name, attribute] = ref;
    const resource = this.byAddress.get(`${stack}\u0000${type}.${name}`);
    if (!resource) throw new UnresolvedReference(stack, expr, "no such resource");
    return this.resourceAttribute(resource, attribute, expr);
  }

  private accountOfStack(stack: string): string {
    const provider = this.providerOf(stack, undefined);
    const assume = (provider.assume_role as Array<{ role_arn: string }> | undefined)?.[0];
    return assume ? this.resolveString(stack, assume.role_arn).split(":")[4] : this.managementAccountId();
  }

  private resolveRemoteOutput(stack: string, dataName: string, output: string, expr: string): string {
    const data = this.stacks.get(stack)?.data?.terraform_remote_state?.[dataName] as
      { config?: { key?: string; path?: string } } | undefined;
    const key = data?.config?.key ?? data?.config?.path;
    const source = key ? path.basename(key).replace(/\.tfstate$/, "") : undefined;
    const value = source ? this.stacks.get(source)?.output?.[output]?.value : undefined;
    if (source === undefined || value === undefined) {
      throw new UnresolvedReference(stack, expr, "no such output in the source stack");
    }
    const resolved = this.resolveValue(source, value);
    if (typeof resolved !== "string")
      throw new UnresolvedReference(stack, expr, "the output is not a string");
    return resolved;
  }

  /** Attributes AWS computes, from what the resource's arguments fix; other attributes are its arguments. */
  private resourceAttribute(ref: ResourceRef, attribute: string, expr: string): string {
    const arg = (key: string) => {
      const value = ref.body[key];
      if (typeof value !== "string") throw new UnresolvedReference(ref.stack, expr, `${key} is not set`);
      return this.resolveString(ref.stack, value);
    };
    const account = () => this.accountOf(ref);
    const region = () => this.regionOf(ref);
    const secretArn = () =>
      `arn:aws:secretsmanager:${region()}:${account()}:secret:${arg("name")}-${stableId(`${ref.stack}/${ref.name}`, 6)}`;
    const computed: Record<string, Record<string, () => string>> = {
      aws_organizations_organization: {
        id: () => PLACEHOLDER_ORG_ID,
        master_account_id: () => this.managementAccountId(),
        "roots[0].id": () => PLACEHOLDER_ROOT_ID,
        arn: () => `arn:aws:organizations::${this.managementAccountId()}:organization/${PLACEHOLDER_ORG_ID}`,
      },
      aws_organizations_account: { id: () => this.accountId(arg("name")) },
      aws_organizations_organizational_unit: { id: () => `ou-ex01-${stableId(ref.name, 8)}` },
      aws_organizations_policy: { id: () => `p-${stableId(ref.name, 8)}` },
      aws_kms_key: {
        arn: () => `arn:aws:kms:${region()}:${account()}:key/${keyId(ref)}`,
        key_id: () => keyId(ref),
        id: () => keyId(ref),
      },
      aws_kms_alias: { arn: () => `arn:aws:kms:${region()}:${account()}:${arg("name")}` },
      aws_s3_bucket: {
        arn: () => `arn:aws:s3:::${arg("bucket")}`,
        id: () => arg("bucket"),
        bucket: () => arg("bucket"),
      },
      aws_sns_topic: { arn: () => `arn:aws:sns:${region()}:${account()}:${arg("name")}`, id: () => "" },
      aws_iam_role: {
        arn: () =>
          `arn:aws:iam::${account()}:role${(ref.body.path as string | undefined) ?? "/"}${arg("name")}`,
        id: () => arg("name"),
        name: () => arg("name"),
      },
      aws_iam_policy: {
        arn: () =>
          `arn:aws:iam::${account()}:policy${(ref.body.path as string | undefined) ?? "/"}${arg("name")}`,
        name: () => arg("name"),
      },
      aws_iam_service_linked_role: {
        arn: () => {
          const service = arg("aws_service_name");
          return `arn:aws:iam::${account()}:role/aws-service-role/${service}/${serviceLinkedRoleName(service)}`;
        },
        name: () => serviceLinkedRoleName(arg("aws_service_name")),
      },
      aws_cloudtrail: { arn: () => `arn:aws:cloudtrail:${region()}:${account()}:trail/${arg("name")}` },
      aws_cloudwatch_log_group: {
        arn: () => logGroupArn(region(), account(), arg("name")),
        name: () => arg("name"),
      },
      // A rule on a custom bus has the bus in its ARN: rule/<bus>/<rule>; on the default bus, rule/<rule>
      // (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoneventbridge.html#amazoneventbridge-resources-for-iam-policies).
      aws_cloudwatch_event_rule: {
        arn: () => {
          const bus = ref.body.event_bus_name === undefined ? "default" : arg("event_bus_name");
          return `arn:aws:events:${region()}:${account()}:rule/${bus === "default" ? "" : `${bus}/`}${arg("name")}`;
        },
      },
      aws_cloudwatch_event_bus: {
        arn: () => `arn:aws:events:${region()}:${account()}:event-bus/${arg("name")}`,
        name: () => arg("name"),
      },
      aws_ssoadmin_permission_set: {
        arn: () =>
          `${PLACEHOLDER_SSO_INSTANCE.replace("instance/", "permissionSet/")}/ps-${stableId(ref.name, 16)}`,
      },
      aws_guardduty_detector: { id: () => stableId(ref.name, 32) },
      aws_oam_sink: { arn: () => `arn:aws:oam:${region()}:${account()}:sink/${stableId(ref.name, 32)}` },
      // The sink policy's arn is its sink's.
      aws_oam_sink_policy: { arn: () => arg("sink_identifier") },
      // A workload's network and stores (modules/workload/): IDs EC2 assigns, ARNs built from the names given.
      aws_subnet: {
        id: () => `subnet-${stableId(`${ref.stack}/${ref.name}`, 17)}`,
        arn: () =>
          `arn:aws:ec2:${region()}:${account()}:subnet/subnet-${stableId(`${ref.stack}/${ref.name}`, 17)}`,
      },
      aws_security_group: { id: () => `sg-${stableId(`${ref.stack}/${ref.name}`, 17)}` },
      aws_sqs_queue: {
        arn: () => `arn:aws:sqs:${region()}:${account()}:${arg("name")}`,
        url: () => `https://sqs.${region()}.amazonaws.com/${account()}/${arg("name")}`,
      },
      aws_dynamodb_table: {
        arn: () => `arn:aws:dynamodb:${region()}:${account()}:table/${arg("name")}`,
        name: () => arg("name"),
      },
      aws_lambda_function: {
        arn: () => `arn:aws:lambda:${region()}:${account()}:function:${arg("function_name")}`,
      },
      aws_vpc_endpoint: { id: () => `vpce-${stableId(`${ref.stack}/${ref.name}`, 17)}` },
      // A code signing configuration's ID is `csc-` and 17 characters Lambda picks; a Signer profile's ARN is its name.
      aws_lambda_code_signing_config: {
        arn: () =>
          `arn:aws:lambda:${region()}:${account()}:code-signing-config:csc-${stableId(`${ref.stack}/${ref.name}`, 17)}`,
      },
      aws_signer_signing_profile: {
        arn: () => `arn:aws:signer:${region()}:${account()}:/signing-profiles/${arg("name")}`,
        name: () => arg("name"),
      },
      // A secret's ARN is its name, a hyphen and six characters Secrets Manager picks; the provider's ID is the ARN.
      aws_secretsmanager_secret: {
        arn: () => secretArn(),
        id: () => secretArn(),
      },
      // A REST API's ID is ten characters API Gateway picks; its execute-api ARN is built from it.
      aws_api_gateway_rest_api: {
        id: () => restApiId(ref),
        root_resource_id: () => stableId(`${ref.stack}/${ref.name}/root`, 10),
        execution_arn: () => `arn:aws:execute-api:${region()}:${account()}:${restApiId(ref)}`,
      },
    };
    const compute = computed[ref.type]?.[attribute];
    if (compute) return compute();
    if (typeof ref.body[attribute] === "string") return arg(attribute);
    throw new UnresolvedReference(ref.stack, expr, `${ref.type}.${attribute} is computed by AWS`);
  }
}

/** A parsed IAM policy document as it appears in the synthesized JSON. */
export interface PolicyJson {
  readonly Version: string;
  readonly Statement: Array<Record<string, unknown>>;
}

/** The name AWS gives a service-linked role, e.g. AWSServiceRoleForConfig for config.amazonaws.com. */
export function serviceLinkedRoleName(service: string): string {
  const known: Record<string, string> = {
    "config.amazonaws.com": "AWSServiceRoleForConfig",
    "autoscaling.amazonaws.com": "AWSServiceRoleForAutoScaling",
  };
  const name = known[service];
  if (!name) throw new Error(`no known service-linked role name for ${service}`);
  return name;
}

function keyId(ref: ResourceRef): string {
  const h = stableId(`${ref.stack}/${ref.name}`, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function restApiId(ref: ResourceRef): string {
  return stableId(`${ref.stack}/${ref.name}`, 10);
}

function stableId(seed: string, length: number): string {
  return crypto.createHash("sha256").update(seed).digest("hex").slice(0, length);
}

function matchingBrace(value: string, from: number): number {
  let depth = 1;
  for (let i = from; i < value.length; i++) {
    if (value[i] === "{") depth++;
    if (value[i] === "}" && --depth === 0) return i;
  }
  throw new Error(`unbalanced \${ in ${value.slice(0, 80)}`);
}
