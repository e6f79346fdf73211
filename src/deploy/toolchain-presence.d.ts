// Types of toolchain-presence.js, the plain-JavaScript check that runs before `npm ci` (see that file).

/** The Node major version the landing zone runs on. */
export const NODE_MAJOR: number;
/** The Terraform release to install; any release of its minor series runs the landing zone. */
export const TERRAFORM_VERSION: string;
/** The oldest Python moto 5.2.1 runs on. */
export const PYTHON_MINIMUM: string;
/** The one line when `version` (process.version) is not the supported Node major, else undefined. */
export function nodeProblem(version: string): string | undefined;
/** The one line for a command that is not installed: terraform or python3. */
export function missingCommand(command: "terraform" | "python3"): string;
/** True when an executable named `command` is in one of `searchPath`'s directories. @default process.env.PATH */
export function onPath(command: string, searchPath?: string): boolean;
/** The first problem (Node, then each command in order), or undefined when everything is present. */
export function presenceProblem(
  commands: readonly string[],
  version?: string,
  found?: (command: string) => boolean,
): string | undefined;
