// Runs a command-line entry point so that user errors print as plain messages (no stack trace) and exit 1,
// while real bugs still show their stack for a bug report.
import { LandingZoneError } from "./config/errors";

/** Runs `main`; a LandingZoneError prints its message and exits 1, anything else prints its stack and exits 1. */
export function runCli(main: () => void | Promise<void>): void {
  Promise.resolve()
    .then(main)
    .catch((error: unknown) => {
      if (error instanceof LandingZoneError) {
        process.stderr.write(`${error.message}\n`);
      } else {
        process.stderr.write(
          `Internal error (please report it): ${error instanceof Error ? error.stack : String(error)}\n`,
        );
      }
      process.exitCode = 1;
    });
}
