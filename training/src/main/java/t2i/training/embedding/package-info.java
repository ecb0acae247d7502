/**
 * The joint embedding of Reed et al. (CVPR 2016): the char-CNN-RNN text encoder and an image
 * encoder trained with the DS-SJE loss; its evaluation (zero-shot top-1, AP@50), the caption
 * embeddings the GAN trains on, and the graphs export rebuilds.
 */
package t2i.training.embedding;
