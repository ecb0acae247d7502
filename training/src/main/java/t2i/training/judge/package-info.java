/**
 * The judge: a classifier of real emoji images (concept and subcategory heads) that never takes
 * part in training a GAN, so it can score any generator's pictures: recognition rate, and Inception
 * Score and Fréchet distance computed with its own probabilities and features.
 */
package t2i.training.judge;
