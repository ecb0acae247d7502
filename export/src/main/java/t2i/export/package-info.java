/**
 * Inference-only SavedModels for TF Serving and Python: graphs rebuilt from a run's config with
 * batch norm in inference mode, weights restored from its checkpoint, no optimizer state, model,
 * signature and tensor names from the serving contracts ({@link t2i.serving.TextEncoderContract},
 * {@link t2i.serving.Text2ImageContract}, {@link t2i.serving.StyleContract}); and {@link
 * t2i.export.SavedModelInspector}, which checks any SavedModel for exactly that from its {@code
 * saved_model.pb} alone.
 */
package t2i.export;
