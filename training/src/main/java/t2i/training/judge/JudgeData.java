package t2i.training.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import t2i.data.ClassLevel;
import t2i.data.Dataset;
import t2i.data.Progress;
import t2i.data.Split;
import t2i.data.TextImageRecord;
import t2i.data.batch.DecodedSplit;

/** Records decoded for the judge, with each one's concept and subcategory. */
record JudgeData(DecodedSplit images, int[] concepts, int[] subcategories) {

  /** Every record of the dataset: trainval, then test. */
  static List<TextImageRecord> allRecords(Dataset dataset, Progress progress) {
    progress.start("read records", 0);
    List<TextImageRecord> all = new ArrayList<>(dataset.read(Split.TRAINVAL));
    all.addAll(dataset.read(Split.TEST));
    progress.finish();
    return all;
  }

  /** The records' images, batched by concept, with their labels. */
  static JudgeData of(Dataset dataset, List<TextImageRecord> records) {
    ToIntFunction<TextImageRecord> conceptOf = ClassLevel.CONCEPT.classifier(dataset.manifest());
    int[] concepts = records.stream().mapToInt(conceptOf).toArray();
    int[] subcategories = records.stream().mapToInt(TextImageRecord::classId).toArray();
    return new JudgeData(DecodedSplit.of(records, conceptOf), concepts, subcategories);
  }

  int concept(int record) {
    return concepts[record];
  }

  int subcategory(int record) {
    return subcategories[record];
  }
}
