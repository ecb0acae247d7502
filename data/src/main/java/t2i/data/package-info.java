/**
 * Text–image datasets: the record type, the sharded TFRecord format with its manifest, and the
 * reader. Sub-packages build datasets (emoji, Reed's CUB / Oxford-102 layout), encode text and
 * produce training batches. Nothing here builds a TensorFlow graph.
 */
package t2i.data;
