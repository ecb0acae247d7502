/**
 * The scene judge: classifiers of real scene images that never take part in training a generator,
 * so they can score any generator's scenes (LAYOUT_SPEC §8). An object network names the class and
 * the emoji of the crop at a box; a background network names the scene's background from the image
 * with the boxes blanked out; a twin of the object network, trained on one art style and tested on
 * the other, states how far the judge can be trusted.
 */
package t2i.training.scenejudge;
