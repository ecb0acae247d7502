package t2i.data.scenes;

/** Where a class's objects go in a scene, relative to the background's ground line. */
public enum Placement {
  /** High, above the ground line: sky things, birds, aircraft. */
  SKY,
  /** Standing on the ground band below the ground line: buildings, vehicles, plants, animals. */
  GROUND,
  /** On the table top (the ground band): food and drink. */
  TABLE,
  /** Below the ground line, which is then the water surface: sea animals. */
  UNDER_WATER,
  /** Floating on the ground line, which is then the water line: boats. */
  WATER_LINE,
  /** Anywhere: faces, balls, clothing. */
  ANYWHERE
}
