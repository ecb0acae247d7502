package t2i.cli;

import picocli.CommandLine.Command;

/** {@code t2i train}. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = "Train the models. Runs checkpoint every few minutes and resume exactly.",
    subcommands = {
      TrainEmbeddingCommand.class,
      TrainGanCommand.class,
      TrainStyleCommand.class,
      TrainJudgeCommand.class,
      TrainBoxesCommand.class,
      TrainShapesCommand.class,
      TrainLayoutImageCommand.class,
      TrainSceneJudgeCommand.class
    })
final class TrainCommand extends ParentCommand {}
