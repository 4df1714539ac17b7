package io.strata.bench;

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
      long bytes = AppProcess.statusBytes(pid, "RssAnon:")[0];
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
}
