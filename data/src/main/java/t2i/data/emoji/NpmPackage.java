package t2i.data.emoji;

import static com.google.common.base.Preconditions.checkArgument;

import t2i.data.DatasetManifest.SourceEntry;

/**
 * A pinned npm package.
 *
 * @param integrity SHA-512 of the tarball, base64, as npm reports it (without the {@code sha512-}
 *     prefix)
 */
public record NpmPackage(String name, String version, String integrity, String license) {
  public NpmPackage {
    checkArgument(
        name != null && version != null && integrity != null,
        "a package needs name, version and integrity");
    checkArgument(name.matches("[a-z0-9][a-z0-9._-]*"), "unsupported npm package name %s", name);
    checkArgument(!version.isEmpty(), "package %s has no version", name);
    checkArgument(!integrity.isEmpty(), "package %s has no integrity digest", name);
  }

  /** {@code name@version}, what {@code npm pack} takes. */
  public String spec() {
    return name + "@" + version;
  }

  /** How a dataset's manifest names this package among its sources. */
  public SourceEntry sourceEntry() {
    return new SourceEntry(name, version, "sha512-" + integrity, license);
  }

  /** The file {@code npm pack} writes. */
  public String tarballFileName() {
    return name + "-" + version + ".tgz";
  }
}
