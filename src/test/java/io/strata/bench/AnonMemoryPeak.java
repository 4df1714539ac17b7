package io.strata.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The largest anonymous resident memory ({@code RssAnon}) of a process, sampled on a thread of its
 * own: the process's own memory (heap, metaspace, code, native), without the pages of files it has
 * mapped. VmHWM counts those too, and Lucene reads its indexes through mmap, so a merge after a load
 * adds the index files it reads to VmHWM although the kernel may drop them at any time.
 */
final class AnonMemoryPeak implements AutoCloseable {

  private final long pid;
  private final long everyMillis;
  private final Thread sampler;
  private volatile boolean stopped;
  private volatile long peakBytes = -1;

  /** Starts sampling process {@code pid} every {@code everyMillis}. */
  AnonMemoryPeak(long pid, long everyMillis) {
    this.pid = pid;
    this.everyMillis = everyMillis;
    this.sampler = new Thread(this::sample, "bench-anon-memory");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** The largest RssAnon seen so far in bytes, or -1 when the process could not be read. */
  long peakBytes() {
    return peakBytes;
  }

  @Override
  public void close() throws InterruptedException {
    stopped = true;
    sampler.interrupt();
    sampler.join(5_000);
  }

  private void sample() {
    while (!stopped) {
      long bytes = anonBytes(pid);
      if (bytes > peakBytes) {
        peakBytes = bytes;
      }
      try {
        Thread.sleep(everyMillis);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** RssAnon of process {@code pid} in bytes, or -1 when unknown (gone, or not on this machine). */
  static long anonBytes(long pid) {
    if (pid <= 0) {
      return -1;
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("RssAnon:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // The process is gone, or not on this machine.
    }
    return -1;
  }
}
