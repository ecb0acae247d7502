package t2i.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code t2i --version}: the build's version and the runtime it runs on. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() throws IOException {
    Properties p = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream("/t2i/version.properties")) {
      if (in != null) {
        p.load(in);
      }
    }
    return new String[] {
      "t2i " + p.getProperty("version", "unknown"),
      "Java "
          + System.getProperty("java.version")
          + " on "
          + System.getProperty("os.name")
          + " "
          + System.getProperty("os.arch")
    };
  }
}
