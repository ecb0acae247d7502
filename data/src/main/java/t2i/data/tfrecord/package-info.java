/**
 * TFRecord files exactly as TensorFlow writes them (length, masked CRC-32C of the length, data,
 * masked CRC-32C of the data), so that Python's {@code tf.data.TFRecordDataset} reads what Java
 * writes; and the {@code tf.train.Example} codec for text–image records.
 */
package t2i.data.tfrecord;
