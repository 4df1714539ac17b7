package io.strata.ingest.elastic;

import io.strata.pipeline.ByteScan;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.strata.infra.http.ProblemException;
import io.strata.ingest.EventRecords;
import io.strata.ingest.IngestConfig;
import io.strata.ingest.JsonEvents;
import io.strata.pipeline.DocumentIds;
import io.strata.pipeline.EventNormalizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Reads an Elasticsearch {@code _bulk} body (NDJSON: an action line, then for {@code index} and
 * {@code create} the document line) into Strata events, one bulk item per action, in order.
 *
 * <p>Each document is kept as sent, with the index it was sent to added as the field {@value
 * #STREAM_FIELD} (unless the document has its own): the indexer's normaliser then reads it like a
 * native event. A bad document is refused on its own with the error Elasticsearch would give; a
 * malformed action line refuses the whole request (400), as Elasticsearch does, because the items
 * after it can no longer be told apart. Empty lines are skipped (rsyslog sends them).
 *
 * <p>Caution: not thread-safe; one instance per request.
 */
final class BulkParser {

  /** The field that keeps the target index (Strata's stream) of each document. */
  static final String STREAM_FIELD = "stream";

  static final Set<String> ACTIONS = Set.of("index", "create", "update", "delete");

  private static final JsonFactory JSON = new JsonFactory();
  private static final byte[] STREAM_PREFIX =
      ("{\"" + STREAM_FIELD + "\":").getBytes(StandardCharsets.UTF_8);

  /** The outcome of one action, in request order. */
  record Item(String action, String index, String id, int status, String errorType,
      String reason) {}

  /** The parsed request: records to publish and one item per action. */
  record Result(List<byte[]> records, int accepted, int rejected, List<Item> items) {}

  private final String pathIndex;
  private final long maxEventBytes;
  private final int maxFields;
  private final EventRecords records;
  private final List<Item> items = new ArrayList<>();
  private byte[] scratch = new byte[4096];
  private int rejected;

  /** {@code pathIndex} is the index of {@code /{index}/_bulk}, or null for {@code /_bulk}. */
  BulkParser(IngestConfig config, long ingestedAtMillis, String pathIndex) {
    this.pathIndex = pathIndex;
    this.maxEventBytes = config.maxEventBytes().asLongValue();
    this.maxFields = config.maxFieldsPerEvent();
    this.records = new EventRecords(config, ingestedAtMillis);
  }

  /** Parses the body; a 400 problem when an action line is malformed or a document is missing. */
  Result parse(byte[] body, int length) {
    records.expect(length); // action lines included: an overestimate, which costs only slack
    int start = 0;
    int line = 0;
    Action pending = null;
    while (start < length) {
      int end = ByteScan.indexOf(body, (byte) '\n', start, length);
      line++;
      int stop = end;
      if (stop > start && body[stop - 1] == '\r') {
        stop--;
      }
      int from = skipSpace(body, start, stop);
      start = end + 1;
      if (from == stop) {
        continue;
      }
      if (pending == null) {
        Action action = readAction(body, from, stop, line);
        if (action.name.equals("delete")) {
          refuse(action, "delete");
        } else {
          pending = action;
        }
      } else {
        if (pending.name.equals("update")) {
          refuse(pending, "update");
        } else {
          document(pending, body, from, stop, line);
        }
        pending = null;
      }
    }
    if (pending != null) {
      throw syntax("The bulk request must be terminated by a newline [\\n]: the "
          + pending.name + " action on line " + pending.line + " has no document line.");
    }
    if (items.isEmpty()) {
      throw syntax("Validation Failed: 1: no requests added;");
    }
    int accepted = records.count();
    return new Result(records.finish(), accepted, rejected, items);
  }

  private record Action(String name, String index, String id, int line) {}

  private Action readAction(byte[] body, int from, int stop, int line) {
    try (JsonParser parser = JSON.createParser(body, from, stop - from)) {
      JsonToken token = parser.nextToken();
      if (token != JsonToken.START_OBJECT) {
        throw malformed(line, "expected START_OBJECT but found [" + token + "]");
      }
      if (parser.nextToken() != JsonToken.FIELD_NAME) {
        throw malformed(line, "expected FIELD_NAME but found [" + parser.currentToken() + "]");
      }
      String name = parser.currentName();
      if (!ACTIONS.contains(name)) {
        throw malformed(line, "expected one of [create, delete, index, update] but found ["
            + name + "]");
      }
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw malformed(line, "expected START_OBJECT but found [" + parser.currentToken() + "]");
      }
      String index = pathIndex;
      String id = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals("_index") && value == JsonToken.VALUE_STRING) {
          index = parser.getText();
        } else if (field.equals("_id") && value.isScalarValue() && value != JsonToken.VALUE_NULL) {
          id = parser.getText();
        } else {
          parser.skipChildren();
        }
      }
      if (parser.nextToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
        throw malformed(line, "expected END_OBJECT after the action");
      }
      return new Action(name, index, id, line);
    } catch (JsonProcessingException e) {
      throw malformed(line, e.getOriginalMessage());
    } catch (IOException e) {
      throw malformed(line, e.getMessage());
    }
  }

  private void document(Action action, byte[] body, int from, int stop, int line) {
    if (action.index == null || action.index.isEmpty()) {
      refuse(action, 400, "action_request_validation_exception",
          "Validation Failed: 1: index is missing;");
      return;
    }
    String tooLarge = JsonEvents.tooLarge(stop - from, maxEventBytes);
    if (tooLarge != null) {
      refuse(action, 400, "illegal_argument_exception", tooLarge);
      return;
    }
    boolean ownStream = false;
    int fields;
    try (JsonParser parser = JSON.createParser(body, from, stop - from)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        refuse(action, 400, "document_parsing_exception", "[" + line + ":1] failed to parse: the "
            + "document must be a JSON object");
        return;
      }
      fields = 0;
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        ownStream |= parser.currentName().equals(STREAM_FIELD);
        token = parser.nextToken();
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          fields += JsonEvents.countLeaves(parser);
        } else if (token != JsonToken.VALUE_NULL) {
          fields++;
        }
      }
      if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
        refuse(action, 400, "document_parsing_exception", "[" + line + ":"
            + parser.currentTokenLocation().getColumnNr() + "] failed to parse: unexpected content"
            + " after the document");
        return;
      }
    } catch (JsonProcessingException e) {
      var where = e.getLocation();
      refuse(action, 400, "document_parsing_exception", "[" + line + ":"
          + (where == null ? "?" : where.getColumnNr()) + "] failed to parse: "
          + e.getOriginalMessage());
      return;
    } catch (IOException e) {
      refuse(action, 400, "document_parsing_exception", "failed to parse: " + e.getMessage());
      return;
    }
    String tooMany = JsonEvents.tooManyFields(fields + (ownStream ? 0 : 1), maxFields);
    if (tooMany != null) {
      refuse(action, 400, "illegal_argument_exception", tooMany);
      return;
    }
    byte[] id = null;
    if (action.id != null) {
      id = action.id.getBytes(StandardCharsets.UTF_8);
      if (id.length > DocumentIds.MAX_BYTES) {
        refuse(action, 400, "illegal_argument_exception", "id [" + action.id + "] is too long,"
            + " must be no longer than " + DocumentIds.MAX_BYTES + " bytes but was: " + id.length);
        return;
      }
    }
    if (ownStream) {
      add(id, body, from, stop - from);
    } else {
      int n = withStream(action.index, body, from, stop);
      add(id, scratch, 0, n);
    }
    items.add(new Item(action.name, action.index, action.id, 201, null, null));
  }

  /**
   * Adds a document; one with an {@code _id} carries it, so that the indexer replaces a retried
   * copy instead of storing it twice.
   */
  private void add(byte[] id, byte[] json, int off, int len) {
    if (id == null) {
      records.add(EventNormalizer.KIND_JSON, json, off, len);
      return;
    }
    byte[] event = new byte[DocumentIds.size(id, len)];
    DocumentIds.write(id, json, off, len, event);
    records.add(EventNormalizer.KIND_JSON_WITH_ID, event, 0, event.length);
  }

  /**
   * Writes {@code {"stream":"<index>", ...the document's own fields}} into {@link #scratch}
   * without re-encoding them; returns its length.
   */
  private int withStream(String index, byte[] body, int from, int stop) {
    byte[] quoted = JsonStringEncoder.getInstance().quoteAsUTF8(index);
    int rest = from + 1; // after the document's '{'
    boolean empty = body[skipSpace(body, rest, stop)] == '}';
    int size = STREAM_PREFIX.length + quoted.length + 2 + (empty ? 1 : 1 + stop - rest);
    if (scratch.length < size) {
      scratch = Arrays.copyOf(scratch, Math.max(size, scratch.length * 2));
    }
    int n = 0;
    System.arraycopy(STREAM_PREFIX, 0, scratch, n, STREAM_PREFIX.length);
    n += STREAM_PREFIX.length;
    scratch[n++] = '"';
    System.arraycopy(quoted, 0, scratch, n, quoted.length);
    n += quoted.length;
    scratch[n++] = '"';
    if (empty) {
      scratch[n++] = '}';
    } else {
      scratch[n++] = ',';
      System.arraycopy(body, rest, scratch, n, stop - rest);
      n += stop - rest;
    }
    return n;
  }

  private void refuse(Action action, String what) {
    refuse(action, 400, "illegal_argument_exception", "Strata keeps logs append-only: the bulk API"
        + " takes index and create actions, not " + what);
  }

  private void refuse(Action action, int status, String type, String reason) {
    rejected++;
    items.add(new Item(action.name, action.index == null ? "" : action.index, action.id, status,
        type, reason));
  }

  private static ProblemException malformed(int line, String detail) {
    return syntax("Malformed action/metadata line [" + line + "], " + detail);
  }

  private static ProblemException syntax(String detail) {
    return ProblemException.badRequest("illegal_argument_exception", detail);
  }

  private static int skipSpace(byte[] body, int from, int to) {
    int i = from;
    while (i < to && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r')) {
      i++;
    }
    return i;
  }
}
