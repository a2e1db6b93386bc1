import { readFileSync } from "node:fs";
import { relative } from "node:path";
import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { sourceFiles, srcDir } from "../helpers/source-files.js";
import { buildProgram } from "../../src/cli/main.js";
import { allProviders } from "../../src/providers/index.js";

/**
 * Every flag whk's words name exists: a hint that says `whk listen --save` when listen has no --save
 * sends a user nowhere. Flags in a `whk <command> ...` phrase must be that command's; any other flag
 * must be some command's (or a global one, or one a provider declares).
 */
const program = buildProgram(() => undefined);
const longFlags = (command: Command): string[] => command.options.map((option) => option.long).filter((flag): flag is string => flag !== undefined);
const globalFlags = [...longFlags(program), "--help", "--version"];
const providerFlags = allProviders().flatMap((p) => (p.options ?? []).map((o) => o.flag.split(" ")[0] as string));
/** A command's flags and those of its subcommands (`whk scenario run --duplicate` is scenario's). */
const withSubcommands = (command: Command): string[] => [...longFlags(command), ...command.commands.flatMap(withSubcommands)];
const flagsOf = new Map(program.commands.map((command) => [command.name(), new Set([...withSubcommands(command), ...globalFlags, ...providerFlags])]));
const anyFlag = new Set([...flagsOf.values()].flatMap((flags) => [...flags]));
// Not whk's own: curl's, in the curl commands whk prints, and V8's, which whk sets for itself.
const foreign = new Set(["--data-binary", "--liftoff-only"]);

describe("hints name flags that exist", () => {
  it("every `whk <command> --flag` in src names a flag of that command, and every other --flag exists", () => {
    const wrong: string[] = [];
    for (const file of sourceFiles(srcDir)) {
      for (const line of readFileSync(file, "utf8").split("\n")) {
        for (const phrase of line.matchAll(/\bwhk (\w+)((?: +(?:[^\s`"';,)]+))*)/g)) {
          const own = flagsOf.get(phrase[1] as string);
          if (own === undefined) continue;
          for (const flag of (phrase[2] ?? "").match(/--[a-z][a-z0-9-]*/g) ?? []) if (!own.has(flag)) wrong.push(`${relative(srcDir, file)}: whk ${phrase[1]} ${flag}`);
        }
        for (const flag of line.match(/(?<![\w-])--[a-z][a-z0-9-]*[a-z0-9]/g) ?? []) {
          if (!anyFlag.has(flag) && !foreign.has(flag)) wrong.push(`${relative(srcDir, file)}: ${flag}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe("each command's help says what it does without a secret", () => {
  const helpOf = (command: Command): string => {
    let text = "";
    command.configureOutput({ writeOut: (chunk) => (text += chunk) });
    command.outputHelp();
    return text.replace(/\s+/g, " ");
  };
  const commandAt = (path: string): Command => path.split(" ").reduce((parent, name) => parent.commands.find((c) => c.name() === name) as Command, program);

  it("only the commands that sign fall back to the test secret; verify and probe need a real one; listen then verifies nothing", () => {
    for (const path of ["show", "send", "sign", "scenario run"]) expect(helpOf(commandAt(path)), path).toContain("with none, signing uses whk-test-secret.");
    for (const path of ["verify", "probe"]) expect(helpOf(commandAt(path)), path).toContain("with none, a provider that signs is exit 2");
    expect(helpOf(commandAt("listen"))).toContain("with none, nothing is verified and every request is acknowledged.");
    expect(helpOf(commandAt("inspect"))).toContain("with none, the page shows the verdicts whk listen recorded and re-signs with whk-test-secret.");
  });
});
