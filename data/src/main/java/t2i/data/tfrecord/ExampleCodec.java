package t2i.data.tfrecord;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.proto.BytesList;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.Int64List;
import t2i.data.Split;
import t2i.data.TextImageRecord;
import t2i.error.UserException;

/**
 * {@link TextImageRecord} as a {@code tf.train.Example}. The feature keys are the dataset format's
 * public contract (README "Dataset format"); Python reads them with {@code tf.io.parse_example}.
 */
public final class ExampleCodec {
  public static final String IMAGE_PNG = "image/png";
  public static final String IMAGE_WIDTH = "image/width";
  public static final String IMAGE_HEIGHT = "image/height";
  public static final String CAPTIONS = "text/captions";

  /** Each caption's language, in the same order; written only when some caption is not English. */
  public static final String CAPTION_LANGUAGES = "text/languages";

  public static final String CLASS_ID = "class/id";
  public static final String CLASS_NAME = "class/name";
  public static final String CONCEPT = "concept";
  public static final String STYLE = "style";
  public static final String KEY = "key";
  public static final String SPLIT = "split";

  private ExampleCodec() {}

  public static byte[] encode(TextImageRecord r) {
    Features.Builder f = Features.newBuilder();
    f.putFeature(IMAGE_PNG, bytes(List.of(ByteString.copyFrom(r.png()))));
    f.putFeature(IMAGE_WIDTH, int64(r.width()));
    f.putFeature(IMAGE_HEIGHT, int64(r.height()));
    List<ByteString> captions = new ArrayList<>(r.captions().size());
    for (String c : r.captions()) {
      captions.add(ByteString.copyFromUtf8(c));
    }
    f.putFeature(CAPTIONS, bytes(captions));
    if (r.captionLanguages().stream().anyMatch(l -> !l.equals(TextImageRecord.ENGLISH))) {
      List<ByteString> languages = new ArrayList<>(r.captionLanguages().size());
      for (String l : r.captionLanguages()) {
        languages.add(ByteString.copyFromUtf8(l));
      }
      f.putFeature(CAPTION_LANGUAGES, bytes(languages));
    }
    f.putFeature(CLASS_ID, int64(r.classId()));
    f.putFeature(CLASS_NAME, text(r.className()));
    f.putFeature(CONCEPT, text(r.concept()));
    f.putFeature(STYLE, text(r.style()));
    f.putFeature(KEY, text(r.key()));
    f.putFeature(SPLIT, text(r.split().fileName()));
    return Example.newBuilder().setFeatures(f).build().toByteArray();
  }

  public static TextImageRecord decode(byte[] serialized) {
    Map<String, Feature> f;
    try {
      f = Example.parseFrom(serialized).getFeatures().getFeatureMap();
    } catch (InvalidProtocolBufferException e) {
      throw new UserException("record is not a tf.train.Example: " + e.getMessage(), e);
    }
    List<String> captions = new ArrayList<>();
    for (ByteString c : require(f, CAPTIONS).getBytesList().getValueList()) {
      captions.add(c.toStringUtf8());
    }
    List<String> languages = new ArrayList<>();
    Feature tagged = f.get(CAPTION_LANGUAGES);
    if (tagged == null) {
      languages.addAll(java.util.Collections.nCopies(captions.size(), TextImageRecord.ENGLISH));
    } else {
      for (ByteString l : tagged.getBytesList().getValueList()) {
        languages.add(l.toStringUtf8());
      }
      if (languages.size() != captions.size()) {
        throw new UserException(
            "record feature '"
                + CAPTION_LANGUAGES
                + "' has "
                + languages.size()
                + " values for "
                + captions.size()
                + " captions: not a t2i dataset shard");
      }
    }
    return new TextImageRecord(
        string(f, KEY),
        bytes(f, IMAGE_PNG),
        (int) integer(f, IMAGE_WIDTH),
        (int) integer(f, IMAGE_HEIGHT),
        captions,
        (int) integer(f, CLASS_ID),
        string(f, CLASS_NAME),
        string(f, CONCEPT),
        string(f, STYLE),
        Split.parse(string(f, SPLIT)),
        languages);
  }

  private static Feature require(Map<String, Feature> f, String key) {
    Feature feature = f.get(key);
    if (feature == null) {
      throw new UserException("record lacks feature '" + key + "': not a t2i dataset shard");
    }
    return feature;
  }

  /** The one bytes value of a feature. */
  private static ByteString single(Map<String, Feature> f, String key) {
    BytesList values = require(f, key).getBytesList();
    checkOne(key, values.getValueCount());
    return values.getValue(0);
  }

  private static byte[] bytes(Map<String, Feature> f, String key) {
    return single(f, key).toByteArray();
  }

  private static String string(Map<String, Feature> f, String key) {
    return single(f, key).toStringUtf8();
  }

  private static long integer(Map<String, Feature> f, String key) {
    Int64List values = require(f, key).getInt64List();
    checkOne(key, values.getValueCount());
    return values.getValue(0);
  }

  private static void checkOne(String key, int count) {
    if (count != 1) {
      throw new UserException(
          "record feature '"
              + key
              + "' has "
              + count
              + " values, expected 1: not a t2i dataset"
              + " shard");
    }
  }

  private static Feature bytes(List<ByteString> values) {
    return Feature.newBuilder().setBytesList(BytesList.newBuilder().addAllValue(values)).build();
  }

  private static Feature text(String value) {
    return bytes(List.of(ByteString.copyFromUtf8(value)));
  }

  private static Feature int64(long value) {
    return Feature.newBuilder().setInt64List(Int64List.newBuilder().addValue(value)).build();
  }
}
