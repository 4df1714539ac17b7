package io.strata.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TermToBytesRefAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.InvertableType;
import org.apache.lucene.document.LongField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.IndexableFieldType;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.AutomatonQuery;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexOrDocValuesQuery;
import org.apache.lucene.search.IndexSortSortedNumericDocValuesRangeQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiPhraseQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PointRangeQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefBuilder;
import org.apache.lucene.util.NumericUtils;
import org.apache.lucene.util.automaton.ByteRunAutomaton;
import org.apache.lucene.util.automaton.CompiledAutomaton;

/**
 * Tells which of a list of Lucene queries match one document, without indexing it: retention
 * streams are chosen per event on the indexing path, where a MemoryIndex (an index built and
 * searched per event) would add several microseconds to the ~35 an event costs to index.
 *
 * <p>How: {@link #compile} gives every distinct leaf of the queries one bit (a term, a prefix,
 * wildcard, regexp or term range automaton, a point range). Evaluating a document reads its indexed
 * fields once, setting the bit of each leaf one of its values satisfies, then evaluates the
 * queries' boolean structure over the bits, in order, up to the first match. A tokenized field (the
 * message) is analysed only when a query reaches one of its leaves: tokenizing costs more than
 * everything else, and an event often matches, or fails, on its keywords first. With a
 * StandardAnalyzer it is not analysed either when its lowercased text contains none of the words
 * and prefixes the queries look for in it, which a substring search tells several times faster.
 *
 * <p>Matching is Lucene's, on the document as IndexWriter would index it with the same analyzer:
 * terms compare as the indexed bytes (a StringField's UTF-8 or binary value, the analyzer's
 * tokens), points as their sortable encoding, exact phrases on token positions; a BooleanQuery of
 * only MUST_NOT clauses matches nothing, and SHOULD clauses are optional next to MUST or FILTER
 * unless minimumNumberShouldMatch says otherwise. Doc values and stored fields are not looked at.
 *
 * <p>Supported: TermQuery, BooleanQuery, PhraseQuery without slop, SynonymQuery, AutomatonQuery
 * (PrefixQuery, WildcardQuery, RegexpQuery, TermRangeQuery), PointRangeQuery (DoublePoint,
 * LongPoint, IntPoint... ranges and exact values; LongField ranges through their point query),
 * MatchAllDocsQuery, MatchNoDocsQuery, and the BoostQuery, ConstantScoreQuery and
 * DisjunctionMaxQuery wrappers. Anything else is refused by {@link #compile} with an {@link
 * UnsupportedQueryException} naming the clause, notably fuzzy terms (Lucene keeps the terms of the
 * index closest to them, which one event cannot tell), sloppy phrases, phrases with alternatives,
 * and queries on doc values only.
 *
 * <p>Caution: immutable and thread-safe; evaluation state is per thread ({@link #newEvaluation}).
 * The analyzer must be the one the IndexWriter analyses tokenized fields with, or words and phrases
 * would match otherwise than in a search.
 */
public final class DocumentMatcher {

  private final Analyzer analyzer;
  private final FieldPlan[] fields;
  // Open addressing by name; HashMap's calls to Object.hashCode and equals, megamorphic across the
  // JVM, cost more than the lookups themselves, done for every field of every event.
  private final FieldPlan[] fieldTable;
  private final Node[] queries;
  private final int bitCount;

  private DocumentMatcher(Analyzer analyzer, FieldPlan[] fields, Node[] queries, int bitCount) {
    this.analyzer = analyzer;
    this.fields = fields;
    this.queries = queries;
    this.bitCount = bitCount;
    this.fieldTable = new FieldPlan[tableSize(fields.length)];
    for (FieldPlan field : fields) {
      int i = slot(field.name.hashCode(), fieldTable.length);
      while (fieldTable[i] != null) {
        i = (i + 1) & (fieldTable.length - 1);
      }
      fieldTable[i] = field;
    }
  }

  /**
   * Compiles {@code queries}, in priority order, once. Throws {@link UnsupportedQueryException}
   * naming the first clause that cannot be evaluated on a single document.
   */
  public static DocumentMatcher compile(List<? extends Query> queries, Analyzer analyzer) {
    Objects.requireNonNull(analyzer, "analyzer");
    Compiler compiler = new Compiler();
    Node[] nodes = new Node[queries.size()];
    for (int i = 0; i < nodes.length; i++) {
      compiler.queryIndex = i;
      nodes[i] = compiler.node(queries.get(i));
    }
    return new DocumentMatcher(analyzer, compiler.fieldPlans(analyzer), nodes, compiler.bits);
  }

  /** How many queries were compiled. */
  public int size() {
    return queries.length;
  }

  /** Reusable evaluation state for one thread. */
  public Evaluation newEvaluation() {
    return new Evaluation(this);
  }

  /** The index of the first query matching {@code document}, or -1 when none does. */
  public int firstMatch(Document document, Evaluation state) {
    state.load(this, document);
    try {
      for (int i = 0; i < queries.length; i++) {
        if (queries[i].matches(state)) {
          return i;
        }
      }
      return -1;
    } finally {
      state.release();
    }
  }

  /**
   * Whether query {@code i} matches {@code document}. Reads the document anew on every call: to
   * choose among the queries, {@link #firstMatch} reads it once.
   */
  public boolean matches(int i, Document document, Evaluation state) {
    Node query = queries[i];
    state.load(this, document);
    try {
      return query.matches(state);
    } finally {
      state.release();
    }
  }

  /** A power of two with room to spare, so that a probe always reaches an empty slot. */
  private static int tableSize(int entries) {
    return Integer.highestOneBit(entries * 2 + 1) << 1;
  }

  private static int slot(int hash, int tableSize) {
    return (hash ^ (hash >>> 16)) & (tableSize - 1);
  }

  /** The leaves of field {@code name}, or null when no query reads the field. */
  private FieldPlan field(String name) {
    FieldPlan[] table = fieldTable;
    for (int i = slot(name.hashCode(), table.length); ; i = (i + 1) & (table.length - 1)) {
      FieldPlan field = table[i];
      if (field == null || field.name == name || field.name.equals(name)) {
        return field;
      }
    }
  }

  /** A query the matcher cannot evaluate on a single document; the message names the clause. */
  public static final class UnsupportedQueryException extends IllegalArgumentException {

    private final int queryIndex;
    private final String clause;

    UnsupportedQueryException(int queryIndex, String clause, String message) {
      super(message);
      this.queryIndex = queryIndex;
      this.clause = clause;
    }

    /** The position of the refused query in the list given to {@link #compile}. */
    public int queryIndex() {
      return queryIndex;
    }

    /** The refused clause, as Lucene prints it. */
    public String clause() {
      return clause;
    }
  }

  /**
   * What one thread needs to evaluate documents: the leaf bits of the current document, its
   * tokenized values not analysed yet, token positions for phrases, scratch bytes. Reused from
   * event to event so that evaluation allocates nothing.
   */
  public static final class Evaluation {

    private final DocumentMatcher matcher;
    private final long[] bits;
    private final IndexableField[][] pending;
    private final int[] pendingCount;
    private final Positions[] positions;
    private final BytesRefBuilder utf8 = new BytesRefBuilder();
    private final BytesRef longPoint = new BytesRef(new byte[Long.BYTES]);
    private final StringBuilder lowercase = new StringBuilder();

    private Evaluation(DocumentMatcher matcher) {
      this.matcher = matcher;
      this.bits = new long[(matcher.bitCount + 63) >>> 6];
      int slots = matcher.fields.length;
      this.pending = new IndexableField[slots][1];
      this.pendingCount = new int[slots];
      this.positions = new Positions[slots];
      for (FieldPlan field : matcher.fields) {
        if (field.positions) {
          positions[field.slot] = new Positions();
        }
      }
    }

    private void load(DocumentMatcher owner, Document document) {
      if (owner != matcher) {
        throw new IllegalArgumentException("The evaluation belongs to another matcher");
      }
      Arrays.fill(bits, 0L);
      for (Positions field : positions) {
        if (field != null) {
          field.count = 0;
        }
      }
      for (IndexableField field : document) {
        FieldPlan plan = matcher.field(field.name());
        if (plan == null) {
          continue;
        }
        IndexableFieldType type = field.fieldType();
        if (type.indexOptions() != IndexOptions.NONE) {
          // The same choice as IndexWriter's indexing chain: binary terms as they are, tokenized
          // text through the analyzer, any other text as its UTF-8 bytes.
          if (field.invertableType() == InvertableType.BINARY) {
            plan.term(field.binaryValue(), -1, this);
          } else if (type.tokenized()) {
            defer(plan.slot, field);
          } else if (field.stringValue() != null) {
            utf8.copyChars(field.stringValue());
            plan.term(utf8.get(), -1, this);
          } else {
            plan.term(field.binaryValue(), -1, this);
          }
        }
        if (type.pointDimensionCount() != 0 && plan.points.length != 0) {
          plan.point(packedValue(field), this);
        }
      }
    }

    /** Drops the references to the document's values, which would otherwise outlive it. */
    private void release() {
      for (int slot = 0; slot < pendingCount.length; slot++) {
        if (pendingCount[slot] != 0) {
          Arrays.fill(pending[slot], 0, pendingCount[slot], null);
          pendingCount[slot] = 0;
        }
      }
    }

    private BytesRef packedValue(IndexableField field) {
      if (field instanceof LongField) {
        // LongField encodes its point into a new array on every binaryValue().
        NumericUtils.longToSortableBytes(field.numericValue().longValue(), longPoint.bytes, 0);
        return longPoint;
      }
      return field.binaryValue();
    }

    private void defer(int slot, IndexableField field) {
      int count = pendingCount[slot];
      if (count == pending[slot].length) {
        pending[slot] = Arrays.copyOf(pending[slot], count * 2);
      }
      pending[slot][count] = field;
      pendingCount[slot] = count + 1;
    }

    void set(int bit) {
      bits[bit >>> 6] |= 1L << bit;
    }

    boolean isSet(int bit) {
      return (bits[bit >>> 6] & (1L << bit)) != 0;
    }

    /** Analyses the tokenized values of field {@code slot} when a leaf first reads them. */
    void ensureAnalyzed(int slot) {
      if (pendingCount[slot] != 0) {
        analyze(slot);
      }
    }

    private void analyze(int slot) {
      FieldPlan plan = matcher.fields[slot];
      IndexableField[] values = pending[slot];
      if (plan.needles != null && !containsNeedle(plan.needles, values, pendingCount[slot])) {
        // No token can be one of the field's terms or start with one of its prefixes: its leaves
        // stay false.
        Arrays.fill(values, 0, pendingCount[slot], null);
        pendingCount[slot] = 0;
        return;
      }
      Analyzer analyzer = matcher.analyzer;
      // Positions as IndexWriter counts them: from -1, by each token's increment, with the
      // analyzer's gap between the values of a multi-valued field.
      int position = -1;
      for (int v = 0; v < pendingCount[slot]; v++) {
        IndexableField field = values[v];
        values[v] = null;
        if (v > 0) {
          position += analyzer.getPositionIncrementGap(plan.name);
        }
        String text = field.stringValue();
        if (text == null) {
          // A Reader or TokenStream value can be read once only, and IndexWriter needs it.
          throw new IllegalArgumentException("Field " + plan.name
              + " is tokenized from a Reader or TokenStream; the matcher needs its text");
        }
        try (TokenStream stream = analyzer.tokenStream(plan.name, text)) {
          TermToBytesRefAttribute term = stream.getAttribute(TermToBytesRefAttribute.class);
          PositionIncrementAttribute increment =
              stream.addAttribute(PositionIncrementAttribute.class);
          stream.reset();
          while (stream.incrementToken()) {
            position += increment.getPositionIncrement();
            plan.term(term.getBytesRef(), position, this);
          }
          stream.end();
          position += increment.getPositionIncrement();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      pendingCount[slot] = 0;
    }

    /**
     * Whether one of the values, lowercased as LowerCaseFilter does (by code point), contains one
     * of the needles: several times cheaper than tokenizing, and most messages hold none.
     */
    private boolean containsNeedle(String[] needles, IndexableField[] values, int count) {
      for (int v = 0; v < count; v++) {
        String text = values[v].stringValue();
        if (text == null) {
          return true;
        }
        lowercase.setLength(0);
        for (int i = 0; i < text.length(); ) {
          char c = text.charAt(i);
          if (c < 0x80) {
            lowercase.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
            i++;
          } else {
            int codePoint = text.codePointAt(i);
            lowercase.appendCodePoint(Character.toLowerCase(codePoint));
            i += Character.charCount(codePoint);
          }
        }
        for (String needle : needles) {
          if (lowercase.indexOf(needle) >= 0) {
            return true;
          }
        }
      }
      return false;
    }
  }

  /** The known terms of one field found in a document, with their positions, in token order. */
  private static final class Positions {
    int[] bits = new int[16];
    int[] positions = new int[16];
    int count;

    void add(int bit, int position) {
      if (count == bits.length) {
        bits = Arrays.copyOf(bits, count * 2);
        positions = Arrays.copyOf(positions, count * 2);
      }
      bits[count] = bit;
      positions[count] = position;
      count++;
    }

    /** Whether the terms of {@code phraseBits} occur at {@code offsets} from a common start. */
    boolean phrase(int[] phraseBits, int[] offsets) {
      for (int j = 0; j < count; j++) {
        if (bits[j] != phraseBits[0]) {
          continue;
        }
        int i = 1;
        while (i < phraseBits.length && has(phraseBits[i], positions[j] + offsets[i])) {
          i++;
        }
        if (i == phraseBits.length) {
          return true;
        }
      }
      return false;
    }

    private boolean has(int bit, int position) {
      // Positions never decrease (IndexWriter refuses negative increments): binary search.
      int low = 0;
      int high = count;
      while (low < high) {
        int mid = (low + high) >>> 1;
        if (positions[mid] < position) {
          low = mid + 1;
        } else {
          high = mid;
        }
      }
      for (int k = low; k < count && positions[k] == position; k++) {
        if (bits[k] == bit) {
          return true;
        }
      }
      return false;
    }
  }

  /** The leaves of one field: its terms, automata and point ranges, each with its bit. */
  private static final class FieldPlan {
    final String name;
    final int slot;
    final TermTable terms;
    // Per pattern, an automaton or else a prefix: most patterns are prefixes ("web-*"), and
    // comparing bytes is cheaper than running their automaton.
    final ByteRunAutomaton[] automata;
    final byte[][] prefixes;
    final int[] automatonBits;
    final PointRange[] points;
    final int[] pointBits;
    final boolean positions;
    // Null, or one of these must be in the lowercased text for analysis to find any leaf.
    final String[] needles;

    FieldPlan(String name, int slot, Map<BytesRef, Integer> terms, List<ByteRunAutomaton> automata,
        List<byte[]> prefixes, List<Integer> automatonBits, List<PointRange> points,
        List<Integer> pointBits, boolean positions, String[] needles) {
      this.name = name;
      this.slot = slot;
      this.terms = new TermTable(terms);
      this.automata = automata.toArray(ByteRunAutomaton[]::new);
      this.prefixes = prefixes.toArray(byte[][]::new);
      this.automatonBits = automatonBits.stream().mapToInt(Integer::intValue).toArray();
      this.points = points.toArray(PointRange[]::new);
      this.pointBits = pointBits.stream().mapToInt(Integer::intValue).toArray();
      this.positions = positions;
      this.needles = needles;
    }

    /** Sets the bits of the leaves that {@code term} satisfies; position -1 when not tokenized. */
    void term(BytesRef term, int position, Evaluation state) {
      int bit = terms.get(term);
      if (bit >= 0) {
        state.set(bit);
        if (position >= 0 && positions) {
          state.positions[slot].add(bit, position);
        }
      }
      for (int i = 0; i < automata.length; i++) {
        int automatonBit = automatonBits[i];
        if (!state.isSet(automatonBit) && (automata[i] == null
            ? startsWith(term, prefixes[i])
            : automata[i].run(term.bytes, term.offset, term.length))) {
          state.set(automatonBit);
        }
      }
    }

    private static boolean startsWith(BytesRef term, byte[] prefix) {
      return term.length >= prefix.length && Arrays.equals(term.bytes, term.offset,
          term.offset + prefix.length, prefix, 0, prefix.length);
    }

    void point(BytesRef packed, Evaluation state) {
      for (int i = 0; i < points.length; i++) {
        if (!state.isSet(pointBits[i]) && points[i].contains(packed)) {
          state.set(pointBits[i]);
        }
      }
    }
  }

  /** Open addressing from a term's bytes to its bit, for the reason of the field table. */
  private static final class TermTable {
    private final byte[][] terms;
    private final int[] bits;

    TermTable(Map<BytesRef, Integer> bitsOfTerms) {
      terms = new byte[bitsOfTerms.isEmpty() ? 0 : tableSize(bitsOfTerms.size())][];
      bits = new int[terms.length];
      bitsOfTerms.forEach((term, bit) -> {
        int i = slot(hash(term.bytes, term.offset, term.length), terms.length);
        while (terms[i] != null) {
          i = (i + 1) & (terms.length - 1);
        }
        terms[i] = BytesRef.deepCopyOf(term).bytes;
        bits[i] = bit;
      });
    }

    /** The bit of {@code term}, or -1. */
    int get(BytesRef term) {
      if (terms.length == 0) {
        return -1;
      }
      byte[] bytes = term.bytes;
      int from = term.offset;
      int to = from + term.length;
      for (int i = slot(hash(bytes, from, term.length), terms.length); ;
          i = (i + 1) & (terms.length - 1)) {
        byte[] candidate = terms[i];
        if (candidate == null) {
          return -1;
        }
        if (Arrays.equals(candidate, 0, candidate.length, bytes, from, to)) {
          return bits[i];
        }
      }
    }

    private static int hash(byte[] bytes, int offset, int length) {
      int hash = length;
      for (int i = offset; i < offset + length; i++) {
        hash = 31 * hash + bytes[i];
      }
      return hash;
    }
  }

  /** The bounds of a PointRangeQuery, whose getters copy them on every call. */
  private record PointRange(int dimensions, int width, byte[] lower, byte[] upper) {

    PointRange(PointRangeQuery query) {
      this(query.getNumDims(), query.getBytesPerDim(), query.getLowerPoint(),
          query.getUpperPoint());
    }

    /** Lucene's test: every dimension within its bounds, comparing sortable bytes. */
    boolean contains(BytesRef packed) {
      if (packed.length != dimensions * width) {
        return false;
      }
      for (int from = 0; from < packed.length; from += width) {
        int at = packed.offset + from;
        int end = at + width;
        if (Arrays.compareUnsigned(packed.bytes, at, end, lower, from, from + width) < 0
            || Arrays.compareUnsigned(packed.bytes, at, end, upper, from, from + width) > 0) {
          return false;
        }
      }
      return true;
    }
  }

  /** A compiled query: its boolean structure over the leaf bits. */
  private abstract static class Node {
    static final Node TRUE = new Node() {
      @Override
      boolean matches(Evaluation state) {
        return true;
      }
    };
    static final Node FALSE = new Node() {
      @Override
      boolean matches(Evaluation state) {
        return false;
      }
    };

    abstract boolean matches(Evaluation state);
  }

  private static final class Leaf extends Node {
    private final int slot;
    private final int bit;

    Leaf(int slot, int bit) {
      this.slot = slot;
      this.bit = bit;
    }

    @Override
    boolean matches(Evaluation state) {
      state.ensureAnalyzed(slot);
      return state.isSet(bit);
    }
  }

  private static final class Phrase extends Node {
    private final int slot;
    private final int[] bits;
    private final int[] offsets;

    Phrase(int slot, int[] bits, int[] offsets) {
      this.slot = slot;
      this.bits = bits;
      this.offsets = offsets;
    }

    @Override
    boolean matches(Evaluation state) {
      state.ensureAnalyzed(slot);
      for (int bit : bits) {
        if (!state.isSet(bit)) {
          return false;
        }
      }
      return state.positions[slot].phrase(bits, offsets);
    }
  }

  private static final class Bool extends Node {
    private final Node[] required;
    private final Node[] excluded;
    private final Node[] optional;
    private final int minOptional;

    Bool(List<Node> required, List<Node> excluded, List<Node> optional, int minOptional) {
      this.required = required.toArray(Node[]::new);
      this.excluded = excluded.toArray(Node[]::new);
      this.optional = optional.toArray(Node[]::new);
      this.minOptional = minOptional;
    }

    @Override
    boolean matches(Evaluation state) {
      for (Node node : required) {
        if (!node.matches(state)) {
          return false;
        }
      }
      for (Node node : excluded) {
        if (node.matches(state)) {
          return false;
        }
      }
      int missing = minOptional;
      for (int i = 0; i < optional.length && missing > 0; i++) {
        if (optional.length - i < missing) {
          return false;
        }
        if (optional[i].matches(state)) {
          missing--;
        }
      }
      return missing == 0;
    }
  }

  /** Turns queries into nodes, collecting the leaves per field. */
  private static final class Compiler {
    private final Map<String, Builder> fields = new LinkedHashMap<>();
    // Equal automata and point ranges share a bit, as equal terms do.
    private final Map<Query, Integer> leafBits = new HashMap<>();
    int bits;
    int queryIndex;

    private static final class Builder {
      final int slot;
      final Map<BytesRef, Integer> terms = new HashMap<>();
      final List<ByteRunAutomaton> automata = new ArrayList<>();
      final List<byte[]> prefixes = new ArrayList<>();
      final List<Integer> automatonBits = new ArrayList<>();
      final List<PointRange> points = new ArrayList<>();
      final List<Integer> pointBits = new ArrayList<>();
      boolean positions;

      Builder(int slot) {
        this.slot = slot;
      }
    }

    FieldPlan[] fieldPlans(Analyzer analyzer) {
      List<FieldPlan> plans = new ArrayList<>();
      fields.forEach((name, b) -> plans.add(new FieldPlan(name, b.slot, b.terms, b.automata,
          b.prefixes, b.automatonBits, b.points, b.pointBits, b.positions,
          analyzer instanceof StandardAnalyzer ? needles(b) : null)));
      return plans.toArray(FieldPlan[]::new);
    }

    /**
     * What the lowercased text of a field must contain for one of its terms or prefixes to be a
     * token: a StandardAnalyzer token is a lowercased piece of the text (StandardTokenizer, then
     * LowerCaseFilter, then StopFilter, which only drops tokens). Null when a pattern other than a
     * prefix reads the field, or a term is not whole UTF-8, which no substring can stand for.
     */
    private static String[] needles(Builder field) {
      List<BytesRef> wanted = new ArrayList<>(field.terms.keySet());
      for (int i = 0; i < field.automata.size(); i++) {
        if (field.automata.get(i) != null) {
          return null;
        }
        wanted.add(new BytesRef(field.prefixes.get(i)));
      }
      String[] needles = new String[wanted.size()];
      for (int i = 0; i < needles.length; i++) {
        BytesRef bytes = wanted.get(i);
        try {
          needles[i] = StandardCharsets.UTF_8.newDecoder()
              .decode(ByteBuffer.wrap(bytes.bytes, bytes.offset, bytes.length)).toString();
        } catch (CharacterCodingException e) {
          return null;
        }
      }
      return needles;
    }

    private Builder field(String name) {
      return fields.computeIfAbsent(name, n -> new Builder(fields.size()));
    }

    Node node(Query query) {
      return switch (query) {
        case TermQuery q -> term(q.getTerm());
        case BooleanQuery q -> bool(q);
        case PhraseQuery q -> phrase(q);
        case AutomatonQuery q -> automaton(q);
        case PointRangeQuery q -> point(q);
        case MatchAllDocsQuery _ -> Node.TRUE;
        case MatchNoDocsQuery _ -> Node.FALSE;
        case BoostQuery q -> node(q.getQuery());
        case ConstantScoreQuery q -> node(q.getQuery());
        // LongField ranges: the point query matches the same documents as the doc-values ones.
        case IndexOrDocValuesQuery q -> node(q.getIndexQuery());
        case IndexSortSortedNumericDocValuesRangeQuery q -> node(q.getFallbackQuery());
        case DisjunctionMaxQuery q -> any(q.getDisjuncts().stream().map(this::node).toList());
        case SynonymQuery q -> any(q.getTerms().stream().map(this::term).toList());
        case FuzzyQuery q -> throw unsupported(q, "The fuzzy term " + q, "which terms it matches"
            + " depends on the other terms of the index");
        case MultiPhraseQuery q -> throw unsupported(q, "The phrase " + q, "phrases with"
            + " alternatives at a position are not supported");
        default -> throw unsupported(query, "The query " + query, query.getClass().getSimpleName()
            + " is not supported");
      };
    }

    private UnsupportedQueryException unsupported(Query clause, String what, String why) {
      return new UnsupportedQueryException(queryIndex, clause.toString(),
          what + " cannot be matched event by event: " + why + ".");
    }

    private Node term(Term term) {
      Builder field = field(term.field());
      int bit = field.terms.computeIfAbsent(BytesRef.deepCopyOf(term.bytes()), t -> bits++);
      return new Leaf(field.slot, bit);
    }

    private Node bool(BooleanQuery query) {
      List<Node> required = new ArrayList<>();
      List<Node> excluded = new ArrayList<>();
      List<Node> optional = new ArrayList<>();
      for (BooleanClause clause : query.clauses()) {
        Node node = node(clause.query());
        switch (clause.occur()) {
          case MUST, FILTER -> required.add(node);
          case MUST_NOT -> excluded.add(node);
          case SHOULD -> optional.add(node);
        }
      }
      int minShould = query.getMinimumNumberShouldMatch();
      // Lucene: only SHOULD clauses, none required, means at least one of them.
      int minOptional = minShould > 0 ? minShould : required.isEmpty() ? 1 : 0;
      if ((required.isEmpty() && optional.isEmpty()) || minOptional > optional.size()) {
        // Nothing to match (only MUST_NOT clauses, or none), or not enough SHOULD clauses.
        return Node.FALSE;
      }
      if (minOptional == 0) {
        optional.clear();
      }
      if (excluded.isEmpty() && optional.isEmpty() && required.size() == 1) {
        return required.getFirst();
      }
      if (excluded.isEmpty() && required.isEmpty() && optional.size() == 1) {
        return optional.getFirst();
      }
      return new Bool(required, excluded, optional, minOptional);
    }

    private Node any(List<Node> nodes) {
      return switch (nodes.size()) {
        case 0 -> Node.FALSE;
        case 1 -> nodes.getFirst();
        default -> new Bool(List.of(), List.of(), nodes, 1);
      };
    }

    private Node phrase(PhraseQuery query) {
      Term[] terms = query.getTerms();
      if (query.getSlop() != 0 && terms.length > 1) {
        throw unsupported(query, "The proximity phrase " + query, "use an exact phrase, or the"
            + " words with AND");
      }
      if (terms.length == 0) {
        return Node.FALSE;
      }
      if (terms.length == 1) {
        return term(terms[0]);
      }
      Builder field = field(query.getField());
      field.positions = true;
      int[] positions = query.getPositions();
      int[] phraseBits = new int[terms.length];
      int[] offsets = new int[terms.length];
      for (int i = 0; i < terms.length; i++) {
        phraseBits[i] = ((Leaf) term(terms[i])).bit;
        offsets[i] = positions[i] - positions[0];
      }
      return new Phrase(field.slot, phraseBits, offsets);
    }

    private Node automaton(AutomatonQuery query) {
      CompiledAutomaton compiled = query.getCompiled();
      return switch (compiled.type) {
        case NONE -> Node.FALSE;
        case SINGLE -> term(new Term(query.getField(), compiled.term));
        case ALL -> pattern(query, null, new byte[0]);
        case NORMAL -> {
          if (query instanceof PrefixQuery prefix) {
            yield pattern(query, null, BytesRef.deepCopyOf(prefix.getPrefix().bytes()).bytes);
          }
          if (compiled.runAutomaton == null) {
            throw unsupported(query, "The pattern " + query, "its automaton is not"
                + " deterministic");
          }
          yield pattern(query, compiled.runAutomaton, null);
        }
      };
    }

    private Node pattern(AutomatonQuery query, ByteRunAutomaton automaton, byte[] prefix) {
      Builder field = field(query.getField());
      Integer bit = leafBits.get(query);
      if (bit == null) {
        bit = bits++;
        leafBits.put(query, bit);
        field.automata.add(automaton);
        field.prefixes.add(prefix);
        field.automatonBits.add(bit);
      }
      return new Leaf(field.slot, bit);
    }

    private Node point(PointRangeQuery query) {
      Builder field = field(query.getField());
      Integer bit = leafBits.get(query);
      if (bit == null) {
        bit = bits++;
        leafBits.put(query, bit);
        field.points.add(new PointRange(query));
        field.pointBits.add(bit);
      }
      return new Leaf(field.slot, bit);
    }
  }
}
