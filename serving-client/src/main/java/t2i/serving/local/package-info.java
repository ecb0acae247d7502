/**
 * SavedModels loaded in this JVM: a models folder in TF Serving's layout ({@code
 * DIR/<model>/<version>/}), each version's signatures checked and run in its own thread-safe
 * session, and the in-process {@link t2i.serving.PredictClient}.
 */
package t2i.serving.local;
