/**
 * The style encoder S that inverts a trained generator (Reed et al., ICML 2016, §4.4): its training
 * on samples of the frozen G, the inference model, style transfer, interpolation and the
 * disentanglement evaluation.
 */
package t2i.training.style;
