import type { Command } from "commander";
import type { ProjectFlags } from "./project.js";

/**
 * The program's hook that opens the project before a command runs (`whk init` writes one: it opens
 * none). The project's code is imported only then, so `whk --help` loads none of it.
 */
export function openProjectOnDispatch(program: Command): void {
  program.hook("preSubcommand", async (_program, subcommand) => {
    if (subcommand.name() === "init") return;
    const { openProject } = await import("./project.js");
    await openProject(program.opts<ProjectFlags>());
  });
}
