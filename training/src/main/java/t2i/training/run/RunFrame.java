package t2i.training.run;

import static com.google.common.base.Preconditions.checkState;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import t2i.data.batch.BatchOptions;
import t2i.data.batch.BatchPipeline;
import t2i.data.batch.DecodedSplit;
import t2i.training.Precision;
import t2i.training.Sessions;
import t2i.training.loop.StepResult;
import t2i.training.loop.Trainer;

/**
 * What every trainer shares, as Keras's {@code Model} is to its {@code train_step}: the graph and
 * its session (restored from the checkpoint a resumed run continues from, else initialised), the
 * step counter, the run's checkpoints, the batch stream, and closing them. A trainer builds its
 * graph, calls {@link #open} once from its constructor, and writes {@link #runStep}, which returns
 * a record of the step's scalars. Side effects, the check that losses stay finite included, are
 * listeners of the loop.
 *
 * @param <S> the record of scalars a step returns; component {@code lossD} is scalar {@code loss_d}
 */
public abstract class RunFrame<S extends Record> implements Trainer {
  private final Class<S> scalars;
  private final Checkpoints checkpoints;
  private final Checkpoint resumeFrom;
  private final int threads;
  private final Precision precision;
  private Graph graph;
  private Session session;
  private BatchPipeline batches;
  private long step;

  /**
   * @param resumeFrom the checkpoint to continue from, or null for a new run
   * @param threads TF intra-op threads (0: one per core; 1 makes steps bit-reproducible)
   * @param precision the arithmetic of the step's convolutions and matrix products
   */
  protected RunFrame(
      Class<S> scalars, Path runDir, Checkpoint resumeFrom, int threads, Precision precision) {
    this.scalars = scalars;
    this.checkpoints = new Checkpoints(runDir);
    this.resumeFrom = resumeFrom;
    this.threads = threads;
    this.precision = precision.checkSupported();
    this.step = resumeFrom == null ? 0 : resumeFrom.step();
  }

  /**
   * Opens the session on the trainer's graph, which the frame then owns: variables from the
   * checkpoint the run resumes from, else from their initialisers.
   */
  protected final Session open(Graph graph) {
    checkState(session == null, "the session is already open");
    this.session = Sessions.open(graph, threads, precision, resumeFrom);
    this.graph = graph;
    return session;
  }

  /**
   * The trainer's batches, starting with the one the current step draws (batch {@code i} depends
   * only on the seed and {@code i}, so a resumed run continues exactly); closed with the frame.
   */
  protected final BatchPipeline batches(DecodedSplit data, BatchOptions options) {
    checkState(batches == null, "the batches are already open");
    batches = new BatchPipeline(data, options.withFirstBatch(step));
    return batches;
  }

  /** Whether the run continues from a checkpoint (else its variables start from initialisers). */
  protected final boolean resuming() {
    return resumeFrom != null;
  }

  protected final Session session() {
    checkState(session != null, "the trainer has not opened its session");
    return session;
  }

  /**
   * One training step: its updates, and its scalars.
   *
   * @param step the steps done before this one (the seed of its noise, the index of its batch)
   */
  protected abstract S runStep(long step) throws IOException;

  @Override
  public final StepResult trainStep() throws IOException {
    S values = runStep(step);
    step++;
    return StepResult.of(step, values);
  }

  @Override
  public final long step() {
    return step;
  }

  @Override
  public final List<String> scalarNames() {
    return StepResult.names(scalars);
  }

  @Override
  public final void checkpoint(double elapsedSeconds) throws IOException {
    checkpoints.save(session(), step, elapsedSeconds);
  }

  /** Closes the batches, the session, then the graph. */
  @Override
  public void close() {
    try (Graph g = graph;
        Session s = session;
        BatchPipeline b = batches) {
      // closed in reverse order
    }
  }
}
