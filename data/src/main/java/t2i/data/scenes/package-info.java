/**
 * The emoji-scenes dataset (docs LAYOUT_SPEC §7): emoji art placed on drawn backgrounds, with
 * boxes, visible instance masks and captions whose facts are stored.
 */
package t2i.data.scenes;
