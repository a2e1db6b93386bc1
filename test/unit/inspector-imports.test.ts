import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { staticImportGraph } from "../helpers/static-imports.js";

const src = (path: string) => fileURLToPath(new URL(`../../src/${path}`, import.meta.url));
const inspectorFiles = (files: Set<string>) => [...files].filter((file) => file.includes("/src/inspect/") || file.endsWith("inspector-ui.ts"));

describe("what the inspector costs a listener that does not use it", () => {
  it.each(["cli/main.ts", "cli/commands/listen/run.ts"])("%s loads none of the inspector until --ui asks for it", (entry) => {
    expect(inspectorFiles(staticImportGraph(src(entry)).files)).toEqual([]);
  });

  it("the inspector itself loads no package eagerly (undici comes with the first replay)", () => {
    for (const entry of ["inspect/inspector-server.ts", "inspect/inspect-folder.ts", "cli/commands/listen/inspector-ui.ts"]) {
      expect([...staticImportGraph(src(entry)).packages]).toEqual([]);
    }
  });
});
