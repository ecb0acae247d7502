package t2i.training.layout;

import t2i.data.scenes.Box;

/** One labelled box of a layout, true or sampled. */
public record LayoutObject(int classId, Box box) {}
