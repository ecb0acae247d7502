/**
 * Update rules ({@link t2i.training.optim.Optimizer}: Adam, RMSprop) built as graph ops with a
 * learning rate fed each step (the framework's optimizers bake it in as a constant and
 * differentiate every variable of the graph; docs/tf-java.md#optimizers). Slots are variables named
 * after their variable, so checkpoints hold the optimizer state.
 */
package t2i.training.optim;
