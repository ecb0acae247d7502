package t2i.training.report;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The images of a report's HTML: every {@code <img>}, with its data URI decoded. */
public final class EmbeddedImages {
  private static final Pattern IMG = Pattern.compile("<img\\b[^>]*>");
  private static final Pattern DATA =
      Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");
  private static final Pattern ALT = Pattern.compile("alt=\"([^\"]*)\"");

  /** One {@code <img>}: its alt text (escaped, as in the page) and bytes, or null if not data. */
  public record Image(String alt, byte[] png) {}

  private EmbeddedImages() {}

  public static List<Image> of(String html) {
    List<Image> images = new ArrayList<>();
    Matcher img = IMG.matcher(html);
    while (img.find()) {
      String tag = img.group();
      Matcher data = DATA.matcher(tag);
      Matcher alt = ALT.matcher(tag);
      images.add(
          new Image(
              alt.find() ? alt.group(1) : null,
              data.find() ? Base64.getDecoder().decode(data.group(1)) : null));
    }
    return images;
  }
}
