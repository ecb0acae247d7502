/**
 * Training batches over a dataset split: records decoded once into memory, then batches that are a
 * pure function of (seed, batch index), so a resumed run sees exactly the batches an uninterrupted
 * one would; produced ahead on a background thread.
 */
package t2i.data.batch;
