package t2i.graph;

/** Whether a network is built for training (batch statistics) or for inference (moving ones). */
public enum Mode {
  TRAINING,
  INFERENCE
}
