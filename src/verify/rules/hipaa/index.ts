// The HIPAA rules checked at synth, in report order: storage, keys, audit trail, logs, network, detective
// services, account baseline, identity and guardrails, backup, and what workloads build.
import { alarmActions } from "./alarm-actions";
import { backupPlansDaily } from "./backup-plans-daily";
import { backupVaultEncrypted } from "./backup-vault-encrypted";
import { backupVaultLocked } from "./backup-vault-locked";
import { cloudTrailCloudWatchLogs } from "./cloudtrail-cloudwatch-logs";
import { cloudTrailKms } from "./cloudtrail-kms";
import { cloudTrailLogValidation } from "./cloudtrail-log-validation";
import { cloudTrailMultiRegion } from "./cloudtrail-multi-region";
import { cloudTrailS3DataEvents } from "./cloudtrail-s3-data-events";
import { configEveryRegion } from "./config-every-region";
import { ebsDefaultEncryption } from "./ebs-default-encryption";
import { endpointPolicyNotOpen } from "./endpoint-policy-not-open";
import { guardDutyEveryRegion } from "./guardduty-every-region";
import { iamKmsBlockedActions } from "./iam-kms-blocked-actions";
import { centralLogsLinked } from "./central-logs-linked";
import { sessionManagerLogged } from "./session-manager-logged";
import { ssmDocumentsNotPublic } from "./ssm-documents-not-public";
import { inspectorEveryRegion } from "./inspector-every-region";
import { iamNoAdminStatements } from "./iam-no-admin-statements";
import { iamNoInlinePolicies } from "./iam-no-inline-policies";
import { iamPasswordPolicy } from "./iam-password-policy";
import { kmsKeyDeletionProtection } from "./kms-key-deletion-protection";
import { kmsKeyRotation } from "./kms-key-rotation";
import { logBucketObjectLock } from "./log-bucket-object-lock";
import { logGroupKms } from "./log-group-kms";
import { logGroupRetention } from "./log-group-retention";
import { noUnrestrictedIngress } from "./no-unrestricted-ingress";
import { phiSubnetNoInternetRoute } from "./phi-subnet-no-internet-route";
import { HipaaRule } from "./rule";
import { s3AccessLogging } from "./s3-access-logging";
import { s3AclsDisabled } from "./s3-acls-disabled";
import { s3AccountPublicAccessBlock } from "./s3-account-public-access-block";
import { s3KmsEncryption } from "./s3-kms-encryption";
import { s3PublicAccessBlocked } from "./s3-public-access-blocked";
import { s3TlsOnly } from "./s3-tls-only";
import { s3Versioning } from "./s3-versioning";
import { scpGuardrailsOnWorkloads } from "./scp-guardrails-on-workloads";
import { securityHubEveryRegion } from "./security-hub-every-region";
import { sessionDuration } from "./session-duration";
import { snsKms } from "./sns-kms";
import { subnetNoPublicIp } from "./subnet-no-public-ip";
import { vpcDefaultSecurityGroupClosed } from "./vpc-default-security-group-closed";
import { vpcFlowLogs } from "./vpc-flow-logs";
import { vpcDnsFirewall } from "./vpc-dns-firewall";
import { segmentsApart } from "./segments-apart";
import { vpnTunnelEncryption } from "./vpn-tunnel-encryption";
import { vpnTunnelLogs } from "./vpn-tunnel-logs";
import { phiDefaultRoute } from "./phi-default-route";
import { dynamodbBackupSelected } from "./dynamodb-backup-selected";
import { dynamodbKms } from "./dynamodb-kms";
import { dynamodbPitr } from "./dynamodb-pitr";
import { lambdaDlq } from "./lambda-dlq";
import { lambdaInsideVpc } from "./lambda-inside-vpc";
import { lambdaEnvironmentNoSecrets } from "./lambda-environment-no-secrets";
import { workloadRoleLeastPrivilege } from "./workload-role-least-privilege";
import { lambdaNotPublic } from "./lambda-not-public";
import { apiPrivate } from "./api-private";
import { apiLogged } from "./api-logged";
import { apiBackendCertificate } from "./api-backend-certificate";
import { secretKms } from "./secret-kms";
import { lambdaCodeSigning } from "./lambda-code-signing";
import { secretRotation } from "./secret-rotation";

export const HIPAA_RULES: readonly HipaaRule[] = [
  s3KmsEncryption,
  s3Versioning,
  s3PublicAccessBlocked,
  s3AclsDisabled,
  s3TlsOnly,
  s3AccessLogging,
  logBucketObjectLock,
  kmsKeyRotation,
  kmsKeyDeletionProtection,
  cloudTrailMultiRegion,
  cloudTrailLogValidation,
  cloudTrailKms,
  cloudTrailCloudWatchLogs,
  cloudTrailS3DataEvents,
  logGroupKms,
  logGroupRetention,
  vpcFlowLogs,
  vpcDnsFirewall,
  segmentsApart,
  vpnTunnelEncryption,
  vpnTunnelLogs,
  phiDefaultRoute,
  vpcDefaultSecurityGroupClosed,
  noUnrestrictedIngress,
  subnetNoPublicIp,
  phiSubnetNoInternetRoute,
  endpointPolicyNotOpen,
  guardDutyEveryRegion,
  securityHubEveryRegion,
  configEveryRegion,
  inspectorEveryRegion,
  centralLogsLinked,
  sessionManagerLogged,
  ssmDocumentsNotPublic,
  ebsDefaultEncryption,
  s3AccountPublicAccessBlock,
  iamPasswordPolicy,
  snsKms,
  alarmActions,
  iamNoAdminStatements,
  iamKmsBlockedActions,
  iamNoInlinePolicies,
  sessionDuration,
  scpGuardrailsOnWorkloads,
  backupVaultEncrypted,
  backupVaultLocked,
  backupPlansDaily,
  lambdaInsideVpc,
  lambdaDlq,
  lambdaCodeSigning,
  lambdaEnvironmentNoSecrets,
  workloadRoleLeastPrivilege,
  lambdaNotPublic,
  apiPrivate,
  apiLogged,
  apiBackendCertificate,
  secretKms,
  secretRotation,
  dynamodbKms,
  dynamodbPitr,
  dynamodbBackupSelected,
];

/** Where the rule table is generated (`npm run docs`). */
export const HIPAA_RULES_PAGE = "docs/compliance.md";
