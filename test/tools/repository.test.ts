// No source is left out of the repository by .gitignore: twice a source folder shared its name with an output
// directory (verify/, drift/) and was silently not committed, which only a fresh clone showed.
import { execFileSync } from "child_process";
import { REPO_ROOT } from "../../src/deploy/terraform-env";

it("ignores no file under the source, test, schema and docs folders", () => {
  const ignored = execFileSync(
    "git",
    [
      "ls-files",
      "--others",
      "--ignored",
      "--exclude-standard",
      "--",
      "src",
      "stacks",
      "modules",
      "test",
      "local",
      "schema",
      "docs",
      "environments",
    ],
    { cwd: REPO_ROOT, encoding: "utf8" },
  );
  expect(ignored.split("\n").filter(Boolean)).toEqual([]);
});
