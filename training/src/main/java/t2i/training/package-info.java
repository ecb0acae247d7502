/**
 * Training-side helpers that own TensorFlow sessions and tensors: sessions, batch-to-tensor copies,
 * the image geometry a network's config states, chunked inference, and the one interpolation
 * convention.
 */
package t2i.training;
