/** Training logs: TensorBoard event files written in Java, and CSV. */
package t2i.training.log;
