// The byte-for-byte comparison behind `npm run synth:compare`: identical trees compare equal, and a changed, an
// added and a removed file are each reported.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { differingFiles } from "../../src/tools/synth-compare";

function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-compare-"));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

it("finds no difference between identical trees", () => {
  const files = { "manifest.json": "{}", "stacks/a/cdk.tf.json": '{"resource":{}}' };
  expect(differingFiles(tree(files), tree(files))).toEqual([]);
});

it("names a changed, an added and a removed file", () => {
  const before = tree({ "stacks/a/cdk.tf.json": "1", "stacks/b/cdk.tf.json": "2" });
  const after = tree({ "stacks/a/cdk.tf.json": "1 ", "stacks/c/cdk.tf.json": "3" });
  expect(differingFiles(before, after)).toEqual([
    "stacks/a/cdk.tf.json",
    "stacks/b/cdk.tf.json",
    "stacks/c/cdk.tf.json",
  ]);
});
