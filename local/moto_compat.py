"""Compatibility patches for moto 5.2.1, applied only inside the local emulator (local/emulator.py).

Each patch fills a gap between moto and real AWS that the landing zone's stacks hit; each is the smallest change
that lets the real Terraform resource apply and read back. Nothing here is on the real deploy path: real AWS
runs none of this. test/local/emulator.test.ts checks every patch through the AWS API.

Patches:
  1. organizations-delegated-admin-principals: AWS accepts backup.amazonaws.com, config.amazonaws.com,
     cloudtrail.amazonaws.com, securityhub.amazonaws.com and sso.amazonaws.com as delegated-administrator
     principals; moto 5.2.1 does not.
  2. organizations-trusted-access-principals: AWS accepts malware-protection.guardduty.amazonaws.com (GuardDuty
     Malware Protection across the organization) and iam.amazonaws.com (centralized root access for member
     accounts, https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-enable-root-access.html) for trusted
     access; moto 5.2.1 does not.
  3. securityhub-list-disable-admin: moto 5.2.1 implements EnableOrganizationAdminAccount but not
     ListOrganizationAdminAccounts or DisableOrganizationAdminAccount, which the AWS provider uses to read and
     delete aws_securityhub_organization_admin_account.
  4. cloudtrail-logging-by-arn: AWS accepts a trail's name or ARN in StartLogging, StopLogging and DeleteTrail;
     moto 5.2.1 looks the trail up by name only, and the AWS provider passes the ARN.
  5. s3-logging-target-policy-principal: when PutBucketLogging checks the target bucket's policy, moto 5.2.1
     crashes on a statement whose Principal is the string "*" (valid IAM, used by every TLS-only deny); the
     patched check skips such statements, as they cannot be the logging service's grant.
  6. s3-replication-source-selection: moto 5.2.1 stores a replication rule's SourceSelectionCriteria (replicate
     SSE-KMS objects), Filter and DeleteMarkerReplication but leaves them out of GetBucketReplication, so every
     plan would show a change to re-add them. The patched call returns each as it was stored.
  7. route53resolver-query-log-config-tags: AWS tags Resolver query log configs like endpoints and rules; moto
     5.2.1 stores their tags at creation but refuses ListTagsForResource/TagResource on their ARN, which the AWS
     provider calls to read aws_route53_resolver_query_log_config.
  8. ssoadmin-permission-set-tags-and-provisioning: moto 5.2.1 stores a permission set's tags but has no
     ListTagsForResource, TagResource or UntagResource for them, and no DescribePermissionSetProvisioningStatus,
     which the AWS provider polls after every change to a permission set's policies. Each status
     ProvisionPermissionSet answers is stored under its request ID and returned as stored; an unknown request ID
     is refused as AWS refuses it (ResourceNotFoundException). Also, moto looks up an AWS managed policy's path
     under the key "path" where its own data says "Path", so it refuses every policy outside "/", such as
     arn:aws:iam::aws:policy/job-function/ViewOnlyAccess.
  9. ec2-flow-log-destination-options: moto 5.2.1 ignores a flow log's DestinationOptions (file format, Hive
     partitions, per-hour partitions for S3 destinations) and leaves them out of DescribeFlowLogs, so every plan
     would replace the flow log to add them again.
 10. ec2-vpc-endpoint-client-token: AWS makes CreateVpcEndpoint idempotent on its ClientToken: a retry with the
     same token and parameters returns the endpoint the first request created, and the same token with other
     parameters is refused with IdempotentParameterMismatch
     (https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-idempotency.html). The AWS provider sends a token
     with every create; moto 5.2.1 stores it but creates a second endpoint on a retry, so an SDK retry after a
     lost response left two endpoints for one service in a VPC. The patched call answers a repeated token with
     the endpoint stored under it.
 11. account-region-opt-status: moto 5.2.1 implements only the Account Management API's alternate contacts, not
     ListRegions, GetRegionOptStatus, EnableRegion or DisableRegion, which make preflight reads to check that every
     governed region is enabled in every account. The patched API stores each account's EnableRegion and
     DisableRegion requests and answers with what it stored; a region nobody changed has the status AWS documents
     for a new account: ENABLED_BY_DEFAULT for the regions launched before 20 March 2019, DISABLED for the opt-in
     regions (https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-regions.html). A change is final
     at once (AWS passes through ENABLING/DISABLING for minutes to hours).
 12. organizations-backup-policy: AWS Organizations accepts policies of type BACKUP_POLICY (organization backup
     policies, https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_backup.html); moto
     5.2.1 lists the type as supported and enables it on the root, but has no ARN format for it and raises
     NotImplementedError from CreatePolicy. The patched policy gets AWS's ARN format for backup policies
     (arn:aws:organizations::<management>:policy/<org>/backup_policy/<id>) and is otherwise moto's own policy:
     its content is stored and returned as sent, attached and listed like any other type.
 13. backup-list-tags-path: AWS Backup's ListTags is GET /tags/<resource ARN>/
     (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_ListTags.html); the AWS provider sends it without
     the trailing slash, and moto 5.2.1 takes the second-to-last path segment as the ARN, so it answers "tags" for
     the ARN and returns no tags for any vault, and every plan would re-add the vault's tags. The patched call
     reads the ARN from everything after /tags/, with or without the slash, and returns the tags stored for it.
 14. backup-report-plan-tags: AWS Backup's CreateReportPlan takes ReportPlanTags
     (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_CreateReportPlan.html); moto 5.2.1 ignores them
     ("not yet supported"), so every report plan reads back without tags and every plan would re-add them. The
     patched call stores the tags it is sent on the report plan's ARN, where ListTags and TagResource find them.
 15. organizations-declarative-policy: AWS Organizations has declarative policies for EC2, type
     DECLARATIVE_POLICY_EC2 (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_declarative.html),
     which EnablePolicyType and CreatePolicy accept; moto 5.2.1 refuses the type in both. The patched organization
     enables the type on the root like the others, and the patched policy gets the ARN AWS's authorization
     reference gives every policy, policy/o-<org>/<type>/p-<id> with the type in lower case as for backup policies
     (declarative_policy_ec2); otherwise it is moto's own policy: its content is stored and returned as sent,
     attached and listed like any other type. Nothing enforces it: the emulator's EC2 settings do not change.
 16. guardduty-designated-admin-detector: AWS enables GuardDuty in the delegated administrator account when the
     management account designates it, in the Region of the call only ("For this administrator account, GuardDuty
     gets enabled automatically only in the designated AWS Region",
     https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_organizations.html), and refuses a second detector
     in an account and Region ("a detector already exists for the current account", terraform-provider-aws#11780).
     moto 5.2.1 stores the designation but enables nothing, and creates as many detectors as it is asked to. The
     patched EnableOrganizationAdminAccount also gives the designated account a detector in that Region when it has
     none, as CreateDetector with no arguments would (enabled, SIX_HOURS: the default the AWS provider documents for
     finding_publishing_frequency), with no tags, features or data sources; the patched CreateDetector refuses a
     second detector in an account and Region as AWS does (BadRequestException, InvalidInputException).
 17. guardduty-detector-tags: AWS tags a detector through TagResource, UntagResource and ListTagsForResource on its
     ARN (https://docs.aws.amazon.com/guardduty/latest/APIReference/API_TagResource.html); moto 5.2.1 stores tags
     sent with CreateDetector only, so a detector the landing zone adopts (16) could not take its default tags.
     The patched API stores the tags it is sent on the detector and returns them, in GetDetector as moto already
     does and in ListTagsForResource; an ARN that is not one of the caller's detectors is refused as GetDetector
     refuses an unknown ID.
 18. securityhub-designated-admin-hub: designating the delegated Security Hub administrator "also enables Security Hub
     CSPM in the current AWS Region for the delegated administrator account"
     (https://docs.aws.amazon.com/securityhub/latest/userguide/designate-orgs-admin-account.html), and AWS refuses
     EnableSecurityHub for an account that is already subscribed (ResourceConflictException); moto 5.2.1 enables
     nothing on designation and answers a repeated EnableSecurityHub with success. The patched
     EnableOrganizationAdminAccount enables the designated account's hub in the Region of the call; the patched
     EnableSecurityHub refuses a hub that is already on.
 19. inspector2-leaving-members-and-admins: on AWS a member Inspector's administrator disassociates reports the
     relationship status REMOVED (one of RelationshipStatus's values,
     https://docs.aws.amazon.com/inspector/v2/APIReference/API_Member.html), and an administrator the management
     account disables leaves ListDelegatedAdminAccounts once disabled; the AWS provider waits for exactly that
     before it calls either gone (terraform-provider-aws internal/service/inspector2: member_association.go treats
     REMOVED as not found, delegated_admin_account.go waits for the account to leave the list). moto 5.2.1 marks both
     DISABLED and keeps listing them, so removing an account's entry or tearing down could never finish. The patched
     DisassociateMember sets the member's status to REMOVED (AssociateMember makes it ENABLED again, as before); the
     patched DisableDelegatedAdminAccount removes the account from the administrators it lists.
 20. oam-sinks-and-links: AWS has CloudWatch Observability Access Manager (sinks, sink policies and links, through
     which every account shares its log groups and metrics with security-tooling); moto 5.2.1 has no such service.
     local/moto_oam.py adds it as moto's "oam" service: it stores each sink, policy, link and tag it is sent and
     returns them in the shapes of AWS's API reference, refuses a second sink in an account and Region as CreateSink
     documents, a sink's deletion while links are attached as DeleteSink documents, and a link to a sink that does
     not exist. It enforces no sink policy (make verify proves
     whom the policy admits) and shares nothing: no log group or metric becomes visible anywhere.
 21. lambda-function-key-dead-letter-logging: AWS returns a function's KMSKeyArn, DeadLetterConfig and LoggingConfig
     in GetFunction and GetFunctionConfiguration as CreateFunction and UpdateFunctionConfiguration set them
     (https://docs.aws.amazon.com/lambda/latest/api/API_FunctionConfiguration.html); moto 5.2.1 drops all three, so
     every plan of a workload would change its function to add them again. The patched function stores each as it
     is sent and returns it as stored; a function created without one returns none of it (AWS would return its
     default logging configuration, which the landing zone always sets).
 22. sqs-redrive-policy-json: AWS returns a queue's RedrivePolicy as compact JSON, with no spaces
     (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_GetQueueAttributes.html, its
     example: {"deadLetterTargetArn":"arn:...","maxReceiveCount":1000}), and the AWS provider compares it as text;
     moto 5.2.1 re-serializes it with spaces after each separator, so every plan of a queue with a dead-letter queue
     would change it back. The patched attribute serializes the stored policy without spaces; its content is as
     sent.
 23. apigateway-rest-api-policy-escaped: API Gateway returns a REST API's resource policy as an escaped JSON string
     (its quotes backslashed), and the AWS provider reads it back by unquoting it
     (hashicorp/terraform-provider-aws, internal/service/apigateway/rest_api_policy.go and rest_api.go wrap the
     value in quotes and unquote it); moto 5.2.1 returns the policy as sent, so the provider fails to read it
     ("invalid character ... after top-level value") and no private API applies. The patched response escapes the
     stored policy, whose content is as sent.
 24. logs-kms-key-association: AWS associates a KMS key with an existing log group (AssociateKmsKey, by
     logGroupName or the group's ARN as resourceIdentifier, never both; kmsKeyId the ARN of an existing, enabled
     symmetric encryption key, else InvalidParameterException; an unknown group ResourceNotFoundException) and removes it
     (DisassociateKmsKey), https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_AssociateKmsKey.html;
     moto 5.2.1 has neither call and answers 500, so the AWS provider cannot change a log group's kms_key_id in
     place (make local after an interrupted run needed it). The patched calls store the key ARN as sent on the
     group, which DescribeLogGroups returns; a query-result resourceIdentifier is refused, not emulated.
"""
import json

PATCHES = [
    "organizations-delegated-admin-principals",
    "organizations-trusted-access-principals",
    "securityhub-list-disable-admin",
    "cloudtrail-logging-by-arn",
    "s3-logging-target-policy-principal",
    "s3-replication-source-selection",
    "route53resolver-query-log-config-tags",
    "ssoadmin-permission-set-tags-and-provisioning",
    "ec2-flow-log-destination-options",
    "ec2-vpc-endpoint-client-token",
    "account-region-opt-status",
    "organizations-backup-policy",
    "backup-list-tags-path",
    "backup-report-plan-tags",
    "organizations-declarative-policy",
    "guardduty-designated-admin-detector",
    "guardduty-detector-tags",
    "securityhub-designated-admin-hub",
    "inspector2-leaving-members-and-admins",
    "oam-sinks-and-links",
    "lambda-function-key-dead-letter-logging",
    "sqs-redrive-policy-json",
    "apigateway-rest-api-policy-escaped",
    "logs-kms-key-association",
]


def _patch_organizations():
    from moto.organizations import models

    for principal in [
        # https://docs.aws.amazon.com/aws-backup/latest/devguide/manage-cross-account.html#backup-delegatedadmin
        "backup.amazonaws.com",
        "cloudtrail.amazonaws.com",
        "config.amazonaws.com",
        "securityhub.amazonaws.com",
        "sso.amazonaws.com",
    ]:
        if principal not in models.FakeDelegatedAdministrator.SUPPORTED_SERVICES:
            models.FakeDelegatedAdministrator.SUPPORTED_SERVICES.append(principal)
    for principal in ["malware-protection.guardduty.amazonaws.com", "iam.amazonaws.com"]:
        if principal not in models.FakeServiceAccess.TRUSTED_SERVICES:
            models.FakeServiceAccess.TRUSTED_SERVICES.append(principal)


def _patch_securityhub():
    from moto.securityhub import models, responses, urls

    def list_organization_admin_accounts(self):
        config = self._get_org_config()
        admin = config.get("admin_account_id")
        return [{"AccountId": admin, "Status": "ENABLED"}] if admin else []

    def disable_organization_admin_account(self, admin_account_id):
        config = self._get_org_config()
        if config.get("admin_account_id") == admin_account_id:
            config["admin_account_id"] = None

    models.SecurityHubBackend.list_organization_admin_accounts = list_organization_admin_accounts
    models.SecurityHubBackend.disable_organization_admin_account = disable_organization_admin_account

    def list_response(self):
        accounts = self.securityhub_backend.list_organization_admin_accounts()
        return json.dumps({"AdminAccounts": accounts})

    def disable_response(self):
        params = json.loads(self.body)
        self.securityhub_backend.disable_organization_admin_account(params.get("AdminAccountId"))
        return json.dumps({})

    responses.SecurityHubResponse.list_organization_admin_accounts = list_response
    responses.SecurityHubResponse.disable_organization_admin_account = disable_response
    urls.url_paths["{0}/organization/admin$"] = responses.SecurityHubResponse.dispatch
    urls.url_paths["{0}/organization/admin/disable$"] = responses.SecurityHubResponse.dispatch


def _patch_cloudtrail():
    from moto.cloudtrail import models

    backend = models.CloudTrailBackend

    def start_logging(self, name):
        self.get_trail(name).start_logging()

    def stop_logging(self, name):
        self.get_trail(name).stop_logging()

    original_delete = backend.delete_trail

    def delete_trail(self, name):
        for trail_name, trail in list(self.trails.items()):
            if trail.arn == name:
                name = trail_name
        original_delete(self, name)

    backend.start_logging = start_logging
    backend.stop_logging = stop_logging
    backend.delete_trail = delete_trail


def _patch_s3_logging():
    import copy
    from moto.s3 import models

    original = models.FakeBucket._log_permissions_enabled_policy

    def check(target_bucket, target_prefix):
        if not target_bucket.policy:
            return original(target_bucket, target_prefix)
        policy = json.loads(target_bucket.policy.decode())
        policy["Statement"] = [s for s in policy.get("Statement", []) if isinstance(s.get("Principal"), dict)]
        shadow = copy.copy(target_bucket)
        shadow.policy = json.dumps(policy).encode()
        return original(shadow, target_prefix)

    models.FakeBucket._log_permissions_enabled_policy = staticmethod(check)


def _patch_s3_replication():
    from moto.core.responses import ActionResult
    from moto.s3 import responses
    from moto.s3.exceptions import ReplicationConfigurationNotFoundError

    def get_bucket_replication(self):
        self.data["Action"] = "GetBucketReplication"
        replication = self.backend.get_bucket_replication(self.bucket_name)
        if not replication:
            raise ReplicationConfigurationNotFoundError(bucket_name=self.bucket_name)
        rules = []
        for rule in replication["Rule"]:
            out = {
                "ID": rule["ID"],
                "Priority": rule["Priority"],
                "Status": rule["Status"],
                "Destination": rule["Destination"],
            }
            # As stored. An empty element parses as None: <Filter/> (what the AWS provider sends for prefix "")
            # comes back as an empty Filter, and an empty <Prefix/> as "".
            for key in ("Filter", "DeleteMarkerReplication"):
                if key in rule:
                    out[key] = {k: ("" if v is None else v) for k, v in (rule[key] or {}).items()}
            if rule.get("SourceSelectionCriteria"):
                out["SourceSelectionCriteria"] = rule["SourceSelectionCriteria"]
            rules.append(out)
        return self.serialized(ActionResult({"ReplicationConfiguration": {"Role": replication["Role"], "Rules": rules}}))

    responses.S3Response.get_bucket_replication = get_bucket_replication


def _patch_route53resolver_tags():
    from moto.route53resolver import models

    original = models.Route53ResolverBackend._matched_arn

    def matched_arn(self, resource_arn):
        if any(config.arn == resource_arn for config in self.resolver_query_log_configs.values()):
            return
        original(self, resource_arn)

    models.Route53ResolverBackend._matched_arn = matched_arn


def _patch_ssoadmin():
    from moto.iam.aws_managed_policies import aws_managed_policies_data
    from moto.ssoadmin import exceptions, models, responses

    policies = json.loads(aws_managed_policies_data)

    def find_managed_policy(self, managed_policy_arn):
        name = managed_policy_arn.split("/")[-1]
        policy = policies.get(name)
        if policy is not None and managed_policy_arn == f"arn:{self.partition}:iam::aws:policy{policy.get('Path', '/')}{name}":
            return models.ManagedPolicy(managed_policy_arn, name)
        raise exceptions.ResourceNotFoundException(f"Policy does not exist with ARN: {managed_policy_arn}")

    models.SSOAdminBackend._find_managed_policy = find_managed_policy

    def permission_set(self, params):
        arn = params.get("ResourceArn")
        return self.ssoadmin_backend._find_permission_set(params.get("InstanceArn"), arn)

    def list_tags_for_resource(self):
        params = json.loads(self.body)
        return json.dumps({"Tags": list(permission_set(self, params).tags or [])})

    def tag_resource(self):
        params = json.loads(self.body)
        target = permission_set(self, params)
        merged = {t["Key"]: t["Value"] for t in (target.tags or [])}
        merged.update({t["Key"]: t["Value"] for t in params.get("Tags", [])})
        target.tags = [{"Key": k, "Value": v} for k, v in merged.items()]
        return json.dumps({})

    def untag_resource(self):
        params = json.loads(self.body)
        target = permission_set(self, params)
        target.tags = [t for t in (target.tags or []) if t["Key"] not in params.get("TagKeys", [])]
        return json.dumps({})

    statuses = {}
    original_provision = responses.SSOAdminResponse.provision_permission_set

    def provision_permission_set(self):
        body = original_provision(self)
        status = json.loads(body)["PermissionSetProvisioningStatus"]
        statuses[status["RequestId"]] = status
        return body

    def describe_permission_set_provisioning_status(self):
        params = json.loads(self.body)
        request_id = params.get("ProvisionPermissionSetRequestId")
        if request_id not in statuses:
            raise exceptions.ResourceNotFoundException(f"Request {request_id} does not exist")
        return json.dumps({"PermissionSetProvisioningStatus": statuses[request_id]})

    responses.SSOAdminResponse.list_tags_for_resource = list_tags_for_resource
    responses.SSOAdminResponse.tag_resource = tag_resource
    responses.SSOAdminResponse.untag_resource = untag_resource
    responses.SSOAdminResponse.provision_permission_set = provision_permission_set
    responses.SSOAdminResponse.describe_permission_set_provisioning_status = (
        describe_permission_set_provisioning_status
    )


def _patch_flow_log_destination_options():
    from moto.ec2.responses import flow_logs

    original = flow_logs.FlowLogs.create_flow_logs

    def create_flow_logs(self):
        result = original(self)
        options = self._get_param("DestinationOptions")
        if options:
            # AWS fills the two options a request leaves out with their defaults.
            stored = {"FileFormat": "plain-text", "HiveCompatiblePartitions": False, "PerHourPartition": False}
            for key in stored:
                if key in options:
                    value = options[key]
                    stored[key] = value if key == "FileFormat" else str(value).lower() == "true"
            for flow_log_id in result.result["FlowLogIds"]:
                self.ec2_backend.flow_logs[flow_log_id].destination_options = stored
        return result

    flow_logs.FlowLogs.create_flow_logs = create_flow_logs


def _patch_vpc_endpoint_client_token():
    from moto.ec2.exceptions import EC2ClientError
    from moto.ec2.models import vpcs

    original = vpcs.VPCBackend.create_vpc_endpoint

    def create_vpc_endpoint(self, *args, **kwargs):
        token = kwargs.get("client_token")
        if not token:
            return original(self, *args, **kwargs)
        # Per account and region, as AWS scopes a token: token -> (the request's parameters, the endpoint's ID).
        seen = self.__dict__.setdefault("_lz_endpoint_tokens", {})
        request = repr((args, sorted(kwargs.items())))
        if token in seen:
            stored_request, endpoint_id = seen[token]
            if stored_request != request:
                raise EC2ClientError(
                    "IdempotentParameterMismatch",
                    f"The client token {token} was used with different parameters by an earlier request.",
                )
            return self.vpc_end_points[endpoint_id]
        endpoint = original(self, *args, **kwargs)
        seen[token] = (request, endpoint.id)
        return endpoint

    vpcs.VPCBackend.create_vpc_endpoint = create_vpc_endpoint


# Regions every new AWS account has enabled; every other region needs opt-in (AWS Account Management guide).
_ENABLED_BY_DEFAULT = {
    "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ap-south-1", "ap-northeast-1", "ap-northeast-2",
    "ap-northeast-3", "ap-southeast-1", "ap-southeast-2", "ca-central-1", "eu-central-1", "eu-west-1",
    "eu-west-2", "eu-west-3", "eu-north-1", "sa-east-1",
}


def _patch_account_regions():
    from botocore.session import get_session
    from moto.account import urls
    from moto.account.responses import AccountResponse
    from moto.core.responses import ActionResult, EmptyResult

    regions = sorted(get_session().get_available_regions("ec2"))
    # (account, region) -> status, as EnableRegion/DisableRegion set it.
    stored = {}

    def status(account, region):
        default = "ENABLED_BY_DEFAULT" if region in _ENABLED_BY_DEFAULT else "DISABLED"
        return stored.get((account, region), default)

    def list_regions(self):
        account = self._get_account_id()
        wanted = self._get_param("RegionOptStatusContains") or []
        found = [{"RegionName": r, "RegionOptStatus": status(account, r)} for r in regions]
        return ActionResult(result={"Regions": [r for r in found if not wanted or r["RegionOptStatus"] in wanted]})

    def get_region_opt_status(self):
        account = self._get_account_id()
        region = self._get_param("RegionName")
        return ActionResult(result={"RegionName": region, "RegionOptStatus": status(account, region)})

    def change(new_status):
        def handler(self):
            region = self._get_param("RegionName")
            if region in _ENABLED_BY_DEFAULT:
                # AWS refuses to enable or disable a region that is always on.
                from moto.core.exceptions import JsonRESTError

                raise JsonRESTError("ValidationException", f"{region} is enabled by default and cannot be changed")
            stored[(self._get_account_id(), region)] = new_status
            return EmptyResult()

        return handler

    AccountResponse.list_regions = list_regions
    AccountResponse.get_region_opt_status = get_region_opt_status
    AccountResponse.enable_region = change("ENABLED")
    AccountResponse.disable_region = change("DISABLED")
    for name in ["listRegions", "getRegionOptStatus", "enableRegion", "disableRegion"]:
        urls.url_paths["{0}/" + name + "$"] = AccountResponse.dispatch


BACKUP_POLICY_ARN_FORMAT = "arn:{0}:organizations::{1}:policy/{2}/backup_policy/{3}"


def _patch_organizations_backup_policy():
    from moto.organizations import models

    original = models.FakePolicy.__init__

    def init(self, organization, **kwargs):
        if kwargs.get("Type") != "BACKUP_POLICY":
            return original(self, organization, **kwargs)
        # moto's constructor with a type whose ARN format it knows, then the backup policy's own type and ARN.
        original(self, organization, **{**kwargs, "Type": "TAG_POLICY"})
        self.type = "BACKUP_POLICY"
        self._arn_format = BACKUP_POLICY_ARN_FORMAT

    models.FakePolicy.__init__ = init


DECLARATIVE_POLICY_TYPE = "DECLARATIVE_POLICY_EC2"
DECLARATIVE_POLICY_ARN_FORMAT = "arn:{0}:organizations::{1}:policy/{2}/declarative_policy_ec2/{3}"


def _patch_organizations_declarative_policy():
    from moto.organizations import models

    for cls in (models.FakeRoot, models.FakePolicy):
        if DECLARATIVE_POLICY_TYPE not in cls.SUPPORTED_POLICY_TYPES:
            cls.SUPPORTED_POLICY_TYPES = [*cls.SUPPORTED_POLICY_TYPES, DECLARATIVE_POLICY_TYPE]
    original = models.FakePolicy.__init__

    def init(self, organization, **kwargs):
        if kwargs.get("Type") != DECLARATIVE_POLICY_TYPE:
            return original(self, organization, **kwargs)
        # moto's constructor with a type whose ARN format it knows, then the declarative policy's own type and ARN.
        original(self, organization, **{**kwargs, "Type": "TAG_POLICY"})
        self.type = DECLARATIVE_POLICY_TYPE
        self._arn_format = DECLARATIVE_POLICY_ARN_FORMAT

    models.FakePolicy.__init__ = init


def _patch_backup_list_tags_path():
    from urllib.parse import unquote

    from moto.backup import responses

    def list_tags(self):
        resource_arn = unquote(self.path.split("/tags/", 1)[1].split("?", 1)[0].rstrip("/"))
        return json.dumps({"Tags": self.backup_backend.list_tags(resource_arn=resource_arn)})

    responses.BackupResponse.list_tags = list_tags


def _patch_backup_report_plan_tags():
    from moto.backup import responses

    original = responses.BackupResponse.create_report_plan

    def create_report_plan(self):
        result = original(self)
        tags = self._get_param("ReportPlanTags")
        if tags:
            plan = self.backup_backend.describe_report_plan(self._get_param("ReportPlanName"))
            self.backup_backend.tag_resource(plan.report_plan_arn, tags)
        return result

    responses.BackupResponse.create_report_plan = create_report_plan


GUARDDUTY_DETECTOR_EXISTS = "The request is rejected because a detector already exists for the current account."


def _patch_guardduty_designated_admin_detector():
    from moto.guardduty import exceptions, models

    class DetectorAlreadyExists(exceptions.GuardDutyException):
        code = 400

        def __init__(self):
            super().__init__("InvalidInputException", GUARDDUTY_DETECTOR_EXISTS)

        def get_headers(self, *args, **kwargs):
            return [("X-Amzn-ErrorType", "BadRequestException")]

    original_create = models.GuardDutyBackend.create_detector
    original_enable_admin = models.GuardDutyBackend.enable_organization_admin_account

    def create_detector(self, *args, **kwargs):
        # One detector per account and Region.
        if self.detectors:
            raise DetectorAlreadyExists()
        return original_create(self, *args, **kwargs)

    def enable_organization_admin_account(self, admin_account_id):
        original_enable_admin(self, admin_account_id)
        # GuardDuty on in the designated account, in this Region only, as CreateDetector with no arguments would.
        admin = models.guardduty_backends[admin_account_id][self.region_name]
        if not admin.detectors:
            original_create(admin, True, "SIX_HOURS", {}, {}, [])

    models.GuardDutyBackend.create_detector = create_detector
    models.GuardDutyBackend.enable_organization_admin_account = enable_organization_admin_account


def _patch_guardduty_detector_tags():
    from urllib.parse import unquote

    from moto.guardduty import exceptions, responses, urls

    def detector(self):
        resource_arn = unquote(self.raw_path.split("/tags/", 1)[1].split("?", 1)[0])
        backend = self.guardduty_backend
        detector_id = resource_arn.rsplit("/", 1)[-1]
        found = backend.detectors.get(detector_id)
        expected = f"arn:{self.partition}:guardduty:{backend.region_name}:{backend.account_id}:detector/{detector_id}"
        if found is None or resource_arn != expected:
            raise exceptions.DetectorNotFoundException()
        return found

    def tag_resource(self):
        found = detector(self)
        found.tags = {**(found.tags or {}), **(json.loads(self.body or "{}").get("tags") or {})}
        return "{}"

    def untag_resource(self):
        found = detector(self)
        keys = self.querystring.get("tagKeys", [])
        found.tags = {k: v for k, v in (found.tags or {}).items() if k not in keys}
        return "{}"

    def list_tags_for_resource(self):
        return json.dumps({"tags": detector(self).tags or {}})

    responses.GuardDutyResponse.tag_resource = tag_resource
    responses.GuardDutyResponse.untag_resource = untag_resource
    responses.GuardDutyResponse.list_tags_for_resource = list_tags_for_resource
    urls.url_paths["{0}/tags/(?P<resource_arn>.+)$"] = responses.GuardDutyResponse.dispatch


def _patch_securityhub_designated_admin_hub():
    from moto.securityhub import models
    from moto.securityhub.exceptions import SecurityHubClientError

    original_enable_hub = models.SecurityHubBackend.enable_security_hub
    original_enable_admin = models.SecurityHubBackend.enable_organization_admin_account

    def enable_security_hub(self, *args, **kwargs):
        if self.enabled:
            raise SecurityHubClientError("ResourceConflictException", "Account is already subscribed to Security Hub")
        return original_enable_hub(self, *args, **kwargs)

    def enable_organization_admin_account(self, admin_account_id):
        original_enable_admin(self, admin_account_id)
        # Security Hub on in the designated account, in this Region only.
        admin = models.securityhub_backends[admin_account_id][self.region_name]
        if not admin.enabled:
            original_enable_hub(admin)

    models.SecurityHubBackend.enable_security_hub = enable_security_hub
    models.SecurityHubBackend.enable_organization_admin_account = enable_organization_admin_account


def _patch_inspector2_leaving():
    from moto.inspector2 import models

    def disassociate_member(self, account_id):
        self.members[account_id].status = "REMOVED"

    def disable_delegated_admin_account(self, account_id):
        self.admin_accounts.pop(account_id, None)

    models.Inspector2Backend.disassociate_member = disassociate_member
    models.Inspector2Backend.disable_delegated_admin_account = disable_delegated_admin_account


def _patch_oam():
    import moto_oam

    moto_oam.register()


_LAMBDA_STORED = ("KMSKeyArn", "DeadLetterConfig", "LoggingConfig")


def _patch_lambda_function_settings():
    from moto.awslambda import models

    cls = models.LambdaFunction
    original_init = cls.__init__
    original_get = cls.get_configuration
    original_update = cls.update_configuration

    def __init__(self, account_id, spec, region, version=1):
        original_init(self, account_id, spec, region, version)
        self.lz_stored = {key: spec[key] for key in _LAMBDA_STORED if spec.get(key) is not None}

    def get_configuration(self, on_create=False):
        config = original_get(self, on_create)
        config.update(getattr(self, "lz_stored", {}))
        return config

    def update_configuration(self, config_updates):
        stored = getattr(self, "lz_stored", {})
        for key in _LAMBDA_STORED:
            if key in config_updates:
                stored[key] = config_updates[key]
        self.lz_stored = stored
        return original_update(self, config_updates)

    cls.__init__ = __init__
    cls.get_configuration = get_configuration
    cls.update_configuration = update_configuration


def _patch_sqs_redrive_policy_json():
    from moto.sqs import models

    original = models.Queue.attributes

    def attributes(self):
        result = original.fget(self)
        if self.redrive_policy:
            result["RedrivePolicy"] = json.dumps(self.redrive_policy, separators=(",", ":"))
        return result

    models.Queue.attributes = property(attributes)


def _patch_apigateway_policy_escaped():
    from moto.apigateway import models

    original = models.RestAPI.to_dict

    def to_dict(self):
        result = original(self)
        if self.policy:
            # The JSON string literal of the policy without its outer quotes: quotes and backslashes escaped.
            result[models.RestAPI.PROP_POLICY] = json.dumps(self.policy)[1:-1]
        return result

    models.RestAPI.to_dict = to_dict


def _patch_logs_kms_key_association():
    import re

    from moto.kms.models import kms_backends
    from moto.logs import responses
    from moto.logs.exceptions import InvalidParameterException, ResourceNotFoundException

    def target_group(self):
        name = self._get_param("logGroupName")
        resource = self._get_param("resourceIdentifier")
        if (name is None) == (resource is None):
            raise InvalidParameterException("Specify either logGroupName or resourceIdentifier, but not both.")
        if resource is not None:
            prefix = f"arn:aws:logs:{self.region}:{self.current_account}:log-group:"
            if not resource.startswith(prefix):
                raise InvalidParameterException(
                    "The emulator associates keys with log groups only (a query-result resourceIdentifier is not emulated)."
                )
            name = resource[len(prefix):]
        group = self.logs_backend.groups.get(name)
        if group is None:
            raise ResourceNotFoundException()
        return group

    def associate_kms_key(self):
        group = target_group(self)
        key_arn = self._get_param("kmsKeyId") or ""
        # A key ARN, its ID a UUID or a multi-Region key's mrk-<hex>.
        match = re.fullmatch(r"arn:aws:kms:([a-z0-9-]+):(\d{12}):key/((?:mrk-)?[0-9a-f-]+)", key_arn)
        key = None
        if match:
            region, account, key_id = match.groups()
            # A region moto does not know is a key that does not exist, not a server error.
            if region in kms_backends[account]:
                key = kms_backends[account][region].keys.get(key_id)
        # CloudWatch Logs supports only symmetric encryption keys (the API reference's kmsKeyId).
        usable = (
            key is not None
            and key.key_state == "Enabled"
            and key.key_spec == "SYMMETRIC_DEFAULT"
            # moto stores no usage when CreateKey was sent none; AWS's default is ENCRYPT_DECRYPT.
            and (key.key_usage or "ENCRYPT_DECRYPT") == "ENCRYPT_DECRYPT"
        )
        if not usable:
            raise InvalidParameterException(
                f"Specified KMS key {key_arn} is not the ARN of an existing, enabled, symmetric encryption key."
            )
        group.kms_key_id = key_arn
        return ""

    def disassociate_kms_key(self):
        target_group(self).kms_key_id = None
        return ""

    responses.LogsResponse.associate_kms_key = associate_kms_key
    responses.LogsResponse.disassociate_kms_key = disassociate_kms_key


def apply():
    """Applies every patch; returns their names."""
    _patch_organizations()
    _patch_securityhub()
    _patch_cloudtrail()
    _patch_s3_logging()
    _patch_s3_replication()
    _patch_route53resolver_tags()
    _patch_ssoadmin()
    _patch_flow_log_destination_options()
    _patch_vpc_endpoint_client_token()
    _patch_account_regions()
    _patch_organizations_backup_policy()
    _patch_backup_list_tags_path()
    _patch_backup_report_plan_tags()
    _patch_organizations_declarative_policy()
    _patch_guardduty_designated_admin_detector()
    _patch_guardduty_detector_tags()
    _patch_securityhub_designated_admin_hub()
    _patch_inspector2_leaving()
    _patch_oam()
    _patch_lambda_function_settings()
    _patch_sqs_redrive_policy_json()
    _patch_apigateway_policy_escaped()
    _patch_logs_kms_key_association()
    return list(PATCHES)
