/**
 * MS-COCO 2014 read as users have it on disk ({@code annotations/instances_*2014.json}, {@code
 * annotations/captions_*2014.json}, {@code train2014/}, {@code val2014/}) into plain records:
 * images with their filtered, left-to-right objects (box, class, mask) and captions. The JSON is
 * streamed; masks are kept as their compact COCO form and rasterised on demand. {@link
 * t2i.data.coco.CocoScenesBuilder} converts them into a scenes dataset ({@code t2i data coco}).
 */
package t2i.data.coco;
