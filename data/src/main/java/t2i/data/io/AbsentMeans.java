package t2i.data.io;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value a saved configuration means when it lacks this record component: for a component added
 * after configurations were first saved, the value every older writer had built in. Saved-config
 * readers that refuse missing keys (a missing key would otherwise become 0 or null silently) take
 * this value instead, given as JSON ({@code "64"}, {@code "\"cpu\""}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface AbsentMeans {
  String value();
}
