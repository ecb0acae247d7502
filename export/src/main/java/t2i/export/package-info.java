/**
 * Inference-only SavedModels for TF Serving and Python: graphs rebuilt from a run's config with
 * batch norm in inference mode, weights restored from its checkpoint, no optimizer state; and
 * {@link t2i.export.SavedModelInspector}, which checks any SavedModel for exactly that from its
 * {@code saved_model.pb} alone.
 */
package t2i.export;
