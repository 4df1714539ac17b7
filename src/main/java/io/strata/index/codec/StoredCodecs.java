package io.strata.index.codec;

import io.strata.index.IndexConfig;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.lucene103.Lucene103Codec;

/** Picks the codec a new index segment is written with, by how its stored events are compressed. */
public final class StoredCodecs {

  private StoredCodecs() {}

  /** The codec for writing; segments written earlier with another one stay readable. */
  public static Codec forWriting(IndexConfig.StoredCompression compression) {
    return switch (compression) {
      case ZSTD -> new StrataCodec();
      case BEST_COMPRESSION -> new Lucene103Codec(Lucene103Codec.Mode.BEST_COMPRESSION);
      case BEST_SPEED -> new Lucene103Codec(Lucene103Codec.Mode.BEST_SPEED);
    };
  }
}
