/**
 * Inference-only SavedModels for TF Serving and Python: graphs rebuilt from a run's config with
 * batch norm in inference mode, weights restored from its checkpoint, no optimizer state.
 */
package t2i.export;
