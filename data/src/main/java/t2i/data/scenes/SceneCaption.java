package t2i.data.scenes;

/** A caption with the facts it states. */
public record SceneCaption(String text, CaptionFacts facts) {}
