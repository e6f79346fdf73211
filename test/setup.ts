// Jest setup: cdktf's resource matchers, and Terraform pointed at the repo's CLI config (providers from the
// local mirror) for toBeValidTerraform and the end-to-end tier.
import { Testing } from "cdktf";
import { terraformEnv } from "../src/deploy/terraform-env";

Testing.setupJest();
Object.assign(process.env, terraformEnv(process.env));
// The SDK (used only to read the emulator back) warns that its 2027 releases need Node 22; the machines run
// Node 20 and the pinned SDK works on it, so the warning is noise in every end-to-end run.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

// Several unit tests synthesize and verify whole landing zones, and the unit tier runs on two workers beside
// Terraform processes: jest's 5 s default is shorter than such a test takes on a busy two-core machine
// (testTimeout is not a per-project option). End-to-end files set their own, longer, timeout after this.
jest.setTimeout(60_000);
