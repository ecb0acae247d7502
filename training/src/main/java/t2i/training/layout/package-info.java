/**
 * The layout pipeline's training and evaluation (Hong et al., CVPR 2018): the box generator's run,
 * its sampled layouts, and the measures of whether a layout shows what its caption states.
 */
package t2i.training.layout;
