/**
 * The layout pipeline's graph pieces (Hong et al., CVPR 2018; {@code LAYOUT_SPEC.md}): the box
 * generator and its bivariate Gaussian mixtures.
 */
package t2i.graph.layout;
