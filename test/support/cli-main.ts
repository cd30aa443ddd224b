// Runs the CLI from the sources, as bin/beffroi.js does from the build.
import { runCli } from "../../src/cli.js";

process.exitCode = await runCli(process.argv.slice(2));
