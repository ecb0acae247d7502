/**
 * GAN-CLS, GAN-INT and GAN-INT-CLS (Reed et al., ICML 2016): the text-conditional DCGAN trained on
 * precomputed caption embeddings, with sample grids along the way.
 */
package t2i.training.gan;
