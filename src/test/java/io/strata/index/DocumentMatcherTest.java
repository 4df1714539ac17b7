package io.strata.index;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.pipeline.EventNormalizer;
import io.strata.search.TestEventQueries;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.Field.Store;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.SortedNumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiPhraseQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The matcher must agree with Lucene: the same events, laid out by the real normaliser and document
 * builder, are both matched and indexed, and every query's hits are compared with the matcher's
 * answers, event by event.
 */
class DocumentMatcherTest {

  private static final long NOW = Instant.parse("2024-05-01T10:30:00Z").toEpochMilli();

  private static final List<String> JSON = List.of(
      "{'@timestamp':'2024-05-01T10:00:00Z','level':'error','service':'payments','host':'web-1',"
          + "'environment':'prod','message':'Payment declined for order 42',"
          + "'http':{'status':502,'method':'POST'},'duration_ms':812,"
          + "'trace_id':'4bf92f3577b34da6a3ce929d0e0e4736'}",
      "{'@timestamp':'2024-05-01T10:05:00Z','level':'info','service':'checkout','host':'web-2',"
          + "'environment':'prod','message':'Order placed','http':{'status':200,'method':'GET'},"
          + "'duration_ms':120,'tags':['beta']}",
      // A status sent as a string: a term, not a point.
      "{'@timestamp':'2024-05-01T09:00:00Z','level':'warn','service':'cart',"
          + "'msg':'Slow response from inventory','http':{'status':'503'},'duration_ms':250,"
          + "'host':'web-11'}",
      "{'ts':1714557600,'severity':'ERR','service':{'name':'auth'},"
          + "'message':'Connection refused to db-1:5432','user':{'id':'u-17'},'tags':['beta','eu'],"
          + "'traceId':'4BF92F3577B34DA6A3CE929D0E0E4736'}",
      "{'@timestamp':'2024-05-01T10:20:00Z','level':'info','stream':'audit','service':'iam',"
          + "'message':'user u-17 logged in','user':{'id':'u-17'},'request_id':'req-7f3a'}",
      "{'@timestamp':'2024-05-01T10:21:00Z','level':'debug','service':'payments-gateway',"
          + "'host':'api-1','message':'payment payment declined','span_id':'00f067aa0ba902b7',"
          + "'cached':true}",
      "{'@timestamp':'2024-05-01T10:22:00Z','level':'fatal','service':'checkout','host':'web-1',"
          + "'environment':'staging','message':'NullPointerException at "
          + "com.acme.Checkout.pay(Checkout.java:42)','http':{'status':500}}",
      "{'@timestamp':'2024-05-01T10:23:00Z','level':'error','service':'auth','environment':'prod',"
          + "'message':'Timeout while calling payments-service','duration_ms':30000.5,"
          + "'region':'eu-west-1'}",
      "{'@timestamp':'2024-05-01T10:24:00Z','level':'warn','service':'search','host':'search-3',"
          + "'message':'Retrying request 3 of 5','http':{'status':429},'region':'us-east-1'}",
      "{'@timestamp':'2024-05-01T10:25:00Z','level':'info','service':'zahlungsdienst-ü',"
          + "'message':'Élan café naïve façade','tags':'eu'}",
      "{'@timestamp':'2024-05-01T10:26:00Z','level':'info','service':'checkout','host':'web-10',"
          + "'message':'order placed order declined','http':{'status':201},'duration_ms':0.25}",
      "{'@timestamp':'2024-05-01T10:27:00Z','level':'error','service':'payments','host':'web-2',"
          + "'environment':'prod','message':'Card declined','http':{'status':402},"
          + "'request_id':'6ba7b810-9dad-11d1-80b4-00c04fd430c8'}",
      "{'@timestamp':'2024-05-01T10:28:00Z','stream':'audit','service':'billing',"
          + "'message':'Invoice 2024-0042 created','cached':false,'user':{'id':'admin-1'}}",
      "{'@timestamp':'2024-05-01T10:29:00Z','level':'trace','service':'inventory','host':'batch-1',"
          + "'message':'Stock level checked for sku A-100',"
          + "'http':{'status':404,'method':'DELETE'},'duration_ms':-3}",
      "{'@timestamp':'2024-05-01T08:00:00Z','level':'error','service':'inventory','host':'batch-2',"
          + "'environment':'prod','message':'Disk usage at 91% on /var','region':'ap-southeast-2'}",
      "{'@timestamp':'2024-04-30T10:00:00Z','level':'info','service':'auth',"
          + "'message':'Connection refused','tags':['pii']}",
      "{'@timestamp':'2024-05-01T10:10:00Z','level':'warning','service':'notifications',"
          + "'message':'Email queue is growing','queue':{'depth':1500}}",
      "{'@timestamp':'2024-05-01T10:11:00Z','level':'info','service':'notifications',"
          + "'message':'Email sent','http':{'status':'OK'}}",
      "{'@timestamp':'2024-05-01T10:12:00Z','level':'error','service':'cart','host':'web-1a',"
          + "'message':'Cart not found','trace_id':'not-a-hex-id','http':{'status':404}}",
      "{'@timestamp':'2024-05-01T10:13:00Z','level':3,'service':'legacy',"
          + "'message':'syslog severity three','http':{'status':503.0}}",
      "{'@timestamp':'2024-05-01T10:14:00Z','level':'info','service':'payments',"
          + "'environment':'prod','message':'Payment accepted for order 43',"
          + "'http':{'status':200},'duration_ms':95}",
      "{'@timestamp':'2024-05-01T10:15:00Z','service':'search','message':'','host':'search-1'}",
      "{'@timestamp':'2024-05-01T10:16:00Z','level':'info','service':'checkout',"
          + "'message':'Order placed','tags':['beta','eu','pii'],'environment':'staging'}",
      "{'@timestamp':'2024-05-01T10:17:00Z','level':'error','stream':'audit','service':'iam',"
          + "'message':'Permission denied for user admin-2','user':{'id':'admin-2'}}",
      // Several values of one numeric field: several points.
      "{'@timestamp':'2024-05-01T10:19:00Z','level':'info','service':'api','host':'web-1',"
          + "'http':{'status':[200,503]},'message':'two statuses'}",
      "{'@timestamp':'2024-05-01T10:30:00Z','level':'info','service':'payments','host':'web-12',"
          + "'message':'Declined declined DECLINED','duration_ms':1e3}",
      "{'@timestamp':'2024-05-01T10:31:00Z','level':'info','service':'a','message':'start'}",
      // Letters that lowercase across scripts: dotted capital I, the Kelvin sign, Deseret.
      "{'@timestamp':'2024-05-01T10:32:00Z','level':'info','service':'a',"
          + "'message':'CAFÉ \u0130STANBUL \u212Aelvin \uD801\uDC00\uD801\uDC01 Timeout'}");

  private static final List<String> TEXT = List.of(
      "2024-05-01T10:18:00Z ERROR [main] Connection refused to payments-service",
      "Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; logname= uid=0",
      "83.149.9.216 - - [17/May/2015:10:05:03 +0000] \"GET /presentations/kibana-search.png "
          + "HTTP/1.1\" 200 203023");

  /** Selectors as users write them, parsed as search parses them. */
  private static final List<String> SELECTORS = List.of(
      "service:payments OR stream:audit",
      "level:ERROR AND http.status:>=500",
      "host:web-*",
      "host:web-1*",
      "declined",
      "DECLINED card",
      "\"order placed\"",
      "\"placed order\"",
      "\"payment declined\"",
      "\"connection refused to db\"",
      "\"Retrying request\"",
      "payments-service",
      "level:error OR level:warn",
      "service:checkout -level:error",
      "NOT level:info",
      "-service:checkout",
      "*:*",
      "",
      "http.status:502",
      "http.status:503",
      "http.status:OK",
      "http.status:[500 TO 599]",
      "http.status:{200 TO 503}",
      "http.status:<300 AND http.method:GET",
      "duration_ms:>=250",
      "duration_ms:<0.5",
      "duration_ms:[95 TO 1000]",
      "queue.depth:>1000",
      "@timestamp:[now-1h TO now]",
      "@timestamp:{now-30m TO now]",
      "@timestamp:<2024-05-01T09:30:00Z",
      "tags:beta AND tags:eu",
      "tags:pii OR tags:eu",
      "trace_id:4bf92f3577b34da6a3ce929d0e0e4736",
      "trace_id:4BF9*",
      "trace_id:not-a-*",
      "request_id:req-*",
      "request_id:6ba7b810-9dad-11d1-80b4-00c04fd430c8",
      "request_id:6ba7*",
      "span_id:00f067aa0ba902b7",
      "service:/pay.*/",
      "host:web-?",
      "host:web-1?",
      "message:pay*",
      "message:*ment",
      "message:/time.*/",
      "service:[a TO c]",
      "service:{a TO checkout]",
      "cached:true",
      "cached:false OR cached:true",
      "user.id:u-17 AND (level:error OR level:fatal)",
      "service:*",
      "environment:*",
      "environment:prod AND NOT (host:web-1 OR host:web-2)",
      "(service:payments AND level:ERROR) OR (service:auth AND message:refused)",
      "service:zahlungsdienst-ü",
      "café",
      "istanbul OR kelvin",
      "\uD801\uDC28\uD801\uDC29",
      "\"kelvin \uD801\uDC00\uD801\uDC01\"",
      "level_original:ERR",
      "level:FATAL",
      "level:3",
      "stream:audit AND -user.id:*",
      "region:eu-west-1 OR region:us-east-1 OR region:ap-southeast-2",
      "authentication failure",
      "kibana",
      "service:search AND host:search-*",
      "nothing-matches-this");

  /** Shapes the parser does not produce, built directly. */
  private static List<Query> builtQueries() {
    Query payments = term("service", "payments");
    Query error = term("level", "ERROR");
    Query web1 = term("host", "web-1");
    return List.of(
        new BooleanQuery.Builder().add(payments, Occur.SHOULD).add(error, Occur.SHOULD)
            .add(web1, Occur.SHOULD).setMinimumNumberShouldMatch(2).build(),
        new BooleanQuery.Builder().add(error, Occur.MUST).add(payments, Occur.SHOULD)
            .add(web1, Occur.SHOULD).setMinimumNumberShouldMatch(1).build(),
        // SHOULD clauses next to a MUST are optional.
        new BooleanQuery.Builder().add(error, Occur.MUST).add(payments, Occur.SHOULD).build(),
        new BooleanQuery.Builder().add(error, Occur.FILTER).add(web1, Occur.MUST_NOT).build(),
        new BooleanQuery.Builder().add(payments, Occur.SHOULD).setMinimumNumberShouldMatch(2)
            .build(),
        new BooleanQuery.Builder().build(),
        // A nested query of only MUST_NOT clauses matches nothing, so neither does this.
        new BooleanQuery.Builder().add(payments, Occur.MUST)
            .add(new BooleanQuery.Builder().add(error, Occur.MUST_NOT).build(), Occur.MUST)
            .build(),
        new MatchNoDocsQuery(),
        new ConstantScoreQuery(error),
        new BoostQuery(payments, 3f),
        new DisjunctionMaxQuery(List.of(payments, web1), 0.1f),
        new SynonymQuery.Builder("message").addTerm(new Term("message", "order"))
            .addTerm(new Term("message", "card")).build(),
        // Positions with a gap, as when a stop word was removed: "declined ? order".
        new PhraseQuery.Builder().add(new Term("message", "declined"), 0)
            .add(new Term("message", "order"), 2).build(),
        new PhraseQuery("message", "payment", "payment"),
        new PhraseQuery("message", "declined", "declined", "declined"),
        new PhraseQuery(3, "message", "declined"),
        new PhraseQuery("message", "order", "declined"),
        LongPoint.newRangeQuery("@timestamp", NOW - 600_000, NOW),
        DoublePoint.newRangeQuery("http.status#num", 400, 499.5),
        DoublePoint.newExactQuery("duration_ms#num", -3),
        TermRangeQuery.newStringRange("host", "batch", "search-2", true, false),
        new TermQuery(new Term("trace_id", IdTerms.encode("4bf92f3577b34da6a3ce929d0e0e4736"))),
        term("message", "Declined"));
  }

  private static Query term(String field, String value) {
    return new TermQuery(new Term(field, value));
  }

  private static List<Query> allQueries() {
    List<Query> queries = new ArrayList<>();
    for (String selector : SELECTORS) {
      queries.add(TestEventQueries.parse(selector, NOW));
    }
    queries.addAll(builtQueries());
    return queries;
  }

  private interface DocumentConsumer {
    void accept(int event, Document document) throws IOException;
  }

  /** Documents to compare on, each with a distinct stored source; returns how many. */
  private interface DocumentSource {
    int forEach(DocumentConsumer consumer) throws IOException;
  }

  /** The events, each as the document builder lays it out, fed to {@code consumer}. */
  private static int forEachDocument(DocumentConsumer consumer) throws IOException {
    EventNormalizer normalizer = new EventNormalizer();
    EventDocumentBuilder builder = new EventDocumentBuilder(256);
    int event = 0;
    for (String json : JSON) {
      add(normalizer, builder, EventNormalizer.KIND_JSON, json.replace('\'', '"'), event);
      consumer.accept(event++, builder.document());
    }
    for (String line : TEXT) {
      add(normalizer, builder, EventNormalizer.KIND_TEXT, line, event);
      consumer.accept(event++, builder.document());
    }
    return event;
  }

  private static void add(EventNormalizer normalizer, EventDocumentBuilder builder, byte kind,
      String event, int seq) throws IOException {
    byte[] bytes = event.getBytes(UTF_8);
    builder.begin(seq, kind, bytes, 0, bytes.length);
    normalizer.normalize(kind, bytes, 0, bytes.length, NOW, builder);
  }

  /**
   * For each query, the events it matches: {@code [0]} as Lucene finds them in an index of the
   * events, {@code [1]} as the matcher tells event by event.
   */
  private static List<List<Integer>>[] luceneAndMatcher(List<Query> queries)
      throws IOException {
    return luceneAndMatcher(queries, DocumentMatcherTest::forEachDocument);
  }

  private static List<List<Integer>>[] luceneAndMatcher(List<Query> queries,
      DocumentSource documents) throws IOException {
    Analyzer analyzer = new StandardAnalyzer();
    DocumentMatcher matcher = DocumentMatcher.compile(queries, analyzer);
    DocumentMatcher.Evaluation evaluation = matcher.newEvaluation();
    // Each query alone too: compiled together, queries share leaves, and one pattern on the
    // message turns off the cheap check for its words.
    List<DocumentMatcher> alone = new ArrayList<>();
    List<DocumentMatcher.Evaluation> aloneEvaluations = new ArrayList<>();
    for (Query query : queries) {
      alone.add(DocumentMatcher.compile(List.of(query), analyzer));
      aloneEvaluations.add(alone.getLast().newEvaluation());
    }
    List<List<Integer>> byMatcher = new ArrayList<>();
    List<List<Integer>> byLucene = new ArrayList<>();
    for (int i = 0; i < queries.size(); i++) {
      byMatcher.add(new ArrayList<>());
      byLucene.add(new ArrayList<>());
    }
    Map<String, Integer> eventOfSource = new HashMap<>();
    try (ByteBuffersDirectory directory = new ByteBuffersDirectory();
         IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
      int events = documents.forEach((event, document) -> {
        int first = -1;
        for (int i = 0; i < queries.size(); i++) {
          boolean matches = matcher.matches(i, document, evaluation);
          if (matches) {
            byMatcher.get(i).add(event);
            first = first < 0 ? i : first;
          }
          assertThat(alone.get(i).firstMatch(document, aloneEvaluations.get(i)) == 0)
              .as("%s alone on event %d", queries.get(i), event).isEqualTo(matches);
        }
        assertThat(matcher.firstMatch(document, evaluation)).as("first match of event %d", event)
            .isEqualTo(first);
        BytesRef source = document.getBinaryValue(IndexSchema.SOURCE);
        eventOfSource.put(source.utf8ToString(), event);
        // The same analyzer, on the same thread, right after the matcher used it.
        writer.addDocument(document);
      });
      try (DirectoryReader reader = DirectoryReader.open(writer)) {
        IndexSearcher searcher = new IndexSearcher(reader);
        StoredFields stored = searcher.storedFields();
        for (int i = 0; i < queries.size(); i++) {
          for (ScoreDoc hit : searcher.search(queries.get(i), events).scoreDocs) {
            String source = stored.document(hit.doc).getBinaryValue(IndexSchema.SOURCE)
                .utf8ToString();
            byLucene.get(i).add(eventOfSource.get(source));
          }
          byLucene.get(i).sort(null);
        }
      }
    }
    @SuppressWarnings("unchecked")
    List<List<Integer>>[] result = new List[] {byLucene, byMatcher};
    return result;
  }

  private static void assertAgree(List<Query> queries, List<List<Integer>>[] answers) {
    SoftAssertions softly = new SoftAssertions();
    for (int i = 0; i < queries.size(); i++) {
      softly.assertThat(answers[1].get(i)).as("events matching %s", queries.get(i))
          .isEqualTo(answers[0].get(i));
    }
    softly.assertAll();
  }

  @Test
  void agreesWithLuceneOnEveryQueryAndEvent() throws IOException {
    List<Query> queries = allQueries();
    List<List<Integer>>[] answers = luceneAndMatcher(queries);

    assertAgree(queries, answers);
    int events = JSON.size() + TEXT.size();
    long discriminating = answers[0].stream()
        .filter(hits -> !hits.isEmpty() && hits.size() < events).count();
    // Most queries must split the events, or agreeing would prove little.
    assertThat(discriminating).isGreaterThan(queries.size() * 3L / 4);
    // Words found only once lowercased beyond ASCII are found.
    for (String selector : List.of("café", "istanbul OR kelvin", "\uD801\uDC28\uD801\uDC29",
        "\"kelvin \uD801\uDC00\uD801\uDC01\"")) {
      assertThat(answers[0].get(SELECTORS.indexOf(selector))).as(selector)
          .contains(JSON.size() - 1);
    }
  }

  @Test
  void agreesWithLuceneOnRandomBooleanCombinations() throws IOException {
    List<Query> leaves = allQueries();
    Random random = new Random(20240501);
    List<Query> queries = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      queries.add(randomBoolean(random, leaves, 3));
    }
    assertAgree(queries, luceneAndMatcher(queries));
  }

  private static Query randomBoolean(Random random, List<Query> leaves, int depth) {
    BooleanQuery.Builder builder = new BooleanQuery.Builder();
    int clauses = 1 + random.nextInt(4);
    int shoulds = 0;
    for (int c = 0; c < clauses; c++) {
      Query clause = depth > 1 && random.nextInt(3) == 0
          ? randomBoolean(random, leaves, depth - 1)
          : leaves.get(random.nextInt(leaves.size()));
      Occur occur = Occur.values()[random.nextInt(Occur.values().length)];
      shoulds += occur == Occur.SHOULD ? 1 : 0;
      builder.add(clause, occur);
    }
    if (shoulds > 0 && random.nextInt(4) == 0) {
      builder.setMinimumNumberShouldMatch(1 + random.nextInt(shoulds + 1));
    }
    return builder.build();
  }

  /**
   * Field shapes the document builder does not make today: several values of a text field (a
   * phrase may span them, as positions run on), text indexed untokenized from a plain Field,
   * multi-dimensional points, LongPoint and LongField, binary terms.
   */
  @Test
  void agreesWithLuceneOnOtherFieldShapes() throws IOException {
    FieldType untokenized = new FieldType();
    untokenized.setIndexOptions(IndexOptions.DOCS);
    untokenized.setTokenized(false);
    untokenized.freeze();
    List<List<IndexableField>> documents = List.of(
        List.of(new TextField("text", "alpha beta", Store.NO),
            new TextField("text", "gamma delta", Store.NO),
            new Field("label", "Mixed Case", untokenized), new IntPoint("pair", 3, 7),
            new LongField("t", 5, Store.NO), new StringField("bin", new BytesRef(
                new byte[] {0, (byte) 0xff, 7}), Store.NO)),
        List.of(new TextField("text", "beta alpha", Store.NO),
            new Field("label", "mixed case", untokenized), new IntPoint("pair", 3, 11),
            new LongPoint("u", -5), new StringField("bin", new BytesRef(
                new byte[] {(byte) 0xff, 0}), Store.NO)),
        List.of(new TextField("text", "gamma alpha beta gamma", Store.NO),
            new IntPoint("pair", 6, 7), new IntPoint("pair", 0, 5), new LongField("t", 11,
                Store.NO)));
    List<Query> queries = List.of(
        new PhraseQuery("text", "beta", "gamma"),
        new PhraseQuery("text", "alpha", "beta"),
        new PhraseQuery("text", "gamma", "alpha", "beta", "gamma"),
        new WildcardQuery(new Term("text", "g*a")),
        new RegexpQuery(new Term("text", "(alpha|delta)")),
        term("label", "Mixed Case"),
        new PrefixQuery(new Term("label", "mixed")),
        IntPoint.newRangeQuery("pair", new int[] {0, 5}, new int[] {5, 10}),
        IntPoint.newRangeQuery("pair", new int[] {0, 0}, new int[] {10, 6}),
        LongField.newRangeQuery("t", 0, 10),
        LongPoint.newRangeQuery("u", Long.MIN_VALUE, 0),
        LongField.newExactQuery("t", 11),
        new TermQuery(new Term("bin", new BytesRef(new byte[] {0, (byte) 0xff, 7}))),
        new PrefixQuery(new Term("bin", new BytesRef(new byte[] {(byte) 0xff}))),
        TermRangeQuery.newStringRange("label", "M", "n", true, true));

    List<List<Integer>>[] answers = luceneAndMatcher(queries, consumer -> {
      for (int i = 0; i < documents.size(); i++) {
        Document document = new Document();
        documents.get(i).forEach(document::add);
        document.add(new StoredField(IndexSchema.SOURCE, new BytesRef("doc " + i)));
        consumer.accept(i, document);
      }
      return documents.size();
    });

    assertAgree(queries, answers);
    assertThat(answers[0].getFirst()).containsExactly(0, 2);
  }

  @Test
  void firstMatchFollowsThePriorityOrder() throws IOException {
    List<Query> queries = List.of(
        TestEventQueries.parse("service:checkout AND level:ERROR", NOW),
        TestEventQueries.parse("service:payments", NOW),
        TestEventQueries.parse("declined", NOW),
        TestEventQueries.parse("*:*", NOW));
    DocumentMatcher matcher = DocumentMatcher.compile(queries, new StandardAnalyzer());
    DocumentMatcher.Evaluation evaluation = matcher.newEvaluation();
    List<Integer> first = new ArrayList<>();
    forEachDocument((event, document) -> first.add(matcher.firstMatch(document, evaluation)));

    // payments (1) before declined (2); declined alone (2); neither (3).
    assertThat(first.get(0)).isEqualTo(1);
    assertThat(first.get(5)).isEqualTo(2);
    assertThat(first.get(1)).isEqualTo(3);
    // A fatal checkout event is not an ERROR one.
    assertThat(first.get(6)).isEqualTo(3);

    DocumentMatcher none = DocumentMatcher.compile(queries.subList(0, 1), new StandardAnalyzer());
    DocumentMatcher.Evaluation noneEvaluation = none.newEvaluation();
    forEachDocument((event, document) ->
        assertThat(none.firstMatch(document, noneEvaluation)).isEqualTo(-1));
    DocumentMatcher empty = DocumentMatcher.compile(List.of(), new StandardAnalyzer());
    forEachDocument((event, document) ->
        assertThat(empty.firstMatch(document, empty.newEvaluation())).isEqualTo(-1));
  }

  @Test
  void refusesQueriesItCannotMatchNamingTheClause() {
    Analyzer analyzer = new StandardAnalyzer();
    Query ok = TestEventQueries.parse("service:payments", NOW);

    assertThatThrownBy(() -> DocumentMatcher.compile(
        List.of(ok, TestEventQueries.parse("service:payments AND paymnt~", NOW)), analyzer))
        .isInstanceOfSatisfying(DocumentMatcher.UnsupportedQueryException.class, e -> {
          assertThat(e.queryIndex()).isEqualTo(1);
          assertThat(e.clause()).isEqualTo("message:paymnt~2");
          assertThat(e.getMessage()).isEqualTo("The fuzzy term message:paymnt~2 cannot be matched"
              + " event by event: which terms it matches depends on the other terms of the index.");
        });
    assertThatThrownBy(() -> DocumentMatcher.compile(
        List.of(TestEventQueries.parse("\"order placed\"~2", NOW)), analyzer))
        .isInstanceOf(DocumentMatcher.UnsupportedQueryException.class)
        .hasMessageContaining("message:\"order placed\"~2");
    assertThatThrownBy(() -> DocumentMatcher.compile(List.of(new MultiPhraseQuery.Builder()
        .add(new Term[] {new Term("message", "a"), new Term("message", "b")})
        .add(new Term("message", "c")).build()), analyzer))
        .isInstanceOf(DocumentMatcher.UnsupportedQueryException.class)
        .hasMessageContaining("message:\"(a b) c\"");
    // Doc values are not looked at: queries that read only them are refused, even negated.
    assertThatThrownBy(() -> DocumentMatcher.compile(List.of(new BooleanQuery.Builder()
        .add(ok, Occur.MUST)
        .add(SortedNumericDocValuesField.newSlowRangeQuery(IndexSchema.SEQ, 1, 2), Occur.MUST_NOT)
        .build()), analyzer))
        .isInstanceOf(DocumentMatcher.UnsupportedQueryException.class)
        .hasMessageContaining("_seq:[1 TO 2]");
    assertThatThrownBy(() -> DocumentMatcher.compile(
        List.of(new FieldExistsQuery("service")), analyzer))
        .isInstanceOf(DocumentMatcher.UnsupportedQueryException.class)
        .hasMessageContaining("FieldExistsQuery");
  }

  @Test
  void refusesAnEvaluationOfAnotherMatcher() throws IOException {
    List<Query> queries = List.of(TestEventQueries.parse("service:payments", NOW));
    DocumentMatcher one = DocumentMatcher.compile(queries, new StandardAnalyzer());
    DocumentMatcher other = DocumentMatcher.compile(queries, new StandardAnalyzer());
    forEachDocument((event, document) ->
        assertThatThrownBy(() -> one.firstMatch(document, other.newEvaluation()))
            .isInstanceOf(IllegalArgumentException.class));
  }
}
