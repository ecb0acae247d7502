/**
 * Runs: the frame every trainer extends ({@link t2i.training.run.RunFrame}: graph, session, step
 * counter, checkpoints, close), run folders with their resolved configuration, and atomic
 * checkpoints with exact-resume metadata.
 */
package t2i.training.run;
