package t2i.cli;

import picocli.CommandLine.Command;

/** {@code t2i eval}. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = "Evaluate trained runs; results are printed and written into the run folder.",
    subcommands = {
      EvalEmbeddingCommand.class,
      EvalGanCommand.class,
      EvalStyleCommand.class,
      EvalJudgeCommand.class,
      EvalBoxesCommand.class,
      EvalShapesCommand.class,
      EvalSceneJudgeCommand.class,
      EvalScenesCommand.class
    })
final class EvalCommand extends ParentCommand {}
