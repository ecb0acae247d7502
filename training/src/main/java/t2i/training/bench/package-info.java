/** Benchmarks behind {@code t2i bench}: measured in one run, reported with the machine. */
package t2i.training.bench;
