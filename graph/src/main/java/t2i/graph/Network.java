package t2i.graph;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.random.RandomStandardNormal;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The variables of one network. Variables live at root scope and are named {@code
 * <prefix>_<layer>_<kind>} ({@code txtenc_conv1_w}): TF Java 1.1's optimizers break on sub-scope
 * names, and export copies weights by name. Trainable variables are kept apart from state (batch
 * norm's moving statistics) so that each network is differentiated only against its own weights.
 * Initial values come from TF random ops seeded with (network seed, hash of the name): the same
 * seed gives the same weights in any graph.
 */
public final class Network {
  private final Ops tf;
  private final String prefix;
  private final Mode mode;
  private final long seed;
  private final List<Variable<TFloat32>> trainable;
  private final List<Variable<TFloat32>> state;
  private final List<Op> updates;
  private final Map<String, Variable<TFloat32>> byName;
  private final Map<String, Operand<TFloat32>> kernels;
  private final boolean reusing;
  private final String seedPrefix;
  private final boolean spectralNorm;

  public Network(Ops tf, String prefix, Mode mode, long seed) {
    this(tf, prefix, prefix, mode, seed, false);
  }

  private Network(
      Ops tf, String prefix, String seedPrefix, Mode mode, long seed, boolean spectralNorm) {
    this(
        tf,
        prefix,
        seedPrefix,
        mode,
        seed,
        spectralNorm,
        new ArrayList<>(),
        new ArrayList<>(),
        new ArrayList<>(),
        new HashMap<>(),
        new HashMap<>(),
        false);
  }

  private Network(
      Ops tf,
      String prefix,
      String seedPrefix,
      Mode mode,
      long seed,
      boolean spectralNorm,
      List<Variable<TFloat32>> trainable,
      List<Variable<TFloat32>> state,
      List<Op> updates,
      Map<String, Variable<TFloat32>> byName,
      Map<String, Operand<TFloat32>> kernels,
      boolean reusing) {
    this.trainable = trainable;
    this.state = state;
    this.updates = updates;
    this.byName = byName;
    this.kernels = kernels;
    this.reusing = reusing;
    checkArgument(
        prefix.matches("[a-z][a-z0-9]*"), "network prefix must be [a-z][a-z0-9]*: %s", prefix);
    this.tf = tf;
    this.prefix = prefix;
    this.seedPrefix = seedPrefix;
    this.mode = mode;
    this.seed = seed;
    this.spectralNorm = spectralNorm;
  }

  /**
   * A network whose variables are named {@code <prefix>_*} but start from the values a network
   * named {@code <seedPrefix>} would draw: a generator trained under another name while its moving
   * average keeps the usual one starts from the same weights as that average.
   */
  public static Network seededAs(Ops tf, String prefix, String seedPrefix, Mode mode, long seed) {
    return new Network(tf, prefix, seedPrefix, mode, seed, false);
  }

  /**
   * This new network with every dense and convolution kernel spectrally normalised ({@link
   * SpectralNorm}); its layers then leave out batch norm where they check {@link #spectralNorm()}.
   */
  public Network withSpectralNorm() {
    checkArgument(!reusing && byName.isEmpty(), "spectral norm must be chosen before any layer");
    return new Network(tf, prefix, seedPrefix, mode, seed, true);
  }

  /** Whether kernels are spectrally normalised. */
  public boolean spectralNorm() {
    return spectralNorm;
  }

  public Ops tf() {
    return tf;
  }

  public String prefix() {
    return prefix;
  }

  public Mode mode() {
    return mode;
  }

  public boolean training() {
    return mode == Mode.TRAINING;
  }

  /**
   * The same network applied again (the discriminator on real, mismatched and generated pairs):
   * layers get the existing variables by name, and register no second set of moving-average
   * updates, so the statistics follow the first application only.
   */
  public Network reuse() {
    return reuse(mode);
  }

  /** The same variables in another mode: a sampling path (inference) inside a training graph. */
  public Network reuse(Mode otherMode) {
    return new Network(
        tf,
        prefix,
        seedPrefix,
        otherMode,
        seed,
        spectralNorm,
        trainable,
        state,
        updates,
        byName,
        kernels,
        true);
  }

  /**
   * A layer's kernel as the layer uses it: the trainable variable, or its spectrally normalised
   * value when the network normalises ({@link #withSpectralNorm}), built once and shared by every
   * application of the network so that one power-iteration update runs per training step.
   *
   * @param shape {@code [..., out]}: the last dimension is the layer's outputs
   */
  public Operand<TFloat32> kernel(String name, Shape shape, Init init) {
    Variable<TFloat32> w = weight(name, shape, init);
    if (!spectralNorm) {
      return w;
    }
    String full = prefix + "_" + name;
    Operand<TFloat32> normalised = kernels.get(full);
    if (normalised == null) {
      int out = (int) shape.size(shape.numDimensions() - 1);
      Variable<TFloat32> u = stateVariable(name + "_sn_u", Shape.of(1, out), Init.normal(0f, 1f));
      SpectralNorm sn = SpectralNorm.of(tf, w, u);
      addUpdate(sn.update());
      normalised = sn.normalised();
      kernels.put(full, normalised);
    }
    return normalised;
  }

  /** A trainable variable. */
  public Variable<TFloat32> weight(String name, Shape shape, Init init) {
    if (reusing) {
      return existing(name, shape);
    }
    Variable<TFloat32> v = create(name, shape, init);
    trainable.add(v);
    return v;
  }

  /** A variable the optimizer never touches (moving statistics). */
  public Variable<TFloat32> stateVariable(String name, Shape shape, Init init) {
    if (reusing) {
      return existing(name, shape);
    }
    Variable<TFloat32> v = create(name, shape, init);
    state.add(v);
    return v;
  }

  /** An op to run with every training step (moving-average updates). */
  public void addUpdate(Op op) {
    if (!reusing) {
      updates.add(op);
    }
  }

  private Variable<TFloat32> existing(String name, Shape shape) {
    String full = prefix + "_" + name;
    Variable<TFloat32> v = byName.get(full);
    checkArgument(v != null, "reused network has no variable %s", full);
    checkArgument(v.shape().equals(shape), "%s is %s, reused as %s", full, v.shape(), shape);
    return v;
  }

  private Variable<TFloat32> create(String name, Shape shape, Init init) {
    String full = prefix + "_" + name;
    checkArgument(!byName.containsKey(full), "variable %s defined twice", full);
    Variable<TFloat32> v = tf.withName(full).variable(initialValue(full, shape, init));
    byName.put(full, v);
    return v;
  }

  private Operand<TFloat32> initialValue(String name, Shape shape, Init init) {
    return seededValue(seedPrefix + name.substring(prefix.length()), shape, init);
  }

  private Operand<TFloat32> seededValue(String name, Shape shape, Init init) {
    long seed2 = Hashing.murmur3_32_fixed().hashString(name, StandardCharsets.UTF_8).asInt();
    Operand<TInt64> dims = tf.constant(shape.asArray());
    if (init instanceof Init.Uniform u) {
      Operand<TFloat32> unit =
          tf.random.randomUniform(
              dims, TFloat32.class, RandomUniform.seed(seed), RandomUniform.seed2(seed2));
      return tf.math.mul(
          tf.math.sub(tf.math.mul(unit, tf.constant(2f)), tf.constant(1f)), tf.constant(u.limit()));
    }
    if (init instanceof Init.Normal n) {
      Operand<TFloat32> unit =
          tf.random.randomStandardNormal(
              dims,
              TFloat32.class,
              RandomStandardNormal.seed(seed),
              RandomStandardNormal.seed2(seed2));
      return tf.math.add(tf.math.mul(unit, tf.constant(n.stddev())), tf.constant(n.mean()));
    }
    return tf.fill(dims, tf.constant(((Init.Constant) init).value()));
  }

  /** Trainable variables, in creation order. */
  public List<Variable<TFloat32>> trainable() {
    return Collections.unmodifiableList(trainable);
  }

  /** Trainable and state variables: everything a checkpoint or an export needs. */
  public List<Variable<TFloat32>> all() {
    List<Variable<TFloat32>> all = new ArrayList<>(trainable);
    all.addAll(state);
    return all;
  }

  public List<Op> updates() {
    return Collections.unmodifiableList(updates);
  }

  /** Number of trainable parameters. */
  public long parameterCount() {
    return trainable.stream().mapToLong(v -> v.shape().size()).sum();
  }
}
