package t2i.data.coco;

/**
 * What the filters did to one half of COCO.
 *
 * @param imagesListed images in the instances file
 * @param imagesWithoutObjects images skipped because no object survived the filters
 * @param imagesWithoutCaptions images with objects but skipped because they have no caption
 * @param imagesKept images returned
 * @param annotations object annotations in the instances file
 * @param crowdDropped crowd annotations ({@code iscrowd} 1)
 * @param smallDropped non-crowd objects whose box covers under 2% of the image
 * @param overLimitDropped objects beyond the 8 largest of an image
 * @param objectsKept objects returned
 * @param captionsKept captions returned
 */
public record CocoReadStats(
    int imagesListed,
    int imagesWithoutObjects,
    int imagesWithoutCaptions,
    int imagesKept,
    int annotations,
    int crowdDropped,
    int smallDropped,
    int overLimitDropped,
    int objectsKept,
    int captionsKept) {}
