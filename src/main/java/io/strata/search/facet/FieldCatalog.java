package io.strata.search.facet;

import io.strata.security.Caller;
import io.strata.audit.Audited;
import io.strata.audit.AuditTrail;
import io.strata.audit.AuditEntry;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.strata.index.IndexSchema;
import io.strata.index.TimeField;
import io.strata.index.SearchableBucket;
import io.strata.index.SearchableBuckets;
import io.strata.index.TenantIndexes;
import io.strata.pipeline.EventFields;
import io.strata.audit.AuditExempt;
import io.strata.cluster.MissingNode;
import io.strata.search.EventFilter;
import io.strata.search.ShardFanOut;
import io.strata.search.EventFilters;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;

/**
 * The fields a tenant's events carry, read from the index metadata of the day indexes overlapping
 * a range (so at day granularity): each with its types, how many events carry it and roughly how
 * many distinct values it has.
 *
 * <p>Distinct counts are exact while a field has at most {@value #EXACT_DISTINCT} values in all
 * segments together; above that they add up the segments' own counts (a value in several segments
 * counts several times), which is cheap and close enough to tell a field of ids from a field of
 * categories.
 */
@ApplicationScoped
public class FieldCatalog {

  static final int EXACT_DISTINCT = 50_000;
  private static final Set<String> INTERNAL =
      Set.of(IndexSchema.SEQ, IndexSchema.SOURCE, IndexSchema.INGESTED, IndexSchema.PARSED,
          IndexSchema.DOC_ID);

  private final TenantIndexes indexes;
  private final EventFilters filters;

  private final AuditTrail audit;
  private final ShardFanOut fanOut;

  FieldCatalog(TenantIndexes indexes, EventFilters filters, AuditTrail audit,
      ShardFanOut fanOut) {
    this.audit = audit;
    this.fanOut = fanOut;
    this.indexes = indexes;
    this.filters = filters;
  }

  /** The fields in the days of {@code [from, to]}, by name. */
  @Audited("fields")
  public Fields fields(Caller caller, String from, String to) {
    return audit.auditedNow(AuditEntry.success(caller, "fields", null,
        AuditEntry.params("from", from, "to", to)), () -> fields(caller.requireTenant(), from, to));
  }

  private Fields fields(String tenant, String from, String to) {
    long started = System.nanoTime();
    EventFilter filter = filters.parse(null, from, to);
    Fields answer;
    if (fanOut.distributed()) {
      ShardFanOut.Parts<Fields> parts = fanOut.ask(tenant, ShardFieldsResource.PATH,
          new ShardFieldsResource.Range(filter.fromMillis(), filter.toMillis()), Fields.class,
          () -> local(tenant, filter.fromMillis(), filter.toMillis()));
      answer = merge(parts.answers(), parts.missing());
    } else {
      answer = local(tenant, filter.fromMillis(), filter.toMillis());
    }
    return new Fields(answer.fields(), (System.nanoTime() - started) / 1_000_000,
        answer.partial(), answer.missing());
  }

  /**
   * The fields of several nodes by name: types joined, events added up, distinct values the most
   * one node counted (a value held by several nodes is one value; the true number lies between
   * that and their sum).
   */
  static Fields merge(List<Fields> parts, List<MissingNode> missing) {
    TreeMap<String, Field> byName = new TreeMap<>();
    for (Fields part : parts) {
      for (Field field : part.fields()) {
        byName.merge(field.name(), field, (a, b) -> {
          Set<String> types = new TreeSet<>(a.types());
          types.addAll(b.types());
          Long distinct = a.distinct() == null ? b.distinct()
              : b.distinct() == null ? a.distinct()
              : Long.valueOf(Math.max(a.distinct(), b.distinct()));
          return new Field(a.name(), List.copyOf(types), distinct, a.events() + b.events());
        });
      }
    }
    return new Fields(List.copyOf(byName.values()), 0, !missing.isEmpty(),
        missing.isEmpty() ? null : List.copyOf(missing));
  }

  /** The fields of this node's indexes in the days of {@code [fromMillis, toMillis]}. */
  @AuditExempt("a node's part of a read another node records")
  public Fields local(String tenant, long fromMillis, long toMillis) {
    long started = System.nanoTime();
    EventFilter filter = new EventFilter(null, fromMillis, toMillis, toMillis);
    TreeMap<String, Stats> byName = new TreeMap<>();
    try (SearchableBuckets buckets = indexes.forSearch(tenant, filter.firstDay(), filter.lastDay())) {
      for (SearchableBucket bucket : buckets) {
        for (LeafReaderContext leaf : buckets.acquire(bucket).getIndexReader().leaves()) {
          add(leaf.reader(), byName);
        }
      }
      // Distinct values are counted while every searcher is still held.
      List<Field> fields = new ArrayList<>(byName.size());
      byName.forEach((name, stats) -> fields.add(stats.field(name)));
      return new Fields(fields, (System.nanoTime() - started) / 1_000_000);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void add(LeafReader reader, TreeMap<String, Stats> byName) throws IOException {
    for (FieldInfo info : reader.getFieldInfos()) {
      String name = info.name;
      if (INTERNAL.contains(name)) {
        continue;
      }
      if (name.equals(IndexSchema.TIMESTAMP)) {
        byName.computeIfAbsent(name, n -> new Stats()).add("date", TimeField.docCount(reader));
      } else if (name.endsWith(IndexSchema.NUMERIC_SUFFIX)) {
        PointValues points = reader.getPointValues(name);
        String field = name.substring(0, name.length() - IndexSchema.NUMERIC_SUFFIX.length());
        byName.computeIfAbsent(field, n -> new Stats()).add("number", points == null ? 0
            : points.getDocCount());
      } else if (info.getIndexOptions() != IndexOptions.NONE) {
        Terms terms = reader.terms(name);
        if (terms == null) {
          continue;
        }
        Stats stats = byName.computeIfAbsent(name, n -> new Stats());
        if (name.equals(EventFields.MESSAGE)) {
          stats.add("text", terms.getDocCount());
        } else {
          stats.add("keyword", terms.getDocCount());
          stats.addTerms(terms);
        }
      }
    }
  }

  /** What the segments say about one field. */
  private static final class Stats {
    final Set<String> types = new TreeSet<>();
    long events;
    long termSum;
    List<Terms> terms = new ArrayList<>();

    void add(String type, long docs) {
      types.add(type);
      events += docs;
    }

    void addTerms(Terms segmentTerms) throws IOException {
      termSum += segmentTerms.size();
      terms = termSum <= EXACT_DISTINCT ? terms : null;
      if (terms != null) {
        terms.add(segmentTerms);
      }
    }

    Field field(String name) {
      if (!types.contains("keyword")) {
        return new Field(name, List.copyOf(types), null, events);
      }
      return new Field(name, List.copyOf(types), distinct(), events);
    }

    private Long distinct() {
      if (terms == null) {
        return Math.min(termSum, events);
      }
      Set<BytesRef> values = new HashSet<>();
      try {
        for (Terms segmentTerms : terms) {
          TermsEnum te = segmentTerms.iterator();
          for (BytesRef term = te.next(); term != null; term = te.next()) {
            values.add(BytesRef.deepCopyOf(term));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return (long) values.size();
    }
  }

  /**
   * The answer: fields by name; {@code partial} when a node that holds indexes did not answer,
   * {@code missing} naming it.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Fields(List<Field> fields, @JsonProperty("took_ms") long tookMs, boolean partial,
      List<MissingNode> missing) {

    /** Fields every node answered for. */
    public Fields(List<Field> fields, long tookMs) {
      this(fields, tookMs, false, null);
    }
  }

  /**
   * One field: its types ({@code keyword}, {@code number}, {@code text}, {@code date}), its
   * approximate number of distinct values (keywords only) and the events that carry it.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Field(String name, List<String> types, Long distinct, long events) {}
}
