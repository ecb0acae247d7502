/**
 * Training-side helpers that own TensorFlow sessions and tensors: sessions, batch-to-tensor copies,
 * chunked inference, and the one interpolation convention.
 */
package t2i.training;
