package t2i.cli;

import picocli.CommandLine.Command;

/** {@code t2i bench}: benchmarks whose figures go into BENCHMARKS.md. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks. Figures go into BENCHMARKS.md with the command and the machine.",
    subcommands = {BenchDataCommand.class, BenchTrainCommand.class, BenchServeCommand.class})
final class BenchCommand extends ParentCommand {}
