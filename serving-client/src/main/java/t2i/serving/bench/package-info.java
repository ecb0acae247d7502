/**
 * Serving benchmarks behind {@code t2i bench serve}: the same predict calls timed in process and
 * through the REST server, in one run, so that the REST overhead is a ratio measured under the same
 * conditions.
 */
package t2i.serving.bench;
