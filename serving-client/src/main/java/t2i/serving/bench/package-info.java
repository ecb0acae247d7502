/**
 * Serving benchmarks behind {@code t2i bench serve}: the same predict calls timed in process,
 * through the REST server and through the gRPC server, in one run, so that each transport's
 * overhead is a ratio measured under the same conditions; and concurrent clients with the servers'
 * batching off and on, with the model runs counted.
 */
package t2i.serving.bench;
