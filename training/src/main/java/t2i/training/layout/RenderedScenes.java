package t2i.training.layout;

import java.util.List;

/**
 * Images rendered for some test scenes under one condition, with the layout each was drawn from.
 */
public record RenderedScenes(
    String condition,
    int side,
    float[] images /* [n, side, side, 3] in [-1, 1] */,
    List<List<LayoutObject>>
        layouts /* per image, the objects (classId, box) it was drawn from; for real images and the no-layout GAN, the scene's true objects */,
    List<String> captions /* the caption each image was drawn for */) {}
