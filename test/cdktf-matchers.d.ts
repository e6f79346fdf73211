// Brings cdktf's jest matcher typings (toHaveResourceWithProperties, toBeValidTerraform) into the type check;
// test/setup.ts registers the matchers themselves at run time.
import "cdktf/lib/testing/adapters/jest";
