package io.strata.index.codec;

import com.github.luben.zstd.Zstd;
import java.io.IOException;
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
 */
final class ZstdCompressionMode extends CompressionMode {

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
    private final int level;
    private byte[] input = new byte[0];
    private byte[] output = new byte[0];

    ZstdCompressor(int level) {
      this.level = level;
    }

    @Override
    public void compress(ByteBuffersDataInput buffersInput, DataOutput out) throws IOException {
      int length = Math.toIntExact(buffersInput.length());
      input = ArrayUtil.growNoCopy(input, length);
      buffersInput.readBytes(input, 0, length);
      output = ArrayUtil.growNoCopy(output, (int) Zstd.compressBound(length));
      long compressed = Zstd.compressByteArray(output, 0, output.length, input, 0, length, level);
      if (Zstd.isError(compressed)) {
        throw new IOException("zstd compression failed: " + Zstd.getErrorName(compressed));
      }
      out.writeVInt((int) compressed);
      out.writeBytes(output, 0, (int) compressed);
    }

    @Override
    public void close() {}
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
      long n = Zstd.decompressByteArray(bytes.bytes, 0, originalLength, compressed, 0, compressedLength);
      if (Zstd.isError(n) || n != originalLength) {
        throw new IOException("corrupt zstd chunk: " + (Zstd.isError(n) ? Zstd.getErrorName(n)
            : n + " bytes instead of " + originalLength));
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
