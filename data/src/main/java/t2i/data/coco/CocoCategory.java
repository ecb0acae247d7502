package t2i.data.coco;

/**
 * An object class.
 *
 * @param index 0..79: the position in the instances file's {@code categories} list
 * @param cocoId COCO's own id, 1..90 with gaps
 * @param name e.g. {@code person}
 */
public record CocoCategory(int index, int cocoId, String name) {}
