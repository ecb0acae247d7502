package t2i.cli;

import picocli.CommandLine.Command;

/** The root command: lists every verb, statically. */
@Command(
    name = "t2i",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Text-to-image GANs (Reed et al. 2016) on TensorFlow Java.",
    subcommands = {
      DemoCommand.class,
      DataCommand.class,
      TrainCommand.class,
      EvalCommand.class,
      EmbedCommand.class,
      SampleCommand.class,
      InterpolateCommand.class,
      StyleTransferCommand.class,
      ReportCommand.class,
      ExportCommand.class,
      InspectCommand.class,
      ServeCommand.class,
      GenerateCommand.class,
      BundleCommand.class,
      BenchCommand.class
    },
    footer = {"", "Run `t2i COMMAND --help` for a command's options."})
final class T2iCommand extends ParentCommand {}
