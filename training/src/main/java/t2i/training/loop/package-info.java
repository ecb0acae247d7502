/**
 * The one training loop every trainer uses: steps until a step count, a time budget or a stop
 * request, with side effects (progress, logs, checkpoints, the divergence check) in listeners,
 * never in the step.
 */
package t2i.training.loop;
