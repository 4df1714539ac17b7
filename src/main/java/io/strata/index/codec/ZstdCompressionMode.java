package io.strata.index.codec;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.lucene.codecs.compressing.CompressionMode;
import org.apache.lucene.codecs.compressing.Compressor;
import org.apache.lucene.codecs.compressing.Decompressor;
import org.apache.lucene.store.ByteBuffersDataInput;
import org.apache.lucene.store.DataInput;
import org.apache.lucene.store.DataOutput;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.BytesRef;

/**
 * Zstandard for chunks of stored events. Log events repeat their field names, services and message
 * templates; zstd finds those repeats across a whole chunk better than DEFLATE and decompresses
 * several times faster.
 *
 * <p>Both directions reuse zstd contexts: the one-shot calls create and free a context each time,
 * which cost about 15 µs a chunk, a third of fetching one stored event from a 64 KB chunk.
 */
final class ZstdCompressionMode extends CompressionMode {

  /**
   * Decompression contexts not in use. A {@link Decompressor} has no close, and Lucene clones one
   * for every reader of every search, so a context is borrowed per chunk instead of owned: the pool
   * holds as many as chunks were ever decompressed at once, about 100 KB of native memory each.
   */
  private static final ConcurrentLinkedQueue<ZstdDecompressCtx> IDLE = new ConcurrentLinkedQueue<>();

  /** One instance per level, shared by every codec instance (see {@link #of}). */
  private static final ZstdCompressionMode[] BY_LEVEL = new ZstdCompressionMode[23];

  private final int level;

  private ZstdCompressionMode(int level) {
    this.level = level;
  }

  /**
   * The mode of {@code level}. Lucene merges stored fields by copying compressed chunks as they are
   * only when the segment's mode is the very instance the writer uses ({@code ==}); a segment
   * opened from disk gets the codec Lucene loaded by name, a new segment the writer's own, so each
   * level has one instance, or every merge after a restart would decompress and compress again.
   */
  static synchronized ZstdCompressionMode of(int level) {
    if (level < 1 || level >= BY_LEVEL.length) {
      throw new IllegalArgumentException("zstd level must be 1 to 22, was " + level);
    }
    if (BY_LEVEL[level] == null) {
      BY_LEVEL[level] = new ZstdCompressionMode(level);
    }
    return BY_LEVEL[level];
  }

  @Override
  public Compressor newCompressor() {
    return new ZstdCompressor(level);
  }

  @Override
  public Decompressor newDecompressor() {
    return new ZstdDecompressor();
  }

  @Override
  public String toString() {
    return "ZSTD(level=" + level + ")";
  }

  private static final class ZstdCompressor extends Compressor {
    private final ZstdCompressCtx context;
    private byte[] input = new byte[0];
    private byte[] output = new byte[0];

    ZstdCompressor(int level) {
      this.context = new ZstdCompressCtx().setLevel(level);
    }

    @Override
    public void compress(ByteBuffersDataInput buffersInput, DataOutput out) throws IOException {
      int length = Math.toIntExact(buffersInput.length());
      input = ArrayUtil.growNoCopy(input, length);
      buffersInput.readBytes(input, 0, length);
      output = ArrayUtil.growNoCopy(output, (int) Zstd.compressBound(length));
      int compressed;
      try {
        compressed = context.compressByteArray(output, 0, output.length, input, 0, length);
      } catch (ZstdException e) {
        throw new IOException("zstd compression failed: " + e.getMessage(), e);
      }
      out.writeVInt(compressed);
      out.writeBytes(output, 0, compressed);
    }

    @Override
    public void close() {
      context.close();
    }
  }

  /**
   * Decompresses whole chunks into a buffer of its own and keeps the last one: Lucene asks for each
   * stored event by decompressing its chunk anew (into a new buffer each time), so the hits of a
   * page that share a chunk (most hits of a broad query, every event of a context or a trace view)
   * paid for the chunk, and allocated one, once each. The caller gets a copy of the bytes it asked
   * for, which also keeps the chunk safe from what the caller does with its buffer.
   *
   * <p>Caution: like Lucene's, one per reader and not thread-safe; the chunk is recognised by the
   * input and the file pointer it starts at.
   */
  private static final class ZstdDecompressor extends Decompressor {
    private byte[] compressed = new byte[0];
    private byte[] chunk = new byte[0];
    private IndexInput chunkInput;
    private long chunkPointer = -1;
    private int chunkLength;

    @Override
    public void decompress(DataInput in, int originalLength, int offset, int length, BytesRef bytes)
        throws IOException {
      long pointer = in instanceof IndexInput input ? input.getFilePointer() : -1;
      int compressedLength = in.readVInt();
      if (originalLength == 0) {
        bytes.offset = 0;
        bytes.length = 0;
        return;
      }
      if (pointer >= 0 && in == chunkInput && pointer == chunkPointer
          && originalLength == chunkLength) {
        in.skipBytes(compressedLength);
      } else {
        chunkPointer = -1; // nothing is kept if this fails half-way
        decompressChunk(in, compressedLength, originalLength);
        if (pointer >= 0) {
          chunkInput = (IndexInput) in;
          chunkPointer = pointer;
          chunkLength = originalLength;
        }
      }
      bytes.bytes = ArrayUtil.growNoCopy(bytes.bytes, length);
      System.arraycopy(chunk, offset, bytes.bytes, 0, length);
      bytes.offset = 0;
      bytes.length = length;
    }

    private void decompressChunk(DataInput in, int compressedLength, int originalLength)
        throws IOException {
      compressed = ArrayUtil.growNoCopy(compressed, compressedLength);
      in.readBytes(compressed, 0, compressedLength);
      chunk = ArrayUtil.growNoCopy(chunk, originalLength);
      ZstdDecompressCtx context = IDLE.poll();
      if (context == null) {
        context = new ZstdDecompressCtx();
      }
      int n;
      try {
        n = context.decompressByteArray(chunk, 0, originalLength, compressed, 0, compressedLength);
      } catch (ZstdException e) {
        throw new IOException("corrupt zstd chunk: " + e.getMessage(), e);
      } finally {
        IDLE.offer(context);
      }
      if (n != originalLength) {
        throw new IOException("corrupt zstd chunk: " + n + " bytes instead of " + originalLength);
      }
    }

    @Override
    public Decompressor clone() {
      return new ZstdDecompressor();
    }
  }
}
