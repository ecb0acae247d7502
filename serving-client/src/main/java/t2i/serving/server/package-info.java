/**
 * A TF-Serving-compatible REST server ({@code t2i serve}) on the JDK's {@code
 * com.sun.net.httpserver}: the {@code /v1/models/...} API over a {@link
 * t2i.serving.local.ModelRepository}, with bounded workers, a body size limit, a model run
 * deadline, a deadline for slow clients, a bound on requests under way and a graceful shutdown.
 */
package t2i.serving.server;
