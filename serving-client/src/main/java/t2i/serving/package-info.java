/**
 * Calling exported models: the {@link t2i.serving.PredictClient} interface (TF Serving's predict
 * API: named tensors in and out, for a model, version and signature) with two backends, {@link
 * t2i.serving.local.InProcessClient} and {@link t2i.serving.rest.RestClient}, and the typed {@link
 * t2i.serving.Text2ImageClient} (texts and seeds in, images and PNGs out) on top. Only the models'
 * contracts tie this module to them ({@link t2i.serving.Text2ImageContract}, {@link
 * t2i.serving.TextEncoderContract}, {@link t2i.serving.StyleContract}: model, signature and tensor
 * names, which the exports take from here); it depends on no training code.
 */
package t2i.serving;
