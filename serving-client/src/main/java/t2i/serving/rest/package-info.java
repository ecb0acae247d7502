/**
 * TF Serving's REST API in JSON, both sides: the predict request (row {@code instances} and
 * columnar {@code inputs}, {@code {"b64": ...}} binary strings) and response ({@code predictions} /
 * {@code outputs}), the status and metadata JSON, following TF Serving's json_tensor.cc and
 * http_rest_api_util.cc; and the REST {@link t2i.serving.PredictClient}.
 */
package t2i.serving.rest;
