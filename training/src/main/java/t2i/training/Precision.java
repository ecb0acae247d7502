package t2i.training;

import com.google.gson.annotations.SerializedName;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.tensorflow.proto.RewriterConfig;
import t2i.error.UserException;

/**
 * The arithmetic of a session's convolutions and matrix products. Variables, the optimiser's state
 * and checkpoints are float32 either way: {@link #BFLOAT16} is TF's oneDNN automatic mixed
 * precision, a graph rewrite that runs the ops oneDNN has bfloat16 kernels for in bfloat16 and
 * casts around them.
 */
public enum Precision {
  @SerializedName("float32")
  FLOAT32("float32"),
  @SerializedName("bfloat16")
  BFLOAT16("bfloat16");

  /** The environment variable that turns TF's oneDNN kernels (and so this rewrite) off with 0. */
  static final String ONEDNN_SWITCH = "TF_ENABLE_ONEDNN_OPTS";

  private final String id;

  Precision(String id) {
    this.id = id;
  }

  /** The precision named {@code id} (float32 or bfloat16). */
  public static Precision of(String id) {
    return Arrays.stream(values())
        .filter(p -> p.id.equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "precision must be "
                        + Arrays.stream(values())
                            .map(Precision::toString)
                            .collect(Collectors.joining(" or "))
                        + ", was "
                        + id));
  }

  /**
   * This precision, if this machine runs it: bfloat16 needs a CPU with bfloat16 instructions and
   * oneDNN on (TF ignores the rewrite silently otherwise, which would train in float32 while the
   * run says bfloat16).
   *
   * @throws UserException naming what is missing
   */
  public Precision checkSupported() {
    if (this == BFLOAT16) {
      Cpu cpu = Cpu.current();
      if (!cpu.hasBfloat16()) {
        throw new UserException(
            "this CPU ("
                + cpu.describe()
                + ") has no bfloat16 instructions (avx512_bf16 or amx_bf16): use --precision"
                + " float32");
      }
      if ("0".equals(System.getenv(ONEDNN_SWITCH))) {
        throw new UserException(
            ONEDNN_SWITCH
                + "=0 turns off the oneDNN kernels bfloat16 runs on: unset it, or use --precision"
                + " float32");
      }
    }
    return this;
  }

  /**
   * This precision where this machine runs it, else float32: for inference from a run trained
   * elsewhere (its variables are float32 either way).
   */
  public Precision orFloat32WhereUnsupported() {
    try {
      return checkSupported();
    } catch (UserException e) {
      return FLOAT32;
    }
  }

  /** The session's graph rewrites for this precision. */
  RewriterConfig.Builder rewrites() {
    // Grappler's remapper fails on our gradient graphs ("fanout ... exist for missing node",
    // logged as an error) and then leaves the graph as it was: skip it.
    RewriterConfig.Builder b = RewriterConfig.newBuilder().setRemapping(RewriterConfig.Toggle.OFF);
    if (this == BFLOAT16) {
      b.setAutoMixedPrecisionOnednnBfloat16(RewriterConfig.Toggle.ON);
    }
    return b;
  }

  @Override
  public String toString() {
    return id;
  }
}
