// Jest setup: cdktf's resource matchers, and Terraform pointed at the repo's CLI config (providers from the
// local mirror) for toBeValidTerraform and the end-to-end tier.
import { Testing } from "cdktf";
import { terraformEnv } from "../src/deploy/terraform-env";

Testing.setupJest();
Object.assign(process.env, terraformEnv(process.env));
