// Resources the landing zone no longer creates but must not destroy: Terraform `removed` blocks with destroy =
// false, so an upgrade drops them from state without calling AWS's delete, which could undo a protective setting
// or be refused once an organization policy holds it (nothing lost on upgrade).
// Terraform: https://developer.hashicorp.com/terraform/language/resources/syntax#removing-resources
import { Construct } from "constructs";
import { TerraformStack } from "cdktf";

/** One `removed` block: the address that leaves state, and that Terraform must not destroy it. */
interface RemovedBlock {
  readonly from: string;
  readonly lifecycle: { readonly destroy: false };
}

const removedByStack = new WeakMap<TerraformStack, RemovedBlock[]>();

/**
 * Forgets, without destroying, the resource of `type` that construct `id` under `scope` used to create. The address
 * is the one the resource had, because the placeholder stands at the same construct path; the placeholder creates
 * nothing. A block whose resource is not in state (a new deployment) does nothing.
 */
export function retireResource(scope: Construct, id: string, type: string): void {
  const stack = TerraformStack.of(scope);
  const placeholder = new Construct(scope, id);
  const blocks = removedByStack.get(stack) ?? [];
  blocks.push({ from: `${type}.${stack.getLogicalId(placeholder.node)}`, lifecycle: { destroy: false } });
  removedByStack.set(stack, blocks);
  stack.addOverride("removed", blocks);
}
