package t2i.data.scenes;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.proto.BytesList;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.FloatList;
import org.tensorflow.proto.Int64List;
import t2i.data.ShardedDatasetWriter;
import t2i.data.Split;
import t2i.data.io.Json;
import t2i.error.UserException;

/**
 * {@link SceneRecord} as a {@code tf.train.Example}. Per-object features are lists in the objects'
 * left-to-right order; {@code object/box} holds x, y, w, h of each object in turn; {@code
 * text/facts} holds one JSON object per caption (the fields of {@link CaptionFacts}).
 */
public final class SceneExampleCodec {
  public static final String IMAGE_PNG = "image/png";
  public static final String IMAGE_WIDTH = "image/width";
  public static final String IMAGE_HEIGHT = "image/height";
  public static final String CAPTIONS = "text/captions";
  public static final String FACTS = "text/facts";
  public static final String BACKGROUND = "scene/background";
  public static final String STYLE = "style";
  public static final String KEY = "key";
  public static final String SPLIT = "split";
  public static final String OBJECT_COUNT = "object/count";
  public static final String CLASS_ID = "object/class_id";
  public static final String CLASS_NAME = "object/class_name";
  public static final String EMOJI = "object/emoji";
  public static final String BOX = "object/box";
  public static final String MASK_PNG = "object/mask_png";

  private SceneExampleCodec() {}

  public static byte[] encode(SceneRecord r) {
    Features.Builder f = Features.newBuilder();
    f.putFeature(IMAGE_PNG, bytes(List.of(ByteString.copyFrom(r.png()))));
    f.putFeature(IMAGE_WIDTH, int64(List.of((long) r.size())));
    f.putFeature(IMAGE_HEIGHT, int64(List.of((long) r.size())));
    f.putFeature(CAPTIONS, texts(r.captions()));
    f.putFeature(FACTS, texts(r.facts().stream().map(x -> Json.gson().toJson(x)).toList()));
    f.putFeature(BACKGROUND, texts(List.of(r.background())));
    f.putFeature(STYLE, texts(List.of(r.style())));
    f.putFeature(KEY, texts(List.of(r.key())));
    f.putFeature(SPLIT, texts(List.of(r.split().fileName())));
    f.putFeature(OBJECT_COUNT, int64(List.of((long) r.objects().size())));
    f.putFeature(CLASS_ID, int64(r.objects().stream().map(o -> (long) o.classId()).toList()));
    f.putFeature(CLASS_NAME, texts(r.objects().stream().map(SceneRecord.Item::className).toList()));
    f.putFeature(EMOJI, texts(r.objects().stream().map(SceneRecord.Item::emojiKey).toList()));
    FloatList.Builder boxes = FloatList.newBuilder();
    for (SceneRecord.Item o : r.objects()) {
      boxes.addValue((float) o.box().x());
      boxes.addValue((float) o.box().y());
      boxes.addValue((float) o.box().w());
      boxes.addValue((float) o.box().h());
    }
    f.putFeature(BOX, Feature.newBuilder().setFloatList(boxes).build());
    f.putFeature(
        MASK_PNG, bytes(r.objects().stream().map(o -> ByteString.copyFrom(o.maskPng())).toList()));
    return Example.newBuilder().setFeatures(f).build().toByteArray();
  }

  /**
   * Encodes one scene into {@code writer}, which counts each object under its class and, as the
   * concept, its emoji key.
   */
  public static void write(ShardedDatasetWriter writer, SceneRecord r) throws IOException {
    writer.write(
        encode(r),
        new ShardedDatasetWriter.Counted(
            r.key(),
            r.split(),
            r.size(),
            r.size(),
            r.style(),
            java.util.Collections.nCopies(r.captions().size(), t2i.data.TextImageRecord.ENGLISH),
            r.objects().stream().map(SceneRecord.Item::classId).toList(),
            r.objects().stream().map(SceneRecord.Item::emojiKey).toList()));
  }

  public static SceneRecord decode(byte[] serialized) {
    Map<String, Feature> f;
    try {
      f = Example.parseFrom(serialized).getFeatures().getFeatureMap();
    } catch (InvalidProtocolBufferException e) {
      throw new UserException("record is not a tf.train.Example: " + e.getMessage(), e);
    }
    int count = (int) require(f, OBJECT_COUNT).getInt64List().getValue(0);
    List<Long> classIds = require(f, CLASS_ID).getInt64List().getValueList();
    List<String> classNames = strings(f, CLASS_NAME);
    List<String> emoji = strings(f, EMOJI);
    List<Float> boxes = require(f, BOX).getFloatList().getValueList();
    List<ByteString> masks = require(f, MASK_PNG).getBytesList().getValueList();
    if (classIds.size() != count
        || classNames.size() != count
        || emoji.size() != count
        || boxes.size() != 4 * count
        || masks.size() != count) {
      throw new UserException(
          "scene record lists do not match its object count " + count + ": not a scenes shard");
    }
    List<SceneRecord.Item> objects = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      objects.add(
          new SceneRecord.Item(
              (int) (long) classIds.get(i),
              classNames.get(i),
              emoji.get(i),
              new Box(
                  boxes.get(4 * i),
                  boxes.get(4 * i + 1),
                  boxes.get(4 * i + 2),
                  boxes.get(4 * i + 3)),
              masks.get(i).toByteArray()));
    }
    List<CaptionFacts> facts =
        strings(f, FACTS).stream().map(s -> Json.gson().fromJson(s, CaptionFacts.class)).toList();
    return new SceneRecord(
        single(f, KEY),
        require(f, IMAGE_PNG).getBytesList().getValue(0).toByteArray(),
        (int) require(f, IMAGE_WIDTH).getInt64List().getValue(0),
        Split.parse(single(f, SPLIT)),
        single(f, STYLE),
        single(f, BACKGROUND),
        objects,
        strings(f, CAPTIONS),
        facts);
  }

  private static Feature require(Map<String, Feature> f, String key) {
    Feature feature = f.get(key);
    if (feature == null) {
      throw new UserException("record lacks feature '" + key + "': not an emoji scenes shard");
    }
    return feature;
  }

  private static List<String> strings(Map<String, Feature> f, String key) {
    return require(f, key).getBytesList().getValueList().stream()
        .map(ByteString::toStringUtf8)
        .toList();
  }

  private static String single(Map<String, Feature> f, String key) {
    List<String> values = strings(f, key);
    if (values.size() != 1) {
      throw new UserException(
          "record feature '" + key + "' has " + values.size() + " values, expected 1");
    }
    return values.get(0);
  }

  private static Feature bytes(List<ByteString> values) {
    return Feature.newBuilder().setBytesList(BytesList.newBuilder().addAllValue(values)).build();
  }

  private static Feature texts(List<String> values) {
    return bytes(values.stream().map(ByteString::copyFromUtf8).toList());
  }

  private static Feature int64(List<Long> values) {
    return Feature.newBuilder().setInt64List(Int64List.newBuilder().addAllValue(values)).build();
  }
}
