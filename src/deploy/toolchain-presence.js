// The first check of every make target that needs Terraform or the emulator: Node 20, and the commands the target
// names (terraform, python3) on PATH. Plain CommonJS on Node's built-ins, because it runs before `npm ci` (a minute
// or more on a fresh clone) and so before node_modules exists: a machine without Terraform is told in the first
// second, not after the install. src/deploy/toolchain.ts decides the rest (versions, the provider mirror, moto)
// once the dependencies are in, and reuses these messages. No HIPAA safeguard of its own: it keeps the tested
// path (make local, make test) runnable on any machine.
// Usage: node src/deploy/toolchain-presence.js [terraform] [python3]
"use strict";
const fs = require("fs");
const path = require("path");

/** The oldest Node major version the landing zone runs on (package.json "engines"; CI's setup-node installs it). */
const NODE_MAJOR = 20;
/** The Terraform release to install; any 1.11.x runs the landing zone (the CI runner's setup-terraform pins it). */
const TERRAFORM_VERSION = "1.11.4";
/** moto 5.2.1 requires Python 3.10 or later ("Requires: Python >=3.10", https://pypi.org/project/moto/5.2.1/). */
const PYTHON_MINIMUM = "3.10";

/** What to install when a command is missing, by command. */
const INSTALL = {
  terraform: `install Terraform ${TERRAFORM_VERSION} (https://developer.hashicorp.com/terraform/install)`,
  python3: `install Python ${PYTHON_MINIMUM} or later with its venv module (https://www.python.org/downloads/)`,
};

/** The one line when `version` (process.version) is older than Node 20, else undefined. */
function nodeProblem(version) {
  const match = /^v?(\d+)\./.exec(version);
  if (match && Number(match[1]) >= NODE_MAJOR) return undefined;
  return `prereqs: Node ${version} found; the landing zone needs Node ${NODE_MAJOR} or later: install it (https://nodejs.org/en/download), then run make again.`;
}

/** The one line for a command that is not installed. */
function missingCommand(command) {
  if (!(command in INSTALL)) throw new Error(`no install advice for ${command}`);
  return `prereqs: ${command} is not on PATH: ${INSTALL[command]}, then run make again.`;
}

/** True when an executable named `command` is in one of PATH's directories. */
function onPath(command, searchPath = process.env.PATH || "") {
  return searchPath
    .split(path.delimiter)
    .filter(Boolean)
    .some((dir) => {
      try {
        fs.accessSync(path.join(dir, command), fs.constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}

/** The first problem (Node first, then each command in order), or undefined when all is present. */
function presenceProblem(commands, version = process.version, found = onPath) {
  return nodeProblem(version) ?? commands.filter((c) => !found(c)).map(missingCommand)[0];
}

module.exports = {
  NODE_MAJOR,
  TERRAFORM_VERSION,
  PYTHON_MINIMUM,
  nodeProblem,
  missingCommand,
  onPath,
  presenceProblem,
};

if (require.main === module) {
  const problem = presenceProblem(process.argv.slice(2));
  if (problem !== undefined) {
    process.stderr.write(`${problem}\n`);
    process.exitCode = 1;
  }
}
