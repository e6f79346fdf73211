// Jest setup: cdktf's resource matchers, and Terraform pointed at the repo's CLI config (providers from the
// local mirror) for toBeValidTerraform and the end-to-end tier.
import { Testing } from "cdktf";
import { terraformEnv } from "../src/deploy/terraform-env";

Testing.setupJest();
Object.assign(process.env, terraformEnv(process.env));
// The SDK (used only to read the emulator back) warns that its 2027 releases need Node 22; the machines run
// Node 20 and the pinned SDK works on it, so the warning is noise in every end-to-end run.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
