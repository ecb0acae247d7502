package t2i.training.run;

/**
 * Where a run starts training ({@link RunOptions#start}).
 *
 * @param config the configuration to train with (saved in the run folder)
 * @param checkpoint the checkpoint to continue from, or null to start at step 0
 */
public record RunStart<C extends Record>(C config, Checkpoint checkpoint) {
  /** Training time of the run's earlier sessions, so that logged times continue. */
  public double previousSeconds() {
    return checkpoint == null ? 0 : checkpoint.elapsedSeconds();
  }
}
