package io.strata.index;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import io.strata.index.codec.StoredCodecs;
import io.strata.pipeline.EventFields;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.Term;
import java.util.HashSet;
import java.util.Set;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.FSDirectory;
import org.jboss.logging.Logger;

/**
 * The Lucene index of one tenant for one UTC day and one retention class: its writer, its
 * near-real-time searchers, and the Kafka positions its last commit covers.
 *
 * <p>Exactly once: each commit records, per topic partition, the offset up to which every record's
 * events for this index are in it. On replay, events of a record below that offset are skipped, so a
 * crash between the Lucene commit and the Kafka offset commit neither loses nor duplicates anything.
 * A commit taken while events were still being added ({@link #commit(Map, boolean)}, loose) may
 * hold some beyond its offsets; when the index opens on such a commit, those events are deleted
 * first, and the replay from Kafka adds them again, once.
 */
final class BucketIndex implements Closeable {

  private static final String OFFSET_KEY_PREFIX = "kafka:";
  /**
   * Marks a commit taken while indexing went on: it may hold events of records at or beyond the
   * offsets it records, which Kafka delivers again after a crash.
   */
  private static final String LOOSE_KEY = "strata:may-hold-more";
  private static final Logger LOG = Logger.getLogger(BucketIndex.class);

  final String tenant;
  final LocalDate day;
  final String retentionClass;
  private final FSDirectory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final FieldNameBudget fieldNames;
  private volatile boolean budgetWarned;
  private final int fieldNamesMax;
  /**
   * Whether the index was written with norms on the message, before they were left out; such an
   * index goes on getting them ({@link EventDocumentBuilder#withMessageNorms}).
   */
  private final boolean messageNorms;
  private final Map<String, Long> committedOffsets = new ConcurrentHashMap<>();
  private volatile boolean uncommitted;
  /** Whether the last commit may hold events beyond the offsets it records. */
  private volatile boolean looseCommit;
  private volatile boolean unrefreshed;
  private volatile long lastSearchNanos = System.nanoTime() - Long.MAX_VALUE / 2;
  private volatile long lastUsedNanos = System.nanoTime();
  private int users; // guarded by this
  private boolean closed; // guarded by this
  private boolean destroyed; // guarded by this: its files are being deleted; close on last release

  BucketIndex(String tenant, LocalDate day, String retentionClass, Path path, IndexConfig config,
      Analyzer analyzer) throws IOException {
    this.tenant = tenant;
    this.day = day;
    this.retentionClass = retentionClass;
    this.directory = FSDirectory.open(path);
    IndexWriterConfig writerConfig = new IndexWriterConfig(analyzer)
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
        // No index sort: events stay in arrival order, which is close to time order. Sorting each
        // segment at flush cost a fifth of indexing (it writes the stored events twice and sorts
        // every posting list); search reads newest first by time windows instead. Segments
        // written sorted by earlier versions stay readable and merge into unsorted ones.
        .setRAMBufferSizeMB(config.ramBufferMb())
        .setCodec(StoredCodecs.forWriting(config.storedCompression()))
        // An erasure rewrites every segment it deleted from, however few its deletions.
        .setMergePolicy(new TieredMergePolicy().setForceMergeDeletesPctAllowed(0.0))
        // A commit must always carry the offsets of what it holds; a commit on close would not.
        .setCommitOnClose(false);
    this.writer = new IndexWriter(directory, writerConfig);
    Iterable<Map.Entry<String, String>> commitData = writer.getLiveCommitData();
    if (commitData != null) {
      for (Map.Entry<String, String> entry : commitData) {
        if (entry.getKey().startsWith(OFFSET_KEY_PREFIX)) {
          committedOffsets.put(entry.getKey().substring(OFFSET_KEY_PREFIX.length()),
              Long.parseLong(entry.getValue()));
        } else if (entry.getKey().equals(LOOSE_KEY)) {
          looseCommit = true;
        }
      }
    }
    if (looseCommit) {
      dropBeyondOffsets();
    }
    this.searchers = new SearcherManager(writer, null);
    this.messageNorms = hasNorms(searchers, EventFields.MESSAGE);
    this.fieldNamesMax = config.maxFieldNames();
    this.fieldNames = new FieldNameBudget(fieldNamesMax, writer.getFieldNames());
  }

  /** Whether the index holds {@code field} with norms. */
  private static boolean hasNorms(SearcherManager searchers, String field) throws IOException {
    IndexSearcher searcher = searchers.acquire();
    try {
      FieldInfo info = FieldInfos.getMergedFieldInfos(searcher.getIndexReader()).fieldInfo(field);
      return info != null && info.hasNorms();
    } finally {
      searchers.release(searcher);
    }
  }

  /**
   * The Kafka positions an index's last commit records (topic partition to next offset), read from
   * its commit point alone, without opening it; empty when it has no commit.
   */
  static Map<String, Long> committedOffsets(SegmentInfos lastCommit) {
    Map<String, Long> offsets = new HashMap<>();
    lastCommit.getUserData().forEach((key, value) -> {
      if (key.startsWith(OFFSET_KEY_PREFIX)) {
        offsets.put(key.substring(OFFSET_KEY_PREFIX.length()), Long.parseLong(value));
      }
    });
    return offsets;
  }

  /** Events of records of {@code topicPartition} below this offset are already in the index. */
  long committedOffset(String topicPartition) {
    return committedOffsets.getOrDefault(topicPartition, -1L);
  }

  /** Adds {@code document}; returns how many of its field names the index's budget left out. */
  int add(Document document) throws IOException {
    return replace(null, document);
  }

  /**
   * Adds {@code document} in place of every document {@code id} finds (none when null): a retried
   * document of the bulk API replaces its first copy. Returns the fields left unindexed.
   */
  int replace(Term id, Document document) throws IOException {
    if (messageNorms) {
      EventDocumentBuilder.withMessageNorms(document);
    }
    int ignored = fieldNames.apply(document);
    if (ignored > 0 && !budgetWarned) {
      budgetWarned = true;
      LOG.warnf("The %s index of tenant %s holds the most field names it may (%d): fields with"
          + " new names are no longer indexed (search _ignored:* for the events concerned)",
          day, tenant, fieldNamesMax);
    }
    if (id == null) {
      writer.addDocument(document);
    } else {
      writer.updateDocument(id, document);
    }
    uncommitted = true;
    unrefreshed = true;
    return ignored;
  }

  /**
   * Deletes what a loose last commit holds beyond its offsets: the events of every partition at or
   * after its recorded offset, and all events of partitions it records no offset for. They were
   * never acknowledged; Kafka delivers their records again.
   */
  private void dropBeyondOffsets() throws IOException {
    long[] fromSeq = new long[1 << IndexSchema.PARTITION_BITS]; // unrecorded partitions: all
    committedOffsets.forEach((topicPartition, next) ->
        fromSeq[TenantIndexes.partitionOf(topicPartition)] = IndexSchema.seq(0, next, 0));
    PartitionTailQuery beyond = new PartitionTailQuery(fromSeq);
    long dropped;
    try (var reader = org.apache.lucene.index.DirectoryReader.open(writer)) {
      dropped = new IndexSearcher(reader).count(beyond);
    }
    if (dropped > 0) {
      writer.deleteDocuments(beyond);
      LOG.infof("The %s index of tenant %s (%s) held %d events beyond the Kafka offsets of its"
          + " last commit; they are indexed again from Kafka", day, tenant, retentionClass, dropped);
    }
  }

  /** Whether a commit would change the index: new events, or merges that free disk once committed. */
  boolean hasUncommitted() {
    return uncommitted || writer.hasUncommittedChanges();
  }

  /**
   * Whether a commit is due (for an exact one, also when the last commit was loose); if so, counts
   * everything added so far as committed, so that what is added from here on is due next time.
   *
   * <p>Caution: the caller must make sure no document is being added meanwhile, and then commit.
   */
  boolean startCommit(boolean exact) {
    if (!hasUncommitted() && !(exact && looseCommit)) {
      return false;
    }
    uncommitted = false;
    return true;
  }

  /**
   * Commits everything added so far, recording that every record below {@code progress} (topic
   * partition to next offset) is in the index.
   *
   * <p>Caution: unless {@code loose}, the caller must make sure no document is being added
   * meanwhile, or the recorded offsets could claim a record that is only half in the commit. A
   * loose commit lets indexing go on: events added meanwhile may or may not be in it, and the
   * commit is marked so that, should it be the last one, they are dropped when the index opens.
   */
  void commit(Map<String, Long> progress, boolean loose) throws IOException {
    committedOffsets.putAll(progress);
    commitRecording(loose);
    unrefreshed = true;
    lastUsedNanos = System.nanoTime();
  }

  private void commitRecording(boolean loose) throws IOException {
    Map<String, String> data = new HashMap<>();
    committedOffsets.forEach((tp, offset) -> data.put(OFFSET_KEY_PREFIX + tp, Long.toString(offset)));
    if (loose) {
      data.put(LOOSE_KEY, "true");
    }
    writer.setLiveCommitData(data.entrySet());
    writer.commit();
    looseCommit = loose;
  }

  /**
   * Deletes the events of a partition at or after {@code offset} and records that the index holds
   * the partition only up to there, so that they are indexed again if the partition comes back
   * from there; returns how many were deleted. Commits (only) when something changed.
   *
   * <p>Caution: the caller must make sure no document is being added meanwhile, and commit what
   * was added before.
   */
  long dropPartitionTail(String topicPartition, int partition, long offset) throws IOException {
    if (committedOffset(topicPartition) <= offset) {
      return 0;
    }
    long live = writer.getDocStats().numDocs;
    writer.deleteDocuments(PartitionTailQuery.of(partition, offset));
    committedOffsets.put(topicPartition, offset);
    commitRecording(false);
    searchers.maybeRefreshBlocking();
    lastUsedNanos = System.nanoTime();
    return live - writer.getDocStats().numDocs;
  }

  /**
   * Deletes every event {@code query} matches and rewrites the segments that held them, so their
   * bytes are gone from disk, then commits (with the Kafka positions of the last commit: nothing
   * new is in this one) and makes the result visible to searches.
   *
   * <p>Caution: the caller must make sure no document is being added meanwhile, and commit what
   * was added before.
   */
  EraseResult erase(Query query) throws IOException {
    searchers.maybeRefreshBlocking();
    long matched = count(query);
    if (matched == 0) {
      return new EraseResult(0, 0, 0, 0, segmentsWithDeletions());
    }
    Set<String> before = segmentNames();
    long live = writer.getDocStats().numDocs;
    writer.deleteDocuments(query);
    writer.forceMergeDeletes(true);
    writer.commit();
    if (segmentsWithDeletions() > 0) {
      // The merge policy may leave a small segment with deletions alone; the bytes must go.
      writer.forceMerge(1, true);
      writer.commit();
    }
    searchers.maybeRefreshBlocking();
    long deleted = live - writer.getDocStats().numDocs;
    Set<String> gone = new HashSet<>(before);
    gone.removeAll(segmentNames());
    return new EraseResult(matched, deleted, count(query), gone.size(), segmentsWithDeletions());
  }

  /**
   * Merges the index into one segment, as a day that is over is kept; concurrent adds (late events)
   * are allowed, and the caller commits afterwards.
   */
  void mergeForSealing() throws IOException {
    writer.forceMerge(1, true);
  }

  private long count(Query query) throws IOException {
    IndexSearcher searcher = searchers.acquire();
    try {
      return searcher.count(query);
    } finally {
      searchers.release(searcher);
    }
  }

  private Set<String> segmentNames() throws IOException {
    Set<String> names = new HashSet<>();
    for (SegmentCommitInfo segment : SegmentInfos.readLatestCommit(directory)) {
      names.add(segment.info.name);
    }
    return names;
  }

  private int segmentsWithDeletions() throws IOException {
    int with = 0;
    for (SegmentCommitInfo segment : SegmentInfos.readLatestCommit(directory)) {
      if (segment.getDelCount() + segment.getSoftDelCount() > 0) {
        with++;
      }
    }
    return with;
  }

  /**
   * Makes added documents visible to new searches, unless nobody has searched this index for {@code
   * idleAfterNanos}: each refresh writes a small segment that must later be merged, so an index
   * nobody reads is not refreshed (the next search refreshes it first, see {@link
   * #searchersForSearch}).
   */
  void refresh(long idleAfterNanos) throws IOException {
    if (unrefreshed && System.nanoTime() - lastSearchNanos < idleAfterNanos && acquire()) {
      try {
        unrefreshed = false;
        searchers.maybeRefresh();
      } finally {
        release();
      }
    }
  }

  /** Keeps the index open until {@link #release}; false when it has been closed meanwhile. */
  synchronized boolean acquire() {
    if (closed) {
      return false;
    }
    users++;
    lastUsedNanos = System.nanoTime();
    return true;
  }

  synchronized void release() {
    users--;
    if (users == 0 && destroyed) {
      closeReaders();
    }
  }

  /**
   * Stops the index for good before its files are deleted: the writer is rolled back at once (its
   * merges aborted), and the searchers close when the last search using them ends.
   *
   * <p>Caution: the caller must make sure no document is being added meanwhile.
   */
  synchronized void destroy() throws IOException {
    if (destroyed) {
      return;
    }
    destroyed = true;
    boolean wasOpen = !closed;
    closed = true;
    if (wasOpen) {
      writer.rollback();
      if (users == 0) {
        closeReaders();
      }
    }
  }

  private void closeReaders() {
    try {
      searchers.close();
      directory.close();
    } catch (IOException e) {
      LOG.warnf(e, "Closing the deleted index %s/%s/%s failed", tenant, day, retentionClass);
    }
  }

  /**
   * Closes the index when nothing uses it, everything is committed and it has not been written,
   * committed or searched for {@code idleNanos}; true when it did.
   *
   * <p>Caution: the caller must make sure no document is being added meanwhile.
   */
  synchronized boolean closeIfIdle(long idleNanos) throws IOException {
    if (closed || users > 0 || hasUncommitted() || System.nanoTime() - lastUsedNanos < idleNanos) {
      return false;
    }
    if (looseCommit) {
      commitRecording(false); // nothing was added since: the same events, now known to be exact
    }
    closed = true;
    close();
    return true;
  }

  /**
   * The searchers for a search about to run. The first search after an idle spell waits for a
   * refresh, so it sees every event indexed so far.
   */
  SearcherManager searchersForSearch(long idleAfterNanos) throws IOException {
    long now = System.nanoTime();
    boolean wasIdle = now - lastSearchNanos >= idleAfterNanos;
    lastSearchNanos = now;
    if (wasIdle && unrefreshed) {
      unrefreshed = false;
      searchers.maybeRefreshBlocking();
    }
    return searchers;
  }

  @Override
  public void close() throws IOException {
    searchers.close();
    writer.rollback();
    directory.close();
  }
}
