package t2i.export;

import java.util.List;

/**
 * {@code t2i-export.json} in each exported version folder: where the model came from.
 *
 * @param model the model name ({@code text_encoder})
 * @param sourceRun the run folder it was exported from
 * @param step the checkpoint's step
 * @param dataset the dataset the run trained on
 * @param config the run's configuration
 * @param signatures signature keys, each {@code tensorflow/serving/predict}
 */
public record ExportManifest(
    String model,
    String sourceRun,
    long step,
    String dataset,
    Object config,
    List<String> signatures) {}
