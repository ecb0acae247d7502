/** Training-side helpers that own TensorFlow sessions and tensors: batch-to-tensor copies. */
package t2i.training;
