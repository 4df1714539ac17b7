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

  private final int level;

  ZstdCompressionMode(int level) {
    this.level = level;
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

  private static final class ZstdDecompressor extends Decompressor {
    private byte[] compressed = new byte[0];

    @Override
    public void decompress(DataInput in, int originalLength, int offset, int length, BytesRef bytes)
        throws IOException {
      int compressedLength = in.readVInt();
      if (originalLength == 0) {
        bytes.offset = 0;
        bytes.length = 0;
        return;
      }
      compressed = ArrayUtil.growNoCopy(compressed, compressedLength);
      in.readBytes(compressed, 0, compressedLength);
      bytes.bytes = ArrayUtil.growNoCopy(bytes.bytes, originalLength);
      ZstdDecompressCtx context = IDLE.poll();
      if (context == null) {
        context = new ZstdDecompressCtx();
      }
      int n;
      try {
        n = context.decompressByteArray(bytes.bytes, 0, originalLength, compressed, 0, compressedLength);
      } catch (ZstdException e) {
        throw new IOException("corrupt zstd chunk: " + e.getMessage(), e);
      } finally {
        IDLE.offer(context);
      }
      if (n != originalLength) {
        throw new IOException("corrupt zstd chunk: " + n + " bytes instead of " + originalLength);
      }
      bytes.offset = offset;
      bytes.length = length;
    }

    @Override
    public Decompressor clone() {
      return new ZstdDecompressor();
    }
  }
}
